"""Councils, statistical neighbours and hex positions, keyed by a geography's vintage.

A *vintage* is the set of children's services authorities in force at a date: ``"2009"``
is the 152 councils of 9 December 2009; later vintages follow the reorganisations since.
Each vintage ships its own councils, name spellings, neighbour model and hex map in
``reference/data/<vintage>/``. Nothing here assumes how many councils a vintage has.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from enum import Enum
from functools import cache, cached_property

from csrating.errors import Problem, UnknownCouncil, UsageError
from csrating.reference._files import read_rows, read_text
from csrating.types import LaCode, OnsCode

DEFAULT_VINTAGE = "2009"
"""The geography of the annual ratings of 2009-2011."""


class CouncilType(Enum):
    """The kind of council, as DfE's local authority list codes it."""

    SHIRE_COUNTY = "SC"
    UNITARY = "UA"
    METROPOLITAN_DISTRICT = "MD"
    INNER_LONDON_BOROUGH = "ILB"
    OUTER_LONDON_BOROUGH = "OLB"

    @property
    def label(self) -> str:
        """The type in words, e.g. ``"shire county"``."""
        return _TYPE_LABELS[self]


_TYPE_LABELS = {
    CouncilType.SHIRE_COUNTY: "shire county",
    CouncilType.UNITARY: "unitary authority",
    CouncilType.METROPOLITAN_DISTRICT: "metropolitan district",
    CouncilType.INNER_LONDON_BOROUGH: "inner London borough",
    CouncilType.OUTER_LONDON_BOROUGH: "outer London borough",
}


@dataclass(frozen=True)
class Council:
    """A children's services authority of one vintage.

    ``name`` is the short name used in tables ("Bristol"); ``council_name`` is the style
    the council uses of itself, as a letter addresses it ("Bristol City Council").
    """

    la_code: LaCode
    ons_code: OnsCode
    name: str
    region_code: OnsCode
    region: str
    type: CouncilType
    council_name: str
    vintage: str = DEFAULT_VINTAGE


@dataclass(frozen=True)
class HexPosition:
    """A council's cell on the hex grid: column ``q``, row ``r`` (north is larger)."""

    la_code: LaCode
    q: int
    r: int


@dataclass(frozen=True)
class Geography:
    """The councils of one vintage, their statistical neighbours and hex map."""

    vintage: str
    title: str
    in_force: dt.date
    description: str
    councils: tuple[Council, ...]
    _neighbours: dict[LaCode, tuple[LaCode, ...]] = field(repr=False, compare=False)
    _names: dict[str, LaCode] = field(repr=False, compare=False)

    @cached_property
    def _by_code(self) -> dict[LaCode, Council]:
        return {c.la_code: c for c in self.councils}

    @cached_property
    def _by_ons(self) -> dict[str, Council]:
        return {c.ons_code.upper(): c for c in self.councils}

    @property
    def codes(self) -> tuple[LaCode, ...]:
        """Every council's DfE code, in code order."""
        return tuple(c.la_code for c in self.councils)

    def is_council_code(self, code: str) -> bool:
        """Whether ``code`` is the DfE code of a council of this vintage."""
        return code in self._by_code

    def council(self, code: str) -> Council:
        """Return the council with DfE code ``code``.

        Raises:
            UnknownCouncil: ``code`` is not the DfE code of a council of this vintage.
        """
        found = self._by_code.get(LaCode(code))
        if found is None:
            raise UnknownCouncil([self.unknown(code)])
        return found

    def unknown(self, text: str) -> Problem:
        """Return the problem that says ``text`` names no council of this vintage."""
        return Problem("council", None, None, text, f"is not one of the {self.title}")

    def find(self, text: str) -> Council | None:
        """Return the council ``text`` names: a DfE code, an ONS code or a name.

        Names match in any spelling the sources use ("Bristol, City of", "City of
        Bristol", "bristol"). Returns ``None`` when nothing matches.
        """
        key = text.strip()
        if key in self._by_code:
            return self._by_code[LaCode(key)]
        if key.upper() in self._by_ons:
            return self._by_ons[key.upper()]
        code = self._names.get(normalise_council_name(key))
        return self._by_code.get(code) if code is not None else None

    def by_name(self, name: str) -> Council | None:
        """Return the council a name refers to, or ``None`` (see :meth:`find`)."""
        code = self._names.get(normalise_council_name(name))
        return self._by_code.get(code) if code is not None else None

    def neighbours(self, code: str) -> tuple[LaCode, ...]:
        """Return the statistical neighbours of council ``code``, nearest first."""
        self.council(code)
        return self._neighbours.get(LaCode(code), ())

    @cached_property
    def hexes(self) -> tuple[HexPosition, ...]:
        """One hex-map position per council, in DfE code order."""
        return tuple(
            HexPosition(LaCode(row["la_code"]), int(row["q"]), int(row["r"]))
            for row in read_rows(f"{self.vintage}/hexmap.csv")
        )

    @cached_property
    def neighbour_model(self) -> dict[str, object]:
        """The neighbour model's provenance: its vintage, source and every code replaced."""
        model: dict[str, object] = json.loads(read_text(f"{self.vintage}/neighbour_model.json"))
        return model

    def __hash__(self) -> int:
        return hash(self.vintage)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Geography) and other.vintage == self.vintage


@cache
def _vintages() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads(read_text("vintages.json"))
    return data


def vintages() -> tuple[str, ...]:
    """Return the identifiers of the shipped geographies, oldest first."""
    return tuple(sorted(_vintages()))


@cache
def geography(vintage: str = DEFAULT_VINTAGE) -> Geography:
    """Return the shipped geography of ``vintage`` (e.g. ``"2009"``).

    Raises:
        UsageError: no geography of that vintage is shipped.
    """
    info = _vintages().get(str(vintage))
    if info is None:
        known = ", ".join(vintages())
        raise UsageError(f"no geography of vintage {vintage!r} (shipped: {known})")
    councils = tuple(
        Council(
            la_code=LaCode(row["la_code"]),
            ons_code=OnsCode(row["ons_code"]),
            name=row["name"],
            region_code=OnsCode(row["region_code"]),
            region=row["region"],
            type=CouncilType(row["type"]),
            council_name=row["council_name"],
            vintage=vintage,
        )
        for row in sorted(read_rows(f"{vintage}/councils.csv"), key=lambda r: r["la_code"])
    )
    links: dict[LaCode, list[LaCode]] = {}
    for row in sorted(read_rows(f"{vintage}/neighbours.csv"), key=lambda r: int(r["rank"])):
        links.setdefault(LaCode(row["la_code"]), []).append(LaCode(row["neighbour_la_code"]))
    names: dict[str, LaCode] = {}
    for c in councils:
        names[normalise_council_name(c.name)] = c.la_code
        names[normalise_council_name(c.council_name)] = c.la_code
    for row in read_rows(f"{vintage}/council_names.csv"):
        names[normalise_council_name(row["name"])] = LaCode(row["la_code"])
    return Geography(
        vintage=vintage,
        title=info["title"],
        in_force=dt.date.fromisoformat(info["in_force"]),
        description=info.get("description", ""),
        councils=councils,
        _neighbours={code: tuple(found) for code, found in links.items()},
        _names=names,
    )


def normalise_council_name(name: str) -> str:
    """Reduce a council name to a key that ignores case, punctuation and filler words.

    ``"Bristol, City of"``, ``"City of Bristol"`` and ``"BRISTOL"`` all give ``"bristol"``.
    """
    text = name.lower().replace("&", " and ").replace("-", " ")
    text = re.sub(r"[^a-z ]", " ", text)
    words = [w for w in text.split() if w not in _FILLER]
    return " ".join(words) or " ".join(text.split())


_FILLER = {"city", "of", "county", "council", "the", "borough", "royal", "london", "corporation"}


# The 2009 geography, as plain functions: the vintage of the annual ratings ----------------


def all_councils() -> tuple[Council, ...]:
    """Return the councils of 2009 in DfE code order (see :func:`geography` for others)."""
    return geography().councils


def is_council_code(code: str) -> bool:
    """Whether ``code`` is the DfE code of a council of 2009."""
    return geography().is_council_code(code)


def council(code: str) -> Council:
    """Return the council of 2009 with DfE code ``code``.

    Raises:
        UnknownCouncil: when ``code`` is not one of the councils of 2009.
    """
    return geography().council(code)


def council_by_name(name: str) -> Council | None:
    """Return the council of 2009 a name refers to, or ``None``."""
    return geography().by_name(name)


def neighbours(code: str) -> tuple[LaCode, ...]:
    """Return the ten statistical neighbours of council ``code`` (2009), nearest first."""
    return geography().neighbours(code)


def neighbour_model() -> dict[str, object]:
    """Return the 2009 neighbour model's provenance: vintage, source and codes replaced."""
    return geography().neighbour_model


def hex_positions() -> tuple[HexPosition, ...]:
    """Return one hex position per council of 2009, in DfE code order."""
    return geography().hexes


def attribution_lines() -> tuple[str, ...]:
    """Return the attribution lines every published output must carry."""
    return tuple(line for line in read_text("ATTRIBUTION.txt").splitlines() if line)
