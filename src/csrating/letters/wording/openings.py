"""How a sentence opens, so a letter never opens two sentences in a row alike.

A sentence's *opening* is its first three words, lower case, without punctuation or
Markdown emphasis: "The indicators for being healthy …" opens "the indicators for".
"""

from __future__ import annotations

import re

OPENING_WORDS = 3
"""How many words make a sentence's opening."""

_BOUNDARY = re.compile(r"(?<=[.!?])[\"'’”)*_]*\s+(?=[A-Z0-9\"'‘“(*])")
_WORD = re.compile(r"[a-z0-9][a-z0-9'’-]*")


def split_sentences(text: str) -> list[str]:
    """Split running text into sentences (at a full stop, question or exclamation mark
    followed by a capital letter, a figure or an opening quote).

    Args:
        text: One or more sentences.

    Returns:
        The sentences, stripped, in order; none for blank text.
    """
    return [part.strip() for part in _BOUNDARY.split(text.strip()) if part.strip()]


def sentence_opening(sentence: str, size: int = OPENING_WORDS) -> str:
    """Return the first ``size`` words of a sentence, lower case.

    Args:
        sentence: The sentence.
        size: How many words to keep.

    Returns:
        For example ``"the indicators for"``.
    """
    return " ".join(_WORD.findall(sentence.lower().replace("*", ""))[:size])
