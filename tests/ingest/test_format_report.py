"""The human-readable load report."""

from __future__ import annotations

from csrating.errors import Problem
from csrating.ingest import LoadReport, TableSummary, format_report


def test_clean_report_lists_row_counts() -> None:
    report = LoadReport(
        tables=(TableSummary("inspections.csv", 1234), TableSummary("indicators.csv", 1)),
    )

    assert format_report(report) == (
        "inspections.csv: 1,234 rows\nindicators.csv: 1 row\nNo problems found."
    )


def test_problems_are_grouped_by_file_and_capped() -> None:
    problems = [
        Problem("a.csv", n, "grade", "7", "is not an inspection grade") for n in range(2, 6)
    ]
    problems.insert(1, Problem("b.csv", None, None, None, "is empty (0 bytes)"))
    report = LoadReport(
        (TableSummary("a.csv", 4, ("extra columns not used: x",)),), tuple(problems)
    )

    text = format_report(report, limit=3)

    assert text.splitlines() == [
        "a.csv: 4 rows (extra columns not used: x)",
        "",
        "5 problems in all:",
        '  a.csv, column "grade": 4',
        "  b.csv: 1",
        "",
        "Problems:",
        "a.csv row 2, column \"grade\": '7' is not an inspection grade",
        "a.csv row 3, column \"grade\": '7' is not an inspection grade",
        "a.csv row 4, column \"grade\": '7' is not an inspection grade",
        "… and 2 more problems (the counts above include them; fix these first and run "
        "csrating validate again)",
    ]


def test_problem_totals_count_every_row_not_only_the_ones_listed() -> None:
    listed = [Problem("a.csv", n, "date", "x", "is not a date") for n in range(2, 102)]
    listed.append(
        Problem("a.csv", None, "date", None, "… and 9,427 more rows with the same problem", 9427)
    )
    report = LoadReport((), tuple(listed))

    text = format_report(report, limit=50)

    assert report.problem_count == 9527
    assert '  a.csv, column "date": 9,527' in text
    assert text.splitlines()[-1].startswith("… and 9,477 more problems")
