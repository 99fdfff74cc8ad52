"""Tidy a phrase into a sentence: capital first letter, closing full stop."""

from __future__ import annotations

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
