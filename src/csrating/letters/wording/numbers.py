"""Write whole numbers in words, British style.

* :func:`number_words` spells any number from 0 to 999,999,999: "twenty-one",
  "one hundred and five", "one thousand and twelve" (British "and" before the last part
  under a hundred; hyphens between tens and units).
* :func:`count_words` is what running text uses: words up to a cut-off (100 by default)
  and figures above it ("152", "1,204"); a sentence never starts with a figure, so a
  capitalised count is always in words.
* :func:`ordinal_words` gives "first", "twenty-second", "one hundredth".
"""

from __future__ import annotations

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
