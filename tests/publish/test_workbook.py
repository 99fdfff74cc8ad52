"""Profile workbooks: the sheets, defined tables, accessibility rules and numbers."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from publish_results import hand_made, national_results
from sheet_reading import normalised, ods_first_cells, values

from csrating.frameworks import load_framework
from csrating.publish import (
    DEMONSTRATION_NOTE,
    Contact,
    CouncilResult,
    profile_workbook,
    write_workbook,
)
from csrating.publish.workbook import (
    BLOCK_A_HEADERS,
    BLOCK_B_HEADERS,
    BLOCK_C_HEADERS,
    SIMILAR_AREAS_HEADERS,
)
from csrating.reference import attribution_lines
from csrating.types import LaCode

HEADERS = {
    "Block A": ("BlockA", BLOCK_A_HEADERS),
    "Block B": ("BlockB", BLOCK_B_HEADERS),
    "Block C": ("BlockC", BLOCK_C_HEADERS),
    "Similar areas": ("SimilarAreas", SIMILAR_AREAS_HEADERS),
    "Contents": ("Contents", ("Sheet name", "Contents")),
    "Notes": ("Notes", ("Note number", "Note text")),
}


def _results() -> dict[LaCode, CouncilResult]:
    return {r.council.la_code: r for r in national_results()}


def _open(code: str = "885", *, demonstration: bool = True) -> Any:
    results = _results()
    data = profile_workbook(results[LaCode(code)], neighbours=results, demonstration=demonstration)
    return openpyxl.load_workbook(io.BytesIO(data))


def _table_cells(sheet: Any, name: str) -> list[tuple[Any, ...]]:
    ref = sheet.tables[name].ref
    return [tuple(cell for cell in row) for row in sheet[ref]]


@pytest.fixture(scope="module")
def book() -> Any:
    return _open()


def test_workbook_has_the_sheets_in_order(book: Any) -> None:
    assert book.sheetnames == [
        "Cover",
        "Contents",
        "Notes",
        "Block A",
        "Block B",
        "Block C",
        "Similar areas",
    ]
    assert book.properties.title.startswith(
        "Children's services performance profile: Worcestershire (885)"
    )
    assert book.properties.language == "en-GB"


def test_no_merged_cells_and_column_widths_set(book: Any) -> None:
    for sheet in book.worksheets:
        assert not sheet.merged_cells.ranges, sheet.title
        assert sheet.column_dimensions["A"].width >= 10, sheet.title


@pytest.mark.parametrize("sheet_name", sorted(HEADERS))
def test_each_table_is_defined_with_one_header_row_and_no_gaps(book: Any, sheet_name: str) -> None:
    sheet = book[sheet_name]
    name, headers = HEADERS[sheet_name]
    table = sheet.tables[name]
    rows = _table_cells(sheet, name)

    assert table.ref.startswith("A3:")
    assert table.headerRowCount in (None, 1)
    assert tuple(cell.value for cell in rows[0]) == headers
    assert [column.name for column in table.tableColumns] == list(headers)
    assert sheet["A1"].value and sheet["A1"].font.bold  # a title above the table
    assert len(rows) >= 2
    for row in rows[1:]:
        assert all(cell.value is not None and cell.value != "" for cell in row), row


def test_numbers_are_stored_as_numbers(book: Any) -> None:
    rows = _table_cells(book["Block A"], "BlockA")
    header = [cell.value for cell in rows[0]]
    secondary = next(row for row in rows if row[0].value == "secondary_school")
    cell = {h: c for h, c in zip(header, secondary, strict=True)}

    assert cell["Settings inspected"].value == 13
    assert cell["Settings inspected"].data_type == "n"
    # 9 of 13 (69.2%) as every profile page shows it: a whole percentage
    assert cell["Good or better %"].value == 69
    assert cell["Good or better %"].data_type == "n"
    assert cell["Good or better %"].number_format == "#,##0"
    assert cell["Inadequate compared with similar areas [note 2]"].value == "worse"

    block_c = _table_cells(book["Block C"], "BlockC")
    ni059 = {h.value: c for h, c in zip(block_c[0], block_c[1], strict=True)}
    assert (ni059["Value"].value, ni059["Value"].data_type) == (75, "n")
    assert ni059["Compared with similar areas [note 2]"].value == "worse"
    assert ni059["Trend"].value == "improving"

    block_b = _table_cells(book["Block B"], "BlockB")
    grades = [
        row[3].value
        for row in block_b[1:]
        if row[2].value == "overall effectiveness of safeguarding"
    ]
    assert grades == [2]


def test_cover_carries_rating_note_and_attribution(book: Any) -> None:
    lines = [row[0] for row in book["Cover"].iter_rows(values_only=True)]

    assert lines[0] == "Children's services performance profile: Worcestershire (885)"
    assert "Rating: performs adequately (grade 2 of 4)." in lines
    assert "Cut-off date for the data: 31 August 2009." in lines
    assert "Limiting rules applied: R09-L2." in lines
    assert DEMONSTRATION_NOTE in lines
    for line in attribution_lines():
        assert line in lines


def test_cover_has_headings_publication_date_and_contact() -> None:
    results = _results()
    contact = Contact("Performance team", "performance@example.gov.uk")
    data = profile_workbook(
        results[LaCode("885")],
        neighbours=results,
        demonstration=True,
        contact=contact,
        published=dt.date(2009, 12, 9),
        source="A test dataset",
    )
    cover = openpyxl.load_workbook(io.BytesIO(data))["Cover"]
    cells = {cell.value: cell for (cell,) in cover.iter_rows()}

    assert cover["A1"].style == "Heading 1"
    headings = [v for v, c in cells.items() if c.style == "Heading 2"]
    assert headings == [
        "Notices",
        "The council and its rating",
        "Publication",
        "Contact",
        "Source and attribution",
    ]
    assert "Publication date: 9 December 2009." in cells
    assert "Performance team." in cells
    assert "Data: A test dataset." in cells
    email = cells["Email: performance@example.gov.uk"]
    assert email.hyperlink.target == "mailto:performance@example.gov.uk"
    assert not any(c.font.bold for c in cells.values() if c.style == "Normal")


def test_the_publication_date_defaults_to_the_framework_s(book: Any) -> None:
    cover = [row[0] for row in book["Cover"].iter_rows(values_only=True)]
    published = load_framework("rating-2009").publication_date
    assert published is not None
    assert f"Publication date: {published.day} December 2009." in cover
    assert book.properties.created.date() == published


def test_the_ods_workbook_holds_the_same_sheets_values_and_headings() -> None:
    results = _results()
    args = {"neighbours": results, "demonstration": True}
    xlsx = values(profile_workbook(results[LaCode("885")], **args))
    ods_data = profile_workbook(results[LaCode("885")], fmt="ods", **args)
    ods = values(ods_data)

    assert list(ods) == list(xlsx)
    for sheet in xlsx:
        assert [[normalised(c) for c in r] for r in ods[sheet]] == [
            [normalised(c) for c in r] for r in xlsx[sheet]
        ], sheet
    first = ods_first_cells(ods_data)
    assert all(cells[0][0] == "Heading_20_1" for cells in first.values())
    assert ("Heading_20_2", "Contact") in first["Cover"]


def test_an_unknown_workbook_format_is_refused() -> None:
    result = hand_made([3])[0]
    with pytest.raises(ValueError, match="'pdf' is not one of xlsx, ods"):
        profile_workbook(result, neighbours={}, demonstration=True, fmt="pdf")


def test_contents_links_every_sheet(book: Any) -> None:
    rows = _table_cells(book["Contents"], "Contents")[1:]
    assert [row[0].value for row in rows] == book.sheetnames
    for row in rows:
        assert row[0].hyperlink.location == f"'{row[0].value}'!A1"


def test_notes_explain_similar_areas_tolerance_and_cut_off(book: Any) -> None:
    notes = {row[0].value: row[1].value for row in _table_cells(book["Notes"], "Notes")[1:]}

    assert "Warwickshire (937)" in notes["note 1"]
    assert "within 5 percentage points" in notes["note 2"]
    assert "31 August 2009" in notes["note 3"]
    assert "[x]" in notes["note 4"]
    assert notes["note 6"] == DEMONSTRATION_NOTE


def test_similar_areas_show_the_neighbours_ratings(book: Any) -> None:
    rows = _table_cells(book["Similar areas"], "SimilarAreas")[1:]
    staffordshire = next(row for row in rows if row[1].value == "860")

    assert len(rows) == 10
    assert [c.value for c in staffordshire] == [
        4,
        "860",
        "E10000028",
        "Staffordshire",
        "performs poorly",
        1,
    ]


def test_a_withheld_council_with_no_data_still_gets_a_valid_workbook() -> None:
    book = _open("201", demonstration=False)
    cover = [row[0] for row in book["Cover"].iter_rows(values_only=True)]

    assert "Rating: withheld pending inspection (not published)." in cover
    assert DEMONSTRATION_NOTE not in cover
    block_a = _table_cells(book["Block A"], "BlockA")
    assert block_a[1][0].value == "No settings inspected by the cut-off date"
    notes = _table_cells(book["Notes"], "Notes")
    assert len(notes) == 6  # header and five notes: no demonstration note


def test_write_workbook_writes_the_bytes(tmp_path: Path) -> None:
    result = hand_made([3])[0]
    data = profile_workbook(result, neighbours={}, demonstration=True)
    path = write_workbook(data, tmp_path / "profiles" / f"{result.council.la_code}.xlsx")

    assert path.read_bytes() == data
    assert openpyxl.load_workbook(path).sheetnames[0] == "Cover"
