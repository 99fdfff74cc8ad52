"""The sign-in limits (D1-D3): counted in the database before the password is checked,
per account and per address, bounded, proxy-aware, audited, shared and lasting.

The limits are five attempts per account and five per address in 15 minutes (a right
password does not count). See also ``test_auth.py`` for the plain cases.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from web_helpers import ACCOUNTS, PASSWORD, Web, csrf_from, sign_in

from csrating.store import Store, open_store
from csrating.web import FakeClock, WebSettings, create_app
from csrating.web.auth import MAX_LOGIN_BODY

INSPECTOR = ACCOUNTS["inspector"][0]
MODERATOR = ACCOUNTS["moderator"][0]
PUBLISHER = ACCOUNTS["publisher"][0]


def _client(web: Web, address: str = "198.51.100.7") -> TestClient:
    return TestClient(
        web.app, base_url="https://testserver", follow_redirects=False, client=(address, 40000)
    )


def _attempts(store: Store) -> int:
    from sqlalchemy import func, select

    from csrating.store import LoginAttempt

    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(LoginAttempt)) or 0)


def _counting(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the passwords the store checks (its ``authenticate`` calls)."""
    checked: list[str] = []
    original = store.authenticate

    def authenticate(email: str, password: str) -> Any:
        checked.append(email)
        return original(email, password)

    monkeypatch.setattr(store, "authenticate", authenticate)
    return checked


def test_eighty_attempts_at_once_check_at_most_five_passwords(
    web: Web, monkeypatch: pytest.MonkeyPatch
) -> None:
    """D1: attempts are counted before the check, so of 80 wrong passwords sent at once
    (each check held until every request has either been refused or reached its check)
    only five are checked; the other 75 are refused with 429 unchecked."""
    total = 80
    arrived: list[str] = []
    lock = threading.Lock()
    release = threading.Event()
    original = web.store.authenticate

    def held(email: str, password: str) -> Any:
        with lock:
            arrived.append(email)
        release.wait(timeout=300)
        return original(email, password)

    monkeypatch.setattr(web.store, "authenticate", held)
    page = web.new_client().get("/login")
    token, cookie = csrf_from(page.text), page.cookies["csrating_login_csrf"]
    statuses: list[int] = []

    def attempt() -> None:
        client = TestClient(
            web.app, base_url="https://testserver", cookies={"csrating_login_csrf": cookie}
        )
        response = client.post(
            "/login", data={"email": MODERATOR, "password": "wrong guess", "csrf_token": token}
        )
        with lock:
            statuses.append(response.status_code)

    threads = [threading.Thread(target=attempt) for _ in range(total)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        with lock:
            if len(statuses) + len(arrived) >= total or len(arrived) > 5:
                break
        time.sleep(0.01)
    release.set()
    for thread in threads:
        thread.join(timeout=300)
    assert len(arrived) == 5, statuses
    assert sorted(statuses) == [400] * 5 + [429] * 75


def test_a_locked_account_checks_no_password_even_the_right_one(
    web: Web, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After five failures the sixth attempt is refused before any password check."""
    checked = _counting(web.store, monkeypatch)
    for n in range(5):
        assert sign_in(_client(web, f"198.51.100.{n}"), MODERATOR, "wrong").status_code == 400
    assert len(checked) == 5
    assert sign_in(_client(web, "198.51.100.99"), MODERATOR, PASSWORD).status_code == 429
    assert len(checked) == 5


def test_a_right_password_does_not_count(web: Web) -> None:
    """Signing in successfully gives the attempt back: six good sign-ins in a row work."""
    for _ in range(6):
        assert sign_in(_client(web), INSPECTOR, PASSWORD).status_code == 303
    assert _attempts(web.store) == 0


def test_over_long_email_addresses_are_refused_before_counting(web: Web) -> None:
    """D2: a 900 KB e-mail address is refused by size, and after a lockout fresh long
    addresses add nothing: the limiter's table does not grow, and every key is 64
    characters whatever was typed."""
    for n in range(5):
        sign_in(_client(web), f"guess{n}@example.org", "wrong")
    assert _attempts(web.store) == 10
    client = _client(web)
    token = csrf_from(client.get("/login").text)
    huge = "x" * 900_000 + "@example.org"
    response = client.post("/login", data={"email": huge, "password": "p", "csrf_token": token})
    assert response.status_code == 413
    for n in range(50):
        long_one = f"{n}" + "y" * 400 + "@example.org"
        assert sign_in(_client(web), long_one, "wrong").status_code == 400
        assert sign_in(_client(web), f"new{n}@example.org", "wrong").status_code == 429
    assert _attempts(web.store) == 10
    with web.store.session() as session:
        from sqlalchemy import func, select

        from csrating.store import LoginAttempt

        assert session.scalar(select(func.max(func.length(LoginAttempt.key)))) == 64


def test_over_long_passwords_are_refused_before_counting(web: Web) -> None:
    """No account can have a password over 1,024 characters: one is refused, uncounted."""
    response = sign_in(_client(web), INSPECTOR, "p" * 1025)
    assert response.status_code == 400 and "at most 1024 characters" in response.text
    assert _attempts(web.store) == 0


def test_the_form_size_is_limited_before_it_is_read(web: Web) -> None:
    """A sign-in body over 16 KiB is 413 (the limit is well above any real form)."""
    client = _client(web)
    token = csrf_from(client.get("/login").text)
    body = {"email": INSPECTOR, "password": "p" * MAX_LOGIN_BODY, "csrf_token": token}
    assert client.post("/login", data=body).status_code == 413


def _proxied(web: Web, client: TestClient, email: str, password: str, forwarded: str) -> Any:
    page = client.get("/login", headers={"X-Forwarded-For": forwarded})
    return client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": csrf_from(page.text)},
        headers={"X-Forwarded-For": forwarded},
    )


@pytest.fixture
def proxied(store: Store, clock: FakeClock, web: Web) -> Iterator[Web]:
    """The app behind a reverse proxy at 10.0.0.2 that it trusts."""
    app = create_app(
        store,
        clock=clock,
        settings=WebSettings(trusted_proxies=("10.0.0.0/24",), session_lifetime=dt.timedelta(1)),
    )
    helper = Web(app, store, clock, web.round_id)
    yield helper
    helper.close()


def test_behind_a_trusted_proxy_one_person_cannot_lock_out_the_others(proxied: Web) -> None:
    """D3: with the proxy trusted, each client is counted by its own address: one who
    exhausts the limit (on many accounts) is refused; a colleague behind the same proxy
    signs in."""
    proxy = _client(proxied, "10.0.0.2")
    for n in range(5):
        response = _proxied(proxied, proxy, f"guess{n}@example.org", "x", "203.0.113.66")
        assert response.status_code == 400
    refused = _proxied(proxied, proxy, PUBLISHER, PASSWORD, "203.0.113.66")
    assert refused.status_code == 429
    other = _proxied(proxied, _client(proxied, "10.0.0.2"), PUBLISHER, PASSWORD, "203.0.113.9")
    assert other.status_code == 303
    # A client cannot pretend to be someone else: only the entry the proxy added counts.
    spoofed = _proxied(proxied, proxy, PUBLISHER, PASSWORD, "203.0.113.9, 203.0.113.66")
    assert spoofed.status_code == 429


def test_without_trusted_proxies_the_header_is_ignored(web: Web) -> None:
    """Without the setting, X-Forwarded-For is not believed: a client cannot escape its
    address's limit by sending a new header with each attempt."""
    client = _client(web, "198.51.100.50")
    for n in range(5):
        response = _proxied(web, client, f"guess{n}@example.org", "x", f"203.0.113.{n}")
        assert response.status_code == 400
    assert _proxied(web, client, PUBLISHER, PASSWORD, "203.0.113.200").status_code == 429
    assert sign_in(_client(web, "198.51.100.51"), PUBLISHER, PASSWORD).status_code == 303


def test_ipv6_clients_are_counted_by_their_network(web: Web) -> None:
    """One machine has a whole /64 of addresses: they count as one."""
    for n in range(5):
        client = _client(web, f"2001:db8:1:2::{n + 1:x}")
        assert sign_in(client, f"guess{n}@example.org", "x").status_code == 400
    assert sign_in(_client(web, "2001:db8:1:2::ff"), PUBLISHER, PASSWORD).status_code == 429
    assert sign_in(_client(web, "2001:db8:1:3::1"), PUBLISHER, PASSWORD).status_code == 303


def test_failures_and_lockouts_are_audited(web: Web) -> None:
    """D3: each failed sign-in is in the audit log, with the address; the failure that
    fills a limit is recorded as a lockout; refusals while locked add nothing."""
    for _ in range(5):
        sign_in(_client(web, "198.51.100.20"), MODERATOR, "wrong")
    for _ in range(3):
        assert sign_in(_client(web, "198.51.100.20"), MODERATOR, "wrong").status_code == 429
    entries = web.store.audit_log(limit=50)
    failures = [e for e in entries if e.action == "sign_in.fail"]
    lockouts = [e for e in entries if e.action == "sign_in.lockout"]
    assert len(failures) == 5
    assert failures[0].details_json == {"email": MODERATOR, "address": "198.51.100.20"}
    assert failures[0].actor == "public"
    moderator = next(u for u in web.store.users() if u.email == MODERATOR)
    assert failures[0].entity_id == str(moderator.id)
    assert sorted(e.details_json["limit"] for e in lockouts) == ["account", "address"]
    page = web.get("inspector", "/audit").text
    assert "Sign-in failed" in page and "Sign-in locked" in page


def _app_on(url: str, clock: FakeClock) -> tuple[Store, Web]:
    from argon2 import PasswordHasher

    store = open_store(url, password_hasher=PasswordHasher(time_cost=1, memory_cost=1024))
    app = create_app(store, clock=clock, settings=WebSettings())
    return store, Web(app, store, clock, round_id=0)


def test_the_limit_is_shared_by_processes_and_survives_a_restart(web: Web, tmp_path: Path) -> None:
    """D3: two servers on one database share the count; a new server still refuses."""
    url = f"sqlite:///{tmp_path / 'web.db'}"
    store_a, first = _app_on(url, web.clock)
    store_b, second = _app_on(url, web.clock)
    try:
        for n in range(3):
            assert sign_in(_client(first, f"198.51.100.{n}"), MODERATOR, "x").status_code == 400
        for n in range(2):
            assert sign_in(_client(second, f"198.51.100.{n}"), MODERATOR, "x").status_code == 400
        assert sign_in(_client(first), MODERATOR, PASSWORD).status_code == 429
    finally:
        first.close()
        second.close()
        store_a.close()
        store_b.close()
    store_c, restarted = _app_on(url, web.clock)
    try:
        assert sign_in(_client(restarted), MODERATOR, PASSWORD).status_code == 429
        web.clock.advance(minutes=15, seconds=1)
        assert sign_in(_client(restarted), MODERATOR, PASSWORD).status_code == 303
    finally:
        restarted.close()
        store_c.close()


def test_the_wait_is_until_the_oldest_attempt_leaves_the_window(web: Web) -> None:
    """Retry-After counts down to when a place frees up, not a fixed 15 minutes."""
    for _ in range(5):
        sign_in(_client(web), MODERATOR, "x")
        web.clock.advance(minutes=1)
    blocked = sign_in(_client(web), MODERATOR, PASSWORD)
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) == 10 * 60
    assert "wait 10 minutes" in blocked.text
