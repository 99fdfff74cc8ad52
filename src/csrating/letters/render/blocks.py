"""The block model: what a letter's Markdown means, independent of any output format.

:func:`csrating.letters.render.parse_markdown` turns the letter Markdown subset into a
tuple of these values, and every renderer (HTML, PDF and DOCX) works from them alone, so
the formats cannot drift apart.

Text is a :data:`Line`: a tuple of :class:`Span` values, each a run of plain text that is
bold, italic, both or neither. A paragraph holds several lines when the Markdown used hard
line breaks (address blocks); a table cell, heading or caption is a single line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

Align: TypeAlias = Literal["left", "centre", "right"] | None
"""How a table column is aligned (``|:---|``, ``|:---:|``, ``|---:|``); ``None`` if unset."""


@dataclass(frozen=True)
class Span:
    """A run of text with one emphasis: ``**bold**``, ``*italic*``, both or neither.

    ``text`` is plain text exactly as it should be read; renderers escape it themselves.
    """

    text: str
    bold: bool = False
    italic: bool = False


Line: TypeAlias = tuple[Span, ...]
"""One line of inline text: the spans between two hard line breaks."""


@dataclass(frozen=True)
class Heading:
    """An ATX heading, ``#`` (level 1) to ``###`` (level 3)."""

    level: int
    inlines: Line

    def __post_init__(self) -> None:
        if not 1 <= self.level <= 3:
            raise ValueError(f"heading level must be 1, 2 or 3, not {self.level}")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; more than one line when the Markdown used hard line breaks."""

    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Table:
    """A pipe table: a header row, body rows of the same width, and an optional caption.

    The caption comes from a paragraph of bold text alone immediately before the table in
    the Markdown; its spans are stored without the bold, which renderers add by style.
    """

    header: tuple[Line, ...]
    rows: tuple[tuple[Line, ...], ...]
    align: tuple[Align, ...] = ()
    caption: Line | None = None

    def __post_init__(self) -> None:
        width = len(self.header)
        for number, row in enumerate(self.rows, start=1):
            if len(row) != width:
                raise ValueError(f"table row {number} has {len(row)} cells, not {width}")
        if self.align and len(self.align) != width:
            raise ValueError(f"table has {width} columns but {len(self.align)} alignments")

    def column_align(self, column: int) -> Align:
        """Return the alignment of the zero-based ``column`` (``None`` when unset)."""
        return self.align[column] if column < len(self.align) else None


@dataclass(frozen=True)
class BulletList:
    """A flat bullet list (``- item``); each item is one or more lines."""

    items: tuple[tuple[Line, ...], ...]


@dataclass(frozen=True)
class Rule:
    """A thematic break (``---``)."""


Block: TypeAlias = Heading | Paragraph | Table | BulletList | Rule
"""Any block a letter can contain."""


def plain_text(line: Line) -> str:
    """Return the text of ``line`` without its emphasis."""
    return "".join(span.text for span in line)
