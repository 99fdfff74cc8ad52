"""Helpers for the browser tests: the live application, and a tab that watches for errors.

A :class:`Tab` fails its test on any console error or page error, and on any request to
a host other than 127.0.0.1. :meth:`Tab.check_accessibility` runs axe (bundled in
``axe-playwright-python``: nothing is fetched at run time) and fails on serious or
critical findings; the others are kept in :data:`browsers.AXE_LOG` and listed at the end
of the run. Screenshots go to ``test-output/screenshots/web-<page>.png``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import ConsoleMessage, Page
from playwright.sync_api import Response as PageResponse
from web_helpers import Web

from browsers import AXE_LOG, BLOCKING_IMPACTS, OUTPUT, SCREENSHOTS, AxeFinding
from csrating.web import FakeClock
from csrating.web.commands import DEMO_EMBARGO

AXE_REPORTS = OUTPUT / "axe"

BEFORE_EMBARGO = dt.datetime(2009, 12, 1, 9, 0, tzinfo=dt.UTC)
"""Where the clock stands at the start of every test: a week before publication."""

AFTER_EMBARGO = DEMO_EMBARGO + dt.timedelta(minutes=1)
"""A minute after the demo round's embargo ends."""

LONG_SESSION = dt.timedelta(days=60)
"""Sessions outlast the clock's jumps past the embargo."""

"""Axe findings that fail a test; the others are listed at the end of the run."""

_FAILED_LOAD = re.compile(r"Failed to load resource: the server responded with a status of (\d+)")


@dataclass(frozen=True)
class LiveApp:
    """The running application: where it is, its clock, the accounts, and the store."""

    base_url: str
    clock: FakeClock
    accounts: dict[str, tuple[str, str]]
    """Role name in the tests (see ``web_helpers.ACCOUNTS``) -> (e-mail, password)."""
    web: Web
    """The store and round behind the server, with the web tests' store helpers."""

    @property
    def round_id(self) -> int:
        """The demo round's id."""
        return self.web.round_id

    def url(self, path: str) -> str:
        """Return the absolute address of ``path``."""
        return self.base_url + path


class Tab:
    """A browser tab in its own context (its own cookies), watched for errors and leaks."""

    def __init__(self, page: Page, live: LiveApp) -> None:
        self.page = page
        self.live = live
        self.console_errors: list[str] = []
        self.requests: list[str] = []
        self._expected_statuses: dict[str, int] = {}
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"page error: {error}"))
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("response", self._on_response)

    def _on_response(self, response: PageResponse) -> None:
        if response.request.is_navigation_request() and response.status >= 400:
            self._expected_statuses[response.url] = response.status

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        # Chromium logs an error page's own status (403, 400...) as a console error; the
        # test asserts those statuses itself. Anything else is a real error.
        failed = _FAILED_LOAD.search(message.text)
        url = message.location.get("url", "")
        if failed and self._expected_statuses.get(url) == int(failed.group(1)):
            return
        self.console_errors.append(f"{message.text} ({url})")

    def goto(self, path: str, *, status: int = 200) -> PageResponse:
        """Open ``path`` and check the page's status and that it loaded cleanly."""
        response = self.page.goto(self.live.url(path), wait_until="load")
        assert response is not None, f"no response for {path}"
        assert response.status == status, f"{path}: {response.status}, expected {status}"
        self.assert_clean()
        return response

    def submit(self, button: str, *, status: int = 200) -> PageResponse:
        """Click the submit button named ``button`` and wait for the page it leads to."""
        with self.page.expect_navigation(wait_until="load") as navigation:
            self.page.get_by_role("button", name=button, exact=True).click()
        response = navigation.value
        assert response is not None
        assert response.status == status, f"{button}: {response.status}, expected {status}"
        self.assert_clean()
        return response

    def sign_in(self, role: str, password: str | None = None, *, status: int = 200) -> None:
        """Sign in through the form as ``role`` (an account name from ``web_helpers``)."""
        email, right = self.live.accounts[role]
        self.goto("/login")
        self.page.get_by_label("Email address").fill(email)
        self.page.get_by_label("Password").fill(password if password is not None else right)
        self.submit("Sign in", status=status)

    def path(self) -> str:
        """Return the path (and query) the tab shows now."""
        parts = urlsplit(self.page.url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def assert_clean(self) -> None:
        """Fail on any console error so far, or any request that left 127.0.0.1."""
        assert self.console_errors == [], "console errors: " + "; ".join(self.console_errors)
        outside = [url for url in self.requests if urlsplit(url).hostname != "127.0.0.1"]
        assert outside == [], f"requests to other hosts: {outside}"

    def screenshot(self, name: str) -> Path:
        """Save a full-page screenshot as ``test-output/screenshots/web-<name>.png``."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shot = SCREENSHOTS / f"web-{name}.png"
        self.page.screenshot(path=str(shot), full_page=True)
        assert shot.read_bytes().startswith(b"\x89PNG")
        return shot

    def check_accessibility(self, name: str) -> list[AxeFinding]:
        """Run axe on the page; fail on serious or critical findings, log the others."""
        results = Axe().run(self.page)
        AXE_REPORTS.mkdir(parents=True, exist_ok=True)
        (AXE_REPORTS / f"web-{name}.json").write_text(
            json.dumps(results.response["violations"], indent=2), encoding="utf-8"
        )
        findings = [
            AxeFinding(
                page=name,
                rule=str(v["id"]),
                impact=str(v.get("impact") or "unknown"),
                help=str(v.get("help", "")),
                targets=[", ".join(map(str, node["target"])) for node in v.get("nodes", [])],
            )
            for v in results.response["violations"]
        ]
        AXE_LOG.pages.append(name)
        AXE_LOG.findings.extend(findings)
        blocking = [f for f in findings if f.impact in BLOCKING_IMPACTS]
        assert blocking == [], f"axe on {name}:\n" + results.generate_report()
        self.assert_clean()
        return findings
