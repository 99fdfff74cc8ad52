"""Reading GSS spreadsheets: tables found by their column names below notes rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from adapter_helpers import EXCERPT_CSC_2023
from ods_files import write_ods

from csrating.errors import InputError
from csrating.ingest.gss import (
    as_at_in,
    cell_text,
    find_table,
    parse_date,
    read_csv_sheet,
    read_sheet,
    rows_below,
    workbook_sheet_names,
)

COLUMNS = ("Local authority name", "Publication date")


def _workbook(tmp_path: Path, *rows: list[object]) -> Path:
    return write_ods(tmp_path / "book.ods", {"Data": [list(r) for r in rows]})  # type: ignore[misc]


def test_the_header_is_found_below_the_notes_by_its_names(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path,
        ["A title"],
        ["A note about the table"],
        [],
        ["Web link", "Local authority name", "Publication  date "],
        ["link", "Barnet", dt.datetime(2019, 7, 1)],
        ["link", "Bexley", "20/08/2018"],
        [],
        ["Table 2: more"],
        ["Local authority name", "Publication date"],
        ["Poole", dt.datetime(2018, 8, 24)],
    )

    sheet = read_sheet(path, "Data")
    first = find_table(sheet, COLUMNS)
    second = find_table(sheet, COLUMNS, below=first.last_row)

    assert (first.header_row, first.last_row, sheet.title) == (4, 6, "A title")
    assert first.frame({"name": "Local authority name", "date": "Publication date"}).rows() == [
        ("Barnet", "2019-07-01", 5),
        ("Bexley", "20/08/2018", 6),
    ]
    assert rows_below(sheet, first.last_row) == 8
    assert (second.header_row, [n for n, _ in second.rows]) == (9, [10])


def test_a_renamed_column_is_named_in_the_message(tmp_path: Path) -> None:
    path = _workbook(tmp_path, ["Notes"], ["Web link", "LA name", "Publication date", "Region"])

    with pytest.raises(InputError) as caught:
        find_table(read_sheet(path, "Data"), (*COLUMNS, "Region"))

    assert str(caught.value) == (
        "book.ods, sheet 'Data' row 2: the header row lacks the column 'Local authority name' "
        "(it has 2 of the 3 columns this layout needs: was a column renamed?)"
    )


def test_a_header_too_far_down_is_refused(tmp_path: Path) -> None:
    path = _workbook(tmp_path, *([["note"]] * 25), list(COLUMNS))

    with pytest.raises(InputError) as caught:
        find_table(read_sheet(path, "Data"), COLUMNS)

    assert str(caught.value) == (
        "book.ods, sheet 'Data': no header row with columns 'Local authority name', "
        "'Publication date' in the first 20 rows"
    )


def test_a_missing_sheet_lists_the_sheets_there_are() -> None:
    with pytest.raises(InputError) as caught:
        read_sheet(EXCERPT_CSC_2023, "LA_inspections")

    assert "has no sheet 'LA_inspections' (its sheets: Cover, LA_inspections_2009-2023" in str(
        caught.value
    )


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"not a zip", "x.ods", "x.ods: is not a readable .ods or .xlsx workbook"),
        (b"a,b\n", "x.csv", "x.csv: is not a workbook (expected .ods or .xlsx)"),
    ],
)
def test_unreadable_workbooks_are_one_clear_problem(
    tmp_path: Path, content: bytes, name: str, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(InputError) as caught:
        workbook_sheet_names(path)

    assert str(caught.value) == message


def test_csv_files_read_as_utf8_or_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "mi.csv"
    path.write_bytes("Title\r\nURN,School name\r\n1,St Mary’s\r\n".encode("cp1252"))

    sheet = read_csv_sheet(path)

    assert sheet.rows[2] == ("1", "St Mary’s")
    assert find_table(sheet, ("URN", "School name")).header_row == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2012-07-27", dt.date(2012, 7, 27)),
        ("27/07/2012", dt.date(2012, 7, 27)),
        ("1/4/2019", dt.date(2019, 4, 1)),
        ("31/02/2013", None),
        ("2013-02-31", None),
        ("soon", None),
        ("45000", None),
        (None, None),
    ],
)
def test_dates_arrive_as_date_cells_or_text_and_are_validated(
    text: str | None, expected: dt.date | None
) -> None:
    assert parse_date(text) == expected


def test_cells_become_the_text_a_csv_would_hold() -> None:
    assert cell_text(dt.datetime(2012, 7, 27, 0, 0)) == "2012-07-27"
    assert cell_text(2611190.0) == "2611190"
    assert cell_text(" Good ") == "Good"
    assert cell_text("") is None


def test_as_at_dates_are_read_from_titles_and_file_names() -> None:
    assert as_at_in(["Local authority inspection judgements as at 31 March 2025"]) == dt.date(
        2025, 3, 31
    )
    assert as_at_in(["Management_information_-_latest_inspections_as_at_31_Aug_2024.csv"]) == (
        dt.date(2024, 8, 31)
    )
    assert as_at_in(["providers-as-at-2018-03-31.csv", "no date"]) == dt.date(2018, 3, 31)
    assert as_at_in(["LA inspections 2009-2023"]) is None
