"""The same figure reads the same on every surface that shows a profile.

Worcestershire's share of secondary schools good or better is exactly 62.5% and its
NI 59 value 71.25 (one decimal place): rounded half up, they read "63%" and "71.3", never
"62%" or "71.2". The published site, the web application, the command line (table and
CSV) and the profile workbook are each checked, and the profile's tables are checked to
read the same, cell for cell, on the site, in the web application and on the terminal.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from half_way import COUNCIL
from openpyxl import load_workbook
from typer.testing import CliRunner

from csrating.cli import app as cli_app
from csrating.formatting import long_date
from csrating.letters import addressee_for, rating_letter
from csrating.pipeline import CouncilResult, RatedRound
from csrating.presentation import ProfileTables, profile_rows, profile_tables
from csrating.publish import Site, council_page, profile_workbook
from csrating.store import open_store
from csrating.web import FakeClock, WebSettings, create_app
from factories import create_round

SHARE = "63%"
"""Five of eight secondary schools good or better (62.5%), rounded half up."""
VALUE = "71.3"
"""NI 59's 71.25, to one decimal place, rounded half up."""
INSPECTED = "15 June 2009"
"""The date of the full inspection."""

NOW = dt.datetime(2009, 12, 1, 9, 0, tzinfo=dt.UTC)
EMBARGO = dt.datetime(2009, 12, 9, 0, 1, tzinfo=dt.UTC)
EMAIL, PASSWORD = "inspector@example.org", "correct horse battery"


# Reading tables back --------------------------------------------------------------------


class _Tables(HTMLParser):
    """Collect every table of a page: its caption and its rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[tuple[str, list[list[str]]]] = []
        self._text: list[str] | None = None
        self._row: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append(("", []))
        elif tag == "tr":
            self._row = []
        elif tag in ("caption", "th", "td"):
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("caption", "th", "td") and self._text is not None:
            text = " ".join("".join(self._text).split())
            self._text = None
            if tag == "caption":
                self.tables[-1] = (text, self.tables[-1][1])
            elif self._row is not None:
                self._row.append(text)
        elif tag == "tr" and self._row is not None:
            self.tables[-1][1].append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def html_tables(html: str) -> dict[str, list[list[str]]]:
    """Return a page's tables by caption: header row first, then the data rows."""
    parser = _Tables()
    parser.feed(html)
    return dict(parser.tables)


def expected_tables(result: CouncilResult) -> ProfileTables:
    return profile_tables(profile_rows(result.profile), result.council.name)


def assert_page_shows_the_tables(html: str, result: CouncilResult) -> None:
    found = html_tables(html)
    for table in expected_tables(result).all:
        assert table.caption in found, table.caption
        header, *rows = found[table.caption]
        assert header == [c.text for c in table.columns]
        assert rows == [list(row) for row in table.rows], table.caption


def row_of(rows: list[list[str]], heading: str) -> list[str]:
    return next(row for row in rows if row[0] == heading)


def secondary_and_ni059(tables: dict[str, list[list[str]]]) -> tuple[list[str], list[str]]:
    """The secondary schools row of Block A (by type) and NI 59's row of Block C."""
    block_a = next(rows for caption, rows in tables.items() if caption.endswith("type of setting"))
    block_c = next(rows for caption, rows in tables.items() if "staying safe indicators" in caption)
    ni059 = next(row for row in block_c if row[0].startswith("NI 59 "))
    return row_of(block_a, "Secondary schools"), ni059


# The published site ---------------------------------------------------------------------


def test_the_site_council_page(half_way_rated: RatedRound, half_way: CouncilResult) -> None:
    letter = rating_letter(
        half_way.profile,
        half_way.assessment,
        half_way_rated.framework,
        addressee_for(half_way.council, half_way_rated.dataset.contacts),
        demonstration=False,
    )
    site = Site(
        results=(half_way,),
        framework=half_way_rated.framework,
        letters={half_way.council.la_code: letter},
        dataset_name="Figures on halves",
        demonstration=False,
        now=EMBARGO + dt.timedelta(days=1),
        embargo=EMBARGO,
    )
    html = council_page(site, half_way)

    secondary, ni059 = secondary_and_ni059(html_tables(html))
    assert secondary[6] == SHARE
    assert ni059[2] == f"{VALUE}%"
    assert "62%" not in html and "71.2%" not in html
    assert_page_shows_the_tables(html, half_way)


# The web application --------------------------------------------------------------------


@pytest.fixture
def web_page(tmp_path: Path, half_way_folder: Path) -> Iterator[str]:
    """The web application's council page for Worcestershire, seen by an inspector."""
    hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    store = open_store(f"sqlite:///{tmp_path / 'web.db'}", password_hasher=hasher)
    try:
        load = store.load_dataset(half_way_folder, name="Figures on halves", actor="test", now=NOW)
        round_ = create_round(store, load, embargo_at=EMBARGO, actor="test", now=NOW)
        store.add_user(EMAIL, PASSWORD, "inspector", None, actor="test", now=NOW)
        application = create_app(store, clock=FakeClock(NOW), settings=WebSettings())
        with TestClient(
            application, base_url="https://testserver", follow_redirects=False
        ) as client:
            login = client.get("/login")
            token = re.search(r'name="csrf_token" value="([^"]*)"', login.text)
            assert token is not None
            signed_in = client.post(
                "/login", data={"email": EMAIL, "password": PASSWORD, "csrf_token": token[1]}
            )
            assert signed_in.status_code == 303, signed_in.text
            page = client.get(f"/rounds/{round_.id}/councils/{COUNCIL}")
            assert page.status_code == 200, page.text
            yield page.text
    finally:
        store.close()


def test_the_web_application_council_page(web_page: str, half_way: CouncilResult) -> None:
    secondary, ni059 = secondary_and_ni059(html_tables(web_page))
    assert secondary[6] == SHARE
    assert ni059[2] == f"{VALUE}%"
    assert "62%" not in web_page and "71.2%" not in web_page
    assert f"As at {long_date(half_way.profile.as_at)}." in web_page
    assert_page_shows_the_tables(web_page, half_way)


# The command line -----------------------------------------------------------------------


def _terminal_rows(output: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in line.strip().strip("│").split("│")]
        for line in output.splitlines()
        if line.startswith("│")
    ]


def test_the_command_line_table(half_way_folder: Path, half_way: CouncilResult) -> None:
    done = CliRunner().invoke(cli_app, ["profile", str(half_way_folder), "--la", COUNCIL])
    assert done.exit_code == 0, done.output

    printed = _terminal_rows(done.output)
    secondary = row_of(printed, "Secondary schools")
    assert secondary[6] == SHARE
    ni059 = next(row for row in printed if row[0].startswith("NI 59 "))
    assert ni059[2] == f"{VALUE}%"
    for table in expected_tables(half_way).all:
        assert table.caption in done.output
        for row in table.rows:
            assert list(row) in printed, row
    assert INSPECTED in done.output


def test_the_command_line_csv(half_way_folder: Path) -> None:
    done = CliRunner().invoke(
        cli_app, ["profile", str(half_way_folder), "--la", COUNCIL, "--format", "csv"]
    )
    assert done.exit_code == 0, done.output

    rows = {
        (row["block"], row["line"], row["measure"]): row
        for row in csv.DictReader(io.StringIO(done.output))
    }
    share = rows[("A", "secondary_school", "good_or_better_pct")]
    assert share["value"] == SHARE.removesuffix("%")
    assert share["vs_similar_areas"] == "worse"
    assert rows[("C", "NI059", "value")]["value"] == VALUE


# The workbook ---------------------------------------------------------------------------


def excel_reading(value: Any, number_format: str) -> str:
    """What a spreadsheet shows for a number or date cell, for the formats csrating uses."""
    if number_format == "d mmmm yyyy":
        return long_date(value)
    match = re.fullmatch(r"#,##0(?:\.(0+))?", number_format)
    assert match, number_format
    places = len(match.group(1) or "")
    return f"{value:,.{places}f}"


def _sheet_rows(book: Any, sheet: str) -> list[dict[str, Any]]:
    cells = list(book[sheet].iter_rows(min_row=3))
    header = [cell.value for cell in cells[0]]
    return [dict(zip(header, row, strict=True)) for row in cells[1:]]


def test_the_workbook(half_way_rated: RatedRound, half_way: CouncilResult) -> None:
    data = profile_workbook(
        half_way, neighbours={}, demonstration=False, framework=half_way_rated.framework
    )
    book = load_workbook(io.BytesIO(data))

    secondary = next(
        r for r in _sheet_rows(book, "Block A") if r["Line id"].value == "secondary_school"
    )
    share = secondary["Good or better %"]
    assert share.data_type == "n" and share.value == 63
    assert excel_reading(share.value, share.number_format) + "%" == SHARE
    assert secondary["Good or better compared with similar areas [note 2]"].value == "worse"

    ni059 = next(r for r in _sheet_rows(book, "Block C") if r["Indicator"].value == "NI059")
    value = ni059["Value"]
    assert value.data_type == "n" and value.value == 71.3
    assert excel_reading(value.value, value.number_format) == VALUE

    judged = next(
        r
        for r in _sheet_rows(book, "Block B")
        if r["Judgement"].value == "overall effectiveness of safeguarding"
    )
    date = judged["Date"]
    assert excel_reading(date.value, date.number_format) == INSPECTED
