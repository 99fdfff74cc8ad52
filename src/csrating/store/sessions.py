"""Browser sessions: a random token in the cookie, only its SHA-256 in the database."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from csrating.errors import StoreError
from csrating.store import audit
from csrating.store.models import User, WebSession
from csrating.store.users import get_user

TOKEN_BYTES = 32
"""Random bytes in a session token and in a CSRF token."""


def token_hash(token: str) -> str:
    """Return the SHA-256 (hex) of a session token: what the database stores."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(
    session: Session, user_id: int, *, now: dt.datetime, lifetime: dt.timedelta
) -> tuple[str, WebSession]:
    """Start a session for an active user; audited as ``session.start``.

    Returns:
        The raw token (for the cookie only) and the stored session with its CSRF token.

    Raises:
        StoreError: the user is disabled, or ``lifetime`` is not positive.
    """
    if lifetime <= dt.timedelta(0):
        raise StoreError(f"a session lifetime must be positive (got {lifetime})")
    user = get_user(session, user_id)
    if not user.active:
        raise StoreError(f"user {user.email} is disabled and cannot sign in")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    web_session = WebSession(
        token_hash=token_hash(token),
        user_id=user.id,
        csrf_token=secrets.token_urlsafe(TOKEN_BYTES),
        created_at=now,
        expires_at=now + lifetime,
        last_seen_at=now,
    )
    session.add(web_session)
    session.flush()
    audit.record(
        session,
        at=now,
        actor=user.email,
        action="session.start",
        entity="user",
        entity_id=user.id,
        details={"session_id": web_session.id, "expires_at": web_session.expires_at.isoformat()},
    )
    return token, web_session


def session_user(
    session: Session, token: str, *, now: dt.datetime
) -> tuple[User, WebSession] | None:
    """Return the user and session a token belongs to, deleting it if it has expired.

    Nothing is written for a valid session: the caller notes activity with
    :func:`note_activity` (at most once a minute, see :mod:`csrating.store.views`).

    Returns:
        ``None`` for an unknown or expired token, or a disabled user.
    """
    web_session = session.scalar(
        select(WebSession).where(WebSession.token_hash == token_hash(token))
    )
    if web_session is None:
        return None
    if web_session.expires_at <= now:
        session.delete(web_session)
        return None
    user = session.get(User, web_session.user_id)
    if user is None or not user.active:
        return None
    return user, web_session


def note_activity(
    session: Session, session_id: int, *, now: dt.datetime, interval: dt.timedelta
) -> bool:
    """Set a session's ``last_seen_at`` to ``now`` if it is at least ``interval`` old.

    Returns:
        Whether the row changed (another process may have noted it first).
    """
    result = session.execute(
        update(WebSession)
        .where(WebSession.id == session_id, WebSession.last_seen_at <= now - interval)
        .values(last_seen_at=now)
    )
    return bool(getattr(result, "rowcount", 0))


def delete_expired(session: Session, token: str, *, now: dt.datetime) -> None:
    """Delete the session a token belongs to if it has expired (not audited: no one acted)."""
    session.execute(
        delete(WebSession).where(
            WebSession.token_hash == token_hash(token), WebSession.expires_at <= now
        )
    )


def end_session(session: Session, token: str, *, now: dt.datetime) -> None:
    """Delete the session a token belongs to (nothing happens for an unknown token)."""
    web_session = session.scalar(
        select(WebSession).where(WebSession.token_hash == token_hash(token))
    )
    if web_session is None:
        return
    user = session.get(User, web_session.user_id)
    session.delete(web_session)
    audit.record(
        session,
        at=now,
        actor=user.email if user is not None else audit.SYSTEM,
        action="session.end",
        entity="user",
        entity_id=web_session.user_id,
        details={"session_id": web_session.id},
    )


def purge_expired(session: Session, *, now: dt.datetime) -> int:
    """Delete every expired session; return how many were deleted."""
    result = session.execute(delete(WebSession).where(WebSession.expires_at <= now))
    return int(getattr(result, "rowcount", 0) or 0)
