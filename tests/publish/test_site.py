"""The static publication site: pages, links, banners, the embargo and the downloads."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import os
import re
import stat
from collections.abc import Iterator, Mapping
from functools import cache
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.etree
import pytest
from frictionless import validate
from publish_results import RatedWithLetters, built_once, hand_made, rate_folder
from sheet_reading import values
from typer.testing import CliRunner

from csrating.cli import app
from csrating.errors import EmbargoError, UsageError
from csrating.frameworks import load_framework
from csrating.letters import Letter
from csrating.pipeline import DEMONSTRATION_NOTICE
from csrating.presentation.comparison import national_comparison
from csrating.publish import (
    COMPARE,
    Site,
    council_page,
    index_page,
    publish_guard,
    publish_round,
    summarise,
    write_site,
)
from csrating.reference import all_councils

EMBARGO = dt.datetime(2009, 12, 9, 0, 1)
BEFORE = dt.datetime(2009, 12, 1, 9, 30)
AFTER = dt.datetime(2009, 12, 10, 9, 30)
PREVIEW_BANNER = "Embargoed until 00:01 on 9 December 2009 — preview, not for publication"


@pytest.fixture(scope="session")
def rated(small_demo: Path) -> RatedWithLetters:
    """The small demo dataset, rated under rating-2009 with every letter written."""
    return rated_demo(small_demo)


def rated_demo(dataset: Path) -> RatedWithLetters:
    """Rate a demo dataset (a plain function, so other test modules can share it)."""
    return rate_folder(dataset)


def build_demo_site(base: Path, rated: RatedWithLetters) -> Path:
    """Build the preview site of the small demo once per run and return its folder.

    The site goes to a fixed folder under the run's temporary directory ``base``, so every
    test module that needs it (this one, the marks and the browser tests) shares one build.
    """

    def build(out: Path) -> None:
        site = Site(
            results=rated.results,
            framework=rated.framework,
            letters=rated.letters,
            dataset_name=rated.dataset_name,
            demonstration=rated.demonstration,
            now=BEFORE,
            embargo=EMBARGO,
            preview=True,
            letter_formats=("md",),
            manifest=rated.rated.manifest,
            comparison=national_comparison(rated.rated),
        )
        write_site(site, out)

    return built_once(base, "published-site", build)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory, rated: RatedWithLetters) -> Path:
    """The small demo published as a preview before its embargo (letters in Markdown)."""
    return build_demo_site(tmp_path_factory.getbasetemp(), rated)


def html_pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
HTML = lxml.etree.HTMLParser()


class _Page:
    """Collect what the checks need from one page."""

    def __init__(self) -> None:
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.headings: list[int] = []
        self.lang: str | None = None
        self.tables = 0
        self.captions = 0
        self.unscoped_th = 0
        self.inputs: list[str] = []
        self.labels: set[str] = set()

    @property
    def unlabelled_inputs(self) -> int:
        """Form fields with no ``<label for>`` naming their id."""
        return sum(1 for i in self.inputs if i not in self.labels)

    def start(self, tag: str, values: Mapping[str, str]) -> None:
        """Note one element, in document order."""
        if tag == "html":
            self.lang = values.get("lang")
        if values.get("id"):
            self.ids.add(values["id"])
        for name in ("href", "src"):
            if values.get(name) is not None:
                self.links.append(values[name])
        if tag in HEADINGS:
            self.headings.append(int(tag[1]))
        if tag == "th" and values.get("scope") not in ("col", "row"):
            self.unscoped_th += 1
        if tag == "table":
            self.tables += 1
        if tag == "caption":
            self.captions += 1
        if tag in ("input", "select", "textarea") and values.get("type") != "hidden":
            self.inputs.append(str(values.get("id")))
        if tag == "label" and values.get("for"):
            self.labels.add(values["for"])


@cache
def parse(path: Path) -> _Page:
    """Parse a page once (the site is built once per session), with lxml's HTML parser
    (libxml2: the council pages, with their charts, are over half a megabyte each)."""
    page = _Page()
    for element in lxml.etree.fromstring(path.read_bytes(), HTML).iter(tag=lxml.etree.Element):
        page.start(element.tag, element.attrib)
    return page


@cache
def _is_file(path: Path) -> bool:
    return path.is_file()


@cache
def _resolved(folder: Path, path: str) -> Path:
    """The file a relative link from ``folder`` names (a council page links to each of its
    neighbours from every table, so the same link comes back many times)."""
    return (folder / path).resolve()


def local_targets(page_path: Path, root: Path) -> Iterator[tuple[str, Path, str]]:
    """Each link of a page as (link, file it points to, fragment); fails on remote links."""
    for link in parse(page_path).links:
        parts = urlsplit(link)
        if parts.scheme == "mailto":
            continue
        assert not parts.scheme and not parts.netloc, f"{page_path}: remote link {link}"
        assert not parts.path.startswith("/"), f"{page_path}: absolute link {link}"
        target = _resolved(page_path.parent, unquote(parts.path)) if parts.path else page_path
        assert target.is_relative_to(root.resolve()), f"{page_path}: {link} leaves the site"
        yield link, target, parts.fragment


# --- the home page -------------------------------------------------------------------


def test_index_has_the_headline_table_matching_the_summary(
    site_dir: Path, rated: RatedWithLetters
) -> None:
    text = (site_dir / "index.html").read_text("utf-8")
    summary = summarise(rated.results)

    assert "Councils by children&#39;s services rating, 2009" in text
    for line in summary.grades:
        label = f"{line.rating.label.capitalize()} ({line.rating.value})"
        row = re.search(
            re.escape(label) + r"</strong></th>\s*<td[^>]*>(\d+)</td>\s*<td[^>]*>(\d+)%</td>",
            text,
        )
        assert row is not None, label
        assert (int(row[1]), int(row[2])) == (line.count, line.percentage)


def test_index_inlines_the_rating_map_with_152_hexes_and_its_table(site_dir: Path) -> None:
    text = (site_dir / "index.html").read_text("utf-8")
    svg = re.search(r"<svg\b.*?</svg>", text, re.S)

    assert svg is not None
    assert len(re.findall(r'<g id="hex-ratings-\d{3}"', svg[0])) == 152
    assert text.count("<svg") == 2  # the ratings, then the measure map
    after_map = text[svg.end() :]
    assert "The rating of each council</caption>" in after_map
    assert len(re.findall(r'<th scope="row" class="govuk-table__header">', after_map)) >= 152


def test_index_lists_every_council_by_rating_and_links_to_its_page(
    site_dir: Path, rated: RatedWithLetters
) -> None:
    links = set(parse(site_dir / "index.html").links)
    for result in rated.results:
        assert f"councils/{result.council.la_code}.html" in links


def test_index_links_the_second_map_the_press_release_and_downloads(site_dir: Path) -> None:
    links = set(parse(site_dir / "index.html").links)

    assert {"press-release.html", "press-release.md", "downloads/ratings.csv"} <= links
    assert "downloads/secondary-schools-map.svg" in links
    svg = (site_dir / "downloads/secondary-schools-map.svg").read_text("utf-8")
    assert len(re.findall(r'<g id="hex-', svg)) == 152


# --- every page ----------------------------------------------------------------------


def test_every_council_has_a_page(site_dir: Path) -> None:
    pages = {p.stem for p in (site_dir / "councils").glob("*.html")} - {"index"}
    assert pages == {c.la_code for c in all_councils()}


def test_every_link_and_fragment_resolves_to_a_local_file(site_dir: Path) -> None:
    for page in html_pages(site_dir):
        for link, target, fragment in local_targets(page, site_dir):
            assert _is_file(target), f"{page.relative_to(site_dir)}: {link} is missing"
            if fragment and target.suffix == ".html":
                assert fragment in parse(target).ids, f"{page.relative_to(site_dir)}: {link}"


FILTER_SCRIPT_TAG = '<script src="../assets/council-filter.js" defer></script>'
"""The site's script for the optional filter of the list of councils."""

COMPARE_SCRIPT_TAG = '<script src="assets/compare.js"></script>'
"""The compare page's own script, which draws the two councils it is asked for."""


def test_every_page_is_accessible_british_and_script_free(site_dir: Path) -> None:
    """No page carries a script but the list of councils and the compare page, each its
    own script shipped with the site."""
    pages = html_pages(site_dir)
    # councils, home, press release, A to Z, methodology, accessibility, compare
    assert len(pages) == 152 + 6
    for path in pages:
        text = path.read_text("utf-8")
        page = parse(path)
        name = path.relative_to(site_dir)
        if name.as_posix() == "councils/index.html":
            assert text.count(FILTER_SCRIPT_TAG) == 1
            text = text.replace(FILTER_SCRIPT_TAG, "")
        if name.as_posix() == COMPARE:
            assert text.count(COMPARE_SCRIPT_TAG) == 1
            text = text.replace(COMPARE_SCRIPT_TAG, "")
        assert "<script" not in text.lower(), name
        assert page.unlabelled_inputs == 0, f"{name}: a form field without a label"
        assert page.lang == "en-GB", name
        assert page.headings.count(1) == 1, name
        assert page.headings[0] == 1, name
        jumps = [b for a, b in zip(page.headings, page.headings[1:], strict=False) if b > a + 1]
        assert not jumps, f"{name}: heading levels skipped"
        assert 'href="#main-content"' in text and 'id="main-content"' in text, name
        assert "govuk-header" in text and "govuk-footer" in text, name
        assert 'aria-label="Breadcrumb"' in text, name
        assert "Open Government Licence" in text, name
        assert page.unscoped_th == 0, f"{name}: a header cell without scope"
        assert page.captions == page.tables, f"{name}: a table without a caption"
        assert " style=" not in text.split("</head>")[1], name


def test_every_page_of_a_preview_carries_the_embargo_banner(site_dir: Path) -> None:
    for path in html_pages(site_dir):
        assert PREVIEW_BANNER in path.read_text("utf-8"), path.name


def test_every_page_of_demonstration_data_says_so(site_dir: Path) -> None:
    for path in html_pages(site_dir):
        assert DEMONSTRATION_NOTICE in unescape(path.read_text("utf-8")), path.name


def test_every_page_names_the_contact_in_its_footer(site_dir: Path) -> None:
    from csrating.publish import DEFAULT_CONTACT

    for path in html_pages(site_dir):
        footer = path.read_text("utf-8").partition('<footer class="govuk-footer">')[2]
        assert f'href="mailto:{DEFAULT_CONTACT.email}"' in footer, path.name
        assert DEFAULT_CONTACT.team in html.unescape(footer), path.name


def test_the_stylesheet_is_the_shared_package_asset(site_dir: Path) -> None:
    from csrating.publish.site_files import stylesheet_text

    css = (site_dir / "assets/csrating.css").read_text("utf-8")
    first, rest = css.split("\n", 1)  # a preview's files all say so, the stylesheet too
    assert first == f"/* {PREVIEW_BANNER.replace('—', '-')} */"
    assert rest == stylesheet_text()
    assert "@media print" in css and ".govuk-skip-link" in css and ".csr-grade--4" in css


# --- council pages -------------------------------------------------------------------


def test_a_council_page_shows_rating_trace_letter_profile_neighbours_downloads(
    site_dir: Path, rated: RatedWithLetters
) -> None:
    result = next(r for r in rated.results if r.assessment.rating is not None)
    code = result.council.la_code
    text = (site_dir / f"councils/{code}.html").read_text("utf-8")
    rating = result.assessment.rating
    assert rating is not None

    assert f"{rating.value} {rating.label.capitalize()}" in text
    assert "How the rating was reached" in text and "Final rating:" in text
    assert "<h3>Children's services annual rating</h3>" in unescape(text)  # the letter
    for block in ("Block A", "Block B", "Block C"):
        assert f"{block}:" in text
    for neighbour in result.profile.neighbours:
        assert f'href="{neighbour}.html"' in text
    assert f"../downloads/letters/{code}.md" in text
    for fmt in ("xlsx", "ods"):
        assert f"../downloads/workbooks/{code}.{fmt}" in text
        assert (site_dir / f"downloads/workbooks/{code}.{fmt}").stat().st_size > 5000


def test_every_council_has_its_workbook_in_both_formats(site_dir: Path) -> None:
    codes = {c.la_code for c in all_councils()}
    for fmt in ("xlsx", "ods"):
        found = {p.stem for p in (site_dir / "downloads/workbooks").glob(f"*.{fmt}")}
        assert found == codes, fmt
    ods = (site_dir / "downloads/workbooks/885.ods").read_bytes()
    assert ods[30:38] == b"mimetype" and b"opendocument.spreadsheet" in ods[:100]


def test_the_press_release_page_and_markdown_are_written(site_dir: Path) -> None:
    page = (site_dir / "press-release.html").read_text("utf-8")
    markdown = (site_dir / "press-release.md").read_text("utf-8")

    assert "<h1>2009 children's services ratings published</h1>" in unescape(page)
    assert markdown.startswith("# 2009 children's services ratings published")
    assert "Notes for editors" in page


def test_open_data_is_in_the_downloads(site_dir: Path) -> None:
    for name in ("ratings.csv", "ratings.json", "profiles.csv", "README.txt"):
        assert (site_dir / "downloads" / name).is_file()


def test_the_published_data_package_is_valid(site_dir: Path, rated: RatedWithLetters) -> None:
    report = validate(site_dir / "downloads/datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "note"])
    descriptor = json.loads((site_dir / "downloads/datapackage.json").read_text("utf-8"))
    assert descriptor["title"] == rated.framework.title
    assert descriptor["contributors"][0]["email"] == "ratings@example.org"
    assert "downloads/datapackage.json" in set(parse(site_dir / "index.html").links)


def test_the_national_workbook_is_published_in_both_formats_and_linked(site_dir: Path) -> None:
    links = set(parse(site_dir / "index.html").links)
    for fmt in ("xlsx", "ods"):
        assert f"downloads/ratings.{fmt}" in links
        sheets = values((site_dir / f"downloads/ratings.{fmt}").read_bytes())
        assert list(sheets)[3:] == ["Ratings", "Distribution", "By region", "By type", "Limiters"]
        assert len(sheets["Ratings"]) == 3 + 152


def test_every_published_file_can_be_served_by_another_user(site_dir: Path) -> None:
    """Files are readable by everyone and folders searchable: a web server running as
    another user can serve the whole tree (the session runs under the usual umask)."""
    umask = os.umask(0o022)
    os.umask(umask)
    if umask & 0o044:  # pragma: no cover - not the usual umask: files are private by choice
        pytest.skip(f"the session's umask {umask:03o} hides new files from other users")
    modes = {
        path.relative_to(site_dir).as_posix(): stat.S_IMODE(path.stat().st_mode)
        for path in [site_dir, *site_dir.rglob("*")]
    }
    wrong = {name: oct(mode) for name, mode in modes.items() if mode & 0o444 != 0o444}
    assert wrong == {}
    assert modes["downloads/ratings.csv"] == 0o644


# --- the embargo ---------------------------------------------------------------------


def test_guard_refuses_before_the_embargo_without_preview() -> None:
    with pytest.raises(EmbargoError) as caught:
        publish_guard(EMBARGO, BEFORE, preview=False)
    assert str(caught.value) == (
        "the results are embargoed until 00:01 on 9 December 2009; "
        "use --preview to build a marked preview"
    )


def test_guard_allows_a_preview_after_the_embargo_or_no_embargo() -> None:
    publish_guard(EMBARGO, BEFORE, preview=True)
    publish_guard(EMBARGO, AFTER, preview=False)
    publish_guard(None, BEFORE, preview=False)


def test_guard_reads_a_time_without_zone_as_local_time() -> None:
    local_embargo = EMBARGO.astimezone()  # the same instant, with the local zone
    with pytest.raises(EmbargoError):
        publish_guard(EMBARGO, local_embargo - dt.timedelta(minutes=1), preview=False)
    publish_guard(EMBARGO, (local_embargo + dt.timedelta(minutes=1)).astimezone(dt.UTC), False)


def test_write_site_refuses_before_the_embargo_and_writes_nothing(
    tmp_path: Path, rated: RatedWithLetters
) -> None:
    site = _site(rated, now=BEFORE, preview=False)
    with pytest.raises(EmbargoError):
        write_site(site, tmp_path / "site")
    assert not (tmp_path / "site").exists()
    assert list(tmp_path.iterdir()) == []


def test_publish_round_refuses_before_the_embargo(rated: RatedWithLetters, tmp_path: Path) -> None:
    with pytest.raises(EmbargoError, match="use --preview"):
        publish_round(rated.rated, tmp_path / "out", embargo=EMBARGO, preview=False, now=BEFORE)
    assert not (tmp_path / "out").exists()


def test_pages_after_the_embargo_carry_no_embargo_banner(rated: RatedWithLetters) -> None:
    text = index_page(_site(rated, now=AFTER, preview=False))
    assert "Embargoed until" not in text
    assert 'name="robots"' not in text


def test_pages_of_real_data_carry_no_demonstration_banner(rated: RatedWithLetters) -> None:
    site = dataclasses.replace(_site(rated, now=AFTER, preview=False), demonstration=False)
    assert "Demonstration data" not in index_page(site)


# --- writing -------------------------------------------------------------------------


def _site(rated: RatedWithLetters, *, now: dt.datetime, preview: bool, count: int = 152) -> Site:
    return Site(
        results=rated.results[:count],
        framework=rated.framework,
        letters=rated.letters,
        dataset_name=rated.dataset_name,
        demonstration=rated.demonstration,
        now=now,
        embargo=EMBARGO,
        preview=preview,
        letter_formats=("md",),
    )


def test_letters_download_as_pdf_and_docx(tmp_path: Path, rated: RatedWithLetters) -> None:
    site = dataclasses.replace(
        _site(rated, now=AFTER, preview=False, count=2), letter_formats=("pdf", "docx")
    )
    index = write_site(site, tmp_path / "site", workers=1)
    code = rated.results[0].council.la_code

    pdf = index.parent / f"downloads/letters/{code}.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert (index.parent / f"downloads/letters/{code}.docx").read_bytes().startswith(b"PK")
    page = (index.parent / f"councils/{code}.html").read_text("utf-8")
    assert "Letter to the Director of Children&#39;s Services (PDF)" in page


def test_a_new_build_replaces_the_old_one(tmp_path: Path, rated: RatedWithLetters) -> None:
    site = _site(rated, now=AFTER, preview=False, count=3)
    out = tmp_path / "site"
    write_site(site, out, workers=1)
    (out / "councils" / "stale.html").write_text("old", "utf-8")

    write_site(site, out, workers=1)

    assert not (out / "councils" / "stale.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_folder_csrating_did_not_write_is_never_replaced(
    tmp_path: Path, rated: RatedWithLetters
) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_text("precious", "utf-8")

    with pytest.raises(UsageError, match="not written by csrating publish"):
        write_site(_site(rated, now=AFTER, preview=False, count=1), out, workers=1)
    assert (out / "thesis.docx").read_text("utf-8") == "precious"


def test_progress_reaches_one(tmp_path: Path, rated: RatedWithLetters) -> None:
    seen: list[float] = []
    write_site(
        _site(rated, now=AFTER, preview=False, count=2),
        tmp_path / "site",
        progress=lambda step, fraction: seen.append(fraction),
        workers=1,
    )
    assert seen == sorted(seen) and seen[-1] == 1.0


def test_only_rating_frameworks_are_published(rated: RatedWithLetters) -> None:
    with pytest.raises(UsageError, match="not a rating framework"):
        dataclasses.replace(
            _site(rated, now=AFTER, preview=False), framework=load_framework("apa-2006")
        )


def test_a_missing_dataset_is_a_one_line_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["publish", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 2
    assert "does not exist" in result.output and "Traceback" not in result.output


def test_withheld_ratings_are_listed_and_shown_without_a_grade(rated: RatedWithLetters) -> None:
    results = tuple(hand_made([4, 3, 2, 1, None]))
    letters = {
        r.council.la_code: Letter(r.council.la_code, "rating", "Letter", "# Letter\n\nText.\n")
        for r in results
    }
    site = Site(
        results=results,
        framework=rated.framework,
        letters=letters,
        dataset_name="hand made",
        demonstration=False,
        now=AFTER,
    )
    withheld = results[-1]

    index = unescape(index_page(site))
    page = unescape(council_page(site, withheld))

    assert f'<a class="govuk-link" href="councils/{withheld.council.la_code}.html">' in index
    assert "Not published</strong>" in index
    assert "csr-grade--withheld" in page and "The rating is withheld" in page


def test_index_shows_the_change_since_an_earlier_year(rated: RatedWithLetters) -> None:
    now_grades = {r.council.la_code: r.assessment.rating for r in rated.results}
    first, second = sorted(code for code, grade in now_grades.items() if grade is not None)[:2]
    earlier = dict(now_grades)
    earlier[first] = now_grades[first].lowered() if now_grades[first].value > 1 else None  # type: ignore[union-attr]
    earlier[second] = now_grades[second].raised() if now_grades[second].value < 4 else None  # type: ignore[union-attr]
    site = dataclasses.replace(_site(rated, now=AFTER, preview=False), earlier=earlier)
    page = index_page(site)
    moved_up = site.summary.moved_up
    moved_down = site.summary.moved_down
    assert moved_up + moved_down >= 1
    assert f"{moved_up} council" in page and f"{moved_down} lower" in page
    assert "Councils whose rating changed since the earlier year" in page
    assert "Ratings by type of council" in page
    without = index_page(_site(rated, now=AFTER, preview=False))
    assert "Change since the earlier year" not in without
