"""Managing users in the store: reset a password, end sessions, find by address."""

from __future__ import annotations

import datetime as dt

import pytest
from store_helpers import NOW

from csrating.store import RecordNotFound, Store, StoreError

LIFETIME = dt.timedelta(hours=8)


def test_reset_password_replaces_the_hash_and_ends_sessions(store: Store) -> None:
    user = store.add_user("reset@example.org", "the old password", "inspector", actor="t", now=NOW)
    token, _ = store.start_session(user, now=NOW, lifetime=LIFETIME)
    assert store.reset_password(user.id, "the new password", actor="cli", now=NOW) == 1
    assert store.session_user(token, now=NOW) is None
    assert store.authenticate("reset@example.org", "the old password") is None
    assert store.authenticate("reset@example.org", "the new password") is not None
    entry = store.audit_log(limit=1)[0]
    assert (entry.action, entry.actor) == ("user.reset_password", "cli")
    assert "the new password" not in str(entry.details_json)
    with pytest.raises(StoreError, match="too short"):
        store.reset_password(user.id, "short", actor="cli", now=NOW)
    with pytest.raises(StoreError, match="too long"):  # the sign-in form checks no more
        store.reset_password(user.id, "x" * 1025, actor="cli", now=NOW)


def test_end_user_sessions_ends_only_that_users_sessions(store: Store) -> None:
    one = store.add_user("one@example.org", "password one", "inspector", actor="t", now=NOW)
    two = store.add_user("two@example.org", "password two", "inspector", actor="t", now=NOW)
    tokens = [store.start_session(one, now=NOW, lifetime=LIFETIME)[0] for _ in range(2)]
    kept, _ = store.start_session(two, now=NOW, lifetime=LIFETIME)
    assert store.session_counts(now=NOW) == {one.id: 2, two.id: 1}
    assert store.end_user_sessions(one.id, actor="cli", now=NOW) == 2
    assert all(store.session_user(token, now=NOW) is None for token in tokens)
    assert store.session_user(kept, now=NOW) is not None
    assert store.end_user_sessions(one.id, actor="cli", now=NOW) == 0  # audited all the same
    assert [e.action for e in store.audit_log(limit=2)] == ["user.end_sessions"] * 2


def test_users_are_found_by_address_in_any_case(store: Store) -> None:
    user = store.add_user("Found@Example.org", "long password", "publisher", actor="t", now=NOW)
    assert store.user_by_email("  FOUND@example.ORG ").id == user.id
    with pytest.raises(RecordNotFound, match="users list"):
        store.user_by_email("missing@example.org")
