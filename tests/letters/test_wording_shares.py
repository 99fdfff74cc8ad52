"""Part of a set of settings, by the house rule for numbers, with the verb that agrees."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csrating.letters.wording import count_text, counted, proportion, share_of


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "zero"), (1, "one"), (9, "nine"), (10, "10"), (23, "23"), (1204, "1,204")],
)
def test_words_for_zero_to_nine_and_figures_from_ten(n: int, expected: str) -> None:
    assert count_text(n) == expected


def test_a_sentence_never_starts_with_a_figure() -> None:
    assert count_text(12, capitalise=True) == "Twelve"
    assert count_text(4, capitalise=True) == "Four"


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "no pupil referral units"),
        (1, "one pupil referral unit"),
        (6, "six pupil referral units"),
        (23, "23 pupil referral units"),
    ],
)
def test_counted_nouns_agree(n: int, expected: str) -> None:
    assert counted(n, "pupil referral unit", "pupil referral units") == expected


def _schools(count: int, total: int, **options: bool) -> tuple[str, str]:
    share = share_of(count, total, "school sixth form", "school sixth forms", **options)
    return share.phrase, share.verb("is", "are")


@pytest.mark.parametrize(
    ("count", "total", "phrase", "verb"),
    [
        (1, 1, "the school sixth form", "is"),
        (0, 1, "no school sixth form", "is"),
        (2, 2, "both school sixth forms", "are"),
        (3, 3, "all three school sixth forms", "are"),
        (12, 12, "all 12 school sixth forms", "are"),
        (0, 9, "none of the nine school sixth forms", "is"),
        (1, 9, "one of the nine school sixth forms", "is"),
        (2, 9, "two of the nine school sixth forms", "are"),
        (7, 10, "seven of the 10 school sixth forms", "are"),
        (6, 12, "half of the 12 school sixth forms", "are"),
        (15, 23, "two thirds of the 23 school sixth forms", "are"),
    ],
)
def test_share_shapes(count: int, total: int, phrase: str, verb: str) -> None:
    assert _schools(count, total) == (phrase, verb)


def test_capitalised_and_without_the_total() -> None:
    assert _schools(3, 3, capitalise=True)[0] == "All three school sixth forms"
    assert _schools(12, 12, capitalise=True)[0] == "All 12 school sixth forms"
    assert _schools(6, 12, with_total=False)[0] == "half of school sixth forms"
    assert _schools(1, 20, with_total=False)[0] == "very few school sixth forms"
    assert _schools(2, 20)[0] == "a few of the 20 school sixth forms"
    assert "All of" not in _schools(3, 3, capitalise=True)[0]


@given(
    st.integers(min_value=1, max_value=300).flatmap(
        lambda total: st.tuples(st.integers(min_value=0, max_value=total), st.just(total))
    )
)
def test_never_a_small_figure_nor_all_of(pair: tuple[int, int]) -> None:
    count, total = pair
    phrase, _ = _schools(count, total, capitalise=True)
    assert not any(f" {d} " in f" {phrase} " for d in "123456789")
    assert not phrase.startswith("All of")


@pytest.mark.parametrize(("count", "total"), [(-1, 3), (4, 3), (0, 0)])
def test_rejects_impossible_shares(count: int, total: int) -> None:
    with pytest.raises(ValueError):
        share_of(count, total, "unit", "units")


@pytest.mark.parametrize(
    ("count", "total", "expected"),
    [
        (10, 11, "almost all"),
        (1, 12, "very few"),
        (6, 12, "half"),
        (15, 23, "two thirds"),
        (12, 12, "all"),
        (0, 12, "none"),
    ],
)
def test_proportion_is_a_fraction_or_far_from_one_a_quantifier(
    count: int, total: int, expected: str
) -> None:
    assert proportion(count, total) == expected
