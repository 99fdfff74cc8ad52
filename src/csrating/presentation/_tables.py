"""The profile's tables as text: the same captions, columns and cells on every page.

The published site, the web application and the command line draw these tables; the
workbook lays the same rows out in its own, wider tables of numbers. Every table has a
caption and column headers, the first cell of each row is its row header, and no cell
is empty (a missing figure reads "no data").
"""

from __future__ import annotations

from dataclasses import dataclass

from csrating.presentation._rows import IndicatorRow, ProfileRows, SettingsRow
from csrating.scales import EcmOutcome, InspectionGrade

SHARES_NOTE = (
    "Good or better is the share of settings judged good or outstanding; similar areas "
    "is the mean of the council's ten statistical neighbours."
)
GRADES_NOTE = "Inspection grades run from 1 outstanding to 4 inadequate."
BANDS_NOTE = "Indicator bands run from 1 (weakest) to 4 (strongest), by fixed cut-off points."


@dataclass(frozen=True)
class Column:
    """A column header; numeric columns are right-aligned."""

    text: str
    numeric: bool = False


@dataclass(frozen=True)
class TextTable:
    """A table as text: caption, column headers and rows led by their row header."""

    caption: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str | None = None

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(
                    f"table {self.caption!r}: a row has {len(row)} cells "
                    f"for {len(self.columns)} columns"
                )


@dataclass(frozen=True)
class ProfileTables:
    """A profile's tables, block by block (a block may have none)."""

    block_a: tuple[TextTable, ...]
    block_b: TextTable
    block_c: tuple[TextTable, ...]

    @property
    def all(self) -> tuple[TextTable, ...]:
        """Every table, Block A then B then C."""
        return (*self.block_a, self.block_b, *self.block_c)


SETTINGS_COLUMNS = (
    Column("Settings"),
    Column("Inspected", True),
    *(Column(grade.word.capitalize(), True) for grade in InspectionGrade),
    Column("Good or better", True),
    Column("Similar areas", True),
    Column("England", True),
    Column("Compared with similar areas"),
    Column("Compared with England"),
)
"""Block A's columns: the counts, and the share good or better with its comparators."""

SERVICES_COLUMNS = (Column("Service"), Column("Latest grade"), Column("Inspected"))

EVIDENCE_COLUMNS = (
    Column("Evidence"),
    Column("Date"),
    Column("Judgement or outcome"),
    Column("Grade"),
)

INDICATOR_COLUMNS = (
    Column("Indicator"),
    Column("Better when"),
    Column("Value", True),
    Column("Similar areas", True),
    Column("England", True),
    Column("Compared with similar areas"),
    Column("Compared with England"),
    Column("Band", True),
    Column("Trend"),
)


def settings_cells(row: SettingsRow) -> tuple[str, ...]:
    """Block A's cells for one row."""
    share = row.good_or_better
    return (
        row.heading,
        row.inspected.text,
        *(row.judged(grade).text for grade in InspectionGrade),
        share.value.text,
        share.similar_areas.text,
        share.england.text,
        share.vs_similar_areas_text,
        share.vs_england_text,
    )


def indicator_cells(row: IndicatorRow) -> tuple[str, ...]:
    """Block C's cells for one indicator."""
    return (
        row.heading,
        row.polarity_text,
        row.value.text,
        row.similar_areas.text,
        row.england.text,
        row.figures.vs_similar_areas_text,
        row.figures.vs_england_text,
        row.band_text,
        row.trend_text,
    )


def block_a_tables(rows: ProfileRows, place: str) -> tuple[TextTable, ...]:
    """Block A: settings by group, by type, and the council's single services.

    Args:
        rows: the profile's rows.
        place: the council's name, for the captions.
    """
    tables = []
    for chosen, what, note in (
        (rows.groups, "group of settings", SHARES_NOTE),
        (rows.setting_types, "type of setting", None),
    ):
        if chosen:
            caption = f"Block A: inspected services and settings in {place}, by {what}"
            cells = tuple(settings_cells(row) for row in chosen)
            tables.append(TextTable(caption, SETTINGS_COLUMNS, cells, note))
    if rows.services:
        cells = tuple((s.heading, s.grade_text, s.date_text) for s in rows.services)
        caption = f"Block A: the council's own services in {place}"
        tables.append(TextTable(caption, SERVICES_COLUMNS, cells))
    return tuple(tables)


def block_b_table(rows: ProfileRows, place: str) -> TextTable:
    """Block B: council-level inspections, unannounced visits and serious case reviews."""
    cells = tuple((e.evidence, e.date_text, e.finding, e.grade_text) for e in rows.evidence)
    caption = f"Block B: council-level inspections of {place}"
    return TextTable(caption, EVIDENCE_COLUMNS, cells, GRADES_NOTE)


def block_c_tables(rows: ProfileRows, place: str) -> tuple[TextTable, ...]:
    """Block C: one table of indicators per Every Child Matters outcome."""
    period = f" ({rows.period})" if rows.period else ""
    tables = []
    for outcome in EcmOutcome:
        chosen = rows.indicators_of(outcome)
        if chosen:
            caption = f"Block C: {outcome.title.lower()} indicators for {place}{period}"
            cells = tuple(indicator_cells(row) for row in chosen)
            tables.append(TextTable(caption, INDICATOR_COLUMNS, cells))
    if tables:  # the bands are explained once, under the last table
        last = tables[-1]
        tables[-1] = TextTable(last.caption, last.columns, last.rows, BANDS_NOTE)
    return tuple(tables)


def profile_tables(rows: ProfileRows, place: str | None = None) -> ProfileTables:
    """Return the profile's tables as every page shows them.

    Args:
        rows: the profile's rows.
        place: the council's name in the captions (by default the profile's).

    Returns:
        Block A's tables (groups, types, single services: each only when it has rows),
        Block B's table and Block C's tables (one per outcome with indicators).
    """
    name = place or rows.name
    return ProfileTables(
        block_a_tables(rows, name), block_b_table(rows, name), block_c_tables(rows, name)
    )
