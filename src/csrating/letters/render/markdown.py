"""Parse the letter Markdown subset into the block model.

The subset is deliberately small and fixed:

* ATX headings ``#`` to ``###``; paragraphs; hard line breaks (two trailing spaces or a
  trailing backslash), used for address blocks;
* pipe tables with a header row and a separator row, cells holding inline markup; a
  paragraph of bold text alone just before a table becomes the table's caption;
* bullet lists (``- item``), not nested;
* ``**bold**`` and ``*italic*``; a ``---`` thematic break.

Everything else is switched off in the parser, so it stays literal text: raw HTML
(``<script>`` is text to be escaped, never markup), entities (``&amp;`` stays as typed),
links, images, code spans, indented code, block quotes and underlined (setext) headings.
Constructs the parser still recognises but the subset excludes (ordered lists, nested
lists, headings deeper than ``###``) raise :class:`~csrating.errors.RenderError` naming
the line, so a template author finds out at once rather than in a printed letter.

markdown-it-py does the tokenising (CommonMark with the GFM table rule); this module only
walks its tokens.
"""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from csrating.errors import RenderError
from csrating.letters.render.blocks import (
    Align,
    Block,
    BulletList,
    Heading,
    Line,
    Paragraph,
    Rule,
    Span,
    Table,
)

_DISABLED_RULES = [
    # block rules outside the subset: their text stays paragraphs
    "code",
    "fence",
    "blockquote",
    "reference",
    "html_block",
    "lheading",
    # inline rules outside the subset: their text stays literal
    "backticks",
    "strikethrough",
    "link",
    "image",
    "autolink",
    "html_inline",
    "entity",
    "linkify",
]

_PARSER = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    .enable("table")
    .disable(_DISABLED_RULES, ignoreInvalid=True)
)

_ALIGN_STYLES: dict[str, Align] = {
    "text-align:left": "left",
    "text-align:center": "centre",
    "text-align:right": "right",
}


def parse_markdown(text: str) -> tuple[Block, ...]:
    """Parse letter Markdown into blocks.

    Args:
        text: Markdown in the letter subset (see the module docstring).

    Returns:
        The blocks in document order; a bold-only paragraph directly before a table is
        folded into that table's caption.

    Raises:
        RenderError: the Markdown uses a construct outside the subset (ordered or nested
            lists, headings deeper than ``###``); the message gives the line number.
    """
    tokens = _PARSER.parse(text)
    blocks = _Walker(tokens).blocks()
    return _fold_captions(blocks)


class _Walker:
    """Walks markdown-it's flat token stream once, building blocks."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self._tokens = tokens
        self._index = 0

    def blocks(self) -> list[Block]:
        blocks: list[Block] = []
        while self._index < len(self._tokens):
            blocks.append(self._block())
        return blocks

    def _next(self) -> Token:
        token = self._tokens[self._index]
        self._index += 1
        return token

    def _expect(self, kind: str) -> Token:
        token = self._next()
        if token.type != kind:  # pragma: no cover - markdown-it always pairs its tokens
            raise RenderError(f"unexpected Markdown token {token.type!r} (expected {kind!r})")
        return token

    def _block(self) -> Block:
        token = self._next()
        if token.type == "paragraph_open":
            lines = _lines(self._expect("inline"))
            self._expect("paragraph_close")
            return Paragraph(lines)
        if token.type == "heading_open":
            level = int(token.tag[1:])
            if level > 3:
                raise RenderError(
                    f"Markdown line {_line_number(token)}: heading level {level} "
                    "is not in the letter subset (use #, ## or ###)"
                )
            inlines = _single_line(self._expect("inline"))
            self._expect("heading_close")
            return Heading(level, inlines)
        if token.type == "hr":
            return Rule()
        if token.type == "table_open":
            return self._table()
        if token.type == "bullet_list_open":
            return self._bullet_list()
        if token.type == "ordered_list_open":
            raise RenderError(
                f"Markdown line {_line_number(token)}: numbered lists are not in the letter "
                "subset; use '- item' bullets, or escape the full stop ('1\\.') for a "
                "paragraph that starts with a number"
            )
        raise RenderError(  # pragma: no cover - every other block rule is disabled
            f"Markdown line {_line_number(token)}: {token.type!r} is not in the letter subset"
        )

    def _table(self) -> Table:
        header: list[Line] = []
        align: list[Align] = []
        rows: list[tuple[Line, ...]] = []
        current: list[Line] = []
        while (token := self._next()).type != "table_close":
            if token.type == "th_open":
                align.append(_ALIGN_STYLES.get(str(token.attrs.get("style", ""))))
                header.append(_single_line(self._expect("inline")))
            elif token.type == "td_open":
                current.append(_single_line(self._expect("inline")))
            elif token.type == "tr_close" and current:
                rows.append(tuple(current))
                current = []
        return Table(header=tuple(header), rows=tuple(rows), align=tuple(align))

    def _bullet_list(self) -> BulletList:
        items: list[tuple[Line, ...]] = []
        item: list[Line] = []
        while (token := self._next()).type != "bullet_list_close":
            if token.type in ("bullet_list_open", "ordered_list_open"):
                raise RenderError(
                    f"Markdown line {_line_number(token)}: nested lists are not in the "
                    "letter subset"
                )
            if token.type == "inline":
                item.extend(_lines(token))
            elif token.type == "list_item_close":
                items.append(tuple(item))
                item = []
        return BulletList(tuple(items))


def _line_number(token: Token) -> int:
    """Return the one-based source line where ``token`` starts (0 if unknown)."""
    return token.map[0] + 1 if token.map else 0


def _lines(inline: Token) -> tuple[Line, ...]:
    """Turn an inline token's children into lines of spans, split at hard breaks."""
    lines: list[list[Span]] = [[]]
    bold = 0
    italic = 0
    for child in inline.children or ():
        kind = child.type
        if kind == "text":
            _append(lines[-1], Span(child.content, bold=bold > 0, italic=italic > 0))
        elif kind == "softbreak":
            _append(lines[-1], Span(" ", bold=bold > 0, italic=italic > 0))
        elif kind == "hardbreak":
            lines.append([])
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        else:  # pragma: no cover - every other inline rule is disabled
            raise RenderError(
                f"Markdown line {_line_number(inline)}: {kind!r} is not in the letter subset"
            )
    return tuple(tuple(line) for line in lines)


def _single_line(inline: Token) -> Line:
    """Return an inline token's spans as one line (hard breaks become spaces)."""
    spans: list[Span] = []
    for number, line in enumerate(_lines(inline)):
        if number and line:
            _append(spans, Span(" ", bold=line[0].bold, italic=line[0].italic))
        for span in line:
            _append(spans, span)
    return tuple(spans)


def _append(spans: list[Span], span: Span) -> None:
    """Add ``span`` to ``spans``, merging it into the last span if styled alike."""
    if not span.text:
        return
    if spans and (spans[-1].bold, spans[-1].italic) == (span.bold, span.italic):
        spans[-1] = Span(spans[-1].text + span.text, bold=span.bold, italic=span.italic)
    else:
        spans.append(span)


def _caption(block: Block) -> Line | None:
    """Return the caption a block would give a following table, if it is bold text alone."""
    if not isinstance(block, Paragraph) or len(block.lines) != 1:
        return None
    line = block.lines[0]
    if not line or not all(span.bold for span in line) or not "".join(s.text for s in line).strip():
        return None
    return tuple(Span(span.text, bold=False, italic=span.italic) for span in line)


def _fold_captions(blocks: list[Block]) -> tuple[Block, ...]:
    """Make each bold-only paragraph directly before a table that table's caption."""
    folded: list[Block] = []
    for block in blocks:
        if isinstance(block, Table) and block.caption is None and folded:
            caption = _caption(folded[-1])
            if caption is not None:
                folded[-1] = Table(block.header, block.rows, block.align, caption)
                continue
        folded.append(block)
    return tuple(folded)
