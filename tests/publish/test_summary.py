"""The national summary: distribution, half-up percentages, groups and movement."""

from __future__ import annotations

import pytest
from publish_results import distribution, hand_made, national_results

from csrating.errors import UsageError
from csrating.formatting import percentage_half_up, round_half_up
from csrating.publish import ROUNDING_NOTE, Movement, summarise
from csrating.scales import CouncilRating
from csrating.types import LaCode

EXCELLENTLY, WELL, ADEQUATELY, POORLY = (
    CouncilRating.PERFORMS_EXCELLENTLY,
    CouncilRating.PERFORMS_WELL,
    CouncilRating.PERFORMS_ADEQUATELY,
    CouncilRating.PERFORMS_POORLY,
)


def test_the_2009_distribution_gives_the_published_percentages() -> None:
    summary = summarise(hand_made(distribution(10, 93, 40, 9)))

    assert [(g.rating.value, g.count, g.percentage) for g in summary.grades] == [
        (4, 10, 7),
        (3, 93, 61),
        (2, 40, 26),
        (1, 9, 6),
    ]
    assert summary.total_rated == 152
    assert summary.percentage_total == 100
    assert summary.rounding_note == ROUNDING_NOTE  # carried whatever the sum (DESIGN §7)
    assert summary.grade(WELL).label == "Performs well - 3"


def test_halves_round_up_not_to_even() -> None:
    summary = summarise(hand_made(distribution(1, 3, 4, 0)))

    assert [g.percentage for g in summary.grades] == [13, 38, 50, 0]
    assert (round(12.5), round(37.5)) == (12, 38)  # banker's rounding would give 12 for 1/8
    assert summary.percentage_total == 101
    assert (
        summary.rounding_note
        == ROUNDING_NOTE
        == ("Percentages are rounded and may not add up to 100.")
    )


def test_no_rounding_note_without_percentages() -> None:
    assert summarise(hand_made([None, None])).rounding_note is None


def test_withheld_councils_are_listed_apart_and_left_out_of_percentages() -> None:
    results = hand_made([4, 3, None, 3])
    summary = summarise(results)

    assert summary.total_rated == 3
    assert [g.percentage for g in summary.grades] == [33, 67, 0, 0]
    assert [e.la_code for e in summary.withheld] == [results[2].council.la_code]
    assert sum(g.count for g in summary.grades) + len(summary.withheld) == 4


def test_councils_at_each_grade_are_in_name_order() -> None:
    summary = summarise(hand_made(distribution(0, 20, 0, 0)))
    names = summary.grade(WELL).names

    assert len(names) == 20
    assert list(names) == sorted(names, key=str.casefold)


def test_counts_by_region_and_type_add_up_to_the_national_ones() -> None:
    results = hand_made(distribution(10, 93, 40, 8) + [None])
    summary = summarise(results)

    for groups in (summary.by_region, summary.by_type):
        for rating in CouncilRating:
            assert sum(g.count(rating) for g in groups) == summary.grade(rating).count
        assert sum(g.withheld for g in groups) == 1
        assert sum(g.total for g in groups) == 152
    assert {g.group for g in summary.by_type} == {
        "shire county",
        "unitary authority",
        "metropolitan district",
        "inner London borough",
        "outer London borough",
    }
    london = next(g for g in summary.by_region if g.group == "London")
    assert london.total == 33


def test_movement_since_an_earlier_publication() -> None:
    results = hand_made([4, 2, 3, 3, None])
    codes = [r.council.la_code for r in results]
    earlier = {codes[0]: WELL, codes[1]: WELL, codes[2]: WELL, codes[3]: None, codes[4]: POORLY}
    summary = summarise(results, earlier=earlier)

    assert summary.changes is not None
    movement = {c.la_code: c.movement for c in summary.changes}
    assert movement == {
        codes[0]: Movement.UP,
        codes[1]: Movement.DOWN,
        codes[2]: Movement.SAME,
        codes[3]: Movement.NEW,
        codes[4]: Movement.WITHHELD,
    }
    assert (summary.moved_up, summary.moved_down) == (1, 1)


def test_a_council_missing_from_the_earlier_ratings_is_new() -> None:
    results = hand_made([2])
    summary = summarise(results, earlier={LaCode("999"): ADEQUATELY})

    assert summary.changes is not None
    assert summary.changes[0].movement is Movement.NEW
    assert summarise(results).changes is None


def test_real_assessments_are_counted_as_rated() -> None:
    results = national_results()
    summary = summarise(results)
    rated = [r for r in results if r.assessment.rating is not None]

    assert summary.framework == "rating-2009"
    assert summary.total_rated == len(rated) == 11
    assert summary.grade(POORLY).names == ("Staffordshire",)
    assert "Worcestershire" in summary.grade(ADEQUATELY).names
    assert len(summary.withheld) == 152 - 11


def test_mixed_frameworks_and_duplicates_are_refused() -> None:
    mixed = hand_made([3]) + hand_made([2], framework="rating-2010", codes=["202"])
    with pytest.raises(UsageError, match="mix frameworks"):
        summarise(mixed)
    with pytest.raises(UsageError, match="appears twice"):
        summarise(hand_made([3]) * 2)


def test_rounding_helpers_round_half_up() -> None:
    assert percentage_half_up(1, 8) == 13
    assert percentage_half_up(3, 8) == 38
    assert percentage_half_up(40, 152) == 26
    assert round_half_up(2.675, 2) == 2.68
    assert round_half_up(0.5) == 1.0
    assert round_half_up(-0.5) == -1.0
