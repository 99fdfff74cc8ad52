"""Describe a share as a simple fraction: "two thirds", "just over half", "nearly a third".

The rules, applied to the exact share ``count / total``:

1. ``count == 0`` is "none" and ``count == total`` is "all".
2. Find the nearest of the named fractions a quarter, a third, half, two thirds and three
   quarters. A share exactly midway between two goes to the lower one (so the phrase
   says "over", which is then true).
3. The share *is* that fraction ("two thirds") when the count is as close to it as the
   total allows (``count`` is strictly within half a unit of ``fraction × total``) and
   the share is within 0.02 of it. So 114 of 171 and 19 of 29 are "two thirds", while
   6 of 13 is not "half" (13 cannot be halved).
4. Otherwise, with ``gap = share - fraction``:

   ==========================  ===============
   gap                         phrase
   ==========================  ===============
   above 0, up to +0.05        "just over …"
   above +0.05                 "over …"
   below 0, down to -0.02      "just under …"
   below -0.02, down to -0.05  "nearly …"
   below -0.05                 "under …"
   ==========================  ===============

So 39 of 73 (0.534) is "just over half" and 6 of 13 (0.462) is "nearly half". Every
phrase is literally true: "over" only above the fraction, "under"/"nearly" only below.
Shares far from every fraction (under about 0.2 or over about 0.8) read better as a
quantifier (:func:`csrating.letters.wording.quantifier`).
"""

from __future__ import annotations

from fractions import Fraction

_NAMED: tuple[tuple[Fraction, str], ...] = (
    (Fraction(1, 4), "a quarter"),
    (Fraction(1, 3), "a third"),
    (Fraction(1, 2), "half"),
    (Fraction(2, 3), "two thirds"),
    (Fraction(3, 4), "three quarters"),
)
_EXACT_GAP = Fraction(1, 50)
_JUST_UNDER_GAP = Fraction(1, 50)
_NEAR_GAP = Fraction(1, 20)
_HALF_UNIT = Fraction(1, 2)


def nearest_fraction(count: int, total: int) -> tuple[Fraction, str]:
    """Return the named fraction nearest to ``count / total`` (ties go to the lower).

    Args:
        count: The part (0 to ``total``).
        total: The whole; must be positive.

    Returns:
        The fraction and its name, e.g. ``(Fraction(2, 3), "two thirds")``.

    Raises:
        ValueError: When ``total`` is not positive or ``count`` is outside 0..``total``.
    """
    _check(count, total)
    share = Fraction(count, total)
    return min(_NAMED, key=lambda named: abs(share - named[0]))


def fraction_phrase(count: int, total: int) -> str:
    """Return the natural fraction phrase for ``count`` out of ``total``.

    Args:
        count: The part (0 to ``total``).
        total: The whole; must be positive.

    Returns:
        A lower-case phrase such as ``"two thirds"``, ``"just over half"``,
        ``"nearly a third"``, ``"all"`` or ``"none"`` (rules in the module docstring).

    Raises:
        ValueError: When ``total`` is not positive or ``count`` is outside 0..``total``.
    """
    fraction, name = nearest_fraction(count, total)
    if count == 0:
        return "none"
    if count == total:
        return "all"
    share = Fraction(count, total)
    gap = share - fraction
    if abs(count - fraction * total) < _HALF_UNIT and abs(gap) <= _EXACT_GAP:
        return name
    if gap > 0:
        return f"just over {name}" if gap <= _NEAR_GAP else f"over {name}"
    if -gap <= _JUST_UNDER_GAP:
        return f"just under {name}"
    if -gap <= _NEAR_GAP:
        return f"nearly {name}"
    return f"under {name}"


def _check(count: int, total: int) -> None:
    if total <= 0:
        raise ValueError(f"total must be positive to describe a share, got {total}")
    if not 0 <= count <= total:
        raise ValueError(f"count must be between 0 and total ({total}), got {count}")
