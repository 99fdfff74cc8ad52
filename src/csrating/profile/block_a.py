"""Block A: findings of the inspection and regulation of services and settings."""

from __future__ import annotations

from typing import Any

import polars as pl

from csrating.profile._neighbours import similar_areas_mean
from csrating.profile.comparison import COMPARISONS, comparison_expr
from csrating.profile.model import BlockA, BlockALine, Compared, GradeCounts, SingleService
from csrating.profile.settings import SINGLE_SERVICES, ProfileSettings
from csrating.scales import InspectionGrade
from csrating.types import LaCode
from csrating.vocabulary import SettingType

_JUDGEMENTS = {"o": "overall_effectiveness", "s": "staying_safe", "e": "enjoying_achieving"}
_COUNT_COLUMNS = [f"{p}{g}" for p in _JUDGEMENTS for g in range(1, 5)]
_SHARES = ["gob", "ina", "s_gob", "e_gob"]


def latest_inspections(inspections: pl.DataFrame, settings: ProfileSettings) -> pl.DataFrame:
    """Return each in-scope setting's latest inspection on or before the cut-off."""
    scope = [t.value for t in settings.scope]
    return (
        inspections.lazy()
        .filter((pl.col("inspection_date") <= settings.as_at) & pl.col("setting_type").is_in(scope))
        .sort(["urn", "inspection_date"])
        .unique(subset="urn", keep="last")
        .collect()
    )


def _counts(latest: pl.DataFrame, key: str) -> pl.DataFrame:
    return latest.group_by(["la_code", key]).agg(
        [
            (pl.col(column) == grade).sum().cast(pl.Int64).alias(f"{prefix}{grade}")
            for prefix, column in _JUDGEMENTS.items()
            for grade in range(1, 5)
        ]
    )


def _with_shares(counts: pl.DataFrame) -> pl.DataFrame:
    def share(numerator: pl.Expr, prefix: str) -> pl.Expr:
        total = sum((pl.col(f"{prefix}{g}") for g in range(1, 5)), pl.lit(0))
        return pl.when(total > 0).then(100.0 * numerator / total).otherwise(None)

    return counts.with_columns(
        share(pl.col("o1") + pl.col("o2"), "o").alias("gob"),
        share(pl.col("o4"), "o").alias("ina"),
        share(pl.col("s1") + pl.col("s2"), "s").alias("s_gob"),
        share(pl.col("e1") + pl.col("e2"), "e").alias("e_gob"),
    )


def block_a_table(latest: pl.DataFrame, settings: ProfileSettings) -> pl.DataFrame:
    """Return one row per council and line key with counts, shares and comparators."""
    group_of = pl.DataFrame(
        {
            "setting_type": [t.value for _, _, types in settings.groups for t in types],
            "key": [gid for gid, _, types in settings.groups for _ in types],
        }
    )
    by_type = _counts(latest, "setting_type").rename({"setting_type": "key"})
    by_group = (
        _counts(latest, "setting_type")
        .join(group_of, on="setting_type", how="inner")
        .group_by(["la_code", "key"])
        .agg([pl.col(c).sum() for c in _COUNT_COLUMNS])
    )
    lines = _with_shares(pl.concat([by_type.select(by_group.columns), by_group]))
    england = _with_shares(
        lines.group_by("key").agg([pl.col(c).sum() for c in _COUNT_COLUMNS])
    ).select(["key", *[pl.col(s).alias(f"{s}_england") for s in _SHARES]])
    similar = similar_areas_mean(lines.select(["la_code", "key", *_SHARES]), ["key"], _SHARES)
    return lines.join(england, on="key", how="left").join(
        similar, on=["la_code", "key"], how="left"
    )


def build_block_a(inspections: pl.DataFrame, settings: ProfileSettings) -> dict[LaCode, BlockA]:
    """Return Block A for every council that has an in-scope inspection."""
    latest = latest_inspections(inspections, settings)
    table = block_a_table(latest, settings)
    labels = {t.value: (t.label, False) for t in SettingType}
    labels.update({gid: (label, True) for gid, label, _ in settings.groups})
    keys = [t.value for t in SettingType] + [g[0] for g in settings.groups]
    order = {key: i for i, key in enumerate(keys)}
    tolerance = pl.lit(settings.block_a_tolerance_points)
    comparisons = []
    for share in _SHARES:
        higher = pl.lit(share != "ina")
        for comparator, suffix in (("similar", "vs_s"), ("england", "vs_e")):
            against = pl.col(f"{share}_{comparator}")
            expr = comparison_expr(pl.col(share), against, tolerance, higher)
            comparisons.append(expr.alias(f"{share}_{suffix}"))
    table = table.with_columns(comparisons).sort(["la_code", "key"])
    lines: dict[LaCode, list[BlockALine]] = {}
    names = table.columns
    for values in table.rows():
        row = dict(zip(names, values, strict=True))
        label, is_group = labels[row["key"]]
        lines.setdefault(LaCode(row["la_code"]), []).append(
            BlockALine(
                key=row["key"],
                label=label,
                is_group=is_group,
                overall=GradeCounts(row["o1"], row["o2"], row["o3"], row["o4"]),
                staying_safe=GradeCounts(row["s1"], row["s2"], row["s3"], row["s4"]),
                enjoying_achieving=GradeCounts(row["e1"], row["e2"], row["e3"], row["e4"]),
                good_or_better=_compared(row, "gob"),
                inadequate=_compared(row, "ina"),
                staying_safe_good_or_better=_compared(row, "s_gob"),
                enjoying_achieving_good_or_better=_compared(row, "e_gob"),
            )
        )
    services = _single_services(latest)
    return {
        code: BlockA(
            tuple(sorted(council_lines, key=lambda line: order[line.key])),
            services.get(code, ()),
        )
        for code, council_lines in lines.items()
    }


def _compared(row: dict[str, Any], share: str) -> Compared:
    return Compared(
        row[share],
        row[f"{share}_similar"],
        row[f"{share}_england"],
        COMPARISONS[row[f"{share}_vs_s"]],
        COMPARISONS[row[f"{share}_vs_e"]],
    )


def _single_services(latest: pl.DataFrame) -> dict[LaCode, tuple[SingleService, ...]]:
    kinds = [t.value for t in SINGLE_SERVICES]
    rows = (
        latest.filter(pl.col("setting_type").is_in(kinds))
        .sort(["la_code", "setting_type", "inspection_date"])
        .unique(subset=["la_code", "setting_type"], keep="last")
        .sort(["la_code", "setting_type"])
    )
    out: dict[LaCode, list[SingleService]] = {}
    for row in rows.iter_rows(named=True):
        kind = SettingType(row["setting_type"])
        out.setdefault(LaCode(row["la_code"]), []).append(
            SingleService(
                kind.value,
                kind.singular,
                InspectionGrade(row["overall_effectiveness"]),
                row["inspection_date"],
            )
        )
    return {code: tuple(services) for code, services in out.items()}
