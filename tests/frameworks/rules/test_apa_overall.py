"""``apa_overall``: the highest grade that enough of the outcomes reach."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pydantic import ValidationError

from csrating.frameworks import Effect, Outcome
from csrating.frameworks.assessment import NO_EFFECT
from csrating.frameworks.rules.apa import OverallFigures, OverallParams, apa_overall
from csrating.profile.model import PerformanceProfile
from csrating.scales import ApaGrade, CouncilRating, EcmOutcome
from factories import explanation, make_state

ProfileFactory = Callable[..., PerformanceProfile]
KIND = "apa_overall"
OUTCOMES = [o.value for o in EcmOutcome]


def _verdict(  # type: ignore[no-untyped-def]
    profile_factory: ProfileFactory, grades: list[int], params: OverallParams | None = None
):
    apa = dict(zip(OUTCOMES, grades, strict=False))
    return apa_overall(params or OverallParams(), profile_factory(), make_state(apa=apa))


def test_the_design_example_three_three_two_three_two_gives_two(
    profile_factory: ProfileFactory,
) -> None:
    verdict = _verdict(profile_factory, [3, 3, 2, 3, 2])
    assert verdict.outcome is Outcome.FIRED
    assert verdict.figures == OverallFigures((3, 3, 2, 3, 2), 4, ApaGrade.ADEQUATE)
    assert verdict.effect == Effect(
        apa=("overall", ApaGrade.ADEQUATE), grade=CouncilRating.PERFORMS_ADEQUATELY
    )
    assert explanation(KIND, verdict) == (
        "The outcomes are graded 3, 3, 2, 3, 2; 4 or more reach grade 2, so the overall grade is 2."
    )


def test_one_more_three_gives_three(profile_factory: ProfileFactory) -> None:
    verdict = _verdict(profile_factory, [3, 3, 2, 3, 3])
    assert verdict.figures.grade is ApaGrade.GOOD  # type: ignore[attr-defined]
    assert verdict.effect.grade is CouncilRating.PERFORMS_WELL


@pytest.mark.parametrize(
    ("grades", "overall"),
    [
        ([4, 4, 4, 4, 4], 4),
        ([4, 4, 4, 4, 1], 4),
        ([4, 4, 4, 1, 1], 1),
        ([1, 1, 1, 1, 1], 1),
        ([2, 2, 2, 2, 1], 2),
    ],
)
def test_four_of_the_five_decide(
    profile_factory: ProfileFactory, grades: list[int], overall: int
) -> None:
    assert _verdict(profile_factory, grades).figures.grade is ApaGrade(overall)  # type: ignore[attr-defined]


def test_how_many_outcomes_must_reach_a_grade_is_a_parameter(
    profile_factory: ProfileFactory,
) -> None:
    params = OverallParams(min_outcomes_at_grade=3)
    assert _verdict(profile_factory, [4, 4, 4, 1, 1], params).figures.grade is ApaGrade.OUTSTANDING  # type: ignore[attr-defined]


def test_an_ungraded_outcome_gives_no_overall_grade(profile_factory: ProfileFactory) -> None:
    verdict = _verdict(profile_factory, [3, 3, 3, 3])
    assert verdict.outcome is Outcome.NOT_APPLICABLE
    assert verdict.figures == OverallFigures((3, 3, 3, 3), 4)
    assert verdict.effect is NO_EFFECT
    assert explanation(KIND, verdict) == "No overall grade: not every outcome has a grade."


def test_bad_parameters_are_refused() -> None:
    for count in (0, 6):
        with pytest.raises(ValidationError):
            OverallParams(min_outcomes_at_grade=count)
