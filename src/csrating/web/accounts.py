"""What ``csrating users ...`` does (the CLI only wires it up): list users, disable and
enable them, reset a password, end a user's sessions. Each change is audited with the
actor ``cli``; see :mod:`csrating.store.users`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TextIO

from csrating.errors import UsageError
from csrating.store import open_store

__all__ = [
    "CLI_ACTOR",
    "end_sessions",
    "list_users",
    "password_from",
    "reset_password",
    "set_active",
]

CLI_ACTOR = "cli"
"""The actor the audit log records for changes made from the command line."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def list_users(
    database_url: str | None = None, *, now: Callable[[], dt.datetime] = _now
) -> list[dict[str, object]]:
    """Return every user as a row: e-mail, role, council, active, sessions, created."""
    with open_store(database_url) as store:
        counts = store.session_counts(now=now())
        return [
            {
                "email": user.email,
                "role": str(getattr(user.role, "value", user.role)),
                "la_code": user.la_code,
                "active": user.active,
                "sessions": counts.get(user.id, 0),
                "created_at": user.created_at.isoformat(timespec="seconds"),
            }
            for user in store.users()
        ]


def set_active(
    email: str,
    active: bool,
    database_url: str | None = None,
    *,
    now: Callable[[], dt.datetime] = _now,
) -> str:
    """Disable a user (ending their sessions) or enable them again; return a line to print.

    Raises:
        RecordNotFound: no user has this e-mail address.
    """
    with open_store(database_url) as store:
        user = store.user_by_email(email)
        if user.active == active:
            state = "active" if active else "disabled"
            return f"{user.email} is already {state}: nothing changed"
        store.set_user_active(user.id, active, actor=CLI_ACTOR, now=now())
    if active:
        return f"Enabled {user.email}: they can sign in again"
    return f"Disabled {user.email}: their sessions have ended and they cannot sign in"


def reset_password(
    email: str,
    password: str,
    database_url: str | None = None,
    *,
    now: Callable[[], dt.datetime] = _now,
) -> str:
    """Give a user a new password and end their sessions; return a line to print.

    Raises:
        RecordNotFound: no user has this e-mail address.
        StoreError: the password is too short.
    """
    with open_store(database_url) as store:
        user = store.user_by_email(email)
        ended = store.reset_password(user.id, password, actor=CLI_ACTOR, now=now())
    return f"New password set for {user.email}; {_sessions(ended)} ended"


def end_sessions(
    email: str, database_url: str | None = None, *, now: Callable[[], dt.datetime] = _now
) -> str:
    """End every session of a user (they must sign in again); return a line to print.

    Raises:
        RecordNotFound: no user has this e-mail address.
    """
    with open_store(database_url) as store:
        user = store.user_by_email(email)
        ended = store.end_user_sessions(user.id, actor=CLI_ACTOR, now=now())
    return f"Ended {_sessions(ended)} of {user.email}"


def password_from(stream: TextIO) -> str:
    """Read a password sent as one line on ``stream`` (standard input, for scripts).

    Raises:
        UsageError: the line is empty.
    """
    line = stream.readline().rstrip("\r\n")
    if not line:
        raise UsageError("no password on standard input: send it as one line")
    return line


def _sessions(count: int) -> str:
    return f"{count} session{'s' if count != 1 else ''}"
