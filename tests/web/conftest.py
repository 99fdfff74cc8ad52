"""Fixtures for the web application: a real store on SQLite in tmp_path, a FakeClock,
one signed-in client per role, and a round over the small demo dataset."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from web_helpers import ACCOUNTS, PASSWORD, Web

from csrating.store import Store, open_store
from csrating.web import FakeClock, WebSettings, create_app
from csrating.web.commands import DEMO_EMBARGO
from factories import create_round

BEFORE_EMBARGO = dt.datetime(2009, 12, 1, 9, 0, tzinfo=dt.UTC)
"""When the tests start: a week before the 2009 results were published."""

LONG_SESSION = dt.timedelta(days=60)


@pytest.fixture
def clock() -> FakeClock:
    """A clock standing at :data:`BEFORE_EMBARGO` until a test moves it."""
    return FakeClock(BEFORE_EMBARGO)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty store on SQLite in ``tmp_path`` with a cheap password hasher."""
    hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    opened = open_store(f"sqlite:///{tmp_path / 'web.db'}", password_hasher=hasher)
    yield opened
    opened.close()


@pytest.fixture
def web(store: Store, clock: FakeClock, small_demo: Path) -> Iterator[Web]:
    """The app over a store with the small demo round (embargo 9 December 2009) and users."""
    load = store.load_dataset(small_demo, name="demo (small)", actor="test", now=clock())
    round_ = create_round(
        store, load, framework_id="rating-2009", embargo_at=DEMO_EMBARGO, actor="test", now=clock()
    )
    for email, role, la_code in ACCOUNTS.values():
        store.add_user(email, PASSWORD, role, la_code, actor="test", now=clock())
    # Sessions outlast the clock's jumps to the embargo; expiry has a test of its own.
    app = create_app(store, clock=clock, settings=WebSettings(session_lifetime=LONG_SESSION))
    helper = Web(app, store, clock, round_.id)
    yield helper
    helper.close()
