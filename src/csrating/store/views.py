"""What one web request needs, read in one short read-only transaction.

A page needs to know who is asking (the session's user), the round the address names,
how far its councils have got (for the embargo and for cache keys) and, on a council's
page, that council's record. :func:`read_view` reads them together: at most two
prepared ``SELECT`` statements (the session; the round, its progress and the record), no
write and no assessment JSON.
The record's version, the round's version and the :class:`RoundProgress` stamp are what
the web tier keys its caches on, so a cache in any process is right as soon as the
database changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Connection, bindparam, case, func, select
from sqlalchemy.orm import make_transient_to_detached

from csrating.store.models import (
    AssessmentState,
    Base,
    CouncilAssessment,
    Round,
    User,
    WebSession,
)
from csrating.store.sessions import token_hash

__all__ = [
    "SESSION_ACTIVITY_INTERVAL",
    "RequestView",
    "RoundProgress",
    "read_view",
    "rounds_with_progress",
]

SESSION_ACTIVITY_INTERVAL = dt.timedelta(minutes=1)
"""A session's ``last_seen_at`` is written at most this often (never on a plain read)."""

MAX_ID = 2**31 - 1
"""The largest id a row can have on both engines (PostgreSQL's ``integer``)."""

_FINAL = (AssessmentState.SIGNED_OFF.value, AssessmentState.WITHHELD.value)


@dataclass(frozen=True)
class RoundProgress:
    """How far a round's councils have got, and a stamp that changes with any of them.

    Attributes:
        councils: how many councils the round rates.
        open: how many are neither signed off nor withheld.
        stamp: the sum of the councils' record versions. Every change to a council's
            record (a moderation proposed, applied or rejected, a sign-off) adds one to
            its version and records are never deleted, so the stamp only grows: two reads
            with the same stamp saw the same records.
    """

    councils: int
    open: int
    stamp: int

    @property
    def ready(self) -> bool:
        """Whether every council is signed off or withheld (publication waits for this)."""
        return self.councils > 0 and self.open == 0


@dataclass(frozen=True)
class RequestView:
    """What :func:`read_view` found; detached rows, every column loaded but the JSON.

    Attributes:
        user: the session's user (``None`` without a valid session).
        session: the valid session.
        round: the round asked for, if it exists.
        progress: that round's :class:`RoundProgress`.
        record: the council's record asked for (its ``assessment_json`` is not loaded:
            reading it raises), if it exists.
        expired: the token belonged to a session that has expired (delete it later).
        stale: the session's ``last_seen_at`` is older than
            :data:`SESSION_ACTIVITY_INTERVAL` (note the activity later).
    """

    user: User | None = None
    session: WebSession | None = None
    round: Round | None = None
    progress: RoundProgress | None = None
    record: CouncilAssessment | None = None
    expired: bool = False
    stale: bool = False


def read_view(
    connection: Connection,
    *,
    token: str | None,
    round_id: int | None,
    la_code: str | None,
    now: dt.datetime,
) -> RequestView:
    """Read the session, round, progress and council record a request needs; write nothing.

    Runs prepared Core statements on ``connection`` (in one transaction) and gives back
    detached model objects: the ORM's own loading costs more than the queries.

    Args:
        connection: a connection; the caller ends its transaction.
        token: the session cookie's token, if any.
        round_id: the round named by the address, if any (ids out of range find nothing).
        la_code: the council named by the address, if any (read only with a round).
        now: the current time (UTC), to tell an expired or stale session.
    """
    user = web_session = None
    expired = stale = False
    if token:
        found = connection.execute(_SESSION, {"token_hash": token_hash(token)}).first()
        if found is not None:
            candidate = _detached(WebSession, _SESSION_KEYS, found)
            owner = _detached(User, _USER_KEYS, found, len(_SESSION_KEYS))
            if candidate.expires_at <= now:
                expired = True
            elif owner.active:
                user, web_session = owner, candidate
                stale = candidate.last_seen_at <= now - SESSION_ACTIVITY_INTERVAL
    round_ = progress = record = None
    if round_id is not None and 1 <= round_id <= MAX_ID:
        council = la_code if la_code is not None and _could_be_code(la_code) else None
        row = connection.execute(
            _ROUND if council is None else _ROUND_AND_RECORD,
            {"round_id": round_id, "la_code": council},
        ).first()
        if row is not None:
            round_ = _detached(Round, _ROUND_KEYS, row)
            width = len(_ROUND_KEYS)
            progress = RoundProgress(*(int(v) for v in row[width : width + 3]))
            if council is not None and row[width + 3] is not None:
                record = _detached(CouncilAssessment, _RECORD_KEYS, row, width + 3)
    return RequestView(user, web_session, round_, progress, record, expired, stale)


def _could_be_code(la_code: str) -> bool:
    """Whether ``la_code`` could be a council's code: anything else (too long, or with a
    NUL byte, which PostgreSQL refuses in a parameter) is not sent to the database."""
    return len(la_code) <= 3 and "\x00" not in la_code


def rounds_with_progress(connection: Connection) -> list[tuple[Round, RoundProgress]]:
    """Return every round, newest first, with its :class:`RoundProgress` (one statement)."""
    rows = connection.execute(_ROUNDS)
    width = len(_ROUND_KEYS)
    return [
        (_detached(Round, _ROUND_KEYS, row), RoundProgress(*(int(v) for v in row[width:])))
        for row in rows
    ]


_M = TypeVar("_M", bound=Base)


def _detached(model: type[_M], keys: tuple[str, ...], row: Any, start: int = 0) -> _M:
    """Return a detached instance of ``model`` holding ``keys`` from ``row`` (from ``start``);
    any other column is unloaded and raises if read."""
    instance = model(**{key: row[start + index] for index, key in enumerate(keys)})
    make_transient_to_detached(instance)
    return instance


def _progress_columns() -> tuple[Any, Any, Any]:
    """Return the correlated subqueries counting a round's councils, its open ones and the
    sum of their versions."""
    records = select(CouncilAssessment.id).where(CouncilAssessment.round_id == Round.id)
    councils = records.with_only_columns(func.count()).scalar_subquery()
    open_ = records.with_only_columns(
        func.coalesce(func.sum(case((CouncilAssessment.state.in_(_FINAL), 0), else_=1)), 0)
    ).scalar_subquery()
    stamp = records.with_only_columns(
        func.coalesce(func.sum(CouncilAssessment.version), 0)
    ).scalar_subquery()
    return councils, open_, stamp


def _columns(model: type[Base], *leave_out: str) -> tuple[Any, ...]:
    table = model.__table__
    return tuple(c for c in table.columns if c.key not in leave_out)


_ROUND_COLUMNS = _columns(Round)
_ROUND_KEYS = tuple(c.key for c in _ROUND_COLUMNS)
_ROUND = select(*_ROUND_COLUMNS, *_progress_columns()).where(
    Round.__table__.c.id == bindparam("round_id")
)
_ROUNDS = select(*_ROUND_COLUMNS, *_progress_columns()).order_by(Round.__table__.c.id.desc())
_RECORD_COLUMNS = _columns(CouncilAssessment, "assessment_json")
_RECORD_KEYS = tuple(c.key for c in _RECORD_COLUMNS)
_RECORD_TABLE = CouncilAssessment.__table__.alias("record")
_ROUND_AND_RECORD = (
    select(
        *_ROUND_COLUMNS,
        *_progress_columns(),
        *(_RECORD_TABLE.c[c.key] for c in _RECORD_COLUMNS),
    )
    .select_from(
        Round.__table__.outerjoin(
            _RECORD_TABLE,
            (_RECORD_TABLE.c.round_id == Round.__table__.c.id)
            & (_RECORD_TABLE.c.la_code == bindparam("la_code")),
        )
    )
    .where(Round.__table__.c.id == bindparam("round_id"))
)
_SESSION_COLUMNS = _columns(WebSession)
_SESSION_KEYS = tuple(c.key for c in _SESSION_COLUMNS)
_USER_COLUMNS = _columns(User)
_USER_KEYS = tuple(c.key for c in _USER_COLUMNS)
_SESSION = (
    select(*_SESSION_COLUMNS, *_USER_COLUMNS)
    .join_from(WebSession.__table__, User.__table__, User.__table__.c.id == WebSession.user_id)
    .where(WebSession.__table__.c.token_hash == bindparam("token_hash"))
)
