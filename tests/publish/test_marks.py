"""Every file of a publication carries its marks: the embargo in a preview (D12), the
demonstration notice on synthetic data and the simulation notice on a simulation.

A preview's files are read one by one, whatever their kind (pages, the A to Z,
methodology and accessibility pages included, letters in every format, open data with
its ``datapackage.json``, profile and national workbooks in XLSX and ODS, maps, the
README, the stylesheet, script and icon); so are a demonstration round's and a
present-day simulation's. A workbook's cover opens with the marks, under "Notices".
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path

import docx
import openpyxl
import pytest
from publish_results import published_2011
from pypdf import PdfReader
from sheet_reading import sheet_values, values
from test_site import EMBARGO, PREVIEW_BANNER, build_demo_site, rated_demo

from csrating.pipeline import DEMONSTRATION_NOTICE, RatedRound, simulation_notice
from csrating.publish import (
    NO_MARKS,
    Marks,
    data_package,
    national_workbook,
    open_data_readme,
    press_release,
    profile_workbook,
    publish_round,
    rating_map,
    ratings_json,
    summarise,
)
from factories import frozen_round

EMBARGOED_2009 = "Embargoed until 00:01 on 9 December 2009"
EMBARGOED_2011 = "Embargoed until 00:01 on 9 November 2011"
PAGES = ("index.html", "councils/index.html", "methodology.html", "accessibility.html")
"""Pages every site has, beside each council's (the A to Z and the two new pages too)."""
ASSETS = (".csrating-site", "csrating.css", "favicon.svg", "council-filter.js", "compare.js")
"""Files that carry only the embargo (a comment), not the notices."""


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory, small_demo: Path) -> Path:
    """The small demo published as a preview (shared with test_site's build)."""
    return build_demo_site(tmp_path_factory.getbasetemp(), rated_demo(small_demo))


def file_text(path: Path) -> str:
    """Return what a reader of ``path`` sees, whatever its kind."""
    suffix = path.suffix
    if suffix in (".xlsx", ".ods"):
        sheets = values(path.read_bytes())
        return "\n".join(str(cell) for rows in sheets.values() for row in rows for cell in row)
    if suffix == ".docx":
        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    if suffix == ".pdf":
        text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
        return " ".join(text.split())
    text = path.read_text("utf-8")
    return unescape(text) if suffix in (".html", ".svg") else text


def drawn_notices(svg: str) -> str:
    """Return the notice lines a map draws under its title, joined as one text."""
    root = ET.fromstring(svg)
    group = root.find("{http://www.w3.org/2000/svg}g[@class='notices']")
    return " ".join(t.text or "" for t in group) if group is not None else ""


def every_file(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def cover_lines(path: Path) -> list[str]:
    """The first column of a workbook's cover, XLSX or ODS, title first (as calamine, a
    reader independent of both our writers and openpyxl, reads it)."""
    return [str(row[0]) if row else "" for row in sheet_values(path.read_bytes(), "Cover")]


def assert_cover_opens_with(path: Path, lines: tuple[str, ...] | list[str]) -> None:
    """The cover's title, then "Notices", then the marks, before anything else."""
    cover = cover_lines(path)
    assert cover[1:2] == ["Notices"], (path, cover[:4])
    assert cover[2 : 2 + len(lines)] == list(lines), (path, cover[:4])


def assert_every_file_is_embargoed(root: Path, banner: str, until: str) -> None:
    """Each file says it is embargoed: text files in words, CSV rows in a column, the
    JSON in a top-level field."""
    files = every_file(root)
    assert {p.suffix for p in files} >= {
        ".html",
        ".md",
        ".csv",
        ".json",
        ".txt",
        ".svg",
        ".xlsx",
        ".ods",
        ".js",
    }
    names = {p.relative_to(root).as_posix() for p in files}
    assert names >= {*PAGES, "downloads/ratings.xlsx", "downloads/ratings.ods"}
    assert "downloads/datapackage.json" in names
    for path in files:
        if path.suffix == ".csv":
            rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
            assert rows and {row["publication"] for row in rows} == {f"embargoed until {until}"}
            continue
        if path.suffix == ".json":
            embargo = json.loads(path.read_text("utf-8"))["embargo"]
            assert embargo == {"embargoed": True, "until": until, "notice": embargo["notice"]}
            assert embargo["notice"].startswith(banner)
            continue
        if path.suffix in (".xlsx", ".ods"):  # first, on the cover
            assert cover_lines(path)[2].startswith(banner), path.relative_to(root)
            continue
        assert banner in file_text(path), path.relative_to(root)


def test_every_file_of_a_preview_says_it_is_embargoed(site_dir: Path) -> None:
    assert_every_file_is_embargoed(site_dir, EMBARGOED_2009, "2009-12-09T00:01+00:00")
    readme = (site_dir / "downloads" / "README.txt").read_text("utf-8")
    assert readme.splitlines()[0] == PREVIEW_BANNER
    for name in ("rating-map.svg", "secondary-schools-map.svg"):
        drawn = drawn_notices((site_dir / "downloads" / name).read_text("utf-8"))
        assert drawn.startswith(PREVIEW_BANNER)  # drawn, not only described
    for name in PAGES:  # the banner, and the maps inlined in the home page draw it too
        page = unescape((site_dir / name).read_text("utf-8"))
        assert f"<strong>{PREVIEW_BANNER}</strong>" in page, name
    index = (site_dir / "index.html").read_text("utf-8")
    assert index.count('<g class="notices">') == 2  # both linked maps
    package = json.loads((site_dir / "downloads" / "datapackage.json").read_text("utf-8"))
    assert package["description"].startswith(PREVIEW_BANNER)
    for fmt in ("xlsx", "ods"):
        national = site_dir / "downloads" / f"ratings.{fmt}"
        assert_cover_opens_with(national, [PREVIEW_BANNER, DEMONSTRATION_NOTICE])
        profile = site_dir / "downloads" / "workbooks" / f"885.{fmt}"
        assert_cover_opens_with(profile, [PREVIEW_BANNER, DEMONSTRATION_NOTICE])
    notes = values((site_dir / "downloads" / "ratings.ods").read_bytes())["Notes"]
    assert [row[1] for row in notes[-2:]] == [PREVIEW_BANNER, DEMONSTRATION_NOTICE]


def test_every_file_of_a_preview_in_every_format_says_it_is_embargoed(
    tmp_path: Path,
) -> None:
    rated = frozen_round("rating-2011")
    # Every kind of file, from a few councils: each letter format is one writer, and
    # reading 152 PDFs back would tell no more than reading a few.
    few = dataclasses.replace(rated, results=rated.results[:6])
    out = tmp_path / "preview"
    publish_round(
        few,
        out,
        embargo=None,  # the round's publication date: 00:01 on 9 November 2011
        preview=True,
        now=dt.datetime(2011, 11, 1, tzinfo=dt.UTC),
        formats=("md", "docx", "pdf"),
        workers=1,
    )
    assert {p.suffix for p in every_file(out)} >= {".docx", ".pdf", ".xlsx", ".css"}
    assert_every_file_is_embargoed(out, EMBARGOED_2011, "2011-11-09T00:01+00:00")


def test_a_published_site_is_marked_published_not_embargoed(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    out = published_2011(tmp_path_factory.getbasetemp())
    rows = list(csv.DictReader(io.StringIO((out / "downloads/ratings.csv").read_text("utf-8"))))
    assert {row["publication"] for row in rows} == {"published"}
    document = json.loads((out / "downloads/ratings.json").read_text("utf-8"))
    assert document["embargo"] == {"embargoed": False, "until": None, "notice": None}
    for path in every_file(out):
        if path.suffix in (".html", ".svg", ".txt", ".css"):
            assert "preview, not for publication" not in file_text(path), path
    # the press release still gives the embargo its round's publication date sets
    release = (out / "press-release.md").read_text("utf-8")
    assert "embargoed until 00:01 on 9 November 2011" in release
    assert "not under embargo" not in release


# --- notices: demonstration data and simulation ----------------------------------------


@pytest.fixture(scope="module")
def simulation() -> RatedRound:
    return frozen_round("simulation-2025")


@pytest.fixture(scope="module")
def simulation_site(simulation: RatedRound, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The present-day simulation on real data, published with Markdown letters."""
    out = tmp_path_factory.mktemp("simulation") / "site"
    now = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
    publish_round(simulation, out, embargo=None, preview=False, now=now, formats=("md",), workers=1)
    return out


def assert_every_file_carries(root: Path, notice: str) -> None:
    files = every_file(root)
    names = {p.relative_to(root).as_posix() for p in files}
    assert names >= {*PAGES, "downloads/ratings.ods", "downloads/datapackage.json"}
    for path in files:
        if path.suffix == ".csv" or path.name in ASSETS:
            continue  # data only; the notices are in the README and the JSON beside them
        if path.suffix in (".xlsx", ".ods"):  # on the cover, where the reader starts
            cover = cover_lines(path)  # (a preview's embargo line comes first)
            assert cover[1] == "Notices" and notice in cover[2:4], path
            continue
        if path.suffix == ".svg":
            assert notice in drawn_notices(path.read_text("utf-8")), path
            continue
        text = file_text(path)
        if path.suffix == ".json":  # ratings.json and datapackage.json
            assert json.loads(text)["notices"] == [notice], path
            if path.name == "datapackage.json":
                assert notice in json.loads(text)["description"], path
            continue
        assert notice in " ".join(text.split()), path.relative_to(root)


def test_every_file_of_the_simulation_says_it_is_a_simulation(
    simulation: RatedRound, simulation_site: Path
) -> None:
    notice = simulation_notice(simulation.framework)
    assert simulation.notices == (notice,) and not simulation.demonstration
    assert_every_file_carries(simulation_site, notice)
    page = unescape((simulation_site / "index.html").read_text("utf-8"))
    assert '<strong class="govuk-tag govuk-phase-banner__tag">Simulation</strong>' in page
    assert DEMONSTRATION_NOTICE not in page


def test_every_file_of_the_demo_says_it_is_demonstration_data(site_dir: Path) -> None:
    assert_every_file_carries(site_dir, DEMONSTRATION_NOTICE)


def test_the_simulation_press_release_says_so_first_and_in_the_notes(
    simulation: RatedRound,
) -> None:
    notice = simulation_notice(simulation.framework)
    release = press_release(
        summarise(simulation.results),
        simulation.results,
        embargo=None,
        demonstration=False,
        notices=simulation.notices,
    )
    assert release.split("\n\n")[1] == f"**{notice}**"
    assert "### Simulation" in release.split("## Notes for editors", 1)[1]


def test_single_files_carry_the_marks_they_are_given(simulation: RatedRound) -> None:
    marks = Marks(simulation.notices, dt.datetime(2025, 6, 1, 8, 30, tzinfo=dt.UTC))
    results = simulation.results
    assert marks.lines[0] == "Embargoed until 09:30 on 1 June 2025 — preview, not for publication"
    assert marks.publication == "embargoed until 2025-06-01T09:30+01:00"  # UK summer time
    readme = open_data_readme(results, demonstration=False, marks=marks)
    assert readme.startswith(f"{marks.lines[0]}\n\n{marks.lines[1]}\n")
    assert json.loads(ratings_json(results, demonstration=False, marks=marks))["notices"] == [
        marks.lines[1]
    ]
    drawn = drawn_notices(rating_map(results, notices=marks.lines))
    assert drawn == " ".join(marks.lines)
    result = simulation.result("202")
    book = openpyxl.load_workbook(
        io.BytesIO(profile_workbook(result, neighbours={}, demonstration=False, marks=marks))
    )
    cover = [row[0] for row in book["Cover"].iter_rows(values_only=True)]
    assert cover[1:4] == ["Notices", *marks.lines]
    for fmt in ("xlsx", "ods"):
        data = national_workbook(
            results, framework=simulation.framework, demonstration=False, fmt=fmt, marks=marks
        )
        book_values = values(data)
        assert [row[0] for row in book_values["Cover"][1:4]] == ["Notices", *marks.lines], fmt
        notes = [row[1] for row in book_values["Notes"][-2:]]
        assert notes == list(marks.lines), fmt
        profile = profile_workbook(result, neighbours={}, demonstration=False, marks=marks, fmt=fmt)
        assert [row[0] for row in values(profile)["Cover"][1:4]] == ["Notices", *marks.lines]
    files = dict.fromkeys(("ratings.csv", "profiles.csv", "ratings.json", "README.txt"), "x")
    package = data_package(
        files, results, demonstration=False, generated_from="frozen", marks=marks
    )
    assert str(package["description"]).startswith(" ".join(marks.lines))
    assert package["embargo"] == marks.embargo_json() and package["notices"] == [marks.lines[1]]


def test_a_workbook_of_a_simulation_says_so_without_being_told(simulation: RatedRound) -> None:
    result = simulation.result("202")
    data = profile_workbook(result, neighbours={}, demonstration=False)
    cover = [
        row[0]
        for row in openpyxl.load_workbook(io.BytesIO(data))["Cover"].iter_rows(values_only=True)
    ]
    assert cover[1:3] == ["Notices", simulation_notice(simulation.framework)]
    assert NO_MARKS.lines == ()


def test_the_embargo_is_marked_only_before_it(simulation: RatedRound) -> None:
    framework = simulation.framework
    before = dt.datetime(2009, 12, 1, tzinfo=dt.UTC)
    after = dt.datetime(2009, 12, 10, tzinfo=dt.UTC)
    assert Marks.of(framework, demonstration=False, embargo=EMBARGO, now=before).embargoed
    assert not Marks.of(framework, demonstration=False, embargo=EMBARGO, now=after).embargoed
