"""Word a letter's statements into paragraphs, never opening two sentences alike.

Each statement is worded by its macro in ``statements.md.j2`` (a user's replacement
first). Where a statement would open like the sentence before it (in this paragraph or
the one before), its next form is used (``Statement.forms``): "Two of the four special
schools …" after "Two of the nine pupil referral units …" becomes "Of the four special
schools, two …". A form whose opening the paragraph has not used yet is preferred, so a
paragraph does not repeat a sentence frame either.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from csrating.letters.environment import call_macro, template_macros
from csrating.letters.rating_statements import Statement
from csrating.letters.wording.openings import sentence_opening, split_sentences

STATEMENTS_TEMPLATE = "statements.md.j2"
"""The template whose macros word each kind of statement."""


def word_paragraphs(
    groups: Sequence[Sequence[Statement]],
    templates: Path | None = None,
    *,
    after: str = "",
) -> list[str]:
    """Word each group of statements as one paragraph.

    Args:
        groups: The statements of each paragraph, in order; an empty group gives no
            paragraph.
        templates: A folder of replacement templates, searched first.
        after: The sentence that comes before the first paragraph (its opening counts).

    Returns:
        The paragraphs' text, one string per non-empty group.

    Raises:
        RenderError: the statements template is missing a macro or a fact.
    """
    module = template_macros(STATEMENTS_TEMPLATE, templates)
    previous = split_sentences(after)[-1] if after.strip() else ""
    paragraphs = []
    for group in groups:
        texts: list[str] = []
        used: set[str] = set()  # openings already used in this paragraph
        for statement in group:
            text = _choose(module, statement, previous, used)
            if not text:
                continue
            texts.append(text)
            sentences = split_sentences(text)
            used |= {sentence_opening(s) for s in sentences}
            previous = sentences[-1]
        if texts:
            paragraphs.append(" ".join(texts))
    return paragraphs


def _choose(module: object, statement: Statement, previous: str, used: set[str]) -> str:
    """Word a statement in its first form whose opening differs from the sentence before
    (required) and from the paragraph's earlier sentences (preferred)."""
    forms = [_word(module, statement, form) for form in range(statement.forms)]
    before = sentence_opening(previous) if previous else None

    def opening(text: str) -> str:
        sentences = split_sentences(text)
        return sentence_opening(sentences[0]) if sentences else ""

    fresh = [t for t in forms if opening(t) != before and opening(t) not in used]
    differs = [t for t in forms if opening(t) != before]
    return (fresh or differs or forms)[0]


def _word(module: object, statement: Statement, form: int) -> str:
    facts = {**statement.facts, "form": form}
    return call_macro(module, statement.kind, STATEMENTS_TEMPLATE, facts).strip()
