"""What the demo generator assumes about each kind of setting.

How many there are in England, how they are shared among councils, how often they are
inspected, the national mix of grades at their latest inspection, how strongly a council's
strength shows in them, who runs them and what they are called. The figures are plausible
round numbers for England in 2009, not published statistics.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from statistics import NormalDist

from csrating.vocabulary import Sector, SettingType


class Allocation(Enum):
    """How a setting type's national total is shared among councils."""

    BY_SIZE = "by_size"  # drawn in proportion to each council's size
    ONE_PER_COUNCIL = "one_per_council"  # a council's own service: exactly one each
    WITHIN_SECONDARY = "within_secondary"  # a share of each council's secondary schools


@dataclass(frozen=True)
class GradeMix:
    """National shares of grades 1-4 at settings' latest inspections."""

    outstanding: float
    good: float
    satisfactory: float
    inadequate: float

    def as_tuple(self) -> tuple[float, float, float, float]:
        """The shares in grade order, 1 (outstanding) to 4 (inadequate)."""
        return (self.outstanding, self.good, self.satisfactory, self.inadequate)

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
    """The generator's assumptions about one setting type."""

    type: SettingType
    urn_prefix: str
    national_total: int
    allocation: Allocation
    interval_years: float
    grades: GradeMix
    strength_loading: float
    carries_outcomes: bool
    sectors: tuple[tuple[Sector, float], ...]
    minimum_per_council: int = 0
    registered_after_cut_off: float = 0.0
    outcome_shifts: tuple[float, float] = (-0.25, -0.10)
    """How much better (a negative latent shift) staying safe and enjoying and achieving are
    judged than overall effectiveness."""


def _mix(outstanding: float, good: float, satisfactory: float, inadequate: float) -> GradeMix:
    return GradeMix(outstanding, good, satisfactory, inadequate)


_LA = ((Sector.LOCAL_AUTHORITY, 1.0),)
_MAINTAINED = ((Sector.MAINTAINED, 1.0),)

SETTING_SPECS: tuple[SettingSpec, ...] = (
    SettingSpec(
        SettingType.CHILDMINDER, "11", 60_000, Allocation.BY_SIZE, 3.0,
        _mix(0.12, 0.55, 0.29, 0.04), 0.30, True, ((Sector.PRIVATE, 1.0),),
        minimum_per_council=1, registered_after_cut_off=0.02,
    ),
    SettingSpec(
        SettingType.CHILDCARE_NON_DOMESTIC, "12", 30_000, Allocation.BY_SIZE, 3.0,
        _mix(0.14, 0.54, 0.28, 0.04), 0.30, True,
        ((Sector.PRIVATE, 0.60), (Sector.VOLUNTARY, 0.35), (Sector.LOCAL_AUTHORITY, 0.05)),
        registered_after_cut_off=0.02,
    ),
    SettingSpec(
        SettingType.NURSERY_SCHOOL, "13", 420, Allocation.BY_SIZE, 3.0,
        _mix(0.40, 0.48, 0.11, 0.01), 0.35, True, _MAINTAINED,
    ),
    # Schools: about two thirds good or better at their latest inspection (Ofsted's annual
    # report for 2008/09 found 69% of the schools it inspected that year good or better).
    SettingSpec(
        SettingType.PRIMARY_SCHOOL, "14", 17_000, Allocation.BY_SIZE, 3.0,
        _mix(0.16, 0.50, 0.31, 0.03), 0.38, True,
        ((Sector.MAINTAINED, 0.995), (Sector.ACADEMY, 0.005)),
        minimum_per_council=1,
    ),
    SettingSpec(
        SettingType.SECONDARY_SCHOOL, "15", 3_300, Allocation.BY_SIZE, 3.0,
        _mix(0.20, 0.46, 0.28, 0.06), 0.38, True,
        ((Sector.MAINTAINED, 0.94), (Sector.ACADEMY, 0.06)),
    ),
    SettingSpec(
        SettingType.SCHOOL_SIXTH_FORM, "16", 1_800, Allocation.WITHIN_SECONDARY, 3.0,
        _mix(0.18, 0.50, 0.29, 0.03), 0.40, False, _MAINTAINED,
    ),
    SettingSpec(
        SettingType.SPECIAL_SCHOOL, "17", 1_000, Allocation.BY_SIZE, 3.0,
        _mix(0.30, 0.50, 0.17, 0.03), 0.35, True, _MAINTAINED,
    ),
    SettingSpec(
        SettingType.PUPIL_REFERRAL_UNIT, "18", 450, Allocation.BY_SIZE, 3.0,
        _mix(0.15, 0.50, 0.30, 0.05), 0.35, True, _LA,
        outcome_shifts=(-0.55, -0.05),  # pupils safer than they achieve: about 83% and 67%
    ),
    SettingSpec(
        SettingType.SIXTH_FORM_COLLEGE, "19", 95, Allocation.BY_SIZE, 4.0,
        _mix(0.30, 0.50, 0.18, 0.02), 0.30, False, _MAINTAINED,
    ),
    SettingSpec(
        SettingType.FURTHER_EDUCATION_COLLEGE, "20", 250, Allocation.BY_SIZE, 4.0,
        _mix(0.15, 0.50, 0.30, 0.05), 0.30, False, _MAINTAINED,
    ),
    SettingSpec(
        SettingType.CHILDRENS_HOME, "21", 1_900, Allocation.BY_SIZE, 0.5,
        _mix(0.15, 0.55, 0.25, 0.05), 0.30, False,
        ((Sector.LOCAL_AUTHORITY, 0.30), (Sector.PRIVATE, 0.60), (Sector.VOLUNTARY, 0.10)),
    ),
    SettingSpec(
        SettingType.SECURE_CHILDRENS_HOME, "22", 20, Allocation.BY_SIZE, 0.5,
        _mix(0.20, 0.50, 0.25, 0.05), 0.30, False, _LA,
    ),
    SettingSpec(
        SettingType.LA_FOSTERING_AGENCY, "LAF", 0, Allocation.ONE_PER_COUNCIL, 3.0,
        _mix(0.12, 0.55, 0.30, 0.03), 0.40, False, _LA,
    ),
    SettingSpec(
        SettingType.LA_ADOPTION_AGENCY, "LAA", 0, Allocation.ONE_PER_COUNCIL, 3.0,
        _mix(0.15, 0.55, 0.27, 0.03), 0.40, False, _LA,
    ),
    SettingSpec(
        SettingType.PRIVATE_FOSTERING, "PF", 0, Allocation.ONE_PER_COUNCIL, 3.0,
        _mix(0.05, 0.45, 0.42, 0.08), 0.40, False, _LA,
    ),
    SettingSpec(
        SettingType.RESIDENTIAL_SPECIAL_SCHOOL, "23", 80, Allocation.BY_SIZE, 1.0,
        _mix(0.20, 0.50, 0.25, 0.05), 0.20, False,
        ((Sector.PRIVATE, 0.5), (Sector.VOLUNTARY, 0.3), (Sector.MAINTAINED, 0.2)),
    ),
    SettingSpec(
        SettingType.INDEPENDENT_FOSTERING_AGENCY, "24", 300, Allocation.BY_SIZE, 3.0,
        _mix(0.15, 0.60, 0.22, 0.03), 0.20, False,
        ((Sector.PRIVATE, 0.8), (Sector.VOLUNTARY, 0.2)),
    ),
    SettingSpec(
        SettingType.VOLUNTARY_ADOPTION_AGENCY, "25", 30, Allocation.BY_SIZE, 3.0,
        _mix(0.30, 0.55, 0.13, 0.02), 0.20, False, ((Sector.VOLUNTARY, 1.0),),
    ),
)  # fmt: skip
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


def pooled_mix(types: tuple[SettingType, ...]) -> tuple[float, float, float, float]:
    """The national grade mix of several setting types together, weighted by their totals."""
    weights = [max(spec_for(t).national_total, 152) for t in types]
    total = sum(weights)
    mixes = [spec_for(t).grades.as_tuple() for t in types]
    return (
        sum(w * m[0] for w, m in zip(weights, mixes, strict=True)) / total,
        sum(w * m[1] for w, m in zip(weights, mixes, strict=True)) / total,
        sum(w * m[2] for w, m in zip(weights, mixes, strict=True)) / total,
        sum(w * m[3] for w, m in zip(weights, mixes, strict=True)) / total,
    )
