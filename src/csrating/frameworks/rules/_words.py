"""Small wording helpers the rule kinds' explainers share."""

from __future__ import annotations

from csrating.formatting import count_text, noun_for, round_half_up
from csrating.scales import CouncilRating


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """Write a count with its noun in agreement: "no settings", "one setting", "nine
    indicators"."""
    return f"{count_text(n) if n else 'no'} {noun_for(n, noun, plural)}"


def percent_1dp(value: float) -> str:
    """Write a share to one decimal place, half up, without a trailing ".0": "69.8%"."""
    return f"{half_up(value, 1).removesuffix('.0')}%"


def score(value: float) -> str:
    """Write a score to two decimal places, half up: "2.35"."""
    return half_up(value, 2)


def half_up(value: float, places: int) -> str:
    """Write ``value`` to ``places`` decimal places (1 or more), halves away from zero.

    The text :func:`~csrating.formatting.round_half_up` gives formatted to ``places``
    (``f"{round_half_up(value, places):.{places}f}"``), worked out on the digits of the
    value's shortest decimal form rather than through :class:`decimal.Decimal`: every
    council's explanation words a score and some twenty shares, and this is four times
    as fast. Figures written with an exponent (and infinities) take the long way.
    """
    text = repr(value)
    whole, _, fraction = text.partition(".")
    digits = whole.removeprefix("-")
    if not (digits.isdigit() and fraction.isdigit()):
        return f"{round_half_up(value, places):.{places}f}"
    if len(fraction) <= places:
        return f"{whole}.{fraction.ljust(places, '0')}"
    kept = int(digits + fraction[:places]) + (fraction[places] >= "5")
    units, rest = divmod(kept, 10**places)
    sign = "-" if whole.startswith("-") else ""
    return f"{sign}{units}.{rest:0{places}d}"


def rating_phrase(rating: CouncilRating) -> str:
    """Name a rating with its grade: "performs well (grade 3)"."""
    return f"{rating.label} (grade {rating.value})"
