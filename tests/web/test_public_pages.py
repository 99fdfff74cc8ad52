"""The public pages of the web app: find a council (server-side search), the methodology,
the accessibility statement, every page's footer, and the results map's links."""

from __future__ import annotations

import html
import re

import pytest
from test_pages import pages_for
from web_helpers import Web

from csrating.publish import DEFAULT_CONTACT, Contact
from csrating.web import WebSettings, create_app
from csrating.web.templating import csrating_version


def _text(page: str) -> str:
    """The page's words: tags as spaces, entities decoded, no space before punctuation."""
    words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    return re.sub(r" ([?.,;:])", r"\1", words)


def _footer(page: str) -> str:
    return page.partition('<footer class="govuk-footer"')[2]


def _publish(web: Web) -> None:
    web.sign_off_all()
    web.clock.advance(days=30)


@pytest.mark.parametrize("role", ["public", "council-own", "inspector"])
def test_every_footer_links_to_the_methodology_accessibility_contact_and_version(
    web: Web, role: str
) -> None:
    for path in pages_for(web, role):
        footer = _footer(web.get(role, path).text)
        assert 'href="/methodology">How the ratings are worked out</a>' in footer, path
        assert 'href="/accessibility">Accessibility statement</a>' in footer, path
        assert f'href="mailto:{DEFAULT_CONTACT.email}"' in footer, path
        assert f"csrating version {csrating_version()}" in footer, path


def test_the_contact_is_a_setting(web: Web) -> None:
    contact = Contact(team="Ratings enquiries", email="ratings@inspectorate.example")
    app = create_app(web.store, clock=web.clock, settings=WebSettings(contact=contact))
    client = Web(app, web.store, web.clock, web.round_id)
    try:
        page = client.get("public", "/accessibility").text
        assert 'href="mailto:ratings@inspectorate.example"' in _footer(page)
        assert "write to the Ratings enquiries at ratings@inspectorate.example" in _text(page)
    finally:
        client.close()


def test_find_a_council_before_publication_lists_names_without_links(web: Web) -> None:
    page = web.get("public", "/councils").text
    text = _text(page)
    assert "No results have been published yet" in text
    assert "Worcestershire" in text
    assert "/rounds/" not in page  # nothing to open until the results are published
    assert '<label class="govuk-label govuk-label--s" for="council-search">' in page
    assert '<script src="/assets/council-filter.js" defer></script>' in page


def test_the_inspectorate_finds_councils_in_a_round_before_publication(web: Web) -> None:
    page = web.get("inspector", "/councils?q=885").text
    assert f'href="/rounds/{web.round_id}/councils/885">Worcestershire</a>' in page


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("885", "Worcestershire"),
        ("E10000034", "Worcestershire"),
        ("e10000034", "Worcestershire"),
        ("worc", "Worcestershire"),
        ("Bristol, City of", "City of Bristol"),
        ("kingston", "City of Kingston upon Hull"),
    ],
)
def test_search_by_code_ons_code_or_name(web: Web, query: str, first: str) -> None:
    _publish(web)
    page = web.get("public", f"/councils?q={query}").text
    found = re.findall(
        r'<li><a class="govuk-link" href="/rounds/\d+/councils/\d+">([^<]+)</a>', page
    )
    assert found and html.unescape(found[0]) == first, found
    assert "council-filter.js" not in page  # the results are a plain list


def test_search_finds_every_council_whose_name_contains_the_words(web: Web) -> None:
    _publish(web)
    text = _text(web.get("public", "/councils?q=north").text)
    assert "councils match “north”" in text
    for name in ("North Yorkshire", "North Tyneside", "Northumberland", "North Somerset"):
        assert name in text


def test_a_near_miss_offers_did_you_mean(web: Web) -> None:
    _publish(web)
    page = web.get("public", "/councils?q=Wrocestershire").text
    text = _text(page)
    assert "No council matches “Wrocestershire”" in text
    assert "Did you mean Worcestershire?" in text
    assert f'href="/rounds/{web.round_id}/councils/885">Worcestershire</a>' in page


def test_nothing_like_it_says_so(web: Web) -> None:
    text = _text(web.get("public", "/councils?q=zzzz").text)
    assert "No council matches “zzzz”" in text and "Did you mean" not in text


def test_search_of_an_unpublished_round_is_refused_to_the_public(web: Web) -> None:
    assert web.get("public", f"/councils?round={web.round_id}").status_code == 404
    assert web.get("inspector", f"/councils?round={web.round_id}").status_code == 200


def test_the_filter_script_is_served_locally_under_the_policy(web: Web) -> None:
    response = web.get("public", "/assets/council-filter.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    page = web.get("public", "/councils")
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_methodology_before_publication_describes_the_default_framework(web: Web) -> None:
    text = _text(web.get("public", "/methodology").text)
    assert "No results are published yet" in text
    assert "framework rating-2009, version" in text
    assert "In these results it applied" not in text  # no results to count yet


def test_methodology_after_publication_describes_the_round(web: Web) -> None:
    _publish(web)
    text = _text(web.get("public", "/methodology").text)
    assert "About the results: Children's services annual rating 2009." in text
    assert "Rule R09-L3" in text and "In these results it applied to" in text
    assert "synthetic demonstration data" in text  # the demo round's manifest says so


def test_the_accessibility_statement_covers_the_web_app(web: Web) -> None:
    text = _text(web.get("public", "/accessibility").text)
    assert "Accessibility statement for Children's services annual rating" in text
    assert "3.3.8 Accessible authentication (minimum)" in text
    assert "A sign-in lasts 8 hours" in text
    assert "Enforcement procedure" in text and "axe" in text


def test_the_published_map_links_every_hexagon_to_its_council(web: Web) -> None:
    _publish(web)
    page = web.get("public", f"/results/{web.round_id}").text
    svg = page.split('aria-labelledby="results-map-title results-map-desc"')[1].split("</svg>")[0]
    assert svg.count(f'<a href="/rounds/{web.round_id}/councils/') == 152
    assert "<title>Worcestershire (885):" in svg
    assert '<a class="govuk-link" href="/rounds/' in page.split("</svg>")[1]  # the table
