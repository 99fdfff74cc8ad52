"""Format figures, dates and words for people: the one place csrating does it.

Every surface (letters, the published site, workbooks, the web application, the command
line) shows a figure through these functions, so the same figure reads the same on all
of them. Everything is pure and independent of the system locale.

* rounding as publications do it: :func:`round_half_up`, :func:`percentage_half_up`;
* figures: :func:`percent` ("63%"), :func:`figure` ("1,204.5"), :data:`NO_DATA`,
  :data:`NOT_APPLICABLE`;
* grades: :func:`grade_text` ("good (2)");
* dates: :func:`long_date` ("9 December 2009"), :func:`month_year`, :func:`long_time`;
* comparisons: :func:`comparison_word` ("better", "in line", "worse"), :func:`trend_word`;
* numbers in words, British style: :func:`number_words` ("one hundred and five"),
  :func:`count_words` (words when small, figures when large), :func:`count_text` (the
  house rule for running text: words for zero to nine, figures from 10),
  :func:`ordinal_words`;
* sentences: :func:`capitalise`, :func:`sentence`.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from csrating.profile.comparison import Comparison, Trend
from csrating.scales import InspectionGrade

NO_DATA = "no data"
"""What a cell says where there is no figure."""

NOT_APPLICABLE = "not applicable"
"""What a cell says where no figure could apply (the date of a count of reviews)."""

LONDON = ZoneInfo("Europe/London")
"""Publication times are stated in UK time."""

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


# Rounding and figures -------------------------------------------------------------------


def round_half_up(value: float, places: int = 0) -> float:
    """Round ``value`` to ``places`` decimal places, halves away from zero.

    The value is read through its shortest decimal form, so ``2.675`` rounds to ``2.68``
    even though the binary float lies just below it, and ``62.5`` rounds to ``63``.

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


def figure(value: float | None, places: int = 0, *, unit: str = "", missing: str = NO_DATA) -> str:
    """Write a figure rounded half up with thousands separators, e.g. ``"1,204.5"``.

    Args:
        value: the figure, or ``None``.
        places: decimal places to show.
        unit: ``"%"`` (or ``"percent"``) to end the figure with a per cent sign.
        missing: what to write when there is no figure.
    """
    if value is None:
        return missing
    text = f"{round_half_up(value, places):,.{places}f}"
    return text + ("%" if unit in ("%", "percent") else "")


def percent(value: float | None, places: int = 0, *, missing: str = NO_DATA) -> str:
    """Write a percentage rounded half up, e.g. ``"63%"`` for 62.5."""
    return figure(value, places, unit="%", missing=missing)


# Grades ---------------------------------------------------------------------------------


def grade_text(grade: InspectionGrade | None, *, missing: str = NO_DATA) -> str:
    """Write an inspection grade as its word and its number, e.g. ``"good (2)"``.

    Args:
        grade: the grade, or ``None``.
        missing: what to write when there is no grade.

    Returns:
        The word first (what people read), then the number (the scale runs from 1
        outstanding to 4 inadequate, the reverse of a rating's).
    """
    return missing if grade is None else f"{grade.word} ({grade.value})"


# Dates ----------------------------------------------------------------------------------


def long_date(d: dt.date) -> str:
    """Write a date in full, day first, without a leading zero or ordinal suffix.

    Args:
        d: The date (a :class:`datetime.datetime` is treated as its date).

    Returns:
        The date, e.g. ``"9 December 2009"``; independent of the system locale.
    """
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def month_year(d: dt.date) -> str:
    """Write the month and year of a date, e.g. ``"May 2009"``."""
    return f"{_MONTHS[d.month - 1]} {d.year}"


def long_time(value: dt.datetime) -> str:
    """Write a moment in UK time, e.g. ``"00:01 on 9 December 2009"``.

    A naive time is taken to be UTC.
    """
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    local = value.astimezone(LONDON)
    return f"{local:%H:%M} on {long_date(local.date())}"


# Comparisons ----------------------------------------------------------------------------

_COMPARISON_WORDS = {
    Comparison.ABOVE: "better",
    Comparison.IN_LINE: "in line",
    Comparison.BELOW: "worse",
}
_TREND_WORDS = {Trend.IMPROVING: "improving", Trend.STABLE: "stable", Trend.DECLINING: "declining"}


def comparison_word(value: Comparison | None, *, missing: str = NO_DATA) -> str:
    """Say how a figure compares: ``"better"``, ``"in line"`` or ``"worse"``."""
    return missing if value is None else _COMPARISON_WORDS[value]


def trend_word(value: Trend | None, *, missing: str = NO_DATA) -> str:
    """Say how a figure moved: ``"improving"``, ``"stable"`` or ``"declining"``."""
    return missing if value is None else _TREND_WORDS[value]


# Numbers in words -----------------------------------------------------------------------

_UNITS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SCALES = ((1_000_000, "million"), (1_000, "thousand"))
_LIMIT = 1_000_000_000
_ORDINAL_ENDINGS = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}


def _check(n: int) -> None:
    if n < 0:
        raise ValueError(f"cannot write a negative number in words, got {n}")
    if n >= _LIMIT:
        raise ValueError(f"cannot write numbers of a billion or more in words, got {n}")


def _below_hundred(n: int) -> str:
    if n < 20:
        return _UNITS[n]
    tens, units = divmod(n, 10)
    return _TENS[tens] if units == 0 else f"{_TENS[tens]}-{_UNITS[units]}"


def _below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    if hundreds == 0:
        return _below_hundred(rest)
    head = f"{_UNITS[hundreds]} hundred"
    return head if rest == 0 else f"{head} and {_below_hundred(rest)}"


def number_words(n: int) -> str:
    """Spell out a whole number in British English.

    Args:
        n: A number from 0 to 999,999,999.

    Returns:
        The number in words, e.g. ``"one hundred and five"`` or ``"forty-two"``.

    Raises:
        ValueError: When ``n`` is negative or a billion or more.
    """
    _check(n)
    if n < 1000:
        return _below_thousand(n)
    parts: list[str] = []
    rest = n
    for size, name in _SCALES:
        group, rest = divmod(rest, size)
        if group:
            parts.append(f"{_below_thousand(group)} {name}")
    if rest:
        # British usage: "one thousand and five", but "one thousand one hundred and five".
        parts.append(f"and {_below_hundred(rest)}" if rest < 100 else _below_thousand(rest))
    return " ".join(parts)


def count_words(n: int, *, capitalise: bool = False, words_up_to: int = 100) -> str:
    """Write a count for running text: words when small, figures when large.

    Args:
        n: The count (0 or more).
        capitalise: Start with a capital letter, as at the start of a sentence. A
            sentence must not begin with a figure, so the count is then always in words.
        words_up_to: The largest count written in words; larger counts are figures
            with thousands separators ("152", "1,204").

    Returns:
        The count as text, e.g. ``"nine"``, ``"152"`` or ``"Two"``.

    Raises:
        ValueError: When ``n`` is negative, or capitalised and a billion or more.
    """
    if n < 0:
        raise ValueError(f"a count cannot be negative, got {n}")
    if capitalise:
        words = number_words(n)
        return words[0].upper() + words[1:]
    if n <= words_up_to:
        return number_words(n)
    return f"{n:,}"


WORDS_UP_TO = 9
"""The house rule for counts in running text: words up to nine, figures from 10."""


def count_text(n: int, *, capitalise: bool = False) -> str:
    """Write a count for running text by the house rule (:data:`WORDS_UP_TO`).

    Zero to nine are words, 10 and above are figures ("nine", "10", "1,204"); a count
    that starts a sentence (``capitalise``) is always in words, since a sentence never
    starts with a figure.

    Args:
        n: The count (0 or more).
        capitalise: Start with a capital letter, as at the start of a sentence.

    Returns:
        The count as text, e.g. ``"nine"``, ``"23"`` or ``"Twelve"``.

    Raises:
        ValueError: When ``n`` is negative.
    """
    return count_words(n, capitalise=capitalise, words_up_to=WORDS_UP_TO)


def noun_for(n: int, singular: str, plural: str | None = None) -> str:
    """Choose the form of a noun that agrees with a count: "1 inspection", "2 inspections".

    Args:
        n: How many there are; only exactly 1 takes the singular.
        singular: The singular form.
        plural: The plural form, when it is not ``singular`` plus "s".

    Returns:
        ``singular`` when ``n == 1``, else the plural.
    """
    return singular if n == 1 else (plural or f"{singular}s")


def ordinal_words(n: int) -> str:
    """Spell out an ordinal number in British English.

    Args:
        n: A number from 0 to 999,999,999.

    Returns:
        The ordinal in words, e.g. ``"first"``, ``"twenty-second"``, ``"one hundredth"``.

    Raises:
        ValueError: When ``n`` is negative or a billion or more.
    """
    words = number_words(n)
    cut = max(words.rfind(" "), words.rfind("-")) + 1
    head, last = words[:cut], words[cut:]
    if last in _ORDINAL_ENDINGS:
        return head + _ORDINAL_ENDINGS[last]
    if last.endswith("y"):
        return head + last[:-1] + "ieth"
    return head + last + "th"


# Sentences ------------------------------------------------------------------------------

_OPENERS = "\"'‘“(*_["
_CLOSERS = ".!?"
_TRAILING_QUOTES = "\"'’”)*_]"


def capitalise(text: str) -> str:
    """Capitalise the first letter of ``text``, leaving the rest as it is.

    Unlike :meth:`str.capitalize`, this never lower-cases later letters ("Ofsted" and
    "*Every Child Matters*" keep their capitals). Leading quotes, brackets and Markdown
    emphasis are skipped.

    Args:
        text: The phrase.

    Returns:
        The phrase with its first letter in upper case.
    """
    start = 0
    while start < len(text) and text[start] in _OPENERS:
        start += 1
    if start >= len(text):
        return text
    return text[:start] + text[start].upper() + text[start + 1 :]


def sentence(text: str) -> str:
    """Make a phrase a sentence: capital first letter and a closing full stop.

    Args:
        text: The phrase; surrounding white space is removed.

    Returns:
        The sentence, e.g. ``"Two of the nine units are good."``. A phrase already ending
        in ``.``, ``!`` or ``?`` (before any closing quote or bracket) gets no second
        stop. An empty phrase gives ``""``.
    """
    text = text.strip()
    if not text:
        return ""
    text = capitalise(text)
    bare = text.rstrip(_TRAILING_QUOTES)
    if bare and bare[-1] in _CLOSERS:
        return text
    return text + "."
