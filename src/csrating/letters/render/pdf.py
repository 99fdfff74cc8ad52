"""Render letter Markdown as a tagged A4 PDF (PDF/UA-1) with typst.

The letter's blocks (:mod:`csrating.letters.render.blocks`) are handed to a fixed typst
template, ``letter.typ`` beside this module, as JSON in ``sys.inputs``: text is data,
never markup, so nothing a letter says can change the document's structure. The template
lays the blocks out like the HTML letter's print stylesheet and typst exports them with
``pdf_standards=["ua-1"]``, which makes the PDF tagged (a structure tree with real
headings, paragraphs, lists, and tables whose header cells are ``TH`` with column scope
and whose caption sits inside the table), with ``/Lang`` en-GB, the title in the
document information and XMP metadata (shown as the window title), and PDF/UA-1
identification (``pdfuaid:part`` 1). The PDF carries no creation date, so the same
letter gives the same bytes.

Fonts come only from the folders in :data:`FONT_FOLDERS` (Debian's ``fonts-liberation2``
and ``fonts-dejavu-core``; see ``scripts/install-system-packages.sh``), never from a
scan of the system or the network. Typst fetches nothing: the template imports no
packages and reads no files.

One typst compiler is made per process on first use and reused, so the template is
parsed and the fonts loaded once (which halves the time per letter, to about 10 ms); a
lock serialises compilations, as a compiler cannot run two at once.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any, Final

import typst

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
from csrating.letters.render.html import LANGUAGE
from csrating.letters.render.markdown import parse_markdown

PDF_STANDARD: Final = "ua-1"
"""The PDF standard typst checks and declares: PDF/UA-1, which implies a tagged PDF."""

FONT_FOLDERS: tuple[Path, ...] = (
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/dejavu"),
)
"""The folders typst loads fonts from (Debian's Liberation Sans and DejaVu Sans)."""

FONT_FAMILIES: tuple[str, ...] = ("Liberation Sans", "DejaVu Sans")
"""The font families the template asks for, in order of preference."""

TEMPLATE = Path(__file__).with_name("letter.typ")
"""The typst template every letter is laid out with (package data)."""

_LOCK = threading.Lock()


def render_pdf(markdown: str, *, title: str, banner: str | None = None) -> bytes:
    """Render letter Markdown as a tagged A4 PDF (PDF/UA-1).

    Args:
        markdown: The letter in the Markdown subset (see :func:`parse_markdown`).
        title: The document title, stored in the PDF's metadata.
        banner: A notice put first in a bordered bold box (demonstration data, an
            embargo); none if ``None``.

    Returns:
        The PDF file's bytes.

    Raises:
        RenderError: the Markdown is outside the subset; neither Liberation Sans nor
            DejaVu Sans is installed; typst's PDF/UA-1 checks refuse the letter (a
            character neither font can show, an empty heading, a skipped heading
            level); or typst failed otherwise.
    """
    data = letter_data(parse_markdown(markdown), title=title, banner=banner)
    compiler = _compiler()
    with _LOCK:
        try:
            pdf = compiler.compile(
                format="pdf", sys_inputs={"letter": data}, pdf_standards=[PDF_STANDARD]
            )
        except typst.TypstError as error:
            hint = ""
            if "could not be displayed" in error.message:
                hint = f" (a letter may use only characters that {' or '.join(FONT_FAMILIES)} has)"
            raise RenderError(f"PDF rendering failed in typst: {error.message}{hint}") from error
    if not isinstance(pdf, bytes):  # pragma: no cover - one PDF is always one bytes value
        raise RenderError("PDF rendering failed: typst did not return a single PDF")
    return pdf


def letter_data(blocks: Sequence[Block], *, title: str, banner: str | None = None) -> str:
    """Return the JSON the typst template reads: the title, language, banner and blocks.

    Args:
        blocks: The letter's blocks, as :func:`parse_markdown` returns them.
        title: The document title.
        banner: The notice shown first, or ``None``.

    Returns:
        A JSON object as text; every piece of letter text is a JSON string.
    """
    language, _, region = LANGUAGE.partition("-")
    document = {
        "title": title,
        "lang": language.lower(),
        "region": region.lower() or None,
        "banner": banner or None,
        "blocks": [_block(block) for block in blocks],
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def _block(block: Block) -> dict[str, Any]:
    if isinstance(block, Heading):
        return {"kind": "heading", "level": block.level, "text": _line(block.inlines)}
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "lines": [_line(line) for line in block.lines]}
    if isinstance(block, Table):
        return {
            "kind": "table",
            "caption": None if block.caption is None else _line(block.caption),
            "header": [_line(cell) for cell in block.header],
            "rows": [[_line(cell) for cell in row] for row in block.rows],
            "align": [block.column_align(column) for column in range(len(block.header))],
        }
    if isinstance(block, BulletList):
        return {"kind": "list", "items": [[_line(line) for line in item] for item in block.items]}
    if isinstance(block, Rule):
        return {"kind": "rule"}
    raise TypeError(f"not a block: {block!r}")  # pragma: no cover


def _line(line: Line) -> list[dict[str, Any]]:
    return [{"text": span.text, "bold": span.bold, "italic": span.italic} for span in line]


@cache
def _compiler() -> typst.Compiler:
    """Make the process's typst compiler: the template, and fonts from FONT_FOLDERS only."""
    folders = [str(folder) for folder in FONT_FOLDERS if folder.is_dir()]
    fonts = typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=folders
    )
    if not set(FONT_FAMILIES) & set(fonts.families()):
        raise RenderError(
            f"PDF rendering needs the font {' or '.join(FONT_FAMILIES)} in "
            f"{' or '.join(str(folder) for folder in FONT_FOLDERS)}; run "
            "'bash scripts/install-system-packages.sh' as root"
        )
    # The template's folder is typst's root: the only files typst could read (it reads none).
    return typst.Compiler(
        input=str(TEMPLATE), root=str(TEMPLATE.parent), font_paths=folders, ignore_system_fonts=True
    )
