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
    text = f"{round_half_up(value, 1):.1f}".removesuffix(".0")
    return f"{text}%"


def score(value: float) -> str:
    """Write a score to two decimal places, half up: "2.35"."""
    return f"{round_half_up(value, 2):.2f}"


def rating_phrase(rating: CouncilRating) -> str:
    """Name a rating with its grade: "performs well (grade 3)"."""
    return f"{rating.label} (grade {rating.value})"
