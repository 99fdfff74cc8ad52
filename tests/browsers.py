"""Debian's Chromium for the browser tests, launched once per test session.

Playwright's own browser downloads are never used: the tests launch ``/usr/bin/chromium``
(``scripts/install-system-packages.sh --test`` installs it). Without it the browser tests
are skipped, unless the ``CI`` environment variable is set, when they fail. The fixtures
are in ``tests/conftest.py``; the site's and the web application's browser tests share the
one browser, so that a run (or a worker of a parallel run) starts Playwright once.

Axe's moderate and minor findings do not fail a test; they are listed at the end of the
run. A test's findings travel with its report (``user_properties``), so the list is whole
when the tests run in several worker processes too (``pytest -n``).
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

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


BLOCKING_IMPACTS = frozenset({"serious", "critical"})
"""Axe impacts that fail a test; the others are listed at the end of the run."""
AXE_PROPERTY = "axe"
"""The name of the report property that carries a test's axe findings."""


@dataclass
class AxeFinding:
    """One axe rule broken on one page."""

    page: str
    rule: str
    impact: str
    help: str
    targets: list[str]


@dataclass
class AxeLog:
    """Pages axe ran on and what it found."""

    findings: list[AxeFinding] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)

    def take(self) -> dict[str, Any] | None:
        """Return the log as a report property's value and empty it (None when empty)."""
        if not self.pages:
            return None
        value = {"pages": self.pages, "findings": [asdict(f) for f in self.findings]}
        self.pages, self.findings = [], []
        return value

    def add(self, value: dict[str, Any]) -> None:
        """Add what :meth:`take` returned, in this process or another."""
        self.pages.extend(value["pages"])
        self.findings.extend(AxeFinding(**f) for f in value["findings"])

    def summary(self) -> list[str]:
        """The lines printed at the end of the run: the pages, then each finding that did
        not fail its test."""
        pages = sorted(set(self.pages))
        lines = [f"axe ran on {len(pages)} pages: {', '.join(pages)}"]
        minor = [f for f in self.findings if f.impact not in BLOCKING_IMPACTS]
        if not minor:
            lines.append("no moderate or minor findings")
        for f in minor:
            where = "; ".join(f.targets[:3]) + (" ..." if len(f.targets) > 3 else "")
            lines.append(f"{f.page}: {f.rule} ({f.impact}) {f.help} [{where}]")
        return lines


AXE_LOG = AxeLog()
"""The findings of the test running now in this process, until its report takes them."""
RUN_AXE_LOG = AxeLog()
"""The whole run's findings, in the process that writes the summary."""
