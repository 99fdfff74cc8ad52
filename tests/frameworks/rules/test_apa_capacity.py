"""``apa_capacity``: capacity to improve, recorded or from the latest inspection."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from csrating.frameworks import Effect, Outcome
from csrating.frameworks.assessment import NO_EFFECT
from csrating.frameworks.rules.apa import ApaFigures, CapacityParams, apa_capacity
from csrating.profile.model import CouncilInspection, PerformanceProfile
from csrating.scales import ApaGrade
from factories import council_record, explanation, make_block_b, make_state

ProfileFactory = Callable[..., PerformanceProfile]
KIND = "apa_capacity"
AREA, TITLE = "capacity_to_improve", "Capacity to improve"


def _verdict(  # type: ignore[no-untyped-def]
    profile_factory: ProfileFactory,
    full: CouncilInspection | None = None,
    jar: CouncilInspection | None = None,
    inputs: dict[str, str] | None = None,
    params: CapacityParams | None = None,
):
    profile = profile_factory(block_b=make_block_b(full=full, jar=jar))
    return apa_capacity(params or CapacityParams(), profile, make_state(inputs=inputs))


def test_the_recorded_grade_is_used_as_it_is(profile_factory: ProfileFactory) -> None:
    jar = council_record("jar", dt.date(2006, 3, 1), capacity_to_improve=4)
    verdict = _verdict(profile_factory, jar=jar, inputs={"apa.capacity_to_improve": "3"})
    assert verdict.outcome is Outcome.FIRED
    assert verdict.figures == ApaFigures(AREA, TITLE, ApaGrade.GOOD, "recorded")
    assert verdict.effect == Effect(apa=(AREA, ApaGrade.GOOD))
    assert explanation(KIND, verdict) == "Capacity to improve: grade 3, as recorded by inspectors."


@pytest.mark.parametrize(("inspection", "apa"), [(1, 4), (2, 3), (3, 2), (4, 1)])
def test_the_inspection_grade_turns_into_the_apa_grade(
    profile_factory: ProfileFactory, inspection: int, apa: int
) -> None:
    full = council_record("safeguarding_lac", dt.date(2006, 5, 1), capacity_to_improve=inspection)
    verdict = _verdict(profile_factory, full=full)
    assert verdict.figures == ApaFigures(AREA, TITLE, ApaGrade(apa), "inspection")
    assert explanation(KIND, verdict) == (
        f"Capacity to improve: grade {apa}, from the latest inspection's judgement."
    )


def test_the_full_inspection_comes_before_the_joint_area_review(
    profile_factory: ProfileFactory,
) -> None:
    full = council_record("safeguarding_lac", dt.date(2006, 5, 1), capacity_to_improve=1)
    jar = council_record("jar", dt.date(2005, 5, 1), capacity_to_improve=4)
    assert _verdict(profile_factory, full, jar).figures.grade is ApaGrade.OUTSTANDING  # type: ignore[attr-defined]


def test_a_full_inspection_without_the_judgement_falls_back_to_the_review(
    profile_factory: ProfileFactory,
) -> None:
    full = council_record("safeguarding_lac", dt.date(2006, 5, 1), overall_safeguarding=1)
    jar = council_record("jar", dt.date(2005, 5, 1), capacity_to_improve=3)
    assert _verdict(profile_factory, full, jar).figures.grade is ApaGrade.ADEQUATE  # type: ignore[attr-defined]


def test_the_judgement_is_a_parameter(profile_factory: ProfileFactory) -> None:
    jar = council_record("jar", dt.date(2005, 5, 1), capacity_to_improve=3, overall=1)
    verdict = _verdict(profile_factory, jar=jar, params=CapacityParams(judgement="overall"))
    assert verdict.figures.grade is ApaGrade.OUTSTANDING  # type: ignore[attr-defined]


def test_no_evidence_leaves_it_ungraded(profile_factory: ProfileFactory) -> None:
    full = council_record("safeguarding_lac", dt.date(2006, 5, 1), overall_safeguarding=1)
    verdict = _verdict(profile_factory, full=full)
    assert verdict.outcome is Outcome.NOT_APPLICABLE
    assert verdict.figures == ApaFigures(AREA, TITLE)
    assert verdict.effect is NO_EFFECT
    assert explanation(KIND, verdict) == "Capacity to improve: not graded, for want of evidence."
