"""The 152 councils of 9 December 2009 and their statistical neighbours."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import Enum
from functools import cache

from csrating.errors import Problem, UnknownCouncil
from csrating.reference._files import read_rows, read_text
from csrating.types import LaCode, OnsCode


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
    """A children's services authority as it stood on 9 December 2009."""

    la_code: LaCode
    ons_code: OnsCode
    name: str
    region_code: OnsCode
    region: str
    type: CouncilType

    @property
    def council_name(self) -> str:
        """The council's name as a letter addresses it, e.g. ``"Worcestershire County Council"``."""
        if self.type is CouncilType.SHIRE_COUNTY:
            return f"{self.name} County Council"
        if self.name == "City of London":
            return "City of London Corporation"
        return f"{self.name} Council"


@cache
def _councils() -> dict[LaCode, Council]:
    out: dict[LaCode, Council] = {}
    for row in read_rows("councils.csv"):
        code = LaCode(row["la_code"])
        out[code] = Council(
            la_code=code,
            ons_code=OnsCode(row["ons_code"]),
            name=row["name"],
            region_code=OnsCode(row["region_code"]),
            region=row["region"],
            type=CouncilType(row["type"]),
        )
    return out


def all_councils() -> tuple[Council, ...]:
    """Return the 152 councils in DfE code order."""
    return tuple(_councils().values())


def is_council_code(code: str) -> bool:
    """Whether ``code`` is the DfE code of one of the 152 councils."""
    return code in _councils()


def council(code: str) -> Council:
    """Return the council with DfE code ``code``.

    Raises:
        UnknownCouncil: when ``code`` is not one of the 152 councils of 2009.
    """
    try:
        return _councils()[LaCode(code)]
    except KeyError:
        problem = Problem(
            "council code", None, None, code, "is not the DfE code of a council of 2009"
        )
        raise UnknownCouncil([problem]) from None


def normalise_council_name(name: str) -> str:
    """Reduce a council name to a key that ignores case, punctuation and filler words.

    ``"Bristol, City of"``, ``"City of Bristol"`` and ``"BRISTOL"`` all give ``"bristol"``.
    """
    text = name.lower().replace("&", " and ").replace("-", " ")
    text = re.sub(r"[^a-z ]", " ", text)
    words = [w for w in text.split() if w not in _FILLER]
    return " ".join(words)


_FILLER = {"city", "of", "county", "council", "the", "borough", "royal", "london"}


@cache
def _names() -> dict[str, LaCode]:
    keys: dict[str, LaCode] = {}
    for row in read_rows("council_names.csv"):
        keys[normalise_council_name(row["name"])] = LaCode(row["la_code"])
    keys[normalise_council_name("City of London")] = LaCode("201")
    return keys


def council_by_name(name: str) -> Council | None:
    """Return the council a name refers to, in any of the spellings the sources use.

    Returns:
        The council, or ``None`` when no council of 2009 has that name.
    """
    code = _names().get(normalise_council_name(name))
    return _councils()[code] if code is not None else None


@cache
def _neighbours() -> dict[LaCode, tuple[LaCode, ...]]:
    out: dict[LaCode, list[LaCode]] = {}
    for row in sorted(read_rows("neighbours.csv"), key=lambda r: int(r["rank"])):
        out.setdefault(LaCode(row["la_code"]), []).append(LaCode(row["neighbour_la_code"]))
    return {code: tuple(codes) for code, codes in out.items()}


def neighbours(code: str) -> tuple[LaCode, ...]:
    """Return the ten statistical neighbours of council ``code``, nearest first."""
    council(code)
    return _neighbours()[LaCode(code)]


def neighbour_model() -> dict[str, object]:
    """Return the neighbour model's provenance: vintage, source and every code replaced."""
    model: dict[str, object] = json.loads(read_text("neighbour_model.json"))
    return model


def attribution_lines() -> tuple[str, ...]:
    """Return the attribution lines every published output must carry."""
    return tuple(line for line in read_text("ATTRIBUTION.txt").splitlines() if line)
