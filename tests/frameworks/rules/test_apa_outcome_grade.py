"""``apa_outcome_grade``: an outcome's APA grade, recorded or from its indicators."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from pydantic import ValidationError

from csrating.frameworks import Effect, Outcome
from csrating.frameworks.assessment import NO_EFFECT
from csrating.frameworks.rules.apa import ApaFigures, OutcomeParams, apa_outcome_grade
from csrating.profile.model import PerformanceProfile
from csrating.scales import ApaGrade, EcmOutcome
from factories import explanation, indicator_line, indicators_of, make_state

ProfileFactory = Callable[..., PerformanceProfile]
KIND = "apa_outcome_grade"
HEALTHY = indicators_of(EcmOutcome.BEING_HEALTHY)
SAFE = indicators_of(EcmOutcome.STAYING_SAFE)
PARAMS = OutcomeParams(outcome=EcmOutcome.BEING_HEALTHY, score_cutoffs=[1.9, 2.5, 3.2])


def _verdict(  # type: ignore[no-untyped-def]
    profile_factory: ProfileFactory,
    bands: Sequence[int | None],
    inputs: dict[str, str] | None = None,
    params: OutcomeParams = PARAMS,
):
    lines = [indicator_line(i, b) for i, b in zip(HEALTHY, bands, strict=False)]
    lines += [indicator_line(i, 1) for i in SAFE]  # another outcome's: never counted
    profile = profile_factory(indicators=lines)
    return apa_outcome_grade(params, profile, make_state(inputs=inputs))


def test_the_recorded_grade_is_used_as_it_is(profile_factory: ProfileFactory) -> None:
    verdict = _verdict(profile_factory, [1, 1, 1], inputs={"apa.being_healthy": "4"})
    assert verdict.outcome is Outcome.FIRED
    assert verdict.figures == ApaFigures(
        "being_healthy", "Being healthy", ApaGrade.OUTSTANDING, "recorded"
    )
    assert verdict.effect == Effect(apa=("being_healthy", ApaGrade.OUTSTANDING))
    assert explanation(KIND, verdict) == "Being healthy: grade 4, as recorded by inspectors."


def test_a_recorded_grade_may_be_a_word(profile_factory: ProfileFactory) -> None:
    verdict = _verdict(profile_factory, [], inputs={"apa.being_healthy": "Adequate"})
    assert verdict.effect == Effect(apa=("being_healthy", ApaGrade.ADEQUATE))


def test_another_areas_recorded_grade_is_not_used(profile_factory: ProfileFactory) -> None:
    verdict = _verdict(profile_factory, [3, 3, 3], inputs={"apa.staying_safe": "1"})
    assert verdict.figures.source == "indicators"  # type: ignore[attr-defined]


def test_without_a_recorded_grade_the_indicators_give_it(profile_factory: ProfileFactory) -> None:
    verdict = _verdict(profile_factory, [4, 3, 2, None])
    assert verdict.outcome is Outcome.FIRED
    assert verdict.figures == ApaFigures(
        "being_healthy", "Being healthy", ApaGrade.GOOD, "indicators", 3, 3.0
    )
    assert verdict.effect == Effect(apa=("being_healthy", ApaGrade.GOOD))
    assert explanation(KIND, verdict) == (
        "Being healthy: the mean band of its three indicators is 3.00, which gives grade 3."
    )


@pytest.mark.parametrize(
    ("bands", "grade"),
    [
        ((2, 2, 1, 2, 2), 1),  # 1.8
        ((2, 2, 2, 2, 1, 2, 2, 2, 2, 2), 2),  # 1.9: the first cut-off is reached
        ((2, 3, 2, 3), 3),  # 2.5
        ((3, 3, 3, 3, 3, 3, 3, 3, 3, 4), 3),  # 3.1
        ((3, 3, 3, 4, 3), 4),  # 3.2
    ],
)
def test_score_cut_offs_are_reached_at_their_value(
    profile_factory: ProfileFactory, bands: tuple[int, ...], grade: int
) -> None:
    assert _verdict(profile_factory, bands).figures.grade is ApaGrade(grade)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("bands", "text"),
    [
        ([], "no indicator of the outcome has a band"),
        ([None, None, None], "no indicator of the outcome has a band"),
        ([3, None], "only one indicator of the outcome has a band"),
        ([3, 2], "only two indicators of the outcome have a band"),
    ],
)
def test_too_few_banded_indicators_leave_it_ungraded(
    profile_factory: ProfileFactory, bands: list[int | None], text: str
) -> None:
    verdict = _verdict(profile_factory, bands)
    assert verdict.outcome is Outcome.NOT_APPLICABLE
    banded = sum(1 for b in bands if b is not None)
    assert verdict.figures == ApaFigures(
        "being_healthy", "Being healthy", None, "indicators", banded, needed=3
    )
    assert verdict.effect is NO_EFFECT
    assert explanation(KIND, verdict) == (
        f"Being healthy: not graded, because {text} (it takes 3)."
    )


def test_the_minimum_is_a_parameter(profile_factory: ProfileFactory) -> None:
    params = OutcomeParams(
        outcome=EcmOutcome.BEING_HEALTHY, score_cutoffs=[1.9, 2.5, 3.2], min_indicators=1
    )
    verdict = _verdict(profile_factory, [1], params=params)
    assert verdict.figures.grade is ApaGrade.INADEQUATE  # type: ignore[attr-defined]
    assert explanation(KIND, verdict) == (
        "Being healthy: the mean band of its one indicator is 1.00, which gives grade 1."
    )


def test_bad_parameters_are_refused() -> None:
    with pytest.raises(ValidationError):
        OutcomeParams.model_validate({"outcome": "being_happy", "score_cutoffs": [1, 2, 3]})
    with pytest.raises(ValidationError):
        OutcomeParams.model_validate({"outcome": "being_healthy", "score_cutoffs": [3, 2, 1]})
