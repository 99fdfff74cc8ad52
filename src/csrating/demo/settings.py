"""The settings of the demo dataset: how many of each type each council has, and who they are."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl

from csrating.demo.council_profiles import CouncilProfiles
from csrating.demo.facts import PublishedFacts
from csrating.demo.names import setting_names
from csrating.demo.setting_specs import SETTING_SPECS, SPEC_INDEX, Allocation, SettingSpec
from csrating.vocabulary import Sector, SettingType

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Settings:
    """Every setting, one entry per setting in every array and in ``table``."""

    council: IntArray  # position of the setting's council
    type_index: IntArray  # position of the setting's type in SETTING_SPECS
    pinned: BoolArray  # its latest grade is fixed by a published fact
    table: pl.DataFrame  # urn, la_code, setting_type, sector, name

    @property
    def count(self) -> int:
        """The number of settings."""
        return len(self.council)


def build_settings(
    profiles: CouncilProfiles,
    facts: PublishedFacts,
    scale: float,
    rng: np.random.Generator,
) -> Settings:
    """Draw every council's settings of every type, with URNs, names and sectors.

    Numbers are drawn in proportion to council size and multiplied by ``scale``; the seed
    councils' pinned types get exactly the numbers their letters state, whatever the scale.
    """
    pinned_counts = _pinned_counts(profiles, facts)
    counts_by_type: dict[SettingType, IntArray] = {}
    parts: list[pl.DataFrame] = []
    councils: list[IntArray] = []
    types: list[IntArray] = []
    pinned: list[BoolArray] = []
    secondary_frame: pl.DataFrame | None = None
    secondary_council: IntArray | None = None
    for spec in SETTING_SPECS:
        counts = _draw_counts(spec, profiles, scale, counts_by_type, rng)
        for (position, setting_type), number in pinned_counts.items():
            if setting_type is spec.type:
                counts[position] = number
        if spec.type is SettingType.SECONDARY_SCHOOL:
            _make_room_for_sixth_forms(counts, pinned_counts)
        counts_by_type[spec.type] = counts
        council = np.repeat(np.arange(profiles.count, dtype=np.int64), counts)
        if spec.type is SettingType.SCHOOL_SIXTH_FORM:
            assert secondary_frame is not None and secondary_council is not None
            frame = _sixth_forms(spec, council, secondary_frame, secondary_council, rng)
        else:
            frame = _settings_of_type(spec, council, profiles, rng)
        if spec.type is SettingType.SECONDARY_SCHOOL:
            secondary_frame, secondary_council = frame, council
        parts.append(frame)
        councils.append(council)
        types.append(np.full(len(council), SPEC_INDEX[spec.type], dtype=np.int64))
        is_pinned = np.zeros(len(council), dtype=np.bool_)
        for position, setting_type in pinned_counts:
            if setting_type is spec.type:
                is_pinned |= council == position
        pinned.append(is_pinned)
    codes = pl.Series("la_code", list(profiles.codes), dtype=pl.Utf8)
    council_all = np.concatenate(councils)
    table = pl.concat(parts).with_columns(la_code=codes.gather(council_all))
    table = table.select("urn", "la_code", "setting_type", "sector", "name")
    return Settings(council_all, np.concatenate(types), np.concatenate(pinned), table)


def _pinned_counts(
    profiles: CouncilProfiles, facts: PublishedFacts
) -> dict[tuple[int, SettingType], int]:
    out: dict[tuple[int, SettingType], int] = {}
    for council_facts in facts.councils:
        position = profiles.position(council_facts.la_code)
        for pinned in council_facts.pinned:
            for setting_type, total in zip(pinned.setting_types, pinned.totals, strict=True):
                out[(position, setting_type)] = total
    return out


def _draw_counts(
    spec: SettingSpec,
    profiles: CouncilProfiles,
    scale: float,
    counts_by_type: dict[SettingType, IntArray],
    rng: np.random.Generator,
) -> IntArray:
    if spec.allocation is Allocation.ONE_PER_COUNCIL:
        return np.ones(profiles.count, dtype=np.int64)
    if spec.allocation is Allocation.WITHIN_SECONDARY:
        secondary = counts_by_type[SettingType.SECONDARY_SCHOOL]
        share = spec.national_total / _national(SettingType.SECONDARY_SCHOOL)
        return rng.binomial(secondary, share).astype(np.int64)
    total = round(spec.national_total * scale)
    counts = rng.multinomial(total, profiles.size).astype(np.int64)
    return np.maximum(counts, spec.minimum_per_council)


def _national(setting_type: SettingType) -> int:
    return SETTING_SPECS[SPEC_INDEX[setting_type]].national_total


def _make_room_for_sixth_forms(
    secondary: IntArray, pinned_counts: dict[tuple[int, SettingType], int]
) -> None:
    """Give a council at least as many secondary schools as its pinned school sixth forms."""
    for (position, setting_type), number in pinned_counts.items():
        if setting_type is SettingType.SCHOOL_SIXTH_FORM:
            secondary[position] = max(secondary[position], number)


def _urns(
    spec: SettingSpec, council: IntArray, codes: pl.Series, rng: np.random.Generator
) -> pl.Series:
    if spec.allocation is Allocation.ONE_PER_COUNCIL:
        return (spec.urn_prefix + codes.gather(council)).alias("urn")
    serial = rng.permutation(len(council)) + 1
    width = max(5, len(str(len(council))))
    text = pl.Series(serial, dtype=pl.Int64).cast(pl.Utf8).str.zfill(width)
    return (spec.urn_prefix + text).alias("urn")


def _sectors(spec: SettingSpec, n: int, rng: np.random.Generator) -> pl.Series:
    values = [sector.value for sector, _ in spec.sectors]
    weights = np.array([w for _, w in spec.sectors])
    picks = rng.choice(len(values), size=n, p=weights / weights.sum())
    return pl.Series(values, dtype=pl.Utf8).gather(picks).alias("sector")


def _settings_of_type(
    spec: SettingSpec, council: IntArray, profiles: CouncilProfiles, rng: np.random.Generator
) -> pl.DataFrame:
    n = len(council)
    urn = _urns(spec, council, pl.Series(list(profiles.codes), dtype=pl.Utf8), rng)
    sector = _sectors(spec, n, rng)
    council_names = pl.Series([c.name for c in profiles.councils], dtype=pl.Utf8).gather(council)
    academy = (sector == Sector.ACADEMY.value).to_numpy()
    name = setting_names(spec.type, rng, count=n, council_names=council_names, academy=academy)
    return pl.DataFrame(
        {
            "urn": urn,
            "setting_type": pl.Series([spec.type.value] * n, dtype=pl.Utf8),
            "sector": sector,
            "name": name,
        }
    )


def _sixth_forms(
    spec: SettingSpec,
    council: IntArray,
    secondary: pl.DataFrame,
    secondary_council: IntArray,
    rng: np.random.Generator,
) -> pl.DataFrame:
    """School sixth forms, each belonging to a different secondary school of its council."""
    wanted = np.bincount(council, minlength=int(secondary_council.max(initial=0)) + 1)
    parents: list[IntArray] = []
    for position in np.flatnonzero(wanted):
        schools = np.flatnonzero(secondary_council == position)
        parents.append(np.sort(rng.choice(schools, size=int(wanted[position]), replace=False)))
    parent = np.concatenate(parents) if parents else np.zeros(0, dtype=np.int64)
    chosen = secondary[parent]
    n = len(council)
    return pl.DataFrame(
        {
            "urn": _urns(spec, council, pl.Series([], dtype=pl.Utf8), rng),
            "setting_type": pl.Series([spec.type.value] * n, dtype=pl.Utf8),
            "sector": chosen["sector"],
            "name": setting_names(spec.type, rng, count=n, parent_names=chosen["name"]),
        }
    )
