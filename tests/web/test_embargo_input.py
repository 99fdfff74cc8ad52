"""The embargo form: sensible dates only, in UK time, and an offset honoured.

It reads the time as ``csrating publish --embargo`` does
(:func:`csrating.publish.embargo.parse_embargo`): 2005-2100, Europe/London, a time the
clocks skip or repeat refused, and an offset typed after the time used, not ignored.
"""

from __future__ import annotations

import datetime as dt

import pytest
from web_helpers import Web


def _set(web: Web, day: str, clock: str) -> object:
    version = web.store.round(web.round_id).version
    return web.post(
        "publisher",
        f"/rounds/{web.round_id}/embargo",
        {"embargo_date": day, "embargo_time": clock, "version": str(version)},
    )


@pytest.mark.parametrize(
    ("day", "time_text", "field", "message"),
    [
        ("0001-01-01", "00:01", "embargo_date", "from 2005 to 2100"),
        ("9999-12-31", "23:59", "embargo_date", "from 2005 to 2100"),
        ("2004-12-31", "12:00", "embargo_date", "from 2005 to 2100"),
        ("2009-02-30", "00:01", "embargo_date", "a real date"),
        ("２００９-12-09", "00:01", "embargo_date", "a real date"),
        ("2010-03-28", "01:30", "embargo_time", "does not exist in UK time"),
        ("2010-10-31", "01:30", "embargo_time", "happens twice in UK time"),
        ("2009-12-09", "24:00", "embargo_time", "not a real date and time"),
        ("2009-12-09", "00:01:30", "embargo_time", "24-hour clock"),
        ("2009-12-09", "00:01 +05:00", "embargo_time", "24-hour clock"),
    ],
)
def test_unreasonable_embargo_times_are_refused(
    web: Web, day: str, time_text: str, field: str, message: str
) -> None:
    """Each is refused with a message beside the field at fault; nothing changes."""
    before = web.store.round(web.round_id)
    response = _set(web, day, time_text)
    assert response.status_code == 400
    assert message in response.text
    assert f'href="#{field}"' in response.text
    after = web.store.round(web.round_id)
    assert (after.embargo_at, after.version) == (before.embargo_at, before.version)


@pytest.mark.parametrize(
    ("time_text", "expected"),
    [
        ("09:30+05:00", dt.datetime(2009, 12, 10, 4, 30, tzinfo=dt.UTC)),
        ("09:30Z", dt.datetime(2009, 12, 10, 9, 30, tzinfo=dt.UTC)),
        ("09:30", dt.datetime(2009, 12, 10, 9, 30, tzinfo=dt.UTC)),
    ],
)
def test_an_offset_after_the_time_is_honoured(
    web: Web, time_text: str, expected: dt.datetime
) -> None:
    """A time with an offset means that moment; without one, UK time (GMT in December)."""
    assert _set(web, "2009-12-10", time_text).status_code == 303
    assert web.store.round(web.round_id).embargo_at == expected


def test_the_hour_after_the_clocks_go_back_can_be_told_apart(web: Web) -> None:
    """01:30 on 31 October 2010 happened twice; the offset says which one."""
    assert _set(web, "2010-10-31", "01:30+01:00").status_code == 303
    assert web.store.round(web.round_id).embargo_at == dt.datetime(
        2010, 10, 31, 0, 30, tzinfo=dt.UTC
    )
