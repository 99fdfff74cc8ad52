"""Indicator catalogues: the measures Block C of the profile may use, by catalogue name.

``"ni"`` is the National Indicator Set of 2008-2010 used by the annual ratings; other
catalogues (such as today's DfE measures) ship beside it in ``reference/data/catalogues``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from csrating.errors import BadValue, Problem
from csrating.reference._files import read_rows
from csrating.scales import EcmOutcome
from csrating.types import IndicatorId


@dataclass(frozen=True)
class Indicator:
    """One National Indicator: what it measures and which way is better."""

    id: IndicatorId
    title: str
    outcome: EcmOutcome
    higher_is_better: bool
    unit: str
    decimals: int
    vulnerable_gap: bool
    use: str = "block_c"  # "block_c", or "block_a:GROUP" for a share feeding Block A

    @property
    def in_block_c(self) -> bool:
        """Whether the indicator is one of Block C's (not a Block A share or denominator)."""
        return self.use == "block_c"


DEFAULT_CATALOGUE = "ni"
"""The National Indicator Set, the catalogue of the 2009-2011 ratings."""


@cache
def _catalogue(name: str = DEFAULT_CATALOGUE) -> dict[IndicatorId, Indicator]:
    out = {}
    for row in read_rows(f"catalogues/{name}.csv"):
        ident = IndicatorId(row["indicator"])
        out[ident] = Indicator(
            id=ident,
            title=row["title"],
            outcome=EcmOutcome(row["ecm_outcome"]),
            higher_is_better=row["polarity"] == "higher",
            unit=row["unit"],
            decimals=int(row["decimals"]),
            vulnerable_gap=row["vulnerable_gap"] == "yes",
            use=row.get("use") or "block_c",
        )
    return out


def catalogues() -> tuple[str, ...]:
    """Return the names of the shipped indicator catalogues."""
    folder = resources.files("csrating.reference").joinpath("data", "catalogues")
    return tuple(
        sorted(p.name.removesuffix(".csv") for p in folder.iterdir() if p.name.endswith(".csv"))
    )


def indicator_catalogue(name: str = DEFAULT_CATALOGUE) -> tuple[Indicator, ...]:
    """Return every indicator of catalogue ``name``, grouped by ECM outcome in order."""
    return tuple(_catalogue(name).values())


def indicator(ident: str, catalogue: str = DEFAULT_CATALOGUE) -> Indicator:
    """Return the catalogue entry for ``ident`` (e.g. ``"NI059"``).

    Raises:
        BadValue: when ``ident`` is not in the catalogue.
    """
    try:
        return _catalogue(catalogue)[IndicatorId(ident)]
    except KeyError:
        problem = Problem("indicator", None, None, ident, "is not in the indicator catalogue")
        raise BadValue([problem]) from None
