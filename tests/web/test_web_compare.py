"""Comparisons over time in the web application: the council page's section, and two
councils side by side, drawn on the server (no script), on the demo and a real round."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from web_helpers import OTHER, OWN, Web

from csrating.datasets import shipped_path
from csrating.reference import geography
from csrating.web.commands import DEMO_EMBARGO
from factories import create_round


def _compare(web: Web, role: str, query: str, round_id: int | None = None) -> object:
    return web.get(role, f"/rounds/{round_id or web.round_id}/compare{query}")


def test_the_council_page_compares_each_line_with_each_neighbour(web: Web) -> None:
    page = web.get("council-own", web.council_path(OWN)).text
    assert 'id="comparison"' in page
    section = page[page.index('id="comparison"') :]
    for code in geography("2009").neighbours(OWN):
        assert f'href="/rounds/{web.round_id}/councils/{code}"' in section
    assert "West Midlands (region)" in section and '<th scope="row">England</th>' in section
    assert "Rank of Worcestershire (1 is best)" in section
    assert "Quartile (A best to D worst)" in section
    assert section.count('role="img"') == section.count('class="govuk-details csr-compare"') > 50
    assert '<th scope="col">2006-07</th>' in section  # every period of the demo data
    assert f'href="/rounds/{web.round_id}/compare?a={OWN}&amp;b=' in section


def test_two_councils_side_by_side_without_script(web: Web) -> None:
    response = _compare(web, "council-own", f"?a={OWN}&b={OTHER}")
    assert response.status_code == 200  # type: ignore[attr-defined]
    page = response.text  # type: ignore[attr-defined]
    assert '<h1 class="govuk-heading-xl">Worcestershire and Staffordshire</h1>' in page
    assert "<script" not in page
    assert 'name="a"' in page and 'name="b"' in page and 'method="get"' in page
    assert re.search(r'<option value="885" selected>Worcestershire</option>', page)
    assert re.search(r'<option value="860" selected>Staffordshire</option>', page)
    tables = page.count('<table class="govuk-table csr-series">')
    assert tables == page.count('role="img"') > 50
    assert "Rank of Staffordshire (1 is best)" in page
    assert "Performs" not in page  # figures only: no ratings


def test_councils_may_be_named_by_ons_code_or_name(web: Web) -> None:
    page = _compare(web, "inspector", "?a=E10000034&b=Staffordshire").text  # type: ignore[attr-defined]
    assert "Worcestershire and Staffordshire" in page


def test_a_council_not_in_the_list_or_twice_is_refused_with_an_error_summary(web: Web) -> None:
    unknown = _compare(web, "inspector", "?a=999&b=860")
    assert unknown.status_code == 400  # type: ignore[attr-defined]
    assert "Choose the first council from the list" in unknown.text  # type: ignore[attr-defined]
    assert 'href="#a"' in unknown.text  # type: ignore[attr-defined]
    twice = _compare(web, "inspector", f"?a={OWN}&b={OWN}")
    assert twice.status_code == 400  # type: ignore[attr-defined]
    assert "different from the first" in twice.text  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("first", "second", "heading"),
    [
        ("201", "886", "City of London and Kent"),  # an inner London borough, a county
        ("420", "330", "Isles of Scilly and Birmingham"),  # missing figures, a met district
        ("E09000033", "Isle of Wight", "Westminster and Isle of Wight"),  # by ONS code, name
    ],
)
def test_councils_of_any_type_and_with_missing_figures_are_compared(
    web: Web, first: str, second: str, heading: str
) -> None:
    response = _compare(web, "inspector", f"?a={first}&b={second}")
    assert response.status_code == 200  # type: ignore[attr-defined]
    page = response.text  # type: ignore[attr-defined]
    assert f'<h1 class="govuk-heading-xl">{heading}</h1>' in page
    tables = page.count('<table class="govuk-table csr-series">')
    assert tables == page.count('role="img"') > 50
    if first == "420":
        assert "no data" in page or "suppressed" in page


def test_the_form_alone_chooses_the_viewer_s_council_and_a_neighbour(web: Web) -> None:
    page = _compare(web, "council-own", "").text  # type: ignore[attr-defined]
    assert '<h1 class="govuk-heading-xl">Compare two councils</h1>' in page
    first = geography("2009").neighbours(OWN)[0]
    assert f'<option value="{OWN}" selected>' in page
    assert f'<option value="{first}" selected>' in page


def test_before_publication_a_council_compares_only_with_its_neighbours(web: Web) -> None:
    far = "330"  # Birmingham: not one of Worcestershire's statistical neighbours
    assert far not in geography("2009").neighbours(OWN)
    refused = _compare(web, "council-own", f"?a={OWN}&b={far}")
    assert refused.status_code == 400  # type: ignore[attr-defined]
    text = refused.text  # type: ignore[attr-defined]
    assert "compare your council with its statistical neighbours only" in text
    assert "Birmingham" not in text  # neither its figures nor its place in the lists
    both_far = _compare(web, "council-own", f"?a={far}&b=886")
    assert both_far.status_code == 400  # type: ignore[attr-defined]
    assert _compare(web, "council-own", f"?a={OWN}&b={OTHER}").status_code == 200  # type: ignore[attr-defined]
    assert _compare(web, "inspector", f"?a={OWN}&b={far}").status_code == 200  # type: ignore[attr-defined]
    web.sign_off_all()
    web.clock.set(DEMO_EMBARGO.replace(day=10))
    assert _compare(web, "council-own", f"?a={OWN}&b={far}").status_code == 200  # type: ignore[attr-defined]


def test_the_public_compares_only_once_the_round_is_published(web: Web) -> None:
    assert _compare(web, "public", f"?a={OWN}&b={OTHER}").status_code == 303  # type: ignore[attr-defined]
    web.sign_off_all()
    web.clock.set(DEMO_EMBARGO.replace(day=10))
    assert _compare(web, "public", f"?a={OWN}&b={OTHER}").status_code == 200  # type: ignore[attr-defined]
    results = web.get("public", f"/results/{web.round_id}").text
    assert f'href="/rounds/{web.round_id}/compare">compare any two councils</a>' in results


@pytest.mark.slow
def test_the_real_present_day_round_compares_ten_years(web: Web, tmp_path: Path) -> None:
    load = web.store.load_dataset(
        shipped_path("present-day-2025"), name="present day", actor="test", now=web.clock()
    )
    round_ = create_round(
        web.store,
        load,
        framework_id="simulation-2025",
        embargo_at=DEMO_EMBARGO,
        actor="test",
        now=web.clock(),
    )
    page = web.get("inspector", f"/rounds/{round_.id}/councils/{OWN}").text
    section = page[page.index('id="comparison"') :]
    assert '<th scope="col">2015-16</th>' in section and '<th scope="col">2023-24</th>' in section
    assert "Shropshire" in section  # a 2025 neighbour of Worcestershire
    pair = _compare(web, "inspector", f"?a={OWN}&b=E06000058", round_.id)
    assert pair.status_code == 200  # type: ignore[attr-defined]
    assert "Bournemouth, Christchurch and Poole" in pair.text  # type: ignore[attr-defined]
    scilly = _compare(web, "inspector", "?a=420&b=886", round_.id)
    assert scilly.status_code == 200  # type: ignore[attr-defined]
    assert "Isles of Scilly and Kent" in scilly.text  # type: ignore[attr-defined]
    assert "suppressed" in scilly.text  # type: ignore[attr-defined]
    own = web.get("inspector", f"/rounds/{round_.id}/councils/420").text
    assert own.count('class="govuk-details csr-compare"') > 30
