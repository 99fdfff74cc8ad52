"""The rule kind that turns the block bands into the provisional rating."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

from csrating.formatting import sentence
from csrating.frameworks.assessment import Effect, Figures, Outcome
from csrating.frameworks.registry import State, Verdict, rule_kind
from csrating.frameworks.rules._bands import band_from, check_ascending
from csrating.frameworks.rules._words import rating_phrase, score
from csrating.profile.model import PerformanceProfile
from csrating.scales import CouncilRating, rating_from_number


class ProvisionalParams(BaseModel):
    """Parameters of ``provisional_grade``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    block_weights: dict[str, float]
    score_cutoffs: list[float]
    required_blocks: list[str] = ["A"]
    weigh: Literal["bands", "scores"] = "bands"

    _ascending = field_validator("score_cutoffs")(check_ascending)


@dataclass(frozen=True)
class ProvisionalFigures(Figures):
    """What each block contributed, the weighted score and the provisional rating.

    ``missing`` lists required blocks without a band (then there is no rating);
    ``left_out`` lists weighted blocks without one whose weight was shared out.
    """

    blocks: tuple[tuple[str, float | None], ...] = ()
    missing: tuple[str, ...] = ()
    no_data: tuple[str, ...] = ()  # weighted blocks the dataset holds no data for
    required: tuple[str, ...] = ()
    left_out: tuple[str, ...] = ()
    score: float | None = None
    grade: CouncilRating | None = None


def _blocks(names: tuple[str, ...]) -> str:
    """Name blocks in a list: "Block A", "Blocks A and C", "Blocks A, B and C"."""
    if len(names) == 1:
        return f"Block {names[0]}"
    return f"Blocks {', '.join(names[:-1])} and {names[-1]}"


def _explain(figures: ProvisionalFigures, outcome: Outcome) -> str:
    if outcome is not Outcome.FIRED or figures.grade is None:
        parts = []
        if figures.no_data:
            parts.append(f"the dataset holds no data for {_blocks(figures.no_data)}")
        others = tuple(b for b in figures.missing if b not in figures.no_data)
        if others:
            parts.append(f"{_blocks(others)} {'has' if len(others) == 1 else 'have'} no band")
        verb = "is" if len(figures.required) == 1 else "are"
        needed = (
            f"and {_blocks(figures.required)} {verb} needed for a rating"
            if figures.required
            else "so no block can be weighed"
        )
        return sentence(f"No provisional rating: {'; '.join(parts)}, {needed}")
    parts = [f"Block {b} {score(v)}" for b, v in figures.blocks if v is not None]
    text = "Weighing the blocks gives"
    text += f" a score of {score(figures.score)}" if figures.score is not None else " a score"
    if parts:
        text += f" ({', '.join(parts)})"
    if figures.left_out:
        text += f", leaving out {_blocks(figures.left_out)} for want of data"
    text += f", so the provisional rating is {rating_phrase(figures.grade)}"
    return sentence(text)


@rule_kind("provisional_grade", ProvisionalParams, explain=_explain)
def provisional_grade(
    params: ProvisionalParams, profile: PerformanceProfile, state: State
) -> Verdict:
    """Weigh the block bands, or the blocks' unrounded scores, (a missing block's weight is
    shared among the others) and band the weighted mean into a rating."""
    missing = tuple(b for b in params.required_blocks if b not in state.bands)
    if missing:
        no_data = tuple(b for b in params.block_weights if not profile.has_data(b))
        required = tuple(params.required_blocks)
        figures = ProvisionalFigures(missing=missing, no_data=no_data, required=required)
        return Verdict(Outcome.NOT_APPLICABLE, figures)
    blocks: list[tuple[str, float | None]] = []
    weighted, weights = 0.0, 0.0
    source = state.scores if params.weigh == "scores" else state.bands
    for block, weight in params.block_weights.items():
        value = source.get(block)
        blocks.append((block, None if value is None else float(value)))
        if value is not None:
            weighted += weight * value
            weights += weight
    if weights == 0:  # no weighted block has a band, though none is required
        unweighed = tuple(b for b, _ in blocks)
        no_data = tuple(b for b in unweighed if not profile.has_data(b))
        return Verdict(
            Outcome.NOT_APPLICABLE, ProvisionalFigures(missing=unweighed, no_data=no_data)
        )
    mean = weighted / weights
    rating = rating_from_number(band_from(mean, params.score_cutoffs))
    left_out = tuple(b for b, v in blocks if v is None)
    figures = ProvisionalFigures(tuple(blocks), left_out=left_out, score=mean, grade=rating)
    return Verdict(Outcome.FIRED, figures, Effect(grade=rating))
