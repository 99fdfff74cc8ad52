"""The catalogue of National Indicators used in Block C of the profile."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

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


@cache
def _catalogue() -> dict[IndicatorId, Indicator]:
    out = {}
    for row in read_rows("indicators.csv"):
        ident = IndicatorId(row["indicator"])
        out[ident] = Indicator(
            id=ident,
            title=row["title"],
            outcome=EcmOutcome(row["ecm_outcome"]),
            higher_is_better=row["polarity"] == "higher",
            unit=row["unit"],
            decimals=int(row["decimals"]),
            vulnerable_gap=row["vulnerable_gap"] == "yes",
        )
    return out


def indicator_catalogue() -> tuple[Indicator, ...]:
    """Return every catalogue indicator, grouped by ECM outcome in catalogue order."""
    return tuple(_catalogue().values())


def indicator(ident: str) -> Indicator:
    """Return the catalogue entry for ``ident`` (e.g. ``"NI059"``).

    Raises:
        BadValue: when ``ident`` is not in the catalogue.
    """
    try:
        return _catalogue()[IndicatorId(ident)]
    except KeyError:
        problem = Problem("indicator", None, None, ident, "is not in the indicator catalogue")
        raise BadValue([problem]) from None
