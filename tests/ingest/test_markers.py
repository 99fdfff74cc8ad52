"""Markers published in place of numbers become blank values with reasons."""

from __future__ import annotations

import polars as pl
import pytest

from csrating.ingest.markers import (
    MARKERS,
    NOT_APPLICABLE,
    NOT_AVAILABLE,
    SUPPRESSED,
    marker_reason,
    read_numbers,
)


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("-", SUPPRESSED),
        ("c", SUPPRESSED),
        ("C", SUPPRESSED),
        ("[c]", SUPPRESSED),
        (" x ", NOT_AVAILABLE),
        ("[x]", NOT_AVAILABLE),
        ("..", NOT_AVAILABLE),
        (":", NOT_AVAILABLE),
        ("z", NOT_APPLICABLE),
        ("[z]", NOT_APPLICABLE),
        ("u", "low reliability"),
        ("low", "rounds to zero"),
        ("~", "rounds to zero"),
    ],
)
def test_markers_and_their_reasons(cell: str, reason: str) -> None:
    assert marker_reason(cell) == reason


@pytest.mark.parametrize("cell", ["", "lots", "0", "[]", "n/a", "--", "xx"])
def test_not_markers(cell: str) -> None:
    assert marker_reason(cell) is None


def test_every_reason_is_lower_case_words() -> None:
    assert all(reason == reason.lower() and reason.strip() for reason in MARKERS.values())


def test_read_numbers_splits_values_reasons_and_the_unreadable() -> None:
    cells = pl.Series("v", ["73.5", "-", "c", None, "", " 12 ", "lots", "1e3", "nan", "x"])
    read = read_numbers(cells)
    assert read.values.to_list() == [73.5, None, None, None, None, 12.0, None, 1000.0, None, None]
    assert read.reasons.to_list() == [
        None,
        SUPPRESSED,
        SUPPRESSED,
        None,
        None,
        None,
        None,
        None,
        None,
        NOT_AVAILABLE,
    ]
    assert read.unreadable.to_list() == [
        False,
        False,
        False,
        False,
        False,
        False,
        True,
        False,
        True,
        False,
    ]
