"""Hex maps: one hex per council, unique positions, no stray islands, the 2023 splits."""

from __future__ import annotations

import pytest

from csrating.reference import Geography, HexPosition, geography

ISLANDS = {"420", "921"}  # Isles of Scilly and the Isle of Wight stand apart on both maps


def _neighbours(q: int, r: int) -> set[tuple[int, int]]:
    """The six cells next to (q, r) in an odd-r layout (odd rows shifted half a hex right)."""
    shift = r % 2
    return {
        (q - 1, r),
        (q + 1, r),
        (q - 1 + shift, r - 1),
        (q + shift, r - 1),
        (q - 1 + shift, r + 1),
        (q + shift, r + 1),
    }


def _x(position: HexPosition) -> float:
    """How far east a hex is drawn, in hex widths."""
    return position.q + 0.5 * (position.r % 2)


def _by_code(geo: Geography) -> dict[str, HexPosition]:
    return {h.la_code: h for h in geo.hexes}


def _touch(geo: Geography, one: str, other: str) -> bool:
    hexes = _by_code(geo)
    return (hexes[other].q, hexes[other].r) in _neighbours(hexes[one].q, hexes[one].r)


@pytest.fixture(params=("2009", "2023"))
def geo(request: pytest.FixtureRequest) -> Geography:
    """Each shipped geography in turn."""
    return geography(request.param)


def test_one_hex_per_council_at_unique_positions(geo: Geography) -> None:
    codes = [h.la_code for h in geo.hexes]
    assert sorted(codes) == sorted(geo.codes)
    assert len({(h.q, h.r) for h in geo.hexes}) == len(geo.hexes)
    assert all(h.q >= 0 and h.r >= 0 for h in geo.hexes)


def test_only_the_islands_stand_alone(geo: Geography) -> None:
    taken = {(h.q, h.r) for h in geo.hexes}
    alone = {h.la_code for h in geo.hexes if not _neighbours(h.q, h.r) & taken}
    assert alone == ISLANDS


def test_the_2023_map_keeps_the_2009_places_but_for_the_changes() -> None:
    old, new = _by_code(geography("2009")), _by_code(geography("2023"))
    moved = {
        code
        for code in set(old) & set(new)
        if (old[code].q, old[code].r) != (new[code].q, new[code].r)
    }
    assert moved == {"884", "937"}  # Herefordshire and Warwickshire, one hex west
    place = {code: (h.q, h.r) for code, h in new.items()}
    assert place["839"] == (old["837"].q, old["837"].r)  # BCP where Bournemouth was
    assert place["838"] == (old["835"].q, old["835"].r)  # Dorset where the county was
    assert place["940"] == (old["928"].q, old["928"].r)  # North Northamptonshire
    assert place["943"] == (old["909"].q, old["909"].r)  # Westmorland and Furness


def test_the_split_councils_sit_side_by_side_the_right_way_round() -> None:
    geo = geography("2023")
    hexes = _by_code(geo)
    assert _touch(geo, "942", "943")  # Cumberland and Westmorland and Furness
    assert hexes["942"].r > hexes["943"].r  # Cumberland to the north
    assert _x(hexes["942"]) < _x(hexes["943"])  # and to the west
    assert _touch(geo, "943", "888")  # Westmorland and Furness by Lancashire
    assert _touch(geo, "940", "941")  # North and West Northamptonshire
    assert _x(hexes["941"]) < _x(hexes["940"])  # West to the west
    assert _touch(geo, "940", "855")  # North Northamptonshire by Leicestershire
    assert _touch(geo, "941", "937")  # West Northamptonshire by Warwickshire
    assert _touch(geo, "941", "931")  # and by Oxfordshire
