"""Rounding as publications do it: half up, in decimal, never banker's rounding."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def round_half_up(value: float, places: int = 0) -> float:
    """Round ``value`` to ``places`` decimal places, halves away from zero.

    The value is read through its shortest decimal form, so ``2.675`` rounds to ``2.68``
    even though the binary float lies just below it.

    Args:
        value: the number to round.
        places: decimal places to keep (0 or more).

    Returns:
        The rounded number.
    """
    step = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP))


def percentage_half_up(count: int, total: int) -> int:
    """Return ``count`` as a whole percentage of ``total``, halves rounded up.

    Args:
        count: the part (0 or more).
        total: the whole (more than 0).

    Returns:
        The percentage, e.g. 13 for 1 of 8 (12.5%).
    """
    exact = Decimal(100 * count) / Decimal(total)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
