"""Read published spreadsheets laid out the GSS way: tables below notes rows.

The Government Statistical Service's spreadsheet standard puts a title and a few lines of
notes above each table, one table per sheet (sometimes a second table lower down the same
sheet), and no blank rows inside a table. Ofsted's and DfE's releases follow it, in .ods
and .xlsx, and the monthly management information CSV files put a line or two above the
header too. This module reads a sheet (or a CSV file) as rows of text, and finds a table
by the names of its columns, never by a fixed row number.

Cells become the text a CSV file would hold: dates as ``YYYY-MM-DD``, whole numbers without
``.0``, blanks as ``None``. :func:`parse_date` reads a date from that text (or from the
``dd/mm/yyyy`` the CSV files use) and refuses impossible dates.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from python_calamine import CalamineError, CalamineWorkbook

from csrating.errors import InputError, Problem
from csrating.ingest.problem_log import ROW

WORKBOOK_SUFFIXES = (".ods", ".xlsx")
"""Workbook types a sheet can be read from."""

HEADER_SEARCH_ROWS = 20
"""How many rows from the top of a sheet (or below a first table) a header row may sit."""

DATE_EXPECTED = "is not a date (expected a date cell, YYYY-MM-DD or dd/mm/yyyy, e.g. 31/03/2009)"
"""How a message describes what a date cell may hold."""

Cell = str | None
TextRow = tuple[Cell, ...]


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook (or one CSV file) as rows of text; row ``i`` is ``rows[i - 1]``."""

    file: str  # the file's name, as messages give it
    name: str | None  # the sheet's name; None for a CSV file
    rows: tuple[TextRow, ...]

    @property
    def where(self) -> str:
        """The file and sheet as a message names them, e.g. ``"x.ods, sheet 'Notes'"``."""
        return self.file if self.name is None else f"{self.file}, sheet '{self.name}'"

    @property
    def title(self) -> str:
        """The first non-blank cell of the sheet (a GSS sheet's title), or ``""``."""
        for row in self.rows[:3]:
            for cell in row:
                if cell:
                    return cell
        return ""


@dataclass(frozen=True)
class SheetTable:
    """A table found in a sheet: its header row and its data rows up to the first blank row."""

    sheet: Sheet
    header_row: int  # the sheet's row number of the header
    header: tuple[str, ...]  # header cells as written ("" where blank)
    rows: tuple[tuple[int, TextRow], ...]  # (sheet row number, cells) of each data row

    @property
    def last_row(self) -> int:
        """The sheet's row number of the table's last row (the header if it has no rows)."""
        return self.rows[-1][0] if self.rows else self.header_row

    def index(self, name: str) -> int | None:
        """Return the position of the column called ``name`` (spacing and case ignored)."""
        key = header_key(name)
        for position, title in enumerate(self.header):
            if header_key(title) == key:
                return position
        return None

    def has(self, name: str) -> bool:
        """Whether the table has a column called ``name``."""
        return self.index(name) is not None

    def name_of(self, names: str | Sequence[str]) -> str | None:
        """Return the first of ``names`` the table has, as the header writes it."""
        for name in (names,) if isinstance(names, str) else names:
            position = self.index(name)
            if position is not None:
                return self.header[position].strip()
        return None

    def frame(self, columns: Mapping[str, str | Sequence[str]]) -> pl.DataFrame:
        """Return the rows as a frame of text columns, plus the row number in :data:`ROW`.

        Args:
            columns: the frame's column name -> the header name (or alternative names) it
                comes from; a column the table lacks is all null.
        """
        data: dict[str, list[Cell]] = {}
        for target, names in columns.items():
            position = next(
                (
                    p
                    for p in (
                        self.index(n) for n in ((names,) if isinstance(names, str) else names)
                    )
                    if p is not None
                ),
                None,
            )
            data[target] = [
                cells[position] if position is not None and position < len(cells) else None
                for _, cells in self.rows
            ]
        frame = pl.DataFrame(data, schema={name: pl.Utf8 for name in data})
        return frame.with_columns(pl.Series(ROW, [n for n, _ in self.rows], dtype=pl.Int64))


def header_key(text: str) -> str:
    """Return the form of a column name used to match it: lower case, single spaces."""
    return " ".join(text.replace("\u2019", "'").lower().split())


def cell_text(value: object) -> Cell:
    """Return a spreadsheet cell's value as the text a CSV file would hold (``None`` if blank)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text or None


def refused_file(path: Path, expected: str) -> InputError:
    """Return the error refusing the whole of ``path``, saying what was expected of it."""
    return InputError([Problem(path.name, None, None, None, expected)])


def workbook_sheet_names(path: Path) -> tuple[str, ...]:
    """Return the names of a workbook's sheets.

    Raises:
        InputError: the file is not a readable .ods or .xlsx workbook.
    """
    with _workbook(path) as workbook:
        return tuple(workbook.sheet_names)


def read_sheet(path: Path, name: str) -> Sheet:
    """Read one sheet of an .ods or .xlsx workbook as rows of text.

    Args:
        path: the workbook.
        name: the sheet's name, exactly as the workbook spells it.

    Returns:
        The sheet's rows from row 1, blank rows kept so row numbers match the sheet's.

    Raises:
        InputError: the file cannot be read, or has no sheet of that name (the message
            lists the sheets it has).
    """
    with _workbook(path) as workbook:
        if name not in workbook.sheet_names:
            found = ", ".join(workbook.sheet_names)
            raise refused_file(path, f"has no sheet '{name}' (its sheets: {found})")
        values = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    return Sheet(path.name, name, tuple(_text_row(row) for row in values))


def read_csv_sheet(path: Path) -> Sheet:
    """Read a CSV file as rows of text, like a sheet (UTF-8, or Windows-1252 as Ofsted's
    management information files are published).

    Raises:
        InputError: the file cannot be read or parsed as CSV.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        problem = Problem(path.name, None, None, None, f"cannot be read ({reason})")
        raise InputError([problem]) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise refused_file(path, f"could not be read as CSV ({error})") from None
    return Sheet(path.name, None, tuple(tuple(cell_text(c) for c in row) for row in records))


def find_table(
    sheet: Sheet,
    columns: Sequence[str | Sequence[str]],
    *,
    below: int = 0,
    within: int = HEADER_SEARCH_ROWS,
) -> SheetTable:
    """Find the table whose header row has every one of ``columns``.

    Args:
        sheet: the sheet to search.
        columns: the column names the header row must have; an entry may be a sequence of
            alternative names (any one will do). Spacing and case are ignored.
        below: search only below this row number (e.g. the last row of a first table).
        within: how many rows (from the first non-blank row below ``below``) to search.

    Returns:
        The table: the header row and every row after it up to the first blank row.

    Raises:
        InputError: no row has all the columns. When a row has most of them, the message
            names that row and the columns it lacks; otherwise it says where it looked.
    """
    start = below
    while start < len(sheet.rows) and not any(sheet.rows[start]):
        start += 1
    wanted = [(c,) if isinstance(c, str) else tuple(c) for c in columns]
    best: tuple[int, list[tuple[str, ...]]] | None = None
    for number in range(start + 1, min(start + within, len(sheet.rows)) + 1):
        keys = {header_key(c) for c in sheet.rows[number - 1] if c}
        missing = [names for names in wanted if not any(header_key(n) in keys for n in names)]
        if not missing:
            return _table(sheet, number)
        if best is None or len(missing) < len(best[1]):
            best = (number, missing)
    if best is not None and len(best[1]) <= len(wanted) // 2:
        number, missing = best
        lacking = ", ".join(f"'{names[0]}'" for names in missing)
        plural = "s" if len(missing) > 1 else ""
        raise InputError(
            [
                Problem(
                    sheet.where,
                    number,
                    None,
                    None,
                    f"the header row lacks the column{plural} {lacking} (it has "
                    f"{len(wanted) - len(missing)} of the {len(wanted)} columns this layout "
                    "needs: was a column renamed?)",
                )
            ]
        )
    names = ", ".join(f"'{names[0]}'" for names in wanted[:4])
    if len(wanted) > 4:
        names += f" and {len(wanted) - 4} more"
    place = (
        f"in the first {within} rows" if below == 0 else f"in the {within} rows below row {below}"
    )
    raise InputError(
        [Problem(sheet.where, None, None, None, f"no header row with columns {names} {place}")]
    )


def rows_below(sheet: Sheet, row: int) -> int | None:
    """Return the number of the first non-blank row below ``row``, or ``None``."""
    for number in range(row + 1, len(sheet.rows) + 1):
        if any(sheet.rows[number - 1]):
            return number
    return None


_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?$")
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_date(text: Cell) -> dt.date | None:
    """Read a date written ``YYYY-MM-DD`` (a date cell) or ``dd/mm/yyyy``.

    Returns:
        The date, or ``None`` when ``text`` is blank, another shape or an impossible date
        such as 31/02/2009.
    """
    if text is None:
        return None
    iso = _ISO.match(text)
    dmy = _DMY.match(text) if iso is None else None
    try:
        if iso is not None:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        if dmy is not None:
            return dt.date(int(dmy.group(3)), int(dmy.group(2)), int(dmy.group(1)))
    except ValueError:
        return None
    return None


_AS_AT = re.compile(
    r"as[ _-]at[ _-](\d{1,2})[ _-]([A-Za-z]+)[ _-](\d{4})|as[ _-]at[ _-](\d{4})-(\d{2})-(\d{2})",
    re.IGNORECASE,
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}


def as_at_in(texts: Iterable[str]) -> dt.date | None:
    """Return the latest "as at" date written in ``texts`` (titles, file names), if any.

    Reads "as at 31 March 2025", "as_at_31_Aug_2024" and "as-at-2018-03-31".
    """
    found: list[dt.date] = []
    for text in texts:
        for match in _AS_AT.finditer(text):
            try:
                if match.group(1) is not None:
                    month = _MONTHS.get(match.group(2).lower())
                    if month is not None:
                        found.append(dt.date(int(match.group(3)), month, int(match.group(1))))
                else:
                    found.append(
                        dt.date(int(match.group(4)), int(match.group(5)), int(match.group(6)))
                    )
            except ValueError:
                continue
    return max(found) if found else None


@contextlib.contextmanager
def _workbook(path: Path) -> Iterator[CalamineWorkbook]:
    """Open a workbook with calamine, turning its failures into one clear problem."""
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        raise refused_file(path, "is not a workbook (expected .ods or .xlsx)")
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except OSError as error:
        reason = error.strerror or str(error)
        raise refused_file(path, f"cannot be read ({reason})") from None
    except CalamineError:
        raise refused_file(path, "is not a readable .ods or .xlsx workbook") from None
    try:
        yield workbook
    except CalamineError:
        raise refused_file(path, "is not a readable .ods or .xlsx workbook") from None
    finally:
        workbook.close()


def _text_row(values: Iterable[object]) -> TextRow:
    cells = [cell_text(v) for v in values]
    while cells and cells[-1] is None:
        cells.pop()
    return tuple(cells)


def _table(sheet: Sheet, header_row: int) -> SheetTable:
    header = tuple(c or "" for c in sheet.rows[header_row - 1])
    rows: list[tuple[int, TextRow]] = []
    for number in range(header_row + 1, len(sheet.rows) + 1):
        cells = sheet.rows[number - 1]
        if not any(cells):
            break
        rows.append((number, cells))
    return SheetTable(sheet, header_row, header, tuple(rows))
