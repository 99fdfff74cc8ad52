"""What the demo generator assumes about each kind of setting (``data/setting_types.csv``).

How many there are in England, how they are shared among councils, how often they are
inspected, the national mix of grades at their latest inspection, how strongly a council's
strength shows in them, who runs them and what they are called. The figures are plausible
round numbers for England in 2009, not published statistics.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from enum import Enum
from importlib import resources
from statistics import NormalDist
from typing import NamedTuple

from csrating.vocabulary import Sector, SettingType


class Allocation(Enum):
    """How a setting type's national total is shared among councils."""

    BY_SIZE = "by_size"  # drawn in proportion to each council's size
    ONE_PER_COUNCIL = "one_per_council"  # a council's own service: exactly one each
    WITHIN_SECONDARY = "within_secondary"  # a share of each council's secondary schools


class GradeMix(NamedTuple):
    """National shares of grades 1-4 at settings' latest inspections."""

    outstanding: float
    good: float
    satisfactory: float
    inadequate: float

    def cut_points(self) -> tuple[float, float, float]:
        """Standard normal cut points that turn a latent quality into these shares.

        A latent value below the first cut point is outstanding, below the second good, and
        so on (a larger latent value is worse).
        """
        normal = NormalDist()
        first = self.outstanding
        second = first + self.good
        third = second + self.satisfactory
        return (normal.inv_cdf(first), normal.inv_cdf(second), normal.inv_cdf(third))


@dataclass(frozen=True)
class SettingSpec:
    """The generator's assumptions about one setting type (a row of the table)."""

    type: SettingType
    urn_prefix: str
    national_total: int
    allocation: Allocation
    interval_years: float
    grades: GradeMix
    strength_loading: float
    carries_outcomes: bool
    minimum_per_council: int
    registered_after_cut_off: float
    outcome_shifts: tuple[float, float]
    """How much better (a negative latent shift) staying safe and enjoying and achieving are
    judged than overall effectiveness."""
    sectors: tuple[tuple[Sector, float], ...]  # who runs them, with weights
    name_endings: tuple[str, ...]  # " Primary School", drawn with equal chance


def _load_specs() -> tuple[SettingSpec, ...]:
    """Read ``data/setting_types.csv``: one row per setting type, in table order."""
    text = resources.files("csrating.demo").joinpath("data", "setting_types.csv")
    specs = []
    for row in csv.DictReader(text.read_text("utf-8").splitlines()):
        safe, enjoy = (float(shift) for shift in row["outcome_shifts"].split())
        sectors = (part.split(":") for part in row["sectors"].split())
        specs.append(
            SettingSpec(
                type=SettingType(row["setting_type"]),
                urn_prefix=row["urn_prefix"],
                national_total=int(row["national_total"]),
                allocation=Allocation(row["allocation"]),
                interval_years=float(row["interval_years"]),
                grades=GradeMix(*(float(share) for share in row["grades"].split())),
                strength_loading=float(row["strength_loading"]),
                carries_outcomes=row["carries_outcomes"] == "yes",
                minimum_per_council=int(row["minimum_per_council"]),
                registered_after_cut_off=float(row["registered_after_cut_off"]),
                outcome_shifts=(safe, enjoy),
                sectors=tuple((Sector(sector), float(weight)) for sector, weight in sectors),
                name_endings=tuple(f" {end}" for end in row["name_endings"].split("|") if end),
            )
        )
    return tuple(specs)


SETTING_SPECS = _load_specs()
"""Every setting type the demo dataset holds, in the order tables list them."""

SPEC_INDEX: dict[SettingType, int] = {spec.type: i for i, spec in enumerate(SETTING_SPECS)}
"""Position of each setting type in :data:`SETTING_SPECS`."""

PERSISTENCE = 0.6
"""Share of a setting's latent quality that carries from one inspection to the next."""

OUTCOME_LOADING = 0.8
"""How closely staying safe and enjoying and achieving follow overall effectiveness."""


def spec_for(setting_type: SettingType) -> SettingSpec:
    """Return the spec of ``setting_type``."""
    return SETTING_SPECS[SPEC_INDEX[setting_type]]


def pooled_mix(types: tuple[SettingType, ...]) -> tuple[float, ...]:
    """The national grade mix of several setting types together, weighted by their totals."""
    weights = [max(spec_for(t).national_total, 152) for t in types]
    total = sum(weights)
    mixes = [spec_for(t).grades for t in types]
    return tuple(
        sum(w * m[grade] for w, m in zip(weights, mixes, strict=True)) / total for grade in range(4)
    )
