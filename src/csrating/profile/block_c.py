"""Block C: National Indicator Set data grouped by Every Child Matters outcome."""

from __future__ import annotations

import datetime as dt

import polars as pl

from csrating.profile._neighbours import similar_areas_mean
from csrating.profile.comparison import Comparison, compare_relative, trend_between
from csrating.profile.model import BlockC, ComparisonCounts, IndicatorLine, OutcomeSummary
from csrating.profile.settings import ProfileSettings
from csrating.reference import Indicator, indicator_catalogue
from csrating.scales import EcmOutcome
from csrating.types import ENGLAND_ONS_CODE, IndicatorId, LaCode


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


def build_block_c(indicators: pl.DataFrame, settings: ProfileSettings) -> dict[LaCode, BlockC]:
    """Return Block C for every council with indicator rows in the chosen periods."""
    current, previous = choose_periods(indicators, settings.as_at)
    if current is None:
        return {}
    table = _indicator_table(indicators, current, previous)
    catalogue = {i.id: i for i in indicator_catalogue()}
    lines: dict[LaCode, list[IndicatorLine]] = {}
    for row in table.iter_rows(named=True):
        entry = catalogue.get(IndicatorId(row["indicator"]))
        if entry is None:
            continue
        lines.setdefault(LaCode(row["la_code"]), []).append(_line(entry, row, settings))
    order = {i.id: n for n, i in enumerate(indicator_catalogue())}
    return {
        code: _block_c(current, previous, sorted(council_lines, key=lambda x: order[x.indicator]))
        for code, council_lines in lines.items()
    }


def _indicator_table(indicators: pl.DataFrame, current: str, previous: str | None) -> pl.DataFrame:
    wanted = [current] if previous is None else [current, previous]
    rows = indicators.filter(pl.col("period").is_in(wanted))
    councils = rows.filter(pl.col("la_code") != ENGLAND_ONS_CODE)
    published = rows.filter(pl.col("la_code") == ENGLAND_ONS_CODE).select(
        "indicator", "period", pl.col("value").alias("england_published")
    )
    computed = councils.group_by(["indicator", "period"]).agg(
        pl.col("value").mean().alias("england_computed")
    )
    similar = similar_areas_mean(
        councils.select("la_code", "indicator", "period", "value"),
        ["indicator", "period"],
        ["value"],
    )
    table = (
        councils.join(published, on=["indicator", "period"], how="left")
        .join(computed, on=["indicator", "period"], how="left")
        .join(similar, on=["la_code", "indicator", "period"], how="left")
        .with_columns(
            pl.coalesce("england_published", "england_computed").alias("england"),
        )
    )
    now = table.filter(pl.col("period") == current)
    if previous is None:
        return now.with_columns(pl.lit(None, dtype=pl.Float64).alias("previous_value"))
    before = table.filter(pl.col("period") == previous).select(
        "la_code", "indicator", pl.col("value").alias("previous_value")
    )
    return now.join(before, on=["la_code", "indicator"], how="left")


def _line(entry: Indicator, row: dict[str, object], settings: ProfileSettings) -> IndicatorLine:
    value = _number(row["value"])
    similar = _number(row["value_similar"])
    england = _number(row["england"])
    previous = _number(row["previous_value"])
    tolerance = settings.indicator_tolerance
    better = entry.higher_is_better
    bands = settings.indicator_bands.get(entry.id)
    return IndicatorLine(
        indicator=entry.id,
        title=entry.title,
        outcome=entry.outcome,
        higher_is_better=better,
        unit=entry.unit,
        decimals=entry.decimals,
        vulnerable_gap=entry.vulnerable_gap,
        value=value,
        reason=str(row["reason"]) if row.get("reason") else None,
        similar_areas=similar,
        england=england,
        vs_similar_areas=compare_relative(value, similar, tolerance, higher_is_better=better),
        vs_england=compare_relative(value, england, tolerance, higher_is_better=better),
        band=bands.band(value, higher_is_better=better) if bands and value is not None else None,
        previous_value=previous,
        trend=trend_between(value, previous, tolerance, higher_is_better=better),
    )


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def summarise(outcome: EcmOutcome | None, lines: list[IndicatorLine]) -> OutcomeSummary:
    """Count a set of indicator lines above, in line with and below each comparator."""

    def counts(attribute: str) -> ComparisonCounts:
        found = [getattr(line, attribute) for line in lines]
        return ComparisonCounts(
            above=found.count(Comparison.ABOVE),
            in_line=found.count(Comparison.IN_LINE),
            below=found.count(Comparison.BELOW),
        )

    bands = [line.band for line in lines if line.band is not None]
    return OutcomeSummary(
        outcome=outcome,
        indicators=len(lines),
        with_value=sum(1 for line in lines if line.value is not None),
        vs_similar_areas=counts("vs_similar_areas"),
        vs_england=counts("vs_england"),
        lowest_band=sum(1 for b in bands if b == 1),
    )


def _block_c(current: str, previous: str | None, lines: list[IndicatorLine]) -> BlockC:
    outcomes = tuple(
        summarise(outcome, [line for line in lines if line.outcome is outcome])
        for outcome in EcmOutcome
    )
    return BlockC(current, previous, tuple(lines), outcomes, summarise(None, lines))
