"""Block C: National Indicator Set data grouped by Every Child Matters outcome."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from csrating.ingest import periods
from csrating.profile._neighbours import similar_areas_mean
from csrating.profile.comparison import COMPARISONS, TRENDS, Comparison, comparison_expr
from csrating.profile.model import BlockC, ComparisonCounts, IndicatorLine, OutcomeSummary
from csrating.profile.settings import ProfileSettings
from csrating.reference import Geography, indicator_catalogue
from csrating.scales import EcmOutcome
from csrating.types import ENGLAND_ONS_CODE, IndicatorId, LaCode


def period_end(period: str) -> dt.date:
    """Return the date by which a period's data are available: the end of its last year.

    ``"2008-09"`` (an academic or financial year) ends on 31 August 2009, the end of the
    academic year (financial-year indicators are final by then too); ``"2017"`` (a
    calendar year) on 31 December 2017; a span such as ``"2014/2016"`` or
    ``"2013-14/2015-16"`` when its last year does.

    Raises:
        ValueError: ``period`` is not in the period vocabulary (a validated dataset's
            periods always are).
    """
    return periods.period_end(period)


def _available(found: list[str], as_at: dt.date) -> list[periods.Period]:
    """Return the periods among ``found`` available by ``as_at``, oldest first."""
    parsed = []
    for text in found:
        period = periods.parse_period(text)
        if period is None:
            raise ValueError(f"{text!r} is not a period (expected {periods.PERIOD_EXAMPLES})")
        if period.end <= as_at:
            parsed.append(period)
    return sorted(parsed, key=lambda p: p.order)


def _current_and_previous(found: list[str], as_at: dt.date) -> tuple[str | None, str | None]:
    """Return the latest period available by ``as_at`` and the latest one before it of the
    same shape (so a calendar year follows a calendar year, a three-year span a span)."""
    available = _available(found, as_at)
    if not available:
        return None, None
    current = available[-1]
    earlier = [p for p in available if p.shape == current.shape and p.end < current.end]
    return current.text, earlier[-1].text if earlier else None


def choose_periods(indicators: pl.DataFrame, as_at: dt.date) -> tuple[str | None, str | None]:
    """Return the latest period whose data were available by ``as_at``, and the one before.

    Periods are ordered by the date their data are available (:func:`period_end`); the
    previous period is the latest earlier one of the same shape as the current one. Where
    indicators come in different shapes (today's measures mix academic and financial
    years with a few calendar years), the current period is of the shape most indicators
    have by ``as_at`` (on a tie, the shape whose latest period ends last): indicators of
    other shapes need periods of their own (:func:`indicator_periods`).
    """
    rows = indicators.select("indicator", "period").unique()
    available = {p.text: p for p in _available(rows.get_column("period").unique().to_list(), as_at)}
    members: dict[tuple[bool, int], set[str]] = {}
    latest: dict[tuple[bool, int], periods.Period] = {}
    for ident, text in rows.rows():
        period = available.get(text)
        if period is None:
            continue
        members.setdefault(period.shape, set()).add(ident)
        if period.shape not in latest or latest[period.shape].order < period.order:
            latest[period.shape] = period
    if not latest:
        return None, None
    shape = max(latest, key=lambda s: (len(members[s]), latest[s].order))
    return _current_and_previous([t for t, p in available.items() if p.shape == shape], as_at)


def indicator_periods(indicators: pl.DataFrame, as_at: dt.date) -> pl.DataFrame:
    """Return each indicator's current and previous period available by ``as_at``.

    Returns:
        One row per indicator with a period available by ``as_at``: columns
        ``indicator``, ``period`` and ``previous`` (null when there is none).
    """
    found = indicators.group_by("indicator").agg(pl.col("period").unique())
    rows = []
    for indicator, texts in found.sort("indicator").iter_rows():
        current, previous = _current_and_previous(list(texts), as_at)
        if current is not None:
            rows.append((indicator, current, previous))
    return pl.DataFrame(
        rows, schema={"indicator": pl.Utf8, "period": pl.Utf8, "previous": pl.Utf8}, orient="row"
    )


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
    """Choose each indicator's periods and compare every council's values with its
    neighbours' and England's.

    Each indicator is compared in its own latest period available by the cut-off, and
    with its own previous period (today's measures mix academic, financial and calendar
    years); ``BlockCBasis.period`` is the period most indicators share.
    """
    current, previous = choose_periods(indicators, settings.as_at)
    if current is None:
        return BlockCBasis(None, None, pl.DataFrame())
    known = [str(i.id) for i in indicator_catalogue(settings.catalogue) if i.in_block_c]
    chosen = indicator_periods(indicators.filter(pl.col("indicator").is_in(known)), settings.as_at)
    wanted = pl.concat(
        [
            chosen.select("indicator", "period"),
            chosen.filter(pl.col("previous").is_not_null()).select(
                "indicator", pl.col("previous").alias("period")
            ),
        ]
    )
    rows = indicators.join(wanted, on=["indicator", "period"], how="inner")
    councils = rows.filter(pl.col("la_code") != ENGLAND_ONS_CODE)
    published = rows.filter(pl.col("la_code") == ENGLAND_ONS_CODE).select(
        "indicator", "period", pl.col("value").alias("england_published")
    )
    pooled = (
        councils.sort(["indicator", "period", "la_code"])
        .group_by(["indicator", "period"], maintain_order=True)
        .agg(
            pl.col("value").sum().alias("england_sum"),
            pl.col("value").count().alias("england_n"),
        )
    )
    similar = similar_areas_mean(
        councils.select("la_code", "indicator", "period", "value"),
        ["indicator", "period"],
        ["value"],
        places,
    )
    table = (
        councils.join(published, on=["indicator", "period"], how="left")
        .join(pooled, on=["indicator", "period"], how="left")
        .join(similar, on=["la_code", "indicator", "period"], how="left")
    )
    now = table.join(chosen, on=["indicator", "period"], how="inner")
    before = table.join(
        chosen.select("indicator", pl.col("previous").alias("period")),
        on=["indicator", "period"],
        how="inner",
    ).select("la_code", "indicator", pl.col("value").alias("previous_value"))
    now = now.join(before, on=["la_code", "indicator"], how="left")
    return BlockCBasis(current, previous, now)


def block_c_lines(
    basis: BlockCBasis, settings: ProfileSettings, table: pl.DataFrame | None = None
) -> dict[LaCode, BlockC]:
    """Return Block C of every council in ``table`` (by default the basis's own)."""
    if basis.period is None:
        return {}
    rows = _compared(basis.table if table is None else table, settings)
    catalogue = {i.id: i for i in indicator_catalogue(settings.catalogue)}
    order = {i: n for n, i in enumerate(catalogue)}
    rows = rows.with_columns(
        pl.col("indicator").replace_strict(order, return_dtype=pl.Int32).alias("_order")
    )
    lines: dict[LaCode, list[IndicatorLine]] = {}
    columns = [
        "la_code",
        "indicator",
        "value",
        "reason",
        "value_similar",
        "england",
        "vs_similar",
        "vs_england",
        "band",
        "previous_value",
        "trend",
        "period",
        "previous",
    ]
    for (
        code,
        ident,
        value,
        reason,
        similar,
        england,
        vs_s,
        vs_e,
        band,
        before,
        trend,
        period,
        previous,
    ) in rows.sort(["la_code", "_order"]).select(columns).rows():
        entry = catalogue[IndicatorId(ident)]
        lines.setdefault(code, []).append(
            IndicatorLine(
                indicator=entry.id,
                title=entry.title,
                outcome=entry.outcome,
                higher_is_better=entry.higher_is_better,
                unit=entry.unit,
                decimals=entry.decimals,
                vulnerable_gap=entry.vulnerable_gap,
                value=value,
                reason=reason or None,
                similar_areas=similar,
                england=england,
                vs_similar_areas=COMPARISONS[vs_s],
                vs_england=COMPARISONS[vs_e],
                band=band,
                previous_value=before,
                trend=TRENDS[trend],
                period=period,
                previous_period=previous,
            )
        )
    return {
        LaCode(code): _block_c(basis.period, basis.previous, council_lines)
        for code, council_lines in lines.items()
    }


def build_block_c(
    indicators: pl.DataFrame, settings: ProfileSettings, places: Geography
) -> dict[LaCode, BlockC]:
    """Return Block C for every council with indicator rows in the chosen periods."""
    return block_c_lines(block_c_basis(indicators, settings, places), settings)


def _compared(table: pl.DataFrame, settings: ProfileSettings) -> pl.DataFrame:
    """Add England, comparisons, band and trend as columns (the framework's tolerance and
    cut-offs); England is the published value, else the mean of the councils' values."""
    catalogue = indicator_catalogue(settings.catalogue)
    bands = settings.indicator_bands
    reference = pl.DataFrame(
        {
            "indicator": [i.id for i in catalogue],
            "_higher": [i.higher_is_better for i in catalogue],
            "_c1": [bands[i.id].cutoffs[0] if i.id in bands else None for i in catalogue],
            "_c2": [bands[i.id].cutoffs[1] if i.id in bands else None for i in catalogue],
            "_c3": [bands[i.id].cutoffs[2] if i.id in bands else None for i in catalogue],
        },
        schema={
            "indicator": pl.Utf8,
            "_higher": pl.Boolean,
            "_c1": pl.Float64,
            "_c2": pl.Float64,
            "_c3": pl.Float64,
        },
    )
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
        table.join(reference, on="indicator", how="left")
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
