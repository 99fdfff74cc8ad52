"""The shared formatting helpers every surface uses."""

from __future__ import annotations

import pytest

from csrating.formatting import noun_for


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "inspections"), (1, "inspection"), (2, "inspections"), (1204, "inspections")],
)
def test_a_noun_agrees_with_its_count(count: int, expected: str) -> None:
    assert noun_for(count, "inspection") == expected


def test_an_irregular_plural_is_given() -> None:
    assert noun_for(3, "child", "children") == "children"
    assert noun_for(1, "child", "children") == "child"
