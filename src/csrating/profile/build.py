"""Build performance profiles for every council of a geography from a dataset.

England and similar-areas figures need every council, so profiles are built together.
:func:`profile_basis` keeps the national work (each setting's latest inspection, grade
counts, comparators) beside the profiles, so one council's profile can be rebuilt with
changed evidence in milliseconds (see :mod:`csrating.whatif`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property

import polars as pl

from csrating.ingest.dataset import Dataset
from csrating.profile.block_a import BlockABasis, block_a_basis, block_a_lines, latest_inspections
from csrating.profile.block_b import EMPTY_BLOCK_B, build_block_b
from csrating.profile.block_c import BlockCBasis, block_c_basis, block_c_lines
from csrating.profile.model import BlockA, BlockALine, BlockB, BlockC, PerformanceProfile
from csrating.profile.settings import ProfileSettings
from csrating.profile.shares import share_lines
from csrating.reference import Geography, geography
from csrating.types import LaCode

EMPTY_BLOCK_A = BlockA((), ())
EMPTY_BLOCK_C = BlockC(None, None, (), (), None)

BLOCK_TABLES = {"A": "inspections", "B": "council_inspections", "C": "indicators"}
"""The dataset table each block of the profile is built from."""


@dataclass(frozen=True)
class ProfileBasis:
    """Every council's profile with the national work behind it."""

    settings: ProfileSettings
    places: Geography
    latest: pl.DataFrame  # each in-scope setting's latest inspection
    block_a: BlockABasis
    block_b: Mapping[LaCode, BlockB]
    block_c: BlockCBasis
    data_blocks: frozenset[str]
    profiles: Mapping[LaCode, PerformanceProfile]
    shares: Mapping[LaCode, Mapping[str, BlockALine]] = field(default_factory=dict)

    @cached_property
    def _latest_by_council(self) -> dict[str, pl.DataFrame]:
        parts = self.latest.partition_by("la_code", as_dict=True, maintain_order=False)
        return {str(key[0]): part for key, part in parts.items()}

    def latest_of(self, la_code: LaCode) -> pl.DataFrame:
        """Return the council's in-scope settings at their latest inspection.

        The first call splits the national table by council once, so later calls do not
        grow with the number of inspections.
        """
        return self._latest_by_council.get(la_code, self.latest.clear())

    def rebuilt(
        self,
        la_code: LaCode,
        *,
        counts: pl.DataFrame | None = None,
        england_counts: pl.DataFrame | None = None,
        indicators: pl.DataFrame | None = None,
        shares: Mapping[str, BlockALine] | None = None,
    ) -> PerformanceProfile:
        """Return council ``la_code``'s profile rebuilt from changed national work.

        Args:
            la_code: the council.
            counts: the council's Block A grade counts, if changed (rows of
                ``block_a.counts`` for this council).
            england_counts: England's pooled Block A counts, if changed.
            indicators: the council's Block C rows, if changed (rows of
                ``block_c.table`` for this council).
            shares: the council's Block A lines from published shares, if changed (they
                may add groups to :attr:`shares`, never take them away).
        """
        profile = self.profiles[la_code]
        own = self.shares.get(la_code, {}) if shares is None else shares
        if counts is not None:
            block_a = block_a_lines(self.block_a, self.settings, counts, england_counts)
            lines = block_a.get(la_code, BlockA((), profile.block_a.single_services))
            profile = replace(profile, block_a=with_shares(lines, own, self.settings))
        elif shares is not None:  # the lines the old shares replaced, the new ones replace too
            profile = replace(profile, block_a=with_shares(profile.block_a, own, self.settings))
        if own and "A" not in profile.data_blocks:
            profile = replace(profile, data_blocks=profile.data_blocks | {"A"})
        if indicators is not None:
            block_c = block_c_lines(self.block_c, self.settings, indicators)
            profile = replace(profile, block_c=block_c.get(la_code, EMPTY_BLOCK_C))
        return profile


def profile_basis(dataset: Dataset, settings: ProfileSettings) -> ProfileBasis:
    """Build every council's profile as at ``settings.as_at``, keeping the national work.

    A council with no data gets empty blocks rather than no profile.
    """
    places = geography(settings.vintage)
    latest = latest_inspections(dataset.inspections, settings)
    basis_a = block_a_basis(latest, settings, places)
    block_a = block_a_lines(basis_a, settings)
    shares = share_lines(dataset.indicators, settings, places) if settings.block_a_shares else {}
    block_b = build_block_b(dataset.council_inspections, settings.council_inspections_to)
    basis_c = block_c_basis(dataset.indicators, settings, places)
    block_c = block_c_lines(basis_c, settings)
    data_blocks = frozenset(b for b, table in BLOCK_TABLES.items() if table in dataset.present)
    if shares:
        data_blocks |= {"A"}
    profiles = {
        c.la_code: PerformanceProfile(
            la_code=c.la_code,
            name=c.name,
            as_at=settings.as_at,
            neighbours=places.neighbours(c.la_code),
            block_a=with_shares(
                block_a.get(c.la_code, EMPTY_BLOCK_A), shares.get(c.la_code, {}), settings
            ),
            block_b=block_b.get(c.la_code, EMPTY_BLOCK_B),
            block_c=block_c.get(c.la_code, EMPTY_BLOCK_C),
            vintage=places.vintage,
            data_blocks=data_blocks,
            decision_date=settings.council_inspections_to,
        )
        for c in places.councils
    }
    return ProfileBasis(
        settings, places, latest, basis_a, block_b, basis_c, data_blocks, profiles, shares
    )


def with_shares(
    block: BlockA, shares: Mapping[str, BlockALine], settings: ProfileSettings
) -> BlockA:
    """Return Block A with the group lines the framework takes from published shares."""
    if not shares:
        return block
    order = {gid: n for n, (gid, _, _) in enumerate(settings.groups)}
    lines = [line for line in block.lines if line.key not in shares]
    groups = sorted(
        [line for line in lines if line.is_group] + list(shares.values()),
        key=lambda line: order.get(line.key, len(order)),
    )
    types = [line for line in lines if not line.is_group]
    return BlockA((*types, *groups), block.single_services)


def build_profiles(dataset: Dataset, settings: ProfileSettings) -> dict[LaCode, PerformanceProfile]:
    """Return the profile of every council of the settings' geography."""
    return dict(profile_basis(dataset, settings).profiles)


def build_profile(dataset: Dataset, la_code: str, settings: ProfileSettings) -> PerformanceProfile:
    """Return one council's profile (comparators still come from every council)."""
    code = geography(settings.vintage).council(la_code).la_code
    return profile_basis(dataset, settings).profiles[code]
