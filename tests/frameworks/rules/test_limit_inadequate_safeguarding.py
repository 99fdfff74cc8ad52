"""``limit_inadequate_safeguarding``: inadequate safeguarding caps the rating."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from pydantic import ValidationError

from csrating.frameworks import Effect, Outcome
from csrating.frameworks.assessment import NO_EFFECT
from csrating.frameworks.rules.limiters import (
    SafeguardingFigures,
    SafeguardingParams,
    limit_safeguarding,
)
from csrating.profile.model import CouncilInspection, PerformanceProfile
from csrating.scales import CouncilRating, InspectionGrade
from factories import council_record, explanation, make_block_b, make_state

ProfileFactory = Callable[..., PerformanceProfile]
KIND = "limit_inadequate_safeguarding"
FULL_DATE = dt.date(2009, 6, 15)
JAR_DATE = dt.date(2008, 1, 10)
POORLY = CouncilRating.PERFORMS_POORLY


def _full(safeguarding: int) -> CouncilInspection:
    return council_record(
        "safeguarding_lac", FULL_DATE, overall_safeguarding=safeguarding, overall_lac=2
    )


def _jar(safeguarding: int) -> CouncilInspection:
    return council_record("jar", JAR_DATE, safeguarding=safeguarding, looked_after_children=2)


def _verdict(  # type: ignore[no-untyped-def]
    profile_factory: ProfileFactory,
    full: CouncilInspection | None = None,
    jar: CouncilInspection | None = None,
    params: SafeguardingParams | None = None,
):
    profile = profile_factory(block_b=make_block_b(full=full, jar=jar))
    return limit_safeguarding(params or SafeguardingParams(), profile, make_state(grade=3))


def test_an_inadequate_full_inspection_caps_the_rating(profile_factory: ProfileFactory) -> None:
    verdict = _verdict(profile_factory, full=_full(4))
    assert verdict.outcome is Outcome.FIRED
    assert verdict.figures == SafeguardingFigures(
        "full inspection", FULL_DATE, InspectionGrade.INADEQUATE, POORLY
    )
    assert verdict.effect == Effect(cap=POORLY)
    assert explanation(KIND, verdict) == (
        "The full inspection of 15 June 2009 judged safeguarding inadequate, so the rating "
        "can be no higher than 'performs poorly', however good the rest of the profile."
    )


@pytest.mark.parametrize(("grade", "word"), [(1, "outstanding"), (2, "good"), (3, "satisfactory")])
def test_a_full_inspection_judging_safeguarding_adequate_or_better_does_not_fire(
    profile_factory: ProfileFactory, grade: int, word: str
) -> None:
    verdict = _verdict(profile_factory, full=_full(grade))
    assert verdict.outcome is Outcome.NOT_FIRED
    assert verdict.figures.grade is InspectionGrade(grade)  # type: ignore[attr-defined]
    assert verdict.effect is NO_EFFECT
    assert explanation(KIND, verdict) == (
        f"The full inspection of 15 June 2009 judged safeguarding {word}, so the safeguarding "
        "limit does not apply."
    )


def test_an_inadequate_joint_area_review_caps_the_rating_before_any_full_inspection(
    profile_factory: ProfileFactory,
) -> None:
    verdict = _verdict(profile_factory, jar=_jar(4))
    assert verdict.outcome is Outcome.FIRED
    assert verdict.figures == SafeguardingFigures(
        "joint area review", JAR_DATE, InspectionGrade.INADEQUATE, POORLY
    )
    assert explanation(KIND, verdict).startswith(
        "The joint area review of 10 January 2008 judged safeguarding inadequate"
    )


def test_a_full_inspection_supersedes_an_inadequate_joint_area_review(
    profile_factory: ProfileFactory,
) -> None:
    verdict = _verdict(profile_factory, full=_full(2), jar=_jar(4))
    assert verdict.outcome is Outcome.NOT_FIRED
    assert verdict.figures.evidence == "full inspection"  # type: ignore[attr-defined]


def test_an_inadequate_full_inspection_fires_whatever_the_review_said(
    profile_factory: ProfileFactory,
) -> None:
    verdict = _verdict(profile_factory, full=_full(4), jar=_jar(1))
    assert verdict.outcome is Outcome.FIRED


def test_a_full_inspection_that_did_not_judge_safeguarding_does_not_fire(
    profile_factory: ProfileFactory,
) -> None:
    full = council_record("safeguarding_lac", FULL_DATE, overall_lac=4)
    verdict = _verdict(profile_factory, full=full, jar=_jar(4))
    assert verdict.outcome is Outcome.NOT_FIRED
    assert verdict.figures == SafeguardingFigures("full inspection", FULL_DATE, None, POORLY)
    assert explanation(KIND, verdict) == (
        "The full inspection of 15 June 2009 did not judge safeguarding, so the safeguarding "
        "limit does not apply."
    )


def test_no_safeguarding_evidence_is_not_applicable(profile_factory: ProfileFactory) -> None:
    verdict = _verdict(profile_factory)
    assert verdict.outcome is Outcome.NOT_APPLICABLE
    assert verdict.figures == SafeguardingFigures(None, None, None, POORLY)
    assert explanation(KIND, verdict) == (
        "There is no safeguarding judgement yet (no full inspection or joint area review), "
        "so the safeguarding limit does not apply."
    )


def test_the_cap_and_judgements_are_parameters(profile_factory: ProfileFactory) -> None:
    params = SafeguardingParams(cap=2, full_judgement="overall_lac")
    full = council_record("safeguarding_lac", FULL_DATE, overall_safeguarding=1, overall_lac=4)
    verdict = _verdict(profile_factory, full=full, params=params)
    assert verdict.effect == Effect(cap=CouncilRating.PERFORMS_ADEQUATELY)
    assert explanation(KIND, verdict).endswith(
        "can be no higher than 'performs adequately', however good the rest of the profile."
    )


def test_the_cap_is_a_council_rating() -> None:
    for cap in (0, 5):
        with pytest.raises(ValidationError):
            SafeguardingParams(cap=cap)


def test_a_present_day_framework_limits_on_the_ilacs_judgement(
    profile_factory: ProfileFactory,
) -> None:
    ilacs = council_record("ilacs", dt.date(2025, 3, 4), overall_effectiveness=4)
    params = SafeguardingParams(kind="ilacs", full_judgement="overall_effectiveness")
    profile = profile_factory(block_b=make_block_b(full=_full(2), others=[ilacs]))
    verdict = limit_safeguarding(params, profile, make_state(grade=3))
    assert verdict.outcome is Outcome.FIRED
    assert verdict.figures == SafeguardingFigures(
        "inspection of local authority children's services",
        dt.date(2025, 3, 4),
        InspectionGrade.INADEQUATE,
        POORLY,
    )
    assert explanation(KIND, verdict).startswith(
        "The inspection of local authority children's services of 4 March 2025 judged "
        "safeguarding inadequate"
    )


def test_the_review_can_be_kept_from_standing_in(profile_factory: ProfileFactory) -> None:
    params = SafeguardingParams(kind="ilacs", jar_fallback=False)
    verdict = _verdict(profile_factory, jar=_jar(4), params=params)
    assert verdict.outcome is Outcome.NOT_APPLICABLE
    assert (
        _verdict(profile_factory, jar=_jar(4), params=SafeguardingParams(kind="ilacs")).outcome
        is Outcome.FIRED
    )
