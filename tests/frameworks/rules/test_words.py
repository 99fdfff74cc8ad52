"""The explainers' wording helpers: shares and scores rounded half up."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csrating.formatting import round_half_up
from csrating.frameworks.rules._words import half_up, percent_1dp, score


def _by_decimal(value: float, places: int) -> str:
    return f"{round_half_up(value, places):.{places}f}"


@given(st.floats(allow_nan=False, allow_infinity=True), st.integers(1, 3))
def test_half_up_writes_what_round_half_up_gives(value: float, places: int) -> None:
    try:
        expected = _by_decimal(value, places)
    except ArithmeticError:  # too many digits for the decimal context: refused alike
        with pytest.raises(ArithmeticError):
            half_up(value, places)
        return
    assert half_up(value, places) == expected


@given(st.integers(-100_000, 100_000), st.integers(0, 999), st.integers(1, 3))
def test_half_up_on_decimal_steps_and_halves(whole: int, thousandths: int, places: int) -> None:
    value = float(f"{whole}.{thousandths:03d}")
    assert half_up(value, places) == _by_decimal(value, places)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (69.84, "69.8%"),
        (69.85, "69.9%"),
        (62.25, "62.3%"),
        (99.95, "100%"),
        (70.0, "70%"),
        (0.0, "0%"),
        (-0.04, "-0%"),
        (1e-7, "0%"),
        (100.0, "100%"),
    ],
)
def test_percent_1dp(value: float, expected: str) -> None:
    assert percent_1dp(value) == expected
    assert percent_1dp(value) == f"{_by_decimal(value, 1).removesuffix('.0')}%"


@pytest.mark.parametrize(("value", "expected"), [(2.675, "2.68"), (2.0, "2.00"), (3.125, "3.13")])
def test_score(value: float, expected: str) -> None:
    assert score(value) == expected


def test_long_way_for_what_has_an_exponent() -> None:
    assert half_up(1.5e-5, 2) == "0.00"
    assert half_up(1e20, 1) == _by_decimal(1e20, 1)
    with pytest.raises(ArithmeticError):  # as round_half_up refuses it
        half_up(math.inf, 1)
