"""Joining a quantifier to its noun."""

from __future__ import annotations

import pytest

from csrating.letters.wording import quantified


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("all", "all settings"),
        ("almost all", "almost all settings"),
        ("most", "most settings"),
        ("a large majority", "a large majority of settings"),
        ("the majority", "the majority of settings"),
        ("half", "half of the settings"),
        ("a minority", "a minority of settings"),
        ("a few", "a few settings"),
        ("very few", "very few settings"),
        ("none", "none of the settings"),
    ],
)
def test_quantified(word: str, expected: str) -> None:
    assert quantified(word, "settings") == expected
