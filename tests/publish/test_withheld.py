"""A withheld rating shows no grade, in any form, on any published surface.

The frozen 2009 fixture rated under ``rating-2011`` withholds Kent's rating pending an
inspection under way at the decision (rule R11-W), though its profile gives it a
provisional "performs well". Every surface of the publication is read for Kent: the
council page, the index (table, lists, both linked maps and their tables), the A to Z,
the maps, the open data and its ``datapackage.json``, the profile and national workbooks
(XLSX and ODS), the press release, and ``csrating rate``. None may show a grade, a band,
a limiter or the provisional grade; each says the rating is not published.

A rating withheld by inspectors after a limiter fired (Worcestershire, limited from
"performs well" by an unannounced inspection, then withheld by moderation) checks that
the national workbook's Limiters sheet and the methodology page's counts and examples
show nothing that formed or limited its grade either.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from frictionless import validate
from publish_results import AFTER_2011, FRAMEWORK, national_results, published_2011
from sheet_reading import values
from typer.testing import CliRunner

from csrating.cli import app
from csrating.frameworks import assess, public_view
from csrating.letters import round_letters
from csrating.moderation import Moderation
from csrating.pipeline import CouncilResult, RatedRound
from csrating.publish import (
    RATINGS_COLUMNS,
    Site,
    council_page,
    index_page,
    map_labels,
    national_workbook,
    publish_round,
    ratings_csv,
    ratings_json,
)
from csrating.publish.methodology import build_methodology
from csrating.publish.national_workbook import LIMITERS_HEADERS
from csrating.scales import CouncilRating
from factories import FROZEN, frozen_round

KENT = "886"
"""Withheld under rating-2011 pending an inspection; its profile gives 3 performs well."""

GRADE_WORDS = re.compile(
    r"perform(s|ing)?\s+(excellently|well|adequately|poorly)|provisional|before limit",
    re.IGNORECASE,
)
"""Any rating in words, or the provisional grade by name."""

GRADE_FIGURES = re.compile(r"\bgrade\s*[1-4]\b|\bband\s*[1-4]\b|\([1-4]\)", re.IGNORECASE)
"""A grade or band given as a figure: "grade 3", "band 3", "(3)"."""


def assert_no_grade(text: str, where: str) -> None:
    """Fail if ``text`` gives a rating in words or figures, or names the provisional grade."""
    found = GRADE_WORDS.search(text) or GRADE_FIGURES.search(text)
    assert found is None, f"{where}: {found.group(0)!r} in {text[:400]!r}"


@pytest.fixture(scope="module")
def rated() -> RatedRound:
    return frozen_round("rating-2011")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2011 round published (after its embargo) with Markdown letters, shared with
    the marking tests."""
    return published_2011(tmp_path_factory.getbasetemp())


def test_the_fixture_withholds_kent_though_its_profile_gives_a_grade(rated: RatedRound) -> None:
    assessment = rated.result(KENT).assessment
    assert assessment.rating is None and assessment.withheld
    assert assessment.provisional is CouncilRating.PERFORMS_WELL
    assert assessment.bands and "R11-W" in {r.code for r in assessment.trace}


def test_the_public_view_of_a_withheld_rating_has_nothing_of_a_grade(rated: RatedRound) -> None:
    view = public_view(rated.result(KENT).assessment)
    data = view.to_dict()

    assert (view.status, view.grade, view.label) == ("withheld", None, "withheld")
    assert view.limiters == () and dict(view.bands) == {} and view.cautions == ()
    assert [step.code for step in view.steps] == ["R11-W"]
    assert "provisional" not in data
    assert_no_grade(json.dumps(data), "public view")
    assert view.withheld_reason and "under way" in view.withheld_reason


def _section(page: str, heading_id: str) -> str:
    start = page.index(f'aria-labelledby="{heading_id}"')
    return page[start : page.index("</section>", start)]


def test_the_council_page_shows_no_grade(site: Path) -> None:
    page = unescape((site / "councils" / f"{KENT}.html").read_text("utf-8"))
    rating = _section(page, "rating-heading")
    how = _section(page, "how-heading")

    # the tag says what the home page's group, tables and map say: "Not published"
    tag = re.search(r'<strong class="govuk-tag csr-grade csr-grade--withheld">([^<]*)<', rating)
    assert tag is not None and tag.group(1) == "Not published"
    assert "not published" in rating and "Withheld" not in rating
    for part, name in ((rating, "rating section"), (how, "how the rating was reached")):
        assert_no_grade(re.sub(r"<[^>]+>", " ", part), name)
    assert "Block bands" not in rating and "Limits applied" not in rating
    neighbours = _section(page, "neighbours-heading")
    own_row = neighbours.split("(this council)", 1)[1].split("</tr>", 1)[0]
    assert "Not published" in own_row and "csr-grade--withheld" in own_row


def test_the_index_lists_and_maps_kent_as_not_published(site: Path) -> None:
    page = unescape((site / "index.html").read_text("utf-8"))
    councils = _section(page, "councils-heading")
    groups = re.split(r'<h3 class="govuk-heading-m">', councils)[1:]
    holding = [g for g in groups if f"councils/{KENT}.html" in g]
    assert len(holding) == 1 and "Not published" in holding[0].split("</h3>")[0]
    # withheld for many reasons (here too little evidence), not only pending inspection
    assert "each council's page says why" in holding[0] and "pending" not in holding[0]

    # both maps are linked: Kent's hexagon goes to its page, and says only not published
    hexagon = page.split(f'id="hex-ratings-{KENT}"', 1)[1].split("</g>", 1)[0]
    assert f'<a href="councils/{KENT}.html">' in hexagon
    assert "Kent (886): Not published</title>" in hexagon
    assert f">{map_labels()[KENT]}</text>" in hexagon and ">W</text>" in hexagon
    assert_no_grade(hexagon, "hexagon")
    measure = page.split(f'id="hex-measure-{KENT}"', 1)[1].split("</g>", 1)[0]
    assert f'<a href="councils/{KENT}.html">' in measure
    assert_no_grade(measure, "measure hexagon")
    link = f'<a class="govuk-link" href="councils/{KENT}.html">Kent</a></th>'
    row = page.split(f'<th scope="row" class="govuk-table__header">{link}', 1)[1]
    assert row.split("</tr>", 1)[0].count(">Not published<") == 1
    table = _section(page, "ratings-heading")
    assert ">Not published<" in table
    assert "Percentages are rounded and may not add up to 100." in table


def test_the_rating_map_draws_kent_without_a_grade(site: Path) -> None:
    root = ET.parse(site / "downloads" / "rating-map.svg").getroot()
    ns = {"svg": "http://www.w3.org/2000/svg"}
    group = root.find(f".//svg:g[@data-la-code='{KENT}']", ns)
    assert group is not None
    texts = [t.text for t in group.findall("svg:text", ns)]
    assert texts == [map_labels()[KENT], "W"]  # its short name, and W for no grade
    title = group.find("svg:title", ns)
    assert title is not None and title.text == "Kent (886): Not published"
    legend = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "Not published: withheld" in legend


def test_the_open_data_has_a_status_and_no_provisional_grade(site: Path) -> None:
    downloads = site / "downloads"
    rows = list(csv.DictReader(io.StringIO((downloads / "ratings.csv").read_text("utf-8"))))
    assert "provisional" not in RATINGS_COLUMNS
    kent = next(row for row in rows if row["la_code"] == KENT)
    assert kent["status"] == "withheld" and kent["withheld"] == "true"
    assert kent["grade"] == "" and kent["label"] == "withheld" and kent["limiters"] == ""
    assert_no_grade(",".join(kent.values()), "ratings.csv")

    document = json.loads((downloads / "ratings.json").read_text("utf-8"))
    (entry,) = [r for r in document["ratings"] if r["la_code"] == KENT]
    assert entry["status"] == "withheld" and entry["grade"] is None and entry["limiters"] == ""
    assert "provisional" not in entry
    assert_no_grade(json.dumps(entry), "ratings.json")

    profiles = (downloads / "profiles.csv").read_text("utf-8").splitlines()
    kent_rows = [line for line in profiles if line.startswith(f"{KENT},")]
    assert kent_rows, "Kent's profile is still published"
    assert not any(GRADE_WORDS.search(line) for line in kent_rows)
    readme = (downloads / "README.txt").read_text("utf-8")
    assert "provisional" not in readme and "status" in readme


def test_the_a_to_z_says_kent_is_not_published(site: Path) -> None:
    page = unescape((site / "councils" / "index.html").read_text("utf-8"))
    entry = page.split(f'href="{KENT}.html">Kent</a>', 1)[1].split("</li>", 1)[0]
    assert entry.strip() == '<span class="csr-note">(not published)</span>'


def test_the_data_package_describes_status_and_publication_and_validates(site: Path) -> None:
    package_path = site / "downloads" / "datapackage.json"
    report = validate(package_path)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads(package_path.read_text("utf-8"))
    ratings = next(r for r in package["resources"] if r["name"] == "ratings")
    fields = {f["name"]: f for f in ratings["schema"]["fields"]}
    assert "provisional" not in fields
    assert fields["status"]["constraints"]["enum"] == ["rated", "withheld"]
    assert fields["publication"]["constraints"]["required"] is True
    assert package["embargo"] == {"embargoed": False, "until": None, "notice": None}
    assert package["notices"] == list(frozen_round("rating-2011").notices)
    readme = (site / "downloads" / "README.txt").read_text("utf-8")
    for name in fields:  # the README's column notes come from the same definitions
        assert re.search(rf"^{name}\s", readme, re.MULTILINE), name


def test_the_national_workbook_shows_nothing_of_kent_s_grade(site: Path) -> None:
    for fmt in ("xlsx", "ods"):
        book = values((site / "downloads" / f"ratings.{fmt}").read_bytes())
        (kent,) = [row for row in book["Ratings"] if row and row[0] == KENT]
        assert kent[5:] == ["Not published", "[z]", "none"], fmt
        assert not any(row and row[0] == KENT for row in book["Limiters"]), fmt
        assert any(tuple(row) == LIMITERS_HEADERS for row in book["Limiters"]), fmt
        text = " ".join(str(cell) for sheet in book.values() for row in sheet for cell in row)
        assert "provisional" not in text.lower() and "before the rule" not in text
        assert "Not published" in text


def _withheld_by_inspectors(code: str = "885") -> tuple[CouncilResult, ...]:
    """The national results with ``code``'s rating (limited by R09-L2 from performs well)
    withheld by moderation."""
    moderation = Moderation(
        moderator="moderator@example.org",
        date=dt.date(2009, 11, 30),
        from_grade=None,
        to_grade=None,
        reason="An inspection is due: the director asked us in confidence",
        withhold=True,
    )
    out = []
    for result in national_results():
        if result.council.la_code == code:
            held = assess(result.profile, FRAMEWORK, moderation=moderation)
            result = dataclasses.replace(result, assessment=held)
        out.append(result)
    return tuple(out)


def test_a_limited_council_withheld_by_inspectors_has_no_limiter_in_the_workbook() -> None:
    results = _withheld_by_inspectors()
    held = next(r for r in results if r.council.la_code == "885").assessment
    assert held.rating is None and "R09-L2" in held.limiters  # the rules limited it
    for fmt in ("xlsx", "ods"):
        book = values(national_workbook(results, framework=FRAMEWORK, demonstration=True, fmt=fmt))
        (row,) = [r for r in book["Ratings"] if r and r[0] == "885"]
        assert row[5:] == ["Not published", "[z]", "none"]
        assert not any(r and r[0] == "885" for r in book["Limiters"]), fmt
        text = " ".join(str(cell) for sheet in book.values() for row in sheet for cell in row)
        assert "in confidence" not in text and "moderator@" not in text


def test_the_methodology_counts_and_quotes_only_what_council_pages_show() -> None:
    before = {r.code: r for r in build_methodology(FRAMEWORK, results=national_results()).rules}
    after = {
        r.code: r for r in build_methodology(FRAMEWORK, results=_withheld_by_inspectors()).rules
    }
    assert after["R09-L2"].applied == before["R09-L2"].applied - 1  # Worcestershire's left out
    assert after["R09-L2"].lowered == before["R09-L2"].lowered - 1
    for rule in after.values():
        if rule.example is not None:
            assert rule.example[0] != "Worcestershire", rule.code
            assert "provisional" not in rule.example[1].lower()
    assert after["R09-P"].example is None  # the grade before limiters is never quoted


def test_the_site_s_methodology_quotes_kent_only_for_what_withheld_it(site: Path) -> None:
    page = unescape((site / "methodology.html").read_text("utf-8"))
    quoted = re.findall(r"How a council's page puts it, for Kent: “([^”]*)”", page)
    assert page.count("Kent") == len(quoted) == 1
    assert quoted[0].endswith("(rule R11-W).")
    assert_no_grade(quoted[0], "methodology example")


def test_the_open_data_of_a_rated_council_has_no_provisional_grade_either(
    rated: RatedRound,
) -> None:
    text = ratings_csv(rated.results) + ratings_json(rated.results, demonstration=True)
    assert "provisional" not in text


def _cover(path: Path) -> list[str]:
    book = openpyxl.load_workbook(path)
    return [str(row[0]) for row in book["Cover"].iter_rows(values_only=True) if row[0]]


def test_the_workbook_cover_shows_no_grade(site: Path) -> None:
    cover = _cover(site / "downloads" / "workbooks" / f"{KENT}.xlsx")

    assert "Rating: withheld pending inspection (not published)." in cover
    assert_no_grade(" ".join(cover), "workbook cover")
    assert not any(line.startswith("Limiting rules") for line in cover)


def test_the_press_release_has_a_not_published_row(site: Path) -> None:
    release = (site / "press-release.md").read_text("utf-8")

    table = release.split("**Table 1", 1)[1].split("\n\n", 2)[1]
    not_published = [line for line in table.splitlines() if line.startswith("| Not published")]
    assert not_published == [f"| Not published | {_withheld_count(site)} | not applicable |"]
    named = release.split("### Councils whose rating is withheld", 1)[1].split("###", 1)[0]
    assert f"- Kent ({KENT})" in named
    for heading in ("### Councils performing excellently", "### Councils performing poorly"):
        listed = release.split(heading, 1)[1].split("###", 1)[0]
        assert "Kent" not in listed


def _withheld_count(site: Path) -> int:
    rows = csv.DictReader(io.StringIO((site / "downloads" / "ratings.csv").read_text("utf-8")))
    return sum(1 for row in rows if row["status"] == "withheld")


def test_pages_built_in_memory_agree(rated: RatedRound) -> None:
    letters = round_letters(rated)
    site = Site(
        results=rated.results,
        framework=rated.framework,
        letters=letters,
        dataset_name="frozen",
        demonstration=True,
        now=AFTER_2011,
    )
    page = unescape(council_page(site, rated.result(KENT)))
    assert "Grade from the profile" not in page
    assert_no_grade(re.sub(r"<[^>]+>", " ", _section(page, "rating-heading")), "council page")
    assert "Not published" in index_page(site)


# --- csrating rate -----------------------------------------------------------------------


def _rate(*options: str) -> Any:
    result = CliRunner().invoke(
        app, ["rate", str(FROZEN), "--framework", "rating-2011", "--la", KENT, *options]
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_rate_shows_withheld_and_no_grade_in_the_table_and_csv() -> None:
    table = _rate()
    row = next(line for line in table.splitlines() if KENT in line)
    assert "withheld" in row
    assert not re.search(r"\b[1-4]\b", row.replace(KENT, "")), row
    assert "R11-W" not in row

    (record,) = list(csv.DictReader(io.StringIO(_rate("--format", "csv"))))
    assert record["rating"] == "withheld"
    for column in ("grade", "provisional", "limiters", "band_a", "band_b", "band_c"):
        assert record[column] == "", (column, record[column])


def test_rate_json_keeps_the_provisional_grade_only_in_the_trace() -> None:
    (row,) = json.loads(_rate("--format", "json"))

    assert row["grade"] is None and row["label"] == "withheld" and row["withheld"] is True
    assert row["provisional"] is None and row["bands"]  # the inspectorate's data stay
    steps = {step["code"]: step for step in row["trace"]}
    assert steps["R09-P"]["grade_after"] == CouncilRating.PERFORMS_WELL.value


# --- a rating withheld by inspectors: the letter gives no reason and no staff ------------

NEUTRAL = "Inspectors reviewed the evidence and decided to withhold the rating for now."


def test_a_letter_withheld_by_inspectors_is_neutral_on_the_site(tmp_path: Path) -> None:
    rated = frozen_round("rating-2009")  # Leicestershire (855) withheld by moderation.csv
    moderation = rated.result("855").assessment.moderation
    assert moderation is not None and moderation.withhold
    secrets = (moderation.reason, moderation.moderator)
    out = tmp_path / "site"
    after = dt.datetime(2009, 12, 10, tzinfo=dt.UTC)
    # Leicestershire and two others: every kind of file, without 152 letters in Word
    few = tuple(r for r in rated.results if r.council.la_code in {"201", "202", "855"})
    publish_round(
        dataclasses.replace(rated, results=few),
        out,
        embargo=None,
        preview=False,
        now=after,
        formats=("md", "docx"),
    )
    page = unescape((out / "councils" / "855.html").read_text("utf-8"))
    letter = re.sub(r"<[^>]+>", " ", _section(page, "letter-heading"))
    texts = {
        "page": letter,
        "md": (out / "downloads" / "letters" / "855.md").read_text("utf-8"),
        "docx": "\n".join(
            p.text
            for p in docx.Document(str(out / "downloads" / "letters" / "855.docx")).paragraphs
        ),
    }
    for where, text in texts.items():
        text = " ".join(text.split())
        assert NEUTRAL in text, where
        for secret in secrets:
            assert secret not in text, (where, secret)
        assert "pending" not in text, where  # never "pending <the moderator's reason>"
        assert_no_grade(text, f"855 letter ({where})")
