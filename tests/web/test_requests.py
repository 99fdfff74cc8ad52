"""Little work per request: SQL statements per page, read-only GETs, session activity.

The statements are counted with a SQLAlchemy event listener on the store's engine; the
bounds are for a page whose rendered parts are already cached (the second request), and
are what one read gives: SQLite's BEGIN, the session, then the round with its progress
and the council's record in one statement.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event
from web_helpers import OWN, Web

from csrating.store import SESSION_ACTIVITY_INTERVAL


class Statements:
    """The SQL statements run while counting."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    @property
    def writes(self) -> list[str]:
        """The statements that write or take SQLite's write lock."""
        return [
            s
            for s in self.seen
            if s.split()[0].upper() in {"INSERT", "UPDATE", "DELETE"} or "IMMEDIATE" in s.upper()
        ]

    def __len__(self) -> int:
        return len(self.seen)


@contextmanager
def counting(web: Web) -> Iterator[Statements]:
    """Count the statements the store's engine runs in the block."""
    found = Statements()

    def note(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        found.seen.append(statement)

    event.listen(web.store.engine, "before_cursor_execute", note)
    try:
        yield found
    finally:
        event.remove(web.store.engine, "before_cursor_execute", note)


def publish(web: Web) -> None:
    """Sign every council off and move the clock past the embargo."""
    web.sign_off_all()
    web.clock.set(dt.datetime(2009, 12, 9, 12, 0, tzinfo=dt.UTC))


# Bounds with a warm cache (issue 12 measured 9 to 19 before; main still does).
PAGES = [
    ("public", "/results/{round}", 2),
    ("public", "/rounds/{round}/councils/" + OWN, 2),
    ("public", "/api/rounds/{round}", 2),
    ("public", "/api/rounds/{round}/councils/" + OWN, 2),
    ("public", "/rounds/{round}/councils/" + OWN + "/letter.pdf", 2),
    ("inspector", "/rounds/{round}/councils/" + OWN, 3),
    ("inspector", "/rounds/{round}", 3),
    ("inspector", "/rounds/{round}/publication", 3),
    ("inspector", "/", 4),  # the session, then the list of rounds
    ("council-own", "/rounds/{round}/councils/" + OWN, 3),
]


@pytest.mark.parametrize(("role", "path", "most"), PAGES)
def test_a_page_runs_few_statements_and_writes_nothing(
    web: Web, role: str, path: str, most: int
) -> None:
    publish(web)
    address = path.format(round=web.round_id)
    assert web.get(role, address).status_code == 200  # fills the caches
    with counting(web) as statements:
        response = web.get(role, address)
    assert response.status_code == 200
    assert len(statements) <= most, statements.seen
    assert statements.writes == []


@pytest.mark.parametrize("role", ["public", "inspector", "council-own"])
def test_every_other_page_read_writes_nothing(web: Web, role: str) -> None:
    """The pages for everyone and the sign-in form write nothing either (sign-in
    attempts are written only when the form is sent)."""
    publish(web)
    paths = ["/", "/results", "/councils", "/councils?q=worcs", "/methodology"]
    paths += ["/accessibility", "/login", "/api/rounds", "/api/openapi.json", "/api/docs"]
    for path in paths:
        web.get(role, path)  # fills the caches, and notes the session's activity once
    with counting(web) as statements:
        for path in paths:
            assert web.get(role, path).status_code == 200, path
    assert statements.seen
    assert statements.writes == []


def test_list_pages_never_read_assessment_json(web: Web) -> None:
    publish(web)
    web.get("inspector", "/")
    with counting(web) as statements:
        for role, path in (
            ("public", "/results/{round}"),
            ("public", "/api/rounds/{round}"),
            ("public", "/api/rounds/{round}/councils"),
            ("inspector", "/rounds/{round}"),
            ("inspector", "/rounds/{round}/publication"),
            ("inspector", "/rounds"),
        ):
            assert web.get(role, path.format(round=web.round_id)).status_code == 200
    assert statements.seen
    assert not [s for s in statements.seen if "assessment_json" in s]


def test_session_activity_is_noted_at_most_once_a_minute_after_the_response(web: Web) -> None:
    web.get("inspector", "/")  # signed in (a write) and seen
    with counting(web) as statements:
        for _ in range(3):
            web.clock.advance(seconds=15)
            assert web.get("inspector", "/rounds").status_code == 200
    assert statements.writes == []  # 45 seconds: nothing to note
    with counting(web) as statements:
        web.clock.advance(SESSION_ACTIVITY_INTERVAL)
        assert web.get("inspector", "/rounds").status_code == 200
    updates = [s for s in statements.writes if s.upper().startswith("UPDATE")]
    assert len(updates) == 1 and "last_seen_at" in updates[0]
    # Noted in its own transaction after the page's read, not inside it.
    first_write = statements.seen.index(statements.writes[0])
    assert any(s.upper().startswith("SELECT") for s in statements.seen[:first_write])
    with web.store.session() as session:
        from csrating.store import WebSession

        (seen,) = [s.last_seen_at for s in session.query(WebSession).all()]
    assert seen == web.clock()


def test_an_expired_session_is_removed_after_the_response(web: Web) -> None:
    client = web.client("inspector")
    web.clock.advance(days=61)  # past the test sessions' 60 days
    response = client.get("/rounds")
    assert response.status_code == 303  # signed out: to the sign-in page
    with web.store.session() as session:
        from csrating.store import WebSession

        assert session.query(WebSession).count() == 0


def test_a_round_id_beyond_any_integer_is_not_found(web: Web) -> None:
    for path in ("/results/9223372036854775808", "/rounds/2147483648/councils/885"):
        assert web.get("inspector", path).status_code == 404
