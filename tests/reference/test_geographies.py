"""The shipped geographies: councils, codes, regions, types and neighbours of each vintage."""

from __future__ import annotations

import datetime as dt

import pytest

from csrating.errors import UnknownCouncil, UsageError
from csrating.reference import CouncilType, Geography, geography, vintages
from csrating.reference._files import read_rows

VINTAGES = ("2009", "2023")
COUNTS = {"2009": 152, "2023": 153}
REGIONS = {
    "North East",
    "North West",
    "Yorkshire and The Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
}


@pytest.fixture(params=VINTAGES)
def geo(request: pytest.FixtureRequest) -> Geography:
    """Each shipped geography in turn."""
    return geography(request.param)


def test_both_vintages_are_shipped_oldest_first() -> None:
    assert vintages() == VINTAGES


def test_the_2023_vintage_says_what_it_is() -> None:
    geo = geography("2023")
    assert geo.title == "councils of 1 April 2023"
    assert geo.in_force == dt.date(2023, 4, 1)
    assert "2019 to 2023" in geo.description


def test_an_unknown_vintage_is_refused_with_the_known_ones_named() -> None:
    with pytest.raises(UsageError, match="2009, 2023"):
        geography("2020")


def test_council_counts(geo: Geography) -> None:
    assert len(geo.councils) == COUNTS[geo.vintage]


def test_codes_and_ons_codes_are_unique(geo: Geography) -> None:
    assert len({c.la_code for c in geo.councils}) == len(geo.councils)
    assert len({c.ons_code for c in geo.councils}) == len(geo.councils)
    assert all(len(c.la_code) == 3 and c.la_code.isdigit() for c in geo.councils)
    assert all(len(c.ons_code) == 9 and c.ons_code.startswith("E") for c in geo.councils)


def test_every_council_has_a_style_a_region_and_a_type(geo: Geography) -> None:
    for c in geo.councils:
        assert c.vintage == geo.vintage
        assert c.council_name and c.council_name == c.council_name.strip(), c.la_code
        assert c.region in REGIONS, c.la_code
        assert c.region_code.startswith("E12"), c.la_code
        assert isinstance(c.type, CouncilType), c.la_code


def test_every_council_has_ten_distinct_neighbours_in_its_own_vintage(geo: Geography) -> None:
    codes = set(geo.codes)
    for c in geo.councils:
        found = geo.neighbours(c.la_code)
        assert len(found) == 10, c.la_code
        assert len(set(found)) == 10, c.la_code
        assert c.la_code not in found
        assert set(found) <= codes, c.la_code


def test_neighbour_ranks_run_one_to_ten(geo: Geography) -> None:
    ranks: dict[str, list[int]] = {}
    for row in read_rows(f"{geo.vintage}/neighbours.csv"):
        ranks.setdefault(row["la_code"], []).append(int(row["rank"]))
    assert all(sorted(r) == list(range(1, 11)) for r in ranks.values())


def test_the_2023_neighbours_come_from_the_may_2025_model() -> None:
    model = geography("2023").neighbour_model
    assert model["vintage"] == "May 2025"
    assert model["source_file"] == "sn_may_2025.xlsx"
    assert geography("2009").neighbour_model["vintage"] == "April 2021"
    labels = {row["closeness"] for row in read_rows("2023/neighbours.csv")}
    assert labels <= {"Extremely close", "Very close", "Close", "Somewhat close", "Not close"}
    # the model's own list for Cumberland, nearest first
    assert geography("2023").neighbours("942")[:3] == ("943", "925", "884")


@pytest.mark.parametrize(
    ("code", "ons", "name", "la_type"),
    [
        ("838", "E06000059", "Dorset", CouncilType.UNITARY),
        ("839", "E06000058", "Bournemouth, Christchurch and Poole", CouncilType.UNITARY),
        ("825", "E06000060", "Buckinghamshire", CouncilType.UNITARY),
        ("940", "E06000061", "North Northamptonshire", CouncilType.UNITARY),
        ("941", "E06000062", "West Northamptonshire", CouncilType.UNITARY),
        ("942", "E06000063", "Cumberland", CouncilType.UNITARY),
        ("943", "E06000064", "Westmorland and Furness", CouncilType.UNITARY),
        ("815", "E06000065", "North Yorkshire", CouncilType.UNITARY),
        ("933", "E06000066", "Somerset", CouncilType.UNITARY),
        ("929", "E06000057", "Northumberland", CouncilType.UNITARY),
        ("390", "E08000037", "Gateshead", CouncilType.METROPOLITAN_DISTRICT),
    ],
)
def test_the_2023_councils_made_or_recoded_since_2009(
    code: str, ons: str, name: str, la_type: CouncilType
) -> None:
    council = geography("2023").council(code)
    assert (council.ons_code, council.name, council.type) == (ons, name, la_type)


def test_the_2023_set_is_the_2009_set_after_the_reorganisations() -> None:
    old, new = set(geography("2009").codes), set(geography("2023").codes)
    assert old - new == {"835", "836", "837", "909", "928"}
    assert new - old == {"838", "839", "940", "941", "942", "943"}
    recoded = {
        c.la_code
        for c in geography("2023").councils
        if c.la_code in old and c.ons_code != geography("2009").council(c.la_code).ons_code
    }
    assert recoded == {"815", "825", "929", "933", "390"}


def test_councils_of_one_vintage_are_unknown_in_the_other() -> None:
    with pytest.raises(UnknownCouncil):
        geography("2023").council("909")
    with pytest.raises(UnknownCouncil):
        geography("2009").council("942")
    assert geography("2023").find("Cumbria") is None
    assert geography("2023").find("Northamptonshire") is None
    assert geography("2023").find("E10000006") is None
    assert geography("2009").find("Cumberland") is None
    assert geography("2009").find("BCP") is None


@pytest.mark.parametrize(
    ("vintage", "text", "code"),
    [
        ("2009", "885", "885"),
        ("2009", "E10000034", "885"),
        ("2009", "e10000034", "885"),
        ("2009", "Bristol, City of", "801"),
        ("2009", "City of Bristol", "801"),
        ("2009", "Kingston upon Hull, City of", "810"),
        ("2009", "St. Helens", "342"),
        ("2009", "Durham", "840"),
        ("2009", "Poole", "836"),
        ("2009", "Bournemouth", "837"),
        ("2009", "Cumbria", "909"),
        ("2023", "942", "942"),
        ("2023", "E06000063", "942"),
        ("2023", "Bristol, City of", "801"),
        ("2023", "Bristol", "801"),
        ("2023", "Bournemouth, Christchurch & Poole", "839"),
        ("2023", "Bournemouth, Christchurch and Poole", "839"),
        ("2023", "BCP", "839"),
        ("2023", "Kingston Upon Hull, City of", "810"),
        ("2023", "Hull", "810"),
        ("2023", "St Helens", "342"),
        ("2023", "Telford & Wrekin", "894"),
        ("2023", "Hammersmith & Fulham", "205"),
        ("2023", "Bedford Borough", "822"),
        ("2023", "Herefordshire, County of", "884"),
        ("2023", "Southend on Sea", "882"),
        ("2023", "Westmorland and Furness", "943"),
        ("2023", "E06000065", "815"),
    ],
)
def test_find_resolves_codes_and_the_sources_spellings(vintage: str, text: str, code: str) -> None:
    found = geography(vintage).find(text)
    assert found is not None, text
    assert found.la_code == code


def test_every_shipped_spelling_and_style_finds_its_own_council(geo: Geography) -> None:
    for row in read_rows(f"{geo.vintage}/council_names.csv"):
        found = geo.find(row["name"])
        assert found is not None and found.la_code == row["la_code"], row
    for c in geo.councils:
        assert geo.find(c.council_name) == c
        assert geo.find(c.name) == c
        assert geo.find(c.ons_code) == c
