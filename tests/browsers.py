"""Debian's Chromium for the browser tests, launched once per test session.

Playwright's own browser downloads are never used: the tests launch ``/usr/bin/chromium``
(``scripts/install-system-packages.sh --test`` installs it). Without it the browser tests
are skipped, unless the ``CI`` environment variable is set, when they fail. The fixtures
are in ``tests/conftest.py``; the site's and the web application's browser tests share the
one browser, so that a run (or a worker of a parallel run) starts Playwright once.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
OUTPUT = Path(__file__).resolve().parents[1] / "test-output"
"""Where browser tests leave what people look at: screenshots and axe reports."""
SCREENSHOTS = OUTPUT / "screenshots"


def require_chromium() -> Path:
    """Return Debian's Chromium; skip without it, except on CI where it must be there."""
    if not CHROMIUM.exists():
        reason = f"Debian's chromium ({CHROMIUM}) is not installed"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}, and CI is set: run scripts/install-system-packages.sh")
        pytest.skip(f"{reason}: run scripts/install-system-packages.sh to test in a browser")
    return CHROMIUM
