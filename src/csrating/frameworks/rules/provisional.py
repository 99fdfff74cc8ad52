"""The rule kind that turns the block bands into the provisional rating."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

from csrating.frameworks.assessment import Effect, Figure, Outcome
from csrating.frameworks.registry import State, Verdict, rule_kind
from csrating.frameworks.rules._bands import band_from, check_ascending
from csrating.profile.model import PerformanceProfile
from csrating.scales import rating_from_number


class ProvisionalParams(BaseModel):
    """Parameters of ``provisional_grade``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    block_weights: dict[str, float]
    score_cutoffs: list[float]
    required_blocks: list[str] = ["A"]
    weigh: Literal["bands", "scores"] = "bands"

    _ascending = field_validator("score_cutoffs")(check_ascending)


@rule_kind("provisional_grade", ProvisionalParams)
def provisional_grade(
    params: ProvisionalParams, profile: PerformanceProfile, state: State
) -> Verdict:
    """Weigh the block bands, or the blocks' unrounded scores, (a missing block's weight is
    shared among the others) and band the weighted mean into a rating."""
    missing = [b for b in params.required_blocks if b not in state.bands]
    if missing:
        reason = f"block {', '.join(missing)} has no band, so no rating can be given"
        return Verdict(Outcome.NOT_APPLICABLE, reason, {})
    figures: dict[str, Figure] = {}
    weighted, weights = 0.0, 0.0
    source = state.scores if params.weigh == "scores" else state.bands
    for block, weight in params.block_weights.items():
        value = source.get(block)
        figures[f"block_{block}"] = round(value, 2) if value is not None else None
        if value is not None:
            weighted += weight * value
            weights += weight
    score = weighted / weights
    grade = band_from(score, params.score_cutoffs)
    figures["score"] = round(score, 2)
    figures["grade"] = grade
    rating = rating_from_number(grade)
    reason = f"weighted mean of block {params.weigh} {score:.2f} gives '{rating.label}' ({grade})"
    return Verdict(Outcome.FIRED, reason, figures, Effect(grade=rating))
