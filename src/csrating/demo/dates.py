"""Dates as day numbers (days since 1 January 1970), the demo dataset's window, and weekdays."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]

WINDOW_START = date(2006, 9, 1)
"""The first day a setting's inspection in the demo dataset can fall on."""

WINDOW_END = date(2010, 8, 31)
"""The last day any inspection in the demo dataset can fall on."""

_EPOCH = date(1970, 1, 1)


def day_number(day: date) -> int:
    """Days from 1 January 1970 to ``day``."""
    return (day - _EPOCH).days


def to_weekday(days: IntArray) -> IntArray:
    """Move Saturdays back to Friday and Sundays on to Monday."""
    weekday = (days + 3) % 7  # 1970-01-01 was a Thursday; Monday is 0
    shifted: IntArray = days - (weekday == 5).astype(np.int64) + (weekday == 6).astype(np.int64)
    return shifted


def random_weekdays(rng: np.random.Generator, first: date, last: date, count: int) -> IntArray:
    """Draw ``count`` weekdays between ``first`` and ``last`` inclusive, uniformly."""
    days = np.arange(day_number(first), day_number(last) + 1, dtype=np.int64)
    weekdays = days[(days + 3) % 7 < 5]
    drawn: IntArray = rng.choice(weekdays, size=count)
    return drawn


def to_date(day: int) -> date:
    """The date of day number ``day`` (days since 1 January 1970)."""
    return _EPOCH + timedelta(days=day)
