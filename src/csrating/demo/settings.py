"""The settings of the demo dataset: how many of each type each council has, and who they are."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from csrating.demo.council_profiles import BoolArray, CouncilProfiles, IntArray
from csrating.demo.facts import PublishedFacts
from csrating.demo.names import setting_names
from csrating.demo.setting_specs import SETTING_SPECS, Allocation, SettingSpec, spec_for
from csrating.vocabulary import Sector, SettingType


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
    stated = {
        (profiles.position(council.la_code), setting_type): total
        for council in facts.councils
        for setting_type, total in council.pinned_totals.items()
    }
    councils: dict[SettingType, IntArray] = {}
    frames: dict[SettingType, pl.DataFrame] = {}
    pinned: list[BoolArray] = []
    for spec in SETTING_SPECS:
        counts = _draw_counts(spec, profiles, scale, councils, rng)
        own = [position for position, setting_type in stated if setting_type is spec.type]
        for position in own:
            counts[position] = stated[position, spec.type]
        if spec.type is SettingType.SECONDARY_SCHOOL:  # at least one per pinned sixth form
            for (position, setting_type), number in stated.items():
                if setting_type is SettingType.SCHOOL_SIXTH_FORM:
                    counts[position] = max(counts[position], number)
        council = np.repeat(np.arange(profiles.count, dtype=np.int64), counts)
        frames[spec.type] = _settings_of_type(spec, council, profiles, councils, frames, rng)
        councils[spec.type] = council
        pinned.append(np.isin(council, own))
    council_all = np.concatenate(list(councils.values()))
    sizes = [len(council) for council in councils.values()]
    type_index = np.repeat(np.arange(len(SETTING_SPECS), dtype=np.int64), sizes)
    codes = pl.Series("la_code", list(profiles.codes), dtype=pl.Utf8)
    table = pl.concat(list(frames.values())).with_columns(la_code=codes.gather(council_all))
    table = table.select("urn", "la_code", "setting_type", "sector", "name")
    return Settings(council_all, type_index, np.concatenate(pinned), table)


def _draw_counts(
    spec: SettingSpec,
    profiles: CouncilProfiles,
    scale: float,
    councils: dict[SettingType, IntArray],
    rng: np.random.Generator,
) -> IntArray:
    if spec.allocation is Allocation.ONE_PER_COUNCIL:
        return np.ones(profiles.count, dtype=np.int64)
    if spec.allocation is Allocation.WITHIN_SECONDARY:
        secondary = spec_for(SettingType.SECONDARY_SCHOOL)
        schools = np.bincount(councils[secondary.type], minlength=profiles.count)
        share = spec.national_total / secondary.national_total
        return rng.binomial(schools, share).astype(np.int64)
    total = round(spec.national_total * scale)
    counts = rng.multinomial(total, profiles.size).astype(np.int64)
    return np.maximum(counts, spec.minimum_per_council)


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
    spec: SettingSpec,
    council: IntArray,
    profiles: CouncilProfiles,
    councils: dict[SettingType, IntArray],
    frames: dict[SettingType, pl.DataFrame],
    rng: np.random.Generator,
) -> pl.DataFrame:
    """The settings of one type (``councils`` and ``frames`` hold the types made so far);
    each school sixth form belongs to a different secondary school of its council."""
    n = len(council)
    codes = pl.Series(list(profiles.codes), dtype=pl.Utf8)
    if spec.allocation is Allocation.WITHIN_SECONDARY:
        secondary = councils[SettingType.SECONDARY_SCHOOL]
        wanted = np.bincount(council)
        parents = [np.zeros(0, dtype=np.int64)]
        for position in np.flatnonzero(wanted):
            schools = np.flatnonzero(secondary == position)
            parents.append(np.sort(rng.choice(schools, size=int(wanted[position]), replace=False)))
        school = frames[SettingType.SECONDARY_SCHOOL][np.concatenate(parents)]
        urn = _urns(spec, council, codes, rng)
        sector, name = school["sector"], school["name"] + spec.name_endings[0]
    else:
        urn = _urns(spec, council, codes, rng)
        sector = _sectors(spec, n, rng)
        council_names = pl.Series([c.name for c in profiles.councils], dtype=pl.Utf8)
        academy = (sector == Sector.ACADEMY.value).to_numpy()
        name = setting_names(spec, rng, council_names.gather(council), academy)
    return pl.DataFrame(
        {
            "urn": urn,
            "setting_type": pl.Series([spec.type.value] * n, dtype=pl.Utf8),
            "sector": sector,
            "name": name,
        }
    )
