"""Block C: National Indicator Set data grouped by Every Child Matters outcome."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import polars as pl

from csrating.profile._neighbours import similar_areas_mean
from csrating.profile.comparison import COMPARISONS, TRENDS, Comparison, comparison_expr
from csrating.profile.model import BlockC, ComparisonCounts, IndicatorLine, OutcomeSummary
from csrating.profile.settings import ProfileSettings
from csrating.reference import Geography, indicator_catalogue
from csrating.scales import EcmOutcome
from csrating.types import ENGLAND_ONS_CODE, LaCode


def period_end(period: str) -> dt.date:
    """Return the date by which a period's data is available: 31 August of its second year.

    ``"2008-09"`` ends on 31 August 2009 (the end of the academic year; financial-year
    indicators are final by then too).
    """
    return dt.date(int(period[:4]) + 1, 8, 31)


def choose_periods(indicators: pl.DataFrame, as_at: dt.date) -> tuple[str | None, str | None]:
    """Return the latest period whose data was available by ``as_at``, and the one before."""
    periods = sorted(
        p for p in indicators.get_column("period").unique().to_list() if period_end(p) <= as_at
    )
    current = periods[-1] if periods else None
    previous = periods[-2] if len(periods) > 1 else None
    return current, previous


@dataclass(frozen=True)
class BlockCBasis:
    """The national work behind Block C, kept so one council can be rebuilt cheaply.

    ``table`` has one row per council and indicator of the current period: the value and
    its reason, the similar-areas mean, England's published value (if any) with the sum
    and count of council values it is otherwise computed from, and last period's value.
    """

    period: str | None
    previous: str | None
    table: pl.DataFrame


def block_c_basis(
    indicators: pl.DataFrame, settings: ProfileSettings, places: Geography
) -> BlockCBasis:
    """Choose the periods and compare every council's indicators with its neighbours."""
    current, previous = choose_periods(indicators, settings.as_at)
    if current is None:
        return BlockCBasis(None, None, pl.DataFrame())
    table = indicator_rows(indicators, settings.catalogue, current, previous, places)
    return BlockCBasis(current, previous, table)


def indicator_rows(
    indicators: pl.DataFrame,
    catalogue: str,
    current: str,
    previous: str | None,
    places: Geography,
) -> pl.DataFrame:
    """Return :attr:`BlockCBasis.table` for the councils' rows of ``indicators``.

    Each row depends only on the rows of its own indicator, so the rows of one indicator
    give exactly what the whole table gives for it (a what-if relies on this).
    """
    known = [str(i.id) for i in indicator_catalogue(catalogue)]
    wanted = [current] if previous is None else [current, previous]
    period = pl.col("period")
    rows = indicators.lazy().filter(period.is_in(wanted) & pl.col("indicator").is_in(known))
    england = pl.col("la_code") == ENGLAND_ONS_CODE
    councils = rows.filter(~england)
    published = rows.filter(england & (period == current)).select(
        "indicator", pl.col("value").alias("england_published")
    )
    now = councils.filter(period == current)
    pooled = (  # summed in code order, whatever the order of the rows
        now.sort(["indicator", "la_code"])
        .group_by("indicator", maintain_order=True)
        .agg(
            pl.col("value").sum().alias("england_sum"),
            pl.col("value").count().alias("england_n"),
        )
    )
    similar = similar_areas_mean(
        now.select("la_code", "indicator", "value"), ["indicator"], ["value"], places
    )
    now = (
        now.join(published, on="indicator", how="left")
        .join(pooled, on="indicator", how="left")
        .join(similar, on=["la_code", "indicator"], how="left")
        .drop("period")
    )
    if previous is None:
        now = now.with_columns(pl.lit(None, dtype=pl.Float64).alias("previous_value"))
    else:
        before = councils.filter(period == previous).select(
            "la_code", "indicator", pl.col("value").alias("previous_value")
        )
        now = now.join(before, on=["la_code", "indicator"], how="left")
    return now.collect(engine="in-memory")


def block_c_lines(
    basis: BlockCBasis, settings: ProfileSettings, table: pl.DataFrame | None = None
) -> dict[LaCode, BlockC]:
    """Return Block C of every council in ``table`` (by default the basis's own)."""
    if basis.period is None:
        return {}
    entries = indicator_catalogue(settings.catalogue)
    rows = (
        _compared((basis.table if table is None else table).lazy(), settings)
        .sort("la_code", "_order")
        .select(
            "la_code",
            "_order",
            "value",
            "reason",
            "value_similar",
            "england",
            "vs_similar",
            "vs_england",
            "band",
            "previous_value",
            "trend",
        )
        .collect()
    )
    outcome_of = [_OUTCOMES.index(entry.outcome) for entry in entries]
    blocks: dict[LaCode, BlockC] = {}
    lines: list[IndicatorLine] = []
    by_outcome: list[list[IndicatorLine]] = []
    council: str | None = None
    for (
        code,
        order,
        value,
        reason,
        similar,
        england,
        vs_s,
        vs_e,
        band,
        before,
        trend,
    ) in zip(*(rows.get_column(name).to_list() for name in rows.columns), strict=True):
        if code != council:
            if council is not None:
                blocks[LaCode(council)] = _block_c(basis.period, basis.previous, lines, by_outcome)
            council, lines, by_outcome = code, [], [[] for _ in _OUTCOMES]
        entry = entries[order]
        line = IndicatorLine(  # positionally: tens of thousands are built at a time
            entry.id,
            entry.title,
            entry.outcome,
            entry.higher_is_better,
            entry.unit,
            entry.decimals,
            entry.vulnerable_gap,
            value,
            reason or None,
            similar,
            england,
            COMPARISONS[vs_s],
            COMPARISONS[vs_e],
            band,
            before,
            TRENDS[trend],
        )
        lines.append(line)
        by_outcome[outcome_of[order]].append(line)
    if council is not None:
        blocks[LaCode(council)] = _block_c(basis.period, basis.previous, lines, by_outcome)
    return blocks


def build_block_c(
    indicators: pl.DataFrame, settings: ProfileSettings, places: Geography
) -> dict[LaCode, BlockC]:
    """Return Block C for every council with indicator rows in the chosen periods."""
    return block_c_lines(block_c_basis(indicators, settings, places), settings)


@cache
def _reference(settings: ProfileSettings) -> pl.DataFrame:
    """Each catalogue indicator's place in the catalogue, polarity and band cut-offs."""
    catalogue = indicator_catalogue(settings.catalogue)
    bands = settings.indicator_bands
    return pl.DataFrame(
        {
            "indicator": [i.id for i in catalogue],
            "_order": list(range(len(catalogue))),
            "_higher": [i.higher_is_better for i in catalogue],
            "_c1": [bands[i.id].cutoffs[0] if i.id in bands else None for i in catalogue],
            "_c2": [bands[i.id].cutoffs[1] if i.id in bands else None for i in catalogue],
            "_c3": [bands[i.id].cutoffs[2] if i.id in bands else None for i in catalogue],
        },
        schema={
            "indicator": pl.Utf8,
            "_order": pl.Int64,
            "_higher": pl.Boolean,
            "_c1": pl.Float64,
            "_c2": pl.Float64,
            "_c3": pl.Float64,
        },
    )


def _compared(table: pl.LazyFrame, settings: ProfileSettings) -> pl.LazyFrame:
    """Add England, comparisons, band and trend as columns (the framework's tolerance and
    cut-offs); England is the published value, else the mean of the councils' values."""
    rate = settings.indicator_tolerance
    value, higher = pl.col("value"), pl.col("_higher")
    c1, c2, c3 = pl.col("_c1"), pl.col("_c2"), pl.col("_c3")
    band_higher = pl.when(value >= c3).then(4).when(value >= c2).then(3).when(value >= c1).then(2)
    band_lower = pl.when(value <= c1).then(4).when(value <= c2).then(3).when(value <= c3).then(2)
    band = (
        pl.when(value.is_null() | c1.is_null())
        .then(None)
        .when(higher)
        .then(band_higher.otherwise(1))
        .otherwise(band_lower.otherwise(1))
    )

    def versus(other: str) -> pl.Expr:
        comparator = pl.col(other)
        return comparison_expr(value, comparator, rate * comparator.abs(), higher)

    computed = pl.when(pl.col("england_n") > 0).then(pl.col("england_sum") / pl.col("england_n"))
    return (
        table.join(_reference(settings).lazy(), on="indicator", how="left")
        .with_columns(pl.coalesce("england_published", computed).alias("england"))
        .with_columns(
            versus("value_similar").alias("vs_similar"),
            versus("england").alias("vs_england"),
            versus("previous_value").alias("trend"),
            band.cast(pl.Int64).alias("band"),
        )
    )


def summarise(outcome: EcmOutcome | None, lines: list[IndicatorLine]) -> OutcomeSummary:
    """Count a set of indicator lines above, in line with and below each comparator."""
    similar = [0, 0, 0]  # above, in line, below
    england = [0, 0, 0]
    with_value = lowest = 0
    for line in lines:
        if line.value is not None:
            with_value += 1
        for counts, found in ((similar, line.vs_similar_areas), (england, line.vs_england)):
            if found is _ABOVE:
                counts[0] += 1
            elif found is _IN_LINE:
                counts[1] += 1
            elif found is _BELOW:
                counts[2] += 1
        if line.band == 1:
            lowest += 1
    return OutcomeSummary(
        outcome=outcome,
        indicators=len(lines),
        with_value=with_value,
        vs_similar_areas=ComparisonCounts(*similar),
        vs_england=ComparisonCounts(*england),
        lowest_band=lowest,
    )


_ABOVE, _IN_LINE, _BELOW = Comparison.ABOVE, Comparison.IN_LINE, Comparison.BELOW
_OUTCOMES = tuple(EcmOutcome)


def _block_c(
    current: str,
    previous: str | None,
    lines: list[IndicatorLine],
    by_outcome: list[list[IndicatorLine]],
) -> BlockC:
    """Block C from a council's lines, in catalogue order, and the same lines by outcome."""
    outcomes = tuple(summarise(o, found) for o, found in zip(_OUTCOMES, by_outcome, strict=True))
    return BlockC(current, previous, tuple(lines), outcomes, summarise(None, lines))
