"""Rule kinds of the Annual Performance Assessment (2005-2008).

Each judgement area gets an :class:`~csrating.scales.ApaGrade`. An inspector's recorded
grade for an area (``apa.<area>`` among the council's inputs) is used as it is; without
one the grade is derived from the profile, so a what-if still gives an answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, field_validator

from csrating.formatting import sentence
from csrating.frameworks.assessment import Effect, Figures, Outcome
from csrating.frameworks.registry import State, Verdict, rule_kind
from csrating.frameworks.rules._bands import band_from, check_ascending
from csrating.frameworks.rules._words import counted, score
from csrating.profile.model import PerformanceProfile
from csrating.scales import ApaGrade, EcmOutcome, parse_apa_grade, rating_from_apa_grade


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _recorded(state: State, area: str) -> ApaGrade | None:
    text = state.inputs.get(f"apa.{area}")
    return parse_apa_grade(text) if text else None


@dataclass(frozen=True)
class ApaFigures(Figures):
    """One APA judgement area's grade and where it came from.

    ``source`` is ``"recorded"`` (the inspectors' grade in the council's input),
    ``"indicators"`` (the mean band of ``indicators`` indicators, ``score``),
    ``"inspection"`` (the latest inspection's judgement) or ``"areas"`` (the lowest grade
    of the areas it rests on, ``from_grades``).
    """

    area: str
    title: str
    grade: ApaGrade | None = None
    source: str = ""
    indicators: int = 0
    score: float | None = None
    from_grades: tuple[int, ...] = ()
    needed: int = 0


def _explain(figures: ApaFigures, outcome: Outcome) -> str:
    if outcome is not Outcome.FIRED or figures.grade is None:
        if figures.source == "indicators" or figures.needed:
            if figures.indicators == 0:
                found = "no indicator of the outcome has a band"
            else:
                verb = "has" if figures.indicators == 1 else "have"
                found = (
                    f"only {counted(figures.indicators, 'indicator')} of the outcome {verb} a band"
                )
            return sentence(
                f"{figures.title}: not graded, because {found} (it takes {figures.needed})"
            )
        return sentence(f"{figures.title}: not graded, for want of evidence")
    grade = figures.grade.value
    if figures.source == "recorded":
        return sentence(f"{figures.title}: grade {grade}, as recorded by inspectors")
    if figures.source == "indicators" and figures.score is not None:
        return sentence(
            f"{figures.title}: the mean band of its {counted(figures.indicators, 'indicator')} "
            f"is {score(figures.score)}, which gives grade {grade}"
        )
    if figures.source == "inspection":
        return sentence(f"{figures.title}: grade {grade}, from the latest inspection's judgement")
    grades = ", ".join(str(g) for g in figures.from_grades)
    return sentence(f"{figures.title}: grade {grade}, from the grades it rests on ({grades})")


class OutcomeParams(_Params):
    """Parameters of ``apa_outcome_grade``."""

    outcome: EcmOutcome
    score_cutoffs: list[float]
    min_indicators: int = 3

    _ascending = field_validator("score_cutoffs")(check_ascending)


@rule_kind("apa_outcome_grade", OutcomeParams, explain=_explain)
def apa_outcome_grade(params: OutcomeParams, profile: PerformanceProfile, state: State) -> Verdict:
    """Grade one ECM outcome: the inspectors' recorded grade, else the mean indicator band."""
    area, title = params.outcome.value, params.outcome.title
    recorded = _recorded(state, area)
    if recorded is not None:
        figures = ApaFigures(area, title, recorded, "recorded")
        return Verdict(Outcome.FIRED, figures, Effect(apa=(area, recorded)))
    bands = [
        line.band
        for line in profile.block_c.lines
        if line.outcome is params.outcome and line.band is not None
    ]
    if len(bands) < params.min_indicators:
        figures = ApaFigures(
            area, title, None, "indicators", len(bands), needed=params.min_indicators
        )
        return Verdict(Outcome.NOT_APPLICABLE, figures)
    mean = sum(bands) / len(bands)
    grade = ApaGrade(band_from(mean, params.score_cutoffs))
    figures = ApaFigures(area, title, grade, "indicators", len(bands), mean)
    return Verdict(Outcome.FIRED, figures, Effect(apa=(area, grade)))


class CapacityParams(_Params):
    """Parameters of ``apa_capacity``."""

    judgement: str = "capacity_to_improve"


@rule_kind("apa_capacity", CapacityParams, explain=_explain)
def apa_capacity(params: CapacityParams, profile: PerformanceProfile, state: State) -> Verdict:
    """Grade capacity to improve: recorded, else the latest inspection's judgement of it."""
    area, title = "capacity_to_improve", "Capacity to improve"
    recorded = _recorded(state, area)
    source = "recorded"
    if recorded is None:
        source = "inspection"
        for inspection in (profile.block_b.full_inspection, profile.block_b.joint_area_review):
            grade = inspection.grade(params.judgement) if inspection is not None else None
            if grade is not None:
                recorded = ApaGrade(5 - grade.value)
                break
    if recorded is None:
        return Verdict(Outcome.NOT_APPLICABLE, ApaFigures(area, title))
    figures = ApaFigures(area, title, recorded, source)
    return Verdict(Outcome.FIRED, figures, Effect(apa=(area, recorded)))


class OverallParams(_Params):
    """Parameters of ``apa_overall``."""

    outcomes: list[EcmOutcome] = list(EcmOutcome)
    min_outcomes_at_grade: int = Field(4, ge=1, le=5)


@dataclass(frozen=True)
class OverallFigures(Figures):
    """The outcome grades and the overall grade they give."""

    outcome_grades: tuple[int, ...]
    at_least: int
    grade: ApaGrade | None = None


def _explain_overall(figures: OverallFigures, outcome: Outcome) -> str:
    if outcome is not Outcome.FIRED or figures.grade is None:
        return "No overall grade: not every outcome has a grade."
    grades = ", ".join(str(g) for g in figures.outcome_grades)
    return sentence(
        f"The outcomes are graded {grades}; {figures.at_least} or more reach grade "
        f"{figures.grade.value}, so the overall grade is {figures.grade.value}"
    )


@rule_kind("apa_overall", OverallParams, explain=_explain_overall)
def apa_overall(params: OverallParams, profile: PerformanceProfile, state: State) -> Verdict:
    """Give the overall grade: the highest grade that enough outcomes reach.

    With five outcomes and ``min_outcomes_at_grade = 4``, outcomes graded 3, 3, 2, 3, 2 give
    2 overall; one more 3 would give 3.
    """
    grades = tuple(state.apa[o.value] for o in params.outcomes if o.value in state.apa)
    if len(grades) < len(params.outcomes):
        figures = OverallFigures(grades, params.min_outcomes_at_grade)
        return Verdict(Outcome.NOT_APPLICABLE, figures)
    overall = max(
        g for g in range(1, 5) if sum(1 for x in grades if x >= g) >= params.min_outcomes_at_grade
    )
    grade = ApaGrade(overall)
    figures = OverallFigures(grades, params.min_outcomes_at_grade, grade)
    effect = Effect(apa=("overall", grade), grade=rating_from_apa_grade(grade))
    return Verdict(Outcome.FIRED, figures, effect)


class DerivedParams(_Params):
    """Parameters of ``apa_lowest_of``: an area graded as the lowest of others."""

    area: str
    from_areas: list[str]


@rule_kind("apa_lowest_of", DerivedParams, explain=_explain)
def apa_lowest_of(params: DerivedParams, profile: PerformanceProfile, state: State) -> Verdict:
    """Grade an area (service management, social care): recorded, else the lowest grade of
    the areas it rests on."""
    title = params.area.replace("_", " ").capitalize()
    recorded = _recorded(state, params.area)
    if recorded is not None:
        figures = ApaFigures(params.area, title, recorded, "recorded")
        return Verdict(Outcome.FIRED, figures, Effect(apa=(params.area, recorded)))
    found = tuple(state.apa[a] for a in params.from_areas if a in state.apa)
    if not found:
        return Verdict(Outcome.NOT_APPLICABLE, ApaFigures(params.area, title, source="areas"))
    grade = ApaGrade(min(found))
    figures = ApaFigures(params.area, title, grade, "areas", from_grades=found)
    return Verdict(Outcome.FIRED, figures, Effect(apa=(params.area, grade)))
