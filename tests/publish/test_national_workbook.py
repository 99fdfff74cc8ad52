"""The national workbook: every council's rating, the distribution, regions, types, limiters."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl
import pytest
from publish_results import FRAMEWORK, distribution, hand_made, national_results
from sheet_reading import normalised, ods_first_cells, values

from csrating.frameworks import load_framework
from csrating.frameworks.assessment import Outcome
from csrating.publish import DEMONSTRATION_NOTE, Contact, national_workbook, summarise
from csrating.publish.national_workbook import (
    DISTRIBUTION_HEADERS,
    LIMITERS_HEADERS,
    RATINGS_HEADERS,
    national_workbook_model,
)

SHEETS = [
    "Cover",
    "Contents",
    "Notes",
    "Ratings",
    "Distribution",
    "By region",
    "By type",
    "Limiters",
]
CONTACT = Contact("Ratings team", "ratings@example.gov.uk")


def _build(fmt: str = "xlsx", **changes: Any) -> bytes:
    options: dict[str, Any] = {
        "framework": FRAMEWORK,
        "demonstration": True,
        "fmt": fmt,
        "source": "A test dataset",
        "contact": CONTACT,
    }
    options.update(changes)
    return national_workbook(national_results(), **options)


@pytest.fixture(scope="module")
def book() -> Any:
    return openpyxl.load_workbook(io.BytesIO(_build()))


def _table(book: Any, sheet: str, name: str) -> list[list[Any]]:
    ws = book[sheet]
    return [[cell.value for cell in row] for row in ws[ws.tables[name].ref]]


def test_the_sheets_and_tables_are_in_order(book: Any) -> None:
    assert book.sheetnames == SHEETS
    names = {ws.title: list(ws.tables) for ws in book.worksheets}
    assert names["Ratings"] == ["Ratings"] and names["Limiters"] == ["Limiters"]
    assert names["By region"] == ["ByRegion"] and names["By type"] == ["ByType"]
    for ws in book.worksheets:
        assert ws["A1"].style == "Heading 1", ws.title
        assert not ws.merged_cells.ranges
    contents = _table(book, "Contents", "Contents")[1:]
    assert [row[0] for row in contents] == SHEETS


def test_the_cover_has_title_date_contact_source_and_notices(book: Any) -> None:
    cover = {cell.value: cell for (cell,) in book["Cover"].iter_rows()}
    assert book["Cover"]["A1"].value == f"{FRAMEWORK.title}: ratings of every council"
    assert [v for v, c in cover.items() if c.style == "Heading 2"] == [
        "Notices",
        "The ratings",
        "Publication",
        "Contact",
        "Source and attribution",
    ]
    assert DEMONSTRATION_NOTE in cover
    assert "Cut-off date for the data: 31 August 2009." in cover
    assert "11 councils were rated; the ratings of 141 councils are withheld pending " in (
        " ".join(str(v) for v in cover)
    )
    assert "Publication date: 9 December 2009." in cover
    assert (
        cover["Email: ratings@example.gov.uk"].hyperlink.target == "mailto:ratings@example.gov.uk"
    )
    assert "Data: A test dataset." in cover


def test_every_council_has_its_rating(book: Any) -> None:
    rows = _table(book, "Ratings", "Ratings")
    assert tuple(rows[0]) == RATINGS_HEADERS
    by_code = {row[0]: row for row in rows[1:]}
    assert len(by_code) == 152
    assert by_code["885"] == [
        "885",
        "E10000034",
        "Worcestershire",
        "West Midlands",
        "shire county",
        "performs adequately",
        2,
        "R09-L2",
    ]
    # withheld: not published, and nothing of a grade (its rules' limiters are not listed)
    assert by_code["201"][5:] == ["Not published", "[z]", "none"]


def test_the_distribution_matches_the_summary(book: Any) -> None:
    summary = summarise(national_results())
    rows = _table(book, "Distribution", "Distribution")
    assert tuple(rows[0]) == DISTRIBUTION_HEADERS
    for row, line in zip(rows[1:5], summary.grades, strict=True):
        assert row == [
            line.rating.label.capitalize(),
            line.rating.value,
            line.count,
            line.percentage,
        ]
    assert rows[5] == ["Total rated", "[z]", summary.total_rated, 100]
    assert rows[6] == ["Not published", "[z]", 141, "[z]"]


@pytest.mark.parametrize(("sheet", "name"), [("By region", "ByRegion"), ("By type", "ByType")])
def test_groups_add_up_to_every_council(book: Any, sheet: str, name: str) -> None:
    rows = _table(book, sheet, name)
    assert rows[0][1:] == [
        "Performs excellently (4)",
        "Performs well (3)",
        "Performs adequately (2)",
        "Performs poorly (1)",
        "Not published",
        "Councils",
    ]
    assert all(sum(row[1:6]) == row[6] for row in rows[1:])
    assert sum(row[6] for row in rows[1:]) == 152


def test_limiters_name_each_rated_council_and_whether_they_changed_its_grade(book: Any) -> None:
    rows = _table(book, "Limiters", "Limiters")
    assert tuple(rows[0]) == LIMITERS_HEADERS
    fired = [
        (r.council.la_code, step.code)
        for r in national_results()
        if r.assessment.rating is not None  # a withheld council's limiters are not published
        for step in r.assessment.trace
        if step.is_limiter and step.outcome is Outcome.FIRED
    ]
    assert [(row[0], row[3]) for row in rows[1:]] == fired
    worcestershire = next(row for row in rows[1:] if row[0] == "885")
    assert worcestershire[3] == "R09-L2"
    assert worcestershire[5:] == ["yes"]  # no grade before or after: no provisional grade


def test_no_limiter_and_no_withheld_council_still_make_valid_tables() -> None:
    results = hand_made(distribution(1, 2, 1, 0))
    model = national_workbook_model(results, framework=FRAMEWORK, demonstration=False)
    tables = {t.name: t for t in model.tables}
    assert tables["Limiters"].rows[0][0] == "No limiting rule applied"
    assert tables["Distribution"].rows[-1] == ("Not published", "[z]", 0, "[z]")
    assert all(DEMONSTRATION_NOTE not in line.text for line in model.cover)
    assert "4 councils were rated." in [line.text for line in model.cover]


def test_a_simulation_says_so_on_its_cover() -> None:
    simulation = load_framework("simulation-2025")
    results = hand_made([3, 2], framework="simulation-2025")
    model = national_workbook_model(
        results, framework=simulation, demonstration=False, published=dt.date(2025, 6, 1)
    )
    texts = [line.text for line in model.cover]
    assert any(text.startswith("Simulation:") for text in texts)
    assert "Publication date: 1 June 2025." in texts


def test_the_ods_workbook_holds_the_same_values_and_headings() -> None:
    xlsx, ods_data = values(_build()), _build("ods")
    ods = values(ods_data)
    assert list(ods) == SHEETS
    for sheet in SHEETS:
        assert [[normalised(c) for c in r] for r in ods[sheet]] == [
            [normalised(c) for c in r] for r in xlsx[sheet]
        ], sheet
    first = ods_first_cells(ods_data)
    assert all(cells[0][0] == "Heading_20_1" for cells in first.values())
