"""Sign-in attempts: limits counted in the database, before the password is checked.

Each attempt first *reserves* a place under every key it is limited by (its account and
its client address) in one write transaction: if a key already has as many attempts as
its limit within the window, the attempt is refused without checking the password;
otherwise a row per key is written and the password may be checked. A right password
deletes the rows again; a wrong one leaves them, and is audited (``sign_in.fail``), as is
the failure that fills a key (``sign_in.lockout``).

Because the rows are in the database, the limit holds across several server processes
and survives a restart; because they are written before the check, many attempts sent at
once cannot all be checked. Keys are stored as their SHA-256, so each takes 64
characters whatever was typed, and rows older than the window are deleted as attempts
come, so the table holds at most the attempts of one window.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from csrating.store import audit
from csrating.store.models import LoginAttempt, User

__all__ = [
    "AttemptLimit",
    "Refusal",
    "Reservation",
    "failed",
    "key_hash",
    "reserve",
    "succeeded",
]

ANONYMOUS = "public"
"""The actor of a failed sign-in: no one is signed in (the address tried is a detail)."""


@dataclass(frozen=True)
class AttemptLimit:
    """One limit an attempt is counted against.

    Attributes:
        kind: what is limited, for messages and the audit log: ``account`` or ``address``.
        value: the account's e-mail address or the client's address.
        limit: attempts allowed within the window.
    """

    kind: str
    value: str
    limit: int

    @property
    def key(self) -> str:
        """The stored key: the SHA-256 of ``kind:value``."""
        return key_hash(f"{self.kind}:{self.value}")


@dataclass(frozen=True)
class Reservation:
    """Places taken for one attempt: the rows written, with the limits they count against."""

    rows: tuple[tuple[int, AttemptLimit], ...]


@dataclass(frozen=True)
class Refusal:
    """An attempt refused unchecked: which limit is full, and when a place frees up."""

    kind: str
    until: dt.datetime


def key_hash(key: str) -> str:
    """Return the SHA-256 (hex) of a limiter key: what the database stores."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def reserve(
    session: Session, limits: Sequence[AttemptLimit], *, now: dt.datetime, window: dt.timedelta
) -> Reservation | Refusal:
    """Take a place under every limit, or refuse if any is full.

    Call in a write transaction: on PostgreSQL each key is locked (advisory, in a fixed
    order) until it ends; on SQLite the write lock is taken at ``BEGIN IMMEDIATE``.
    Attempts older than ``window`` are deleted first.

    Returns:
        The :class:`Reservation`, or a :class:`Refusal` naming the full limit that frees
        up last.
    """
    _lock(session, sorted({limit.key for limit in limits}))
    since = now - window
    session.execute(delete(LoginAttempt).where(LoginAttempt.at <= since))
    refusals = []
    for limit in limits:
        times = list(
            session.scalars(
                select(LoginAttempt.at)
                .where(LoginAttempt.key == limit.key, LoginAttempt.at > since)
                .order_by(LoginAttempt.at)
            )
        )
        if len(times) >= limit.limit:
            # A place frees up when enough of the oldest attempts leave the window.
            refusals.append(Refusal(limit.kind, times[len(times) - limit.limit] + window))
    if refusals:
        return max(refusals, key=lambda refusal: refusal.until)
    rows = []
    for limit in limits:
        row = LoginAttempt(key=limit.key, at=now)
        session.add(row)
        session.flush()
        rows.append((row.id, limit))
    return Reservation(tuple(rows))


def succeeded(session: Session, reservation: Reservation) -> None:
    """Give the places back: a right password does not count against the limits."""
    ids = [row_id for row_id, _ in reservation.rows]
    if ids:
        session.execute(delete(LoginAttempt).where(LoginAttempt.id.in_(ids)))


def failed(
    session: Session,
    reservation: Reservation,
    *,
    email: str,
    address: str,
    now: dt.datetime,
    window: dt.timedelta,
) -> list[str]:
    """Audit a wrong password, and each limit this failure filled (a lockout).

    Args:
        session: a write session.
        reservation: the places the attempt took (they stay taken).
        email: the e-mail address typed (already checked to be short and NUL-free).
        address: the client's address.
        now: when the attempt was made.
        window: the limiter's window.

    Returns:
        The kinds of limit that this failure filled (``account``, ``address``).
    """
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    entity_id = user.id if user is not None else "unknown"
    audit.record(
        session,
        at=now,
        actor=ANONYMOUS,
        action="sign_in.fail",
        entity="user",
        entity_id=entity_id,
        details={"email": email, "address": address},
    )
    filled = []
    for row_id, limit in reservation.rows:
        place = session.scalar(
            select(func.count())
            .select_from(LoginAttempt)
            .where(
                LoginAttempt.key == limit.key,
                LoginAttempt.at > now - window,
                LoginAttempt.id <= row_id,
            )
        )
        if place == limit.limit:
            filled.append(limit.kind)
            audit.record(
                session,
                at=now,
                actor=ANONYMOUS,
                action="sign_in.lockout",
                entity="user",
                entity_id=entity_id,
                details={
                    "email": email,
                    "address": address,
                    "limit": limit.kind,
                    "attempts": limit.limit,
                    "window_minutes": round(window.total_seconds() / 60),
                },
            )
    return filled


def _lock(session: Session, keys: Sequence[str]) -> None:
    if session.get_bind().dialect.name != "postgresql":
        return
    for key in keys:
        number = int.from_bytes(bytes.fromhex(key)[:8], "big", signed=True)
        session.execute(select(func.pg_advisory_xact_lock(number)))
