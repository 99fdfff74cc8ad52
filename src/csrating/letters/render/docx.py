"""Render letter Markdown as a Word document with python-docx.

Built from the same blocks as the HTML, using Word's own structure so that assistive
technology and Word's navigation pane understand it: "Heading 1" to "Heading 3" styles,
"List Bullet" paragraphs, "Table Grid" tables whose first row is marked as a header row
that repeats on each page (``w:tblHeader``) with the caption as the table's alternative
text (``w:tblCaption``) and a "Caption" paragraph, bold and italic runs, and hard line
breaks as breaks within one paragraph. The page is A4 with 2 cm margins; the title and
language (en-GB) are set in the core properties, and en-GB is the default proofing
language of every run.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Mm
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from csrating.letters.render.blocks import (
    Align,
    Block,
    BulletList,
    Heading,
    Line,
    Paragraph,
    Rule,
    Table,
    plain_text,
)
from csrating.letters.render.html import LANGUAGE
from csrating.letters.render.markdown import parse_markdown

_ALIGNMENTS = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "centre": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


def render_docx(markdown: str, *, title: str, banner: str | None = None) -> bytes:
    """Render letter Markdown as a DOCX file.

    Args:
        markdown: The letter in the Markdown subset (see :func:`parse_markdown`).
        title: The document title, stored in the core properties.
        banner: A notice put first in a bordered bold paragraph (e.g. an embargo);
            none if ``None``.

    Returns:
        The DOCX file's bytes.

    Raises:
        RenderError: the Markdown is outside the subset.
    """
    blocks = parse_markdown(markdown)
    document = Document()
    _set_up(document, title)
    if banner:
        paragraph = document.add_paragraph()
        paragraph.add_run(banner).bold = True
        _add_border(paragraph, ("top", "left", "bottom", "right"))
    for block in blocks:
        _add_block(document, block)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_up(document: DocumentObject, title: str) -> None:
    """Set the page (A4, 2 cm margins), core properties and default language."""
    for section in document.sections:
        section.page_width = Mm(210)
        section.page_height = Mm(297)
        for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
            setattr(section, side, Cm(2))
    properties = document.core_properties
    properties.title = title
    properties.language = LANGUAGE
    properties.author = "csrating"
    properties.last_modified_by = "csrating"
    properties.comments = ""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = None if defaults is None else defaults.find(qn("w:rPrDefault"))
    run_properties = None if run_defaults is None else run_defaults.find(qn("w:rPr"))
    if run_properties is not None:
        language = run_properties.find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            run_properties.append(language)
        language.set(qn("w:val"), LANGUAGE)


def _add_block(document: DocumentObject, block: Block) -> None:
    if isinstance(block, Heading):
        _add_runs(document.add_paragraph(style=f"Heading {block.level}"), (block.inlines,))
    elif isinstance(block, Paragraph):
        _add_runs(document.add_paragraph(), block.lines)
    elif isinstance(block, Table):
        _add_table(document, block)
    elif isinstance(block, BulletList):
        for item in block.items:
            _add_runs(document.add_paragraph(style="List Bullet"), item)
    elif isinstance(block, Rule):
        _add_border(document.add_paragraph(), ("bottom",))
    else:  # pragma: no cover
        raise TypeError(f"not a block: {block!r}")


def _add_runs(paragraph: DocxParagraph, lines: tuple[Line, ...], *, bold: bool = False) -> None:
    """Add ``lines`` to ``paragraph`` as runs, with a line break between lines."""
    for number, line in enumerate(lines):
        if number:
            paragraph.add_run().add_break()
        for span in line:
            run = paragraph.add_run(span.text)
            run.bold = span.bold or bold or None
            run.italic = span.italic or None


def _add_table(document: DocumentObject, table: Table) -> None:
    if table.caption is not None:
        caption = document.add_paragraph(style="Caption")
        caption.paragraph_format.keep_with_next = True
        _add_runs(caption, (table.caption,))
    docx_table = document.add_table(rows=1 + len(table.rows), cols=len(table.header))
    docx_table.style = "Table Grid"
    if table.caption is not None:
        _set_table_property(docx_table, "w:tblCaption", plain_text(table.caption))
    header_row = docx_table.rows[0]
    header_flag = OxmlElement("w:tblHeader")
    header_flag.set(qn("w:val"), "true")
    header_row._tr.get_or_add_trPr().append(header_flag)
    for column, text in enumerate(table.header):
        _fill_cell(header_row.cells[column].paragraphs[0], text, table.column_align(column), True)
    for row, cells in zip(docx_table.rows[1:], table.rows, strict=True):
        for column, text in enumerate(cells):
            _fill_cell(row.cells[column].paragraphs[0], text, table.column_align(column), False)


def _fill_cell(paragraph: DocxParagraph, line: Line, align: Align, header: bool) -> None:
    if align is not None:
        paragraph.alignment = _ALIGNMENTS[align]
    paragraph.paragraph_format.space_after = 0
    _add_runs(paragraph, (line,), bold=header)


def _set_table_property(table: DocxTable, tag: str, value: str) -> None:
    """Set a ``w:tblPr`` child that takes ``w:val`` (tblCaption is last in its sequence)."""
    element = OxmlElement(tag)
    element.set(qn("w:val"), value)
    table._tbl.tblPr.append(element)


def _add_border(paragraph: DocxParagraph, sides: tuple[str, ...]) -> None:
    """Draw a thin single border on ``sides`` of ``paragraph``."""
    borders: BaseOxmlElement = OxmlElement("w:pBdr")
    for side in sides:
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "6")
        edge.set(qn("w:space"), "4")
        edge.set(qn("w:color"), "auto")
        borders.append(edge)
    paragraph._p.get_or_add_pPr().append(borders)
