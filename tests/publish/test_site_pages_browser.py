"""The site's public pages in Debian's Chromium: axe on each, the footer's links, the map's
hexagons as links, and the list of councils with and without JavaScript.

Screenshots go to ``test-output/screenshots/site-*.png`` (the ones in
``docs/screenshots`` are copies of these, for review).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from test_site_browser import (
    banner_position,
    outside_landmarks,
)

from browsers import SCREENSHOTS

BLOCKING = ("serious", "critical")


def _open(browser: Any, url: str, *, javascript: bool = True) -> Any:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=javascript
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, url
    return page


@pytest.mark.parametrize(
    ("path", "shot", "heading"),
    [
        ("index.html", "site-index", "Children's services annual rating 2009"),
        ("councils/index.html", "site-councils", "Find a council"),
        ("methodology.html", "site-methodology", "How the ratings are worked out"),
        ("accessibility.html", "site-accessibility", "Accessibility statement"),
    ],
)
def test_each_page_passes_axe_and_its_footer_links_to_both_new_pages(
    browser: Any, site_url: str, path: str, shot: str, heading: str
) -> None:
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    page = _open(browser, f"{site_url}/{path}")
    try:
        assert heading in page.get_by_role("heading", level=1).inner_text()
        footer = page.get_by_role("contentinfo")
        for name in ("How the ratings are worked out", "Accessibility statement"):
            assert footer.get_by_role("link", name=name, exact=True).count() == 1, name
        results = axe_module.Axe().run(page)
        in_landmark, banner_top, main_top = banner_position(page)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{shot}.png"), full_page=True)
        assert page.errors == []
    finally:
        page.context.close()
    blocking = [v for v in results.response["violations"] if v.get("impact") in BLOCKING]
    assert blocking == [], results.generate_report()
    # the demonstration banner is inside a landmark (axe "region"), and still comes first
    assert outside_landmarks(results.response["violations"]) == [], results.generate_report()
    assert in_landmark and banner_top < main_top


def test_map_hexagons_are_named_links_that_open_the_council_page(
    browser: Any, site_url: str
) -> None:
    page = _open(browser, f"{site_url}/index.html")
    try:
        ratings = page.locator("svg[aria-labelledby='ratings-title ratings-desc']")
        measure = page.locator("svg[aria-labelledby='measure-title measure-desc']")
        assert ratings.locator("a").count() == 152 and measure.locator("a").count() == 152
        # each hexagon's accessible name is its title: the council's full name and value
        worcestershire = page.get_by_role("link", name=re.compile(r"^Worcestershire \(885\): "))
        assert worcestershire.count() == 2
        assert ratings.get_by_text("Wor", exact=True).count() == 1  # the short label
        # the focused hexagon turns GOV.UK yellow
        worcestershire.first.focus()
        fill = worcestershire.first.locator("polygon").evaluate("p => getComputedStyle(p).fill")
        assert fill == "rgb(255, 221, 0)"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.locator("figure.csr-map").first.screenshot(path=str(SCREENSHOTS / "site-map.png"))
        worcestershire.first.click()
        page.wait_for_url(re.compile(r"/councils/885\.html$"))
        assert page.get_by_role("heading", level=1).inner_text() == "Worcestershire"
        assert page.errors == []
    finally:
        page.context.close()


def test_the_list_of_councils_filters_as_you_type(browser: Any, site_url: str) -> None:
    page = _open(browser, f"{site_url}/councils/index.html")
    try:
        box = page.get_by_label("Filter councils by name or code")
        assert box.is_visible()
        status = page.get_by_role("status")
        assert status.inner_text() == "152 councils"
        box.fill("worc")
        page.wait_for_function(
            "document.querySelector('[role=status]').textContent !== '152 councils'"
        )
        visible = page.locator("li[data-search]:visible")
        assert visible.count() == 1 and visible.inner_text().startswith("Worcestershire")
        assert status.inner_text() == "1 of 152 councils matches"
        assert page.get_by_role("heading", name="W", exact=True).is_visible()
        assert not page.get_by_role("heading", name="B", exact=True).is_visible()
        box.fill("E10000034")  # Worcestershire's ONS code
        page.wait_for_function(
            "document.querySelectorAll('li[data-search]:not([hidden])').length === 1"
        )
        box.fill("north")
        page.wait_for_function(
            "document.querySelector('[role=status]').textContent === '8 of 152 councils match'"
        )
        assert page.locator("li[data-search]:visible").count() == 8
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "site-councils-filtered.png"))
        box.fill("zzzz")
        page.wait_for_function(
            "document.querySelector('[role=status]').textContent === 'No councils match'"
        )
        assert page.get_by_text("No council matches.").is_visible()
        assert page.errors == []
    finally:
        page.context.close()


def test_the_list_of_councils_works_without_javascript(browser: Any, site_url: str) -> None:
    page = _open(browser, f"{site_url}/councils/index.html", javascript=False)
    try:
        # no filter box without the script, and every council is listed and linked
        assert page.get_by_label("Filter councils by name or code").count() == 1
        assert not page.get_by_label("Filter councils by name or code").is_visible()
        assert page.locator("li[data-search]:visible").count() == 152
        page.get_by_role("link", name="Councils starting with W").click()
        page.get_by_role("link", name="Worcestershire", exact=True).click()
        page.wait_for_url(re.compile(r"/councils/885\.html$"))
    finally:
        page.context.close()
