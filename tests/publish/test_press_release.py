"""The national press release: headline, table, characteristics and notes for editors."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from publish_results import RatedWithLetters, distribution, hand_made, rate_folder

from csrating.letters.render import render_html
from csrating.pipeline import DEMONSTRATION_NOTICE
from csrating.profile.model import UnannouncedInspection
from csrating.publish import (
    ROUNDING_NOTE,
    CouncilResult,
    press_release,
    summarise,
)
from csrating.publish.press_release import EXCELLENT_HEADING, POOR_HEADING
from csrating.scales import CouncilRating
from csrating.vocabulary import UnannouncedOutcome

EMBARGO = dt.datetime(2009, 12, 9, 0, 1)


@pytest.fixture(scope="session")
def demo(small_demo: Path) -> RatedWithLetters:
    """The small demo dataset rated under rating-2009."""
    return rate_folder(small_demo)


def release(results: Sequence[CouncilResult], *, demonstration: bool = False) -> str:
    return press_release(summarise(results), results, embargo=EMBARGO, demonstration=demonstration)


def section(markdown: str, heading: str) -> str:
    """The text under a ``###`` heading, up to the next heading."""
    match = re.search(rf"^### {re.escape(heading)}\n(.*?)(?=^#|\Z)", markdown, re.S | re.M)
    assert match is not None, heading
    return match[1]


def named(markdown: str, heading: str) -> set[tuple[str, str]]:
    """The councils listed under a heading, as (name, code) pairs."""
    return set(re.findall(r"^- (.+) \((\d{3})\)$", section(markdown, heading), re.M))


def at(results: Sequence[CouncilResult], rating: CouncilRating) -> set[tuple[str, str]]:
    return {(r.council.name, r.council.la_code) for r in results if r.assessment.rating is rating}


# --- the councils named --------------------------------------------------------------


def test_names_exactly_the_councils_rated_4_and_1(demo: RatedWithLetters) -> None:
    markdown = release(demo.results, demonstration=True)
    best = at(demo.results, CouncilRating.PERFORMS_EXCELLENTLY)
    worst = at(demo.results, CouncilRating.PERFORMS_POORLY)

    assert best and worst
    assert named(markdown, EXCELLENT_HEADING) == best
    assert named(markdown, POOR_HEADING) == worst


def test_says_so_when_no_council_is_rated_4() -> None:
    results = hand_made(distribution(0, 3, 2, 1))
    markdown = release(results)

    assert named(markdown, EXCELLENT_HEADING) == set()
    assert "No council is rated performs excellently" in section(markdown, EXCELLENT_HEADING)
    assert len(named(markdown, POOR_HEADING)) == 1


# --- the headline and the table ------------------------------------------------------


def table_rows(markdown: str) -> dict[str, tuple[int, str]]:
    """Every pipe-table row whose second cell is a number, by its first cell (bold removed)."""
    plain = markdown.replace("**", "")
    rows = re.findall(r"^\| ([^|]+?) \| (\d+) \| ([^|]+?) \|$", plain, re.M)
    return {label: (int(count), share) for label, count, share in rows}


def test_table_counts_and_percentages_match_the_summary(demo: RatedWithLetters) -> None:
    summary = summarise(demo.results)
    rows = table_rows(release(demo.results))

    for line in summary.grades:
        label = f"{line.rating.label.capitalize()} ({line.rating.value})"
        assert rows[label] == (line.count, f"{line.percentage}%")
    assert rows["Total"] == (summary.total_rated, "100%")


def test_the_2009_distribution_reads_as_the_real_release_did() -> None:
    results = hand_made(distribution(10, 93, 40, 9))
    markdown = release(results)

    assert "over two thirds (103) of the 152 councils rated perform excellently or well" in (
        markdown
    )
    assert "Forty perform adequately." in markdown
    assert "Nine perform poorly" in markdown
    rows = table_rows(markdown)
    assert rows["Performs excellently (4)"] == (10, "7%")
    assert rows["Performs well (3)"] == (93, "61%")
    assert rows["Total"] == (152, "100%")


def test_rounding_note_whatever_the_percentages_add_up_to() -> None:
    uneven = release(hand_made(distribution(1, 1, 1, 0)))  # 33 + 33 + 33 = 99
    even = release(hand_made(distribution(1, 1, 1, 1)))  # 25 each

    for markdown in (uneven, even):
        table = markdown.split("**Table 1", 1)[1].split("##", 1)[0]
        assert f"*{ROUNDING_NOTE}*" in table  # under the table
        notes = markdown.split("## Notes for editors", 1)[1]
        assert "### Percentages" in notes and ROUNDING_NOTE in notes


def test_withheld_ratings_are_counted_apart() -> None:
    markdown = release(hand_made([4, 3, 2, 1, None]))

    assert "The rating of one council is withheld" in markdown
    assert table_rows(markdown)["Total rated"] == (4, "100%")
    assert "### Councils whose rating is withheld" in markdown


# --- notes for editors ---------------------------------------------------------------


def test_notes_give_the_embargo_in_words_and_explain_the_profile_and_scale() -> None:
    markdown = release(hand_made(distribution(1, 1, 1, 1)))
    notes = markdown.split("## Notes for editors", 1)[1]

    assert "embargoed until 00:01 on 9 December 2009" in notes
    assert "**Block A**" in notes and "**Block B**" in notes and "**Block C**" in notes
    assert "| 4 | Performs excellently | An organisation that significantly exceeds" in notes
    assert "Open Government Licence" in notes


def test_no_embargo_says_so() -> None:
    results = hand_made(distribution(1, 1, 1, 1))
    markdown = press_release(summarise(results), results, embargo=None, demonstration=False)

    assert "not under embargo" in markdown
    assert "Embargoed until" not in markdown


def test_demonstration_notice_only_for_demonstration_data() -> None:
    results = hand_made(distribution(1, 1, 1, 1))
    assert DEMONSTRATION_NOTICE in release(results, demonstration=True)
    assert "Demonstration data" not in release(results, demonstration=False)


def test_renders_as_html_with_one_h1(demo: RatedWithLetters) -> None:
    html = render_html(release(demo.results, demonstration=True), title="t", standalone=False)

    assert html.count("<h1>") == 1
    assert "<caption>Table 1: councils by children" in html
    assert "<script" not in html


def test_british_spelling() -> None:
    markdown = release(hand_made(distribution(2, 2, 2, 2)), demonstration=True)
    for american in ("program ", "center", "color", "organization", "judgment "):
        assert american not in markdown.lower()


# --- characteristics, computed from the profiles -------------------------------------

PRIORITY = "found areas for priority action in"


def with_unannounced(result: CouncilResult, *outcomes: UnannouncedOutcome) -> CouncilResult:
    visits = tuple(UnannouncedInspection(dt.date(2009, 7, 1), o) for o in outcomes)
    block_b = dataclasses.replace(result.profile.block_b, unannounced_since_full=visits)
    profile = dataclasses.replace(result.profile, block_b=block_b)
    return dataclasses.replace(result, profile=profile)


def test_priority_action_bullet_counts_the_weakest_councils_it_applies_to() -> None:
    results = hand_made(distribution(1, 1, 1, 3))
    results[-1] = with_unannounced(results[-1], UnannouncedOutcome.PRIORITY_ACTION)

    markdown = release(results)

    assert f"{PRIORITY} a minority of them (1 of 3)" in markdown


def test_priority_action_bullet_disappears_when_no_weak_council_had_one() -> None:
    results = hand_made(distribution(1, 1, 1, 3))
    results[-1] = with_unannounced(results[-1], UnannouncedOutcome.DEVELOPMENT)
    results[0] = with_unannounced(results[0], UnannouncedOutcome.PRIORITY_ACTION)  # a 4

    markdown = release(results)

    assert PRIORITY not in markdown


def test_best_council_bullet_needs_more_than_half_of_them() -> None:
    results = hand_made(distribution(2, 1, 1, 1))
    clean = release(results)
    assert "in all of them (2 of 2), no unannounced inspection" in clean

    results[0] = with_unannounced(results[0], UnannouncedOutcome.PRIORITY_ACTION)
    assert "no unannounced inspection" not in release(results)  # 1 of 2 is not a majority


def test_characteristics_are_drawn_from_the_demo_profiles(demo: RatedWithLetters) -> None:
    markdown = release(demo.results)
    best = markdown.split("## What the best councils have in common", 1)[1].split("##", 1)[0]
    bullets = [line for line in best.splitlines() if line.startswith("- ")]

    assert bullets
    for bullet in bullets:
        match = re.search(r"\((\d+) of (\d+)\)", bullet)
        assert match is not None, bullet
        count, total = int(match[1]), int(match[2])
        assert total == len(at(demo.results, CouncilRating.PERFORMS_EXCELLENTLY))
        assert count * 2 > total, bullet
