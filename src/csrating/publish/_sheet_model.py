"""The pure model of an accessible statistical workbook: a cover, then one table a sheet.

Nothing here knows a file format: :mod:`csrating.publish._xlsx` and
:mod:`csrating.publish._ods` render the same :class:`WorkbookModel` as XLSX and ODS.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

from csrating.formatting import figure, long_date

__all__ = [
    "NOT_APPLICABLE",
    "NOT_AVAILABLE",
    "CellValue",
    "CoverLine",
    "FigurePair",
    "SheetFigure",
    "SheetTable",
    "WorkbookModel",
    "check_figures",
    "column_widths",
    "figure_parts",
    "number_format",
    "shown",
    "xml_attribute",
    "xml_text",
]

NOT_AVAILABLE = "[x]"
"""Shorthand for a figure that is not available."""

NOT_APPLICABLE = "[z]"
"""Shorthand for a cell that does not apply to its row."""

COVER_SHEET = "Cover"
"""The name of the cover sheet every workbook opens on."""

_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_CELL_LIKE = re.compile(r"^([A-Za-z]{1,3}[0-9]+|[Rr][0-9]*[Cc]?[0-9]*|[Cc][0-9]*)$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class SheetFigure(NamedTuple):
    """A number shown to a fixed number of decimal places (stored as the number).

    A named pair: a plain pair ``(value, places)`` is the same figure, equal to it and
    written the same. The profile workbook holds plain pairs: a council's workbook has
    thousands of figures, handed to a worker process, and a plain pair is pickled and
    unpickled with no Python call, where an object of a class needs one each way.
    """

    value: int | float
    places: int

    @property
    def number_format(self) -> str:
        """The Excel number format, e.g. ``"#,##0.0"``."""
        return number_format(self.places)


def number_format(places: int) -> str:
    """Return the Excel number format of a figure with ``places`` decimals, e.g.
    ``"#,##0.0"``."""
    return "#,##0" + ("." + "0" * places if places else "")


FigurePair = tuple[int | float, int]
"""A figure as a plain pair ``(value, places)``; :class:`SheetFigure` names its fields."""


def figure_parts(value: tuple[object, ...]) -> FigurePair:
    """Return a figure's number and places, or say why the pair is not a figure.

    Raises:
        TypeError: ``value`` is not a pair of a number and a count of places.
    """
    if len(value) == 2:
        number, places = value
        if (
            isinstance(number, int | float)
            and not isinstance(number, bool)
            and type(places) is int
            and places >= 0
        ):
            return number, places
    raise TypeError(
        f"a sheet cell cannot hold {value!r}: a figure is a pair (number, decimal places)"
    )


def check_figures(rows: Sequence[Sequence[object]]) -> None:
    """Refuse the first pair in ``rows`` that is not a figure (see :func:`figure_parts`):
    what a writer calls when reading a figure quickly has failed.

    Raises:
        TypeError: a cell is a pair that is not a figure.
    """
    for row in rows:
        for cell in row:
            if isinstance(cell, tuple):
                figure_parts(cell)


CellValue = str | int | float | dt.date | FigurePair
"""What a table cell may hold: text, a number, a date or a figure (a number with its
decimal places: a :class:`SheetFigure` or a plain pair).

A figure that is missing is written as :data:`NOT_AVAILABLE` (or :data:`NOT_APPLICABLE`),
never as an empty cell; ``bool`` and ``datetime`` are not cell values.
"""


@dataclass(frozen=True)
class SheetTable:
    """A worksheet holding one table: title, description, header row, data rows.

    The title is the sheet's first cell (styled Heading 1), the description the cell
    under it, and the table starts on the third row with its one header row.
    """

    sheet: str
    name: str
    title: str
    description: str
    headers: tuple[str, ...]
    rows: tuple[tuple[CellValue, ...], ...]
    link_column: int | None = None
    """Index of a column whose cells name worksheets to link to (the contents table)."""

    def __post_init__(self) -> None:
        if not 0 < len(self.sheet) <= 31:
            raise ValueError(
                f"sheet name {self.sheet!r} must be 1 to 31 characters (Excel's limit)"
            )
        if _SHEET_NAME_FORBIDDEN.search(self.sheet) or self.sheet.startswith("'"):
            raise ValueError(f"sheet name {self.sheet!r} must not hold [ ] : * ? / \\ or start '")
        if not self.name.isidentifier() or not self.name.isascii():
            raise ValueError(f"table name {self.name!r} must be letters, digits and _")
        if _CELL_LIKE.match(self.name):
            raise ValueError(
                f"table name {self.name!r} looks like a cell reference: choose another"
            )
        if len(set(self.headers)) != len(self.headers):
            raise ValueError(f"table {self.name}: column headers must be unique")
        if any(not h.strip() or _CONTROL.search(h) or "\n" in h for h in self.headers):
            raise ValueError(f"table {self.name}: a column header is blank or holds a line break")
        if not self.rows:
            raise ValueError(f"table {self.name}: give at least one row (explain an empty one)")
        for row in self.rows:
            if len(row) != len(self.headers):
                raise ValueError(
                    f"table {self.name}: a row has {len(row)} cells for {len(self.headers)} headers"
                )

    @property
    def header_row(self) -> int:
        """The 1-based row number of the table's header row."""
        return 3

    @property
    def last_row(self) -> int:
        """The 1-based row number of the table's last row."""
        return self.header_row + len(self.rows)

    @cached_property
    def column_widths(self) -> tuple[int, ...]:
        """Each column's width in characters (see :func:`column_widths`)."""
        return column_widths(self)


@dataclass(frozen=True)
class CoverLine:
    """A line of text on the cover sheet, each in its own cell.

    Attributes:
        text: what the line says.
        heading: whether the line heads a section (styled Heading 2).
        link: an address the line links to (``mailto:`` or ``https:``), if any.
    """

    text: str
    heading: bool = False
    link: str | None = None


@dataclass(frozen=True)
class WorkbookModel:
    """Everything a workbook shows, before any file exists.

    Attributes:
        title: the document's title property.
        subject: the document's subject property.
        cover_title: the cover sheet's first cell (styled Heading 1).
        cover: the cover's lines, in order.
        tables: one table a sheet, after the cover (the contents table first).
        published: the publication date, written as the document's creation date (so two
            builds of one publication give the same bytes).
    """

    title: str
    subject: str
    cover_title: str
    cover: tuple[CoverLine, ...]
    tables: tuple[SheetTable, ...]
    published: dt.date | None = None

    def __post_init__(self) -> None:
        sheets = [COVER_SHEET, *(t.sheet for t in self.tables)]
        if len({s.casefold() for s in sheets}) != len(sheets):
            raise ValueError(f"sheet names must be unique (ignoring case): {', '.join(sheets)}")
        names = [t.name for t in self.tables]
        if len({n.casefold() for n in names}) != len(names):
            raise ValueError(f"table names must be unique (ignoring case): {', '.join(names)}")

    @property
    def sheet_names(self) -> tuple[str, ...]:
        """Every sheet's name in order, the cover first."""
        return (COVER_SHEET, *(t.sheet for t in self.tables))


def shown(value: CellValue) -> str:
    """Return a cell's value as a reader sees it (figures rounded, dates in full)."""
    if isinstance(value, tuple):
        return figure(*value)
    if isinstance(value, dt.date):
        return long_date(value)
    return str(value)


_MIN_WIDTH, _MAX_WIDTH = 10, 60


def _length(value: CellValue) -> int:
    """How many characters a cell shows (a figure's rounding never changes its length
    by more than a digit, so it is not worked out here)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, tuple):
        return len(f"{value[0]:,.{value[1]}f}")
    return len(shown(value))


def _longest(cells: Sequence[CellValue]) -> int:
    """The longest of the cells' lengths (:func:`_length`), writing only two figures of
    each number of places: a figure's length grows with its size, and a minus sign adds
    one, so the highest and the lowest are the longest.

    A column may hold thousands of cells: one of text alone, or of text and whole
    numbers, is measured by the builtins (``map``, ``max``), not cell by cell.
    """
    kinds = set(map(type, cells))
    if kinds == _TEXT:
        return max(map(len, cells))  # type: ignore[arg-type]
    if kinds <= _WHOLE:
        return max(map(len, map(str, cells)))
    if not kinds & _FIGURES:
        return max(map(_length, cells))
    ranges: dict[int, list[int | float]] = {}
    others = set()
    cell: Any  # told apart by its exact type (quicker than isinstance)
    for cell in cells:
        kind = type(cell)
        if kind is tuple or kind is SheetFigure:
            value, places = cell
            found = ranges.get(places)
            if found is None:
                ranges[places] = [value, value]
            elif value < found[0]:
                found[0] = value
            elif value > found[1]:
                found[1] = value
        else:
            others.add(cell)  # mostly the same shorthand again and again
    longest = max(map(_length, others), default=0)
    for places, (low, high) in ranges.items():
        if not (math.isfinite(low) and math.isfinite(high)):
            return max(map(_length, cells))  # the renderers refuse these anyway
        longest = max(longest, _length((low, places)), _length((high, places)))
    return longest


_FIGURES = frozenset({tuple, SheetFigure})
_TEXT = frozenset({str})
_WHOLE = frozenset({str, int})


def column_widths(table: SheetTable) -> tuple[int, ...]:
    """Return each column's width in characters: wide enough for its values and header.

    Both renderers use it; :attr:`SheetTable.column_widths` keeps it once worked out.
    """
    widths = []
    for header, cells in zip(table.headers, zip(*table.rows, strict=True), strict=True):
        longest_word = max(len(word) for word in header.split())
        try:
            longest = _longest(cells)
        except (TypeError, ValueError):
            check_figures([cells])  # say which pair is not a figure
            raise
        wanted = max(longest_word, min(len(header), 24), longest) + 2
        widths.append(max(_MIN_WIDTH, min(_MAX_WIDTH, wanted)))
    return tuple(widths)


def xml_text(text: str) -> str:
    """Escape text for an XML element, dropping the control characters XML cannot hold."""
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def xml_attribute(text: str) -> str:
    """Escape text for a double-quoted XML attribute."""
    return xml_text(text).replace('"', "&quot;")
