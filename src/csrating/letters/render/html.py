"""Render letter Markdown as an accessible HTML5 document (or the fragment for ``<main>``).

The document has ``lang="en-GB"``, a ``<title>``, one ``<main>``, real heading levels,
tables with ``<caption>``, ``<thead>`` and ``<th scope="col">``, lists as ``<ul>``, and an
embedded stylesheet; every piece of text is escaped, and nothing is loaded from elsewhere.
"""

from __future__ import annotations

from html import escape

from csrating.errors import RenderError
from csrating.letters.render.blocks import (
    Block,
    BulletList,
    Heading,
    Line,
    Paragraph,
    Rule,
    Table,
)
from csrating.letters.render.markdown import parse_markdown
from csrating.letters.render.styles import DEFAULT_STYLESHEET

LANGUAGE = "en-GB"
"""The language every letter is written in, declared in HTML, PDF and DOCX alike."""


def render_html(
    markdown: str,
    *,
    title: str,
    banner: str | None = None,
    stylesheet: str | None = None,
    standalone: bool = True,
) -> str:
    """Render letter Markdown as HTML.

    Args:
        markdown: The letter in the Markdown subset (see :func:`parse_markdown`).
        title: The document title (``<title>``).
        banner: A notice shown first, e.g. "Demonstration data: synthetic outcomes" or
            "Embargoed until 00:01 on 9 December 2009"; none if ``None``.
        stylesheet: CSS to embed instead of the default stylesheet.
        standalone: ``True`` for a complete document; ``False`` for just the content
            that goes inside ``<main>`` (banner included), to embed in another page.

    Returns:
        The HTML text, ending with a newline.

    Raises:
        RenderError: the Markdown is outside the subset, or the stylesheet would close
            its ``<style>`` element.
    """
    body = _fragment(parse_markdown(markdown), banner)
    if not standalone:
        return body
    css = DEFAULT_STYLESHEET if stylesheet is None else stylesheet
    if "</style" in css.lower():
        raise RenderError("the stylesheet must not contain '</style'")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{LANGUAGE}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="csrating">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>\n{css}</style>\n"
        "</head>\n"
        "<body>\n"
        "<main>\n"
        f"{body}"
        "</main>\n"
        "</body>\n"
        "</html>\n"
    )


def _fragment(blocks: tuple[Block, ...], banner: str | None) -> str:
    """Return the HTML for ``blocks``, one element per line, preceded by the banner."""
    parts: list[str] = []
    if banner:
        parts.append(f'<p class="banner" role="note">{escape(banner)}</p>\n')
    parts.extend(_block(block) for block in blocks)
    return "".join(parts)


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{_line(block.inlines)}</h{block.level}>\n"
    if isinstance(block, Paragraph):
        return f"<p>{_lines(block.lines)}</p>\n"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, BulletList):
        items = "".join(f"<li>{_lines(item)}</li>\n" for item in block.items)
        return f"<ul>\n{items}</ul>\n"
    if isinstance(block, Rule):
        return "<hr>\n"
    raise TypeError(f"not a block: {block!r}")  # pragma: no cover


def _table(table: Table) -> str:
    out = ["<table>\n"]
    if table.caption is not None:
        out.append(f"<caption>{_line(table.caption)}</caption>\n")
    out.append("<thead>\n<tr>")
    for column, cell in enumerate(table.header):
        out.append(f'<th scope="col"{_align(table, column)}>{_line(cell)}</th>')
    out.append("</tr>\n</thead>\n")
    if table.rows:
        out.append("<tbody>\n")
        for row in table.rows:
            cells = "".join(
                f"<td{_align(table, column)}>{_line(cell)}</td>" for column, cell in enumerate(row)
            )
            out.append(f"<tr>{cells}</tr>\n")
        out.append("</tbody>\n")
    out.append("</table>\n")
    return "".join(out)


def _align(table: Table, column: int) -> str:
    align = table.column_align(column)
    return f' class="align-{align}"' if align in ("right", "centre") else ""


def _lines(lines: tuple[Line, ...]) -> str:
    return "<br>\n".join(_line(line) for line in lines)


def _line(line: Line) -> str:
    out: list[str] = []
    for span in line:
        text = escape(span.text)
        if span.italic:
            text = f"<em>{text}</em>"
        if span.bold:
            text = f"<strong>{text}</strong>"
        out.append(text)
    return "".join(out)
