"""The profile workbook's tables over time: every neighbour, region, England, rank, quartile."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from sheet_reading import normalised, ods_xml, q, values

from csrating.pipeline import RatedRound
from csrating.presentation.comparison import CouncilComparison, national_comparison
from csrating.publish import profile_workbook
from csrating.publish._sheets import NOT_APPLICABLE, NOT_AVAILABLE, SheetFigure
from csrating.publish.workbook import workbook_model
from factories import frozen_round


@pytest.fixture(scope="module")
def rated() -> RatedRound:
    return frozen_round("rating-2009")


@pytest.fixture(scope="module")
def comparison(rated: RatedRound) -> CouncilComparison:
    return national_comparison(rated).council("885")


def _model(rated: RatedRound, comparison: CouncilComparison | None) -> Any:
    results = {r.council.la_code: r for r in rated.results}
    return workbook_model(
        rated.result("885"),
        neighbours=results,
        demonstration=True,
        framework=rated.framework,
        comparison=comparison,
    )


def test_the_tables_over_time_come_after_the_profile(
    rated: RatedRound, comparison: CouncilComparison
) -> None:
    model = _model(rated, comparison)
    sheets = [t.sheet for t in model.tables]
    assert sheets[-2:] == ["Settings over time", "Indicators over time"]
    contents = dict((row[0], row[1]) for row in model.tables[0].rows)
    assert "Indicators over time" in contents
    assert [t.sheet for t in _model(rated, None).tables] == sheets[:-2]


def test_each_row_is_a_line_and_period_with_every_neighbour_by_name(
    rated: RatedRound, comparison: CouncilComparison
) -> None:
    table = _model(rated, comparison).tables[-1]
    headers = table.headers
    for number, neighbour in enumerate(comparison.neighbours, start=1):
        assert f"{neighbour.name} (neighbour {number})" in headers
    assert "West Midlands (region) [note 6]" in headers
    lines = comparison.block_c
    assert len(table.rows) == sum(len(line.periods) for line in lines)
    line = next(line for line in lines if line.key == "NI059")
    period = line.periods[-1]
    row = dict(
        zip(
            headers,
            next(r for r in table.rows if r[0] == "NI059" and r[2] == period.label),
            strict=True,
        )
    )
    value = row["Value"]
    figure = SheetFigure(*value)  # a figure is a pair: (number, decimal places)
    assert figure.number_format == "#,##0.0"
    assert figure.value == period.value.number
    assert row["Reason for no value"] == NOT_APPLICABLE
    assert row["Rank (1 is best) [note 6]"] == period.standing.rank
    assert row["Councils ranked"] == period.standing.of
    assert row["Quartile (A best to D worst) [note 6]"] == period.standing.quartile
    assert row["Band (1 weakest to 4 strongest) [note 5]"] == period.band
    assert row["England [note 6]"] == SheetFigure(period.england.number, 1)  # type: ignore[arg-type]
    first = comparison.neighbours[0]
    assert row[f"{first.name} (neighbour 1)"] == (
        SheetFigure(period.neighbours[0].number, 1)  # type: ignore[arg-type]
        if period.neighbours[0].number is not None
        else NOT_AVAILABLE
    )
    named = row["Indicator (unit; which way is better)"]
    assert named == f"{line.heading} (per cent; higher is better)"


def test_a_blank_value_keeps_its_reason(rated: RatedRound, comparison: CouncilComparison) -> None:
    table = _model(rated, comparison).tables[-1]
    reasons = {row[4] for row in table.rows}
    assert reasons <= {NOT_APPLICABLE, NOT_AVAILABLE, "suppressed", "not collected"}


def test_the_notes_explain_the_comparators(
    rated: RatedRound, comparison: CouncilComparison
) -> None:
    notes = dict(_model(rated, comparison).tables[1].rows)
    assert "England is the published figure" in str(notes["note 6"])
    assert "Quartile follows LAIT" in str(notes["note 6"])


def test_both_formats_hold_the_tables_over_time(
    rated: RatedRound, comparison: CouncilComparison
) -> None:
    """XLSX defines each as an Excel table, ODS as a database range; the values agree."""
    results = {r.council.la_code: r for r in rated.results}
    made = {
        fmt: profile_workbook(
            rated.result("885"),
            neighbours=results,
            demonstration=True,
            framework=rated.framework,
            comparison=comparison,
            fmt=fmt,
        )
        for fmt in ("xlsx", "ods")
    }
    book = openpyxl.load_workbook(io.BytesIO(made["xlsx"]))
    assert book.sheetnames[-2:] == ["Settings over time", "Indicators over time"]
    assert set(book["Indicators over time"].tables) == {"IndicatorsOverTime"}
    assert set(book["Settings over time"].tables) == {"SettingsOverTime"}
    content = ods_xml(made["ods"], "content.xml")
    ranges = {r.get(q("table:name")) for r in content.iter(q("table:database-range"))}
    assert {"SettingsOverTime", "IndicatorsOverTime"} <= ranges
    xlsx, ods = values(made["xlsx"]), values(made["ods"])
    assert list(ods) == list(xlsx)
    for sheet in ("Settings over time", "Indicators over time"):
        assert [[normalised(c) for c in r] for r in ods[sheet]] == [
            [normalised(c) for c in r] for r in xlsx[sheet]
        ], sheet
    rows = xlsx["Indicators over time"]
    assert rows[2][:3] == ["Line id", "Indicator (unit; which way is better)", "Period"]
    assert len(rows) == 3 + sum(len(line.periods) for line in comparison.block_c)
