"""Small checks shared by the repository modules: times, reasons, versions."""

from __future__ import annotations

import datetime as dt

from csrating.errors import ConcurrentEdit, StoreError

MAX_REASON = 10_000
"""The longest reason a moderation or a decision may give, in characters."""


def utc(value: dt.datetime, name: str) -> dt.datetime:
    """Return ``value`` in UTC, refusing a naive ``datetime``.

    Raises:
        StoreError: ``value`` has no time zone.
    """
    if value.tzinfo is None or value.utcoffset() is None:
        raise StoreError(
            f"{name} {value.isoformat()} has no time zone: pass a timezone-aware UTC "
            "datetime, e.g. datetime.now(UTC)"
        )
    return value.astimezone(dt.UTC)


def reason_text(reason: str, what: str) -> str:
    """Return ``reason`` stripped, refusing an empty one.

    Raises:
        StoreError: the reason is empty or only spaces, holds a NUL byte (no database
            stores one), or is longer than :data:`MAX_REASON` characters.
    """
    text = reason.strip()
    if not text:
        raise StoreError(f"{what} needs a reason: say why, in a sentence or two")
    if "\x00" in text:
        raise StoreError(f"the reason for {what} holds a NUL byte (code 0): remove it")
    if len(text) > MAX_REASON:
        raise StoreError(
            f"the reason for {what} is {len(text):,} characters long: keep it under {MAX_REASON:,}"
        )
    return text


def grade_number(grade: int | None, what: str) -> int | None:
    """Return ``grade`` if it is a council rating 1-4 (or ``None``).

    Raises:
        StoreError: the grade is outside 1-4.
    """
    if grade is None:
        return None
    if isinstance(grade, bool) or not isinstance(grade, int) or not 1 <= grade <= 4:
        raise StoreError(
            f"{what} {grade!r} is not a council rating (expected 1-4, 4 performs excellently)"
        )
    return grade


def stamp(value: dt.datetime) -> str:
    """Write a UTC time for a message, e.g. ``2009-12-09 09:30 UTC``."""
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def check_version(
    what: str, *, expected: int, current: int, changed_by: str, changed_at: dt.datetime
) -> None:
    """Refuse a write made on a stale copy of a record.

    Raises:
        ConcurrentEdit: ``expected`` is not the stored version.
    """
    if expected != current:
        raise stale(what, current=current, changed_by=changed_by, changed_at=changed_at)


def stale(what: str, *, current: int, changed_by: str, changed_at: dt.datetime) -> ConcurrentEdit:
    """Return the error for a record changed by someone else since it was read."""
    return ConcurrentEdit(
        f"{what} was changed by {changed_by} at {stamp(changed_at)} since you opened it; "
        "reload and try again",
        current_version=current,
    )
