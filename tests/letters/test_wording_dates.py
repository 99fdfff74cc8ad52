"""Dates in the British long form."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csrating.letters.wording import long_date, month_year

MONTHS = (
    "January February March April May June July August September October November December"
).split()


@pytest.mark.parametrize(
    ("d", "text"),
    [
        (datetime.date(2009, 12, 9), "9 December 2009"),
        (datetime.date(2010, 1, 1), "1 January 2010"),
        (datetime.date(2006, 11, 30), "30 November 2006"),
        (datetime.datetime(2009, 5, 7, 13, 45), "7 May 2009"),
    ],
)
def test_long_date(d: datetime.date, text: str) -> None:
    assert long_date(d) == text


@given(st.dates())
def test_long_date_parts(d: datetime.date) -> None:
    day, month, year = long_date(d).split(" ")
    assert day == str(d.day) and not day.startswith("0")
    assert month == MONTHS[d.month - 1]
    assert year == str(d.year)
    assert month_year(d) == f"{month} {year}"


def test_month_year() -> None:
    assert month_year(datetime.date(2009, 5, 1)) == "May 2009"
