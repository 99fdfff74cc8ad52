"""Describe the site's tables as plain values; one template macro draws them all.

Every table has a caption and column headers; the first cell of each row is its row
header (``<th scope="row">``). Numbers are right-aligned, and a missing figure reads
"no data" rather than leaving a cell empty.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from csrating.formatting import NO_DATA, figure
from csrating.pipeline import CouncilResult
from csrating.presentation import ProfileTables, TextTable
from csrating.publish.summary import (
    NOT_PUBLISHED,
    RATINGS_BEST_FIRST,
    GroupCounts,
    Movement,
    NationalSummary,
)
from csrating.reference import geography
from csrating.scales import CouncilRating
from csrating.types import LaCode


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


def number(value: float | None, places: int = 0) -> Cell:
    """A right-aligned figure rounded half up, or "no data"."""
    return Cell(figure(value, places), numeric=True)


def html_table(table: TextTable) -> HtmlTable:
    """Draw one of the profile's text tables (:mod:`csrating.presentation`) on a page."""
    columns = tuple(Column(c.text, c.numeric) for c in table.columns)
    rows = tuple(
        tuple(Cell(text, numeric=c.numeric) for text, c in zip(row, columns, strict=True))
        for row in table.rows
    )
    return HtmlTable(table.caption, columns, rows, table.note)


def profile_html_tables(tables: ProfileTables) -> dict[str, tuple[HtmlTable, ...]]:
    """The profile's tables by block (``"A"``, ``"B"``, ``"C"``), drawn for a page."""
    return {
        "A": tuple(html_table(t) for t in tables.block_a),
        "B": (html_table(tables.block_b),),
        "C": tuple(html_table(t) for t in tables.block_c),
    }


def rating_text(rating: CouncilRating | None) -> str:
    """A rating as a tag reads: ``"3 Performs well"``, or :data:`NOT_PUBLISHED` for a
    rating withheld (as the home page's group, the tables and the map call it)."""
    return f"{rating.value} {rating.label.capitalize()}" if rating is not None else NOT_PUBLISHED


def rating_cell(rating: CouncilRating | None) -> Cell:
    """A rating as a coloured tag with its digit and words (never colour alone)."""
    return Cell(rating_text(rating), grade=rating.value if rating is not None else 0)


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
            (
                Cell(NOT_PUBLISHED, grade=0),
                number(len(summary.withheld)),
                Cell("not applicable"),
            )
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
        columns.append(Column(NOT_PUBLISHED, True))
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
        info = geography(result.council.vintage).council(code)
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
