"""The site's public pages: the footer of every page, the A to Z of councils, the
methodology (generated from the framework) and the accessibility statement."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from publish_results import RatedWithLetters
from test_site import html_pages, parse

from csrating.publish import DEFAULT_CONTACT
from csrating.publish.accessibility import CRITERIA
from csrating.publish.methodology import build_methodology
from csrating.publish.site_files import filter_script_text
from csrating.reference import all_councils, attribution_lines

VERSION_PATTERN = re.compile(r"csrating version \d+\.\d+\.\d+")


def _footer(path: Path) -> str:
    return path.read_text("utf-8").partition('<footer class="govuk-footer">')[2]


def _text(path: Path) -> str:
    """A page's text without tags, entities decoded, spaces collapsed."""
    body = re.sub(r"<[^>]+>", " ", path.read_text("utf-8"))
    return " ".join(html.unescape(body).split())


def test_every_footer_links_to_the_methodology_and_accessibility_and_gives_the_version(
    site_dir: Path,
) -> None:
    for path in html_pages(site_dir):
        footer = _footer(path)
        root = "../" if path.parent != site_dir else ""
        name = path.relative_to(site_dir)
        assert f'href="{root}methodology.html"' in footer, name
        assert f'href="{root}accessibility.html"' in footer, name
        assert f'href="mailto:{DEFAULT_CONTACT.email}"' in footer, name
        assert VERSION_PATTERN.search(footer), name


def test_the_header_links_to_the_list_of_councils(site_dir: Path) -> None:
    index = (site_dir / "index.html").read_text("utf-8")
    council = (site_dir / "councils/885.html").read_text("utf-8")
    assert 'href="councils/index.html">Councils A to Z' in index
    assert 'href="../councils/index.html">Councils A to Z' in council
    assert '<a class="govuk-breadcrumbs__link" href="index.html">Councils</a>' in council


def test_the_a_to_z_lists_every_council_under_its_letter_with_its_rating(
    site_dir: Path, rated: RatedWithLetters
) -> None:
    path = site_dir / "councils/index.html"
    text = path.read_text("utf-8")
    page = parse(path)

    for info in all_councils():
        assert f'href="{info.la_code}.html">{html.escape(info.name, quote=True)}</a>' in text
    worcestershire = rated.rated.result("885").assessment.label
    assert re.search(
        r'data-search="worcestershire worcestershire county council 885 e10000034">'
        rf'<a class="govuk-link" href="885.html">Worcestershire</a> '
        rf'<span class="csr-note">\({worcestershire}\)</span>',
        text,
    )
    letters = sorted({c.name[0] for c in all_councils()})
    for letter in letters:
        assert f"letter-{letter.lower()}" in page.ids
        assert f'href="#letter-{letter.lower()}"' in text
    # the filter box is hidden until the script shows it: the list works without it
    assert re.search(r'<div class="govuk-form-group csr-filter" data-csr-filter-box hidden>', text)
    assert '<label class="govuk-label govuk-label--s" for="council-filter">' in text
    script = (site_dir / "assets/council-filter.js").read_text("utf-8")
    assert script.endswith(filter_script_text())  # after a preview's embargo comment


def test_the_filter_script_is_small_local_and_sends_nothing() -> None:
    script = filter_script_text()
    assert len(script) < 4000
    for banned in ("http", "fetch(", "XMLHttpRequest", "innerHTML", "eval(", ".style"):
        assert banned not in script, banned


def test_the_map_hexagons_and_tables_link_to_council_pages(site_dir: Path) -> None:
    text = (site_dir / "index.html").read_text("utf-8")
    for map_id in ("ratings", "measure"):
        svg = text.split(f'aria-labelledby="{map_id}-title {map_id}-desc"')[1].split("</svg>")[0]
        assert svg.count('<a href="councils/') == 152, map_id
        assert '<a href="councils/885.html">' in svg
        assert "<title>Worcestershire (885):" in svg
    assert '<a class="govuk-link" href="councils/885.html">Worcestershire</a>' in text
    # the downloadable maps stay plain images without links
    for name in ("rating-map.svg", "secondary-schools-map.svg"):
        assert "<a " not in (site_dir / "downloads" / name).read_text("utf-8")


def test_the_methodology_page_is_generated_from_the_framework(
    site_dir: Path, rated: RatedWithLetters
) -> None:
    text = _text(site_dir / "methodology.html")
    framework = rated.framework

    assert "How the ratings are worked out" in text
    assert f"framework {framework.id}, version {framework.version}" in text
    for rule in framework.rules:
        assert f"Rule {rule.code}" in text
        assert " ".join(rule.description.split()) in text
    for grade in ("Performs excellently", "Performs well", "Performs adequately"):
        assert grade in text
    for block in ("Block A", "Block B", "Block C"):
        assert block in text
    assert "ten similar areas" in text and "April 2021" in text
    assert "59 indicators" in text and "NI059" in text
    assert "not publish every cut-off" in text and "reconstruct" in text
    # sources and licences: the dataset's manifest and the reference attribution
    manifest = rated.rated.manifest
    assert manifest.name in text and manifest.licence in text
    for line in attribution_lines():
        assert line in text
    # the demonstration data are named as such
    assert "synthetic demonstration data" in text


def test_the_methodology_counts_the_limits_and_quotes_the_public_explanations(
    rated: RatedWithLetters,
) -> None:
    methodology = build_methodology(
        rated.framework, manifest=rated.rated.manifest, results=rated.results
    )
    safeguarding = next(r for r in methodology.limiters if r.code == "R09-L3")
    fired = [
        r
        for r in rated.results
        if any(s.code == "R09-L3" and s.outcome.value == "fired" for s in r.assessment.trace)
    ]
    assert safeguarding.applied == len(fired) > 0
    assert safeguarding.example is not None
    council, words = safeguarding.example
    assert council == sorted(r.council.name for r in fired)[0]
    assert words.endswith("(rule R09-L3).") and "safeguarding inadequate" in words
    # the provisional grade is never shown to the public, so it has no example
    provisional = next(r for r in methodology.rules if r.code == "R09-P")
    assert provisional.example is None
    assert any("Block weights" in line for line in provisional.settings)


def test_a_simulation_says_it_is_not_an_ofsted_rating() -> None:
    from csrating.frameworks import load_framework
    from csrating.publish.methodology import methodology_html

    methodology = build_methodology(load_framework("simulation-2025"))
    page = html.unescape(methodology_html(methodology, links=_LINKS))
    assert "This is a simulation, not an Ofsted rating" in page
    assert "they are not Ofsted ratings" in page
    assert "councils of 1 April 2023" in page and "May 2025" in page
    assert "Local Authority Interactive Tool" in page


_LINKS = {"home": "index.html", "councils": "c.html", "accessibility": "a.html"}


def test_the_accessibility_statement_follows_the_model(site_dir: Path) -> None:
    text = _text(site_dir / "accessibility.html")
    for heading in (
        "Accessibility statement for Children's services annual rating 2009",
        "How accessible this service is",
        "Feedback and contact information",
        "Enforcement procedure",
        "Compliance status",
        "Which success criteria are met",
        "How we tested this service",
    ):
        assert heading in text, heading
    assert DEFAULT_CONTACT.email in text and DEFAULT_CONTACT.team in text
    assert "Equality and Human Rights Commission" in text
    assert "WCAG version 2.2 AA" in text and "partially compliant" in text
    assert "axe" in text and "Debian's Chromium" in text
    for criterion in CRITERIA:
        if not criterion.web_only:
            assert f"{criterion.number} {criterion.name}" in text
    assert "3.3.8" not in text  # signing in is the web app's, not the site's
    assert "sign-in" not in text.lower()


@pytest.mark.parametrize("name", ["methodology.html", "accessibility.html"])
def test_the_new_pages_link_to_each_other(site_dir: Path, name: str) -> None:
    links = parse(site_dir / name).links
    assert "councils/index.html" in links


def test_the_screenshots_the_docs_name_are_there() -> None:
    docs = Path(__file__).resolve().parents[2] / "docs"
    named = set(re.findall(r"`([a-z-]+\.png)`", (docs / "public-pages.md").read_text("utf-8")))
    assert named, "docs/public-pages.md names no screenshots"
    for name in named:
        shot = docs / "screenshots" / name
        assert shot.is_file(), name
        assert shot.read_bytes().startswith(b"\x89PNG"), name
