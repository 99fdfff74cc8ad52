"""``limit_lowest_band_indicators``: too many indicators in the lowest band cap the rating."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pydantic import ValidationError

from csrating.frameworks import Effect, Outcome
from csrating.frameworks.assessment import NO_EFFECT
from csrating.frameworks.rules.limiters import (
    LowestBandFigures,
    LowestBandParams,
    limit_lowest_band,
)
from csrating.profile.model import IndicatorLine, PerformanceProfile
from csrating.scales import CouncilRating, EcmOutcome
from factories import explanation, indicator_line, indicators_of, make_state

ProfileFactory = Callable[..., PerformanceProfile]
KIND = "limit_lowest_band_indicators"
WHICH = "of the indicators that can limit the rating"
SAFE = indicators_of(EcmOutcome.STAYING_SAFE)
ENJOY = indicators_of(EcmOutcome.ENJOYING_ACHIEVING)
HEALTHY = indicators_of(EcmOutcome.BEING_HEALTHY)
PARAMS = LowestBandParams(
    outcomes=[EcmOutcome.STAYING_SAFE, EcmOutcome.ENJOYING_ACHIEVING], min_count=3, cap=2
)


def _verdict(  # type: ignore[no-untyped-def]
    profile_factory: ProfileFactory, lines: list[IndicatorLine], params: LowestBandParams = PARAMS
):
    return limit_lowest_band(params, profile_factory(indicators=lines), make_state(grade=3))


def test_enough_lowest_band_indicators_cap_the_rating(profile_factory: ProfileFactory) -> None:
    lines = [indicator_line(SAFE[0], 1), indicator_line(ENJOY[0], 1), indicator_line(ENJOY[1], 1)]
    verdict = _verdict(profile_factory, lines)
    assert verdict.outcome is Outcome.FIRED
    assert verdict.figures == LowestBandFigures(
        (SAFE[0], ENJOY[0], ENJOY[1]), 3, CouncilRating.PERFORMS_ADEQUATELY
    )
    assert verdict.effect == Effect(cap=CouncilRating.PERFORMS_ADEQUATELY)
    assert explanation(KIND, verdict) == (
        f"Three {WHICH} are in the lowest band ({SAFE[0]}, {ENJOY[0]}, {ENJOY[1]}), so the "
        "rating can be no higher than 'performs adequately'."
    )


@pytest.mark.parametrize(
    ("lowest", "text"),
    [
        (0, f"None {WHICH} is in the lowest band, so they set no limit."),
        (1, f"One {WHICH} is in the lowest band: too few to limit the rating (it takes three)."),
        (2, f"Two {WHICH} are in the lowest band: too few to limit the rating (it takes three)."),
    ],
)
def test_fewer_than_the_minimum_do_not_fire(
    profile_factory: ProfileFactory, lowest: int, text: str
) -> None:
    lines = [indicator_line(i, 1) for i in SAFE[:lowest]] + [indicator_line(SAFE[5], 2)]
    verdict = _verdict(profile_factory, lines)
    assert verdict.outcome is Outcome.NOT_FIRED
    assert verdict.figures == LowestBandFigures(
        tuple(SAFE[:lowest]), 3, CouncilRating.PERFORMS_ADEQUATELY
    )
    assert verdict.effect is NO_EFFECT
    assert explanation(KIND, verdict) == text


def test_only_the_named_outcomes_count(profile_factory: ProfileFactory) -> None:
    lines = [indicator_line(i, 1) for i in HEALTHY[:5]] + [indicator_line(SAFE[0], 1)]
    verdict = _verdict(profile_factory, lines)
    assert verdict.outcome is Outcome.NOT_FIRED
    assert verdict.figures.indicators == (SAFE[0],)  # type: ignore[attr-defined]


def test_only_the_lowest_band_counts(profile_factory: ProfileFactory) -> None:
    lines = [indicator_line(i, b) for i, b in zip(SAFE, [2, 2, None, 3, 4], strict=False)]
    assert _verdict(profile_factory, lines).figures.indicators == ()  # type: ignore[attr-defined]


def test_the_minimum_is_reached_at_its_value(profile_factory: ProfileFactory) -> None:
    params = LowestBandParams(outcomes=[EcmOutcome.STAYING_SAFE], min_count=12, cap=1)
    assert len(SAFE) == 12
    eleven = [indicator_line(i, 1) for i in SAFE[:11]] + [indicator_line(SAFE[11], 2)]
    twelve = [indicator_line(i, 1) for i in SAFE]
    assert _verdict(profile_factory, eleven, params).outcome is Outcome.NOT_FIRED
    fired = _verdict(profile_factory, twelve, params)
    assert fired.outcome is Outcome.FIRED
    assert fired.effect == Effect(cap=CouncilRating.PERFORMS_POORLY)
    assert explanation(KIND, fired).startswith(f"Twelve {WHICH} are in the lowest band (NI059, ")


@pytest.mark.parametrize(
    "values",
    [
        {"outcomes": ["staying_safe"], "min_count": 0, "cap": 2},
        {"outcomes": ["staying_safe"], "min_count": 3, "cap": 5},
        {"outcomes": ["staying_sound"], "min_count": 3, "cap": 2},
        {"outcomes": ["staying_safe"], "cap": 2},
    ],
)
def test_bad_parameters_are_refused(values: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        LowestBandParams.model_validate(values)
