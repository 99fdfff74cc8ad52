"""The embargo: nothing is public before the publication time (DESIGN §7).

A publication may be built before its embargo time only as a *preview*, and every page
of a preview says so. A time without a time zone is local time (the command line reads
``--embargo "2009-12-09T00:01"`` so); when one of the two times has a zone and the
other has none, the one without is taken as the machine's local time to compare them.
"""

from __future__ import annotations

import datetime as dt

from csrating.errors import EmbargoError
from csrating.letters.wording import long_date

__all__ = ["embargo_banner", "embargo_words", "is_embargoed", "publish_guard"]


def embargo_words(embargo: dt.datetime) -> str:
    """Write an embargo time the way a press office does: ``"00:01 on 9 December 2009"``."""
    return f"{embargo:%H:%M} on {long_date(embargo)}"


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
    if (embargo.tzinfo is None) != (now.tzinfo is None):
        embargo, now = embargo.astimezone(), now.astimezone()  # naive means local time
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
