"""Flatten a performance profile into tidy lines: one figure per block, line and measure."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from csrating.formatting import round_half_up
from csrating.profile.comparison import Comparison
from csrating.profile.model import (
    BlockA,
    BlockB,
    BlockC,
    Compared,
    CouncilInspection,
    GradeCounts,
    PerformanceProfile,
)
from csrating.scales import InspectionGrade
from csrating.vocabulary import UnannouncedOutcome

Number = int | float
"""A figure in a tidy line: a count or a grade (int) or a share or value (float)."""

SHARE_PLACES = 1
"""Decimal places kept for percentages of settings."""

INSPECTION_NAMES = {
    "safeguarding_lac": "Inspection of safeguarding and looked after children services",
    "jar": "Joint area review",
}
"""How a council-level inspection kind is named in tables."""

JUDGEMENT_NAMES = {
    "overall_safeguarding": "overall effectiveness of safeguarding",
    "overall_lac": "overall effectiveness of services for looked after children",
    "looked_after_children": "services for looked after children",
}
"""Judgement ids whose words are not just the id with spaces."""


@dataclass(frozen=True)
class ProfileLine:
    """One figure of a council's profile, with its comparators where it has them."""

    block: str
    line: str
    label: str
    measure: str
    value: Number | None
    similar_areas: Number | None = None
    england: Number | None = None
    vs_similar_areas: Comparison | None = None
    vs_england: Comparison | None = None


def judgement_words(judgement: str) -> str:
    """Return a judgement id in words, e.g. ``"capacity to improve"``."""
    return JUDGEMENT_NAMES.get(judgement, judgement.replace("_", " "))


def profile_lines(profile: PerformanceProfile) -> tuple[ProfileLine, ...]:
    """Return every figure of ``profile`` as tidy lines, Block A then B then C.

    Args:
        profile: the council's performance profile.

    Returns:
        The lines; (block, line, measure) is unique within a profile.
    """
    return (
        *_block_a(profile.block_a),
        *_block_b(profile.block_b),
        *_block_c(profile.block_c),
    )


def _rounded(value: float | None, places: int) -> float | None:
    return None if value is None else round_half_up(value, places)


def _compared(
    block: str, line: str, label: str, measure: str, figures: Compared, places: int
) -> ProfileLine:
    return ProfileLine(
        block,
        line,
        label,
        measure,
        _rounded(figures.value, places),
        _rounded(figures.similar_areas, places),
        _rounded(figures.england, places),
        figures.vs_similar_areas,
        figures.vs_england,
    )


def _counts(block: str, line: str, label: str, counts: GradeCounts) -> Iterator[ProfileLine]:
    for grade in InspectionGrade:
        yield ProfileLine(block, line, label, f"{grade.word}_count", counts.count(grade))
    yield ProfileLine(block, line, label, "count", counts.total)


def _block_a(block: BlockA) -> Iterator[ProfileLine]:
    for line in block.lines:
        yield from _counts("A", line.key, line.label, line.overall)
        shares = (
            ("good_or_better_pct", line.good_or_better),
            ("inadequate_pct", line.inadequate),
            ("staying_safe_good_or_better_pct", line.staying_safe_good_or_better),
            ("enjoying_achieving_good_or_better_pct", line.enjoying_achieving_good_or_better),
        )
        for measure, figures in shares:
            yield _compared("A", line.key, line.label, measure, figures, SHARE_PLACES)
    for service in block.single_services:
        grade = service.grade.value if service.grade is not None else None
        yield ProfileLine("A", service.setting_type, service.label, "grade", grade)


def _inspection(inspection: CouncilInspection | None) -> Iterator[ProfileLine]:
    if inspection is None:
        return
    name = INSPECTION_NAMES.get(inspection.kind, inspection.kind.replace("_", " "))
    for judgement, grade in inspection.judgements:
        label = f"{name}: {judgement_words(judgement)}"
        yield ProfileLine("B", f"{inspection.kind}.{judgement}", label, "grade", grade.value)


def _block_b(block: BlockB) -> Iterator[ProfileLine]:
    yield from _inspection(block.full_inspection)
    label = "Unannounced inspections of contact, referral and assessment since the full inspection"
    unannounced = block.unannounced_since_full
    yield ProfileLine("B", "unannounced_cra", label, "count", len(unannounced))
    priority = sum(1 for u in unannounced if u.outcome is UnannouncedOutcome.PRIORITY_ACTION)
    yield ProfileLine("B", "unannounced_cra", label, "priority_action_count", priority)
    yield from _inspection(block.joint_area_review)
    scr = "Serious case reviews evaluated"
    yield from _counts("B", "scr_evaluation", scr, block.serious_case_reviews)
    if block.apa_staying_safe is not None:
        apa = "Annual performance assessment: staying safe"
        yield ProfileLine("B", "apa_staying_safe", apa, "grade", block.apa_staying_safe.value)


def _block_c(block: BlockC) -> Iterator[ProfileLine]:
    for line in block.lines:
        places = line.decimals
        ident = str(line.indicator)
        yield ProfileLine(
            "C",
            ident,
            line.title,
            "value",
            _rounded(line.value, places),
            _rounded(line.similar_areas, places),
            _rounded(line.england, places),
            line.vs_similar_areas,
            line.vs_england,
        )
        previous = _rounded(line.previous_value, places)
        yield ProfileLine("C", ident, line.title, "previous_value", previous)
        yield ProfileLine("C", ident, line.title, "band", line.band)
