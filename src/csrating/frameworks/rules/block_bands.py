"""Rule kinds that band each block of the profile (1 weakest to 4 strongest)."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field, field_validator

from csrating.frameworks.assessment import Effect, Figure, Outcome
from csrating.frameworks.registry import State, Verdict, rule_kind
from csrating.frameworks.rules._bands import band_from, check_ascending
from csrating.profile.comparison import Comparison
from csrating.profile.model import PerformanceProfile
from csrating.scales import InspectionGrade


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BlockAParams(_Params):
    """Parameters of ``block_a_band``."""

    group_weights: dict[str, float]
    share_cutoffs: list[float] = Field(description="good-or-better % for bands 2, 3, 4")
    comparison_step: bool = True
    inadequate_share_cap: float = 15.0
    inadequate_cap_band: int = Field(2, ge=1, le=4)
    score_cutoffs: list[float]

    _ascending = field_validator("share_cutoffs", "score_cutoffs")(check_ascending)


@rule_kind("block_a_band", BlockAParams)
def block_a_band(params: BlockAParams, profile: PerformanceProfile, state: State) -> Verdict:
    """Band each group by its good-or-better share, step it by the comparisons, then
    band the weighted mean of the groups."""
    figures: dict[str, Figure] = {}
    weighted, weights = 0.0, 0.0
    for group, weight in params.group_weights.items():
        line = profile.block_a.line(group)
        share = line.good_or_better.value if line is not None else None
        if line is None or share is None:
            figures[f"{group}.band"] = None
            continue
        band = band_from(share, params.share_cutoffs)
        compared = (line.good_or_better.vs_similar_areas, line.good_or_better.vs_england)
        if params.comparison_step and compared == (Comparison.BELOW, Comparison.BELOW):
            band = max(1, band - 1)
        if params.comparison_step and compared == (Comparison.ABOVE, Comparison.ABOVE):
            band = min(4, band + 1)
        inadequate = line.inadequate.value or 0.0
        if inadequate > params.inadequate_share_cap:
            band = min(band, params.inadequate_cap_band)
        figures[f"{group}.settings"] = line.overall.total
        figures[f"{group}.good_or_better_%"] = round(share, 1)
        figures[f"{group}.similar_areas_%"] = _rounded(line.good_or_better.similar_areas)
        figures[f"{group}.england_%"] = _rounded(line.good_or_better.england)
        figures[f"{group}.inadequate_%"] = round(inadequate, 1)
        figures[f"{group}.band"] = band
        weighted += weight * band
        weights += weight
    if weights == 0:
        return Verdict(Outcome.NOT_APPLICABLE, "no inspected settings in scope", figures)
    score = weighted / weights
    band = band_from(score, params.score_cutoffs)
    figures["score"] = round(score, 2)
    figures["band"] = band
    reason = f"weighted mean of group bands {score:.2f} gives band {band}"
    return Verdict(Outcome.FIRED, reason, figures, Effect(band=("A", band), score=("A", score)))


class BlockBParams(_Params):
    """Parameters of ``block_b_band``."""

    full_judgements: list[str] = ["overall_safeguarding", "overall_lac"]
    jar_judgements: list[str] = ["safeguarding", "looked_after_children"]
    scr_inadequate_share_cap: float = 50.0
    scr_cap_band: int = Field(2, ge=1, le=4)


@rule_kind("block_b_band", BlockBParams)
def block_b_band(params: BlockBParams, profile: PerformanceProfile, state: State) -> Verdict:
    """Band the latest council-level inspection by its weakest safeguarding judgement;
    poorly evaluated serious case reviews cap the band."""
    block = profile.block_b
    grades: list[InspectionGrade] = []
    source = ""
    if block.full_inspection is not None:
        grades = _present(block.full_inspection.grade(j) for j in params.full_judgements)
        source = f"full inspection of {block.full_inspection.date.isoformat()}"
    if not grades and block.joint_area_review is not None:
        grades = _present(block.joint_area_review.grade(j) for j in params.jar_judgements)
        source = f"joint area review of {block.joint_area_review.date.isoformat()}"
    if not grades and block.apa_staying_safe is not None:
        grades = [block.apa_staying_safe]
        source = "APA staying safe judgement"
    if not grades:
        return Verdict(Outcome.NOT_APPLICABLE, "no council-level inspection yet", {})
    weakest = max(grades, key=lambda g: g.value)
    band = 5 - weakest.value
    figures: dict[str, Figure] = {"evidence": source, "weakest_judgement": weakest.word}
    scr = block.serious_case_reviews
    if scr.total:
        share = 100.0 * scr.inadequate / scr.total
        figures["scr_evaluated"] = scr.total
        figures["scr_inadequate"] = scr.inadequate
        if share >= params.scr_inadequate_share_cap:
            band = min(band, params.scr_cap_band)
    figures["band"] = band
    reason = f"weakest safeguarding judgement ({weakest.word}) in the {source} gives band {band}"
    return Verdict(Outcome.FIRED, reason, figures, Effect(band=("B", band)))


class BlockCParams(_Params):
    """Parameters of ``block_c_band``."""

    score_cutoffs: list[float]
    min_indicators: int = 10

    _ascending = field_validator("score_cutoffs")(check_ascending)


@rule_kind("block_c_band", BlockCParams)
def block_c_band(params: BlockCParams, profile: PerformanceProfile, state: State) -> Verdict:
    """Band the mean of the indicators' fixed-cut-off bands."""
    bands = [line.band for line in profile.block_c.lines if line.band is not None]
    if len(bands) < params.min_indicators:
        reason = f"only {len(bands)} banded indicators (needs {params.min_indicators})"
        return Verdict(Outcome.NOT_APPLICABLE, reason, {"banded_indicators": len(bands)})
    score = sum(bands) / len(bands)
    band = band_from(score, params.score_cutoffs)
    figures: dict[str, Figure] = {
        "banded_indicators": len(bands),
        "lowest_band": bands.count(1),
        "score": round(score, 2),
        "band": band,
    }
    reason = f"mean indicator band {score:.2f} over {len(bands)} indicators gives band {band}"
    return Verdict(Outcome.FIRED, reason, figures, Effect(band=("C", band), score=("C", score)))


def _present(grades: Iterable[InspectionGrade | None]) -> list[InspectionGrade]:
    return [g for g in grades if g is not None]


def _rounded(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None
