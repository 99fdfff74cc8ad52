"""Broken datasets: each gets its clear problem, and the load is refused as a whole."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from ingest_helpers import INSPECTIONS_HEADER, MakeDataset

from csrating.errors import InputError, Problem
from csrating.ingest import DatasetRefused, format_report, load_dataset, validate_dataset
from csrating.scales import INSPECTION_GRADE_EXPECTED

DATA = Path(__file__).parent / "data"

ROW_1 = "100001,885,primary_school,maintained,Hill Primary,2008-11-12,2,2,1"
ROW_2 = "100002,860,childrens_home,private,Oak House,2009-01-20,Good,,"


def inspections(*rows: str, end: str = "\n") -> str:
    """Return an inspections.csv text with the canonical header and ``rows``."""
    return INSPECTIONS_HEADER + "\n" + "\n".join(rows) + end


def refused(folder: Path) -> tuple[Problem, ...]:
    """Load ``folder``, expecting refusal; return the problems (checked against validation)."""
    with pytest.raises(InputError) as caught:
        load_dataset(folder)
    assert validate_dataset(folder).problems == caught.value.problems
    return caught.value.problems


def test_wrong_delimiter(make_dataset: MakeDataset) -> None:
    text = inspections(ROW_1, ROW_2).replace(",", ";")

    (problem,) = refused(make_dataset(inspections_csv=text))

    assert problem == Problem(
        "inspections.csv", 1, None, None, "uses ';' as delimiter; expected commas"
    )


def test_tab_delimiter(make_dataset: MakeDataset) -> None:
    (problem,) = refused(make_dataset(inspections_csv=inspections(ROW_1).replace(",", "\t")))

    assert problem.expected == "uses tabs as delimiter; expected commas"


def test_missing_column_is_named_with_the_columns_found(make_dataset: MakeDataset) -> None:
    text = "urn,setting_type,sector,name,inspection_date,overall_effectiveness\n"
    text += "1,primary_school,,,2009-01-01,1\n"

    (problem,) = refused(make_dataset(inspections_csv=text))

    assert problem.file == "inspections.csv"
    assert problem.column == "la_code"
    assert "required column but is missing" in problem.expected
    assert "urn, setting_type, sector, name, inspection_date, overall_effectiveness" in (
        problem.expected
    )


def test_unknown_council_code(make_dataset: MakeDataset) -> None:
    text = inspections(ROW_1, ROW_2.replace(",860,", ",999,"))

    (problem,) = refused(make_dataset(inspections_csv=text))

    assert (problem.row, problem.column, problem.value) == (3, "la_code", "999")
    assert "is not the code of one of the 152 councils" in problem.expected


def test_england_code_is_allowed_only_in_indicators(make_dataset: MakeDataset) -> None:
    text = inspections(ROW_1.replace(",885,", ",E92000001,"))

    (problem,) = refused(make_dataset(inspections_csv=text))

    assert (problem.column, problem.value) == ("la_code", "E92000001")


def test_grade_seven(make_dataset: MakeDataset) -> None:
    text = inspections(ROW_1, ROW_2.replace(",Good,", ",7,"))

    (problem,) = refused(make_dataset(inspections_csv=text))

    assert problem == Problem(
        "inspections.csv", 3, "overall_effectiveness", "7", INSPECTION_GRADE_EXPECTED
    )
    assert str(problem).startswith(
        "inspections.csv row 3, column \"overall_effectiveness\": '7' is not an inspection grade"
    )


@pytest.mark.parametrize("date", ["31/02/2009", "2009-02-31", "2009-2-3", "yesterday"])
def test_impossible_or_non_iso_date(make_dataset: MakeDataset, date: str) -> None:
    text = inspections(ROW_1.replace("2008-11-12", date))

    (problem,) = refused(make_dataset(inspections_csv=text))

    assert (problem.row, problem.column, problem.value) == (2, "inspection_date", date)
    assert problem.expected == "is not a date (expected YYYY-MM-DD, e.g. 2009-03-31)"


def test_duplicate_event_names_the_first_row(make_dataset: MakeDataset) -> None:
    text = inspections(ROW_1, ROW_2, ROW_1.replace(",2,2,1", ",3,3,3"))

    (problem,) = refused(make_dataset(inspections_csv=text))

    assert problem.row == 4
    assert problem.column == "urn, inspection_date"
    assert problem.value == "100001, 2008-11-12"
    assert "repeats the event on row 2" in problem.expected


def test_duplicate_council_inspection_judgement(make_dataset: MakeDataset) -> None:
    text = "la_code,kind,date,judgement,grade,outcome\n"
    text += "885,safeguarding_lac,2009-05-01,overall_lac,2,\n" * 2

    (problem,) = refused(make_dataset(council_inspections_csv=text))

    assert (problem.file, problem.row) == ("council_inspections.csv", 3)
    assert "repeats the event on row 2" in problem.expected


def test_latin1_bytes_name_the_line_and_byte(make_dataset: MakeDataset) -> None:
    text = inspections(ROW_1, ROW_2.replace("Oak House", "Caf\u00e9 House"))

    (problem,) = refused(make_dataset(inspections_csv=text.encode("cp1252")))

    assert problem.row == 3
    assert "0xE9" in problem.expected
    assert "expected UTF-8; save the file as UTF-8 (it looks like Latin-1/Windows-1252)" in (
        problem.expected
    )


def test_latin1_fixture_file(make_dataset: MakeDataset) -> None:
    data = (DATA / "latin1_indicators.csv").read_bytes()

    (problem,) = refused(make_dataset(indicators_csv=data))

    assert (problem.file, problem.row) == ("indicators.csv", 3)
    assert "0xA3" in problem.expected  # the pound sign in Windows-1252


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty (0 bytes)"),
        (b"\n\n", "is empty (only blank lines)"),
        ((INSPECTIONS_HEADER + "\n").encode(), "has a header row but no data rows"),
    ],
)
def test_empty_file(make_dataset: MakeDataset, content: bytes, expected: str) -> None:
    (problem,) = refused(make_dataset(inspections_csv=content))

    assert problem == Problem("inspections.csv", None, None, None, expected)


def test_truncated_last_line(make_dataset: MakeDataset) -> None:
    text = inspections(ROW_1, ROW_2, ROW_1.replace("100001", "100003")[:30], end="")

    (problem,) = refused(make_dataset(inspections_csv=text))

    assert problem.row == 4
    assert "does not end with a line break: the file looks truncated" in problem.expected
    assert "has 4 of 9 fields" in problem.expected


def test_truncated_fixture_file(make_dataset: MakeDataset) -> None:
    data = (DATA / "truncated_council_inspections.csv").read_bytes()

    (problem,) = refused(make_dataset(council_inspections_csv=data))

    assert (problem.file, problem.row) == ("council_inspections.csv", 4)
    assert "looks truncated" in problem.expected


def test_unterminated_quote_at_the_end(make_dataset: MakeDataset) -> None:
    text = inspections(ROW_1, ROW_2, '100003,885,primary_school,,"Hill', end="")

    (problem,) = refused(make_dataset(inspections_csv=text))

    assert problem.row == 4
    assert "opens a double quote that is never closed" in problem.expected


def test_row_with_too_many_fields_in_the_middle(make_dataset: MakeDataset) -> None:
    bad = ROW_2.replace("Oak House", "Oak House, Ltd")
    text = inspections(ROW_1, bad, ROW_1.replace("100001", "100003"))

    (problem,) = refused(make_dataset(inspections_csv=text))

    assert problem.row == 3
    assert problem.expected.startswith("has 10 fields; expected 9, as in the header row")
    assert "double quotes" in problem.expected


def test_row_with_too_few_fields_in_the_middle(make_dataset: MakeDataset) -> None:
    text = inspections(ROW_1, "100002,860,childrens_home", ROW_2)

    (problem,) = refused(make_dataset(inspections_csv=text))

    assert (problem.row, problem.expected) == (3, "has 3 fields; expected 9, as in the header row")


def test_misplaced_quote(make_dataset: MakeDataset) -> None:
    text = inspections(
        ROW_1,
        ROW_2.replace("Oak House", 'Oak "House'),
        '3,885,primary_school,,"A, B",2009-01-01,1,,',
    )

    (problem,) = refused(make_dataset(inspections_csv=text))

    assert problem.row == 3
    assert "misplaced double quote" in problem.expected


@pytest.mark.parametrize("column", ["urn", "la_code", "setting_type", "inspection_date"])
def test_blank_required_value(make_dataset: MakeDataset, column: str) -> None:
    values = dict(zip(INSPECTIONS_HEADER.split(","), ROW_1.split(","), strict=True))
    values[column] = ""
    text = inspections(",".join(values.values()))

    (problem,) = refused(make_dataset(inspections_csv=text))

    assert (problem.row, problem.column, problem.value) == (2, column, None)
    assert problem.expected.startswith("is blank; expected ")


def test_unknown_setting_type_lists_the_allowed_values(make_dataset: MakeDataset) -> None:
    text = inspections(ROW_1.replace("primary_school", "castle"))

    (problem,) = refused(make_dataset(inspections_csv=text))

    assert (problem.column, problem.value) == ("setting_type", "castle")
    assert "expected one of: childminder, childcare_non_domestic" in problem.expected
    assert "secure_training_centre" in problem.expected


def test_unknown_sector_kind_and_outcome(make_dataset: MakeDataset) -> None:
    text = "la_code,kind,date,judgement,grade,outcome\n"
    text += "885,inspection,2009-05-01,,2,\n885,unannounced_cra,2009-06-01,,,maybe\n"
    folder = make_dataset(
        council_inspections_csv=text,
        inspections_csv=inspections(ROW_1.replace("maintained", "charity")),
    )

    values = {(p.file, p.column, p.value) for p in refused(folder)}

    assert values == {
        ("inspections.csv", "sector", "charity"),
        ("council_inspections.csv", "kind", "inspection"),
        ("council_inspections.csv", "outcome", "maybe"),
    }


def test_council_inspection_needs_its_grade_or_outcome(make_dataset: MakeDataset) -> None:
    text = "la_code,kind,date,judgement,grade,outcome\n"
    text += "885,unannounced_cra,2009-06-10,,2,\n885,jar,2007-03-01,overall,,none\n"

    problems = refused(make_dataset(council_inspections_csv=text))

    assert [(p.row, p.column) for p in problems] == [(2, "outcome"), (3, "grade")]
    assert "unannounced_cra inspections need an outcome" in problems[0].expected
    assert "jar inspections need a grade" in problems[1].expected


def test_indicator_values(make_dataset: MakeDataset) -> None:
    text = "la_code,indicator,period,value,reason\n"
    text += "885,NI999,2008-09,1,\n885,NI059,2008-10,1,\n885,NI060,2008-09,lots,\n"
    text += "885,NI 61,2008-09,,not collected\n885,NI062,2008-09,4.5,provisional\n"

    problems = refused(make_dataset(indicators_csv=text))

    assert [(p.row, p.column, p.value) for p in problems] == [
        (2, "indicator", "NI999"),
        (3, "period", "2008-10"),
        (4, "value", "lots"),
    ]


def test_every_problem_is_listed_not_just_the_first(make_dataset: MakeDataset) -> None:
    text = inspections(
        ROW_1.replace(",885,", ",999,"),
        ROW_2.replace(",Good,", ",7,"),
        ROW_1.replace("2008-11-12", "12/11/2008").replace("100001", "100005"),
    )
    folder = make_dataset(inspections_csv=text, indicators_csv=None)

    problems = refused(folder)

    assert [(p.file, p.row, p.column) for p in problems] == [
        ("inspections.csv", 2, "la_code"),
        ("inspections.csv", 4, "inspection_date"),
        ("inspections.csv", 3, "overall_effectiveness"),
    ]


def test_problems_per_kind_are_capped_and_counted(make_dataset: MakeDataset) -> None:
    rows = [f"{n},885,primary_school,,,2009-01-01,7,," for n in range(250)]

    problems = refused(make_dataset(inspections_csv=inspections(*rows)))

    assert len(problems) == 101
    assert [p.row for p in problems[:100]] == list(range(2, 102))
    assert problems[-1] == Problem(
        "inspections.csv",
        None,
        "overall_effectiveness",
        None,
        "… and 150 more rows with the same problem",
        150,
    )


def test_rows_after_a_multi_line_value_keep_their_line_numbers(
    make_dataset: MakeDataset,
) -> None:
    text = inspections(
        '100001,885,primary_school,,"Hill\nPrimary\nSchool",2008-11-12,2,,',
        "",
        ROW_2.replace(",Good,", ",7,"),
    )

    (problem,) = refused(make_dataset(inspections_csv=text))

    assert problem.row == 6  # header 1, the three-line record 2-4, a blank line 5


def test_both_csv_and_xlsx_for_one_table(make_dataset: MakeDataset) -> None:
    folder = make_dataset()
    (folder / "indicators.xlsx").write_bytes(b"not really a workbook")

    (problem,) = refused(folder)

    assert problem.file == "indicators.csv"
    assert "indicators.csv and indicators.xlsx" in problem.expected
    assert "keep only one" in problem.expected


def test_a_missing_evidence_table_is_a_note_not_a_problem(make_dataset: MakeDataset) -> None:
    folder = make_dataset(council_inspections_csv=None)

    report = validate_dataset(folder)
    dataset = load_dataset(folder)

    assert report.ok
    assert any("no council_inspections table" in note for note in report.notes)
    assert "council_inspections" not in dataset.present
    assert dataset.council_inspections.height == 0


def test_a_dataset_without_any_evidence_table_is_refused(make_dataset: MakeDataset) -> None:
    folder = make_dataset(inspections_csv=None, council_inspections_csv=None, indicators_csv=None)

    (problem,) = refused(folder)

    assert "holds none of the evidence tables" in problem.expected


def test_a_dataset_without_its_manifest_is_refused(make_dataset: MakeDataset) -> None:
    (problem,) = refused(make_dataset(dataset_toml=None))

    assert problem.file == "dataset.toml"
    assert "is missing" in problem.expected


def test_a_manifest_with_a_wrong_key_names_the_key(make_dataset: MakeDataset) -> None:
    toml = 'name = "x"\ndemonstration = "maybe"\nvintage = "1999"\ncolour = "red"\n'

    problems = refused(make_dataset(dataset_toml=toml))

    assert [p.key for p in problems] == ["demonstration", "vintage", "colour"]
    assert "is not a shipped geography" in problems[1].expected
    assert "is not a manifest key" in problems[2].expected


def test_unreadable_xlsx(make_dataset: MakeDataset) -> None:
    folder = make_dataset(indicators_csv=None)
    (folder / "indicators.xlsx").write_bytes(b"PK\x03\x04 truncated zip")

    (problem,) = refused(folder)

    assert problem == Problem(
        "indicators.xlsx",
        None,
        None,
        None,
        "is not a readable Excel workbook (expected .xlsx)",
    )


def test_not_a_folder(tmp_path: Path) -> None:
    (problem,) = refused(tmp_path / "nowhere")

    assert "is not a folder" in problem.expected


def test_refusal_carries_the_report(make_dataset: MakeDataset) -> None:
    folder = make_dataset(inspections_csv=inspections(ROW_1.replace(",2,2,1", ",7,2,1")))

    with pytest.raises(DatasetRefused) as caught:
        load_dataset(folder)

    text = format_report(caught.value.report)
    assert "inspections.csv: 1 row" in text
    assert "inspections.csv row 2, column \"overall_effectiveness\": '7'" in text
    assert str(caught.value).startswith("inspections.csv row 2")


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(path.relative_to(folder)): (path.read_bytes(), os.stat(path).st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_a_refused_load_changes_nothing_on_disk(make_dataset: MakeDataset) -> None:
    folder = make_dataset(inspections_csv=inspections(ROW_1, ROW_2.replace(",860,", ",999,")))
    before = _snapshot(folder.parent)

    with pytest.raises(InputError):
        load_dataset(folder)
    validate_dataset(folder)

    assert _snapshot(folder.parent) == before


def test_validate_reads_moderation_csv_with_the_tables(make_dataset: MakeDataset) -> None:
    moderation = (
        "la_code,action,from_grade,to_grade,moderator,date,reason\n"
        "885,override,2,3,A Inspector,2009-11-20,\n"
        "999,withhold,,,A Inspector,20/11/2009,pending inspection\n"
    )
    folder = make_dataset(moderation_csv=moderation)

    report = validate_dataset(folder)

    found = {(p.file, p.row, p.column) for p in report.problems}
    assert ("moderation.csv", 2, "reason") in found
    assert ("moderation.csv", 3, "la_code") in found
    assert ("moderation.csv", 3, "date") in found
    with pytest.raises(InputError):
        load_dataset(folder)


def test_moderation_records_are_scoped_to_a_framework(make_dataset: MakeDataset) -> None:
    moderation = (
        "la_code,action,from_grade,to_grade,moderator,date,reason,framework\n"
        "885,withhold,,,A Inspector,2009-11-20,pending inspection,rating-2009\n"
        "885,withhold,,,A Inspector,2010-11-20,pending inspection,rating-2010\n"
        "860,withhold,,,A Inspector,2009-11-20,pending inspection,\n"
    )
    dataset = load_dataset(make_dataset(moderation_csv=moderation))

    under_2011 = dataset.moderation_for("rating-2011")
    assert set(under_2011) == {"860"}
    assert dataset.moderation_for("rating-2010")["885"].date.year == 2010
    assert dataset.moderation_for("rating-2009")["885"].framework == "rating-2009"


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        ("885,withhold,,,B Inspector,2009-11-21,again,rating-2009", "under rating-2009"),
        ("885,withhold,,,B Inspector,2009-11-21,again,", "for any framework"),
        ("860,withhold,,,B Inspector,2009-11-21,again,Rating 2009!", "not a framework id"),
    ],
)
def test_overlapping_or_misnamed_moderation_records_are_refused(
    make_dataset: MakeDataset, second: str, expected: str
) -> None:
    moderation = (
        "la_code,action,from_grade,to_grade,moderator,date,reason,framework\n"
        "885,withhold,,,A Inspector,2009-11-20,pending inspection,rating-2009\n"
        f"{second}\n"
    )
    report = validate_dataset(make_dataset(moderation_csv=moderation))

    (problem,) = report.problems
    assert (problem.file, problem.row) == ("moderation.csv", 3)
    assert expected in problem.expected


def test_the_report_names_the_dataset_and_what_it_lacks(make_dataset: MakeDataset) -> None:
    report = validate_dataset(make_dataset(indicators_csv=None))
    text = format_report(report)
    assert "Dataset: ingest test dataset (real data" in text
    assert "no indicators table: Block C (indicators) has no data" in text


def test_published_markers_are_blank_values_with_their_reason(make_dataset: MakeDataset) -> None:
    text = "la_code,indicator,period,value,reason\n"
    text += "885,NI059,2008-09,c,\n860,NI059,2008-09,[x],\n201,NI059,2008-09,-,not collected\n"
    text += "202,NI059,2008-09,lots,\n"

    problems = refused(make_dataset(indicators_csv=text))

    assert [(p.row, p.value) for p in problems] == [(5, "lots")]
    assert "published marker" in problems[0].expected and "'c'" in problems[0].expected
    good = make_dataset(indicators_csv="\n".join(text.splitlines()[:4]) + "\n")
    rows = load_dataset(good).indicators.sort("la_code")
    assert rows.select("la_code", "value", "reason").rows() == [
        ("201", None, "not collected"),
        ("860", None, "not available"),
        ("885", None, "suppressed"),
    ]
