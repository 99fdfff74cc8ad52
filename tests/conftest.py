"""Fixtures shared across the suite: demo datasets generated once per session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browsers import AXE_LOG, AXE_PROPERTY, CHROMIUM_ARGS, RUN_AXE_LOG, require_chromium
from csrating.demo import generate_demo


@pytest.fixture(scope="session")
def small_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a demo dataset folder at a twentieth of national scale (fast)."""
    folder = tmp_path_factory.mktemp("small-demo") / "dataset"
    generate_demo(folder, seed=2009, scale=0.05)
    return folder


@pytest.fixture(scope="session")
def national_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the demo dataset at national scale (seed 2009), as `csrating demo` makes it."""
    folder = tmp_path_factory.mktemp("national-demo") / "dataset"
    generate_demo(folder, seed=2009, scale=1.0)
    return folder


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium; skip without it, except on CI where it must be there."""
    return require_chromium()


@pytest.fixture(scope="session")
def browser(chromium: Path) -> Iterator[Any]:
    """Chromium, launched once for the run and shared by every browser test (Playwright's
    synchronous API allows one instance a process)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(chromium), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield launched
        finally:
            launched.close()


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--update-golden``: rewrite golden files from the current output."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/* from the current output; review the diff",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether this run rewrites golden files."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def national_results(national_demo: Path):  # type: ignore[no-untyped-def]
    """Return (dataset, framework, {la_code: (profile, assessment)}) for rating-2009."""
    from csrating.frameworks import load_framework
    from csrating.ingest import load_dataset
    from csrating.pipeline import rate

    dataset = load_dataset(national_demo)
    framework = load_framework("rating-2009")
    rated = rate(dataset, framework)
    return dataset, framework, {r.council.la_code: (r.profile, r.assessment) for r in rated}


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Any]:
    """Start a throwaway PostgreSQL server for the session; stop and delete it after.

    Shared by the store tests and the web tests that need PostgreSQL. Without the server
    binaries it fails when ``CI`` is set and skips otherwise.
    """
    from store.postgres_server import find_bindir, missing_server_outcome, start_server

    bindir = find_bindir()
    if bindir is None:
        outcome, message = missing_server_outcome(os.environ)
        if outcome == "fail":
            pytest.fail(message)
        pytest.skip(message)
    server = start_server(bindir)
    try:
        yield server
    finally:
        server.stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Put the axe findings of a test into its report, which reaches the process that
    writes the summary (itself, or xdist's controller)."""
    report = yield
    if call.when == "call" and (value := AXE_LOG.take()) is not None:
        report.user_properties.append((AXE_PROPERTY, value))
    return report


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Gather the axe findings each test's report carries."""
    for name, value in report.user_properties:
        if name == AXE_PROPERTY:
            RUN_AXE_LOG.add(value)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """List the moderate and minor axe findings (the serious and critical ones failed)."""
    if RUN_AXE_LOG.pages:
        terminalreporter.section("axe accessibility findings")
        for line in RUN_AXE_LOG.summary():
            terminalreporter.write_line(line)
