"""The site's comparison over time: each council's section, and the compare page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from publish_results import RatedWithLetters, rate_folder
from test_site import BEFORE, build_demo_site, rated_demo

from csrating.datasets import shipped_path
from csrating.presentation.comparison import national_comparison
from csrating.publish import Site, council_page
from csrating.publish._comparison import compare_files
from csrating.reference import all_councils, council, geography, neighbours


@pytest.fixture(scope="module")
def rated(small_demo: Path) -> RatedWithLetters:
    return rated_demo(small_demo)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, rated: RatedWithLetters) -> Path:
    return build_demo_site(tmp_path_factory.getbasetemp(), rated)


def _section(site: Path, code: str = "885") -> str:
    text = (site / "councils" / f"{code}.html").read_text("utf-8")
    start = text.index('<section aria-labelledby="comparison-heading">')
    return text[start : text.index("</section>", start)]


def test_a_council_page_compares_every_line_over_every_period(site: Path) -> None:
    section = _section(site)
    lines = re.findall(r'<details class="govuk-details csr-compare" id="([^"]+)">', section)
    assert len(lines) == len(set(lines)) > 50
    assert "c-ni059" in lines and "a-primary" in lines
    charts = re.findall(
        r'<svg [^>]*role="img"[^>]*aria-labelledby="([^"]+)" aria-describedby="([^"]+)"', section
    )
    assert len(charts) == len(lines)
    for title, description in charts:
        assert f'<title id="{title}">' in section and f'<desc id="{description}">' in section
    headers = re.findall(r'<thead><tr><th scope="col">Council or area</th>(.*?)</tr>', section)
    assert all(h.count("<th") == 3 for h in headers[1:])  # Block C: 2006-07 to 2008-09
    assert '<th scope="col">2006-07</th>' in section


def test_each_neighbour_is_named_and_linked_with_region_england_rank_and_quartile(
    site: Path,
) -> None:
    section = _section(site)
    start = section.index('id="c-ni059"')
    line = section[start : section.index("</details>", start)]
    for code in neighbours("885"):
        assert f'<a class="govuk-link" href="{code}.html">' in line
        assert council(code).name.replace("'", "&#39;") in line
    assert '<th scope="row">West Midlands (region)</th>' in line
    assert '<th scope="row">England</th>' in line
    assert "Rank of Worcestershire (1 is best)" in line
    assert "Quartile (A best to D worst)" in line
    assert "(higher is better)" in line
    assert re.search(r"(joint )?\d+(st|nd|rd|th) of \d+", line)


def test_the_chart_agrees_with_the_comparison_model(site: Path, rated: RatedWithLetters) -> None:
    comparison = national_comparison(rated.rated).council("885")
    line = comparison.line("NI059")
    assert line is not None and line.latest is not None
    section = _section(site)
    start = section.index('id="c-ni059"')
    assert line.latest.value.text in section[start : section.index("</details>", start)]


def test_the_compare_page_offers_every_council_and_explains_itself_without_script(
    site: Path,
) -> None:
    text = (site / "compare.html").read_text("utf-8")
    for name in ("a", "b"):
        select = re.search(
            rf'<select class="govuk-select" id="compare-{name}" name="{name}">(.*?)</select>',
            text,
            re.S,
        )
        assert select is not None
        assert select.group(1).count("<option ") == 152
    assert '<label class="govuk-label" for="compare-a">First council</label>' in text
    assert 'id="compare-fallback"' in text and "without JavaScript" in text
    assert len(re.findall(r'href="councils/\d{3}\.html"', text)) == 152
    for fmt in ("xlsx", "ods"):
        assert len(re.findall(rf'href="downloads/workbooks/\d{{3}}\.{fmt}"', text)) == 152
    assert '<span class="govuk-visually-hidden"> for Worcestershire</span>' in text
    assert '<div id="compare-results" data-root="downloads/compare/" hidden></div>' in text
    assert (site / "assets" / "compare.js").is_file()


def _payload(path: Path) -> dict[str, object]:
    text = path.read_text("utf-8")
    while text.startswith("/* "):  # the publication's marks: embargo, notices
        text = text[text.index(" */\n") + 4 :]
    prefix = "window.csratingCompare&&window.csratingCompare.receive("
    assert text.startswith(prefix) and text.endswith(");\n")
    payload = json.loads(text[len(prefix) : -3])
    assert isinstance(payload, dict)
    return payload


def test_the_compare_page_has_every_council_s_figures(site: Path) -> None:
    folder = site / "downloads" / "compare"
    assert {p.stem for p in folder.glob("*.js")} == {c.la_code for c in all_councils()} | {"lines"}
    lines = _payload(folder / "lines.js")
    keys = [line["key"] for line in lines["lines"]]  # type: ignore[index, union-attr]
    ours = _payload(folder / "885.js")
    assert ours["name"] == "Worcestershire"
    figures = ours["figures"]
    assert isinstance(figures, dict) and set(figures) == set(keys)
    assert len(figures["NI059"]) == 3
    text, number, rank, quartile = figures["NI059"][-1]
    assert text.endswith("%") and isinstance(number, float)
    assert quartile in "ABCD" and rank.split()[-2] == "of"


def test_each_council_page_links_to_the_compare_page(site: Path) -> None:
    section = _section(site)
    first = neighbours("885")[0]
    assert f'href="../compare.html?a=885&amp;b={first}"' in section
    home = (site / "index.html").read_text("utf-8")
    assert '<a class="govuk-link" href="compare.html">compare any two councils</a>' in home


def present_day_site() -> tuple[RatedWithLetters, Site]:
    """The shipped present-day round, rated, and its site (letters in Markdown only) with
    the comparison over every period."""
    rated = rate_folder(shipped_path("present-day-2025"), "simulation-2025")
    site = Site(
        results=rated.results,
        framework=rated.framework,
        letters=rated.letters,
        dataset_name=rated.dataset_name,
        demonstration=rated.demonstration,
        now=BEFORE,
        letter_formats=("md",),
        comparison=national_comparison(rated.rated),
    )
    return rated, site


@pytest.mark.slow
def test_the_real_present_day_round_shows_every_period_and_missing_figures() -> None:
    """The shipped LAIT data: periods 2015-16 to 2023-24 (2024-25 ends after the cut-off),
    the 2025 neighbours, and councils with many figures suppressed or missing."""
    rated, site = present_day_site()
    page = council_page(site, rated.rated.result("885"))
    section = page[page.index('<section aria-labelledby="comparison-heading">') :]
    assert '<th scope="col">2015-16</th>' in section and '<th scope="col">2023-24</th>' in section
    assert '<th scope="col">2024-25</th>' not in section
    for code in geography("2023").neighbours("885"):
        assert f'<a class="govuk-link" href="{code}.html">' in section
    assert "Shropshire" in section
    assert re.search(r"Rank of Worcestershire \(1 is best\)</th>(<td>[^<]+</td>){9}", section)
    scilly = council_page(site, rated.rated.result("420"))
    assert scilly.count('class="govuk-details csr-compare"') > 30
    assert "suppressed" in scilly and "no data" in scilly
    files = compare_files(site.comparison)  # type: ignore[arg-type]
    assert {f"downloads/compare/{c.la_code}.js" for c in geography("2023").councils} < set(files)
