"""Write dates the British way: "9 December 2009" (GOV.UK style, no leading zero)."""

from __future__ import annotations

import datetime

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(d: datetime.date) -> str:
    """Write a date in full, day first, without a leading zero or ordinal suffix.

    Args:
        d: The date (a :class:`datetime.datetime` is treated as its date).

    Returns:
        The date, e.g. ``"9 December 2009"``; independent of the system locale.
    """
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def month_year(d: datetime.date) -> str:
    """Write the month and year of a date.

    Args:
        d: The date.

    Returns:
        The month and year, e.g. ``"May 2009"``; independent of the system locale.
    """
    return f"{_MONTHS[d.month - 1]} {d.year}"
