"""Each council's own style of name, as a letter addresses it, in each vintage."""

from __future__ import annotations

import pytest

from csrating.reference import CouncilType, geography

BOTH = ("2009", "2023")


@pytest.mark.parametrize("vintage", BOTH)
@pytest.mark.parametrize(
    ("code", "style"),
    [
        ("330", "Birmingham City Council"),
        ("840", "Durham County Council"),
        ("342", "St Helens Council"),
        ("801", "Bristol City Council"),
        ("885", "Worcestershire County Council"),
        ("860", "Staffordshire County Council"),
        ("201", "City of London Corporation"),
        ("207", "Royal Borough of Kensington and Chelsea"),
        ("314", "Royal Borough of Kingston upon Thames"),
        ("868", "Royal Borough of Windsor and Maidenhead"),
        ("213", "Westminster City Council"),
        ("202", "Camden Council"),
        ("810", "Hull City Council"),
        ("816", "City of York Council"),
        ("420", "Council of the Isles of Scilly"),
    ],
)
def test_known_styles(vintage: str, code: str, style: str) -> None:
    assert geography(vintage).council(code).council_name == style


@pytest.mark.parametrize(
    ("code", "style_2009", "style_2023"),
    [
        ("203", "Greenwich Council", "Royal Borough of Greenwich"),
        ("825", "Buckinghamshire County Council", "Buckinghamshire Council"),
        ("815", "North Yorkshire County Council", "North Yorkshire Council"),
        ("933", "Somerset County Council", "Somerset Council"),
        ("336", "Wolverhampton City Council", "City of Wolverhampton Council"),
        ("371", "Doncaster Council", "City of Doncaster Council"),
        ("826", "Milton Keynes Council", "Milton Keynes City Council"),
        ("882", "Southend-on-Sea Borough Council", "Southend-on-Sea City Council"),
    ],
)
def test_styles_follow_the_vintage(code: str, style_2009: str, style_2023: str) -> None:
    assert geography("2009").council(code).council_name == style_2009
    assert geography("2023").council(code).council_name == style_2023


@pytest.mark.parametrize(
    ("vintage", "code", "style"),
    [
        ("2009", "835", "Dorset County Council"),
        ("2009", "836", "Borough of Poole"),
        ("2009", "837", "Bournemouth Borough Council"),
        ("2009", "909", "Cumbria County Council"),
        ("2009", "928", "Northamptonshire County Council"),
        ("2023", "838", "Dorset Council"),
        ("2023", "839", "BCP Council"),
        ("2023", "940", "North Northamptonshire Council"),
        ("2023", "941", "West Northamptonshire Council"),
        ("2023", "942", "Cumberland Council"),
        ("2023", "943", "Westmorland and Furness Council"),
    ],
)
def test_styles_of_councils_of_one_vintage_only(vintage: str, code: str, style: str) -> None:
    assert geography(vintage).council(code).council_name == style


@pytest.mark.parametrize("vintage", BOTH)
def test_shire_counties_are_county_councils(vintage: str) -> None:
    for c in geography(vintage).councils:
        if c.type is CouncilType.SHIRE_COUNTY:
            assert c.council_name == f"{c.name} County Council", c.la_code


@pytest.mark.parametrize("vintage", BOTH)
def test_styles_are_unique_and_never_the_sorted_ons_form(vintage: str) -> None:
    styles = [c.council_name for c in geography(vintage).councils]
    assert len(set(styles)) == len(styles)
    for style in styles:
        assert "," not in style and "County of" not in style, style
        assert not style.startswith("City of Bristol"), style
        assert any(
            word in style for word in ("Council", "Corporation", "Royal Borough", "Borough of")
        ), style
