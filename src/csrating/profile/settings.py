"""What a framework tells the profile builder: cut-off date, scope, tolerances, bands."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from csrating.reference import DEFAULT_CATALOGUE, DEFAULT_VINTAGE
from csrating.vocabulary import SettingType

SettingGroups = tuple[tuple[str, str, tuple[SettingType, ...]], ...]
"""(group id, label, member setting types) for each Block A group."""

DEFAULT_GROUPS: SettingGroups = (
    (
        "early_years",
        "early years and childcare",
        (
            SettingType.CHILDMINDER,
            SettingType.CHILDCARE_NON_DOMESTIC,
            SettingType.NURSERY_SCHOOL,
        ),
    ),
    ("primary", "primary schools", (SettingType.PRIMARY_SCHOOL,)),
    ("secondary", "secondary schools", (SettingType.SECONDARY_SCHOOL,)),
    (
        "post_16",
        "post-16 provision",
        (
            SettingType.SCHOOL_SIXTH_FORM,
            SettingType.SIXTH_FORM_COLLEGE,
            SettingType.FURTHER_EDUCATION_COLLEGE,
        ),
    ),
    (
        "vulnerable",
        "provision for children whose circumstances make them vulnerable",
        (
            SettingType.SPECIAL_SCHOOL,
            SettingType.PUPIL_REFERRAL_UNIT,
            SettingType.CHILDRENS_HOME,
            SettingType.SECURE_CHILDRENS_HOME,
            SettingType.LA_FOSTERING_AGENCY,
            SettingType.LA_ADOPTION_AGENCY,
            SettingType.PRIVATE_FOSTERING,
            SettingType.RESIDENTIAL_SPECIAL_SCHOOL,
            SettingType.INDEPENDENT_FOSTERING_AGENCY,
            SettingType.VOLUNTARY_ADOPTION_AGENCY,
        ),
    ),
)

SINGLE_SERVICES: tuple[SettingType, ...] = (
    SettingType.LA_FOSTERING_AGENCY,
    SettingType.LA_ADOPTION_AGENCY,
    SettingType.PRIVATE_FOSTERING,
)
"""Services a council has exactly one of: the profile carries their grade."""

COUNCIL_RUN_SCOPE: frozenset[SettingType] = frozenset(
    {
        SettingType.CHILDMINDER,
        SettingType.CHILDCARE_NON_DOMESTIC,
        SettingType.NURSERY_SCHOOL,
        SettingType.PRIMARY_SCHOOL,
        SettingType.SECONDARY_SCHOOL,
        SettingType.SPECIAL_SCHOOL,
        SettingType.PUPIL_REFERRAL_UNIT,
        SettingType.SCHOOL_SIXTH_FORM,
        SettingType.SIXTH_FORM_COLLEGE,
        SettingType.FURTHER_EDUCATION_COLLEGE,
        SettingType.CHILDRENS_HOME,
        SettingType.SECURE_CHILDRENS_HOME,
        SettingType.LA_FOSTERING_AGENCY,
        SettingType.LA_ADOPTION_AGENCY,
        SettingType.PRIVATE_FOSTERING,
    }
)
"""The 2009 scope: services and settings for which the council has strategic or
operational responsibility."""


@dataclass(frozen=True)
class IndicatorBands:
    """Fixed cut-offs that put an indicator's value in band 1 (weakest) to 4 (strongest).

    ``cutoffs`` are three ascending values; with ``higher_is_better`` a value at or above
    ``cutoffs[2]`` is band 4, for lower-is-better indicators a value at or below
    ``cutoffs[0]`` is band 4.
    """

    cutoffs: tuple[float, float, float]

    def band(self, value: float, *, higher_is_better: bool) -> int:
        """Return the band (1-4, 4 strongest) of ``value``."""
        low, middle, high = self.cutoffs
        if higher_is_better:
            return 4 if value >= high else 3 if value >= middle else 2 if value >= low else 1
        return 4 if value <= low else 3 if value <= middle else 2 if value <= high else 1


@dataclass(frozen=True)
class ShareSource:
    """Where a Block A group's share comes from when only a share is published.

    ``parts`` pairs each share indicator (a percentage of children in good or outstanding
    provision) with the indicator counting the children it is a share of; several parts
    (2-year-olds; 3- and 4-year-olds) are pooled, weighted by those counts.
    """

    group: str
    parts: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ProfileSettings:
    """Everything the profile builder needs from a framework; pure data.

    ``as_at`` is the data cut-off for settings and indicators; council-level inspections
    count when published up to ``decision_date`` (the rating's decision, about a week
    before publication), which defaults to ``as_at``.
    """

    as_at: dt.date
    scope: frozenset[SettingType] = COUNCIL_RUN_SCOPE
    groups: SettingGroups = DEFAULT_GROUPS
    block_a_tolerance_points: float = 5.0
    indicator_tolerance: float = 0.05
    indicator_bands: dict[str, IndicatorBands] = field(default_factory=dict)
    vintage: str = DEFAULT_VINTAGE
    catalogue: str = DEFAULT_CATALOGUE
    decision_date: dt.date | None = None
    block_a_shares: tuple[ShareSource, ...] = ()

    @property
    def council_inspections_to(self) -> dt.date:
        """The last publication date of council-level inspections the profile counts."""
        return self.decision_date or self.as_at

    def __hash__(self) -> int:
        return hash(
            (
                self.as_at,
                self.scope,
                self.groups,
                self.block_a_tolerance_points,
                self.indicator_tolerance,
                tuple(sorted((k, v.cutoffs) for k, v in self.indicator_bands.items())),
                self.vintage,
                self.catalogue,
                self.decision_date,
                self.block_a_shares,
            )
        )
