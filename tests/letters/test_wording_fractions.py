"""Fraction phrases: exact simple fractions and approximations with modifiers."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csrating.letters.wording import fraction_phrase, nearest_fraction

NAMES = {
    "a quarter": Fraction(1, 4),
    "a third": Fraction(1, 3),
    "half": Fraction(1, 2),
    "two thirds": Fraction(2, 3),
    "three quarters": Fraction(3, 4),
}
MODIFIERS = ("just over ", "over ", "just under ", "nearly ", "under ")


@pytest.mark.parametrize(
    ("count", "total", "phrase"),
    [
        # Worcestershire 2009: primary schools, secondary schools, and an odd total.
        (114, 171, "two thirds"),
        (39, 73, "just over half"),
        (6, 13, "nearly half"),
        # Staffordshire 2009: 19 of its 23 special schools and six pupil referral units.
        (19, 29, "two thirds"),
    ],
)
def test_letter_examples(count: int, total: int, phrase: str) -> None:
    assert fraction_phrase(count, total) == phrase


@pytest.mark.parametrize(
    ("count", "total", "phrase"),
    [
        (0, 7, "none"),
        (7, 7, "all"),
        (1, 1, "all"),
        (1, 2, "half"),
        (4, 8, "half"),
        (50, 100, "half"),
        (1, 3, "a third"),
        (10, 30, "a third"),
        (2, 3, "two thirds"),
        (1, 4, "a quarter"),
        (3, 4, "three quarters"),
        (75, 100, "three quarters"),
        (33, 100, "a third"),
        (67, 100, "two thirds"),
    ],
)
def test_exact_fractions(count: int, total: int, phrase: str) -> None:
    assert fraction_phrase(count, total) == phrase


@pytest.mark.parametrize(
    ("count", "total", "phrase"),
    [
        (51, 100, "just over half"),
        (55, 100, "just over half"),
        (56, 100, "over half"),
        (7, 12, "over half"),  # midway between half and two thirds: the lower one
        (49, 100, "just under half"),
        (48, 100, "just under half"),
        (12, 25, "just under half"),
        (47, 100, "nearly half"),
        (45, 100, "nearly half"),
        (44, 100, "under half"),
        (70, 100, "just over two thirds"),
        (72, 100, "nearly three quarters"),  # nearer three quarters than two thirds
        (65, 100, "just under two thirds"),
        (63, 100, "nearly two thirds"),
        (62, 100, "nearly two thirds"),
        (36, 100, "just over a third"),
        (32, 100, "just under a third"),
        (31, 100, "nearly a third"),
        (30, 100, "nearly a third"),
        (27, 100, "just over a quarter"),
        (23, 100, "just under a quarter"),
        (21, 100, "nearly a quarter"),
        (1, 10, "under a quarter"),
        (77, 100, "just over three quarters"),
        (9, 10, "over three quarters"),
        (73, 100, "just under three quarters"),
        (71, 100, "nearly three quarters"),
    ],
)
def test_approximations(count: int, total: int, phrase: str) -> None:
    assert fraction_phrase(count, total) == phrase


def test_nearest_fraction() -> None:
    assert nearest_fraction(6, 13) == (Fraction(1, 2), "half")
    assert nearest_fraction(7, 12) == (Fraction(1, 2), "half")
    assert nearest_fraction(0, 5) == (Fraction(1, 4), "a quarter")


@pytest.mark.parametrize(("count", "total"), [(0, 0), (-1, 4), (5, 4)])
def test_rejects_impossible_shares(count: int, total: int) -> None:
    with pytest.raises(ValueError):
        fraction_phrase(count, total)


def split(phrase: str) -> tuple[str, Fraction]:
    for modifier in MODIFIERS:
        if phrase.startswith(modifier):
            return modifier.strip(), NAMES[phrase.removeprefix(modifier)]
    return "", NAMES[phrase]


shares = st.integers(min_value=1, max_value=1000).flatmap(
    lambda total: st.tuples(st.integers(min_value=0, max_value=total), st.just(total))
)


@given(shares)
def test_phrase_is_always_true(share: tuple[int, int]) -> None:
    count, total = share
    phrase = fraction_phrase(count, total)
    value = Fraction(count, total)
    if phrase in ("none", "all"):
        assert value in (0, 1)
        assert (phrase == "all") == (value == 1)
        return
    modifier, fraction = split(phrase)
    if modifier in ("over", "just over"):
        assert value > fraction
    elif modifier in ("under", "just under", "nearly"):
        assert value < fraction
    else:
        assert abs(value - fraction) <= Fraction(1, 50)
    if modifier in ("just over", "just under", "nearly"):
        assert abs(value - fraction) <= Fraction(1, 20)


@given(shares)
def test_phrase_never_says_over_below_its_fraction(share: tuple[int, int]) -> None:
    phrase = fraction_phrase(*share)
    if "over" in phrase:
        assert Fraction(*share) > split(phrase)[1]
