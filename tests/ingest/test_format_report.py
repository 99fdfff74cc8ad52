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
        "Problems:",
        "a.csv row 2, column \"grade\": '7' is not an inspection grade",
        "a.csv row 3, column \"grade\": '7' is not an inspection grade",
        "a.csv row 4, column \"grade\": '7' is not an inspection grade",
        "… and 2 more problems",
    ]
