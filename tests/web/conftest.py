"""Fixtures for the web application: a real store on SQLite in tmp_path, a FakeClock,
one signed-in client per role, and a round over the small demo dataset."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
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


HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
"""A cheap password hasher: the tests sign in hundreds of times."""


@dataclass(frozen=True)
class WebTemplate:
    """A store file holding the small demo round and the test accounts, made once."""

    path: Path
    round_id: int


@pytest.fixture(scope="session")
def web_template(tmp_path_factory: pytest.TempPathFactory, small_demo: Path) -> WebTemplate:
    """Load the small demo, rate its round and add the accounts once per run.

    Each test that uses :func:`web` starts from a copy of this file, so rating the round
    (a third of a second) is not paid again by every one of the web tests.
    """
    path = tmp_path_factory.mktemp("web-template") / "web.db"
    opened = open_store(f"sqlite:///{path}", password_hasher=HASHER)
    try:
        load = opened.load_dataset(
            small_demo, name="demo (small)", actor="test", now=BEFORE_EMBARGO
        )
        round_ = create_round(
            opened,
            load,
            framework_id="rating-2009",
            embargo_at=DEMO_EMBARGO,
            actor="test",
            now=BEFORE_EMBARGO,
        )
        for email, role, la_code in ACCOUNTS.values():
            opened.add_user(email, PASSWORD, role, la_code, actor="test", now=BEFORE_EMBARGO)
    finally:
        opened.close()
    assert not path.with_name("web.db-wal").exists()  # every change is in the one file
    return WebTemplate(path, round_.id)


@pytest.fixture
def store(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Store]:
    """A store on SQLite in ``tmp_path`` with a cheap password hasher: empty, or, for a
    test that uses :func:`web`, a copy of the :func:`web_template`."""
    path = tmp_path / "web.db"
    if "web" in request.fixturenames:
        template: WebTemplate = request.getfixturevalue("web_template")
        shutil.copyfile(template.path, path)
    opened = open_store(f"sqlite:///{path}", password_hasher=HASHER)
    yield opened
    opened.close()


@pytest.fixture
def web(store: Store, clock: FakeClock, web_template: WebTemplate) -> Iterator[Web]:
    """The app over a store with the small demo round (embargo 9 December 2009) and users."""
    # Sessions outlast the clock's jumps to the embargo; expiry has a test of its own.
    app = create_app(store, clock=clock, settings=WebSettings(session_lifetime=LONG_SESSION))
    helper = Web(app, store, clock, web_template.round_id)
    yield helper
    helper.close()
