"""Numbers in words, counts for running text and ordinals."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csrating.letters.wording import count_words, number_words, ordinal_words

# An independent construction: the 28 base words and the hyphen rule.
BASE = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
TENS = dict(
    zip(
        range(20, 100, 10),
        "twenty thirty forty fifty sixty seventy eighty ninety".split(),
        strict=True,
    )
)
assert len(BASE) + len(TENS) == 28


def expected_below_hundred(n: int) -> str:
    if n < 20:
        return BASE[n]
    tens, units = 10 * (n // 10), n % 10
    return TENS[tens] + ("" if units == 0 else "-" + BASE[units])


def expected_below_thousand(n: int) -> str:
    if n < 100:
        return expected_below_hundred(n)
    hundreds, rest = divmod(n, 100)
    head = BASE[hundreds] + " hundred"
    return head if rest == 0 else head + " and " + expected_below_hundred(rest)


VALUES = {word: i for i, word in enumerate(BASE)} | {w: n for n, w in TENS.items()}


def parse_words(text: str) -> int:
    """Read British number words back into a number (test oracle)."""
    total, current = 0, 0
    for token in text.split():
        if token == "and":
            continue
        if token == "hundred":
            current *= 100
        elif token == "thousand":
            total, current = total + current * 1000, 0
        elif token == "million":
            total, current = total + current * 1_000_000, 0
        else:
            current += sum(VALUES[part] for part in token.split("-"))
    return total + current


def test_zero_to_hundred_exhaustively() -> None:
    for n in range(100):
        assert number_words(n) == expected_below_hundred(n), n
    assert number_words(100) == "one hundred"


def test_hundreds_exhaustively() -> None:
    for n in range(100, 1000):
        assert number_words(n) == expected_below_thousand(n), n


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "zero"),
        (7, "seven"),
        (13, "thirteen"),
        (21, "twenty-one"),
        (40, "forty"),
        (99, "ninety-nine"),
        (100, "one hundred"),
        (105, "one hundred and five"),
        (152, "one hundred and fifty-two"),
        (300, "three hundred"),
        (999, "nine hundred and ninety-nine"),
        (1000, "one thousand"),
        (1005, "one thousand and five"),
        (1105, "one thousand one hundred and five"),
        (2040, "two thousand and forty"),
        (101_000, "one hundred and one thousand"),
        (1_000_000, "one million"),
        (1_000_020, "one million and twenty"),
        (23_400_512, "twenty-three million four hundred thousand five hundred and twelve"),
    ],
)
def test_number_words_examples(n: int, words: str) -> None:
    assert number_words(n) == words


@given(st.integers(min_value=0, max_value=999_999_999))
def test_number_words_round_trip(n: int) -> None:
    words = number_words(n)
    assert parse_words(words) == n
    assert set(words) <= set("abcdefghijklmnopqrstuvwxyz -")
    assert "  " not in words


@pytest.mark.parametrize("n", [-1, 1_000_000_000])
def test_number_words_rejects_out_of_range(n: int) -> None:
    with pytest.raises(ValueError):
        number_words(n)


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "zero"),
        (2, "two"),
        (9, "nine"),
        (23, "twenty-three"),
        (100, "one hundred"),
        (101, "101"),
        (152, "152"),
        (1204, "1,204"),
        (1_500_000, "1,500,000"),
    ],
)
def test_count_words_words_then_figures(n: int, text: str) -> None:
    assert count_words(n) == text


@pytest.mark.parametrize(
    ("n", "text"),
    [(2, "Two"), (9, "Nine"), (21, "Twenty-one"), (152, "One hundred and fifty-two")],
)
def test_count_words_capitalised_for_sentence_start(n: int, text: str) -> None:
    assert count_words(n, capitalise=True) == text


def test_count_words_cut_off_is_configurable() -> None:
    assert count_words(9, words_up_to=9) == "nine"
    assert count_words(23, words_up_to=9) == "23"
    assert count_words(23, words_up_to=9, capitalise=True) == "Twenty-three"


def test_count_words_rejects_negative() -> None:
    with pytest.raises(ValueError):
        count_words(-2)


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "zeroth"),
        (1, "first"),
        (2, "second"),
        (3, "third"),
        (4, "fourth"),
        (5, "fifth"),
        (8, "eighth"),
        (9, "ninth"),
        (12, "twelfth"),
        (20, "twentieth"),
        (21, "twenty-first"),
        (42, "forty-second"),
        (100, "one hundredth"),
        (103, "one hundred and third"),
        (1000, "one thousandth"),
    ],
)
def test_ordinal_words(n: int, words: str) -> None:
    assert ordinal_words(n) == words
