"""Rule kinds of the Annual Performance Assessment (2005-2008).

Each judgement area gets an :class:`~csrating.scales.ApaGrade`. An inspector's recorded
grade for an area (``apa.<area>`` among the council's inputs) is used as it is; without
one the grade is derived from the profile, so a what-if still gives an answer.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from csrating.frameworks.assessment import Effect, Figure, Outcome
from csrating.frameworks.registry import State, Verdict, rule_kind
from csrating.frameworks.rules._bands import band_from, check_ascending
from csrating.profile.model import PerformanceProfile
from csrating.scales import ApaGrade, EcmOutcome, parse_apa_grade, rating_from_apa_grade


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _recorded(state: State, area: str) -> ApaGrade | None:
    text = state.inputs.get(f"apa.{area}")
    return parse_apa_grade(text) if text else None


class OutcomeParams(_Params):
    """Parameters of ``apa_outcome_grade``."""

    outcome: EcmOutcome
    score_cutoffs: list[float]
    min_indicators: int = 3

    _ascending = field_validator("score_cutoffs")(check_ascending)


@rule_kind("apa_outcome_grade", OutcomeParams)
def apa_outcome_grade(params: OutcomeParams, profile: PerformanceProfile, state: State) -> Verdict:
    """Grade one ECM outcome: the inspectors' recorded grade, else the mean indicator band."""
    area = params.outcome.value
    recorded = _recorded(state, area)
    if recorded is not None:
        reason = f"{params.outcome.title}: grade {recorded.value} recorded by inspectors"
        return Verdict(
            Outcome.FIRED, reason, {"grade": recorded.value}, Effect(apa=(area, recorded))
        )
    bands = [
        line.band
        for line in profile.block_c.lines
        if line.outcome is params.outcome and line.band is not None
    ]
    if len(bands) < params.min_indicators:
        return Verdict(Outcome.NOT_APPLICABLE, f"{len(bands)} banded indicators", {})
    score = sum(bands) / len(bands)
    grade = ApaGrade(band_from(score, params.score_cutoffs))
    figures: dict[str, Figure] = {"indicators": len(bands), "score": round(score, 2)}
    figures["grade"] = grade.value
    reason = f"{params.outcome.title}: mean indicator band {score:.2f} gives grade {grade.value}"
    return Verdict(Outcome.FIRED, reason, figures, Effect(apa=(area, grade)))


class CapacityParams(_Params):
    """Parameters of ``apa_capacity``."""

    judgement: str = "capacity_to_improve"


@rule_kind("apa_capacity", CapacityParams)
def apa_capacity(params: CapacityParams, profile: PerformanceProfile, state: State) -> Verdict:
    """Grade capacity to improve: recorded, else the latest inspection's judgement of it."""
    recorded = _recorded(state, "capacity_to_improve")
    if recorded is None:
        for inspection in (profile.block_b.full_inspection, profile.block_b.joint_area_review):
            grade = inspection.grade(params.judgement) if inspection is not None else None
            if grade is not None:
                recorded = ApaGrade(5 - grade.value)
                break
    if recorded is None:
        return Verdict(Outcome.NOT_APPLICABLE, "capacity to improve not judged", {})
    effect = Effect(apa=("capacity_to_improve", recorded))
    return Verdict(Outcome.FIRED, f"capacity to improve: grade {recorded.value}", {}, effect)


class OverallParams(_Params):
    """Parameters of ``apa_overall``."""

    outcomes: list[EcmOutcome] = list(EcmOutcome)
    min_outcomes_at_grade: int = Field(4, ge=1, le=5)


@rule_kind("apa_overall", OverallParams)
def apa_overall(params: OverallParams, profile: PerformanceProfile, state: State) -> Verdict:
    """Give the overall grade: the highest grade that enough outcomes reach.

    With five outcomes and ``min_outcomes_at_grade = 4``, outcomes graded 3, 3, 2, 3, 2 give
    2 overall; one more 3 would give 3.
    """
    grades = [state.apa[o.value] for o in params.outcomes if o.value in state.apa]
    if len(grades) < len(params.outcomes):
        return Verdict(Outcome.NOT_APPLICABLE, "not every outcome has a grade", {})
    overall = max(
        g for g in range(1, 5) if sum(1 for x in grades if x >= g) >= params.min_outcomes_at_grade
    )
    grade = ApaGrade(overall)
    figures: dict[str, Figure] = {"outcome_grades": ", ".join(str(g) for g in grades)}
    figures["grade"] = overall
    reason = (
        f"{params.min_outcomes_at_grade} or more of the outcomes reach grade {overall}: "
        f"overall grade {overall}"
    )
    effect = Effect(apa=("overall", grade), grade=rating_from_apa_grade(grade))
    return Verdict(Outcome.FIRED, reason, figures, effect)


class DerivedParams(_Params):
    """Parameters of ``apa_lowest_of``: an area graded as the lowest of others."""

    area: str
    from_areas: list[str]


@rule_kind("apa_lowest_of", DerivedParams)
def apa_lowest_of(params: DerivedParams, profile: PerformanceProfile, state: State) -> Verdict:
    """Grade an area (service management, social care): recorded, else the lowest grade of
    the areas it rests on."""
    recorded = _recorded(state, params.area)
    if recorded is None:
        found = [state.apa[a] for a in params.from_areas if a in state.apa]
        if not found:
            return Verdict(Outcome.NOT_APPLICABLE, f"no grades for {params.area}", {})
        recorded = ApaGrade(min(found))
    effect = Effect(apa=(params.area, recorded))
    return Verdict(Outcome.FIRED, f"{params.area}: grade {recorded.value}", {}, effect)
