"""The published site in a real browser: Debian's Chromium, headless, through Playwright.

The site is served from 127.0.0.1 by ``http.server`` in a thread; the test fails on any
console error and on any request that leaves 127.0.0.1, and leaves a full-page
screenshot in ``test-output/screenshots/site-index.png`` for people to look at.
Chromium is the run's one browser (``tests/browsers.py``).
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from publish_results import RatedWithLetters
from test_site import build_demo_site, rated_demo

from browsers import SCREENSHOTS


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        """Keep the test output clean."""


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory, small_demo: Path) -> Iterator[str]:
    """Serve the published demo site on 127.0.0.1 at a random port."""
    rated: RatedWithLetters = rated_demo(small_demo)
    root = build_demo_site(tmp_path_factory.getbasetemp(), rated)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


REGION_IMPACTS = ("moderate", "serious", "critical")


def outside_landmarks(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Axe's "region" findings of moderate impact or worse: content outside landmarks."""
    return [v for v in violations if v["id"] == "region" and v.get("impact") in REGION_IMPACTS]


def banner_position(page: Any) -> tuple[bool, float, float]:
    """Whether the page's first notice banner is inside a named region, and the tops of
    the banner and of ``<main>`` (the banner must come first, visible)."""
    banner = page.locator(".govuk-phase-banner").first
    inside = page.locator("section[aria-label] .govuk-phase-banner").count() >= 1
    box, main = banner.bounding_box(), page.locator("main").bounding_box()
    assert box is not None and main is not None and banner.is_visible()
    return inside, box["y"], main["y"]


def test_index_renders_in_chromium_without_errors_or_outside_requests(
    browser: Any, site_url: str
) -> None:
    errors: list[str] = []
    requests: list[str] = []
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("request", lambda request: requests.append(request.url))
        response = page.goto(f"{site_url}/index.html", wait_until="networkidle")
        assert response is not None and response.ok

        hexes = page.locator("g[id^=hex-ratings-]").count()
        title = page.title()
        stylesheet_applied = page.evaluate(
            "getComputedStyle(document.querySelector('.govuk-header')).backgroundColor"
        )
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shot = SCREENSHOTS / "site-index.png"
        page.screenshot(path=str(shot), full_page=True)
    finally:
        page.close()

    assert errors == []
    assert requests, "the page made no requests at all"
    outside = [url for url in requests if urlsplit(url).hostname != "127.0.0.1"]
    assert outside == []
    assert hexes == 152
    assert title.startswith("Children's services annual rating 2009")
    assert stylesheet_applied == "rgb(11, 12, 12)"
    assert shot.stat().st_size > 10_000
    assert shot.read_bytes().startswith(b"\x89PNG")


def test_a_council_page_has_no_serious_accessibility_findings(browser: Any, site_url: str) -> None:
    """The profile's tables on a council page pass axe (serious and critical findings fail)."""
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        response = page.goto(f"{site_url}/councils/885.html", wait_until="networkidle")
        assert response is not None and response.ok
        results = axe_module.Axe().run(page)
        captions = page.locator("table caption").count()
        tables = page.locator("table").count()
        empty_cells = page.locator("td:empty, th:empty").count()
        banner_in_landmark, banner_top, main_top = banner_position(page)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "site-council.png"), full_page=True)
    finally:
        page.close()

    blocking = [
        v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")
    ]
    assert blocking == [], results.generate_report()
    assert outside_landmarks(results.response["violations"]) == [], results.generate_report()
    assert banner_in_landmark and banner_top < main_top  # inside a landmark, at the top
    assert tables > 3 and captions == tables
    assert empty_cells == 0
