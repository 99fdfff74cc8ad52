"""What-if: change some of a council's evidence in a sandbox and see its rating change.

Pure and in memory: :func:`what_if` takes a :class:`~csrating.pipeline.RatedRound`,
applies the changes to the council's evidence and re-rates it under the round's framework,
with England and similar areas moving as they would. Nothing is stored.

It re-uses the round's national work (grade counts, comparators), so a what-if costs a
few milliseconds and does not grow with the number of inspections in the dataset.

Two kinds of change:

* :class:`RegradeSettings` - give ``count`` settings of one type the grade ``to_grade``
  at their latest inspection, choosing among those now graded ``from_grade`` (in URN
  order, so the same request always changes the same settings);
* :class:`SetIndicator` - give an indicator a new value for the period it is compared in.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from csrating.errors import BadValue, WhatIfError
from csrating.frameworks import Assessment, assess
from csrating.pipeline import RatedRound
from csrating.profile import PerformanceProfile
from csrating.profile.block_a import moved_counts
from csrating.profile.block_c import indicator_periods, indicator_rows
from csrating.profile.model import BlockALine
from csrating.profile.shares import share_lines
from csrating.reference import indicator
from csrating.scales import InspectionGrade
from csrating.types import IndicatorId, LaCode
from csrating.vocabulary import SettingType

__all__ = ["MAX_COUNT", "Change", "RegradeSettings", "SetIndicator", "WhatIfResult", "what_if"]

MAX_COUNT = 100_000
"""No council has more settings of a type than this: larger counts are refused outright."""


@dataclass(frozen=True)
class RegradeSettings:
    """Regrade ``count`` settings of ``setting_type`` from ``from_grade`` to ``to_grade``."""

    setting_type: SettingType
    count: int
    from_grade: InspectionGrade
    to_grade: InspectionGrade

    def describe(self) -> str:
        """Say what the change does, in words."""
        kind = self.setting_type.singular if self.count == 1 else self.setting_type.label
        return f"{self.count} {kind} regraded from {self.from_grade.word} to {self.to_grade.word}"


@dataclass(frozen=True)
class SetIndicator:
    """Give ``indicator`` the value ``value`` for the period it is compared in."""

    indicator: IndicatorId
    value: float
    catalogue: str = "ni"

    def describe(self) -> str:
        """Say what the change does, in words."""
        entry = indicator(self.indicator, self.catalogue)
        return f"{entry.id} {entry.title} set to {self.value:g}"


Change = RegradeSettings | SetIndicator
"""One change a what-if makes."""


@dataclass(frozen=True)
class WhatIfResult:
    """The council's profile and assessment with the changes made."""

    la_code: LaCode
    changes: tuple[Change, ...]
    profile: PerformanceProfile
    assessment: Assessment

    @property
    def descriptions(self) -> tuple[str, ...]:
        """Each change in words."""
        return tuple(change.describe() for change in self.changes)


def what_if(rated: RatedRound, la_code: str, changes: Sequence[Change]) -> WhatIfResult:
    """Assess ``la_code`` under the round's framework as if ``changes`` were made.

    Args:
        rated: the round (its dataset and framework), as :func:`csrating.pipeline.rate`
            returns it.
        la_code: the council's DfE code.
        changes: what to change; applied in order.

    Returns:
        The rebuilt profile and its assessment (rules only: no moderation).

    Raises:
        UnknownCouncil: ``la_code`` is not a council of the round's geography.
        WhatIfError: a change cannot be made (too few settings with that grade, an
            indicator outside the catalogue, a value out of range, no changes at all).
    """
    code = rated.geography.council(la_code).la_code
    if not changes:
        raise WhatIfError("make at least one change: regrade some settings or set an indicator")
    sandbox = _Sandbox(rated, code)
    for change in changes:
        if isinstance(change, RegradeSettings):
            sandbox.regrade(change)
        else:
            sandbox.set_indicator(change)
    profile = rated.basis.rebuilt(
        code,
        counts=sandbox.counts,
        england_counts=sandbox.england_counts,
        indicators=sandbox.indicators,
        shares=sandbox.shares,
    )
    return WhatIfResult(code, tuple(changes), profile, assess(profile, rated.framework))


class _Sandbox:
    """The council's evidence as the changes so far leave it."""

    def __init__(self, rated: RatedRound, code: LaCode) -> None:
        self.rated = rated
        self.code = code
        self.settings = rated.framework.profile
        self.latest: pl.DataFrame | None = None  # the council's latest inspections, changed
        self.counts: pl.DataFrame | None = None
        self.england_counts: pl.DataFrame | None = None
        self.indicators: pl.DataFrame | None = None  # the council's Block C rows, changed
        self.raw_indicators: dict[str, pl.DataFrame] = {}  # changed rows of the dataset
        self.shares: dict[str, BlockALine] | None = None  # the council's share lines, changed

    def regrade(self, change: RegradeSettings) -> None:
        kind = change.setting_type
        framework = self.rated.framework
        if kind not in self.settings.scope:
            raise WhatIfError(
                f"{kind.label} are outside the scope of {framework.id}: changing them cannot "
                "change the rating"
            )
        if not 1 <= change.count <= MAX_COUNT:
            raise WhatIfError(
                f"the number of {kind.label} to regrade must be from 1 to {MAX_COUNT:,}"
            )
        if change.from_grade is change.to_grade:
            raise WhatIfError(
                f"regrading {kind.label} from {change.from_grade.word} to "
                f"{change.to_grade.word} changes nothing: choose a different grade"
            )
        if self.latest is None:
            basis = self.rated.basis
            self.latest = basis.latest_of(self.code)
            self.counts = basis.block_a.counts.filter(pl.col("la_code") == self.code)
            self.england_counts = basis.block_a.england_counts
        mine = self.latest.filter(pl.col("setting_type") == kind.value)
        candidates = mine.filter(pl.col("overall_effectiveness") == change.from_grade.value)
        if candidates.height < change.count:
            raise WhatIfError(
                f"only {candidates.height} of the council's {mine.height} {kind.label} are "
                f"graded {change.from_grade.word} at their latest inspection: regrade "
                f"{candidates.height or 'none'} at most"
            )
        chosen = candidates.sort("urn").get_column("urn").head(change.count)
        self.latest = self.latest.with_columns(
            pl.when(pl.col("urn").is_in(chosen.implode()))
            .then(pl.lit(change.to_grade.value, dtype=pl.Int8))
            .otherwise(pl.col("overall_effectiveness"))
            .alias("overall_effectiveness")
        )
        keys = [kind.value, *(gid for gid, _, types in self.settings.groups if kind in types)]
        moves = {change.from_grade.value: -change.count, change.to_grade.value: change.count}
        assert self.counts is not None and self.england_counts is not None
        self.counts = moved_counts(self.counts, keys, "o", moves)
        self.england_counts = moved_counts(self.england_counts, keys, "o", moves)

    def set_indicator(self, change: SetIndicator) -> None:
        catalogue = self.settings.catalogue
        try:
            entry = indicator(change.indicator, catalogue)
        except BadValue:
            raise WhatIfError(
                f"{change.indicator!r} is not in the indicator catalogue {catalogue!r}"
            ) from None
        value = float(change.value)
        if not math.isfinite(value):
            raise WhatIfError(f"{entry.id}: the value must be a number")
        if entry.unit == "percent" and not 0 <= value <= 100:
            raise WhatIfError(
                f"{entry.id} is a percentage: give a value from 0 to 100, not {value:g}"
            )
        basis = self.rated.basis.block_c
        if basis.period is None:
            raise WhatIfError("the dataset has no indicator period before the cut-off date")
        # The indicator's rows for every council and England, changed: re-deriving the
        # council's lines from them gives exactly what re-rating the changed dataset gives
        # (periods, similar areas, England and last period's value included). The value
        # is set in the period the indicator is compared in (the dataset's latest period
        # if it has none).
        if entry.in_block_c:
            national = basis.table.filter(pl.col("indicator") == entry.id)
            period = national.get_column("period")[0] if national.height else basis.period
            self._set(entry.id, period, value)
            self._block_c(entry.id)
        else:  # a share or a count feeding a Block A line (see csrating.profile.shares)
            found = indicator_periods(self._rows(entry.id), self.settings.as_at)
            period = found.get_column("period")[0] if found.height else basis.period
            self._set(entry.id, period, value)
            self._shares(entry.id)

    def _rows(self, ident: str) -> pl.DataFrame:
        """The dataset's rows of indicator ``ident`` (every council, England, every period)
        as the changes so far leave them."""
        rows = self.raw_indicators.get(ident)
        if rows is None:
            rows = self.rated.dataset.indicators.filter(pl.col("indicator") == ident)
        return rows

    def _set(self, ident: str, period: str, value: float) -> None:
        """Give the council's row of ``ident`` in ``period`` the value, adding it if need be."""
        rows = self._rows(ident)
        mine = (pl.col("la_code") == self.code) & (pl.col("period") == period)
        if rows.filter(mine).height:
            rows = rows.with_columns(
                pl.when(mine).then(pl.lit(value)).otherwise(pl.col("value")).alias("value"),
                pl.when(mine)
                .then(pl.lit(None, dtype=pl.Utf8))
                .otherwise(pl.col("reason"))
                .alias("reason"),
            )
        else:
            row = {
                "la_code": self.code,
                "indicator": ident,
                "period": period,
                "value": value,
                "reason": None,
            }
            rows = pl.concat([rows, pl.DataFrame([row], schema=rows.schema)], how="vertical")
        self.raw_indicators[ident] = rows

    def _block_c(self, ident: str) -> None:
        """Re-derive the council's Block C row of ``ident`` from the changed rows."""
        basis = self.rated.basis.block_c
        if self.indicators is None:
            self.indicators = basis.table.filter(pl.col("la_code") == self.code)
        places = self.rated.geography
        fresh = indicator_rows(
            self._rows(ident), self.settings.catalogue, self.settings.as_at, places
        )
        table = self.indicators
        self.indicators = pl.concat(
            [
                table.filter(pl.col("indicator") != ident),
                fresh.filter(pl.col("la_code") == self.code).select(table.columns),
            ],
            how="vertical",
        )

    def _shares(self, ident: str) -> None:
        """Re-derive the council's Block A lines from published shares that ``ident`` is a
        part of, from the changed rows of all their parts."""
        for source in self.settings.block_a_shares:
            parts = [name for pair in source.parts for name in pair]
            if ident not in parts:
                continue
            rows = pl.concat([self._rows(name) for name in dict.fromkeys(parts)], how="vertical")
            fresh = share_lines(rows, self.settings, self.rated.geography).get(self.code, {})
            if self.shares is None:
                self.shares = dict(self.rated.basis.shares.get(self.code, {}))
            self.shares.pop(source.group, None)
            if source.group in fresh:
                self.shares[source.group] = fresh[source.group]
