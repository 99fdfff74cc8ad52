"""Axe on every main page, as the person who would see it, with a full-page screenshot.

Serious and critical findings fail the test; moderate and minor ones are listed at the
end of the run (and every page's findings are in ``test-output/axe/web-<page>.json``).
These tests only read, so they pass before or after the workflow tests; the published
results page and the refused moderation form are checked in ``test_browser_workflow.py``,
where the embargo is lifted and the moderation proposed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from browser_helpers import LiveApp, Tab
from playwright.sync_api import expect
from web_helpers import OTHER, OWN


def _nothing(tab: Tab) -> None:
    """Nothing to do once the page is open."""


def _wrong_password(tab: Tab) -> None:
    # The second failed sign-in of the run from 127.0.0.1 (the limit is five).
    tab.page.get_by_label("Email address").fill("inspector@example.org")
    tab.page.get_by_label("Password").fill("not the password")
    tab.submit("Sign in", status=400)
    expect(tab.page.locator(".govuk-error-summary")).to_be_visible()


def _what_if_result(tab: Tab) -> None:
    row = tab.page.get_by_role("group", name="Indicator change 1")
    row.get_by_label("Indicator").select_option("NI059")
    row.get_by_label("New value").fill("99.5")
    tab.submit("See what would happen")
    expect(tab.page.get_by_role("heading", name="Result", exact=True)).to_be_visible()


@dataclass(frozen=True)
class MainPage:
    """A page to check: who looks, where, what its main heading says, what to do there."""

    name: str
    role: str | None
    path: str
    heading: str
    status: int = 200
    then: Callable[[Tab], None] = _nothing

    def url_path(self, live: LiveApp) -> str:
        """Return the path with the demo round's id filled in."""
        return self.path.format(round=live.round_id)


COUNCIL = "/rounds/{round}/councils/" + OWN

PAGES = [
    MainPage("home", None, "/", "Children's services annual rating"),
    MainPage("login", None, "/login", "Sign in"),
    MainPage("login-error", None, "/login", "Sign in", then=_wrong_password),
    MainPage("rounds", "inspector", "/rounds", "Rating rounds"),
    MainPage("dashboard", "inspector", "/rounds/{round}", "Children's services annual rating"),
    MainPage("council", "inspector", COUNCIL, "Worcestershire"),
    MainPage("council-user", "council-own", COUNCIL, "Worcestershire"),
    MainPage(
        "forbidden",
        "council-own",
        "/rounds/{round}/councils/" + OTHER,
        "You cannot see this page",
        status=403,
    ),
    MainPage("what-if", "council-own", COUNCIL + "/what-if", "What-if"),
    MainPage("compare-form", "council-own", "/rounds/{round}/compare", "Compare two councils"),
    MainPage(
        "compare",
        "council-own",
        "/rounds/{round}/compare?a=" + OWN + "&b=" + OTHER,
        "Worcestershire and Staffordshire",
    ),
    MainPage("what-if-result", "inspector", COUNCIL + "/what-if", "What-if", then=_what_if_result),
    MainPage("publication", "publisher", "/rounds/{round}/publication", "Sign-off and embargo"),
    MainPage("audit", "moderator", "/audit", "Audit log"),
    MainPage("results-index", None, "/results", "Results"),
    MainPage("results-embargoed", None, "/results/{round}", "Children's services annual rating"),
    MainPage("api-docs", None, "/api/docs", "csrating API"),
]


@pytest.mark.parametrize("main_page", PAGES, ids=[p.name for p in PAGES])
def test_page_has_no_serious_accessibility_problems(
    tab: Tab, live: LiveApp, main_page: MainPage
) -> None:
    if main_page.role is not None:
        tab.sign_in(main_page.role)
    tab.goto(main_page.url_path(live), status=main_page.status)
    main_page.then(tab)

    expect(tab.page.get_by_role("heading", level=1)).to_contain_text(main_page.heading)
    expect(tab.page.get_by_role("main")).to_be_visible()
    shot = tab.screenshot(main_page.name)
    assert shot.stat().st_size > 10_000
    findings = tab.check_accessibility(main_page.name)
    # nothing outside a landmark: the round's notice banner sits in a named region
    assert [f for f in findings if f.rule == "region"] == [], main_page.name
    banners = tab.page.locator(".govuk-phase-banner")
    if banners.count():
        assert (
            tab.page.locator("section[aria-label] .govuk-phase-banner").count() == banners.count()
        )
        top, main = banners.first.bounding_box(), tab.page.locator("main").bounding_box()
        assert top is not None and main is not None and top["y"] < main["y"]
