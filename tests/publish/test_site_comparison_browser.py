"""The site's comparison over time in a real browser (Debian's Chromium, headless).

Every line of a council page opened, checked by axe; the compare page drawing two
councils with its own script, over HTTP and from a folder on disk, with no request
leaving the site; and the same page without JavaScript, explaining what to use instead.
Screenshots go to ``test-output/screenshots/site-comparison-*.png``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from test_site import build_demo_site, rated_demo
from test_site_browser import site_url
from test_site_comparison import present_day_site

from browsers import SCREENSHOTS
from csrating.publish import COMPARE, compare_page, council_page
from csrating.publish._comparison import COMPARE_SCRIPT, compare_files, compare_script
from csrating.publish.site import FAVICON, STYLESHEET
from csrating.publish.site_files import favicon_text, stylesheet_text

__all__ = ["site_url"]  # the fixture, shared with the site's own browser test


def _axe(page: Any) -> list[dict[str, Any]]:
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    results = axe_module.Axe().run(page)
    return [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]


def _watched(browser: Any, *, script: bool = True) -> tuple[Any, list[str], list[str]]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=script
    )
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    return page, errors, requests


def test_every_line_of_a_council_page_opened_passes_axe(browser: Any, site_url: str) -> None:
    page, errors, _ = _watched(browser)
    page.goto(f"{site_url}/councils/885.html", wait_until="load")
    line = page.locator("#c-ni059")
    line.locator("summary").click()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    line.screenshot(path=str(SCREENSHOTS / "site-comparison-line.png"))
    line.locator("svg").screenshot(path=str(SCREENSHOTS / "site-comparison-chart.png"))
    opened = page.evaluate(
        "() => { const all = document.querySelectorAll('details');"
        " all.forEach(d => { d.open = true; }); return all.length; }"
    )
    assert opened > 50
    assert _axe(page) == []
    assert errors == [], errors
    page.context.close()


def test_the_compare_page_draws_two_councils_with_its_own_script(
    browser: Any, site_url: str
) -> None:
    page, errors, requests = _watched(browser)
    page.goto(f"{site_url}/compare.html", wait_until="load")
    page.get_by_label("First council").select_option("885")
    page.get_by_label("Second council").select_option("860")
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Compare").click()
    heading = page.locator("#compare-heading")
    heading.wait_for()
    assert heading.inner_text() == "Worcestershire and Staffordshire"
    assert page.locator("#compare-fallback").is_hidden()
    assert page.locator("#compare-results table").count() > 50
    assert page.locator("#compare-results svg[role=img]").count() > 50
    assert page.title().startswith("Worcestershire and Staffordshire compared")
    first = page.locator("#compare-results svg[role=img]").first
    first.screenshot(path=str(SCREENSHOTS / "site-comparison-pair-chart.png"))
    # axe needs JavaScript, so the explanation shown without it is checked here, shown
    page.evaluate("() => { document.getElementById('compare-fallback').hidden = false; }")
    assert _axe(page) == []
    assert errors == []
    assert [u for u in requests if urlsplit(u).hostname != "127.0.0.1"] == []
    page.context.close()


def test_the_compare_page_works_from_a_folder_on_disk(
    browser: Any, tmp_path_factory: pytest.TempPathFactory, small_demo: Path
) -> None:
    root = build_demo_site(tmp_path_factory.getbasetemp(), rated_demo(small_demo))
    page, errors, _ = _watched(browser)
    page.goto(f"{(root / 'compare.html').as_uri()}?a=885&b=937", wait_until="load")
    page.locator("#compare-heading").wait_for()
    assert page.locator("#compare-results table").count() > 50
    assert errors == []
    page.context.close()


def test_without_javascript_the_compare_page_explains_and_links(
    browser: Any, site_url: str
) -> None:
    page, errors, _ = _watched(browser, script=False)
    page.goto(f"{site_url}/compare.html?a=885&b=860", wait_until="load")
    fallback = page.locator("#compare-fallback")
    assert fallback.is_visible()
    assert "Comparing without JavaScript" in fallback.inner_text()
    assert page.locator("#compare-results").is_hidden()
    assert page.locator("#compare-fallback a[href='councils/885.html']").count() == 1
    assert errors == []
    page.context.close()


@pytest.mark.parametrize(
    ("first", "second", "heading"),
    [
        ("201", "886", "City of London and Kent"),  # an inner London borough, a county
        ("420", "330", "Isles of Scilly and Birmingham"),  # missing figures, a met district
        ("802", "838", None),  # a code no council of 2009 has: refused in words
    ],
)
def test_the_compare_page_draws_councils_of_any_type_and_with_missing_figures(
    browser: Any, site_url: str, first: str, second: str, heading: str | None
) -> None:
    page, errors, _ = _watched(browser)
    page.goto(f"{site_url}/compare.html?a={first}&b={second}", wait_until="load")
    results = page.locator("#compare-results")
    if heading is None:
        results.locator("p").first.wait_for()
        assert "choose" in results.inner_text().lower()
        assert errors == []
        page.context.close()
        return
    page.locator("#compare-heading").wait_for()
    assert page.locator("#compare-heading").inner_text() == heading
    tables = page.locator("#compare-results table")
    assert tables.count() == page.locator("#compare-results svg[role=img]").count() > 50
    if first == "420":
        assert "no data" in results.inner_text() or "suppressed" in results.inner_text()
    assert errors == []
    page.context.close()


@pytest.mark.slow
def test_the_real_round_s_pages_over_nine_years_pass_axe(browser: Any, tmp_path: Path) -> None:
    """The shipped LAIT round: the Isles of Scilly's page (many figures suppressed) with
    every line open, and the compare page for councils of 2009 and of today, from disk."""
    rated, site = present_day_site()
    assert site.comparison is not None
    files = {
        "councils/420.html": council_page(site, rated.rated.result("420")),
        COMPARE: compare_page(site),
        STYLESHEET: stylesheet_text(),
        FAVICON: favicon_text(),
        COMPARE_SCRIPT: compare_script(),
        **compare_files(site.comparison),
    }
    for relative, text in files.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text, "utf-8")
    page, errors, _ = _watched(browser)
    page.goto((tmp_path / "councils" / "420.html").as_uri(), wait_until="load")
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    assert page.locator("table.csr-series--wide").count() > 30  # nine periods
    assert errors == [], errors
    assert _axe(page) == []  # (axe, from disk, cannot read the stylesheet: not counted)
    errors.clear()
    page.goto(f"{(tmp_path / COMPARE).as_uri()}?a=420&b=940", wait_until="load")
    page.locator("#compare-heading").wait_for()
    assert page.locator("#compare-heading").inner_text() == (
        "Isles of Scilly and North Northamptonshire"
    )
    assert page.locator("#compare-results table").count() > 30
    assert errors == [], errors
    assert _axe(page) == []
    page.context.close()
