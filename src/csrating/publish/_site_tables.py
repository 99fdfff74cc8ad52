"""Describe the site's tables as plain values; one template macro draws them all.

Every table has a caption and column headers; the first cell of each row is its row
header (``<th scope="row">``). Numbers are right-aligned, and a missing figure reads
"no data" rather than leaving a cell empty.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from csrating.formatting import round_half_up
from csrating.letters.wording import long_date
from csrating.pipeline import CouncilResult
from csrating.profile.comparison import Comparison, Trend
from csrating.profile.model import (
    BlockA,
    BlockALine,
    BlockB,
    BlockC,
    CouncilInspection,
    IndicatorLine,
)
from csrating.publish._profile_lines import INSPECTION_NAMES, judgement_words
from csrating.publish.summary import RATINGS_BEST_FIRST, GroupCounts, Movement, NationalSummary
from csrating.reference import council
from csrating.scales import CouncilRating, EcmOutcome, InspectionGrade
from csrating.types import LaCode
from csrating.vocabulary import UnannouncedOutcome

NO_DATA = "no data"
"""What a cell says when there is no figure."""

UNGRADED = "not graded"
"""What the grade cell says for evidence that carries no grade."""

_COMPARED = {Comparison.ABOVE: "Better", Comparison.IN_LINE: "In line", Comparison.BELOW: "Worse"}
_TRENDS = {Trend.IMPROVING: "Improving", Trend.STABLE: "Stable", Trend.DECLINING: "Declining"}
_OUTCOMES = {
    UnannouncedOutcome.PRIORITY_ACTION: "Areas for priority action",
    UnannouncedOutcome.DEVELOPMENT: "Areas for development",
    UnannouncedOutcome.NONE: "No areas for priority action or development",
}
_UNITS = {"percent": "%"}


@dataclass(frozen=True)
class Cell:
    """One table cell: its text, and optionally a link or a rating tag."""

    text: str
    numeric: bool = False
    href: str | None = None
    grade: int | None = None
    """A council rating (1-4) to show as a coloured tag; 0 for a withheld rating."""


@dataclass(frozen=True)
class Column:
    """A column header."""

    text: str
    numeric: bool = False


@dataclass(frozen=True)
class HtmlTable:
    """A table to draw: caption, column headers, and rows led by a row header."""

    caption: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str | None = None


def number(value: float | None, places: int = 0, unit: str = "") -> Cell:
    """A right-aligned figure rounded half up, or "no data"."""
    if value is None:
        return Cell(NO_DATA, numeric=True)
    text = f"{round_half_up(value, places):,.{places}f}"
    return Cell(f"{text}{_UNITS.get(unit, '')}", numeric=True)


def compared(value: Comparison | None) -> Cell:
    """A comparison with a comparator in words: better, in line or worse."""
    return Cell(_COMPARED[value] if value is not None else NO_DATA)


def rating_text(rating: CouncilRating | None) -> str:
    """A rating as a tag reads: ``"3 Performs well"`` or ``"Withheld"``."""
    return f"{rating.value} {rating.label.capitalize()}" if rating is not None else "Withheld"


def rating_cell(rating: CouncilRating | None) -> Cell:
    """A rating as a coloured tag with its digit and words (never colour alone)."""
    return Cell(rating_text(rating), grade=rating.value if rating is not None else 0)


def indicator_name(indicator: str) -> str:
    """``"NI059"`` as people write it: ``"NI 59"`` (``"NI102a"`` becomes ``"NI 102a"``)."""
    match = re.fullmatch(r"NI0*(\d+)([a-z]?)", indicator)
    return f"NI {match.group(1)}{match.group(2)}" if match else indicator


def distribution_table(summary: NationalSummary, year: str) -> HtmlTable:
    """The headline table: number and percentage of councils at each rating."""
    rows = [
        (Cell(f"{line.rating.label.capitalize()} ({line.rating.value})", grade=line.rating.value),)
        + (
            number(line.count),
            Cell(f"{line.percentage}%" if line.percentage is not None else NO_DATA, numeric=True),
        )
        for line in summary.grades
    ]
    label = "Total" if not summary.withheld else "Total rated"
    rows.append((Cell(label), number(summary.total_rated), Cell("100%", numeric=True)))
    if summary.withheld:
        rows.append(
            (Cell("Rating withheld"), number(len(summary.withheld)), Cell("not applicable"))
        )
    return HtmlTable(
        caption=f"Councils by children's services rating, {year}",
        columns=(Column("Rating"), Column("Number", True), Column("Percentage", True)),
        rows=tuple(rows),
        note=summary.rounding_note,
    )


def region_table(summary: NationalSummary) -> HtmlTable:
    """Ratings by region: how many councils in each region got each rating."""
    return _group_table("Ratings by region", "Region", summary.by_region)


def type_table(summary: NationalSummary) -> HtmlTable:
    """Ratings by type of council (shire county, unitary authority, ...)."""
    return _group_table("Ratings by type of council", "Type of council", summary.by_type)


def _group_table(caption: str, heading: str, groups: Sequence[GroupCounts]) -> HtmlTable:
    columns = [Column(heading)]
    columns += [Column(f"{r.label.capitalize()} ({r.value})", True) for r in RATINGS_BEST_FIRST]
    withheld = any(group.withheld for group in groups)
    if withheld:
        columns.append(Column("Withheld", True))
    columns.append(Column("Councils", True))
    rows = []
    for group in groups:
        name = group.group[:1].upper() + group.group[1:]
        row = [Cell(name)] + [number(group.count(r)) for r in RATINGS_BEST_FIRST]
        if withheld:
            row.append(number(group.withheld))
        row.append(number(group.total))
        rows.append(tuple(row))
    return HtmlTable(caption, tuple(columns), tuple(rows))


def change_summary(summary: NationalSummary) -> str | None:
    """One sentence on how ratings moved since the earlier year, or ``None``."""
    if summary.changes is None:
        return None
    up, down = summary.moved_up, summary.moved_down
    same = summary.moved(Movement.SAME)
    return (
        f"Compared with the earlier year, {up} {_councils(up)} rated higher, "
        f"{down} lower and {same} the same."
    )


def _councils(count: int) -> str:
    return "council is" if count == 1 else "councils are"


def change_table(summary: NationalSummary) -> HtmlTable | None:
    """The councils whose rating moved since the earlier year, or ``None``."""
    if summary.changes is None:
        return None
    moved = [c for c in summary.changes if c.movement in (Movement.UP, Movement.DOWN)]
    rows = tuple(
        (
            Cell(change.name),
            rating_cell(change.earlier),
            rating_cell(change.current),
            Cell("higher" if change.movement is Movement.UP else "lower"),
        )
        for change in sorted(moved, key=lambda c: (c.movement.value, c.name))
    )
    return HtmlTable(
        "Councils whose rating changed since the earlier year",
        (Column("Council"), Column("Earlier"), Column("Now"), Column("Change")),
        rows,
    )


def _a_row(line: BlockALine) -> tuple[Cell, ...]:
    counts = line.overall
    gob = line.good_or_better
    return (
        Cell(line.label[:1].upper() + line.label[1:]),
        number(counts.total),
        number(counts.outstanding),
        number(counts.good),
        number(counts.satisfactory),
        number(counts.inadequate),
        number(gob.value, 1, "percent"),
        number(gob.similar_areas, 1, "percent"),
        number(gob.england, 1, "percent"),
        compared(gob.vs_similar_areas),
    )


_A_COLUMNS = (
    Column("Settings"),
    Column("Inspected", True),
    Column("Outstanding", True),
    Column("Good", True),
    Column("Satisfactory", True),
    Column("Inadequate", True),
    Column("Good or better", True),
    Column("Similar areas", True),
    Column("England", True),
    Column("Compared with similar areas"),
)


def block_a_tables(block: BlockA, name: str) -> list[HtmlTable]:
    """Block A: settings at their latest inspection, by group and by type of setting."""
    note = (
        "Good or better is the share of settings judged good or outstanding; similar "
        "areas is the mean of the council's ten statistical neighbours."
    )
    tables = []
    for is_group, what in ((True, "group of settings"), (False, "type of setting")):
        rows = tuple(_a_row(line) for line in block.lines if line.is_group is is_group)
        if rows:
            caption = f"Block A: inspected services and settings in {name}, by {what}"
            tables.append(HtmlTable(caption, _A_COLUMNS, rows, note if is_group else None))
    services = tuple(
        (
            Cell(s.label[:1].upper() + s.label[1:]),
            Cell(s.grade.word.capitalize() if s.grade is not None else "Not inspected"),
            Cell(_date(s.inspection_date)),
        )
        for s in block.single_services
    )
    if services:
        tables.append(
            HtmlTable(
                f"Block A: the council's own services in {name}",
                (Column("Service"), Column("Latest grade"), Column("Inspected")),
                services,
            )
        )
    return tables


def _date(value: dt.date | None) -> str:
    return long_date(value) if value is not None else NO_DATA


def _inspection_rows(inspection: CouncilInspection | None, kind: str) -> list[tuple[Cell, ...]]:
    name = INSPECTION_NAMES[kind]
    if inspection is None:
        return [(Cell(name), Cell(NO_DATA), Cell("None by the cut-off date"), Cell(NO_DATA))]
    return [
        (
            Cell(name),
            Cell(_date(inspection.date)),
            Cell(judgement_words(judgement).capitalize()),
            Cell(f"{grade.value} {grade.word.capitalize()}"),
        )
        for judgement, grade in inspection.judgements
    ]


def block_b_table(block: BlockB, name: str) -> HtmlTable:
    """Block B: council-level inspections, unannounced visits and serious case reviews."""
    rows = _inspection_rows(block.full_inspection, "safeguarding_lac")
    unannounced = "Unannounced inspection of contact, referral and assessment"
    for visit in block.unannounced_since_full:
        rows.append(
            (
                Cell(unannounced),
                Cell(_date(visit.date)),
                Cell(_OUTCOMES[visit.outcome]),
                Cell(UNGRADED),
            )
        )
    if not block.unannounced_since_full:
        rows.append(
            (
                Cell(unannounced),
                Cell(NO_DATA),
                Cell("None since the full inspection"),
                Cell(UNGRADED),
            )
        )
    rows += _inspection_rows(block.joint_area_review, "jar")
    reviews = block.serious_case_reviews
    if reviews.total:
        spread = ", ".join(
            f"{reviews.count(g)} {g.word}" for g in InspectionGrade if reviews.count(g)
        )
        rows.append(
            (
                Cell("Serious case reviews evaluated"),
                Cell(NO_DATA),
                Cell(f"{reviews.total} evaluated: {spread}"),
                Cell(UNGRADED),
            )
        )
    if block.apa_staying_safe is not None:
        grade = block.apa_staying_safe
        rows.append(
            (
                Cell("Annual performance assessment"),
                Cell(NO_DATA),
                Cell("Staying safe"),
                Cell(f"{grade.value} {grade.word.capitalize()}"),
            )
        )
    return HtmlTable(
        f"Block B: council-level inspections of {name}",
        (Column("Evidence"), Column("Date"), Column("Judgement or outcome"), Column("Grade")),
        tuple(rows),
        note="Inspection grades run from 1 outstanding to 4 inadequate.",
    )


def _c_row(line: IndicatorLine) -> tuple[Cell, ...]:
    places = line.decimals
    unit = line.unit
    return (
        Cell(f"{indicator_name(line.indicator)} {line.title}"),
        Cell("higher" if line.higher_is_better else "lower"),
        number(line.value, places, unit)
        if line.value is not None
        else Cell(line.reason or NO_DATA),
        number(line.similar_areas, places, unit),
        number(line.england, places, unit),
        compared(line.vs_similar_areas),
        number(line.band) if line.band is not None else Cell(NO_DATA, numeric=True),
        Cell(_TRENDS[line.trend] if line.trend is not None else NO_DATA),
    )


def block_c_tables(block: BlockC, name: str) -> list[HtmlTable]:
    """Block C: one table of National Indicators per Every Child Matters outcome."""
    period = f" ({block.period})" if block.period else ""
    columns = (
        Column("Indicator"),
        Column("Better when"),
        Column("Value", True),
        Column("Similar areas", True),
        Column("England", True),
        Column("Compared with similar areas"),
        Column("Band", True),
        Column("Trend"),
    )
    tables = []
    for outcome in EcmOutcome:
        rows = tuple(_c_row(line) for line in block.lines if line.outcome is outcome)
        if rows:
            caption = f"Block C: {outcome.title.lower()} indicators for {name}{period}"
            tables.append(HtmlTable(caption, columns, rows))
    return tables


def neighbours_table(
    result: CouncilResult, results: Mapping[LaCode, CouncilResult], href: str
) -> HtmlTable:
    """The council's ten statistical neighbours, nearest first, with their ratings.

    ``href`` is a format string with ``{code}`` for the link to a council's page.
    """
    rows: list[tuple[Cell, ...]] = [
        (
            Cell(f"{result.council.name} (this council)"),
            Cell(result.council.la_code),
            rating_cell(result.assessment.rating),
        )
    ]
    for code in result.profile.neighbours:
        found = results.get(code)
        info = council(code)
        rows.append(
            (
                Cell(info.name, href=href.format(code=code) if found else None),
                Cell(code),
                rating_cell(found.assessment.rating) if found else Cell(NO_DATA),
            )
        )
    return HtmlTable(
        f"{result.council.name} and its similar areas (statistical neighbours), nearest first",
        (Column("Council"), Column("DfE code"), Column("Rating")),
        tuple(rows),
    )


def neighbour_counts(
    result: CouncilResult, results: Mapping[LaCode, CouncilResult]
) -> Sequence[tuple[CouncilRating | None, int]]:
    """How many of the council's neighbours got each rating (withheld as ``None``)."""
    ratings = [results[c].assessment.rating for c in result.profile.neighbours if c in results]
    order: list[CouncilRating | None] = [*RATINGS_BEST_FIRST, None]
    return [(r, ratings.count(r)) for r in order if ratings.count(r)]
