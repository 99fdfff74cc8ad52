"""What a web request reads: one read-only transaction, versions to key caches on.

Every test runs on SQLite and on PostgreSQL (see ``conftest.py``).
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event
from sqlalchemy.orm.exc import DetachedInstanceError
from store_helpers import NOW

from csrating.store import SESSION_ACTIVITY_INTERVAL, Role, Round, Store, StoreError
from csrating.store.views import MAX_ID


def statements_of(store: Store, call):  # type: ignore[no-untyped-def]
    """Run ``call`` and return its result and the SQL statements it ran."""
    seen: list[str] = []

    def note(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", note)
    try:
        return call(), seen
    finally:
        event.remove(store.engine, "before_cursor_execute", note)


def writes(statements: list[str]) -> list[str]:
    """The statements that write, or take SQLite's write lock."""
    return [
        s
        for s in statements
        if s.split()[0].upper() in {"INSERT", "UPDATE", "DELETE"} or "IMMEDIATE" in s.upper()
    ]


def test_one_read_finds_session_round_progress_and_record(store: Store, demo_round: Round) -> None:
    user = store.add_user("inspector@ofsted.test", "inspecting well", Role.INSPECTOR)
    token, started = store.start_session(user, now=NOW)
    view, seen = statements_of(
        store,
        lambda: store.view(token=token, round_id=demo_round.id, la_code="885", now=NOW),
    )
    assert view.user is not None and view.user.email == "inspector@ofsted.test"
    assert view.session is not None and view.session.id == started.id and not view.stale
    assert view.round is not None and view.round.id == demo_round.id
    assert view.progress is not None and view.progress.councils == 152
    assert view.progress.stamp == 152  # every record at version 1
    assert view.record is not None and view.record.la_code == "885"
    selects = [s for s in seen if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 2 and writes(seen) == []  # the session; the round and record
    assert not [s for s in seen if "assessment_json" in s]
    with pytest.raises(DetachedInstanceError):
        view.record.assessment_json  # noqa: B018 - not loaded: reading it raises


def test_the_progress_stamp_grows_with_every_change(store: Store, demo_round: Round) -> None:
    def progress():  # type: ignore[no-untyped-def]
        found = store.view(round_id=demo_round.id, now=NOW).progress
        assert found is not None
        return found

    first = progress()
    record = store.council_assessment(demo_round.id, "885")
    store.propose_moderation(
        demo_round.id,
        "885",
        to_grade=4 if record.grade != 4 else 3,
        withhold=False,
        reason="new evidence",
        actor="inspector@ofsted.test",
        now=NOW,
        expected_version=record.version,
    )
    second = progress()
    assert second.stamp == first.stamp + 1 and second.open == first.open
    other = store.council_assessment(demo_round.id, "860")
    store.sign_off(
        demo_round.id, "860", actor="publisher@ofsted.test", now=NOW, expected_version=other.version
    )
    third = progress()
    assert third.stamp == second.stamp + 1
    assert third.open == second.open - (0 if str(other.state.value) == "withheld" else 1)


def test_unknown_and_impossible_ids_find_nothing(store: Store, demo_round: Round) -> None:
    for round_id in (demo_round.id + 1, MAX_ID, MAX_ID + 1, 0, -1):
        view = store.view(round_id=round_id, la_code="885", now=NOW)
        assert view.round is None and view.progress is None and view.record is None
    assert store.view(round_id=demo_round.id, la_code="999", now=NOW).record is None
    assert store.view(token="not-a-token", now=NOW).user is None


def test_a_fresh_session_is_read_without_writing(store: Store) -> None:
    user = store.add_user("inspector@ofsted.test", "inspecting well", Role.INSPECTOR)
    token, _ = store.start_session(user, now=NOW)
    soon = NOW + SESSION_ACTIVITY_INTERVAL - dt.timedelta(seconds=1)
    found, seen = statements_of(store, lambda: store.session_user(token, now=soon))
    assert found is not None and writes(seen) == []
    later = NOW + SESSION_ACTIVITY_INTERVAL
    found, seen = statements_of(store, lambda: store.session_user(token, now=later))
    assert found is not None and found[1].last_seen_at == later
    assert len(writes(seen)) >= 1
    assert store.note_activity(found[1].id, now=later) is False  # already noted


def test_a_read_does_not_wait_for_a_writer(store: Store, demo_round: Round) -> None:
    """A view is read while another transaction holds the write lock (SQLite: BEGIN
    IMMEDIATE; PostgreSQL: the round's row locked for update)."""
    with store.session(write=True) as session:
        session.get(Round, demo_round.id, with_for_update=True)
        view = store.view(round_id=demo_round.id, now=NOW)
    assert view.round is not None


def test_rounds_with_progress_in_one_statement(store: Store, demo_round: Round) -> None:
    listed, seen = statements_of(store, store.rounds_with_progress)
    assert [(r.id, p.councils) for r, p in listed] == [(demo_round.id, 152)]
    assert len([s for s in seen if s.lstrip().upper().startswith("SELECT")]) == 1


def test_a_pool_needs_a_connection(store_url: str) -> None:
    from csrating.store import open_store

    with pytest.raises(StoreError, match="at least one connection"):
        open_store(store_url, pool_size=0)
