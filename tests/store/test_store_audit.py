"""The audit log is append-only: the database itself refuses UPDATE and DELETE."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from store_helpers import NOW, table_rows

from csrating.store import Role, Store


def test_the_audit_table_refuses_updates_and_deletes(store: Store, engine_name: str) -> None:
    store.add_user("inspector@ofsted.test", "inspecting well", Role.INSPECTOR, now=NOW)
    store.add_user("moderator@ofsted.test", "moderating well", Role.MODERATOR, now=NOW)
    before = table_rows(store.engine, "audit_entries")
    assert len(before) == 2

    statements = [
        "UPDATE audit_entries SET actor = 'someone else'",
        "DELETE FROM audit_entries WHERE id = 1",
        "DELETE FROM audit_entries",
    ]
    if engine_name == "postgresql":
        statements.append("TRUNCATE audit_entries")
    for statement in statements:
        with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as connection:
            connection.execute(text(statement))

    assert table_rows(store.engine, "audit_entries") == before


def test_the_audit_log_lists_newest_first_and_filters(store: Store) -> None:
    first = store.add_user("a@ofsted.test", "password one", Role.INSPECTOR, actor="admin", now=NOW)
    store.add_user("b@ofsted.test", "password two", Role.PUBLISHER, actor="admin", now=NOW)
    token, _ = store.start_session(first, now=NOW)
    entries = store.audit_log()
    assert [e.action for e in entries] == ["session.start", "user.add", "user.add"]
    assert [e.details_json.get("email") for e in entries[1:]] == ["b@ofsted.test", "a@ofsted.test"]
    assert [e.action for e in store.audit_log(limit=1)] == ["session.start"]
    mine = store.audit_log(entity="user", entity_id=first.id)
    assert [e.action for e in mine] == ["session.start", "user.add"]
    assert token not in str([e.details_json for e in entries])
