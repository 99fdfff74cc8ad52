"""Converting a column of text to dates: ISO dates only, each value checked."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from csrating.ingest.schema import ValueKind
from csrating.ingest.values import rule_for

DATE = rule_for(ValueKind.DATE)

ODD = [
    "2009-3-05",
    "2009-03-5",
    "+2009-03-05",
    "20090305",
    "2009/03/05",
    "05-03-2009",
    "2009-02-30",
]


def _expected(text: str | None) -> dt.date | None:
    """A date written exactly YYYY-MM-DD that exists, else nothing."""
    if text is None or len(text) != 10 or text[4] != "-" or text[7] != "-":
        return None
    if not (text[:4] + text[5:7] + text[8:]).isdigit():
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


@pytest.mark.parametrize("odd", [[], ODD])
def test_only_iso_dates_that_exist_convert(odd: list[str]) -> None:
    values = ["2009-03-31", None, "1999-12-31", "2009-03-31", *odd, "2010-01-01"]
    converted = DATE.convert(pl.Series("inspection_date", values, dtype=pl.Utf8))
    assert converted.name == "inspection_date"
    assert converted.dtype == pl.Date
    assert converted.to_list() == [_expected(v) for v in values]
