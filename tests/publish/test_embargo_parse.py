"""Reading an embargo time: UK time, offsets honoured, skipped and repeated hours refused."""

from __future__ import annotations

import datetime as dt

import pytest

from csrating.errors import UsageError
from csrating.publish.embargo import parse_embargo


def test_a_skipped_hour_is_said_not_to_exist() -> None:
    """01:30 on 28 March 2010 never happened in the UK (the clocks went from 01:00 to
    02:00): the message says so, not that it happened twice."""
    with pytest.raises(UsageError, match="does not exist in UK time"):
        parse_embargo("2010-03-28T01:30")


def test_a_repeated_hour_needs_its_offset() -> None:
    """01:30 on 31 October 2010 happened twice: refused without an offset."""
    with pytest.raises(UsageError, match="happens twice"):
        parse_embargo("2010-10-31T01:30")
    first = parse_embargo("2010-10-31T01:30+01:00")
    second = parse_embargo("2010-10-31T01:30+00:00")
    assert second - first == dt.timedelta(hours=1)


@pytest.mark.parametrize("text", ["0001-01-01T00:01", "9999-12-31T23:59", "2101-01-01T00:00"])
def test_years_outside_2005_to_2100_are_refused(text: str) -> None:
    with pytest.raises(UsageError, match="outside the years 2005 to 2100"):
        parse_embargo(text)
