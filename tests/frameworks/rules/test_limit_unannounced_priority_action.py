"""``limit_unannounced_priority_action``: areas for priority action cost grades."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from pydantic import ValidationError

from csrating.frameworks import Effect, Outcome
from csrating.frameworks.assessment import NO_EFFECT
from csrating.frameworks.rules.limiters import (
    UnannouncedFigures,
    UnannouncedParams,
    limit_unannounced,
)
from csrating.profile.model import PerformanceProfile
from factories import council_record, explanation, make_block_b, make_state

ProfileFactory = Callable[..., PerformanceProfile]
KIND = "limit_unannounced_priority_action"
CRA = "unannounced inspection of contact, referral and assessment"
FULL = council_record(
    "safeguarding_lac", dt.date(2009, 3, 1), overall_safeguarding=2, overall_lac=2
)


def _verdict(  # type: ignore[no-untyped-def]
    profile_factory: ProfileFactory,
    unannounced: list[tuple[dt.date, str]],
    steps: int = 1,
    grade: int | None = 3,
):
    profile = profile_factory(block_b=make_block_b(full=FULL, unannounced=unannounced))
    return limit_unannounced(UnannouncedParams(steps=steps), profile, make_state(grade=grade))


def test_priority_action_lowers_the_rating_by_one_grade(profile_factory: ProfileFactory) -> None:
    verdict = _verdict(profile_factory, [(dt.date(2009, 7, 20), "priority_action")])
    assert verdict.outcome is Outcome.FIRED
    assert verdict.figures == UnannouncedFigures(1, 1, dt.date(2009, 7, 20), 1)
    assert verdict.effect == Effect(lower_by=1)
    assert explanation(KIND, verdict) == (
        f"An {CRA} in July 2009 found areas for priority action, for which the rules take "
        "one grade off the rating."
    )


def test_the_latest_inspection_with_priority_action_is_named(
    profile_factory: ProfileFactory,
) -> None:
    verdict = _verdict(
        profile_factory,
        [
            (dt.date(2009, 4, 2), "priority_action"),
            (dt.date(2009, 5, 11), "development"),
            (dt.date(2009, 7, 20), "priority_action"),
        ],
        steps=2,
    )
    assert verdict.figures == UnannouncedFigures(3, 2, dt.date(2009, 7, 20), 2)
    assert verdict.effect == Effect(lower_by=2)
    assert explanation(KIND, verdict) == (
        f"An {CRA} in July 2009 found areas for priority action, for which the rules take "
        "two grades off the rating."
    )


def test_no_unannounced_inspection_does_not_fire(profile_factory: ProfileFactory) -> None:
    verdict = _verdict(profile_factory, [])
    assert verdict.outcome is Outcome.NOT_FIRED
    assert verdict.figures == UnannouncedFigures(0, 0)
    assert verdict.effect is NO_EFFECT
    assert explanation(KIND, verdict) == (
        f"There has been no {CRA} since the latest full inspection, so no grade is taken "
        "off for one."
    )


@pytest.mark.parametrize(
    ("outcomes", "text"),
    [
        (["development"], "The one unannounced inspection since the latest full inspection"),
        (["none", "development"], "The two unannounced inspections since the latest full"),
    ],
)
def test_inspections_without_priority_action_do_not_fire(
    profile_factory: ProfileFactory, outcomes: list[str], text: str
) -> None:
    dates = [dt.date(2009, 4 + i, 1) for i in range(len(outcomes))]
    verdict = _verdict(profile_factory, list(zip(dates, outcomes, strict=True)))
    assert verdict.outcome is Outcome.NOT_FIRED
    assert verdict.figures == UnannouncedFigures(len(outcomes), 0)
    assert explanation(KIND, verdict).startswith(text)
    assert explanation(KIND, verdict).endswith(
        "found no areas for priority action, so no grade is taken off."
    )


def test_it_fires_whatever_the_grade_so_far(profile_factory: ProfileFactory) -> None:
    # The limiter does not look at the grade; the engine lowers it, never below 1.
    found = [(dt.date(2009, 7, 20), "priority_action")]
    assert _verdict(profile_factory, found, grade=1).outcome is Outcome.FIRED
    assert _verdict(profile_factory, found, grade=None).outcome is Outcome.FIRED


def test_steps_are_one_to_three() -> None:
    assert UnannouncedParams().steps == 1
    for steps in (0, 4):
        with pytest.raises(ValidationError):
            UnannouncedParams(steps=steps)
