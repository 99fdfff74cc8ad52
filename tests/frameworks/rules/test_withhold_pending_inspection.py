"""``withhold_pending_inspection``: no rating while an inspection was under way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from pydantic import ValidationError

from csrating.frameworks import Effect, Outcome
from csrating.frameworks.assessment import NO_EFFECT
from csrating.frameworks.rules.limiters import (
    PendingFigures,
    PendingParams,
    withhold_pending_inspection,
)
from csrating.profile.model import CouncilInspection, PerformanceProfile
from factories import council_record, explanation, make_block_b, make_state

ProfileFactory = Callable[..., PerformanceProfile]
KIND = "withhold_pending_inspection"
DECIDED = dt.date(2011, 11, 2)
EIGHT_WEEKS_ON = DECIDED + dt.timedelta(weeks=8)  # 28 December 2011


def _full(published: dt.date, kind: str = "safeguarding_lac") -> CouncilInspection:
    return council_record(kind, published, overall_safeguarding=2, overall_lac=2)


def _verdict(  # type: ignore[no-untyped-def]
    profile_factory: ProfileFactory,
    after: list[CouncilInspection],
    params: PendingParams | None = None,
    decision_date: dt.date | None = DECIDED,
):
    profile = profile_factory(
        block_b=make_block_b(published_after=after),
        as_at=dt.date(2011, 8, 31),
        decision_date=decision_date,
    )
    return withhold_pending_inspection(params or PendingParams(), profile, make_state(grade=3))


def test_an_inspection_published_soon_after_the_decision_withholds(
    profile_factory: ProfileFactory,
) -> None:
    published = dt.date(2011, 11, 23)
    verdict = _verdict(profile_factory, [_full(published)])
    assert verdict.outcome is Outcome.FIRED
    assert verdict.figures == PendingFigures("safeguarding_lac", 8, DECIDED, published)
    assert verdict.effect == Effect(
        withhold=(
            "the inspection of safeguarding and looked after children services published on "
            "23 November 2011 was under way when the rating was decided"
        )
    )
    assert explanation(KIND, verdict) == (
        "The full inspection published on 23 November 2011, within eight weeks of the "
        "decision on 2 November 2011, was under way when the rating was decided: the rating "
        "is withheld pending its outcome."
    )


@pytest.mark.parametrize(
    ("published", "outcome"),
    [
        (DECIDED + dt.timedelta(days=1), Outcome.FIRED),
        (EIGHT_WEEKS_ON, Outcome.FIRED),  # the last day counts
        (EIGHT_WEEKS_ON + dt.timedelta(days=1), Outcome.NOT_FIRED),
    ],
)
def test_the_weeks_are_counted_from_the_decision(
    profile_factory: ProfileFactory, published: dt.date, outcome: Outcome
) -> None:
    assert _verdict(profile_factory, [_full(published)]).outcome is outcome


def test_nothing_published_after_the_decision_does_not_fire(
    profile_factory: ProfileFactory,
) -> None:
    verdict = _verdict(profile_factory, [])
    assert verdict.outcome is Outcome.NOT_FIRED
    assert verdict.figures == PendingFigures("safeguarding_lac", 8, DECIDED)
    assert verdict.effect is NO_EFFECT
    assert explanation(KIND, verdict) == (
        "No full inspection was published within eight weeks of the decision, so no rating "
        "is withheld pending one."
    )


def test_only_an_inspection_of_the_kind_named_counts(profile_factory: ProfileFactory) -> None:
    jar = council_record("jar", dt.date(2011, 11, 20), safeguarding=2)
    assert _verdict(profile_factory, [jar]).outcome is Outcome.NOT_FIRED
    ilacs = PendingParams(kind="ilacs", weeks=4)
    soon = _full(dt.date(2011, 11, 20), kind="ilacs")
    verdict = _verdict(profile_factory, [soon], ilacs)
    assert verdict.outcome is Outcome.FIRED
    assert verdict.effect.withhold == (
        "the inspection of local authority children's services published on 20 November "
        "2011 was under way when the rating was decided"
    )
    assert explanation(KIND, verdict).startswith(
        "The inspection of local authority children's services published on 20 November 2011, "
        "within four weeks of the decision"
    )


def test_without_a_decision_date_the_cut_off_is_the_decision(
    profile_factory: ProfileFactory,
) -> None:
    verdict = _verdict(profile_factory, [_full(dt.date(2011, 9, 14))], decision_date=None)
    assert verdict.figures == PendingFigures(  # type: ignore[comparison-overlap]
        "safeguarding_lac", 8, dt.date(2011, 8, 31), dt.date(2011, 9, 14)
    )


def test_the_weeks_are_one_to_twenty_six() -> None:
    for weeks in (0, 27):
        with pytest.raises(ValidationError):
            PendingParams(weeks=weeks)
