"""Accessible spreadsheets: a pure model of sheets and tables, then one openpyxl writer.

Follows the Government Analysis Function's guidance as gptables does: each table is a
defined Excel table with one header row, placed under a title (A1) and a one-line
description (A2); no merged cells, no blank rows or columns inside a table, missing
figures shown by a shorthand explained in the notes, numbers stored as numbers.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.table import Table, TableStyleInfo

from csrating.formatting import figure, long_date

Worksheet = Any
"""An openpyxl worksheet (openpyxl ships no type information)."""

NOT_AVAILABLE = "[x]"
"""Shorthand for a figure that is not available."""

NOT_APPLICABLE = "[z]"
"""Shorthand for a cell that does not apply to its row."""


@dataclass(frozen=True)
class SheetFigure:
    """A number shown to a fixed number of decimal places (stored as the number)."""

    value: int | float
    places: int

    @property
    def number_format(self) -> str:
        """The Excel number format, e.g. ``"#,##0.0"``."""
        return "#,##0" + ("." + "0" * self.places if self.places else "")


CellValue = str | int | float | dt.date | SheetFigure
"""What a table cell may hold; a ``None`` figure is written as :data:`NOT_AVAILABLE`."""


@dataclass(frozen=True)
class SheetTable:
    """A worksheet holding one table: title, description, header row, data rows."""

    sheet: str
    name: str
    title: str
    description: str
    headers: tuple[str, ...]
    rows: tuple[tuple[CellValue, ...], ...]
    link_column: int | None = None
    """Index of a column whose cells name worksheets to link to (the contents table)."""

    def __post_init__(self) -> None:
        if len(self.sheet) > 31:
            raise ValueError(f"sheet name {self.sheet!r} is longer than Excel's 31 characters")
        if not self.name.isidentifier():
            raise ValueError(f"table name {self.name!r} must be letters, digits and _")
        if len(set(self.headers)) != len(self.headers):
            raise ValueError(f"table {self.name}: column headers must be unique")
        if not self.rows:
            raise ValueError(f"table {self.name}: give at least one row (explain an empty one)")
        for row in self.rows:
            if len(row) != len(self.headers):
                raise ValueError(
                    f"table {self.name}: a row has {len(row)} cells for {len(self.headers)} headers"
                )


@dataclass(frozen=True)
class CoverLine:
    """A line of text on the cover sheet; headings are bold."""

    text: str
    heading: bool = False


@dataclass(frozen=True)
class WorkbookModel:
    """Everything a workbook shows, before any file exists."""

    title: str
    subject: str
    cover_title: str
    cover: tuple[CoverLine, ...]
    tables: tuple[SheetTable, ...]


_TITLE_FONT = Font(bold=True, size=15)
_HEADING_FONT = Font(bold=True, size=12)
_HEADER_FONT = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_HEADER_ROW = 3
_MIN_WIDTH, _MAX_WIDTH = 10, 60


def render_workbook(model: WorkbookModel) -> bytes:
    """Write ``model`` as an XLSX file in memory.

    Args:
        model: the workbook's cover and tables.

    Returns:
        The XLSX bytes. openpyxl stamps the file's creation and modification times, so
        two builds differ in those bytes only (``docProps/core.xml`` and zip headers).
    """
    book = Workbook()
    cover = book.active
    cover.title = "Cover"
    _cover(cover, model)
    for table in model.tables:
        _table(book.create_sheet(table.sheet), table)
    book.properties.title = model.title
    book.properties.subject = model.subject
    book.properties.creator = "csrating"
    book.properties.language = "en-GB"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cover(ws: Worksheet, model: WorkbookModel) -> None:
    ws["A1"] = model.cover_title
    ws["A1"].font = _TITLE_FONT
    for number, line in enumerate(model.cover, start=2):
        cell = ws.cell(row=number, column=1, value=line.text)
        cell.alignment = _WRAP
        if line.heading:
            cell.font = _HEADING_FONT
    ws.column_dimensions["A"].width = 110


def _table(sheet: Worksheet, table: SheetTable) -> None:
    sheet["A1"] = table.title
    sheet["A1"].font = _TITLE_FONT
    sheet["A2"] = table.description
    for column, header in enumerate(table.headers, start=1):
        cell = sheet.cell(row=_HEADER_ROW, column=column, value=header)
        cell.font = _HEADER_FONT
        cell.alignment = _WRAP
    for offset, row in enumerate(table.rows, start=1):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=_HEADER_ROW + offset, column=column)
            _fill(cell, value)
            if table.link_column is not None and column == table.link_column + 1:
                location = f"'{value}'!A1"
                cell.hyperlink = Hyperlink(ref=cell.coordinate, location=location)
                cell.style = "Hyperlink"
    last = get_column_letter(len(table.headers))
    ref = f"A{_HEADER_ROW}:{last}{_HEADER_ROW + len(table.rows)}"
    defined = Table(displayName=table.name, ref=ref)
    defined.tableStyleInfo = TableStyleInfo(
        name="TableStyleLight9", showRowStripes=True, showColumnStripes=False
    )
    sheet.add_table(defined)
    for column, width in enumerate(_widths(table), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = f"A{_HEADER_ROW + 1}"


def _fill(cell: Any, value: CellValue) -> None:
    if isinstance(value, SheetFigure):
        cell.value = value.value
        cell.number_format = value.number_format
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "d mmmm yyyy"
    else:
        cell.value = value
        if isinstance(value, str):
            cell.alignment = _WRAP


def _shown(value: CellValue) -> str:
    if isinstance(value, SheetFigure):
        return figure(value.value, value.places)
    if isinstance(value, dt.date):
        return long_date(value)
    return str(value)


def _widths(table: SheetTable) -> Sequence[int]:
    widths = []
    for column, header in enumerate(table.headers):
        longest_word = max(len(word) for word in header.split())
        values = [len(_shown(row[column])) for row in table.rows]
        wanted = max([longest_word + 2, min(len(header), 24) + 2, *(v + 2 for v in values)])
        widths.append(max(_MIN_WIDTH, min(_MAX_WIDTH, wanted)))
    return widths
