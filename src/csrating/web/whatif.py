"""What-if: change some of a council's evidence in a sandbox and see its rating change.

Pure and in memory: :func:`what_if` takes the round's dataset, applies the changes a user
asked for to a *copy* of the council's rows, rebuilds the council's profile with the full
national dataset (so similar areas and England move as they would) and assesses it under
the round's framework. Nothing is ever written to the store.

Two kinds of change:

* :class:`RegradeSettings` - give ``count`` settings of one type the grade ``to_grade``
  at their latest inspection, choosing among those now graded ``from_grade`` (in URN
  order, so the same request always changes the same settings);
* :class:`SetIndicator` - give a National Indicator a new value for the profile's period.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from csrating.errors import InputError, UsageError
from csrating.frameworks import Assessment, Framework, assess
from csrating.ingest.dataset import Dataset
from csrating.profile import PerformanceProfile, build_profile
from csrating.profile.block_a import latest_inspections
from csrating.profile.block_c import choose_periods
from csrating.reference import council, indicator
from csrating.scales import InspectionGrade
from csrating.types import IndicatorId, LaCode
from csrating.vocabulary import SettingType

__all__ = [
    "Change",
    "RegradeSettings",
    "SetIndicator",
    "WhatIfError",
    "WhatIfResult",
    "apply_changes",
    "what_if",
]


class WhatIfError(UsageError):
    """A what-if change cannot be made as asked; the message says why and what would do."""


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
    """Give ``indicator`` the value ``value`` for the profile's current period."""

    indicator: IndicatorId
    value: float

    def describe(self) -> str:
        """Say what the change does, in words."""
        entry = indicator(self.indicator)
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


def what_if(
    dataset: Dataset, framework: Framework, la_code: str, changes: Sequence[Change]
) -> WhatIfResult:
    """Assess ``la_code`` under ``framework`` as if ``changes`` were made to its evidence.

    Args:
        dataset: the round's full national dataset (left unchanged).
        framework: the round's framework.
        la_code: the council's DfE code.
        changes: what to change; applied in order.

    Returns:
        The rebuilt profile and its assessment (rules only: no moderation).

    Raises:
        UnknownCouncil: ``la_code`` is not one of the 152 councils.
        WhatIfError: a change cannot be made (too few settings with that grade, an
            indicator outside the catalogue, a value out of range, no changes at all).
    """
    code = council(la_code).la_code
    if not changes:
        raise WhatIfError("make at least one change: regrade some settings or set an indicator")
    changed = apply_changes(dataset, code, changes, framework)
    profile = build_profile(changed, code, framework.profile)
    return WhatIfResult(code, tuple(changes), profile, assess(profile, framework))


def apply_changes(
    dataset: Dataset, la_code: LaCode, changes: Sequence[Change], framework: Framework
) -> Dataset:
    """Return a copy of ``dataset`` with ``changes`` made to council ``la_code``'s rows."""
    inspections = dataset.inspections
    indicators = dataset.indicators
    for change in changes:
        if isinstance(change, RegradeSettings):
            inspections = _regrade(inspections, la_code, change, framework)
        else:
            indicators = _set_indicator(indicators, la_code, change, framework)
    return Dataset(
        inspections=inspections,
        council_inspections=dataset.council_inspections,
        indicators=indicators,
        contacts=dataset.contacts,
        source=dataset.source,
        report=dataset.report,
    )


_ROW = "__row"


def _regrade(
    inspections: pl.DataFrame, la_code: LaCode, change: RegradeSettings, framework: Framework
) -> pl.DataFrame:
    settings = framework.profile
    kind = change.setting_type
    if kind not in settings.scope:
        raise WhatIfError(
            f"{kind.label} are outside the scope of {framework.id}: changing them cannot "
            "change the rating"
        )
    if change.count < 1:
        raise WhatIfError(f"the number of {kind.label} to regrade must be 1 or more")
    if change.from_grade is change.to_grade:
        raise WhatIfError(
            f"regrading {kind.label} from {change.from_grade.word} to {change.to_grade.word} "
            "changes nothing: choose a different grade"
        )
    numbered = inspections.with_row_index(_ROW)
    latest = latest_inspections(
        numbered.filter((pl.col("la_code") == la_code) & (pl.col("setting_type") == kind.value)),
        settings,
    )
    candidates = latest.filter(pl.col("overall_effectiveness") == change.from_grade.value).sort(
        "urn"
    )
    if candidates.height < change.count:
        raise WhatIfError(
            f"only {candidates.height} of the council's {latest.height} {kind.label} are "
            f"graded {change.from_grade.word} at their latest inspection: regrade "
            f"{candidates.height or 'none'} at most"
        )
    rows = candidates.get_column(_ROW).head(change.count)
    return numbered.with_columns(
        pl.when(pl.col(_ROW).is_in(rows.implode()))
        .then(pl.lit(change.to_grade.value, dtype=pl.Int8))
        .otherwise(pl.col("overall_effectiveness"))
        .alias("overall_effectiveness")
    ).drop(_ROW)


def _set_indicator(
    indicators: pl.DataFrame, la_code: LaCode, change: SetIndicator, framework: Framework
) -> pl.DataFrame:
    try:
        entry = indicator(change.indicator)
    except InputError:
        raise WhatIfError(
            f"{change.indicator!r} is not in the indicator catalogue (e.g. NI059)"
        ) from None
    value = float(change.value)
    if not math.isfinite(value):
        raise WhatIfError(f"{entry.id}: the value must be a number")
    if entry.unit == "percent" and not 0 <= value <= 100:
        raise WhatIfError(f"{entry.id} is a percentage: give a value from 0 to 100, not {value:g}")
    period, _ = choose_periods(indicators, framework.profile.as_at)
    if period is None:
        raise WhatIfError("the dataset has no indicator period before the cut-off date")
    mine = (
        (pl.col("la_code") == la_code)
        & (pl.col("indicator") == entry.id)
        & (pl.col("period") == period)
    )
    if indicators.filter(mine).height:
        return indicators.with_columns(
            pl.when(mine).then(pl.lit(value)).otherwise(pl.col("value")).alias("value"),
            pl.when(mine)
            .then(pl.lit(None, dtype=pl.Utf8))
            .otherwise(pl.col("reason"))
            .alias("reason"),
        )
    row = pl.DataFrame(
        {
            "la_code": [la_code],
            "indicator": [entry.id],
            "period": [period],
            "value": [value],
            "reason": [None],
        },
        schema=indicators.schema,
    )
    return pl.concat([indicators, row])
