"""Find a council, the methodology and the accessibility statement in Chromium: axe on
each, the footer's links, and the search with and without JavaScript.

These tests only read (the round stays unpublished; the inspectorate sees its councils),
so they pass in any order with the workflow tests. The published map's links are checked
in ``test_browser_workflow.py``, where the embargo is lifted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from browser_helpers import LiveApp, Tab
from playwright.sync_api import Browser, Page, expect


@pytest.mark.parametrize(
    ("path", "name", "heading"),
    [
        ("/councils", "councils", "Find a council"),
        ("/councils?q=Wrocestershire", "councils-did-you-mean", "Search results"),
        ("/methodology", "methodology", "How the ratings are worked out"),
        ("/accessibility", "accessibility", "Accessibility statement"),
    ],
)
def test_public_page_passes_axe_and_links_both_new_pages_from_its_footer(
    tab: Tab, path: str, name: str, heading: str
) -> None:
    tab.goto(path)
    expect(tab.page.get_by_role("heading", level=1)).to_contain_text(heading)
    footer = tab.page.get_by_role("contentinfo")
    expect(footer.get_by_role("link", name="How the ratings are worked out")).to_have_count(1)
    expect(footer.get_by_role("link", name="Accessibility statement")).to_have_count(1)
    tab.screenshot(name)
    tab.check_accessibility(name)


def test_the_footer_links_open_the_pages(tab: Tab) -> None:
    tab.goto("/")
    footer = tab.page.get_by_role("contentinfo")
    with tab.page.expect_navigation(wait_until="load"):
        footer.get_by_role("link", name="Accessibility statement").click()
    assert tab.path() == "/accessibility"
    with tab.page.expect_navigation(wait_until="load"):
        tab.page.get_by_role("contentinfo").get_by_role(
            "link", name="How the ratings are worked out"
        ).click()
    assert tab.path() == "/methodology"
    tab.assert_clean()


def test_search_filters_as_you_type_then_answers_on_the_server(tab: Tab, live: LiveApp) -> None:
    tab.sign_in("inspector")  # the round is not published: the inspectorate sees its councils
    tab.goto("/councils")
    box = tab.page.get_by_label("Council name or code")
    status = tab.page.get_by_role("status")
    expect(status).to_have_text("152 councils")
    box.fill("worc")
    expect(status).to_have_text("1 of 152 councils matches")
    expect(tab.page.locator("li[data-search]:visible")).to_have_count(1)
    tab.screenshot("councils-filtered")
    box.fill("Wrocestershire")
    expect(status).to_have_text("No councils match")
    with tab.page.expect_navigation(wait_until="load"):
        box.press("Enter")  # the form still goes to the server, which suggests a name
    expect(tab.page.get_by_role("main")).to_contain_text("Did you mean Worcestershire?")
    with tab.page.expect_navigation(wait_until="load"):
        tab.page.get_by_role("link", name="Worcestershire", exact=True).click()
    assert tab.path() == f"/rounds/{live.round_id}/councils/885"
    tab.assert_clean()


@pytest.fixture
def no_script_page(browser: Browser, live: LiveApp) -> Iterator[Page]:
    """A tab with JavaScript switched off, signed in as an inspector."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    context.route(lambda url: urlsplit(url).hostname != "127.0.0.1", lambda r: r.abort())
    page = context.new_page()
    try:
        email, password = live.accounts["inspector"]
        page.goto(live.url("/login"))
        page.get_by_label("Email address").fill(email)
        page.get_by_label("Password").fill(password)
        with page.expect_navigation():
            page.get_by_role("button", name="Sign in").click()
        yield page
    finally:
        context.close()


def test_search_works_without_javascript(no_script_page: Page, live: LiveApp) -> None:
    page = no_script_page
    page.goto(live.url("/councils"))
    expect(page.locator("li[data-search]")).to_have_count(152)
    page.get_by_label("Council name or code").fill("E10000034")
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()
    assert "q=E10000034" in page.url
    results = page.get_by_role("list").filter(has_text="ONS code E10000034")
    expect(results.get_by_role("link", name="Worcestershire")).to_have_count(1)
    page.get_by_role("link", name="Worcestershire").click()
    page.wait_for_url(re.compile(rf"/rounds/{live.round_id}/councils/885$"))
