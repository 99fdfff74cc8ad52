"""Check a CSV file's bytes before parsing: encoding, delimiter, quoting, row shapes.

Everything here works on whole arrays (numpy over the file's bytes), never row by row, so
a 50 MB file is checked in well under a second. The result says where every record
starts (the line number a person sees) and hands polars only bytes it can parse.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from csrating.errors import Problem
from csrating.ingest.problem_log import ProblemLog

_LF, _CR, _COMMA, _QUOTE, _SPACE = 10, 13, 44, 34, 32
_BOM = b"\xef\xbb\xbf"
_MAX_MISPLACED_QUOTES = 100

Positions = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class CsvText:
    """A CSV file's checked bytes and the line number of each data record in them."""

    header: tuple[str, ...]
    body: bytes  # the header record and every parsable data record, as polars should read it
    rows: Positions  # line number of each data record in ``body``, in order
    misshapen: Mask  # per data record: has the wrong number of fields (already reported)


@dataclass(frozen=True)
class CsvScan:
    """The outcome of checking a CSV file's bytes: the text if readable, and problems."""

    text: CsvText | None
    problems: tuple[Problem, ...] = field(default_factory=tuple)


def decode_problem(data: bytes, file: str) -> Problem | None:
    """Return the problem with a file's encoding, or ``None`` when it is UTF-8.

    Args:
        data: the file's bytes, without a UTF-8 byte order mark.
        file: the file name problems should carry.

    Returns:
        A problem at the first line holding a byte that is not UTF-8, or ``None``.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Problem(file, None, None, None, "is UTF-16: expected UTF-8; save the file as UTF-8")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start]
        return Problem(
            file,
            line,
            None,
            None,
            f"byte 0x{byte:02X} is not valid UTF-8: expected UTF-8; save the file as UTF-8 "
            "(it looks like Latin-1/Windows-1252)",
        )
    return None


def scan_csv(data: bytes, file: str, *, header_record: int = 0) -> CsvScan:
    """Check a CSV file's bytes and find its records, without parsing values.

    Args:
        data: the whole file.
        file: the file name problems should carry.
        header_record: how many non-blank records precede the header (1 for layouts
            with a group row above the column names).

    Returns:
        The checked text (``None`` when the file cannot be read at all) and every
        problem found with the file's shape.
    """
    if not data:
        return CsvScan(None, (Problem(file, None, None, None, "is empty (0 bytes)"),))
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    bad_encoding = decode_problem(data, file)
    if bad_encoding is not None:
        return CsvScan(None, (bad_encoding,))

    arr = np.frombuffer(data, dtype=np.uint8)
    log = ProblemLog()
    quotes, misplaced, gave_up_at = _balance_quotes(arr)
    records = _Records.find(arr, quotes)
    if int((~records.blank).sum()) <= header_record:
        what = "is empty (only blank lines)" if header_record == 0 else "has no header row"
        return CsvScan(None, (Problem(file, None, None, None, what),))
    header_index = records.nonblank_index(header_record)
    header_line = int(records.lines[header_index])
    try:
        header = _parse_header(data[records.starts[header_index] : records.stops[header_index]])
    except csv.Error:  # a carriage return alone, as old Macintosh files end their lines
        message = (
            "has a carriage return that ends no line (old Macintosh line breaks?): save the "
            "file as CSV UTF-8"
        )
        return CsvScan(None, (Problem(file, header_line, None, None, message),))
    delimiter = _wrong_delimiter(header)
    if delimiter is not None:
        message = f"uses {delimiter} as delimiter; expected commas"
        return CsvScan(None, (Problem(file, header_line, None, None, message),))

    cut = np.zeros(records.count, dtype=np.bool_)
    cut[: header_index + 1] = True  # preamble and header are not data
    _report_misplaced_quotes(records, misplaced, cut, file, log)
    if gave_up_at is not None:
        first = records.index_of(gave_up_at)
        cut[first:] = True
        log.add(
            Problem(
                file,
                None,
                None,
                None,
                f"has more than {_MAX_MISPLACED_QUOTES} misplaced double quotes; rows from "
                f"{int(records.lines[first]):,} on were not checked",
            )
        )
    if quotes.size % 2 == 1 and gave_up_at is None:
        last = records.index_of(int(quotes[-1]))
        cut[last:] = True
        log.add(
            Problem(
                file,
                int(records.lines[last]),
                None,
                None,
                "opens a double quote that is never closed, so the rest of the file would "
                "read as one value (the file looks truncated or damaged)",
            )
        )

    data_records = ~cut & ~records.blank
    if not data_records.any() and not len(log):
        log.add(Problem(file, None, None, None, "has a header row but no data rows"))
    misshapen = _report_field_counts(records, data_records, len(header), data, file, log)

    keep = ~cut
    keep[header_index] = True
    body = _join_kept(data, records, keep)
    body_records = keep.copy()
    body_records[header_index] = False
    text = CsvText(
        header=header,
        body=body,
        rows=records.lines[body_records],
        misshapen=misshapen[body_records],
    )
    return CsvScan(text, log.problems)


def plain_csv(data: bytes) -> CsvText | None:
    """Return the text of a plain CSV file, or ``None`` if it needs :func:`scan_csv`.

    A plain file is the common, clean case, recognised in a few passes over its bytes:
    ASCII, no double quotes, no control characters but line breaks (``\\n`` or
    ``\\r\\n``), a header of more than one name on the first line, no space at the
    start or end of a value, and as many commas as if every line had the header's number
    of fields. The caller has polars read it refusing lines with too many fields; with
    the total right, no line can then have too few. Anything else (and a file polars
    refuses) goes through :func:`scan_csv`, which finds and words every problem; for a
    plain file both give the same rows.

    Args:
        data: the whole file.

    Returns:
        The text (each line one record, numbered from 2), or ``None``.
    """
    data = data.removeprefix(_BOM)
    if not data or not data.isascii() or b'"' in data:
        return None
    counts = _plain_counts(np.frombuffer(data, dtype=np.uint8))
    if counts is None:
        return None
    first = data.find(b"\n")
    header = _parse_header(data[: first if first >= 0 else len(data)])
    if len(header) < 2 or not all(header):
        return None
    lines, commas = counts
    records = lines + (0 if data.endswith(b"\n") else 1)
    if records < 2 or commas != records * (len(header) - 1):
        return None
    return CsvText(
        header=header,
        body=data,
        rows=np.arange(2, records + 1, dtype=np.int64),
        misshapen=np.zeros(records - 1, dtype=np.bool_),
    )


_CHUNK = 1 << 18  # bytes: small enough for the scratch arrays to stay in the CPU's cache


def _plain_counts(arr: npt.NDArray[np.uint8]) -> tuple[int, int] | None:
    """Count a file's line feeds and commas, or return ``None`` if the bytes are not plain.

    Not plain: a control character other than a line feed or a carriage return before
    one, or a space next to a comma or line break (or at either end of the file).
    """
    size = int(arr.size)
    if arr[0] == _SPACE or arr[-1] in (_SPACE, _CR):
        return None
    edge, space, scratch = (np.empty(_CHUNK + 1, dtype=np.bool_) for _ in range(3))
    lines = commas = 0
    for start in range(0, size, _CHUNK):
        view = arr[start : start + _CHUNK + 1]  # one byte on, to see pairs across chunks
        width, own = view.size, min(_CHUNK, size - start)
        separator, blank, mask = edge[:width], space[:width], scratch[:width]
        found = int(np.count_nonzero(np.equal(view[:own], _LF, out=separator[:own])))
        lines += found
        np.equal(view[own:], _LF, out=separator[own:])
        controls = int(np.count_nonzero(np.less(view[:own], 32, out=mask[:own])))
        if controls != found:  # carriage returns, each before a line feed, and nothing else
            returns = np.flatnonzero(np.equal(view, _CR, out=mask))
            if returns.size and returns[-1] == own:  # the next chunk's byte: its own turn
                returns = returns[:-1]
            if controls != found + returns.size or not (view[returns + 1] == _LF).all():
                return None
            separator |= mask
        commas += int(np.count_nonzero(np.equal(view[:own], _COMMA, out=mask[:own])))
        np.equal(view[own:], _COMMA, out=mask[own:])
        separator |= mask
        np.equal(view, _SPACE, out=blank)
        pairs = mask[: width - 1]
        if np.logical_and(blank[1:], separator[:-1], out=pairs).any():
            return None
        if np.logical_and(blank[:-1], separator[1:], out=pairs).any():
            return None
    return lines, commas


@dataclass(frozen=True)
class _Records:
    """Where each record (a line, or several when a quoted value holds line breaks) lies."""

    starts: Positions
    stops: Positions  # exclusive, before the terminating line feed
    lines: Positions  # the line number each record starts on
    fields: Positions
    blank: Mask

    @property
    def count(self) -> int:
        return int(self.starts.size)

    @classmethod
    def find(cls, arr: npt.NDArray[np.uint8], quotes: Positions) -> _Records:
        size = arr.size
        newlines = np.flatnonzero(arr == _LF)
        ends = newlines[_outside(quotes, newlines)]
        starts = np.concatenate((np.zeros(1, dtype=np.int64), ends + 1))
        stops = np.concatenate((ends, np.array([size], dtype=np.int64)))
        if starts[-1] == size:  # nothing after the last line feed
            starts, stops = starts[:-1], stops[:-1]
        commas = np.flatnonzero(arr == _COMMA)
        fields = np.searchsorted(commas, stops) - np.searchsorted(commas, starts) + 1
        if quotes.size:  # commas inside quoted values do not separate fields
            opens = quotes[0::2]
            closes = np.append(quotes[1::2], size) if quotes.size % 2 else quotes[1::2]
            quoted = np.searchsorted(commas, closes) - np.searchsorted(commas, opens)
            owner = np.searchsorted(starts, opens, side="right") - 1
            fields -= np.bincount(owner, weights=quoted, minlength=starts.size).astype(np.int64)
        length = stops - starts
        first = arr[np.minimum(starts, size - 1)]
        blank = (length == 0) | ((length == 1) & (first == _CR))
        lines = np.searchsorted(newlines, starts) + 1
        return cls(starts, stops, lines.astype(np.int64), fields.astype(np.int64), blank)

    def nonblank_index(self, n: int) -> int:
        """Return the index of the ``n``-th non-blank record (0-based); there must be one."""
        return int(np.flatnonzero(~self.blank)[n])

    def index_of(self, position: int) -> int:
        """Return the index of the record holding byte ``position``."""
        return int(np.searchsorted(self.starts, position, side="right")) - 1


def _outside(quotes: Positions, positions: Positions) -> Mask:
    """Whether each position lies outside double quotes (an even number of quotes before)."""
    result: Mask = np.searchsorted(quotes, positions) % 2 == 0
    return result


def _balance_quotes(arr: npt.NDArray[np.uint8]) -> tuple[Positions, Positions, int | None]:
    """Split the file's double quotes into those that quote values and misplaced ones.

    A quote that opens a value must follow a comma, a line break or another quote; one
    that closes a value must precede a comma, a line break or another quote. Misplaced
    quotes are dropped one at a time (each drop changes the pairing of the rest).

    Returns:
        The quoting quotes, the misplaced ones, and the position of a misplaced quote
        after which checking gave up (``None`` when it did not).
    """
    quotes = np.flatnonzero(arr == _QUOTE).astype(np.int64)
    misplaced: list[int] = []
    start = 0
    while True:
        bad = _first_misplaced(arr, quotes, start)
        if bad is None:
            return quotes, np.array(misplaced, dtype=np.int64), None
        if len(misplaced) == _MAX_MISPLACED_QUOTES:
            return quotes, np.array(misplaced, dtype=np.int64), int(quotes[bad])
        misplaced.append(int(quotes[bad]))
        quotes = np.delete(quotes, bad)
        start = max(bad - 1, 0)


def _first_misplaced(arr: npt.NDArray[np.uint8], quotes: Positions, start: int) -> int | None:
    """Return the index in ``quotes`` of the first misplaced quote at or after ``start``."""
    count = quotes.size
    if count <= start:
        return None
    index = np.arange(start, count)
    at = quotes[start:]
    size = arr.size
    prev = np.where(at > 0, arr[np.maximum(at - 1, 0)], _LF)
    nxt = np.where(at < size - 1, arr[np.minimum(at + 1, size - 1)], _LF)
    # Adjacent quotes ("") are an escaped quote: a closing quote next to an opening one.
    adjacent = np.concatenate((np.diff(quotes) == 1, [False]))  # quote i touches quote i+1
    prev_quote = np.where(index > 0, adjacent[np.maximum(index - 1, 0)], False)
    next_quote = adjacent[index]
    opening = index % 2 == 0
    opens_well = (prev == _COMMA) | (prev == _LF) | prev_quote
    closes_well = (nxt == _COMMA) | (nxt == _LF) | (nxt == _CR) | next_quote
    bad = np.flatnonzero(np.where(opening, ~opens_well, ~closes_well))
    return start + int(bad[0]) if bad.size else None


def _report_misplaced_quotes(
    records: _Records, misplaced: Positions, cut: Mask, file: str, log: ProblemLog
) -> None:
    if misplaced.size == 0:
        return
    indexes = np.unique(np.searchsorted(records.starts, misplaced, side="right") - 1)
    cut[indexes] = True
    problems = [
        Problem(
            file,
            int(records.lines[i]),
            None,
            None,
            'has a misplaced double quote ("): put the whole value in double quotes and '
            'write any quote inside it twice ("")',
        )
        for i in indexes
    ]
    log.add_kind(problems, len(problems), file, None)


def _report_field_counts(
    records: _Records,
    data_records: Mask,
    expected: int,
    data: bytes,
    file: str,
    log: ProblemLog,
) -> Mask:
    """Report data records with the wrong number of fields; return which they are."""
    wrong: Mask = data_records & (records.fields != expected)
    last = records.count - 1
    unterminated = not data.endswith(b"\n")
    if unterminated and wrong[last] and records.fields[last] < expected:
        log.add(
            Problem(
                file,
                int(records.lines[last]),
                None,
                None,
                f"has {int(records.fields[last])} of {expected} fields and the file does not "
                "end with a line break: the file looks truncated (was it cut short?)",
            )
        )
        wrong_elsewhere = wrong.copy()
        wrong_elsewhere[last] = False
    else:
        wrong_elsewhere = wrong
    for too_many in (True, False):
        picked = wrong_elsewhere & ((records.fields > expected) == too_many)
        indexes = np.flatnonzero(picked)
        if indexes.size == 0:
            continue
        problems = [
            Problem(
                file,
                int(records.lines[i]),
                None,
                None,
                f"has {int(records.fields[i])} fields; expected {expected}, as in the header "
                "row" + (" (a value holding a comma must be in double quotes)" if too_many else ""),
            )
            for i in indexes[:100]
        ]
        log.add_kind(problems, int(indexes.size), file, None)
    return wrong


def _join_kept(data: bytes, records: _Records, keep: Mask) -> bytes:
    """Return the bytes of the kept records, each ending with a line feed."""
    if keep.all():
        return data if data.endswith(b"\n") else data + b"\n"
    # Join runs of consecutive kept records, so a few cut records cost a few slices.
    edges = np.flatnonzero(np.diff(np.concatenate(([False], keep, [False])).astype(np.int8)))
    parts = []
    for first, after in zip(edges[::2], edges[1::2], strict=True):
        part = data[records.starts[first] : records.stops[after - 1]]
        parts.append(part + b"\n")
    return b"".join(parts)


def _parse_header(raw: bytes) -> tuple[str, ...]:
    text = raw.decode("utf-8").rstrip("\r")
    row = next(csv.reader(io.StringIO(text)), [])
    return tuple(row)


def _wrong_delimiter(header: tuple[str, ...]) -> str | None:
    if len(header) != 1:
        return None
    if ";" in header[0]:
        return "';'"
    if "\t" in header[0]:
        return "tabs"
    if "|" in header[0]:
        return "'|'"
    return None
