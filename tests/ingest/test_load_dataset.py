"""Loading valid datasets: typed frames, XLSX tables, reports and progress."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from ingest_helpers import INSPECTIONS_HEADER, MakeDataset

from csrating.errors import InputError
from csrating.ingest import Dataset, format_report, load_dataset, read_table, validate_dataset
from csrating.ingest.dataset import (
    CONTACTS_SCHEMA,
    COUNCIL_INSPECTIONS_SCHEMA,
    INDICATORS_SCHEMA,
    INSPECTIONS_SCHEMA,
)
from csrating.ingest.schema import COUNCIL_INSPECTIONS, INSPECTIONS


def test_valid_tiny_dataset_loads_with_the_contract_types(make_dataset: MakeDataset) -> None:
    dataset = load_dataset(make_dataset())

    assert isinstance(dataset, Dataset)
    assert dataset.inspections.schema == pl.Schema(INSPECTIONS_SCHEMA)
    assert dataset.council_inspections.schema == pl.Schema(COUNCIL_INSPECTIONS_SCHEMA)
    assert dataset.indicators.schema == pl.Schema(INDICATORS_SCHEMA)
    assert dataset.contacts.schema == pl.Schema(CONTACTS_SCHEMA)
    assert dataset.contacts.height == 0
    assert dataset.report is not None and dataset.report.ok


def test_word_grades_and_dates_are_converted(make_dataset: MakeDataset) -> None:
    dataset = load_dataset(make_dataset())

    inspections = dataset.inspections
    assert inspections["overall_effectiveness"].to_list() == [2, 2, 3, 1]
    assert inspections["staying_safe"].to_list() == [2, None, 3, None]
    assert inspections["inspection_date"][0] == dt.date(2008, 11, 12)
    assert inspections["name"][1] == "Oak House, Ltd"
    assert inspections["sector"][3] is None
    assert dataset.council_inspections["grade"].to_list() == [2, None, 3]
    assert dataset.indicators.filter(pl.col("la_code") == "E92000001")["value"][0] == 72.1
    assert dataset.indicators["value"][1] is None


def test_optional_columns_absent_from_the_file_are_null(make_dataset: MakeDataset) -> None:
    text = "urn,la_code,setting_type,sector,name,inspection_date,overall_effectiveness\n"
    text += "1,885,primary_school,maintained,A,2009-01-01,1\n"

    dataset = load_dataset(make_dataset(inspections_csv=text))

    assert dataset.inspections.columns == list(INSPECTIONS_SCHEMA)
    assert dataset.inspections["staying_safe"].to_list() == [None]
    assert dataset.inspections["enjoying_achieving"].dtype == pl.Int8


def test_extra_columns_are_noted_not_refused(make_dataset: MakeDataset) -> None:
    text = INSPECTIONS_HEADER + ",comment\n1,885,primary_school,,,2009-01-01,1,,,looks fine\n"

    report = validate_dataset(make_dataset(inspections_csv=text))

    assert report.ok
    summary = next(t for t in report.tables if t.file == "inspections.csv")
    assert summary.notes == ("extra columns not used: comment",)
    assert "extra columns not used: comment" in format_report(report)


def test_header_names_are_matched_ignoring_case_and_spaces(make_dataset: MakeDataset) -> None:
    header = "URN,LA code,Setting type,Sector,Name,Inspection date,Overall effectiveness\n"
    dataset = load_dataset(
        make_dataset(inspections_csv=header + "1,885,Primary school,,,2009-01-01,Good\n")
    )

    assert dataset.inspections["setting_type"].to_list() == ["primary_school"]
    assert dataset.inspections["overall_effectiveness"].to_list() == [2]


def test_bom_crlf_and_blank_lines_are_fine(make_dataset: MakeDataset) -> None:
    body = INSPECTIONS_HEADER + "\r\n1,885,primary_school,,,2009-01-01,1,,\r\n\r\n"
    body += "2,885,primary_school,,,2009-01-01,2,,\r\n\r\n"

    dataset = load_dataset(make_dataset(inspections_csv=b"\xef\xbb\xbf" + body.encode()))

    assert dataset.inspections["urn"].to_list() == ["1", "2"]
    assert dataset.report is not None
    assert dataset.report.tables[0].rows == 2


def test_progress_is_reported_per_file(make_dataset: MakeDataset) -> None:
    lines: list[str] = []

    load_dataset(make_dataset(), progress=lines.append)

    assert "Reading inspections.csv" in lines
    assert any(line.startswith("Checked indicators.csv: 4 rows") for line in lines)


def test_contacts_table_is_optional_but_read_when_present(make_dataset: MakeDataset) -> None:
    contacts = (
        "la_code,title,first_name,surname,role\n885,Mrs,Jane,Doe,Director of Children's Services\n"
    )

    dataset = load_dataset(make_dataset(contacts_csv=contacts))

    assert dataset.contacts["surname"].to_list() == ["Doe"]
    assert dataset.contacts["postcode"].to_list() == [None]


def _write_xlsx(path: Path, rows: list[list[object]]) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    workbook.save(path)


def test_xlsx_table_loads_with_excel_dates_and_numbers(make_dataset: MakeDataset) -> None:
    folder = make_dataset(council_inspections_csv=None)
    _write_xlsx(
        folder / "council_inspections.xlsx",
        [
            ["la_code", "kind", "date", "judgement", "grade", "outcome"],
            [885, "safeguarding_lac", dt.datetime(2009, 5, 1), "overall_safeguarding", 2.0, None],
            [885, "unannounced_cra", "2009-06-10", None, None, "priority_action"],
        ],
    )

    dataset = load_dataset(folder)

    frame = dataset.council_inspections
    assert frame.schema == pl.Schema(COUNCIL_INSPECTIONS_SCHEMA)
    assert frame["la_code"].to_list() == ["885", "885"]
    assert frame["date"].to_list() == [dt.date(2009, 5, 1), dt.date(2009, 6, 10)]
    assert frame["grade"].to_list() == [2, None]
    assert frame["outcome"].to_list() == [None, "priority_action"]


def test_xlsx_problems_carry_sheet_row_numbers(make_dataset: MakeDataset) -> None:
    folder = make_dataset(council_inspections_csv=None)
    _write_xlsx(
        folder / "council_inspections.xlsx",
        [
            ["la_code", "kind", "date", "judgement", "grade", "outcome"],
            [885, "jar", dt.date(2007, 3, 1), "safeguarding", 2, None],
            [None, None, None, None, None, None],
            [885, "jar", dt.date(2007, 3, 1), "overall", 7, None],
        ],
    )

    with pytest.raises(InputError) as caught:
        load_dataset(folder)

    (problem,) = caught.value.problems
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "council_inspections.xlsx",
        4,
        "grade",
        "7",
    )


def test_read_table_reads_one_file(tmp_path: Path) -> None:
    path = tmp_path / "any_name.csv"
    path.write_text(
        "la_code,kind,date,judgement,grade,outcome\n885,jar,2007-03-01,overall,Good,\n",
        encoding="utf-8",
    )

    frame = read_table(path, COUNCIL_INSPECTIONS)

    assert frame.schema == pl.Schema(COUNCIL_INSPECTIONS_SCHEMA)
    assert frame["grade"].to_list() == [2]


def test_read_table_refuses_a_bad_file(tmp_path: Path) -> None:
    path = tmp_path / "inspections.csv"
    path.write_text(INSPECTIONS_HEADER + "\n1,885,castle,,,2009-01-01,1,,\n", encoding="utf-8")

    with pytest.raises(InputError) as caught:
        read_table(path, INSPECTIONS)

    assert caught.value.problems[0].value == "castle"
