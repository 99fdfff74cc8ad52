"""Rule kinds that band each block of the profile (1 weakest to 4 strongest)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, field_validator

from csrating.formatting import count_text, figure, long_date, sentence
from csrating.frameworks.assessment import Effect, Figures, Outcome
from csrating.frameworks.registry import State, Verdict, rule_kind
from csrating.frameworks.rules._bands import band_from, check_ascending
from csrating.frameworks.rules._words import counted, percent_1dp, score
from csrating.profile.comparison import Comparison
from csrating.profile.model import PerformanceProfile
from csrating.profile.settings import DEFAULT_GROUPS
from csrating.scales import InspectionGrade

BLOCK_NAMES = {
    "A": "Block A (inspected services and settings)",
    "B": "Block B (council-level inspections of safeguarding and looked after children)",
    "C": "Block C (indicators)",
}
"""How each block is named in explanations."""

_GROUP_LABELS = {group: label for group, label, _ in DEFAULT_GROUPS}
"""How a group with no line in the profile is named (a line carries its own label)."""


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# Block A --------------------------------------------------------------------------------


class BlockAParams(_Params):
    """Parameters of ``block_a_band``."""

    group_weights: dict[str, float]
    share_cutoffs: list[float] = Field(description="good-or-better % for bands 2, 3, 4")
    comparison_step: bool = True
    inadequate_share_cap: float = 15.0
    inadequate_cap_band: int = Field(2, ge=1, le=4)
    score_cutoffs: list[float]

    _ascending = field_validator("share_cutoffs", "score_cutoffs")(check_ascending)


@dataclass(frozen=True)
class GroupBand:
    """One group of settings' band and the figures behind it (no settings: no band)."""

    key: str
    label: str
    settings: int
    good_or_better: float | None = None
    similar_areas: float | None = None
    england: float | None = None
    inadequate: float | None = None
    band: int | None = None
    children: float | None = None  # for a published share: the children it is a share of


@dataclass(frozen=True)
class BlockAFigures(Figures):
    """Block A's band, its weighted score and each group's band."""

    groups: tuple[GroupBand, ...]
    score: float | None = None
    band: int | None = None


def _explain_block_a(figures: BlockAFigures, outcome: Outcome) -> str:
    name = BLOCK_NAMES["A"]
    if outcome is not Outcome.FIRED or figures.band is None:
        return sentence(f"{name} has no band, because no setting in scope was inspected")
    head = f"{name} is in band {figures.band} of 4"
    if figures.score is not None:
        head += f": the weighted average of its groups' bands is {score(figures.score)}"
    text = sentence(head)
    groups = [_group_phrase(group) for group in figures.groups]
    if groups:
        text += " " + sentence("By group: " + "; ".join(groups))
    return text


def _group_phrase(group: GroupBand) -> str:
    if group.band is None or group.good_or_better is None:
        return f"{group.label}, none inspected"
    if group.children is not None:
        good = (
            f"{percent_1dp(group.good_or_better)} of {figure(group.children)} funded children "
            "in provision"
        )
    else:
        good = f"{percent_1dp(group.good_or_better)} of {counted(group.settings, 'setting')}"
    phrase = f"{group.label}, band {group.band} ({good} good or better"
    comparators = []
    if group.similar_areas is not None:
        comparators.append(f"{percent_1dp(group.similar_areas)} in similar areas")
    if group.england is not None:
        comparators.append(f"{percent_1dp(group.england)} in England")
    if comparators:
        phrase += ", against " + " and ".join(comparators)
    if group.inadequate:
        phrase += f"; {percent_1dp(group.inadequate)} inadequate"
    return phrase + ")"


@rule_kind("block_a_band", BlockAParams, explain=_explain_block_a)
def block_a_band(params: BlockAParams, profile: PerformanceProfile, state: State) -> Verdict:
    """Band each group by its good-or-better share, step it by the comparisons, then
    band the weighted mean of the groups."""
    groups: list[GroupBand] = []
    weighted, weights = 0.0, 0.0
    for group, weight in params.group_weights.items():
        line = profile.block_a.line(group)
        label = (
            line.label if line is not None else _GROUP_LABELS.get(group, group.replace("_", " "))
        )
        share = line.good_or_better.value if line is not None else None
        if line is None or share is None:
            groups.append(GroupBand(group, label, 0))
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
        groups.append(
            GroupBand(
                group,
                label,
                line.overall.total,
                share,
                line.good_or_better.similar_areas,
                line.good_or_better.england,
                inadequate,
                band,
                line.denominator if line.from_published_share else None,
            )
        )
        weighted += weight * band
        weights += weight
    if weights == 0:
        return Verdict(Outcome.NOT_APPLICABLE, BlockAFigures(tuple(groups)))
    mean = weighted / weights
    band = band_from(mean, params.score_cutoffs)
    figures = BlockAFigures(tuple(groups), mean, band)
    return Verdict(Outcome.FIRED, figures, Effect(band=("A", band), score=("A", mean)))


# Block B --------------------------------------------------------------------------------


class BlockBParams(_Params):
    """Parameters of ``block_b_band``.

    ``kind`` is the council-level inspection the band rests on (``safeguarding_lac``, the
    2009-2012 inspection of safeguarding and looked after children; ``ilacs`` for a
    present-day simulation) and ``full_judgements`` the judgements of it that count; a
    joint area review stands in before any inspection of ``kind``.
    """

    kind: str = "safeguarding_lac"
    full_judgements: list[str] = ["overall_safeguarding", "overall_lac"]
    jar_judgements: list[str] = ["safeguarding", "looked_after_children"]
    scr_inadequate_share_cap: float = 50.0
    scr_cap_band: int = Field(2, ge=1, le=4)


@dataclass(frozen=True)
class BlockBFigures(Figures):
    """Block B's band and the council-level evidence behind it."""

    evidence: str | None = None  # "full inspection", "joint area review", "APA staying safe"
    date: dt.date | None = None
    weakest: InspectionGrade | None = None
    scr_evaluated: int = 0
    scr_inadequate: int = 0
    capped_by_reviews: bool = False
    band: int | None = None


KIND_NAMES = {
    "safeguarding_lac": "full inspection",
    "ilacs": "inspection of local authority children's services",
    "sif": "single inspection",
}
"""How explanations name the inspection a band or limit rests on."""


def evidence_phrase(kind: str, date: dt.date | None) -> str:
    """Name a council-level inspection, e.g. "the full inspection of 14 July 2009"."""
    if kind.startswith("APA"):
        return f"the {kind} judgement"
    return f"the {kind} of {long_date(date)}" if date is not None else f"the {kind}"


def _explain_block_b(figures: BlockBFigures, outcome: Outcome) -> str:
    name = BLOCK_NAMES["B"]
    if outcome is not Outcome.FIRED or figures.band is None:
        return sentence(
            f"{name} has no band, because the council has had no inspection of its own yet"
        )
    text = f"{name} is in band {figures.band} of 4"
    if figures.weakest is not None and figures.evidence is not None:
        where = evidence_phrase(figures.evidence, figures.date)
        text += (
            ": the weakest judgement of safeguarding and looked after children in "
            f"{where} was {figures.weakest.word}"
        )
    text = sentence(text)
    if figures.scr_evaluated:
        reviews = counted(figures.scr_evaluated, "serious case review")
        verb = "has" if figures.scr_evaluated == 1 else "have"
        found = count_text(figures.scr_inadequate) if figures.scr_inadequate else "none"
        was = "were" if figures.scr_inadequate > 1 else "was"
        text += " " + sentence(f"{reviews} {verb} been evaluated; {found} {was} judged inadequate")
        if figures.capped_by_reviews:
            text = text[:-1] + f", which holds the band at {figures.band}."
    return text


@rule_kind("block_b_band", BlockBParams, explain=_explain_block_b)
def block_b_band(params: BlockBParams, profile: PerformanceProfile, state: State) -> Verdict:
    """Band the latest council-level inspection by its weakest safeguarding judgement;
    poorly evaluated serious case reviews cap the band."""
    block = profile.block_b
    grades: list[InspectionGrade] = []
    evidence: str | None = None
    date: dt.date | None = None
    judged = [
        found
        for j in params.full_judgements
        if (found := block.latest_judgement(params.kind, j)) is not None
    ]
    if judged:
        grades = [j.grade for j in judged]
        evidence = KIND_NAMES.get(params.kind, "full inspection")
        date = max(j.date for j in judged)
    if not grades and block.joint_area_review is not None:
        grades = _present(block.joint_area_review.grade(j) for j in params.jar_judgements)
        evidence, date = "joint area review", block.joint_area_review.date
    if not grades and block.apa_staying_safe is not None:
        grades = [block.apa_staying_safe]
        evidence, date = "APA staying safe", None
    if not grades:
        return Verdict(Outcome.NOT_APPLICABLE, BlockBFigures())
    weakest = max(grades, key=lambda g: g.value)
    band = 5 - weakest.value
    scr = block.serious_case_reviews
    capped = False
    if scr.total and 100.0 * scr.inadequate / scr.total >= params.scr_inadequate_share_cap:
        capped = band > params.scr_cap_band
        band = min(band, params.scr_cap_band)
    figures = BlockBFigures(evidence, date, weakest, scr.total, scr.inadequate, capped, band)
    return Verdict(Outcome.FIRED, figures, Effect(band=("B", band)))


# Block C --------------------------------------------------------------------------------


class BlockCParams(_Params):
    """Parameters of ``block_c_band``."""

    score_cutoffs: list[float]
    min_indicators: int = 10

    _ascending = field_validator("score_cutoffs")(check_ascending)


@dataclass(frozen=True)
class BlockCFigures(Figures):
    """Block C's band: how many indicators have a band, their mean, how many are lowest."""

    banded: int
    needed: int
    lowest_band: int = 0
    score: float | None = None
    band: int | None = None


def _explain_block_c(figures: BlockCFigures, outcome: Outcome) -> str:
    name = BLOCK_NAMES["C"]
    if outcome is not Outcome.FIRED or figures.band is None:
        if figures.banded == 0:
            return sentence(f"{name} has no band, because no indicator has a band")
        have = "has" if figures.banded == 1 else "have"
        which = f"only {counted(figures.banded, 'indicator')} {have} a band"
        return sentence(f"{name} has no band, because {which}: too few to judge")
    text = f"{name} is in band {figures.band} of 4"
    if figures.score is not None:
        text += f": the {counted(figures.banded, 'indicator')} with a band average "
        text += score(figures.score)
    lowest = count_text(figures.lowest_band) if figures.lowest_band else "none"
    verb = "are" if figures.lowest_band > 1 else "is"
    text += f", and {lowest} of them {verb} in the lowest band"
    return sentence(text)


@rule_kind("block_c_band", BlockCParams, explain=_explain_block_c)
def block_c_band(params: BlockCParams, profile: PerformanceProfile, state: State) -> Verdict:
    """Band the mean of the indicators' fixed-cut-off bands."""
    bands = [line.band for line in profile.block_c.lines if line.band is not None]
    if len(bands) < params.min_indicators:
        figures = BlockCFigures(len(bands), params.min_indicators, bands.count(1))
        return Verdict(Outcome.NOT_APPLICABLE, figures)
    mean = sum(bands) / len(bands)
    band = band_from(mean, params.score_cutoffs)
    figures = BlockCFigures(len(bands), params.min_indicators, bands.count(1), mean, band)
    return Verdict(Outcome.FIRED, figures, Effect(band=("C", band), score=("C", mean)))


def _present(grades: Iterable[InspectionGrade | None]) -> list[InspectionGrade]:
    return [g for g in grades if g is not None]
