"""Block C: National Indicator Set data grouped by Every Child Matters outcome."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import polars as pl

from csrating.ingest import periods
from csrating.profile._construct import maker
from csrating.profile._neighbours import similar_areas_mean
from csrating.profile.comparison import COMPARISONS, TRENDS, Comparison, comparison_expr
from csrating.profile.model import BlockC, ComparisonCounts, IndicatorLine, OutcomeSummary
from csrating.profile.settings import ProfileSettings
from csrating.reference import Geography, indicator_catalogue
from csrating.scales import EcmOutcome
from csrating.types import ENGLAND_ONS_CODE, LaCode


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
    table = indicator_rows(indicators, settings.catalogue, settings.as_at, places)
    return BlockCBasis(current, previous, table)


def indicator_rows(
    indicators: pl.DataFrame, catalogue: str, as_at: dt.date, places: Geography
) -> pl.DataFrame:
    """Return :attr:`BlockCBasis.table` for the councils' rows of ``indicators``.

    Each indicator's rows are those of its own current period (see
    :func:`indicator_periods`), with last period's value. Each row depends only on the
    rows of its own indicator, so the rows of one indicator give exactly what the whole
    table gives for it (a what-if relies on this).
    """
    known = [str(i.id) for i in indicator_catalogue(catalogue) if i.in_block_c]
    mine = indicators.filter(pl.col("indicator").is_in(known))
    chosen = indicator_periods(mine, as_at).lazy()
    rows = mine.lazy()
    keys = ["indicator", "period"]
    england = pl.col("la_code") == ENGLAND_ONS_CODE
    current = rows.join(chosen, on=keys, how="inner")
    published = current.filter(england).select(
        "indicator", pl.col("value").alias("england_published")
    )
    now = current.filter(~england)
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
    before = (
        rows.filter(~england)
        .join(chosen.select("indicator", pl.col("previous").alias("period")), on=keys)
        .select("la_code", "indicator", pl.col("value").alias("previous_value"))
    )
    return (
        now.join(published, on="indicator", how="left")
        .join(pooled, on="indicator", how="left")
        .join(similar, on=["la_code", "indicator"], how="left")
        .join(before, on=["la_code", "indicator"], how="left")
        .collect(engine="in-memory")
    )


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
            "period",
            "previous",
        )
        .collect()
    )
    fixed = [  # each line's fields from the catalogue, by catalogue order
        (e.id, e.title, e.outcome, e.higher_is_better, e.unit, e.decimals, e.vulnerable_gap)
        for e in entries
    ]
    outcome_of = [_OUTCOMES.index(entry.outcome) for entry in entries]
    blocks: dict[LaCode, BlockC] = {}
    lines: list[IndicatorLine] = []
    tallies: list[list[int]] = []
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
        period,
        previous,
    ) in zip(*(rows.get_column(name).to_list() for name in rows.columns), strict=True):
        if code != council:
            if council is not None:
                blocks[LaCode(council)] = _block_c(basis.period, basis.previous, lines, tallies)
            council, lines, tallies = code, [], [[0] * _TALLY_SIZE for _ in _OUTCOMES]
        lines.append(
            _make_line(
                *fixed[order],
                value,
                reason or None,
                similar,
                england,
                COMPARISONS[vs_s],
                COMPARISONS[vs_e],
                band,
                before,
                TRENDS[trend],
                period,
                previous,
            )
        )
        _count(tallies[outcome_of[order]], value, vs_s, vs_e, band)
    if council is not None:
        blocks[LaCode(council)] = _block_c(basis.period, basis.previous, lines, tallies)
    return blocks


_make_line = maker(IndicatorLine)


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


_SLOT = {c.value: n for n, c in enumerate((Comparison.ABOVE, Comparison.IN_LINE, Comparison.BELOW))}
_TALLY_SIZE = 9
"""A tally of indicator lines: how many, how many with a value, how many above, in line
with and below similar areas, the same against England, and how many in the lowest band."""


def _count(
    tally: list[int],
    value: float | None,
    vs_similar: str | None,
    vs_england: str | None,
    band: int | None,
) -> None:
    """Count one indicator line (its comparisons as column values) into ``tally``."""
    tally[0] += 1
    if value is not None:
        tally[1] += 1
    if vs_similar is not None:
        tally[2 + _SLOT[vs_similar]] += 1
    if vs_england is not None:
        tally[5 + _SLOT[vs_england]] += 1
    if band == 1:
        tally[8] += 1


def _summary(outcome: EcmOutcome | None, tally: list[int]) -> OutcomeSummary:
    """Block C summed up for ``outcome`` from its lines' tally."""
    return OutcomeSummary(
        outcome=outcome,
        indicators=tally[0],
        with_value=tally[1],
        vs_similar_areas=ComparisonCounts(*tally[2:5]),
        vs_england=ComparisonCounts(*tally[5:8]),
        lowest_band=tally[8],
    )


_OUTCOMES = tuple(EcmOutcome)


def _block_c(
    current: str, previous: str | None, lines: list[IndicatorLine], tallies: list[list[int]]
) -> BlockC:
    """Block C from a council's lines, in catalogue order, and their tally by outcome."""
    outcomes = tuple(_summary(o, t) for o, t in zip(_OUTCOMES, tallies, strict=True))
    everything = [sum(counts) for counts in zip(*tallies, strict=True)]
    return BlockC(current, previous, tuple(lines), outcomes, _summary(None, everything))
