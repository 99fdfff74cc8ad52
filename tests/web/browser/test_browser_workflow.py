"""The round's journey in Chromium: sign in, moderate, what-if, sign off, lift the embargo.

The tests share one server and store (see ``conftest.py``) and run in the order written:
moderation comes before the publisher signs every council off, and the embargo is lifted
last. Each test still sets up what it needs that it can (the clock, sign-offs).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import polars as pl
from browser_helpers import AFTER_EMBARGO, LiveApp, Tab
from playwright.sync_api import expect
from web_helpers import OTHER, OWN

from csrating.frameworks import load_framework
from csrating.ingest import load_dataset
from csrating.pipeline import rate
from csrating.profile.block_a import latest_inspections
from csrating.scales import CouncilRating, InspectionGrade
from csrating.vocabulary import SettingType
from csrating.whatif import RegradeSettings, what_if

RATING_LABELS = tuple(rating.label for rating in CouncilRating)
"""What a grade looks like on a page, in lower case ("performs well", ...)."""

FINAL_STATES = frozenset({"signed_off", "withheld"})

MODERATED = OTHER
"""The council the inspector and moderator moderate (Staffordshire)."""


def council_path(live: LiveApp, la_code: str) -> str:
    """Return a council page's path in the demo round."""
    return f"/rounds/{live.round_id}/councils/{la_code}"


def summary_value(tab: Tab, key: str) -> str:
    """Return the value of the summary-list row whose key is exactly ``key``."""
    row = tab.page.locator(".govuk-summary-list__row").filter(
        has=tab.page.get_by_role("term").filter(has_text=re.compile(f"^{re.escape(key)}$"))
    )
    expect(row).to_have_count(1)
    return row.locator("dd").inner_text().strip()


def shows_a_grade(text: str) -> bool:
    """Whether ``text`` names any rating, in any case."""
    return any(label in text.casefold() for label in RATING_LABELS)


def rating_row(tab: Tab) -> str:
    """Return the text of the council page's "Rating" row."""
    return summary_value(tab, "Rating")


def test_a_wrong_password_shows_the_error_summary(tab: Tab) -> None:
    tab.sign_in("inspector", "not the password", status=400)

    summary = tab.page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("There is a problem")
    expect(summary.get_by_role("link")).to_have_text("The email address or password is not right")
    expect(tab.page).to_have_title("Error: Sign in – Children's services annual rating")
    assert tab.path() == "/login"
    expect(tab.page.get_by_label("Email address")).to_have_value("inspector@example.org")
    expect(tab.page.get_by_label("Password")).to_have_value("")


def test_the_right_password_lands_on_the_rounds_dashboard(tab: Tab, live: LiveApp) -> None:
    tab.sign_in("inspector")

    assert tab.path() == "/rounds"
    expect(tab.page.get_by_role("heading", level=1)).to_have_text("Rating rounds")
    expect(tab.page.locator(".web-signed-in")).to_contain_text("inspector@example.org")
    tab.page.get_by_role("link", name="Children's services annual rating 2009").click()
    tab.page.wait_for_url(live.url(f"/rounds/{live.round_id}"))
    tab.assert_clean()
    expect(tab.page.get_by_role("heading", level=1)).to_contain_text("2009")
    expect(tab.page.get_by_role("table", name="152 councils")).to_be_visible()


def test_inspector_proposes_with_a_reason_and_moderator_applies(
    open_tab: Callable[[], Tab], live: LiveApp
) -> None:
    """Without a reason the form says so; with one, the proposal waits for a moderator,
    who applies it: the page then shows the new grade and the moderation history."""
    record = live.web.store.council_assessment(live.round_id, MODERATED)
    assert str(record.state.value) == "provisional", "run this before the sign-off test"
    target = CouncilRating(4 if record.grade != 4 else 3)
    path = council_path(live, MODERATED)

    inspector = open_tab()
    inspector.sign_in("inspector")
    inspector.goto(path)
    expect(inspector.page.get_by_role("heading", level=1)).to_have_text("Staffordshire")
    inspector.page.locator(f"#to_grade-{target.value}").check()
    inspector.submit("Propose", status=400)
    summary = inspector.page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the reason for the moderation")
    expect(inspector.page.locator("#reason-error")).to_contain_text(
        "Enter the reason for the moderation"
    )
    expect(inspector.page.locator(f"#to_grade-{target.value}")).to_be_checked()
    inspector.screenshot("council-error")
    inspector.check_accessibility("council-error")
    assert live.web.store.moderation_records(live.round_id, MODERATED) == []

    reason = "Recent inspections of children's homes show strong improvement"
    inspector.page.get_by_label("Reason (professional judgement").fill(reason)
    inspector.submit("Propose")
    assert inspector.path() == path
    history = inspector.page.get_by_role("table", name="Moderation history")
    expect(history).to_contain_text(reason)
    expect(history).to_contain_text("Waiting for a decision")
    expect(inspector.page.get_by_role("button", name="Apply")).to_have_count(0)

    moderator = open_tab()
    moderator.sign_in("moderator")
    moderator.goto(path)
    moderator.page.get_by_label("Reason for your decision").fill("Agreed at moderation panel")
    moderator.submit("Apply")

    assert target.label in rating_row(moderator)
    expect(moderator.page.locator(".web-state").first).to_have_text("Moderated")
    history = moderator.page.get_by_role("table", name="Moderation history")
    expect(history).to_contain_text(reason)
    expect(history).to_contain_text("Applied")
    expect(history).to_contain_text("by moderator@example.org")
    expect(history).to_contain_text("Agreed at moderation panel")
    expect(history).to_contain_text(f"{target.value} – {target.label}")
    stored = live.web.store.council_assessment(live.round_id, MODERATED)
    assert stored.grade == target.value and str(stored.state.value) == "moderated"

    inspector.goto(path)  # the proposer sees the outcome too
    assert target.label in rating_row(inspector)


def test_a_council_user_sees_only_their_own_council_as_an_embargoed_draft(
    tab: Tab, live: LiveApp
) -> None:
    tab.sign_in("council-own")

    assert tab.path() == council_path(live, OWN)
    expect(tab.page.get_by_role("heading", level=1)).to_have_text("Worcestershire")
    letter = tab.page.get_by_role("article", name="Letter to Worcestershire")
    expect(letter).to_contain_text("Embargoed — draft, not for publication")
    expect(tab.page.get_by_role("region", name="Embargoed")).to_be_visible()
    expect(tab.page.get_by_role("heading", name="Moderation")).to_have_count(0)

    tab.goto(council_path(live, OTHER), status=403)
    expect(tab.page.get_by_role("heading", level=1)).to_have_text("You cannot see this page")
    expect(tab.page.locator("main")).not_to_contain_text("Staffordshire")
    assert not shows_a_grade(tab.page.locator("main").inner_text())


def test_what_if_shows_the_change_and_saves_nothing(
    tab: Tab, live: LiveApp, small_demo: Path
) -> None:
    """Regrading Worcestershire's satisfactory secondary schools to outstanding raises the
    rules' rating; the page shows both ratings and how the letter would change, and the
    stored rating stays as it was."""
    before = live.web.store.council_assessment(live.round_id, OWN)
    dataset = load_dataset(small_demo)
    framework = load_framework("rating-2009")
    rated = rate(dataset, framework, moderation={})
    baseline = rated.result(OWN).assessment
    latest = latest_inspections(
        dataset.inspections.filter(
            (pl.col("la_code") == OWN)
            & (pl.col("setting_type") == SettingType.SECONDARY_SCHOOL.value)
        ),
        framework.profile,
    )
    count = latest.filter(pl.col("overall_effectiveness") == 3).height  # all satisfactory
    expected = what_if(
        rated,
        OWN,
        [
            RegradeSettings(
                SettingType.SECONDARY_SCHOOL,
                count,
                InspectionGrade.SATISFACTORY,
                InspectionGrade.OUTSTANDING,
            )
        ],
    )
    assert expected.assessment.rating != baseline.rating, "pick a change that moves the rating"

    tab.sign_in("inspector")
    tab.goto(council_path(live, OWN) + "/what-if")
    form = tab.page.get_by_role("group", name="Settings change 1")
    form.get_by_label("Type of setting").select_option(SettingType.SECONDARY_SCHOOL.value)
    form.get_by_label("How many").fill(str(count))
    form.get_by_label("From grade").select_option("3")
    form.get_by_label("To grade").select_option("1")
    tab.submit("See what would happen")

    assert summary_value(tab, "Rating now (rules only)").startswith(baseline.label)
    assert summary_value(tab, "Rating with your changes").startswith(expected.assessment.label)
    assert summary_value(tab, "Your changes") == (
        f"{count} secondary schools regraded from satisfactory to outstanding"
    )
    changes = tab.page.locator(".web-diff__passage")
    assert changes.count() > 0
    expect(changes.locator("ins").first).to_be_visible()
    expect(tab.page.get_by_role("heading", name="How the letter would change")).to_be_visible()

    after = live.web.store.council_assessment(live.round_id, OWN)
    assert (after.grade, after.version, after.updated_at) == (
        before.grade,
        before.version,
        before.updated_at,
    )
    assert before.grade is not None
    tab.goto(council_path(live, OWN))
    assert CouncilRating(before.grade).label in rating_row(tab)


def test_the_publisher_signs_off_every_council(tab: Tab, live: LiveApp) -> None:
    tab.sign_in("publisher")
    tab.goto(f"/rounds/{live.round_id}/publication")
    waiting = [
        r
        for r in live.web.store.council_assessments(live.round_id)
        if str(r.state.value) not in FINAL_STATES
    ]
    assert waiting, "nothing left to sign off: run this before anything else signs off"
    button = f"Sign off all {len(waiting)} councils listed"
    tab.page.get_by_role("button", name=button).click()
    tab.page.wait_for_url(live.url(f"/rounds/{live.round_id}/publication"))
    tab.assert_clean()

    expect(tab.page.locator("main")).to_contain_text("152 of 152 councils signed off or withheld")
    expect(tab.page.locator("main")).to_contain_text("Every council is signed off or withheld.")
    states = {str(r.state.value) for r in live.web.store.council_assessments(live.round_id)}
    assert states <= {"signed_off", "withheld"}
    tab.goto(f"/rounds/{live.round_id}")
    expect(tab.page.get_by_role("region", name="Embargoed")).to_contain_text(
        "Every council is signed off or withheld"
    )


def test_lifting_the_embargo_publishes_the_table_and_the_map(tab: Tab, live: LiveApp) -> None:
    """Signed off but before the embargo, the public see no grade; a minute after it, the
    table of 152 councils and the map."""
    live.web.sign_off_all()
    path = f"/results/{live.round_id}"

    tab.goto(path)
    main = tab.page.locator("main")
    expect(main).to_contain_text("Results will be published at")
    assert not shows_a_grade(main.inner_text())
    expect(tab.page.locator("figure.web-map svg")).to_have_count(0)
    expect(tab.page.get_by_role("table")).to_have_count(0)
    tab.check_accessibility("results-before")

    live.clock.set(AFTER_EMBARGO)
    tab.goto(path)
    table = tab.page.get_by_role("table", name="Every council's rating, with its letter")
    expect(table.locator("tbody tr")).to_have_count(152)
    expect(table).to_contain_text("Worcestershire")
    hex_map = tab.page.locator("figure.web-map svg")
    expect(hex_map).to_be_visible()
    expect(hex_map).to_have_attribute("aria-labelledby", "results-map-title results-map-desc")
    expect(hex_map.locator("g[id^=hex-]")).to_have_count(152)
    assert shows_a_grade(main.inner_text())
    tab.screenshot("results-published")
    tab.check_accessibility("results-published")

    # each hexagon, labelled with a short name, is a link named by its council's title
    expect(hex_map.locator("a")).to_have_count(152)
    expect(hex_map.get_by_text("Wor", exact=True)).to_have_count(1)
    hexagon = hex_map.get_by_role("link", name=re.compile(r"^Worcestershire \(885\): "))
    expect(hexagon).to_have_count(1)
    tab.page.locator("figure.web-map").screenshot(
        path=str(tab.screenshot("results-published").parent / "web-map.png")
    )
    with tab.page.expect_navigation(wait_until="load"):
        hexagon.click()
    assert tab.path() == f"/rounds/{live.round_id}/councils/885"
    tab.assert_clean()
