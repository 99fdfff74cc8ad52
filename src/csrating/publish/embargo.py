"""The embargo: nothing is public before the publication time (DESIGN §7).

A publication may be built before its embargo time only as a *preview*, and every file
of a preview says so. Embargo times are written and read in UK time (Europe/London);
a time given with an offset keeps it. When one of two compared times has a zone and the
other has none, the one without is taken as UTC.
"""

from __future__ import annotations

import datetime as dt
import re

from csrating.errors import EmbargoError, UsageError
from csrating.formatting import LONDON, long_time
from csrating.frameworks.model import Framework

__all__ = [
    "EARLIEST",
    "LATEST",
    "default_embargo",
    "embargo_banner",
    "embargo_words",
    "is_embargoed",
    "parse_embargo",
    "publish_guard",
]

EARLIEST = dt.date(2005, 1, 1)
"""No embargo falls before the first Annual Performance Assessments."""

LATEST = dt.date(2100, 12, 31)
"""Nor after the end of this century."""

_EMBARGO = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::00)?(Z|[+-]\d{2}:\d{2})?$")


def parse_embargo(text: str, *, option: str = "the embargo") -> dt.datetime:
    """Read an embargo time: UK time ``"YYYY-MM-DDTHH:MM"``, or with an explicit offset.

    Args:
        text: the time as typed, e.g. ``"2009-12-09T00:01"`` or ``"2009-12-09T00:01+00:00"``.
        option: how the message names the input (``--embargo``, a form field).

    Returns:
        The moment, in UTC.

    Raises:
        UsageError: the text is not such a time, falls outside 2005-2100, or names a UK
            time that does not exist (the hour skipped when clocks go forward) or occurs
            twice (when they go back) without an offset to say which.
    """
    match = _EMBARGO.match(text.strip())
    expected = 'expected UK time as "YYYY-MM-DDTHH:MM", e.g. 2009-12-09T00:01'
    if match is None:
        raise UsageError(f"{option} {text!r} is not a time ({expected})")
    day, clock, offset = match.groups()
    try:
        naive = dt.datetime.fromisoformat(f"{day}T{clock}")
    except ValueError:
        raise UsageError(f"{option} {text!r} is not a real date and time ({expected})") from None
    if not EARLIEST <= naive.date() <= LATEST:
        raise UsageError(f"{option} {text!r} is outside the years {EARLIEST.year} to {LATEST.year}")
    if offset is not None:
        zone = (
            dt.UTC if offset == "Z" else dt.datetime.fromisoformat(f"{day}T{clock}{offset}").tzinfo
        )
        return naive.replace(tzinfo=zone).astimezone(dt.UTC)
    first = naive.replace(tzinfo=LONDON, fold=0)
    second = naive.replace(tzinfo=LONDON, fold=1)
    # A skipped time does not survive the round trip through UTC; check it first, as its
    # two folds differ too.
    if first.astimezone(dt.UTC).astimezone(LONDON).replace(tzinfo=None) != naive:
        raise UsageError(
            f"{option} {text!r} does not exist in UK time (the clocks go forward): choose "
            "another time"
        )
    if first.utcoffset() != second.utcoffset():
        raise UsageError(
            f"{option} {text!r} happens twice in UK time (the clocks go back): add the "
            "offset, +01:00 or +00:00"
        )
    return first.astimezone(dt.UTC)


def default_embargo(framework: Framework) -> dt.datetime | None:
    """Return 00:01 UK time on the framework's publication date (``None`` without one)."""
    if framework.publication_date is None:
        return None
    local = dt.datetime.combine(framework.publication_date, dt.time(0, 1), tzinfo=LONDON)
    return local.astimezone(dt.UTC)


def embargo_words(embargo: dt.datetime) -> str:
    """Write an embargo time the way a press office does: ``"00:01 on 9 December 2009"``
    (UK time)."""
    return long_time(embargo)


def embargo_banner(embargo: dt.datetime) -> str:
    """Return the notice every page of a preview carries."""
    return f"Embargoed until {embargo_words(embargo)} — preview, not for publication"


def is_embargoed(embargo: dt.datetime | None, now: dt.datetime) -> bool:
    """Whether ``now`` is before the embargo time (never, when there is no embargo).

    Args:
        embargo: the publication time, or ``None``.
        now: the current time.

    Returns:
        ``True`` while the embargo time is still to come.
    """
    if embargo is None:
        return False
    if embargo.tzinfo is None:
        embargo = embargo.replace(tzinfo=dt.UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.UTC)
    return embargo > now


def publish_guard(embargo: dt.datetime | None, now: dt.datetime, preview: bool) -> None:
    """Refuse to publish before the embargo time unless a marked preview is asked for.

    Args:
        embargo: the publication time, or ``None`` for no embargo.
        now: the current time (passed in: publication code never reads the clock).
        preview: whether a preview, marked "embargoed" on every page, is wanted.

    Raises:
        EmbargoError: the embargo time is still to come and ``preview`` is false.
    """
    if embargo is not None and is_embargoed(embargo, now) and not preview:
        raise EmbargoError(
            f"the results are embargoed until {embargo_words(embargo)}; "
            "use --preview to build a marked preview"
        )
