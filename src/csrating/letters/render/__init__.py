"""Turn letter Markdown into HTML, PDF and DOCX, and write documents to disk.

Letters (and the press release) are written by templates as Markdown in a small fixed
subset; :func:`parse_markdown` reads it into the block model
(:mod:`csrating.letters.render.blocks`), from which every format is rendered:

* :func:`render_html`: an accessible HTML5 document, or the fragment for ``<main>``;
* :func:`render_pdf`: a tagged A4 PDF (PDF/UA-1) laid out like the HTML, via typst;
* :func:`render_docx`: a Word document with real heading, list and table structure;
* :func:`render`: any of :data:`FORMATS` by name; :data:`MEDIA_TYPES` to serve them;
* :func:`write_document`: the only disk step, atomic.

Rendering is pure: no clock, no network, no files read or written.
"""

from __future__ import annotations

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
    plain_text,
)
from csrating.letters.render.docx import render_docx
from csrating.letters.render.files import write_document
from csrating.letters.render.formats import FORMATS, MEDIA_TYPES, render
from csrating.letters.render.html import LANGUAGE, render_html
from csrating.letters.render.markdown import parse_markdown
from csrating.letters.render.pdf import render_pdf
from csrating.letters.render.styles import DEFAULT_STYLESHEET

__all__ = [
    "Align",
    "Block",
    "BulletList",
    "DEFAULT_STYLESHEET",
    "FORMATS",
    "Heading",
    "LANGUAGE",
    "Line",
    "MEDIA_TYPES",
    "Paragraph",
    "Rule",
    "Span",
    "Table",
    "parse_markdown",
    "plain_text",
    "render",
    "render_docx",
    "render_html",
    "render_pdf",
    "write_document",
]
