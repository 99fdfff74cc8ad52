"""How a letter would change: its passages before and after, compared word by word.

Both letters are read into the renderer's block model, so the comparison is of the text a
reader sees (a table row reads "Children's services rating: Performs well (3)"), never of
Markdown syntax. Passages are matched in order; a changed passage shows its words taken
out and put in.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

from csrating.letters.render import (
    BulletList,
    Heading,
    Paragraph,
    Table,
    parse_markdown,
    plain_text,
)

__all__ = ["Change", "Piece", "letter_changes", "passages"]


@dataclass(frozen=True)
class Piece:
    """A run of words: kept, taken out or put in."""

    kind: Literal["same", "removed", "added"]
    text: str


@dataclass(frozen=True)
class Change:
    """One passage that differs: a changed one (pieces of both), or one only on one side."""

    kind: Literal["changed", "removed", "added"]
    pieces: tuple[Piece, ...]


def passages(markdown: str) -> list[str]:
    """Return the letter's passages as plain text, in reading order."""
    out: list[str] = []
    for block in parse_markdown(markdown):
        if isinstance(block, Heading):
            out.append(plain_text(block.inlines))
        elif isinstance(block, Paragraph):
            out.append(" ".join(plain_text(line) for line in block.lines))
        elif isinstance(block, BulletList):
            out.extend(" ".join(plain_text(line) for line in item) for item in block.items)
        elif isinstance(block, Table):
            for row in block.rows:
                cells = [plain_text(cell) for cell in row]
                out.append(": ".join(cell for cell in cells if cell))
    return [text.strip() for text in out if text.strip()]


def letter_changes(before: str, after: str) -> list[Change]:
    """Return the passages that differ between two letters (Markdown), in reading order."""
    old, new = passages(before), passages(after)
    changes: list[Change] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        removed, added = old[i1:i2], new[j1:j2]
        paired = min(len(removed), len(added)) if tag == "replace" else 0
        for a, b in zip(removed[:paired], added[:paired], strict=True):
            changes.append(Change("changed", _words(a, b)))
        changes.extend(Change("removed", (Piece("removed", a),)) for a in removed[paired:])
        changes.extend(Change("added", (Piece("added", b),)) for b in added[paired:])
    return changes


def _words(before: str, after: str) -> tuple[Piece, ...]:
    old, new = before.split(), after.split()
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(Piece("same", " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("removed", " ".join(old[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("added", " ".join(new[j1:j2])))
    return tuple(pieces)
