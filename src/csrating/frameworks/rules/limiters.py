"""Limiters: rules that can only hold a rating down (DESIGN §5)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from csrating.frameworks.assessment import Effect, Figure, Outcome
from csrating.frameworks.registry import State, Verdict, rule_kind
from csrating.profile.model import PerformanceProfile
from csrating.scales import EcmOutcome, InspectionGrade, rating_from_number
from csrating.vocabulary import UnannouncedOutcome


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class UnannouncedParams(_Params):
    """Parameters of ``limit_unannounced_priority_action``."""

    steps: int = Field(1, ge=1, le=3)


@rule_kind("limit_unannounced_priority_action", UnannouncedParams, limiter=True)
def limit_unannounced(
    params: UnannouncedParams, profile: PerformanceProfile, state: State
) -> Verdict:
    """Lower the rating when an unannounced inspection since the latest full inspection
    found areas for priority action."""
    found = [
        u
        for u in profile.block_b.unannounced_since_full
        if u.outcome is UnannouncedOutcome.PRIORITY_ACTION
    ]
    figures: dict[str, Figure] = {
        "unannounced_since_full": len(profile.block_b.unannounced_since_full),
        "with_priority_action": len(found),
    }
    if not found:
        return Verdict(Outcome.NOT_FIRED, "no areas for priority action", figures)
    figures["date"] = found[-1].date.isoformat()
    reason = (
        f"the unannounced inspection of {found[-1].date.isoformat()} found areas for "
        f"priority action: the rating is lowered by {params.steps}"
    )
    return Verdict(Outcome.FIRED, reason, figures, Effect(lower_by=params.steps))


class SafeguardingParams(_Params):
    """Parameters of ``limit_inadequate_safeguarding``."""

    full_judgement: str = "overall_safeguarding"
    jar_judgement: str = "safeguarding"
    cap: int = Field(1, ge=1, le=4)


@rule_kind("limit_inadequate_safeguarding", SafeguardingParams, limiter=True)
def limit_safeguarding(
    params: SafeguardingParams, profile: PerformanceProfile, state: State
) -> Verdict:
    """Cap the rating when the latest full inspection (or, before any, the joint area
    review) judged safeguarding inadequate; a later full inspection supersedes it."""
    block = profile.block_b
    if block.full_inspection is not None:
        grade = block.full_inspection.grade(params.full_judgement)
        kind, date = "full inspection", block.full_inspection.date
    elif block.joint_area_review is not None:
        grade = block.joint_area_review.grade(params.jar_judgement)
        kind, date = "joint area review", block.joint_area_review.date
    else:
        return Verdict(Outcome.NOT_APPLICABLE, "no safeguarding judgement yet", {})
    source = f"{kind} of {date.isoformat()}"
    figures: dict[str, Figure] = {
        "evidence": kind,
        "date": date.isoformat(),
        "grade": grade.word if grade else None,
    }
    if grade is not InspectionGrade.INADEQUATE:
        return Verdict(Outcome.NOT_FIRED, f"safeguarding not inadequate in the {source}", figures)
    cap = rating_from_number(params.cap)
    reason = f"the {source} judged safeguarding inadequate: the rating is at most {cap.label}"
    return Verdict(Outcome.FIRED, reason, figures, Effect(cap=cap))


class LowestBandParams(_Params):
    """Parameters of ``limit_lowest_band_indicators``."""

    outcomes: list[EcmOutcome]
    min_count: int = Field(ge=1)
    cap: int = Field(ge=1, le=4)


@rule_kind("limit_lowest_band_indicators", LowestBandParams, limiter=True)
def limit_lowest_band(
    params: LowestBandParams, profile: PerformanceProfile, state: State
) -> Verdict:
    """Cap the rating when too many indicators of the named outcomes are in the lowest
    band."""
    lowest = [
        line.indicator
        for line in profile.block_c.lines
        if line.outcome in params.outcomes and line.band == 1
    ]
    figures: dict[str, Figure] = {"lowest_band": len(lowest), "indicators": ", ".join(lowest)}
    if len(lowest) < params.min_count:
        return Verdict(Outcome.NOT_FIRED, f"{len(lowest)} in the lowest band", figures)
    cap = rating_from_number(params.cap)
    reason = f"{len(lowest)} indicators in the lowest band: the rating is at most {cap.label}"
    return Verdict(Outcome.FIRED, reason, figures, Effect(cap=cap))
