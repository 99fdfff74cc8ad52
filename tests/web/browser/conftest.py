"""The web application in a real browser: Debian's Chromium, headless, through Playwright.

One server per test session: a store on a temporary SQLite file with the small demo round
(embargo 00:01 on 9 December 2009) and one user per role, served by uvicorn from a
background thread on 127.0.0.1 at a free port, with a :class:`FakeClock` the tests move.
Every test puts the clock back at :data:`BEFORE_EMBARGO` first.

Chromium is launched once for the whole run (``tests/browsers.py``): without Debian's
``/usr/bin/chromium`` the tests are skipped, unless the ``CI`` environment variable is
set, when they fail.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
import uvicorn
from argon2 import PasswordHasher
from browser_helpers import (
    BEFORE_EMBARGO,
    LONG_SESSION,
    LiveApp,
    Tab,
)
from playwright.sync_api import Browser
from web_helpers import ACCOUNTS, PASSWORD, Web

from csrating.store import open_store
from csrating.web import FakeClock, WebSettings, create_app
from csrating.web.commands import DEMO_EMBARGO
from factories import create_round


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory, small_demo: Path) -> Iterator[LiveApp]:
    """The application over the small demo round, served on 127.0.0.1 at a free port."""
    clock = FakeClock(BEFORE_EMBARGO)
    hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    database = tmp_path_factory.mktemp("browser") / "web.db"
    store = open_store(f"sqlite:///{database}", password_hasher=hasher)
    load = store.load_dataset(small_demo, name="demo (small)", actor="test", now=clock())
    round_ = create_round(
        store, load, framework_id="rating-2009", embargo_at=DEMO_EMBARGO, actor="test", now=clock()
    )
    for email, role, la_code in ACCOUNTS.values():
        store.add_user(email, PASSWORD, role, la_code, actor="test", now=clock())
    app = create_app(store, clock=clock, settings=WebSettings(session_lifetime=LONG_SESSION))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)  # connections wait in the backlog until uvicorn takes over
    port = listener.getsockname()[1]
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [listener]}, name="uvicorn", daemon=True
    )
    thread.start()
    web = Web(app, store, clock, round_id=round_.id)
    base_url = f"http://127.0.0.1:{port}"
    try:
        ready = httpx.get(f"{base_url}/login", timeout=30)
        assert ready.status_code == 200 and server.started, "uvicorn did not start"
        yield LiveApp(
            base_url=base_url,
            clock=clock,
            accounts={name: (email, PASSWORD) for name, (email, _, _) in ACCOUNTS.items()},
            web=web,
        )
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        listener.close()
        web.close()
        store.close()
    assert not thread.is_alive(), "uvicorn did not stop within 10 s"


@pytest.fixture(autouse=True)
def clock_before_embargo(chromium: Path, live: LiveApp) -> FakeClock:
    """Put the clock a week before the embargo at the start of every test."""
    live.clock.set(BEFORE_EMBARGO)
    return live.clock


@pytest.fixture
def open_tab(browser: Browser, live: LiveApp) -> Iterator[Callable[[], Tab]]:
    """Return a function opening a new tab in a fresh context (signed in as nobody)."""
    tabs: list[Tab] = []

    def open_() -> Tab:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        # Nothing leaves the machine: a request elsewhere is aborted (and fails the test).
        context.route(lambda url: urlsplit(url).hostname != "127.0.0.1", lambda r: r.abort())
        tabs.append(Tab(context.new_page(), live))
        return tabs[-1]

    yield open_
    for opened in tabs:
        opened.page.context.close()
    for opened in tabs:  # anything logged after the test's last check fails it too
        opened.assert_clean()


@pytest.fixture
def tab(open_tab: Callable[[], Tab]) -> Tab:
    """A tab of a fresh context (signed in as nobody)."""
    return open_tab()
