"""Every council's figures over every period a dataset holds: the time series behind the
comparison charts and tables (:mod:`csrating.presentation.comparison`).

The profile compares one period (the current one) with the one before; LAIT-style
comparisons show them all. This module reads the national figures once, as typed values:

* a **Block C indicator** over every period of it the dataset holds that was available by
  the cut-off (LAIT's ten years, or the demo's three), each council's value or the reason
  it is blank, and England's published value where the dataset gives one;
* a **Block A group** over yearly **snapshots**: the share of its settings judged good or
  outstanding at their latest inspection as at the cut-off date and the same date in each
  earlier year back to the dataset's first inspection (the share is each setting counted
  once, as the profile counts it, so the last snapshot is the profile's own figure), with
  the number of settings as its weight; a group resting on a **published share** (funded
  children in good or outstanding early years provision) over the share's own periods,
  with the children as its weight.

Nothing here compares or ranks: that is done once, in the comparison model.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from csrating.ingest import periods
from csrating.ingest.dataset import Dataset
from csrating.profile.block_a import count_grades, latest_inspections
from csrating.profile.block_c import indicator_periods
from csrating.profile.settings import ProfileSettings, ShareSource
from csrating.profile.shares import pooled_shares
from csrating.reference import Geography, indicator_catalogue
from csrating.scales import EcmOutcome
from csrating.types import ENGLAND_ONS_CODE, LaCode

__all__ = [
    "BLOCK_A_UNIT",
    "LineHistory",
    "PeriodValues",
    "indicator_histories",
    "line_histories",
    "settings_histories",
    "snapshot_dates",
]

BLOCK_A_UNIT = "percent"
"""The unit of a Block A group's figure: the share of settings good or better."""


@dataclass(frozen=True)
class PeriodValues:
    """Every council's figure of one line in one period.

    Attributes:
        period: the period as data write it: ``"2008-09"``, or the ISO date of a snapshot
            of inspections (``"2009-08-31"``).
        as_at: the date of a snapshot of inspections; ``None`` for an indicator's period.
        values: the councils' figures (councils with none are left out).
        reasons: why a council's figure is blank, where the data say.
        weights: what each council's figure is a share of (settings, children), for
            pooling; ``None`` when figures are not pooled (indicators).
        england_published: England's published figure, if the dataset gives one.
    """

    period: str
    as_at: dt.date | None
    values: Mapping[LaCode, float]
    reasons: Mapping[LaCode, str] = dataclasses.field(default_factory=dict)
    weights: Mapping[LaCode, float] | None = None
    england_published: float | None = None


@dataclass(frozen=True)
class LineHistory:
    """One line of the profile (a Block C indicator or a Block A group) over time.

    Attributes:
        block: ``"A"`` or ``"C"``.
        key: the indicator id (``"NI059"``) or group id (``"primary"``).
        title: what the figure measures.
        unit, decimals, higher_is_better: how the figure reads and which way is better.
        outcome: the indicator's Every Child Matters outcome (``None`` for Block A).
        vulnerable_gap: whether the indicator measures a gap for vulnerable groups.
        periods: the figures, oldest period first.
        current: the period the profile compares (the latest available by the cut-off).
        source: ``"inspections"``, ``"published share"`` or ``"indicator"``.
    """

    block: str
    key: str
    title: str
    unit: str
    decimals: int
    higher_is_better: bool
    outcome: EcmOutcome | None
    vulnerable_gap: bool
    periods: tuple[PeriodValues, ...]
    current: str | None
    source: str = "indicator"

    def period(self, period: str) -> PeriodValues | None:
        """Return the figures of ``period``, or ``None``."""
        return next((p for p in self.periods if p.period == period), None)


def line_histories(dataset: Dataset, settings: ProfileSettings) -> tuple[LineHistory, ...]:
    """Return every Block A group's and Block C indicator's history in a dataset.

    Args:
        dataset: the loaded dataset.
        settings: the framework's profile settings (cut-off, scope, groups, catalogue).

    Returns:
        The Block A groups in the framework's order, then the Block C indicators in
        catalogue order; lines the dataset has no figure for are left out.
    """
    from csrating.reference import geography

    places = geography(settings.vintage)
    return (
        *settings_histories(dataset.inspections, dataset.indicators, settings),
        *indicator_histories(dataset.indicators, settings, places),
    )


# Block C --------------------------------------------------------------------------------


def indicator_histories(
    indicators: pl.DataFrame, settings: ProfileSettings, places: Geography
) -> tuple[LineHistory, ...]:
    """Return each Block C indicator over every period available by the cut-off."""
    catalogue = [i for i in indicator_catalogue(settings.catalogue) if i.in_block_c]
    known = [str(i.id) for i in catalogue]
    rows = indicators.filter(pl.col("indicator").is_in(known))
    if rows.height == 0:
        return ()
    available = _available(rows.get_column("period").unique().to_list(), settings.as_at)
    rows = rows.filter(pl.col("period").is_in(list(available)))
    current = dict(indicator_periods(rows, settings.as_at).select("indicator", "period").rows())
    councils = set(places.codes)
    found: dict[tuple[str, str], _Collected] = {}
    for code, ident, period, value, reason in rows.select(
        "la_code", "indicator", "period", "value", "reason"
    ).iter_rows():
        collected = found.setdefault((ident, period), _Collected())
        if code == ENGLAND_ONS_CODE:
            collected.england = value
        elif code in councils:
            if value is not None:
                collected.values[LaCode(code)] = float(value)
            elif reason:
                collected.reasons[LaCode(code)] = str(reason)
    histories = []
    for entry in catalogue:
        texts = sorted((p for (i, p) in found if i == entry.id), key=lambda p: available[p].order)
        if not texts:
            continue
        histories.append(
            LineHistory(
                block="C",
                key=str(entry.id),
                title=entry.title,
                unit=entry.unit,
                decimals=entry.decimals,
                higher_is_better=entry.higher_is_better,
                outcome=entry.outcome,
                vulnerable_gap=entry.vulnerable_gap,
                periods=tuple(found[(entry.id, p)].period(p) for p in texts),
                current=current.get(entry.id),
            )
        )
    return tuple(histories)


@dataclass
class _Collected:
    """The figures of one line and period, gathered row by row."""

    values: dict[LaCode, float] = dataclasses.field(default_factory=dict)
    reasons: dict[LaCode, str] = dataclasses.field(default_factory=dict)
    weights: dict[LaCode, float] | None = None
    england: float | None = None

    def period(self, text: str, as_at: dt.date | None = None) -> PeriodValues:
        return PeriodValues(text, as_at, self.values, self.reasons, self.weights, self.england)


def _available(found: list[str], as_at: dt.date) -> dict[str, periods.Period]:
    """The periods among ``found`` whose data were available by ``as_at``."""
    out = {}
    for text in found:
        period = periods.parse_period(text)
        if period is not None and period.end <= as_at:
            out[text] = period
    return out


# Block A --------------------------------------------------------------------------------


def snapshot_dates(inspections: pl.DataFrame, as_at: dt.date) -> tuple[dt.date, ...]:
    """Return the dates Block A is counted at: the cut-off and the same day of each earlier
    year after the first inspection in the data (oldest first; none without inspections).
    """
    if inspections.height == 0:
        return ()
    first = inspections.get_column("inspection_date").min()
    if not isinstance(first, dt.date) or first > as_at:
        return ()
    dates = []
    year = as_at.year
    while True:
        try:
            date = as_at.replace(year=year)
        except ValueError:  # 29 February in a year without one
            date = as_at.replace(year=year, day=28)
        if date <= first:
            break
        dates.append(date)
        year -= 1
    return tuple(reversed(dates))


def settings_histories(
    inspections: pl.DataFrame, indicators: pl.DataFrame, settings: ProfileSettings
) -> tuple[LineHistory, ...]:
    """Return each Block A group's share good or better over time.

    A group the framework takes from a published share follows the share's periods; the
    others are counted from inspections at each of :func:`snapshot_dates`.
    """
    shared = {source.group: source for source in settings.block_a_shares}
    counted = _counted(inspections, settings)
    histories = []
    for group, label, _ in settings.groups:
        if group in shared:
            history = _share_history(indicators, shared[group], label, settings)
        else:
            history = counted.get(group)
        if history is not None:
            histories.append(history)
    return tuple(histories)


def _counted(inspections: pl.DataFrame, settings: ProfileSettings) -> dict[str, LineHistory]:
    groups = {gid: label for gid, label, _ in settings.groups}
    by_group: dict[str, list[PeriodValues]] = {}
    for date in snapshot_dates(inspections, settings.as_at):
        at = dataclasses.replace(settings, as_at=date)
        counts = count_grades(latest_inspections(inspections, at), at).filter(
            pl.col("key").is_in(list(groups))
        )
        found: dict[str, _Collected] = {}
        for key, code, o1, o2, o3, o4 in counts.select(
            "key", "la_code", "o1", "o2", "o3", "o4"
        ).iter_rows():
            total = o1 + o2 + o3 + o4
            if not total:
                continue
            collected = found.setdefault(key, _Collected(weights={}))
            assert collected.weights is not None
            collected.values[LaCode(code)] = 100.0 * (o1 + o2) / total
            collected.weights[LaCode(code)] = float(total)
        for key, collected in found.items():
            by_group.setdefault(key, []).append(collected.period(date.isoformat(), date))
    current = settings.as_at.isoformat()
    return {
        key: LineHistory(
            block="A",
            key=key,
            title=f"{groups[key]}: settings judged good or outstanding",
            unit=BLOCK_A_UNIT,
            decimals=0,
            higher_is_better=True,
            outcome=None,
            vulnerable_gap=False,
            periods=tuple(found),
            current=current if found[-1].period == current else None,
            source="inspections",
        )
        for key, found in by_group.items()
    }


def _share_history(
    indicators: pl.DataFrame, source: ShareSource, label: str, settings: ProfileSettings
) -> LineHistory | None:
    wanted = [ident for pair in source.parts for ident in pair]
    rows = indicators.filter(pl.col("indicator").is_in(wanted))
    shares = [share for share, _ in source.parts]
    found = _available(
        rows.filter(pl.col("indicator").is_in(shares)).get_column("period").unique().to_list(),
        settings.as_at,
    )
    history = []
    for text, period in sorted(found.items(), key=lambda item: item[1].order):
        at = dataclasses.replace(settings, as_at=period.end)
        table = pooled_shares(rows, source, at)
        if table.height == 0:
            continue
        table = table.filter(pl.col("period") == text)
        collected = _Collected(weights={})
        assert collected.weights is not None
        for code, share, children in table.select("la_code", "share", "children").iter_rows():
            if share is None:
                continue
            if code == ENGLAND_ONS_CODE:
                collected.england = float(share)
            else:
                collected.values[LaCode(code)] = float(share)
                collected.weights[LaCode(code)] = float(children or 0.0)
        if collected.values:
            history.append(collected.period(text))
    if not history:
        return None
    return LineHistory(
        block="A",
        key=source.group,
        title=f"{label}: funded children in good or outstanding provision",
        unit=BLOCK_A_UNIT,
        decimals=0,
        higher_is_better=True,
        outcome=None,
        vulnerable_gap=False,
        periods=tuple(history),
        current=history[-1].period,
        source="published share",
    )
