"""Say what part of a set of settings has a property, with the verb that agrees.

:func:`share_of` is the one way a letter names "some of the special schools": it picks
the shape by the size of the set, so the letter never says "all of school sixth forms",
"all of the three colleges" or "over three quarters of the two special schools".

=====================  ==============================================  ========
count of total         phrase                                          verb
=====================  ==============================================  ========
1 of 1                 "the pupil referral unit"                       singular
0 of 1                 "no pupil referral unit"                        singular
2 of 2                 "both pupil referral units"                     plural
n of n                 "all nine pupil referral units", "all 12 …"     plural
0 of n                 "none of the nine pupil referral units"         singular
k of n, n up to 10     "two of the nine pupil referral units"          by k
k of n, n above 10     "two thirds of the 23 special schools",         plural
                       "almost all of the 40 …" (see :func:`proportion`)
=====================  ==============================================  ========

Counts follow the house rule (:func:`csrating.formatting.count_text`): words for zero
to nine, figures from 10, words at the start of a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from csrating.formatting import capitalise as capitalise_first
from csrating.formatting import count_text
from csrating.letters.wording.fractions import fraction_phrase
from csrating.letters.wording.quantifiers import quantified, quantifier

FRACTION_RANGE = (Fraction(1, 5), Fraction(4, 5))
"""Shares from a fifth to four fifths read as a fraction ("just over half"); beyond them
as a quantifier ("almost all", "very few"), which reads better far from every fraction."""

_WITHOUT_OF = frozenset({"almost all", "most", "a few", "very few"})
"""Quantifiers that take a bare noun ("most secondary schools", not "most of")."""

SMALL_SET = 10
"""Up to this many, a share is given as a count ("two of the nine"), above it as a
fraction ("two thirds of the 23")."""


@dataclass(frozen=True)
class Share:
    """A phrase naming part of a set, and whether a verb after it is plural."""

    phrase: str
    plural: bool

    def verb(self, singular: str, plural: str) -> str:
        """Return the verb form that agrees with the phrase: ``share.verb("is", "are")``."""
        return plural if self.plural else singular

    def __str__(self) -> str:
        return self.phrase


def proportion(count: int, total: int) -> str:
    """Describe ``count`` of ``total`` as a fraction or, far from every fraction, a
    quantifier: "just over half", "two thirds", "almost all", "very few", "all", "none".

    Args:
        count: The part (0 to ``total``).
        total: The whole; must be positive.

    Returns:
        A lower-case phrase (see :data:`FRACTION_RANGE`).

    Raises:
        ValueError: When ``total`` is not positive or ``count`` is outside 0..``total``.
    """
    low, high = FRACTION_RANGE
    if 0 < count < total and not low <= Fraction(count, total) <= high:
        return quantifier(count, total)
    return fraction_phrase(count, total)


def counted(n: int, singular: str, plural: str, *, capitalise: bool = False) -> str:
    """Write a count with its noun in agreement: "one pupil referral unit", "23 special
    schools", "no special schools".

    Args:
        n: The count (0 or more).
        singular: The noun for one, e.g. ``"pupil referral unit"``.
        plural: The noun for any other number, e.g. ``"pupil referral units"``.
        capitalise: Start with a capital letter (then the count is in words).

    Returns:
        The count and the noun, by the house rule for numbers.
    """
    if n == 0:
        text = f"no {plural}"
        return capitalise_first(text) if capitalise else text
    noun = singular if n == 1 else plural
    return f"{count_text(n, capitalise=capitalise)} {noun}"


def share_of(
    count: int,
    total: int,
    singular: str,
    plural: str,
    *,
    capitalise: bool = False,
    with_total: bool = True,
) -> Share:
    """Name ``count`` of ``total`` settings of one type (the table in the module docstring).

    Args:
        count: How many have the property (0 to ``total``).
        total: How many there are; must be positive.
        singular: The setting type, singular ("special school").
        plural: The setting type, plural ("special schools").
        capitalise: Start with a capital letter, as at the start of a sentence.
        with_total: Name the total in the fraction shape ("two thirds of the 23 special
            schools"); without it, "two thirds of special schools".

    Returns:
        The phrase and its number, e.g. ``Share("two of the nine pupil referral units",
        plural=True)``.

    Raises:
        ValueError: When ``total`` is not positive or ``count`` is outside 0..``total``.
    """
    if total <= 0:
        raise ValueError(f"total must be positive to describe a share, got {total}")
    if not 0 <= count <= total:
        raise ValueError(f"count must be between 0 and total ({total}), got {count}")
    if total == 1:
        share = Share(f"the {singular}" if count else f"no {singular}", plural=False)
    elif count == total == 2:
        share = Share(f"both {plural}", plural=True)
    elif count == total:
        share = Share(f"all {count_text(total)} {plural}", plural=True)
    elif count == 0:
        share = Share(f"none of the {count_text(total)} {plural}", plural=False)
    elif total <= SMALL_SET:
        share = Share(
            f"{count_text(count, capitalise=capitalise)} of the {count_text(total)} {plural}",
            plural=count != 1,
        )
    else:
        part = proportion(count, total)
        if with_total:
            share = Share(f"{part} of the {count_text(total)} {plural}", plural=True)
        elif part in _WITHOUT_OF:
            share = Share(quantified(part, plural), plural=True)  # "a few secondary schools"
        else:
            share = Share(f"{part} of {plural}", plural=True)
    if capitalise:
        return Share(capitalise_first(share.phrase), share.plural)
    return share
