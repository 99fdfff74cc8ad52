"""Faults the security probe found: every bad request is a 4xx, and the one kind of
response that is not (an error in csrating itself) is still the app's own page, with the
security headers, and JSON under ``/api``.

D4 oversized ids, D5 a body that is not JSON, D6 a number of 4,301 digits, D7 a NUL
byte (PostgreSQL refuses to store one); plus the 500 handler.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from web_helpers import ACCOUNTS, OWN, PASSWORD, Web, csrf_from

from csrating.store import open_store
from csrating.web import FakeClock, WebSettings, create_app
from csrating.web.commands import DEMO_EMBARGO
from csrating.web.security import SECURITY_HEADERS
from factories import create_round

HUGE_IDS = ("2147483648", "9223372036854775807", "9223372036854775808", "1" + "0" * 40)
"""Ids past PostgreSQL's integer (2**31 - 1), SQLite's (2**63 - 1), and far past both."""


def _assert_security_headers(response: object) -> None:
    headers = response.headers  # type: ignore[attr-defined]
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, name
    assert headers.get("cache-control") == "no-store"


def _id_paths(round_id: str) -> list[str]:
    return [
        f"/api/rounds/{round_id}",
        f"/api/rounds/{round_id}/councils",
        f"/api/rounds/{round_id}/councils/{OWN}",
        f"/rounds/{round_id}",
        f"/rounds/{round_id}/publication",
        f"/rounds/{round_id}/councils/{OWN}",
        f"/rounds/{round_id}/councils/{OWN}/letter.pdf",
        f"/rounds/{round_id}/councils/{OWN}/what-if",
        f"/results/{round_id}",
    ]


def _check_ids(web: Web) -> list[str]:
    wrong = []
    for huge in HUGE_IDS:
        for path in _id_paths(huge):
            response = web.get("inspector", path)
            if response.status_code not in (404, 422):
                wrong.append(f"{path}: {response.status_code}")
    record_path = f"/rounds/{web.round_id}/councils/{OWN}/moderations/{HUGE_IDS[2]}/decision"
    response = web.post("moderator", record_path, {"decision": "apply", "version": "1"})
    if response.status_code != 404:
        wrong.append(f"{record_path}: {response.status_code}")
    return wrong


def test_oversized_ids_are_not_found(web: Web) -> None:
    """D4: ids too big for the database's integers are 404 (or 422), never 500."""
    assert _check_ids(web) == []
    response = web.get("inspector", f"/api/rounds/{HUGE_IDS[2]}")
    assert response.json() == {"detail": f"There is no round {HUGE_IDS[2]}."}
    _assert_security_headers(response)


@pytest.fixture
def boom_app(web: Web) -> Iterator[TestClient]:
    """The app with two routes that fail as a bug would: one in the API, one a page."""
    app: FastAPI = web.app

    def fail() -> None:
        raise RuntimeError("a bug in csrating")

    app.add_api_route("/api/boom", fail, methods=["GET"])
    app.add_api_route("/boom", fail, methods=["GET"])
    with TestClient(app, base_url="https://testserver", raise_server_exceptions=False) as client:
        yield client


def test_a_server_error_in_the_api_is_json_with_the_security_headers(boom_app: TestClient) -> None:
    """A 500 under /api is the app's JSON, with every security header and no details."""
    response = boom_app.get("/api/boom")
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("application/json")
    assert "a bug" not in response.text
    assert response.json()["detail"].startswith("Sorry, there is a problem with the service")
    _assert_security_headers(response)


def test_a_server_error_on_a_page_is_the_error_page(boom_app: TestClient) -> None:
    """A 500 on a page is the service's own error page, with every security header."""
    response = boom_app.get("/boom")
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("text/html")
    assert "Sorry, there is a problem with the service" in response.text
    assert "a bug" not in response.text and "Traceback" not in response.text
    _assert_security_headers(response)


def _what_if_api(web: Web) -> str:
    return f"/api/rounds/{web.round_id}/councils/{OWN}/what-if"


def test_what_if_api_refuses_a_body_that_is_not_json(web: Web) -> None:
    """D5: text/plain (or bytes that are not UTF-8) is 4xx, as JSON."""
    headers = {"X-CSRF-Token": web.csrf("inspector")}
    for content_type, body in (
        ("text/plain", b'{"changes": []}'),
        ("text/plain", b"\xff\xfe not text"),
        ("application/json", b"\xff\xfe not json"),
        ("application/x-www-form-urlencoded", b"changes=1"),
    ):
        response = web.client("inspector").post(
            _what_if_api(web), content=body, headers={**headers, "Content-Type": content_type}
        )
        assert 400 <= response.status_code < 500, (content_type, response.status_code)
        assert "detail" in response.json()
        _assert_security_headers(response)


def test_what_if_refuses_numbers_too_long_to_read(web: Web) -> None:
    """D6: a 4,301-digit count (past Python's limit for reading integers) is 400 on the
    form and 422 in the API; so is an indicator value past the largest float."""
    digits = "9" * 4301
    form = {"setting_type_1": "secondary_school", "count_1": digits}
    form.update(from_grade_1="3", to_grade_1="1")
    response = web.post("inspector", web.council_path(OWN) + "/what-if", form)
    assert response.status_code == 400
    assert "whole number" in response.text
    form = {"indicator_1": "NI059", "value_1": digits + "." + digits}
    response = web.post("inspector", web.council_path(OWN) + "/what-if", form)
    assert response.status_code == 400
    headers = {"X-CSRF-Token": web.csrf("inspector"), "Content-Type": "application/json"}
    for body in (
        '{"changes": [{"kind": "regrade_settings", "setting_type": "secondary_school", '
        f'"count": {digits}, "from_grade": 3, "to_grade": 1}}]}}',
        '{"changes": [{"kind": "set_indicator", "indicator": "NI059", "value": 1e400}]}',
        f'{{"changes": [{{"kind": "set_indicator", "indicator": "NI059", "value": {digits}}}]}}',
    ):
        response = web.client("inspector").post(_what_if_api(web), content=body, headers=headers)
        assert 400 <= response.status_code < 500, (body[:80], response.status_code)


def _nul_checks(web: Web) -> None:
    """Sign in and moderate with NUL bytes: 400, nothing stored."""
    client = web.new_client()
    token = csrf_from(client.get("/login").text)
    for email in ("inspector@example.org\x00", "\x00", "in\x00spector@example.org"):
        response = client.post(
            "/login", data={"email": email, "password": PASSWORD, "csrf_token": token}
        )
        assert response.status_code == 400, repr(email)
        assert "csrating_session" not in response.headers.get("set-cookie", "")
        token = csrf_from(response.text)  # each sign-in form carries a new token
    version = web.version(OWN)
    response = web.post(
        "moderator",
        web.council_path(OWN) + "/moderation",
        {"to_grade": "4", "reason": "Evidence\x00 of decline", "version": str(version)},
    )
    assert response.status_code == 400
    assert web.version(OWN) == version
    assert web.store.moderation_records(web.round_id, OWN) == []


def test_nul_bytes_are_refused(web: Web) -> None:
    """D7 on SQLite: the same requests are refused the same way."""
    _nul_checks(web)


@pytest.fixture
def postgres_web(
    request: pytest.FixtureRequest, small_demo: Path, clock: FakeClock
) -> Iterator[Web]:
    """The app over the small demo round on PostgreSQL (a throwaway database)."""
    from argon2 import PasswordHasher

    server = request.getfixturevalue("postgres_server")
    name = server.create_database()
    hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    store = open_store(server.url(name), password_hasher=hasher)
    try:
        load = store.load_dataset(small_demo, name="demo (small)", actor="test", now=clock())
        round_ = create_round(
            store,
            load,
            framework_id="rating-2009",
            embargo_at=DEMO_EMBARGO,
            actor="test",
            now=clock(),
        )
        for email, role, la_code in ACCOUNTS.values():
            store.add_user(email, PASSWORD, role, la_code, actor="test", now=clock())
        app = create_app(store, clock=clock, settings=WebSettings())
        helper = Web(app, store, clock, round_.id)
        yield helper
        helper.close()
    finally:
        store.close()
        server.drop_database(name)


def test_nul_bytes_are_refused_on_postgresql(postgres_web: Web) -> None:
    """D7: PostgreSQL cannot hold a NUL byte; the app refuses it first (400, not 500)."""
    _nul_checks(postgres_web)


def test_oversized_ids_are_not_found_on_postgresql(postgres_web: Web) -> None:
    """D4 on PostgreSQL, whose integers end at 2,147,483,647."""
    assert _check_ids(postgres_web) == []


def test_a_nul_byte_in_a_council_code_is_not_found_on_postgresql(postgres_web: Web) -> None:
    """The council code in an address is read together with the round (one statement):
    one PostgreSQL could not take (a NUL byte) never reaches it, and is 404."""
    for role in ("inspector", "public"):
        for path in (
            f"/rounds/{postgres_web.round_id}/councils/8%005",
            f"/api/rounds/{postgres_web.round_id}/councils/%00",
        ):
            response = postgres_web.get(role, path)
            assert response.status_code == 404, (role, path, response.status_code)
