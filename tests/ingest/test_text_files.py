"""Byte-level checks of CSV files: records, line numbers, quoting."""

from __future__ import annotations

import io

import polars as pl

from csrating.ingest.text_files import CsvText, scan_csv


def _text(data: bytes) -> CsvText:
    scan = scan_csv(data, "f.csv")
    assert scan.text is not None
    return scan.text


def _parse(text: CsvText) -> list[tuple[str | None, ...]]:
    frame = pl.read_csv(io.BytesIO(text.body), infer_schema=False, truncate_ragged_lines=True)
    assert frame.height == text.rows.size
    return frame.rows()


def test_line_numbers_follow_blank_lines_and_quoted_line_breaks() -> None:
    text = _text(b'a,b\n1,"x\ny"\n\n2,z\n')

    assert text.header == ("a", "b")
    assert text.rows.tolist() == [2, 4, 5]
    assert _parse(text) == [("1", "x\ny"), (None, None), ("2", "z")]


def test_escaped_quotes_and_crlf_are_fine() -> None:
    scan = scan_csv(b'a,b\r\n1,"say ""hi"""\r\n2,""\r\n', "f.csv")

    assert scan.problems == ()
    assert scan.text is not None
    assert _parse(scan.text) == [("1", 'say "hi"'), ("2", "")]


def test_a_stray_quote_cuts_only_its_row() -> None:
    scan = scan_csv(b'a,b\n1,ab"c\n2,"d,e"\n3,f\n', "f.csv")

    assert [(p.row, "misplaced" in p.expected) for p in scan.problems] == [(2, True)]
    assert scan.text is not None
    assert scan.text.rows.tolist() == [3, 4]
    assert _parse(scan.text) == [("2", "d,e"), ("3", "f")]


def test_an_unclosed_quote_mid_file_is_reported_where_it_opens() -> None:
    scan = scan_csv(b'a,b\n1,x\n2,"y\n3,z\n', "f.csv")

    (problem,) = scan.problems
    assert problem.row == 3
    assert "never closed" in problem.expected
    assert scan.text is not None
    assert _parse(scan.text) == [("1", "x")]


def test_utf16_is_named() -> None:
    scan = scan_csv("a,b\n1,2\n".encode("utf-16"), "f.csv")

    (problem,) = scan.problems
    assert scan.text is None
    assert problem.expected.startswith("is UTF-16")


def test_misshapen_rows_are_flagged_for_the_parser() -> None:
    text = _text(b"a,b,c\n1,2,3\n4,5\n6,7,8,9\n")

    assert text.misshapen.tolist() == [False, True, True]
    assert _parse(text)[0] == ("1", "2", "3")
