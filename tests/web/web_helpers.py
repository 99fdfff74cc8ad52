"""Helpers for web tests: sign in as a role, read CSRF tokens and versions from pages."""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from csrating.store import Store
from csrating.web import FakeClock

PASSWORD = "correct horse battery"

OWN = "885"
"""The council of the council user (Worcestershire)."""
OTHER = "860"
"""Another council (Staffordshire)."""

ACCOUNTS: dict[str, tuple[str, str, str | None]] = {
    "council-own": ("worcs@example.org", "council", OWN),
    "council-other": ("staffs@example.org", "council", OTHER),
    "inspector": ("inspector@example.org", "inspector", None),
    "moderator": ("moderator@example.org", "moderator", None),
    "publisher": ("publisher@example.org", "publisher", None),
}
"""Role name in the tests -> (e-mail address, store role, council code)."""

ROLES = ("public", *ACCOUNTS)
"""Everyone the authorisation matrix covers."""

_CSRF = re.compile(r'name="csrf_token" value="([^"]*)"')
_VERSION = re.compile(r'name="version" value="(\d+)"')


def csrf_from(html: str) -> str:
    """Return the first CSRF token in a page's forms."""
    found = _CSRF.search(html)
    assert found, "no CSRF field on the page"
    return found.group(1)


def version_from(html: str) -> int:
    """Return the first hidden version field of a page's forms."""
    found = _VERSION.search(html)
    assert found, "no version field on the page"
    return int(found.group(1))


class Web:
    """The app, its store and clock, and a client per role (signed in on first use)."""

    def __init__(self, app: FastAPI, store: Store, clock: FakeClock, round_id: int) -> None:
        self.app = app
        self.store = store
        self.clock = clock
        self.round_id = round_id
        self._clients: dict[str, TestClient] = {}
        self._csrf: dict[str, str] = {}

    def new_client(self) -> TestClient:
        """Return a fresh client (HTTPS, so Secure cookies are sent back)."""
        return TestClient(self.app, base_url="https://testserver", follow_redirects=False)

    def client(self, role: str) -> TestClient:
        """Return the client of ``role`` ("public" is never signed in)."""
        if role not in self._clients:
            client = self.new_client()
            if role != "public":
                email = ACCOUNTS[role][0]
                response = sign_in(client, email, PASSWORD)
                assert response.status_code == 303, response.text
                self._csrf[role] = csrf_from(client.get("/").text)
            self._clients[role] = client
        return self._clients[role]

    def csrf(self, role: str) -> str:
        """Return the session CSRF token of ``role`` ("" for the public)."""
        self.client(role)
        return self._csrf.get(role, "")

    def get(self, role: str, path: str, **kwargs: Any) -> Any:
        """GET ``path`` as ``role``."""
        return self.client(role).get(path, **kwargs)

    def post(self, role: str, path: str, data: dict[str, str] | None = None) -> Any:
        """POST a form as ``role`` with its CSRF token."""
        form = {"csrf_token": self.csrf(role), **(data or {})}
        return self.client(role).post(path, data=form)

    def council_path(self, la_code: str = OWN) -> str:
        """Return the council page's path in the test round."""
        return f"/rounds/{self.round_id}/councils/{la_code}"

    def version(self, la_code: str) -> int:
        """Return a council assessment's current version from the store."""
        return self.store.council_assessment(self.round_id, la_code).version

    def sign_off_all(self, *, except_: tuple[str, ...] = ()) -> None:
        """Sign off every council not yet final, straight through the store."""
        for record in self.store.council_assessments(self.round_id):
            state = str(getattr(record.state, "value", record.state))
            if state in ("signed_off", "withheld") or record.la_code in except_:
                continue
            self.store.sign_off(
                self.round_id,
                record.la_code,
                actor="publisher@example.org",
                now=self.clock(),
                expected_version=record.version,
            )

    def close(self) -> None:
        """Close every client."""
        for client in self._clients.values():
            client.close()


def sign_in(client: TestClient, email: str, password: str) -> Any:
    """Fetch the sign-in form, then submit it; return the POST's response."""
    page = client.get("/login")
    assert page.status_code == 200
    return client.post(
        "/login", data={"email": email, "password": password, "csrf_token": csrf_from(page.text)}
    )
