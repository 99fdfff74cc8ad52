"""A profile's rows as tidy figures: one number per block, line and measure (open data)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from csrating.presentation._figures import ComparedFigure
from csrating.presentation._rows import INSPECTION_NAMES, ProfileRows
from csrating.profile.comparison import Comparison
from csrating.profile.model import GradeCounts
from csrating.scales import InspectionGrade
from csrating.vocabulary import UnannouncedOutcome

Number = int | float
"""A tidy figure: a count or a grade (int), or a share or value (rounded as shown)."""

UNANNOUNCED_LABEL = (
    "Unannounced inspections of contact, referral and assessment since the full inspection"
)
APA_LABEL = "Annual performance assessment: staying safe"


@dataclass(frozen=True)
class TidyFigure:
    """One figure of a profile with its comparators where it has them.

    Numbers are the rows' spreadsheet numbers: rounded half up to the places shown.
    """

    block: str
    line: str
    label: str
    measure: str
    value: Number | None
    similar_areas: Number | None = None
    england: Number | None = None
    vs_similar_areas: Comparison | None = None
    vs_england: Comparison | None = None


def tidy_figures(rows: ProfileRows) -> tuple[TidyFigure, ...]:
    """Return every figure of a profile's rows, Block A then B then C.

    Args:
        rows: the profile's rows (:func:`~csrating.presentation.profile_rows`).

    Returns:
        The figures; (block, line, measure) is unique within a profile.
    """
    return (*_block_a(rows), *_block_b(rows), *_block_c(rows))


def _compared(block: str, line: str, label: str, measure: str, fig: ComparedFigure) -> TidyFigure:
    return TidyFigure(
        block,
        line,
        label,
        measure,
        fig.value.number,
        fig.similar_areas.number,
        fig.england.number,
        fig.vs_similar_areas,
        fig.vs_england,
    )


def _counts(block: str, line: str, label: str, counts: GradeCounts) -> Iterator[TidyFigure]:
    for grade in InspectionGrade:
        yield TidyFigure(block, line, label, f"{grade.word}_count", counts.count(grade))
    yield TidyFigure(block, line, label, "count", counts.total)


def _block_a(rows: ProfileRows) -> Iterator[TidyFigure]:
    for row in rows.settings:
        yield from _counts("A", row.key, row.label, row.overall)
        for measure, figures in row.shares:
            yield _compared("A", row.key, row.label, measure, figures)
    for service in rows.services:
        grade = service.grade.value if service.grade is not None else None
        yield TidyFigure("A", service.setting_type, service.label, "grade", grade)


def _judgements(rows: ProfileRows, kind: str) -> Iterator[TidyFigure]:
    for row in rows.evidence:
        if row.kind == kind and row.judgement is not None and row.grade is not None:
            label = f"{row.evidence}: {row.finding}"
            yield TidyFigure("B", f"{kind}.{row.judgement}", label, "grade", row.grade.value)


def _block_b(rows: ProfileRows) -> Iterator[TidyFigure]:
    yield from _judgements(rows, "safeguarding_lac")
    visits = rows.unannounced
    yield TidyFigure("B", "unannounced_cra", UNANNOUNCED_LABEL, "count", len(visits))
    priority = visits.count(UnannouncedOutcome.PRIORITY_ACTION)
    yield TidyFigure("B", "unannounced_cra", UNANNOUNCED_LABEL, "priority_action_count", priority)
    yield from _judgements(rows, "jar")
    scr = INSPECTION_NAMES["scr_evaluation"]
    yield from _counts("B", "scr_evaluation", scr, rows.serious_case_reviews)
    if rows.apa_staying_safe is not None:
        grade = rows.apa_staying_safe.value
        yield TidyFigure("B", "apa_staying_safe", APA_LABEL, "grade", grade)


def _block_c(rows: ProfileRows) -> Iterator[TidyFigure]:
    for row in rows.indicators:
        ident = str(row.indicator)
        yield _compared("C", ident, row.title, "value", row.figures)
        yield TidyFigure("C", ident, row.title, "previous_value", row.previous_value.number)
        yield TidyFigure("C", ident, row.title, "band", row.band)
