"""Block A lines from published shares, where inspections are not published setting by
setting (the funded 2-, 3- and 4-year-olds in good or outstanding early years provision).

For each council the share is the parts' shares pooled, weighted by the children each is
a share of, in each part's latest period available by the cut-off. England is the
published England value pooled the same way where the dataset has one, else the councils'
pooled share; similar areas are the mean of the neighbours' shares, as for counted lines.
"""

from __future__ import annotations

import polars as pl

from csrating.profile._neighbours import similar_areas_mean
from csrating.profile.block_c import indicator_periods
from csrating.profile.comparison import COMPARISONS, comparison_expr
from csrating.profile.model import BlockALine, Compared, GradeCounts
from csrating.profile.settings import ProfileSettings, ShareSource
from csrating.reference import Geography
from csrating.types import ENGLAND_ONS_CODE, LaCode

_NONE = Compared(None, None, None, None, None)


def share_lines(
    indicators: pl.DataFrame, settings: ProfileSettings, places: Geography
) -> dict[LaCode, dict[str, BlockALine]]:
    """Return, per council, the Block A group lines resting on published shares."""
    out: dict[LaCode, dict[str, BlockALine]] = {}
    labels = {gid: label for gid, label, _ in settings.groups}
    for source in settings.block_a_shares:
        table = _pooled(indicators, source, settings)
        if table.height == 0:
            continue
        councils = table.filter(pl.col("la_code") != ENGLAND_ONS_CODE)
        published = table.filter(pl.col("la_code") == ENGLAND_ONS_CODE)
        england: float | None
        if published.height:
            england = float(published.get_column("share")[0])
        else:
            pooled = councils.select(
                (pl.col("share") * pl.col("children")).sum().alias("weighted"),
                pl.col("children").sum().alias("total"),
            ).row(0)
            england = float(pooled[0]) / float(pooled[1]) if pooled[1] else None
        similar = similar_areas_mean(
            councils.lazy().select("la_code", "share"), [], ["share"], places
        ).collect(engine="in-memory")
        tolerance = pl.lit(settings.block_a_tolerance_points)
        compared = (
            councils.join(similar, on="la_code", how="left")
            .with_columns(pl.lit(england, dtype=pl.Float64).alias("england"))
            .with_columns(
                comparison_expr(
                    pl.col("share"), pl.col("share_similar"), tolerance, pl.lit(True)
                ).alias("vs_s"),
                comparison_expr(pl.col("share"), pl.col("england"), tolerance, pl.lit(True)).alias(
                    "vs_e"
                ),
            )
            .sort("la_code")
        )
        for (
            code,
            share,
            children,
            period,
            similar_share,
            england_share,
            vs_s,
            vs_e,
        ) in compared.select(
            "la_code", "share", "children", "period", "share_similar", "england", "vs_s", "vs_e"
        ).rows():
            out.setdefault(LaCode(code), {})[source.group] = BlockALine(
                key=source.group,
                label=labels.get(source.group, source.group.replace("_", " ")),
                is_group=True,
                overall=GradeCounts(),
                staying_safe=GradeCounts(),
                enjoying_achieving=GradeCounts(),
                good_or_better=Compared(
                    share, similar_share, england_share, COMPARISONS[vs_s], COMPARISONS[vs_e]
                ),
                inadequate=_NONE,
                staying_safe_good_or_better=_NONE,
                enjoying_achieving_good_or_better=_NONE,
                source="published share",
                denominator=children,
                period=period,
            )
    return out


def _pooled(
    indicators: pl.DataFrame, source: ShareSource, settings: ProfileSettings
) -> pl.DataFrame:
    """One row per place (councils and England): the pooled share, the children it is a
    share of, and the latest period among the parts."""
    wanted = [ident for pair in source.parts for ident in pair]
    rows = indicators.filter(pl.col("indicator").is_in(wanted))
    if rows.height == 0:
        return pl.DataFrame()
    chosen = indicator_periods(rows, settings.as_at)
    current = rows.join(chosen.select("indicator", "period"), on=["indicator", "period"])
    parts = []
    for share, count in source.parts:
        part = (
            current.filter(pl.col("indicator") == share)
            .select("la_code", "period", pl.col("value").alias("share"))
            .join(
                current.filter(pl.col("indicator") == count).select(
                    "la_code", pl.col("value").alias("children")
                ),
                on="la_code",
                how="left",
            )
        )
        parts.append(part)
    both = pl.concat(parts).filter(pl.col("share").is_not_null())
    return (
        both.with_columns(pl.col("children").fill_null(0.0))
        .sort(["la_code", "period"])
        .group_by("la_code", maintain_order=True)
        .agg(
            pl.when(pl.col("children").sum() > 0)
            .then((pl.col("share") * pl.col("children")).sum() / pl.col("children").sum())
            .otherwise(pl.col("share").mean())
            .alias("share"),
            pl.col("children").sum().alias("children"),
            pl.col("period").max().alias("period"),
        )
    )
