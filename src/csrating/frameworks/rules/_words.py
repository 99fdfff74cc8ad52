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
    (``f"{round_half_up(value, places):.{places}f}"``), which reads the value through
    its shortest decimal form (``repr``) so that 62.25 rounds to 62.3. Plain formatting
    rounds the binary value instead, and gives the same text except where that form
    ends in a 5 just past ``places`` (a tie in decimal): only those, and forms written
    with an exponent, go through :class:`decimal.Decimal`. Every council's explanation
    words a score and some twenty shares; this is several times as fast.
    """
    fraction = repr(value).partition(".")[2]
    if not fraction.isdigit() or (len(fraction) == places + 1 and fraction[-1] == "5"):
        return f"{round_half_up(value, places):.{places}f}"
    return f"{value:.{places}f}"


def rating_phrase(rating: CouncilRating) -> str:
    """Name a rating with its grade: "performs well (grade 3)"."""
    return f"{rating.label} (grade {rating.value})"
