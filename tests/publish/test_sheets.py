"""The spreadsheet renderers: one model, XLSX and ODS, the same values and heading styles."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import zipfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from odf.opendocument import load as odf_load
from sheet_reading import normalised, ods_first_cells, ods_parts, ods_xml, q, values

from csrating.formatting import figure
from csrating.publish._sheets import (
    NOT_AVAILABLE,
    SHEET_FORMATS,
    CoverLine,
    SheetFigure,
    SheetTable,
    WorkbookModel,
    render_workbook,
)

PUBLISHED = dt.date(2009, 12, 9)


def _table(**changes: Any) -> SheetTable:
    fields: dict[str, Any] = {
        "sheet": "Block A",
        "name": "BlockA",
        "title": "Block A: settings",
        "description": "This worksheet contains one table.",
        "headers": ("Setting", "Count", "Share %", "Inspected", "Note"),
        "rows": (
            ("childminders", 20, SheetFigure(69.2, 1), dt.date(2009, 8, 31), "in line"),
            (
                "schools & <colleges>",
                1234567,
                SheetFigure(5, 0),
                dt.date(2008, 1, 2),
                NOT_AVAILABLE,
            ),
        ),
    }
    fields.update(changes)
    return SheetTable(**fields)


def _model(*tables: SheetTable) -> WorkbookModel:
    contents = SheetTable(
        sheet="Contents",
        name="Contents",
        title="Contents",
        description="Each sheet name links to its sheet.",
        headers=("Sheet name", "Contents"),
        rows=(("Cover", "Title"), ("Contents", "This list"), *((t.sheet, t.title) for t in tables)),
        link_column=0,
    )
    return WorkbookModel(
        title="A workbook",
        subject="Testing",
        cover_title="The cover's title",
        cover=(
            CoverLine("What this workbook holds."),
            CoverLine("Contact", heading=True),
            CoverLine("Email: team@example.org", link="mailto:team@example.org"),
        ),
        tables=(contents, *tables),
        published=PUBLISHED,
    )


MODEL = _model(_table(), _table(sheet="Similar areas", name="SimilarAreas", title="Similar"))


@pytest.fixture(scope="module")
def xlsx() -> Any:
    return openpyxl.load_workbook(io.BytesIO(render_workbook(MODEL, "xlsx")))


@pytest.fixture(scope="module")
def ods() -> bytes:
    return render_workbook(MODEL, "ods")


def test_both_formats_hold_the_same_values() -> None:
    read = {fmt: values(render_workbook(MODEL, fmt)) for fmt in SHEET_FORMATS}

    assert (
        list(read["xlsx"]) == list(read["ods"]) == ["Cover", "Contents", "Block A", "Similar areas"]
    )
    for sheet, rows in read["xlsx"].items():
        other = read["ods"][sheet]
        assert [[normalised(c) for c in r] for r in rows] == [
            [normalised(c) for c in r] for r in other
        ], sheet
    block_a = read["ods"]["Block A"]
    assert block_a[0] == ["Block A: settings"]
    assert block_a[2] == ["Setting", "Count", "Share %", "Inspected", "Note"]
    assert [normalised(c) for c in block_a[3]] == [
        "childminders",
        20,
        69.2,
        dt.date(2009, 8, 31),
        "in line",
    ]
    assert block_a[4][0] == "schools & <colleges>"


def test_xlsx_titles_and_cover_headings_use_heading_styles(xlsx: Any) -> None:
    cover = xlsx["Cover"]
    assert (cover["A1"].value, cover["A1"].style) == ("The cover's title", "Heading 1")
    assert (cover["A3"].value, cover["A3"].style) == ("Contact", "Heading 2")
    assert cover["A2"].style == "Normal" and not cover["A2"].font.bold
    for sheet in xlsx.worksheets[1:]:
        assert sheet["A1"].style == "Heading 1", sheet.title
        assert sheet["A2"].style == "Normal", sheet.title
    assert {s.name for s in xlsx._named_styles} >= {"Normal", "Heading 1", "Heading 2", "Hyperlink"}


def test_xlsx_tables_are_named_with_one_header_row_and_stored_numbers(xlsx: Any) -> None:
    sheet = xlsx["Block A"]
    table = sheet.tables["BlockA"]
    assert table.ref == "A3:E5"
    assert [c.name for c in table.tableColumns] == list(MODEL.tables[1].headers)
    assert not sheet.merged_cells.ranges
    count, share, day = sheet["B5"], sheet["C4"], sheet["D4"]
    assert (count.value, count.data_type) == (1234567, "n")
    assert (share.value, share.number_format) == (69.2, "#,##0.0")
    assert day.value == dt.datetime(2009, 8, 31) and day.number_format == "d mmmm yyyy"
    assert sheet["E5"].value == NOT_AVAILABLE
    assert sheet.column_dimensions["A"].width >= 10


def test_xlsx_links_go_to_sheets_and_the_cover_mails_the_contact(xlsx: Any) -> None:
    rows = list(xlsx["Contents"].iter_rows(min_row=4))
    assert [r[0].hyperlink.location for r in rows] == [
        "'Cover'!A1",
        "'Contents'!A1",
        "'Block A'!A1",
        "'Similar areas'!A1",
    ]
    assert all(r[0].style == "Hyperlink" for r in rows)
    assert xlsx["Cover"]["A4"].hyperlink.target == "mailto:team@example.org"


def test_xlsx_properties_and_bytes_are_fixed(xlsx: Any) -> None:
    assert xlsx.properties.title == "A workbook"
    assert xlsx.properties.language == "en-GB"
    assert xlsx.properties.created == dt.datetime(2009, 12, 9)
    assert render_workbook(MODEL, "xlsx") == render_workbook(MODEL, "xlsx")


def test_ods_is_a_valid_opendocument_package(ods: bytes) -> None:
    parts = ods_parts(ods)
    assert list(parts)[:1] == ["mimetype"]
    assert parts["mimetype"] == b"application/vnd.oasis.opendocument.spreadsheet"
    with zipfile.ZipFile(io.BytesIO(ods)) as archive:
        first = archive.infolist()[0]
    assert first.compress_type == zipfile.ZIP_STORED and not first.extra
    manifest = ods_xml(ods, "META-INF/manifest.xml")
    listed = {e.get(q("manifest:full-path")) for e in manifest.iter(q("manifest:file-entry"))}
    assert listed == {"/", "content.xml", "styles.xml", "meta.xml"}
    document = odf_load(io.BytesIO(ods))  # odfpy's loader parses every part
    assert document.mimetype == "application/vnd.oasis.opendocument.spreadsheet"
    meta = ods_xml(ods, "meta.xml")
    assert meta.find(f".//{q('dc:title')}").text == "A workbook"  # type: ignore[union-attr]
    assert meta.find(f".//{q('dc:language')}").text == "en-GB"  # type: ignore[union-attr]
    assert render_workbook(MODEL, "ods") == ods


def test_ods_titles_and_cover_headings_use_heading_cell_styles(ods: bytes) -> None:
    styles = ods_xml(ods, "styles.xml")
    named = {
        s.get(q("style:name")): s.get(q("style:display-name"))
        for s in styles.iter(q("style:style"))
    }
    assert named["Heading_20_1"] == "Heading 1" and named["Heading_20_2"] == "Heading 2"
    first = ods_first_cells(ods)
    assert first["Cover"][:3] == [
        ("Heading_20_1", "The cover's title"),
        ("Default", "What this workbook holds."),
        ("Heading_20_2", "Contact"),
    ]
    for sheet in ("Contents", "Block A", "Similar areas"):
        assert first[sheet][0][0] == "Heading_20_1", sheet
        assert first[sheet][1][0] != "Heading_20_1", sheet


def test_ods_tables_are_named_database_ranges(ods: bytes) -> None:
    content = ods_xml(ods, "content.xml")
    ranges = {
        r.get(q("table:name")): r.get(q("table:target-range-address"))
        for r in content.iter(q("table:database-range"))
    }
    assert ranges == {
        "Contents": "'Contents'.A3:'Contents'.B7",
        "BlockA": "'Block A'.A3:'Block A'.E5",
        "SimilarAreas": "'Similar areas'.A3:'Similar areas'.E5",
    }


def test_ods_links_and_typed_cells(ods: bytes) -> None:
    content = ods_xml(ods, "content.xml")
    links = [a.get(q("xlink:href")) for a in content.iter(q("text:a"))]
    assert links == [
        "mailto:team@example.org",
        "#'Cover'.A1",
        "#'Contents'.A1",
        "#'Block A'.A1",
        "#'Similar areas'.A1",
    ]
    cells = [c for c in content.iter(q("table:table-cell")) if c.get(q("office:value-type"))]
    typed = {(c.get(q("office:value-type")), "".join(c.itertext())) for c in cells}
    assert ("float", "1234567") in typed  # a plain count
    assert ("float", "69.2") in typed
    assert ("date", "31 August 2009") in typed
    dates = [c.get(q("office:date-value")) for c in cells]
    assert "2009-08-31" in dates


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.text(
            st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
            min_size=1,
            max_size=30,
        ),
        min_size=1,
        max_size=5,
    )
)
def test_any_text_reads_back_the_same_from_both_formats(texts: list[str]) -> None:
    table = _table(rows=tuple((t, 1, SheetFigure(1, 0), PUBLISHED, "x") for t in texts))
    model = _model(table)
    for fmt in SHEET_FORMATS:
        read = values(render_workbook(model, fmt))["Block A"]
        assert [row[0] for row in read[3:]] == texts, fmt


_FIGURES = st.floats(-1e9, 1e9) | st.integers(-(10**9), 10**9)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        _FIGURES,
        st.tuples(st.floats(-1e5, 1e5), st.integers(0, 3)).map(lambda f: round(*f)),
    ),
    st.integers(0, 4),
)
def test_an_ods_figure_reads_as_the_formatting_module_writes_it(
    number: int | float, places: int
) -> None:
    cell = _ods_figure_cell(SheetFigure(number, places))
    assert cell.text == figure(number, places)
    assert cell.value == repr(number)


def _ods_figure_cell(value: SheetFigure) -> Any:
    """The one figure cell of a small ODS, as (text, value)."""
    data = render_workbook(_model(_table(rows=(("a", 1, value, PUBLISHED, "x"),))), "ods")
    for table in ods_xml(data, "content.xml").iter(q("table:table")):
        if table.get(q("table:name")) == "Block A":
            cell = list(list(table.iter(q("table:table-row")))[3])[2]
            return SimpleNamespace(text="".join(cell.itertext()), value=cell.get(q("office:value")))
    raise AssertionError("no Block A")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"sheet": "A sheet name far longer than Excel allows"}, "31 characters"),
        ({"sheet": "Block [A]"}, "must not hold"),
        ({"name": "Block A"}, "letters, digits and _"),
        ({"name": "AB12"}, "looks like a cell reference"),
        ({"headers": ("Setting", "Count", "Count", "Inspected", "Note")}, "unique"),
        ({"headers": ("Setting", "Count", "Share\n%", "Inspected", "Note")}, "line break"),
        ({"rows": ()}, "at least one row"),
        ({"rows": (("only one cell",),)}, "1 cells for 5 headers"),
    ],
)
def test_a_bad_table_is_refused_with_a_clear_message(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _table(**changes)


def test_sheet_and_table_names_are_unique_in_a_workbook() -> None:
    with pytest.raises(ValueError, match="sheet names must be unique"):
        _model(_table(), _table(name="Other"))
    with pytest.raises(ValueError, match="table names must be unique"):
        _model(_table(), _table(sheet="Other", name="blocka"))


@pytest.mark.parametrize("bad", [True, float("nan"), dt.datetime(2009, 1, 1)])
@pytest.mark.parametrize("fmt", sorted(SHEET_FORMATS))
def test_a_cell_that_is_not_a_value_is_refused(bad: Any, fmt: str) -> None:
    model = _model(_table(rows=(("a", bad, SheetFigure(1, 0), PUBLISHED, "x"),)))
    with pytest.raises((TypeError, ValueError), match="a sheet cell cannot hold"):
        render_workbook(model, fmt)


@pytest.mark.parametrize("bad", [("a", 1), (1, 2, 3), (1.5, -1)])
@pytest.mark.parametrize("fmt", sorted(SHEET_FORMATS))
def test_a_pair_that_is_not_a_figure_is_refused(bad: Any, fmt: str) -> None:
    model = _model(_table(rows=(("a", 1, bad, PUBLISHED, "x"),)))
    with pytest.raises(TypeError, match=r"a figure is a pair \(number, decimal places\)"):
        render_workbook(model, fmt)


def test_a_plain_pair_is_the_same_figure() -> None:
    named = _model(_table(rows=(("a", 1, SheetFigure(69.2, 1), PUBLISHED, "x"),)))
    plain = _model(_table(rows=(("a", 1, (69.2, 1), PUBLISHED, "x"),)))
    for fmt in SHEET_FORMATS:
        assert render_workbook(plain, fmt) == render_workbook(named, fmt), fmt


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="'csv' is not one of xlsx, ods"):
        render_workbook(MODEL, "csv")


@pytest.mark.libreoffice
def test_libreoffice_opens_both_formats(tmp_path: Path) -> None:
    for fmt, other in (("xlsx", "ods"), ("ods", "xlsx")):
        source = tmp_path / f"book.{fmt}"
        source.write_bytes(render_workbook(MODEL, fmt))
        out = tmp_path / fmt
        subprocess.run(
            ["soffice", "--headless", "--convert-to", other, "--outdir", str(out), str(source)],
            check=True,
            capture_output=True,
            timeout=120,
            env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        )
        converted = (out / f"book.{other}").read_bytes()
        read = values(converted)
        assert list(read) == list(MODEL.sheet_names), fmt
        assert read["Block A"][0] == ["Block A: settings"], fmt
        assert [normalised(c) for c in read["Block A"][3][:3]] == ["childminders", 20, 69.2]
