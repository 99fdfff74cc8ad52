"""Limiters: rules that can only hold a rating down (DESIGN §5)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from csrating.formatting import capitalise, count_text, long_date, month_year, sentence
from csrating.frameworks.assessment import Effect, Figures, Outcome
from csrating.frameworks.registry import State, Verdict, rule_kind
from csrating.frameworks.rules.block_bands import KIND_NAMES, evidence_phrase
from csrating.profile.model import PerformanceProfile
from csrating.scales import CouncilRating, EcmOutcome, InspectionGrade, rating_from_number
from csrating.types import IndicatorId
from csrating.vocabulary import UnannouncedOutcome


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# Unannounced inspection with areas for priority action ----------------------------------


class UnannouncedParams(_Params):
    """Parameters of ``limit_unannounced_priority_action``."""

    steps: int = Field(1, ge=1, le=3)


@dataclass(frozen=True)
class UnannouncedFigures(Figures):
    """The unannounced inspections since the latest full one, and the latest that found
    areas for priority action."""

    since_full: int
    with_priority_action: int
    date: dt.date | None = None
    steps: int = 1


_CRA = "unannounced inspection of contact, referral and assessment"


def _explain_unannounced(figures: UnannouncedFigures, outcome: Outcome) -> str:
    if outcome is Outcome.FIRED:
        when = f" in {month_year(figures.date)}" if figures.date else ""
        grades = "one grade" if figures.steps == 1 else f"{count_text(figures.steps)} grades"
        return sentence(
            f"An {_CRA}{when} found areas for priority action, for which the rules take {grades} "
            "off the rating"
        )
    if figures.since_full == 0:
        return sentence(
            f"There has been no {_CRA} since the latest full inspection, so no grade is "
            "taken off for one"
        )
    inspections = "inspection" if figures.since_full == 1 else "inspections"
    return sentence(
        f"The {count_text(figures.since_full)} unannounced {inspections} since the latest "
        "full inspection found no areas for priority action, so no grade is taken off"
    )


@rule_kind(
    "limit_unannounced_priority_action",
    UnannouncedParams,
    explain=_explain_unannounced,
    limiter=True,
)
def limit_unannounced(
    params: UnannouncedParams, profile: PerformanceProfile, state: State
) -> Verdict:
    """Lower the rating when an unannounced inspection since the latest full inspection
    found areas for priority action."""
    since = profile.block_b.unannounced_since_full
    found = [u for u in since if u.outcome is UnannouncedOutcome.PRIORITY_ACTION]
    if not found:
        return Verdict(Outcome.NOT_FIRED, UnannouncedFigures(len(since), 0, steps=params.steps))
    figures = UnannouncedFigures(len(since), len(found), found[-1].date, params.steps)
    return Verdict(Outcome.FIRED, figures, Effect(lower_by=params.steps))


# Inadequate safeguarding ----------------------------------------------------------------


class SafeguardingParams(_Params):
    """Parameters of ``limit_inadequate_safeguarding``.

    ``kind`` and ``full_judgement`` name the judgement that limits: the overall
    effectiveness of safeguarding in the 2009-2012 inspections (``safeguarding_lac``), or
    the overall effectiveness of an ILACS inspection (``ilacs``) in a present-day
    simulation. Before any inspection of ``kind``, a joint area review's
    ``jar_judgement`` stands in, unless ``jar_fallback`` is false.
    """

    kind: str = "safeguarding_lac"
    full_judgement: str = "overall_safeguarding"
    jar_judgement: str = "safeguarding"
    jar_fallback: bool = True
    cap: int = Field(1, ge=1, le=4)


@dataclass(frozen=True)
class SafeguardingFigures(Figures):
    """The safeguarding judgement the limit looked at, and the cap it sets."""

    evidence: str | None
    date: dt.date | None
    grade: InspectionGrade | None
    cap: CouncilRating


def _explain_safeguarding(figures: SafeguardingFigures, outcome: Outcome) -> str:
    if figures.evidence is None:
        return sentence(
            "There is no safeguarding judgement yet (no full inspection or joint area "
            "review), so the safeguarding limit does not apply"
        )
    source = capitalise(evidence_phrase(figures.evidence, figures.date))
    if outcome is Outcome.FIRED:
        return sentence(
            f"{source} judged safeguarding inadequate, so the rating can be no higher than "
            f"'{figures.cap.label}', however good the rest of the profile"
        )
    judged = (
        f"judged safeguarding {figures.grade.word}"
        if figures.grade is not None
        else "did not judge safeguarding"
    )
    return sentence(f"{source} {judged}, so the safeguarding limit does not apply")


@rule_kind(
    "limit_inadequate_safeguarding",
    SafeguardingParams,
    explain=_explain_safeguarding,
    limiter=True,
)
def limit_safeguarding(
    params: SafeguardingParams, profile: PerformanceProfile, state: State
) -> Verdict:
    """Cap the rating when the latest full inspection (or, before any, the joint area
    review) judged safeguarding inadequate; a later full inspection supersedes it."""
    block = profile.block_b
    cap = rating_from_number(params.cap)
    judged = block.latest_judgement(params.kind, params.full_judgement)
    full = block.latest_of(params.kind)
    grade: InspectionGrade | None
    if judged is not None:
        grade = judged.grade
        evidence, date = KIND_NAMES.get(params.kind, "full inspection"), judged.date
    elif full is not None:
        grade = None
        evidence, date = KIND_NAMES.get(params.kind, "full inspection"), full.date
    elif block.joint_area_review is not None and params.jar_fallback:
        grade = block.joint_area_review.grade(params.jar_judgement)
        evidence, date = "joint area review", block.joint_area_review.date
    else:
        return Verdict(Outcome.NOT_APPLICABLE, SafeguardingFigures(None, None, None, cap))
    figures = SafeguardingFigures(evidence, date, grade, cap)
    if grade is not InspectionGrade.INADEQUATE:
        return Verdict(Outcome.NOT_FIRED, figures)
    return Verdict(Outcome.FIRED, figures, Effect(cap=cap))


# Indicators in the lowest band ----------------------------------------------------------


class LowestBandParams(_Params):
    """Parameters of ``limit_lowest_band_indicators``."""

    outcomes: list[EcmOutcome]
    min_count: int = Field(ge=1)
    cap: int = Field(ge=1, le=4)


@dataclass(frozen=True)
class LowestBandFigures(Figures):
    """The indicators of the named outcomes in the lowest band, and the limit's terms."""

    indicators: tuple[IndicatorId, ...]
    min_count: int
    cap: CouncilRating


def _explain_lowest_band(figures: LowestBandFigures, outcome: Outcome) -> str:
    lowest = len(figures.indicators)
    which = "of the indicators that can limit the rating"
    if outcome is Outcome.FIRED:
        listed = ", ".join(figures.indicators)
        return sentence(
            f"{count_text(lowest, capitalise=True)} {which} are in the lowest band "
            f"({listed}), so the rating can be no higher than '{figures.cap.label}'"
        )
    if lowest == 0:
        return sentence(f"None {which} is in the lowest band, so they set no limit")
    verb = "is" if lowest == 1 else "are"
    return sentence(
        f"{count_text(lowest, capitalise=True)} {which} {verb} in the lowest band: too few "
        f"to limit the rating (it takes {count_text(figures.min_count)})"
    )


@rule_kind(
    "limit_lowest_band_indicators", LowestBandParams, explain=_explain_lowest_band, limiter=True
)
def limit_lowest_band(
    params: LowestBandParams, profile: PerformanceProfile, state: State
) -> Verdict:
    """Cap the rating when too many indicators of the named outcomes are in the lowest
    band."""
    lowest = tuple(
        line.indicator
        for line in profile.block_c.lines
        if line.outcome in params.outcomes and line.band == 1
    )
    cap = rating_from_number(params.cap)
    figures = LowestBandFigures(lowest, params.min_count, cap)
    if len(lowest) < params.min_count:
        return Verdict(Outcome.NOT_FIRED, figures)
    return Verdict(Outcome.FIRED, figures, Effect(cap=cap))


# Withheld pending inspection -----------------------------------------------------------


class PendingParams(_Params):
    """Parameters of ``withhold_pending_inspection``.

    A rating is withheld when an inspection of ``kind`` was published within ``weeks``
    after the decision date: its fieldwork was under way or its report unpublished when
    the rating was decided, so the evidence was incomplete. (The published files give
    publication dates only; ``weeks`` stands for the time from fieldwork to report.)
    """

    kind: str = "safeguarding_lac"
    weeks: int = Field(8, ge=1, le=26)


@dataclass(frozen=True)
class PendingFigures(Figures):
    """The inspection published soon after the decision date, if any."""

    kind: str
    weeks: int
    decision_date: dt.date
    published: dt.date | None = None


def _explain_pending(figures: PendingFigures, outcome: Outcome) -> str:
    name = KIND_NAMES.get(figures.kind, figures.kind.replace("_", " "))
    if outcome is Outcome.FIRED and figures.published is not None:
        return sentence(
            f"The {name} published on {long_date(figures.published)}, within "
            f"{count_text(figures.weeks)} weeks of the decision on "
            f"{long_date(figures.decision_date)}, was under way when the rating was decided: "
            "the rating is withheld pending its outcome"
        )
    return sentence(
        f"No {name} was published within {count_text(figures.weeks)} weeks of the decision, "
        "so no rating is withheld pending one"
    )


@rule_kind("withhold_pending_inspection", PendingParams, explain=_explain_pending)
def withhold_pending_inspection(
    params: PendingParams, profile: PerformanceProfile, state: State
) -> Verdict:
    """Withhold the rating while an inspection of the council was under way at the
    decision date (published within a few weeks after it)."""
    decided = profile.decision_date or profile.as_at
    upcoming = profile.block_b.next_of(params.kind)
    limit = decided + dt.timedelta(weeks=params.weeks)
    if upcoming is None or upcoming.date > limit:
        return Verdict(Outcome.NOT_FIRED, PendingFigures(params.kind, params.weeks, decided))
    figures = PendingFigures(params.kind, params.weeks, decided, upcoming.date)
    name = PENDING_NAMES.get(params.kind, params.kind.replace("_", " "))
    reason = (
        f"the {name} published on {long_date(upcoming.date)} was under way when the rating "
        "was decided"
    )
    return Verdict(Outcome.FIRED, figures, Effect(withhold=reason))


PENDING_NAMES = {
    "safeguarding_lac": "inspection of safeguarding and looked after children services",
    "ilacs": "inspection of local authority children's services",
}
