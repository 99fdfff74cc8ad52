"""Finding a council: search by code, ONS code or name, "did you mean", and the A to Z."""

from __future__ import annotations

import pytest

from csrating.publish.finder import (
    council_list_html,
    finder_entries,
    letter_groups,
    search_councils,
)
from csrating.reference import geography

PLACES = geography("2009")


def _names(query: str) -> list[str]:
    return [c.name for c in search_councils(PLACES, query).matches]


@pytest.mark.parametrize("query", ["885", "E10000034", "e10000034", " Worcestershire ", "WORC"])
def test_a_code_or_name_finds_the_council_first(query: str) -> None:
    assert _names(query)[0] == "Worcestershire"


def test_names_in_any_spelling_the_sources_use() -> None:
    assert _names("Bristol, City of")[0] == "City of Bristol"
    assert _names("Kingston upon Hull")[0] == "City of Kingston upon Hull"
    assert _names("St Helens") == ["St. Helens"]


def test_part_of_a_name_finds_every_council_containing_it_in_name_order() -> None:
    found = _names("north")
    assert len(found) == 8 and found == sorted(found, key=str.casefold)
    assert "Northumberland" in found and "Bath and North East Somerset" in found


def test_a_partial_code_finds_the_councils_it_starts() -> None:
    assert set(_names("88")) == {c.name for c in PLACES.councils if c.la_code.startswith("88")}


def test_an_empty_search_lists_every_council() -> None:
    assert len(_names("")) == 152


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Wrocestershire", ["Worcestershire"]),
        ("Sheffeld", ["Sheffield"]),
        ("Brimingham", ["Birmingham"]),
        ("Sothwark", ["Southwark"]),
    ],
)
def test_a_near_miss_suggests_the_closest_names(typed: str, meant: list[str]) -> None:
    result = search_councils(PLACES, typed)
    assert result.matches == ()
    assert [c.name for c in result.suggestions] == meant


def test_nothing_alike_suggests_nothing() -> None:
    result = search_councils(PLACES, "zzzzqqq")
    assert result.matches == () and result.suggestions == ()


def test_the_a_to_z_groups_by_letter_and_links_each_council() -> None:
    entries = finder_entries(PLACES.councils, href=lambda code: f"{code}.html")
    groups = letter_groups(entries)
    assert [g.letter for g in groups] == sorted({c.name[0] for c in PLACES.councils})
    assert sum(len(g.entries) for g in groups) == 152
    html = council_list_html(entries, script="filter.js")
    assert '<a class="govuk-link" href="885.html">Worcestershire</a>' in html
    assert 'data-search="worcestershire worcestershire county council 885 e10000034"' in html
    assert '<script src="filter.js" defer></script>' in html
    assert "No councils start with </span>A" in html  # a letter without councils


def test_entries_without_an_address_are_plain_names() -> None:
    entries = finder_entries(PLACES.councils[:1], href=lambda code: "")
    html = council_list_html(entries, filter_input="search")
    assert "<a class" not in html.split("</nav>")[1]
    assert 'data-csr-filter-input="search"' in html and "data-csr-filter-box" not in html
