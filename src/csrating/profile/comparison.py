"""How a council's figure compares with a comparator (similar areas or England)."""

from __future__ import annotations

from enum import Enum

import polars as pl


class Comparison(Enum):
    """Relative performance: ``ABOVE`` means *better* than the comparator, whatever way the
    measure points (a lower persistent-absence rate is ``ABOVE``)."""

    ABOVE = "above"
    IN_LINE = "in_line"
    BELOW = "below"


class Trend(Enum):
    """How a measure moved between two periods, respecting its polarity."""

    IMPROVING = "improving"
    STABLE = "stable"
    DECLINING = "declining"


def compare_points(
    value: float | None, comparator: float | None, tolerance: float, *, higher_is_better: bool
) -> Comparison | None:
    """Compare two shares or values by an absolute tolerance (e.g. 5 percentage points).

    Returns:
        ``None`` when either figure is missing; otherwise ``IN_LINE`` when they differ by
        no more than ``tolerance``, else ``ABOVE`` or ``BELOW`` (better or worse).
    """
    if value is None or comparator is None:
        return None
    difference = value - comparator
    if abs(difference) <= tolerance + 1e-9:
        return Comparison.IN_LINE
    better = difference > 0 if higher_is_better else difference < 0
    return Comparison.ABOVE if better else Comparison.BELOW


def compare_relative(
    value: float | None, comparator: float | None, tolerance: float, *, higher_is_better: bool
) -> Comparison | None:
    """Compare two values by a tolerance relative to the comparator (0.05 = within 5%)."""
    if value is None or comparator is None:
        return None
    return compare_points(
        value, comparator, tolerance * abs(comparator), higher_is_better=higher_is_better
    )


def trend_between(
    current: float | None, previous: float | None, tolerance: float, *, higher_is_better: bool
) -> Trend | None:
    """Return the trend from ``previous`` to ``current`` (relative tolerance, as above)."""
    movement = compare_relative(current, previous, tolerance, higher_is_better=higher_is_better)
    if movement is None:
        return None
    return {
        Comparison.ABOVE: Trend.IMPROVING,
        Comparison.IN_LINE: Trend.STABLE,
        Comparison.BELOW: Trend.DECLINING,
    }[movement]


def comparison_expr(
    value: pl.Expr, comparator: pl.Expr, tolerance: pl.Expr, higher_is_better: pl.Expr
) -> pl.Expr:
    """Vectorised :func:`compare_points`: a string column of :class:`Comparison` values.

    ``tolerance`` is absolute (for a relative one pass ``rate * comparator.abs()``); the
    result is null where either figure is.
    """
    difference = value - comparator
    better = pl.when(higher_is_better).then(difference > 0).otherwise(difference < 0)
    return (
        pl.when(value.is_null() | comparator.is_null())
        .then(pl.lit(None, dtype=pl.Utf8))
        .when(difference.abs() <= tolerance + 1e-9)
        .then(pl.lit(Comparison.IN_LINE.value))
        .when(better)
        .then(pl.lit(Comparison.ABOVE.value))
        .otherwise(pl.lit(Comparison.BELOW.value))
    )


COMPARISONS: dict[str | None, Comparison | None] = {c.value: c for c in Comparison} | {None: None}
"""Look up a :class:`Comparison` from a column value (null gives ``None``)."""

TRENDS: dict[str | None, Trend | None] = {
    Comparison.ABOVE.value: Trend.IMPROVING,
    Comparison.IN_LINE.value: Trend.STABLE,
    Comparison.BELOW.value: Trend.DECLINING,
    None: None,
}
"""Look up the :class:`Trend` a comparison with the previous period means."""
