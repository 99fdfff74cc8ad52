"""The browser tests' own guards: a console error or a request off 127.0.0.1 fails a test."""

from __future__ import annotations

import pytest
from browser_helpers import Tab
from playwright.sync_api import Error as PlaywrightError


def test_a_console_error_fails_the_test(tab: Tab) -> None:
    tab.goto("/")
    tab.page.evaluate("console.error('something broke')")

    with pytest.raises(AssertionError, match="something broke"):
        tab.assert_clean()
    tab.console_errors.clear()


def test_a_script_fetching_from_elsewhere_is_refused_and_fails_the_test(tab: Tab) -> None:
    """The app's Content Security Policy refuses it; the refusal is a console error."""
    tab.goto("/")
    outcome = tab.page.evaluate(
        "fetch('http://csrating.invalid/x').then(() => 'fetched', () => 'refused')"
    )

    assert outcome == "refused"
    with pytest.raises(AssertionError, match="Content Security Policy"):
        tab.assert_clean()
    tab.console_errors.clear()


def test_a_request_to_another_host_is_aborted_and_fails_the_test(tab: Tab) -> None:
    tab.goto("/")
    with pytest.raises(PlaywrightError, match="net::ERR_FAILED"):
        tab.page.goto("http://csrating.invalid/")

    with pytest.raises(AssertionError, match=r"requests to other hosts: \['http://csrating"):
        tab.assert_clean()
    tab.console_errors.clear()
    tab.requests.clear()
