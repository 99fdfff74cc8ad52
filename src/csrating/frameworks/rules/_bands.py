"""Shared helpers: turning a figure into a band by ascending cut-offs."""

from __future__ import annotations

from collections.abc import Sequence


def band_from(value: float, cutoffs: Sequence[float]) -> int:
    """Return 1 plus the number of ``cutoffs`` that ``value`` reaches (1-4 for three)."""
    band = 1
    for cutoff in cutoffs:
        if value >= cutoff - 1e-9:
            band += 1
    return band


def check_ascending(values: Sequence[float]) -> Sequence[float]:
    """Return ``values`` if they are three ascending cut-offs, else raise ValueError."""
    if len(values) != 3 or any(b <= a for a, b in zip(values, values[1:], strict=False)):
        raise ValueError("must be three cut-offs in ascending order")
    return values
