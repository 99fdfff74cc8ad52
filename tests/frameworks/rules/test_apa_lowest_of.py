"""``apa_lowest_of``: an area graded as recorded, else as the lowest of those it rests on."""

from __future__ import annotations

from collections.abc import Callable

from csrating.frameworks import Effect, Outcome
from csrating.frameworks.assessment import NO_EFFECT
from csrating.frameworks.rules.apa import ApaFigures, DerivedParams, apa_lowest_of
from csrating.profile.model import PerformanceProfile
from csrating.scales import ApaGrade
from factories import explanation, make_state

ProfileFactory = Callable[..., PerformanceProfile]
KIND = "apa_lowest_of"
SOCIAL_CARE = DerivedParams(area="social_care", from_areas=["staying_safe", "capacity_to_improve"])


def _verdict(  # type: ignore[no-untyped-def]
    profile_factory: ProfileFactory,
    apa: dict[str, int],
    inputs: dict[str, str] | None = None,
    params: DerivedParams = SOCIAL_CARE,
):
    return apa_lowest_of(params, profile_factory(), make_state(apa=apa, inputs=inputs))


def test_the_recorded_grade_is_used_as_it_is(profile_factory: ProfileFactory) -> None:
    verdict = _verdict(
        profile_factory, {"staying_safe": 1, "capacity_to_improve": 1}, {"apa.social_care": "4"}
    )
    assert verdict.outcome is Outcome.FIRED
    assert verdict.figures == ApaFigures(
        "social_care", "Social care", ApaGrade.OUTSTANDING, "recorded"
    )
    assert verdict.effect == Effect(apa=("social_care", ApaGrade.OUTSTANDING))
    assert explanation(KIND, verdict) == "Social care: grade 4, as recorded by inspectors."


def test_without_one_the_lowest_grade_it_rests_on_is_taken(
    profile_factory: ProfileFactory,
) -> None:
    verdict = _verdict(profile_factory, {"staying_safe": 3, "capacity_to_improve": 2, "overall": 1})
    assert verdict.figures == ApaFigures(
        "social_care", "Social care", ApaGrade.ADEQUATE, "areas", from_grades=(3, 2)
    )
    assert verdict.effect == Effect(apa=("social_care", ApaGrade.ADEQUATE))
    assert explanation(KIND, verdict) == (
        "Social care: grade 2, from the grades it rests on (3, 2)."
    )


def test_an_ungraded_area_is_left_out(profile_factory: ProfileFactory) -> None:
    verdict = _verdict(profile_factory, {"capacity_to_improve": 3})
    assert verdict.figures.grade is ApaGrade.GOOD  # type: ignore[attr-defined]
    assert verdict.figures.from_grades == (3,)  # type: ignore[attr-defined]


def test_service_management_rests_on_capacity_to_improve(profile_factory: ProfileFactory) -> None:
    params = DerivedParams(area="service_management", from_areas=["capacity_to_improve"])
    verdict = _verdict(profile_factory, {"capacity_to_improve": 4}, params=params)
    assert explanation(KIND, verdict) == (
        "Service management: grade 4, from the grades it rests on (4)."
    )


def test_nothing_to_rest_on_leaves_it_ungraded(profile_factory: ProfileFactory) -> None:
    verdict = _verdict(profile_factory, {"being_healthy": 4})
    assert verdict.outcome is Outcome.NOT_APPLICABLE
    assert verdict.figures == ApaFigures("social_care", "Social care", source="areas")
    assert verdict.effect is NO_EFFECT
    assert explanation(KIND, verdict) == "Social care: not graded, for want of evidence."
