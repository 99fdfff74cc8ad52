"""Read a CSV or XLSX file into a frame of text columns, each row with its row number.

Values are not interpreted here: every column is text, surrounding spaces removed and
blank cells null. Blank rows are dropped; rows of the wrong shape are reported and dropped.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import openpyxl
import polars as pl
from openpyxl.utils.exceptions import InvalidFileException

from csrating.errors import Problem
from csrating.ingest.gss import cell_text
from csrating.ingest.problem_log import ROW, ProblemLog
from csrating.ingest.text_files import CsvText, plain_csv, scan_csv

SUFFIXES = (".csv", ".xlsx")
"""File types a table may be stored as."""


@dataclass(frozen=True)
class RawTable:
    """One file's rows as text, ready for checking."""

    file: str  # the file's name as problems report it, e.g. ``inspections.csv``
    frame: pl.DataFrame | None  # text columns named as in the header, plus ROW; None if unreadable
    rows_read: int = 0  # non-blank data rows, including any dropped for their shape
    problems: tuple[Problem, ...] = field(default_factory=tuple)
    notes: tuple[str, ...] = ()


def column_key(name: str) -> str:
    """Return the form of a header name used to match it: trimmed, lower case, ``_`` for spaces."""
    return "_".join(name.strip().lower().split())


def read_raw(path: Path, *, header_record: int = 0) -> RawTable:
    """Read a CSV or XLSX file's rows as text, reporting problems with its shape.

    Args:
        path: a ``.csv`` or ``.xlsx`` file.
        header_record: how many non-blank rows precede the header row.

    Returns:
        The rows, or ``frame=None`` with the problems when the file cannot be read.
    """
    if path.suffix.lower() == ".xlsx":
        return read_raw_xlsx(path, header_record=header_record)
    return read_raw_csv(path, header_record=header_record)


def read_raw_csv(path: Path, *, header_record: int = 0) -> RawTable:
    """Read a CSV file's rows as text; see :func:`read_raw`."""
    file = path.name
    try:
        data = path.read_bytes()
    except OSError as error:
        return _unreadable(file, f"cannot be read ({error.strerror or error})")
    return csv_rows(data, file, header_record=header_record)


def csv_rows(data: bytes, file: str, *, header_record: int = 0) -> RawTable:
    """Read a CSV file's bytes as text rows; see :func:`read_raw`.

    A plain file (see :func:`~csrating.ingest.text_files.plain_csv`) goes straight to
    polars; any other is checked byte by byte first, and every problem reported.
    """
    if header_record == 0:
        plain = plain_csv(data)
        if plain is not None:
            frame = _parse(plain, ragged=False)
            if isinstance(frame, pl.DataFrame) and frame.height == plain.rows.size:
                frame = frame.with_columns(pl.Series(ROW, plain.rows, dtype=pl.Int64))
                return _finish(
                    file, frame, list(plain.header), ProblemLog(), extra_rows=0, plain=True
                )
    return scanned_csv_rows(data, file, header_record=header_record)


def scanned_csv_rows(data: bytes, file: str, *, header_record: int = 0) -> RawTable:
    """Read a CSV file's bytes as text rows after checking them byte by byte."""
    scan = scan_csv(data, file, header_record=header_record)
    text = scan.text
    if text is None:
        return RawTable(file, None, problems=scan.problems)
    frame = _parse(text, ragged=True)
    if not isinstance(frame, pl.DataFrame):
        unparsable = _file_problem(file, f"could not be read as CSV ({frame})")
        return RawTable(file, None, problems=(*scan.problems, unparsable))
    if frame.height == text.rows.size:
        rows = text.rows
        misshapen = text.misshapen
    else:  # pragma: no cover - the scan and polars agree on records; keep going if not
        rows = np.arange(2, frame.height + 2, dtype=np.int64)
        misshapen = np.zeros(frame.height, dtype=np.bool_)
    frame = frame.with_columns(pl.Series(ROW, rows, dtype=pl.Int64))
    if misshapen.any():
        frame = frame.filter(pl.Series(~misshapen))
    log = ProblemLog()
    log.extend(scan.problems)
    return _finish(file, frame, list(text.header), log, extra_rows=int(misshapen.sum()))


def _parse(text: CsvText, *, ragged: bool) -> pl.DataFrame | str:
    """Parse checked CSV text into text columns ``c0`` ...; the reason if polars cannot.

    With ``ragged`` false, a line with more fields than the header is refused rather
    than cut short.
    """
    try:
        frame = pl.read_csv(
            text.body,
            has_header=True,
            infer_schema=False,
            truncate_ragged_lines=ragged,
            raise_if_empty=False,
        )
    except pl.exceptions.ComputeError as error:
        return str(error).splitlines()[0] if str(error) else "unknown error"
    frame = frame.select(frame.columns[: len(text.header)])
    frame.columns = [f"c{i}" for i in range(frame.width)]
    return frame


def read_raw_xlsx(path: Path, *, header_record: int = 0) -> RawTable:
    """Read the first sheet of an XLSX workbook as text; see :func:`read_raw`.

    Cells Excel stores as dates become ISO dates; whole numbers lose their ``.0``.
    Row numbers are the sheet's row numbers.
    """
    file = path.name
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
        return _unreadable(file, "is not a readable Excel workbook (expected .xlsx)")
    try:
        sheet = workbook.worksheets[0]
        header: list[str] | None = None
        seen = 0
        columns: list[list[str | None]] = []
        rows: list[int] = []
        log = ProblemLog()
        too_wide: list[Problem] = []
        for number, cells in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
            values = [cell_text(v) for v in cells]
            if not any(v is not None for v in values):
                continue
            if header is None:
                if seen < header_record:
                    seen += 1
                    continue
                while values and values[-1] is None:
                    values.pop()
                header = [v or "" for v in values]
                columns = [[] for _ in header]
                continue
            width = len(header)
            if any(v is not None for v in values[width:]):
                used = max(i for i, v in enumerate(values) if v is not None) + 1
                too_wide.append(
                    Problem(
                        file,
                        number,
                        None,
                        None,
                        f"has values in {used} columns; the header row names {width}",
                    )
                )
                continue
            values.extend([None] * (width - len(values)))
            for column, value in zip(columns, values, strict=False):
                column.append(value)
            rows.append(number)
    finally:
        workbook.close()
    if header is None:
        return _unreadable(file, "is empty (the first sheet has no header row)")
    log.add_kind(too_wide, len(too_wide), file, None)
    if not rows and not too_wide:
        log.add(_file_problem(file, "has a header row but no data rows"))
    data: dict[str, list[str | None]] = {f"c{i}": column for i, column in enumerate(columns)}
    frame = pl.DataFrame(data, schema={name: pl.Utf8 for name in data}).with_columns(
        pl.Series(ROW, rows, dtype=pl.Int64)
    )
    return _finish(file, frame, header, log, extra_rows=len(too_wide))


def _finish(
    file: str,
    frame: pl.DataFrame,
    header: list[str],
    log: ProblemLog,
    *,
    extra_rows: int,
    plain: bool = False,
) -> RawTable:
    """Name the columns after the header, trim values, drop blank rows, note odd columns.

    ``plain`` says no value has spaces to trim (see :func:`plain_csv`).
    """
    positions = [c for c in frame.columns if c != ROW]
    names: dict[str, str] = {}
    first_at: dict[str, int] = {}
    unnamed: list[str] = []
    for index, (position, title) in enumerate(zip(positions, header, strict=False)):
        key = column_key(title)
        if not key:
            unnamed.append(str(index + 1))
            continue
        if key in first_at:
            log.add(
                Problem(
                    file,
                    None,
                    key,
                    None,
                    f"appears more than once in the header row (columns {first_at[key]} and "
                    f"{index + 1}); keep one",
                )
            )
            continue
        first_at[key] = index + 1
        names[position] = key
    if plain:  # renaming copies nothing (a select would gather the parser's chunks)
        unused = [c for c in positions if c not in names]
        frame = (frame.drop(unused) if unused else frame).rename(names)
    else:
        trimmed = pl.col(list(names)).str.strip_chars()
        frame = frame.select(
            pl.when(trimmed.str.len_bytes() > 0).then(trimmed).name.map(lambda c: names[c]),
            pl.col(ROW),
        )
    # A row is blank when every named column is; none can be if one column has no blank.
    if names and all(frame[name].null_count() for name in names.values()):
        blank = ~pl.any_horizontal(pl.all().exclude(ROW).is_not_null())
        if frame.lazy().select(blank.any()).collect().item():
            frame = frame.filter(~blank)
    notes = (f"columns with no name ignored (column {', '.join(unnamed)})",) if unnamed else ()
    return RawTable(file, frame, frame.height + extra_rows, log.problems, notes)


def _file_problem(file: str, expected: str) -> Problem:
    return Problem(file, None, None, None, expected)


def _unreadable(file: str, expected: str) -> RawTable:
    return RawTable(file, None, problems=(_file_problem(file, expected),))
