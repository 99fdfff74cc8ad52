"""Comparisons with similar areas and England in words."""

from __future__ import annotations

import itertools

import pytest

from csrating.letters.wording import Comparison, comparison_phrase

ABOVE, IN_LINE, BELOW = Comparison.ABOVE, Comparison.IN_LINE, Comparison.BELOW


def test_values() -> None:
    assert [c.value for c in Comparison] == ["above", "in_line", "below"]
    assert Comparison("in_line") is IN_LINE


@pytest.mark.parametrize(
    ("similar", "england", "phrase"),
    [
        (IN_LINE, IN_LINE, "is in line with similar areas and the national figure"),
        (ABOVE, ABOVE, "is better than in similar areas and nationally"),
        (BELOW, BELOW, "is lower than in similar areas and nationally"),
        (BELOW, IN_LINE, "is lower than in similar areas but in line with the national figure"),
        (ABOVE, IN_LINE, "is better than in similar areas but in line with the national figure"),
        (IN_LINE, BELOW, "is in line with similar areas but lower than nationally"),
        (IN_LINE, ABOVE, "is in line with similar areas but better than nationally"),
        (ABOVE, BELOW, "is better than in similar areas but lower than nationally"),
        (BELOW, ABOVE, "is lower than in similar areas but better than nationally"),
    ],
)
def test_every_combination_singular(similar: Comparison, england: Comparison, phrase: str) -> None:
    assert comparison_phrase(similar, england, subject_plural=False) == phrase


def test_plural_subject() -> None:
    assert comparison_phrase(IN_LINE, IN_LINE, subject_plural=True) == (
        "are in line with similar areas and the national figures"
    )
    assert comparison_phrase(BELOW, IN_LINE, subject_plural=True) == (
        "are lower than in similar areas but in line with the national figures"
    )


def test_custom_comparatives() -> None:
    assert comparison_phrase(ABOVE, BELOW, subject_plural=False, better="higher") == (
        "is higher than in similar areas but lower than nationally"
    )


@pytest.mark.parametrize(("similar", "england"), list(itertools.product(Comparison, repeat=2)))
def test_but_only_when_the_two_differ(similar: Comparison, england: Comparison) -> None:
    phrase = comparison_phrase(similar, england, subject_plural=False)
    assert (" but " in phrase) == (similar is not england)
    assert phrase.startswith("is ")
