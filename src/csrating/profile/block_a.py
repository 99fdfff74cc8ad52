"""Block A: findings of the inspection and regulation of services and settings.

Built in two steps so that a what-if can re-use the national work: :func:`block_a_basis`
counts grades per council and line (setting type or group) once for the nation and keeps
England's pooled counts and each council's similar-areas shares; :func:`block_a_lines`
turns counts into the typed lines of any set of councils. Changing one council's settings
then means changing a few counts, not re-reading every inspection.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

import polars as pl

from csrating.profile._construct import maker
from csrating.profile._neighbours import similar_areas_mean
from csrating.profile.comparison import COMPARISONS, comparison_expr
from csrating.profile.model import BlockA, BlockALine, Compared, GradeCounts, SingleService
from csrating.profile.settings import SINGLE_SERVICES, ProfileSettings
from csrating.reference import Geography
from csrating.scales import InspectionGrade
from csrating.types import LaCode
from csrating.vocabulary import SettingType

JUDGEMENTS = {"o": "overall_effectiveness", "s": "staying_safe", "e": "enjoying_achieving"}
"""Prefix of each judgement's count columns (``o1`` … ``o4`` for overall effectiveness)."""

COUNT_COLUMNS = [f"{p}{g}" for p in JUDGEMENTS for g in range(1, 5)]
SHARES = ["gob", "ina", "s_gob", "e_gob"]
_LATEST_COLUMNS = ["urn", "la_code", "setting_type", "inspection_date", *JUDGEMENTS.values()]


def latest_inspections(inspections: pl.DataFrame, settings: ProfileSettings) -> pl.DataFrame:
    """Return each in-scope setting's latest inspection on or before the cut-off.

    Only the columns the profile uses are kept, in the order of ``inspections`` (a
    setting has one inspection a day: validation refuses repeats).
    """
    scope = [t.value for t in settings.scope]
    date = pl.col("inspection_date")
    return (
        inspections.lazy()
        .select(_LATEST_COLUMNS)
        .filter((date <= settings.as_at) & pl.col("setting_type").is_in(scope))
        .filter(date == date.max().over("urn"))
        .collect(engine="in-memory")
    )


def count_grades(latest: pl.DataFrame, settings: ProfileSettings) -> pl.DataFrame:
    """Return grade counts per council and line key (each setting type and each group)."""
    by_type = (
        latest.lazy()
        .group_by(["la_code", "setting_type"])
        .agg(
            (pl.col(column) == grade).sum().cast(pl.Int64).alias(f"{prefix}{grade}")
            for prefix, column in JUDGEMENTS.items()
            for grade in range(1, 5)
        )
    )
    group_of = pl.LazyFrame(
        {
            "setting_type": [t.value for _, _, types in settings.groups for t in types],
            "group": [gid for gid, _, types in settings.groups for _ in types],
        }
    )
    by_group = (
        by_type.join(group_of, on="setting_type", how="inner")
        .group_by(["la_code", "group"])
        .agg(pl.col(c).sum() for c in COUNT_COLUMNS)
        .select("la_code", pl.col("group").alias("key"), *COUNT_COLUMNS)
    )
    typed = by_type.select("la_code", pl.col("setting_type").alias("key"), *COUNT_COLUMNS)
    return pl.concat([typed, by_group]).collect()


Frame = TypeVar("Frame", pl.DataFrame, pl.LazyFrame)


def with_shares(counts: Frame) -> Frame:
    """Add the four shares (good or better, inadequate, and the two judgements)."""

    def share(numerator: pl.Expr, prefix: str) -> pl.Expr:
        total = sum((pl.col(f"{prefix}{g}") for g in range(1, 5)), pl.lit(0))
        return pl.when(total > 0).then(100.0 * numerator / total).otherwise(None)

    return counts.with_columns(
        share(pl.col("o1") + pl.col("o2"), "o").alias("gob"),
        share(pl.col("o4"), "o").alias("ina"),
        share(pl.col("s1") + pl.col("s2"), "s").alias("s_gob"),
        share(pl.col("e1") + pl.col("e2"), "e").alias("e_gob"),
    )


@dataclass(frozen=True)
class BlockABasis:
    """The national work behind Block A, kept so one council can be rebuilt cheaply."""

    counts: pl.DataFrame  # la_code, key, o1..e4: one row per council and line
    england_counts: pl.DataFrame  # key, o1..e4: pooled over every council
    similar: pl.DataFrame  # la_code, key, gob_similar ...: means of the neighbours' shares
    services: Mapping[LaCode, tuple[SingleService, ...]]


def block_a_basis(
    latest: pl.DataFrame, settings: ProfileSettings, places: Geography
) -> BlockABasis:
    """Count every council's grades, England's, and each council's similar-areas shares."""
    counts = count_grades(latest, settings)
    england = counts.lazy().group_by("key").agg(pl.col(c).sum() for c in COUNT_COLUMNS)
    shares = with_shares(counts.lazy()).select(["la_code", "key", *SHARES])
    similar = similar_areas_mean(shares, ["key"], SHARES, places)
    england_counts, similar_shares = pl.collect_all([england, similar], engine="in-memory")
    return BlockABasis(counts, england_counts, similar_shares, single_services(latest))


def block_a_lines(
    basis: BlockABasis,
    settings: ProfileSettings,
    counts: pl.DataFrame | None = None,
    england_counts: pl.DataFrame | None = None,
) -> dict[LaCode, BlockA]:
    """Return Block A of every council in ``counts`` (by default the basis's own).

    Args:
        basis: the national counts and comparators.
        settings: the framework's tolerance and groups.
        counts: the councils' counts to turn into lines (a what-if passes one changed
            council's); similar areas always come from the basis.
        england_counts: England's pooled counts, when a what-if changed them.
    """
    rows = basis.counts if counts is None else counts
    pooled = basis.england_counts if england_counts is None else england_counts
    england = with_shares(pooled.lazy()).select(
        ["key", *[pl.col(s).alias(f"{s}_england") for s in SHARES]]
    )
    tolerance = pl.lit(settings.block_a_tolerance_points)
    comparisons = []
    for share in SHARES:
        higher = pl.lit(share != "ina")
        for comparator, suffix in (("similar", "vs_s"), ("england", "vs_e")):
            against = pl.col(f"{share}_{comparator}")
            expr = comparison_expr(pl.col(share), against, tolerance, higher)
            comparisons.append(expr.alias(f"{share}_{suffix}"))
    compared = [
        pl.col(column)
        for share in SHARES
        for column in (
            share,
            f"{share}_similar",
            f"{share}_england",
            f"{share}_vs_s",
            f"{share}_vs_e",
        )
    ]
    table = (
        with_shares(rows.lazy())
        .join(england, on="key", how="left")
        .join(basis.similar.lazy(), on=["la_code", "key"], how="left")
        .join(_line_keys(settings).lazy(), on="key", how="left")
        .with_columns(comparisons)
        .sort("la_code", "_order")
        .select("la_code", "key", "_label", "_group", *COUNT_COLUMNS, *compared)
        .collect()
    )
    return _blocks(table, basis.services)


@cache
def _line_keys(settings: ProfileSettings) -> pl.DataFrame:
    """Every line key (setting types, then groups) with its place, label and kind."""
    keys = [(t.value, t.label, False) for t in SettingType]
    keys += [(gid, label, True) for gid, label, _ in settings.groups]
    return pl.DataFrame(
        {
            "key": [k for k, _, _ in keys],
            "_order": list(range(len(keys))),
            "_label": [label for _, label, _ in keys],
            "_group": [group for _, _, group in keys],
        },
        schema={"key": pl.Utf8, "_order": pl.Int64, "_label": pl.Utf8, "_group": pl.Boolean},
    )


def _blocks(
    table: pl.DataFrame, services: Mapping[LaCode, tuple[SingleService, ...]]
) -> dict[LaCode, BlockA]:
    """Turn rows in council and line order into each council's Block A.

    Equal grade counts and equal comparisons are made once and shared (they are frozen):
    in a national build, two counts in three and one comparison in two repeat another.
    Equal is identical here: shares and their means are never negative, so no -0.0 meets
    a 0.0.
    """
    blocks: dict[LaCode, BlockA] = {}
    lines: list[BlockALine] = []
    counts: dict[tuple[int, ...], GradeCounts] = {}
    compared: dict[tuple[Any, ...], Compared] = {}
    council: str | None = None
    for row in zip(*(table.get_column(name).to_list() for name in table.columns), strict=True):
        code = row[0]
        if code != council:
            if council is not None:
                blocks[LaCode(council)] = BlockA(tuple(lines), services.get(LaCode(council), ()))
            council, lines = code, []
        lines.append(
            _make_line(
                row[1],
                row[2],
                row[3],
                _counts(counts, row[4:8]),
                _counts(counts, row[8:12]),
                _counts(counts, row[12:16]),
                _compared(compared, row[16:21]),
                _compared(compared, row[21:26]),
                _compared(compared, row[26:31]),
                _compared(compared, row[31:36]),
                "inspections",  # counted, so no denominator or period
                None,
                None,
            )
        )
    if council is not None:
        blocks[LaCode(council)] = BlockA(tuple(lines), services.get(LaCode(council), ()))
    return blocks


_make_line = maker(BlockALine)
_make_counts = maker(GradeCounts)
_make_compared = maker(Compared)


def _counts(made: dict[tuple[int, ...], GradeCounts], row: tuple[int, ...]) -> GradeCounts:
    """Return the grade counts ``row`` (outstanding ... inadequate), made once."""
    found = made.get(row)
    if found is None:
        found = made[row] = _make_counts(*row)
    return found


def _compared(made: dict[tuple[Any, ...], Compared], row: tuple[Any, ...]) -> Compared:
    """Return the comparison ``row`` (value, similar areas, England and the two comparisons
    as column values), made once."""
    found = made.get(row)
    if found is None:
        value, similar, england, vs_similar, vs_england = row
        found = made[row] = _make_compared(
            value, similar, england, COMPARISONS[vs_similar], COMPARISONS[vs_england]
        )
    return found


def build_block_a(
    inspections: pl.DataFrame, settings: ProfileSettings, places: Geography
) -> dict[LaCode, BlockA]:
    """Return Block A for every council that has an in-scope inspection."""
    basis = block_a_basis(latest_inspections(inspections, settings), settings, places)
    return block_a_lines(basis, settings)


def moved_counts(
    counts: pl.DataFrame, keys: Iterable[str], judgement: str, moves: Mapping[int, int]
) -> pl.DataFrame:
    """Return ``counts`` with settings moved between grades on the rows of ``keys``.

    Args:
        counts: rows of grade counts (``o1`` … ``e4``) with a ``key`` column.
        keys: the line keys the moved settings count towards (a type and its group).
        judgement: the count prefix, e.g. ``"o"`` for overall effectiveness.
        moves: grade -> change in its count (e.g. ``{3: -2, 2: +2}``).
    """
    wanted = pl.col("key").is_in(list(keys))
    return counts.with_columns(
        pl.when(wanted)
        .then(pl.col(f"{judgement}{grade}") + change)
        .otherwise(pl.col(f"{judgement}{grade}"))
        .alias(f"{judgement}{grade}")
        for grade, change in moves.items()
    )


def single_services(latest: pl.DataFrame) -> dict[LaCode, tuple[SingleService, ...]]:
    """Return each council's single services (its fostering agency …) and latest grades."""
    kinds = [t.value for t in SINGLE_SERVICES]
    rows = (
        latest.lazy()
        .filter(pl.col("setting_type").is_in(kinds))
        .sort(["la_code", "setting_type", "inspection_date"])
        .unique(subset=["la_code", "setting_type"], keep="last")
        .sort(["la_code", "setting_type"])
        .select("la_code", "setting_type", "overall_effectiveness", "inspection_date")
        .collect(engine="in-memory")
    )
    out: dict[LaCode, list[SingleService]] = {}
    kinds_by_value = {t.value: t for t in SINGLE_SERVICES}
    grades = {g.value: g for g in InspectionGrade}
    for code, setting_type, grade, date in rows.iter_rows():
        kind = kinds_by_value[setting_type]
        out.setdefault(LaCode(code), []).append(
            SingleService(kind.value, kind.singular, grades[grade], date)
        )
    return {code: tuple(services) for code, services in out.items()}
