"""Browser sessions: hashed tokens, CSRF tokens, expiry and signing out."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import select
from store_helpers import NOW

from csrating.store import Role, Store, StoreError, WebSession


def test_a_session_stores_only_the_hash_of_its_token(store: Store) -> None:
    user = store.add_user("inspector@ofsted.test", "inspecting well", Role.INSPECTOR)
    token, web_session = store.start_session(user, now=NOW)
    assert len(token) >= 40
    assert web_session.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert web_session.expires_at == NOW + dt.timedelta(hours=8)
    assert len(web_session.csrf_token) >= 40 and web_session.csrf_token != token
    with store.session() as session:
        stored = session.scalars(select(WebSession.token_hash)).all()
    assert stored == [web_session.token_hash] and token not in stored


def test_session_user_finds_the_user_and_notes_when(store: Store) -> None:
    user = store.add_user("council@worcestershire.test", "our own profile", Role.COUNCIL, "885")
    token, started = store.start_session(user, now=NOW, lifetime=dt.timedelta(hours=1))
    later = NOW + dt.timedelta(minutes=30)
    found = store.session_user(token, now=later)
    assert found is not None
    who, web_session = found
    assert (who.id, who.la_code) == (user.id, "885")
    assert web_session.id == started.id and web_session.last_seen_at == later
    assert web_session.csrf_token == started.csrf_token
    assert store.session_user("not-a-token", now=later) is None


def test_an_expired_session_is_gone(store: Store) -> None:
    user = store.add_user("inspector@ofsted.test", "inspecting well", Role.INSPECTOR)
    token, _ = store.start_session(user, now=NOW, lifetime=dt.timedelta(hours=1))
    assert store.session_user(token, now=NOW + dt.timedelta(minutes=59)) is not None
    assert store.session_user(token, now=NOW + dt.timedelta(hours=1)) is None
    assert store.session_user(token, now=NOW) is None  # deleted, not just hidden
    with store.session() as session:
        assert session.scalars(select(WebSession)).all() == []


def test_ending_a_session_signs_out(store: Store) -> None:
    user = store.add_user("inspector@ofsted.test", "inspecting well", Role.INSPECTOR)
    token, _ = store.start_session(user, now=NOW)
    other, _ = store.start_session(user, now=NOW)
    store.end_session(token, now=NOW)
    assert store.session_user(token, now=NOW) is None
    assert store.session_user(other, now=NOW) is not None
    store.end_session(token, now=NOW)  # a second sign-out is harmless
    actions = [e.action for e in store.audit_log()]
    assert actions[:3] == ["session.end", "session.start", "session.start"]


def test_disabling_a_user_ends_their_sessions(store: Store) -> None:
    user = store.add_user("inspector@ofsted.test", "inspecting well", Role.INSPECTOR)
    token, _ = store.start_session(user, now=NOW)
    store.set_user_active(user.id, False, actor="admin@ofsted.test", now=NOW)
    assert store.session_user(token, now=NOW) is None
    with pytest.raises(StoreError, match="is disabled"):
        store.start_session(user, now=NOW)


def test_purge_removes_only_expired_sessions(store: Store) -> None:
    user = store.add_user("inspector@ofsted.test", "inspecting well", Role.INSPECTOR)
    store.start_session(user, now=NOW, lifetime=dt.timedelta(hours=1))
    keep, _ = store.start_session(user, now=NOW, lifetime=dt.timedelta(hours=10))
    assert store.purge_sessions(now=NOW + dt.timedelta(hours=2)) == 1
    assert store.session_user(keep, now=NOW + dt.timedelta(hours=2)) is not None


def test_times_must_be_timezone_aware(store: Store) -> None:
    user = store.add_user("inspector@ofsted.test", "inspecting well", Role.INSPECTOR)
    with pytest.raises(StoreError, match="has no time zone"):
        store.start_session(user, now=dt.datetime(2009, 11, 2, 9, 0))
    with pytest.raises(StoreError, match="must be positive"):
        store.start_session(user, now=NOW, lifetime=dt.timedelta(0))
