"""The limiters and withholding of DESIGN §5, on small hand-built datasets."""

from __future__ import annotations

import datetime as dt

import pytest

from csrating.errors import ModerationError
from csrating.frameworks import Moderation, assess, explain, load_framework
from csrating.profile import build_profile
from csrating.scales import CouncilRating
from factories import council_inspection, make_dataset, neighbourhood, typical_council

FRAMEWORK = load_framework("rating-2009")
GOOD_FULL = [
    council_inspection("885", "safeguarding_lac", dt.date(2009, 6, 15), "overall_safeguarding", 2),
    council_inspection("885", "safeguarding_lac", dt.date(2009, 6, 15), "overall_lac", 2),
]


def _rate(extra: list[dict[str, object]], moderation: Moderation | None = None):  # type: ignore[no-untyped-def]
    settings = [row for code in neighbourhood("885") for row in typical_council(code)]
    dataset = make_dataset(settings, GOOD_FULL + extra)
    profile = build_profile(dataset, "885", FRAMEWORK.profile)
    return assess(profile, FRAMEWORK, moderation=moderation)


def test_baseline_council_performs_well() -> None:
    result = _rate([])
    assert result.rating is CouncilRating.PERFORMS_WELL
    assert result.limiters == ()


def test_unannounced_priority_action_lowers_by_one() -> None:
    result = _rate(
        [
            council_inspection(
                "885", "unannounced_cra", dt.date(2009, 7, 20), outcome="priority_action"
            )
        ]
    )
    assert result.provisional is CouncilRating.PERFORMS_WELL
    assert result.rating is CouncilRating.PERFORMS_ADEQUATELY
    assert result.limiters == ("R09-L2",)


def test_unannounced_before_the_latest_full_inspection_does_not_limit() -> None:
    result = _rate(
        [
            council_inspection(
                "885", "unannounced_cra", dt.date(2009, 6, 1), outcome="priority_action"
            )
        ]
    )
    assert result.rating is CouncilRating.PERFORMS_WELL


def test_inadequate_full_safeguarding_makes_it_performs_poorly() -> None:
    result = _rate(
        [
            council_inspection(
                "885", "safeguarding_lac", dt.date(2009, 8, 1), "overall_safeguarding", 4
            )
        ]
    )
    assert result.rating is CouncilRating.PERFORMS_POORLY
    assert "R09-L3" in result.limiters


def test_inadequate_jar_limits_until_a_full_inspection_supersedes_it() -> None:
    jar = [council_inspection("885", "jar", dt.date(2008, 1, 10), "safeguarding", 4)]
    settings = [row for code in neighbourhood("885") for row in typical_council(code)]
    profile = build_profile(make_dataset(settings, jar), "885", FRAMEWORK.profile)
    assert assess(profile, FRAMEWORK).rating is CouncilRating.PERFORMS_POORLY
    later = build_profile(make_dataset(settings, jar + GOOD_FULL), "885", FRAMEWORK.profile)
    assert assess(later, FRAMEWORK).rating is CouncilRating.PERFORMS_WELL


def test_withheld_moderation_gives_no_grade() -> None:
    moderation = Moderation(
        "A Inspector", dt.date(2009, 11, 1), None, None, "inspection pending", withhold=True
    )
    result = _rate([], moderation)
    assert result.rating is None and result.withheld
    assert result.to_dict()["grade"] is None
    assert result.trace[-1].code == "MODERATION"


def test_override_is_applied_after_the_rules_and_kept_in_the_trace() -> None:
    moderation = Moderation(
        "A Inspector",
        dt.date(2009, 11, 1),
        CouncilRating.PERFORMS_WELL,
        CouncilRating.PERFORMS_EXCELLENTLY,
        "outstanding practice seen on the ground",
    )
    result = _rate([], moderation)
    assert result.rating is CouncilRating.PERFORMS_EXCELLENTLY
    assert result.provisional is CouncilRating.PERFORMS_WELL
    assert "outstanding practice" in result.trace[-1].reason


def test_override_without_reason_is_refused() -> None:
    moderation = Moderation(
        "A Inspector", dt.date(2009, 11, 1), None, CouncilRating.PERFORMS_POORLY, "  "
    )
    with pytest.raises(ModerationError, match="needs a reason"):
        _rate([], moderation)


def test_override_from_a_stale_grade_is_refused() -> None:
    moderation = Moderation(
        "A Inspector",
        dt.date(2009, 11, 1),
        CouncilRating.PERFORMS_ADEQUATELY,
        CouncilRating.PERFORMS_WELL,
        "judgement",
    )
    with pytest.raises(ModerationError, match="rules now give"):
        _rate([], moderation)


def test_a_later_good_full_inspection_lifts_an_inadequate_one() -> None:
    inadequate = council_inspection(
        "885", "safeguarding_lac", dt.date(2009, 7, 1), "overall_safeguarding", 4
    )
    later = [
        council_inspection(
            "885", "safeguarding_lac", dt.date(2009, 8, 20), "overall_safeguarding", 2
        ),
        council_inspection("885", "safeguarding_lac", dt.date(2009, 8, 20), "overall_lac", 2),
    ]
    settings = [row for code in neighbourhood("885") for row in typical_council(code)]
    limited = build_profile(make_dataset(settings, [inadequate]), "885", FRAMEWORK.profile)
    assert assess(limited, FRAMEWORK).rating is CouncilRating.PERFORMS_POORLY
    lifted = build_profile(make_dataset(settings, [inadequate, *later]), "885", FRAMEWORK.profile)
    result = assess(lifted, FRAMEWORK)
    assert result.rating is CouncilRating.PERFORMS_WELL and "R09-L3" not in result.limiters


def test_a_limiter_that_changes_nothing_is_explained_as_such() -> None:
    settings = [
        row
        for code in neighbourhood("885")
        for row in typical_council(code, good_share=0.7 if code != "885" else 0.3)
    ]
    extra = [
        council_inspection(
            "885", "unannounced_cra", dt.date(2009, 8, 20), outcome="priority_action"
        ),
        council_inspection(
            "885", "safeguarding_lac", dt.date(2009, 8, 1), "overall_safeguarding", 4
        ),
    ]
    dataset = make_dataset(settings, GOOD_FULL + extra)
    result = assess(build_profile(dataset, "885", FRAMEWORK.profile), FRAMEWORK)
    assert result.provisional is CouncilRating.PERFORMS_POORLY
    fired = {r.code: r for r in result.trace if r.is_limiter and r.outcome.name == "FIRED"}
    assert set(fired) == {"R09-L2", "R09-L3"}
    assert not any(r.changed_grade for r in fired.values())
    steps = explain(result)
    assert "already the lowest grade" in next(s for s in steps if "(rule R09-L2)" in s)
    assert "already no higher than that" in next(s for s in steps if "(rule R09-L3)" in s)


def test_a_limiter_that_changes_the_grade_is_not_called_idle() -> None:
    result = _rate(
        [
            council_inspection(
                "885", "unannounced_cra", dt.date(2009, 7, 20), outcome="priority_action"
            )
        ]
    )
    step = next(s for s in explain(result) if "(rule R09-L2)" in s)
    assert "take one grade off" in step and "already" not in step
