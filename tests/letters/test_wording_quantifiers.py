"""Quantifier words, their thresholds and the thresholds file."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csrating.errors import ConfigError, CsratingError
from csrating.letters.wording import (
    QUANTIFIER_WORDS,
    QuantifierThresholds,
    load_thresholds,
    quantifier,
)

GOOD_FILE = """\
few = 0.10
minority = 0.20
large_majority = 0.65
most = 0.75
almost_all = 0.90
"""


@pytest.mark.parametrize(
    ("count", "total", "word"),
    [
        (0, 100, "none"),
        (0, 1, "none"),
        (1, 100, "very few"),
        (9, 100, "very few"),
        (99, 1000, "very few"),
        (10, 100, "a few"),
        (1, 10, "a few"),
        (11, 100, "a few"),
        (19, 100, "a few"),
        (199, 1000, "a few"),
        (20, 100, "a minority"),
        (1, 5, "a minority"),
        (21, 100, "a minority"),
        (49, 100, "a minority"),
        (499, 1000, "a minority"),
        (6, 13, "a minority"),
        (50, 100, "half"),
        (1, 2, "half"),
        (51, 100, "the majority"),
        (501, 1000, "the majority"),
        (7, 13, "the majority"),
        (64, 100, "the majority"),
        (649, 1000, "the majority"),
        (65, 100, "a large majority"),
        (13, 20, "a large majority"),
        (66, 100, "a large majority"),
        (74, 100, "a large majority"),
        (749, 1000, "a large majority"),
        (3, 4, "most"),
        (75, 100, "most"),
        (76, 100, "most"),
        (89, 100, "most"),
        (899, 1000, "most"),
        (9, 10, "almost all"),
        (90, 100, "almost all"),
        (91, 100, "almost all"),
        (99, 100, "almost all"),
        (999, 1000, "almost all"),
        (100, 100, "all"),
        (1, 1, "all"),
        (152, 152, "all"),
    ],
)
def test_quantifier_boundaries(count: int, total: int, word: str) -> None:
    assert quantifier(count, total) == word


@pytest.mark.parametrize(("count", "total"), [(0, 0), (1, 0), (-1, 5), (6, 5), (1, -3)])
def test_quantifier_rejects_impossible_shares(count: int, total: int) -> None:
    with pytest.raises(ValueError):
        quantifier(count, total)


def test_quantifier_uses_given_thresholds() -> None:
    strict = QuantifierThresholds(few=0.05, minority=0.30, large_majority=0.70, most=0.80)
    assert quantifier(7, 100, strict) == "a few"
    assert quantifier(25, 100, strict) == "a few"
    assert quantifier(69, 100, strict) == "the majority"
    assert quantifier(79, 100, strict) == "a large majority"
    assert quantifier(90, 100, strict) == "almost all"


def test_words_are_listed_from_smallest_to_largest() -> None:
    assert QUANTIFIER_WORDS == (
        "none",
        "very few",
        "a few",
        "a minority",
        "half",
        "the majority",
        "a large majority",
        "most",
        "almost all",
        "all",
    )


shares = st.integers(min_value=1, max_value=500).flatmap(
    lambda total: st.tuples(st.integers(min_value=0, max_value=total), st.just(total))
)


@given(shares, shares)
def test_quantifier_is_monotone_in_share(a: tuple[int, int], b: tuple[int, int]) -> None:
    if Fraction(*a) > Fraction(*b):
        a, b = b, a
    rank_a = QUANTIFIER_WORDS.index(quantifier(*a))
    rank_b = QUANTIFIER_WORDS.index(quantifier(*b))
    assert rank_a <= rank_b
    if Fraction(*a) == Fraction(*b):
        assert rank_a == rank_b


@given(
    st.lists(st.integers(min_value=1, max_value=99), min_size=5, max_size=5, unique=True).filter(
        lambda xs: sorted(xs)[1] < 50 < sorted(xs)[2]
    ),
    shares,
    shares,
)
def test_quantifier_is_monotone_for_any_valid_thresholds(
    percents: list[int], a: tuple[int, int], b: tuple[int, int]
) -> None:
    few, minority, large, most, almost = (p / 100 for p in sorted(percents))
    limits = QuantifierThresholds(few, minority, large, most, almost)
    if Fraction(*a) > Fraction(*b):
        a, b = b, a
    rank_a = QUANTIFIER_WORDS.index(quantifier(*a, limits))
    rank_b = QUANTIFIER_WORDS.index(quantifier(*b, limits))
    assert rank_a <= rank_b


def test_shipped_file_holds_the_documented_defaults() -> None:
    assert load_thresholds() == QuantifierThresholds()
    assert load_thresholds() is load_thresholds()  # read once


def test_user_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(GOOD_FILE.replace("most = 0.75", "most = 0.80"), "utf-8")
    limits = load_thresholds(path)
    assert limits.most == 0.80
    assert quantifier(78, 100, limits) == "a large majority"


def _error_for(tmp_path: Path, text: str) -> str:
    path = tmp_path / "quantifiers.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(ConfigError) as caught:
        load_thresholds(path)
    assert isinstance(caught.value, CsratingError)
    message = str(caught.value)
    assert str(path) in message
    return message


def test_missing_key_is_named(tmp_path: Path) -> None:
    message = _error_for(tmp_path, GOOD_FILE.replace("most = 0.75\n", ""))
    assert 'key "most" is missing' in message


def test_out_of_order_thresholds_are_named(tmp_path: Path) -> None:
    message = _error_for(tmp_path, GOOD_FILE.replace("most = 0.75", "most = 0.60"))
    assert '"most"' in message
    assert '"large_majority"' in message
    assert "must rise" in message


def test_equal_thresholds_are_out_of_order(tmp_path: Path) -> None:
    message = _error_for(tmp_path, GOOD_FILE.replace("most = 0.75", "most = 0.90"))
    assert 'key "almost_all"' in message


def test_minority_must_be_below_half(tmp_path: Path) -> None:
    message = _error_for(tmp_path, GOOD_FILE.replace("minority = 0.20", "minority = 0.50"))
    assert 'key "minority"' in message
    assert "below 0.5" in message


def test_large_majority_must_be_above_half(tmp_path: Path) -> None:
    text = GOOD_FILE.replace("large_majority = 0.65", "large_majority = 0.45")
    message = _error_for(tmp_path, text)
    assert 'key "large_majority"' in message


def test_out_of_range_threshold_is_named(tmp_path: Path) -> None:
    message = _error_for(tmp_path, GOOD_FILE.replace("almost_all = 0.90", "almost_all = 90"))
    assert 'key "almost_all"' in message
    assert "between 0 and 1" in message


@pytest.mark.parametrize("value", ['"0.75"', "true", "[0.75]"])
def test_non_number_threshold_is_named(tmp_path: Path, value: str) -> None:
    message = _error_for(tmp_path, GOOD_FILE.replace("most = 0.75", f"most = {value}"))
    assert 'key "most"' in message
    assert "not a number" in message


def test_unknown_key_is_named(tmp_path: Path) -> None:
    message = _error_for(tmp_path, GOOD_FILE + "majority = 0.5\n")
    assert 'unknown key "majority"' in message


def test_invalid_toml_is_reported(tmp_path: Path) -> None:
    assert "not valid TOML" in _error_for(tmp_path, "few = = 0.1\n")


def test_missing_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "absent.toml"
    with pytest.raises(ConfigError, match="cannot read"):
        load_thresholds(path)


def test_thresholds_built_in_code_are_checked() -> None:
    with pytest.raises(ConfigError, match='key "most"'):
        QuantifierThresholds(most=0.6)
    with pytest.raises(ConfigError, match='key "few"'):
        QuantifierThresholds(few=0.0)


def test_thresholds_are_frozen() -> None:
    limits = QuantifierThresholds()
    with pytest.raises(AttributeError):
        limits.most = 0.8  # type: ignore[misc]
