"""Users: e-mail addresses, argon2 password hashes, roles and council codes."""

from __future__ import annotations

import datetime as dt
import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.orm import Session

from csrating.errors import RecordNotFound, StoreError
from csrating.reference import geography, vintages
from csrating.store import audit
from csrating.store.models import Role, User, WebSession

MIN_PASSWORD_LENGTH = 8
"""The shortest password :func:`add_user` accepts."""

MAX_PASSWORD_LENGTH = 1024
"""The longest: the sign-in form checks no longer password (argon2 would take any)."""

MAX_EMAIL_LENGTH = 320
"""The longest e-mail address there can be (64 for the name, @, 255 for the domain)."""

_EMAIL = re.compile(r"^[^@\s\x00-\x1f\x7f]+@[^@\s\x00-\x1f\x7f]+$")


def normalise_email(email: str) -> str:
    """Return ``email`` trimmed and lower-cased, the form users are stored and found by.

    Raises:
        StoreError: it is not an e-mail address.
    """
    if len(email) > 2 * MAX_EMAIL_LENGTH:  # do not lower-case or quote megabytes
        raise StoreError(
            f"{email[:40]!r}... ({len(email):,} characters) is not an e-mail address: one "
            f"has at most {MAX_EMAIL_LENGTH}"
        )
    text = email.strip().lower()
    if not _EMAIL.match(text) or len(text) > MAX_EMAIL_LENGTH:
        raise StoreError(f"{email!r} is not an e-mail address (expected e.g. name@example.org)")
    return text


def parse_role(role: Role | str) -> Role:
    """Return ``role`` as a :class:`Role`.

    Raises:
        StoreError: it names no role.
    """
    try:
        return Role(role)
    except ValueError:
        roles = ", ".join(r.value for r in Role)
        raise StoreError(f"{role!r} is not a role (expected one of {roles})") from None


def add_user(
    session: Session,
    hasher: PasswordHasher,
    *,
    email: str,
    password: str,
    role: Role | str,
    la_code: str | None,
    actor: str,
    now: dt.datetime,
) -> User:
    """Add an active user with an argon2 hash of ``password``; audited as ``user.add``.

    Raises:
        StoreError: a bad e-mail address, role or council code, a short password, or an
            e-mail address already in use.
    """
    address = normalise_email(email)
    chosen = parse_role(role)
    code = _council_code(chosen, la_code)
    check_new_password(password)
    if session.scalar(select(User.id).where(User.email == address)) is not None:
        raise StoreError(f"a user with e-mail address {address} already exists")
    user = User(
        email=address,
        password_hash=hasher.hash(password),
        role=chosen,
        la_code=code,
        created_at=now,
        active=True,
    )
    session.add(user)
    session.flush()
    audit.record(
        session,
        at=now,
        actor=actor,
        action="user.add",
        entity="user",
        entity_id=user.id,
        details={"email": address, "role": chosen.value, "la_code": code},
    )
    return user


def find_by_email(session: Session, email: str) -> User | None:
    """Return the user with this e-mail address (any case), or ``None``."""
    try:
        address = normalise_email(email)
    except StoreError:
        return None
    return session.scalar(select(User).where(User.email == address))


def check_password(
    hasher: PasswordHasher, dummy_hash: str, user: User | None, password: str
) -> bool:
    """Whether ``user`` is active and ``password`` is theirs.

    A missing or disabled user costs the same hash verification (against ``dummy_hash``)
    as a wrong password, so timing does not tell which addresses exist.
    """
    if user is None or not user.active:
        _verify(hasher, dummy_hash, password)
        return False
    return _verify(hasher, user.password_hash, password)


def rehash(session: Session, hasher: PasswordHasher, user_id: int, password: str) -> User:
    """Replace a user's hash made with older parameters by one made with the current ones."""
    user = get_user(session, user_id)
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    return user


def set_active(
    session: Session, user_id: int, active: bool, *, actor: str, now: dt.datetime
) -> User:
    """Enable or disable a user; disabling ends their sessions. Audited as ``user.*``.

    Raises:
        RecordNotFound: no user has this id.
    """
    user = get_user(session, user_id)
    if user.active != active:
        user.active = active
        details: dict[str, object] = {"email": user.email}
        if not active:
            details["sessions_ended"] = end_sessions(session, user)
        audit.record(
            session,
            at=now,
            actor=actor,
            action="user.enable" if active else "user.disable",
            entity="user",
            entity_id=user.id,
            details=details,
        )
    return user


def end_sessions(session: Session, user: User) -> int:
    """Delete every session of ``user``; return how many there were."""
    ended = 0
    for web_session in session.scalars(select(WebSession).where(WebSession.user_id == user.id)):
        session.delete(web_session)
        ended += 1
    return ended


def end_user_sessions(session: Session, user_id: int, *, actor: str, now: dt.datetime) -> int:
    """End every session of a user (they must sign in again); audited as
    ``user.end_sessions``, even when there were none.

    Returns:
        How many sessions were ended.

    Raises:
        RecordNotFound: no user has this id.
    """
    user = get_user(session, user_id)
    ended = end_sessions(session, user)
    audit.record(
        session,
        at=now,
        actor=actor,
        action="user.end_sessions",
        entity="user",
        entity_id=user.id,
        details={"email": user.email, "sessions_ended": ended},
    )
    return ended


def reset_password(
    session: Session,
    hasher: PasswordHasher,
    user_id: int,
    password: str,
    *,
    actor: str,
    now: dt.datetime,
) -> int:
    """Give a user a new password and end their sessions; audited as
    ``user.reset_password`` (the password itself is never recorded).

    Returns:
        How many sessions were ended.

    Raises:
        RecordNotFound: no user has this id.
        StoreError: the password is too short.
    """
    check_new_password(password)
    user = get_user(session, user_id)
    user.password_hash = hasher.hash(password)
    ended = end_sessions(session, user)
    audit.record(
        session,
        at=now,
        actor=actor,
        action="user.reset_password",
        entity="user",
        entity_id=user.id,
        details={"email": user.email, "sessions_ended": ended},
    )
    return ended


def check_new_password(password: str) -> None:
    """Refuse a password too short, too long or holding a NUL byte.

    Raises:
        StoreError: saying what is wrong.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise StoreError(
            f"the password is too short: use at least {MIN_PASSWORD_LENGTH} characters"
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise StoreError(
            f"the password is too long: use at most {MAX_PASSWORD_LENGTH} characters "
            "(the sign-in form takes no more)"
        )
    if "\x00" in password:
        raise StoreError("the password holds a NUL byte (code 0): choose another")


def find_user(session: Session, email: str) -> User:
    """Return the user with this e-mail address (any case).

    Raises:
        RecordNotFound: no user has it (or it is not an e-mail address).
    """
    user = find_by_email(session, email)
    if user is None:
        raise RecordNotFound(
            f"there is no user with the e-mail address {email[:320]!r} (see 'csrating users list')"
        )
    return user


def get_user(session: Session, user_id: int) -> User:
    """Return the user with ``user_id``.

    Raises:
        RecordNotFound: no user has this id.
    """
    user = session.get(User, user_id)
    if user is None:
        raise RecordNotFound(f"there is no user {user_id}")
    return user


def _council_code(role: Role, la_code: str | None) -> str | None:
    if role is not Role.COUNCIL:
        if la_code is not None:
            raise StoreError(
                f"only council users have a council code; a {role.value} user has none "
                f"(got {la_code!r})"
            )
        return None
    code = (la_code or "").strip()
    if not any(geography(vintage).is_council_code(code) for vintage in vintages()):
        raise StoreError(
            f"a council user needs the DfE code of a council (e.g. 885 for "
            f"Worcestershire); got {la_code!r}"
        )
    return code


def _verify(hasher: PasswordHasher, password_hash: str, password: str) -> bool:
    try:
        return hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
