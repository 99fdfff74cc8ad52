"""The comparison model: a council beside each of its statistical neighbours, its region
and England, with its rank and quartile, over every period a dataset holds.

This is what a user of DfE's Local Authority Interactive Tool (LAIT) expects for each
Block C indicator and each Block A group, built once from a rated round
(:func:`national_comparison`) and read per council (:meth:`NationalComparison.council`)
or per pair of councils (:meth:`NationalComparison.pair`). Every surface (site, web
application, workbook) draws these values; the figures are formatted here, once.

How each comparator is found (also :data:`METHOD_NOTES`):

* **England**: the published figure where the dataset gives one (``la_code`` E92000001),
  else computed from the councils' figures by :func:`combine`: the plain mean of the
  councils with a value for an indicator (as the profile computes it), or pooled for a
  Block A group (the share of all the settings, or of all the children, which is the
  councils' shares weighted by their settings or children).
* **Region**: computed the same way from the region's councils (the data contract carries
  no published regional figures: LAIT's regional rows are left out on ingest).
* **Similar areas**: the plain mean of the neighbours that have a figure, as in the profile.
* **Rank**: among the councils with a figure in that period, 1 the best, respecting which
  way is better; councils with the same figure share the better rank ("joint 3rd").
* **Quartile**: LAIT's banding by rank: A for the best quarter of the councils ranked, then
  B and C, and D for the worst quarter (a council's position is its rank less one over
  the number ranked: below 0.25 is A, below 0.5 B, below 0.75 C).
* **Band**: the framework's fixed cut-offs (1 weakest to 4 strongest), applied to every
  period's figure: Block C's indicator cut-offs, and for a Block A group the cut-offs of
  its good-or-better share (before the rating's step for comparisons and cap for
  inadequate settings).

Everything here is pure: no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol, TypeVar

from csrating.formatting import NO_DATA, capitalise, long_date
from csrating.frameworks.model import Framework
from csrating.frameworks.rules.block_bands import BlockAParams
from csrating.pipeline import RatedRound
from csrating.presentation._figures import Figure
from csrating.presentation._rows import indicator_name
from csrating.presentation._tables import Column, TextTable
from csrating.presentation.charts import (
    COUNCIL_STYLE,
    ENGLAND_STYLE,
    NEIGHBOUR_STYLE,
    REGION_STYLE,
    SECOND_STYLE,
    SIMILAR_STYLE,
    ChartSeries,
    line_chart,
)
from csrating.profile.series import LineHistory, PeriodValues, line_histories
from csrating.profile.settings import IndicatorBands
from csrating.reference import Council, Geography
from csrating.scales import EcmOutcome
from csrating.types import LaCode

__all__ = [
    "BLOCK_A_SECTION",
    "METHOD_NOTES",
    "QUARTILES",
    "Aggregate",
    "CouncilComparison",
    "LineComparison",
    "NationalComparison",
    "PairComparison",
    "PairLine",
    "PeriodComparison",
    "SeriesRow",
    "SeriesTable",
    "Standing",
    "combine",
    "comparison_chart",
    "comparison_sections",
    "comparison_table",
    "england_figure",
    "framework_cutoffs",
    "line_glance",
    "line_summary",
    "national_comparison",
    "pair_chart",
    "pair_series_table",
    "pair_table",
    "period_labels",
    "quartile_of",
    "series_table",
    "standings",
]

PUBLISHED = "published"
ENGLAND_KEY = "E92000001"
MEAN = "mean"
POOLED = "pooled"

QUARTILES = ("A", "B", "C", "D")
"""LAIT's quartile bands, best first."""

METHOD_NOTES = (
    "England is the published figure where the data give one; otherwise, like each "
    "region, it is computed from the councils' figures: the mean of the councils with a "
    "figure for an indicator, and for a group of settings the share of all their settings "
    "(or funded children) judged good or better.",
    "Similar areas is the mean of the ten statistical neighbours that have a figure.",
    "Rank is among the councils with a figure in that period, 1 the best, taking account "
    "of which way is better; councils with the same figure share the better rank "
    '("joint").',
    "Quartile follows LAIT: A is the best quarter of the councils ranked, then B and C, "
    "and D the worst quarter.",
    "Band applies the framework's fixed cut-offs to each period's figure, 1 weakest to 4 "
    "strongest; a group of settings is banded by its good-or-better share before the "
    "rating's adjustments.",
)
"""How every comparator, rank, quartile and band is found, for notes beside the tables."""


# Comparators ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Aggregate:
    """England's or a region's figure, and how it was found.

    Attributes:
        value: the figure, or ``None`` when no council has one.
        method: ``"published"``, ``"mean"`` (of the councils' figures) or ``"pooled"``
            (the councils' figures weighted by what each is a share of).
        councils: how many councils' figures it was computed from (0 when published).
    """

    value: float | None
    method: str
    councils: int = 0

    @property
    def published(self) -> bool:
        """Whether the figure is published rather than computed."""
        return self.method == PUBLISHED

    @property
    def how(self) -> str:
        """How the figure was found, in words: "published", "mean of 150 councils"..."""
        if self.method == PUBLISHED:
            return "published"
        if self.method == POOLED:
            return f"pooled over {self.councils} councils"
        return f"mean of {self.councils} councils"


def combine(
    values: Mapping[LaCode, float],
    weights: Mapping[LaCode, float] | None,
    codes: Iterable[LaCode] | None = None,
) -> Aggregate:
    """Return the figure of several councils together: the one rule for England and regions.

    Args:
        values: each council's figure (councils without one are absent).
        weights: what each figure is a share of (settings, children) to pool by, or
            ``None`` for the plain mean of the figures.
        codes: the councils to combine (a region's); by default every council in
            ``values``.

    Returns:
        The mean (or pooled share) with the number of councils it rests on; ``None`` as
        its value when none of the councils has a figure, or their weights sum to 0.
    """
    chosen = [c for c in (values if codes is None else codes) if c in values]
    if not chosen:
        return Aggregate(None, MEAN if weights is None else POOLED)
    if weights is None:
        return Aggregate(sum(values[c] for c in chosen) / len(chosen), MEAN, len(chosen))
    total = sum(weights.get(c, 0.0) for c in chosen)
    if total <= 0:
        return Aggregate(None, POOLED, len(chosen))
    pooled = sum(values[c] * weights.get(c, 0.0) for c in chosen) / total
    return Aggregate(pooled, POOLED, len(chosen))


def england_figure(period: PeriodValues) -> Aggregate:
    """Return England's figure for one period: published if given, else computed."""
    if period.england_published is not None:
        return Aggregate(period.england_published, PUBLISHED)
    return combine(period.values, period.weights)


def _similar(period: PeriodValues, neighbours: Iterable[LaCode]) -> float | None:
    found = [period.values[c] for c in neighbours if c in period.values]
    return sum(found) / len(found) if found else None


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def period_labels(period: PeriodValues) -> tuple[str, str]:
    """Return how a period reads in a table and on a chart's axis: ``("2008-09",
    "2008-09")``, or for a snapshot of inspections ``("31 August 2009", "Aug 2009")``."""
    if period.as_at is None:
        return period.period, period.period
    return long_date(period.as_at), f"{_MONTHS[period.as_at.month - 1]} {period.as_at.year}"


# Rank and quartile ----------------------------------------------------------------------


def _ordinal(n: int) -> str:
    if n % 100 in (11, 12, 13):
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


@dataclass(frozen=True)
class Standing:
    """A council's place among all councils in one period.

    Attributes:
        rank: 1 the best; councils with the same figure share the better rank. ``None``
            when the council has no figure.
        of: how many councils have a figure (and are ranked).
        tied: how many councils share the rank (1 when none other does).
        quartile: ``"A"`` (the best quarter) to ``"D"`` (the worst), or ``None``.
    """

    rank: int | None
    of: int
    tied: int = 1
    quartile: str | None = None

    @property
    def rank_text(self) -> str:
        """The rank in words: "3rd of 150", "joint 3rd of 150" or "no data"."""
        if self.rank is None:
            return NO_DATA
        joint = "joint " if self.tied > 1 else ""
        return f"{joint}{_ordinal(self.rank)} of {self.of}"

    @property
    def quartile_text(self) -> str:
        """The quartile band, "A" to "D", or "no data"."""
        return self.quartile or NO_DATA


def quartile_of(rank: int, of: int) -> str:
    """Return LAIT's quartile band of ``rank`` among ``of`` councils: "A" best to "D".

    Raises:
        ValueError: ``rank`` is not between 1 and ``of``.
    """
    if not 1 <= rank <= of:
        raise ValueError(f"rank {rank} is not between 1 and {of}")
    return QUARTILES[min(3, int(4 * (rank - 1) / of))]


def standings(values: Mapping[LaCode, float], *, higher_is_better: bool) -> dict[LaCode, Standing]:
    """Rank every council with a figure: 1 the best, ties sharing the better rank.

    Figures equal to nine decimal places count as the same.
    """
    sign = -1.0 if higher_is_better else 1.0
    keyed = {code: round(sign * value, 9) for code, value in values.items()}
    ordered = sorted(keyed.values())
    of = len(ordered)
    first: dict[float, int] = {}
    counts: dict[float, int] = {}
    for position, key in enumerate(ordered, start=1):
        first.setdefault(key, position)
        counts[key] = counts.get(key, 0) + 1
    return {
        code: Standing(first[key], of, counts[key], quartile_of(first[key], of))
        for code, key in keyed.items()
    }


# The model ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodComparison:
    """One period of one line for one council: its figure beside every comparator."""

    period: str
    label: str
    short_label: str
    value: Figure
    neighbours: tuple[Figure, ...]
    similar_areas: Figure
    region: Figure
    region_how: Aggregate
    england: Figure
    england_how: Aggregate
    standing: Standing
    band: int | None

    @property
    def band_text(self) -> str:
        """The band, 1 weakest to 4 strongest, or "no data"."""
        return NO_DATA if self.band is None else str(self.band)


class _Labelled(Protocol):
    @property
    def label(self) -> str:
        """The period for a table."""
        ...


class _LineText:
    """What a line's heading, polarity, unit and span read (both kinds of line)."""

    block: str
    key: str
    name: str
    title: str
    unit: str
    higher_is_better: bool
    outcome: EcmOutcome | None
    periods: tuple[_Labelled, ...]

    @property
    def heading(self) -> str:
        """The line's heading, e.g. "NI 59 Initial assessments ..." or "Primary schools:
        settings judged good or outstanding"."""
        joiner = ": " if self.block == "A" else " "
        return f"{self.name}{joiner}{self.title}"

    @property
    def polarity_text(self) -> str:
        """Which way is better: "higher is better" or "lower is better"."""
        return "higher is better" if self.higher_is_better else "lower is better"

    @property
    def unit_text(self) -> str:
        """The unit as a caption names it: "per cent", "rate per 1000"..."""
        return "per cent" if self.unit == "percent" else self.unit

    @property
    def span(self) -> str:
        """The periods covered: "2006-07 to 2008-09", or the one period."""
        if not self.periods:
            return ""
        first, last = self.periods[0].label, self.periods[-1].label
        return first if first == last else f"{first} to {last}"

    @property
    def slug(self) -> str:
        """An id for the page: ``"c-ni059"``, ``"a-primary"``."""
        safe = "".join(ch if ch.isalnum() else "-" for ch in self.key.lower())
        return f"{self.block.lower()}-{safe}"


@dataclass(frozen=True)
class LineComparison(_LineText):
    """One Block C indicator or Block A group of a council, over every period.

    Attributes:
        block: ``"A"`` or ``"C"``.
        key: the indicator id or group id.
        name: how the line is named: ``"NI 59"``, ``"Primary schools"``.
        title: what it measures.
        unit, decimals, higher_is_better: how its figures read.
        outcome: the Every Child Matters outcome of an indicator.
        periods: oldest first.
        current: the period the profile compares.
        banded: whether the framework has cut-offs for the line.
    """

    block: str
    key: str
    name: str
    title: str
    unit: str
    decimals: int
    higher_is_better: bool
    outcome: EcmOutcome | None
    periods: tuple[PeriodComparison, ...]
    current: str | None
    banded: bool

    def at(self, period: str) -> PeriodComparison | None:
        """Return the comparison of ``period``, or ``None``."""
        return next((p for p in self.periods if p.period == period), None)

    @property
    def latest(self) -> PeriodComparison | None:
        """The current period's comparison (else the latest)."""
        found = self.at(self.current) if self.current else None
        return found or (self.periods[-1] if self.periods else None)


@dataclass(frozen=True)
class CouncilComparison:
    """A council's every line beside its neighbours, region and England over time."""

    council: Council
    neighbours: tuple[Council, ...]
    lines: tuple[LineComparison, ...]
    bands_from: str
    """The framework whose cut-offs give the bands, e.g. "rating-2009"."""

    @property
    def block_a(self) -> tuple[LineComparison, ...]:
        """The Block A groups."""
        return tuple(line for line in self.lines if line.block == "A")

    @property
    def block_c(self) -> tuple[LineComparison, ...]:
        """The Block C indicators, in catalogue order."""
        return tuple(line for line in self.lines if line.block == "C")

    def indicators_of(self, outcome: EcmOutcome) -> tuple[LineComparison, ...]:
        """The Block C indicators under one Every Child Matters outcome."""
        return tuple(line for line in self.lines if line.outcome is outcome)

    def line(self, key: str) -> LineComparison | None:
        """Return the line of an indicator or group id, or ``None``."""
        return next((line for line in self.lines if line.key == key), None)


@dataclass(frozen=True)
class PairPeriod:
    """One period of one line for two councils."""

    period: str
    label: str
    short_label: str
    first: Figure
    second: Figure
    england: Figure
    first_standing: Standing
    second_standing: Standing


@dataclass(frozen=True)
class PairLine(_LineText):
    """One line for two councils side by side."""

    block: str
    key: str
    name: str
    title: str
    unit: str
    decimals: int
    higher_is_better: bool
    outcome: EcmOutcome | None
    periods: tuple[PairPeriod, ...]


@dataclass(frozen=True)
class PairComparison:
    """Two councils' lines side by side (the lines either has)."""

    first: Council
    second: Council
    lines: tuple[PairLine, ...]


@dataclass(frozen=True)
class _Period:
    """One period of one line, worked out nationally once."""

    values: PeriodValues
    label: str
    short_label: str
    england: Aggregate
    standings: Mapping[LaCode, Standing]
    regions: Mapping[str, Aggregate]
    figures: dict[LaCode, Figure] = field(default_factory=dict)  # made when first read
    areas: dict[str, Figure] = field(default_factory=dict)  # England's and regions', likewise


@dataclass(frozen=True)
class NationalComparison:
    """Every council's lines over time, with the national work done once.

    Build it with :func:`national_comparison`; read a council with :meth:`council`.
    """

    places: Geography
    histories: tuple[LineHistory, ...]
    cutoffs: Mapping[tuple[str, str], IndicatorBands] = field(default_factory=dict)
    bands_from: str = ""
    _councils: dict[str, CouncilComparison] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    """Each council's comparison once read: its page and its workbooks share it."""

    @cached_property
    def _periods(self) -> dict[tuple[str, str], tuple[_Period, ...]]:
        regions: dict[str, list[LaCode]] = {}
        for council in self.places.councils:
            regions.setdefault(council.region_code, []).append(council.la_code)
        out = {}
        for history in self.histories:
            out[(history.block, history.key)] = tuple(
                _Period(
                    period,
                    *period_labels(period),
                    england_figure(period),
                    standings(period.values, higher_is_better=history.higher_is_better),
                    {
                        region: combine(period.values, period.weights, codes)
                        for region, codes in regions.items()
                    },
                )
                for period in history.periods
            )
        return out

    def council(self, la_code: str) -> CouncilComparison:
        """Return one council's comparison (every line it or England has a figure for).

        Made once per council and kept (a council's page and its workbooks read it).

        Raises:
            UnknownCouncil: ``la_code`` is not a council of the geography.
        """
        found = self._councils.get(la_code)
        if found is not None:
            return found
        council = self.places.council(la_code)
        neighbours = tuple(self.places.council(c) for c in self.places.neighbours(council.la_code))
        lines = tuple(self._line(history, council, neighbours) for history in self.histories)
        found = self._councils[la_code] = CouncilComparison(
            council, neighbours, lines, self.bands_from
        )
        return found

    def pair(self, first: str, second: str) -> PairComparison:
        """Return two councils side by side.

        Raises:
            UnknownCouncil: either is not a council of the geography.
        """
        a, b = self.places.council(first), self.places.council(second)
        lines = []
        for history in self.histories:
            worked = self._periods[(history.block, history.key)]
            periods = []
            for item in worked:
                values = item.values
                periods.append(
                    PairPeriod(
                        values.period,
                        item.label,
                        item.short_label,
                        self._figure(history, item, a.la_code),
                        self._figure(history, item, b.la_code),
                        self._area(history, item, ENGLAND_KEY, item.england),
                        self._standing(item, a.la_code),
                        self._standing(item, b.la_code),
                    )
                )
            lines.append(
                PairLine(
                    history.block,
                    history.key,
                    _name(history),
                    _title(history),
                    history.unit,
                    history.decimals,
                    history.higher_is_better,
                    history.outcome,
                    tuple(periods),
                )
            )
        return PairComparison(a, b, tuple(lines))

    def _line(
        self, history: LineHistory, council: Council, neighbours: tuple[Council, ...]
    ) -> LineComparison:
        code = council.la_code
        bands = self.cutoffs.get((history.block, history.key))
        periods = []
        for item in self._periods[(history.block, history.key)]:
            values = item.values
            own = values.values.get(code)
            region = item.regions.get(council.region_code, Aggregate(None, MEAN))
            periods.append(
                PeriodComparison(
                    period=values.period,
                    label=item.label,
                    short_label=item.short_label,
                    value=self._figure(history, item, code),
                    neighbours=tuple(self._figure(history, item, n.la_code) for n in neighbours),
                    similar_areas=self._number(
                        history, _similar(values, (n.la_code for n in neighbours))
                    ),
                    region=self._area(history, item, council.region_code, region),
                    region_how=region,
                    england=self._area(history, item, ENGLAND_KEY, item.england),
                    england_how=item.england,
                    standing=self._standing(item, code),
                    band=(
                        bands.band(own, higher_is_better=history.higher_is_better)
                        if bands is not None and own is not None
                        else None
                    ),
                )
            )
        return LineComparison(
            block=history.block,
            key=history.key,
            name=_name(history),
            title=_title(history),
            unit=history.unit,
            decimals=history.decimals,
            higher_is_better=history.higher_is_better,
            outcome=history.outcome,
            periods=tuple(periods),
            current=history.current,
            banded=bands is not None,
        )

    @staticmethod
    def _standing(item: _Period, code: LaCode) -> Standing:
        return item.standings.get(code, Standing(None, len(item.values.values)))

    @staticmethod
    def _figure(history: LineHistory, item: _Period, code: LaCode) -> Figure:
        found = item.figures.get(code)
        if found is None:
            values = item.values
            reason = values.reasons.get(code) or NO_DATA
            found = Figure(values.values.get(code), history.decimals, history.unit, reason)
            item.figures[code] = found
        return found

    @staticmethod
    def _area(history: LineHistory, item: _Period, key: str, aggregate: Aggregate) -> Figure:
        """England's or a region's figure, made once and shared by every council."""
        found = item.areas.get(key)
        if found is None:
            found = item.areas[key] = Figure(aggregate.value, history.decimals, history.unit)
        return found

    @staticmethod
    def _number(history: LineHistory, value: float | None) -> Figure:
        return Figure(value, history.decimals, history.unit)


def _name(history: LineHistory) -> str:
    if history.block == "A":
        return capitalise(history.title.split(":", 1)[0])
    return indicator_name(history.key)


def _title(history: LineHistory) -> str:
    if history.block == "A":
        return history.title.split(":", 1)[1].strip()
    return history.title


def framework_cutoffs(
    framework: Framework, histories: Iterable[LineHistory]
) -> dict[tuple[str, str], IndicatorBands]:
    """Return the framework's fixed cut-offs for each line it bands.

    Block C indicators use the framework's indicator cut-offs; Block A groups the
    good-or-better share cut-offs of its ``block_a_band`` rule, if it has one.
    """
    share: IndicatorBands | None = None
    for rule in framework.rules:
        if rule.kind == "block_a_band" and isinstance(rule.params, BlockAParams):
            low, middle, high = rule.params.share_cutoffs
            share = IndicatorBands((low, middle, high))
    bands = framework.profile.indicator_bands
    out: dict[tuple[str, str], IndicatorBands] = {}
    for history in histories:
        if history.block == "C" and history.key in bands:
            out[("C", history.key)] = bands[history.key]
        elif history.block == "A" and share is not None:
            out[("A", history.key)] = share
    return out


def national_comparison(rated: RatedRound) -> NationalComparison:
    """Return every council's comparison over time in a rated round.

    Args:
        rated: the rated round (its dataset, framework and geography).

    Returns:
        The national comparison; :meth:`NationalComparison.council` reads one council.
    """
    histories = line_histories(rated.dataset, rated.framework.profile)
    return NationalComparison(
        rated.geography,
        histories,
        framework_cutoffs(rated.framework, histories),
        rated.framework.id,
    )


# Tables ---------------------------------------------------------------------------------


def _caption(line: LineComparison | PairLine, who: str) -> str:
    unit = "" if line.unit == "percent" else f"; unit: {line.unit_text}"
    return f"{line.heading} – {who}, {line.span} ({line.polarity_text}{unit})"


def _columns(line: LineComparison | PairLine) -> tuple[Column, ...]:
    return (Column("Council or area"), *(Column(p.label, True) for p in line.periods))


_HOW_WORDS = {
    PUBLISHED: "published",
    MEAN: "computed, the mean of its councils' figures",
    POOLED: "computed, pooled over its councils",
}


def _sources(line: LineComparison, region: str) -> str:
    """Say where England's and the region's figures come from, period by period."""
    parts = []
    for name, hows in (
        ("England", [(p.label, p.england_how) for p in line.periods]),
        (region, [(p.label, p.region_how) for p in line.periods]),
    ):
        groups: dict[str, list[str]] = {}
        for label, how in hows:
            if how.value is not None:
                groups.setdefault(how.method, []).append(label)
        words = [
            _HOW_WORDS[method] + ("" if len(groups) == 1 else f" for {', '.join(labels)}")
            for method, labels in groups.items()
        ]
        if words:
            parts.append(f"{name}: {'; '.join(words)}.")
    return " ".join(parts)


def comparison_table(comparison: CouncilComparison, line: LineComparison) -> TextTable:
    """Return one line's table: the council, each neighbour, similar areas, region and
    England, then the council's rank, quartile and band, one column per period.

    Args:
        comparison: the council's comparison (for its name, neighbours and region).
        line: one of its lines.
    """
    council = comparison.council
    periods = line.periods
    rows: list[tuple[str, ...]] = [
        (council.name, *(p.value.text for p in periods)),
        *(
            (n.name, *(p.neighbours[i].text for p in periods))
            for i, n in enumerate(comparison.neighbours)
        ),
        ("Similar areas (mean of the neighbours)", *(p.similar_areas.text for p in periods)),
        (f"{council.region} (region)", *(p.region.text for p in periods)),
        ("England", *(p.england.text for p in periods)),
        (f"Rank of {council.name} (1 is best)", *(p.standing.rank_text for p in periods)),
        ("Quartile (A best to D worst)", *(p.standing.quartile_text for p in periods)),
    ]
    if line.banded:
        rows.append(
            (
                f"Band by the {comparison.bands_from} cut-offs (1 weakest to 4 strongest)",
                *(p.band_text for p in periods),
            )
        )
    who = f"{council.name}, its statistical neighbours, {council.region} and England"
    return TextTable(
        _caption(line, who), _columns(line), tuple(rows), _sources(line, council.region)
    )


@dataclass(frozen=True)
class SeriesRow:
    """One row of a table over time, with its kind for the page to style it by.

    Attributes:
        header: the row's header (a council, a comparator or a measure of standing).
        cells: one text per period.
        kind: ``"own"`` (the council), ``"neighbour"``, ``"council"`` (one of a pair),
            ``"comparator"`` (similar areas, region, England) or ``"standing"`` (rank,
            quartile, band).
        la_code: the council of a council's row, for a link to its page.
    """

    header: str
    cells: tuple[str, ...]
    kind: str
    la_code: LaCode | None = None


@dataclass(frozen=True)
class SeriesTable:
    """A table over time as pages draw it: caption, periods, rows with kinds, a note."""

    caption: str
    periods: tuple[str, ...]
    rows: tuple[SeriesRow, ...]
    note: str | None = None


def series_table(comparison: CouncilComparison, line: LineComparison) -> SeriesTable:
    """Return :func:`comparison_table` with each row's kind and council code."""
    table = comparison_table(comparison, line)
    codes = [comparison.council.la_code, *(n.la_code for n in comparison.neighbours)]
    rows = []
    for n, (header, *cells) in enumerate(table.rows):
        if n == 0:
            kind = "own"
        elif n < len(codes):
            kind = "neighbour"
        elif n < len(codes) + 3:
            kind = "comparator"
        else:
            kind = "standing"
        code = codes[n] if n < len(codes) else None
        rows.append(SeriesRow(header, tuple(cells), kind, code))
    periods = tuple(c.text for c in table.columns[1:])
    return SeriesTable(table.caption, periods, tuple(rows), table.note)


def pair_series_table(pair: PairComparison, line: PairLine) -> SeriesTable:
    """Return :func:`pair_table` with each row's kind and council code."""
    table = pair_table(pair, line)
    kinds = [
        ("council", pair.first.la_code),
        ("council", pair.second.la_code),
        ("comparator", None),
    ]
    rows = tuple(
        SeriesRow(header, tuple(cells), *(kinds[n] if n < len(kinds) else ("standing", None)))
        for n, (header, *cells) in enumerate(table.rows)
    )
    return SeriesTable(table.caption, tuple(c.text for c in table.columns[1:]), rows, table.note)


def pair_table(pair: PairComparison, line: PairLine) -> TextTable:
    """Return one line's table for two councils: their figures, England's, their ranks and
    quartiles, one column per period."""
    a, b = pair.first.name, pair.second.name
    periods = line.periods
    rows: tuple[tuple[str, ...], ...] = (
        (a, *(p.first.text for p in periods)),
        (b, *(p.second.text for p in periods)),
        ("England", *(p.england.text for p in periods)),
        (f"Rank of {a} (1 is best)", *(p.first_standing.rank_text for p in periods)),
        (f"Rank of {b} (1 is best)", *(p.second_standing.rank_text for p in periods)),
        (
            f"Quartile of {a} (A best to D worst)",
            *(p.first_standing.quartile_text for p in periods),
        ),
        (
            f"Quartile of {b} (A best to D worst)",
            *(p.second_standing.quartile_text for p in periods),
        ),
    )
    return TextTable(_caption(line, f"{a} and {b}"), _columns(line), rows)


# Charts ---------------------------------------------------------------------------------


def _axis_title(line: LineComparison | PairLine) -> str:
    return "Per cent" if line.unit == "percent" else capitalise(line.unit_text)


def _first_last(figures: Sequence[tuple[str, Figure]]) -> str:
    present = [(label, f) for label, f in figures if f.value is not None]
    if not present:
        return "no figure in any period"
    (first_label, first), (last_label, last) = present[0], present[-1]
    if first_label == last_label:
        return f"{last.text} in {last_label}"
    return f"{first.text} in {first_label} and {last.text} in {last_label}"


def comparison_chart(comparison: CouncilComparison, line: LineComparison) -> str:
    """Draw one line of a council over every period: the council, each neighbour (thin
    grey lines), similar areas, the region and England, as accessible SVG."""
    council = comparison.council
    periods = line.periods
    series = [
        *(
            ChartSeries(
                "Each statistical neighbour",
                tuple(p.neighbours[i].value for p in periods),
                NEIGHBOUR_STYLE,
                in_legend=i == 0,
            )
            for i in range(len(comparison.neighbours))
        ),
        ChartSeries("England", tuple(p.england.value for p in periods), ENGLAND_STYLE),
        ChartSeries(
            f"{council.region} (region)", tuple(p.region.value for p in periods), REGION_STYLE
        ),
        ChartSeries(
            "Similar areas (neighbours' mean)",
            tuple(p.similar_areas.value for p in periods),
            SIMILAR_STYLE,
        ),
        ChartSeries(council.name, tuple(p.value.value for p in periods), COUNCIL_STYLE),
    ]
    last = line.latest
    words = [
        f"Line chart of {line.heading} ({line.polarity_text}), {line.span}.",
        f"{council.name}: {_first_last([(p.label, p.value) for p in periods])}.",
    ]
    if last is not None:
        words.append(
            f"In {last.label}: similar areas {last.similar_areas.text}, {council.region} "
            f"{last.region.text}, England {last.england.text}; {council.name} ranked "
            f"{last.standing.rank_text}, quartile {last.standing.quartile_text}."
        )
    words.append(
        "Thin grey lines are its ten statistical neighbours. The table gives every figure."
    )
    return line_chart(
        chart_id=f"chart-{line.slug}",
        title=f"{line.heading}: {council.name} over time",
        description=" ".join(words),
        labels=[p.short_label for p in periods],
        series=series,
        unit=line.unit,
        axis_title=_axis_title(line),
    )


def pair_chart(pair: PairComparison, line: PairLine) -> str:
    """Draw one line of two councils and England over every period, as accessible SVG."""
    a, b = pair.first.name, pair.second.name
    periods = line.periods
    series = [
        ChartSeries("England", tuple(p.england.value for p in periods), ENGLAND_STYLE),
        ChartSeries(b, tuple(p.second.value for p in periods), SECOND_STYLE),
        ChartSeries(a, tuple(p.first.value for p in periods), COUNCIL_STYLE),
    ]
    description = (
        f"Line chart of {line.heading} ({line.polarity_text}), {line.span}. "
        f"{a}: {_first_last([(p.label, p.first) for p in periods])}. "
        f"{b}: {_first_last([(p.label, p.second) for p in periods])}. "
        f"England: {_first_last([(p.label, p.england) for p in periods])}. "
        "The table gives every figure."
    )
    return line_chart(
        chart_id=f"pair-{line.slug}",
        title=f"{line.heading}: {a} and {b} over time",
        description=description,
        labels=[p.short_label for p in periods],
        series=series,
        unit=line.unit,
        axis_title=_axis_title(line),
    )


# Sections -------------------------------------------------------------------------------

BLOCK_A_SECTION = "Block A: inspected services and settings"
"""The heading of the Block A groups' comparisons."""


_Line = TypeVar("_Line", bound=_LineText)


def comparison_sections(lines: Sequence[_Line]) -> tuple[tuple[str, tuple[_Line, ...]], ...]:
    """Group lines (of a council or a pair) as pages show them: Block A's groups, then
    Block C by outcome.

    Returns:
        (heading, lines) pairs, leaving out headings without lines.
    """
    sections = [(BLOCK_A_SECTION, tuple(line for line in lines if line.block == "A"))]
    for outcome in EcmOutcome:
        chosen = tuple(line for line in lines if line.block == "C" and line.outcome is outcome)
        sections.append((f"Block C: {outcome.title.lower()}", chosen))
    return tuple((heading, chosen) for heading, chosen in sections if chosen)


def line_glance(line: LineComparison) -> str:
    """The council's latest figure, rank and quartile in a few words, for a list of lines:
    "70.5% in 2008-09; joint 81st of 149; quartile C"."""
    last = line.latest
    if last is None:
        return NO_DATA
    if last.value.value is None:
        return f"{last.value.text} in {last.label}"
    return (
        f"{last.value.text} in {last.label}; {last.standing.rank_text}; "
        f"quartile {last.standing.quartile_text}"
    )


def line_summary(comparison: CouncilComparison, line: LineComparison) -> str:
    """Sum a line up in one sentence: the council's latest figure, rank and quartile."""
    last = line.latest
    name = comparison.council.name
    if last is None:
        return f"{name} has no figure."
    if last.value.value is None:
        return f"{name}: {last.value.text} in {last.label}."
    return (
        f"{name}: {last.value.text} in {last.label}, {last.standing.rank_text} "
        f"(quartile {last.standing.quartile_text}); England {last.england.text}."
    )
