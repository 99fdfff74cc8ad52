"""The comparison over time in a real browser: every line opened, axe, and a look.

The council page's lines are closed (``<details>``) until a reader opens one; axe runs
with every one of them open, so the charts and tables inside are checked too. The
screenshots go to ``test-output/screenshots/web-comparison-*.png``.
"""

from __future__ import annotations

import re

from browser_helpers import SCREENSHOTS, LiveApp, Tab
from playwright.sync_api import expect
from web_helpers import OTHER, OWN


def _open_every_line(tab: Tab) -> int:
    opened: int = tab.page.evaluate(
        "() => { const all = document.querySelectorAll('details');"
        " all.forEach(d => { d.open = true; }); return all.length; }"
    )
    return opened


def test_every_line_of_the_council_page_opened_passes_axe(tab: Tab, live: LiveApp) -> None:
    tab.sign_in("inspector")
    tab.goto(f"/rounds/{live.round_id}/councils/{OWN}")
    line = tab.page.locator("#c-ni059")
    line.locator("summary").click()
    expect(line.locator("svg[role=img]")).to_be_visible()
    chart = line.get_by_role("img")
    expect(chart).to_have_accessible_name(
        "NI 59 Initial assessments for children's social care carried out within 7 working "
        "days of referral: Worcestershire over time"
    )
    expect(chart).to_have_accessible_description(re.compile(r"^Line chart of NI 59 .*quartile"))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    line.screenshot(path=str(SCREENSHOTS / "web-comparison-line.png"))
    assert _open_every_line(tab) > 50
    tab.check_accessibility("council-comparison-open")


def test_two_councils_side_by_side_pass_axe(tab: Tab, live: LiveApp) -> None:
    tab.sign_in("council-own")
    tab.goto(f"/rounds/{live.round_id}/compare")
    tab.page.get_by_label("Second council").select_option(OTHER)
    tab.submit("Compare")
    assert tab.path() == f"/rounds/{live.round_id}/compare?a={OWN}&b={OTHER}"
    expect(tab.page.get_by_role("heading", level=1)).to_have_text(
        "Worcestershire and Staffordshire"
    )
    chart = tab.page.locator("#a-primary + figure svg")
    expect(chart).to_be_visible()
    chart.screenshot(path=str(SCREENSHOTS / "web-comparison-pair-chart.png"))
    tab.check_accessibility("compare-pair")
