"""Which council of a geography a published row means, across the reorganisations.

Published files name councils as they were when the file was made: a 2018 file names
Bournemouth and Poole, a 2023 file names Bournemouth, Christchurch and Poole and still
Cumbria, a 2025 file names Cumberland. An adapter converts into one *vintage* (the
geography of a dataset), so each row's council is first *identified* (which council the
file means, by its DfE code) and then *placed* in the vintage:

* a council-level inspection belongs to that council only: where the vintage does not have
  it, its rows are skipped and counted ("council not in the 2009 geography: Cumberland");
* a setting (a school, a children's home) is somewhere: where the vintage lacks its council
  but has one council covering all of that council's area, the setting is placed there
  (North Northamptonshire's settings in Northamptonshire for 2009; Bournemouth's in
  Bournemouth, Christchurch and Poole for 2023), and Cumbria's settings go to Cumberland
  or Westmorland and Furness by parliamentary constituency, or by town where the
  constituency spans both. Anything else is skipped and counted, never guessed.

One name, Dorset, means two councils: the county (DfE 835) until March 2019 and the
unitary council (838) since. :class:`Era` says which a file means.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from functools import cached_property

from csrating.reference import (
    DEFAULT_VINTAGE,
    Council,
    Geography,
    geography,
    normalise_council_name,
    vintages,
)


class Era(Enum):
    """When the councils a file names existed, for names two councils have had."""

    ANY = "any"  # the vintage's council of that name, if it has one
    CURRENT = "current"  # councils as they are after the 2019-2023 reorganisations
    FORMER = "former"  # councils as they were before them (those of 2009)


@dataclass(frozen=True)
class Reorganised:
    """A council made (or recoded) by a reorganisation since 2009."""

    la_code: str
    ons_code: str
    name: str
    formed: dt.date
    within: str | None = None  # the DfE code of the 2009 council covering all its area


REORGANISED: tuple[Reorganised, ...] = (
    Reorganised("929", "E06000057", "Northumberland", dt.date(2013, 4, 1)),
    Reorganised("390", "E08000037", "Gateshead", dt.date(2013, 4, 1)),
    Reorganised("839", "E06000058", "Bournemouth, Christchurch and Poole", dt.date(2019, 4, 1)),
    Reorganised("838", "E06000059", "Dorset", dt.date(2019, 4, 1), within="835"),
    Reorganised("825", "E06000060", "Buckinghamshire", dt.date(2020, 4, 1)),
    Reorganised("940", "E06000061", "North Northamptonshire", dt.date(2021, 4, 1), within="928"),
    Reorganised("941", "E06000062", "West Northamptonshire", dt.date(2021, 4, 1), within="928"),
    Reorganised("942", "E06000063", "Cumberland", dt.date(2023, 4, 1), within="909"),
    Reorganised("943", "E06000064", "Westmorland and Furness", dt.date(2023, 4, 1), within="909"),
    Reorganised("815", "E06000065", "North Yorkshire", dt.date(2023, 4, 1)),
    Reorganised("933", "E06000066", "Somerset", dt.date(2023, 4, 1)),
    Reorganised("370", "E08000038", "Barnsley", dt.date(2025, 5, 1)),
    Reorganised("373", "E08000039", "Sheffield", dt.date(2025, 5, 1)),
)
"""Councils formed or given new ONS codes since 2009, with their DfE and ONS codes (DfE's
list of local authorities). Those without ``within`` kept their DfE code: the same
council under a new ONS code (Gateshead and Northumberland after the 2013 boundary change,
Buckinghamshire, North Yorkshire and Somerset on becoming unitary, Barnsley and Sheffield
after the 2025 boundary change)."""

ABSORBED = {"837": "839", "836": "839"}
"""2009 councils wholly inside one later council: Bournemouth and Poole, now in BCP."""

CUMBERLAND, WESTMORLAND_AND_FURNESS, CUMBRIA = "942", "943", "909"

CUMBRIA_CONSTITUENCIES = {
    "barrow and furness": WESTMORLAND_AND_FURNESS,
    "carlisle": CUMBERLAND,
    "copeland": CUMBERLAND,
    "workington": CUMBERLAND,
    "westmorland and lonsdale": WESTMORLAND_AND_FURNESS,
}
"""Cumbria's parliamentary constituencies (2010-2024 boundaries) that lie wholly in one of
its two successors. Penrith and The Border is not here: it took in Eden (now Westmorland
and Furness) and parts of Carlisle and Allerdale (now Cumberland)."""

CUMBRIA_TOWNS = {
    **dict.fromkeys(
        (
            "carlisle",
            "brampton",
            "longtown",
            "dalston",
            "wigton",
            "silloth",
            "aspatria",
            "workington",
            "maryport",
            "cockermouth",
            "keswick",
            "whitehaven",
            "egremont",
            "cleator moor",
            "millom",
        ),
        CUMBERLAND,
    ),
    **dict.fromkeys(
        (
            "penrith",
            "appleby",
            "appleby in westmorland",
            "alston",
            "kirkby stephen",
            "shap",
            "kendal",
            "windermere",
            "ambleside",
            "grange over sands",
            "milnthorpe",
            "kirkby lonsdale",
            "sedbergh",
            "ulverston",
            "barrow in furness",
            "dalton in furness",
        ),
        WESTMORLAND_AND_FURNESS,
    ),
}
"""Cumbria's towns by successor (Allerdale, Carlisle and Copeland became Cumberland;
Barrow-in-Furness, Eden and South Lakeland became Westmorland and Furness)."""

_REDACTED = {"redacted", ""}


@dataclass(frozen=True)
class Known:
    """A council a file means, by its DfE code, whichever geography it belongs to."""

    la_code: str
    name: str


@dataclass(frozen=True)
class Placement:
    """Where a row goes in the vintage: a council code, or the reason it is skipped."""

    la_code: str | None
    skipped: str | None = None


class Councils:
    """Identify the councils published files name, and place them in one geography."""

    def __init__(self, places: Geography) -> None:
        self.places = places

    @cached_property
    def _others(self) -> tuple[Geography, ...]:
        return tuple(geography(v) for v in vintages() if v != self.places.vintage)

    @cached_property
    def _former(self) -> Geography:
        return geography(DEFAULT_VINTAGE)

    @cached_property
    def _reorganised_by_name(self) -> dict[str, Reorganised]:
        return {normalise_council_name(r.name): r for r in REORGANISED}

    def identify(
        self,
        *,
        name: str | None = None,
        ons: str | None = None,
        code: str | None = None,
        era: Era = Era.ANY,
    ) -> Known | None:
        """Return the council a DfE code, an ONS code or a name means, or ``None``.

        Args:
            name: the council's name as the file writes it.
            ons: its nine-character ONS code.
            code: its three-digit DfE code.
            era: which of two councils of the same name the file means.
        """
        if code is not None:
            return self._by_code(code.strip())
        if ons is not None:
            return self._by_ons(ons.strip().upper())
        if name is None:
            return None
        key = normalise_council_name(name)
        later = self._reorganised_by_name.get(key)
        if era is Era.CURRENT and later is not None:
            return Known(later.la_code, later.name)
        order = (self.places, *self._others)
        if era is Era.FORMER:
            order = (self._former, *order)
        for places in order:
            found = places.by_name(name)
            if found is not None:
                return _known(found)
        return Known(later.la_code, later.name) if later is not None else None

    def council(self, known: Known) -> Placement:
        """Place a council-level row: only in the council itself."""
        if self.places.is_council_code(known.la_code):
            return Placement(known.la_code)
        return Placement(None, self.not_in_vintage(known))

    def location(
        self, known: Known, *, constituency: str | None = None, town: str | None = None
    ) -> Placement:
        """Place a setting: in its council, or in the one council of the vintage covering
        all of its council's area, or (for Cumbria) by constituency or town."""
        places = self.places
        if places.is_council_code(known.la_code):
            return Placement(known.la_code)
        later = next((r for r in REORGANISED if r.la_code == known.la_code), None)
        if later is not None and later.within and places.is_council_code(later.within):
            return Placement(later.within)
        successor = ABSORBED.get(known.la_code)
        if successor is not None and places.is_council_code(successor):
            return Placement(successor)
        parts = (CUMBERLAND, WESTMORLAND_AND_FURNESS)
        if known.la_code == CUMBRIA and all(places.is_council_code(p) for p in parts):
            return _cumbria(constituency, town)
        return Placement(None, self.not_in_vintage(known))

    def not_in_vintage(self, known: Known) -> str:
        """The reason a row of a council the vintage lacks is skipped."""
        return f"council not in the {self.places.vintage} geography: {known.name} ({known.la_code})"

    def _by_code(self, code: str) -> Known | None:
        for places in (self.places, *self._others):
            if places.is_council_code(code):
                return _known(places.council(code))
        later = next((r for r in REORGANISED if r.la_code == code), None)
        return Known(later.la_code, later.name) if later is not None else None

    def _by_ons(self, ons: str) -> Known | None:
        for places in (self.places, *self._others):
            found = places.find(ons)
            if found is not None and found.ons_code.upper() == ons:
                return _known(found)
        later = next((r for r in REORGANISED if r.ons_code == ons), None)
        return Known(later.la_code, later.name) if later is not None else None


CUMBRIA_NOT_PLACED = (
    "Cumbria setting not placed in Cumberland or Westmorland and Furness (its constituency "
    "spans both or is not given, and its town is redacted or not known)"
)
"""The reason a Cumbria setting is skipped in a vintage with Cumbria's successors."""


def _cumbria(constituency: str | None, town: str | None) -> Placement:
    key = " ".join((constituency or "").lower().split())
    if key in CUMBRIA_CONSTITUENCIES:
        return Placement(CUMBRIA_CONSTITUENCIES[key])
    place = " ".join((town or "").lower().replace("-", " ").split())
    if place not in _REDACTED and place in CUMBRIA_TOWNS:
        return Placement(CUMBRIA_TOWNS[place])
    return Placement(None, CUMBRIA_NOT_PLACED)


def _known(council: Council) -> Known:
    return Known(str(council.la_code), council.name)
