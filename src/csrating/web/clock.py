"""Clocks for the web application: the real one, and one tests can move.

The application never calls :func:`datetime.now` itself: it asks the clock it was given,
so a test can put the embargo in the past or the future at will.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

__all__ = ["Clock", "FakeClock", "SystemClock"]


class Clock(Protocol):
    """Anything that, when called, returns the current time (timezone-aware, UTC)."""

    def __call__(self) -> dt.datetime: ...  # pragma: no cover - protocol


class SystemClock:
    """The computer's clock, in UTC."""

    def __call__(self) -> dt.datetime:
        """Return the current time in UTC."""
        return dt.datetime.now(dt.UTC)


class FakeClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, start: dt.datetime) -> None:
        self._now = _aware(start)

    def __call__(self) -> dt.datetime:
        """Return the time the clock shows."""
        return self._now

    def set(self, when: dt.datetime) -> None:
        """Put the clock at ``when`` (naive times are taken as UTC)."""
        self._now = _aware(when)

    def advance(self, by: dt.timedelta | None = None, **parts: float) -> dt.datetime:
        """Move the clock forward by ``by`` (or ``timedelta(**parts)``) and return the time."""
        step = by if by is not None else dt.timedelta(**parts)
        self._now = self._now + step
        return self._now


def _aware(when: dt.datetime) -> dt.datetime:
    if when.tzinfo is None:
        return when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC)
