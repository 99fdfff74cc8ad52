"""The Word (DOCX) renderer."""

from __future__ import annotations

from io import BytesIO

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Mm

from csrating.letters.render import render_docx


@pytest.fixture
def document(letter_markdown: str) -> DocumentObject:
    data = render_docx(letter_markdown, title="Rating letter: Exampleshire", banner="Demo data")
    assert data.startswith(b"PK")
    return Document(BytesIO(data))


def _styled(document: DocumentObject, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == style]


def test_headings_use_word_heading_styles(document: DocumentObject) -> None:
    assert _styled(document, "Heading 1") == ["Children's services annual rating 2009"]
    assert _styled(document, "Heading 2") == ["Rating for Exampleshire"]


def test_table_has_a_repeating_header_row(document: DocumentObject) -> None:
    (table,) = document.tables
    assert table.style is not None and table.style.name == "Table Grid"
    assert len(table.rows) == 5
    header = table.rows[0]
    row_properties = header._tr.trPr
    assert row_properties is not None
    flag = row_properties.find(qn("w:tblHeader"))
    assert flag is not None and flag.get(qn("w:val")) == "true"
    assert [cell.text for cell in header.cells] == ["Level", "Rating", "What it means"]
    assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)
    assert [row.cells[0].text for row in table.rows[1:]] == ["4", "3", "2", "1"]
    assert table.rows[1].cells[1].paragraphs[0].runs[0].bold is True
    assert _styled(document, "Caption") == ["The four-point scale"]
    caption = table._tbl.tblPr.find(qn("w:tblCaption"))
    assert caption is not None and caption.get(qn("w:val")) == "The four-point scale"


def test_bullets_runs_and_breaks(document: DocumentObject) -> None:
    assert _styled(document, "List Bullet") == [
        "three of the eleven nurseries are outstanding;",
        "a large majority of secondary schools are good or better.",
    ]
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs]
    assert any(run.bold and run.text == "Demo data" for run in runs)
    assert any(run.italic and run.text == "perform well" for run in runs)
    address = next(p for p in document.paragraphs if p.text.startswith("Ms Jane Example"))
    assert len(address._p.findall(f".//{qn('w:br')}")) == 4
    assert address.text.splitlines()[-1] == "Example Town EX1 2AB"


def test_text_is_kept_literally(document: DocumentObject) -> None:
    assert any('<script>alert("x")</script> & friends' in p.text for p in document.paragraphs)


def test_properties_language_and_page(document: DocumentObject) -> None:
    assert document.core_properties.title == "Rating letter: Exampleshire"
    assert document.core_properties.language == "en-GB"
    language = document.styles.element.find(f".//{qn('w:rPrDefault')}//{qn('w:lang')}")
    assert language is not None and language.get(qn("w:val")) == "en-GB"
    section = document.sections[0]
    # Word stores lengths in twentieths of a point, so allow a rounding difference.
    sizes: dict[str, Length] = {"page_width": Mm(210), "page_height": Mm(297)}
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        sizes[side] = Cm(2)
    for name, expected in sizes.items():
        assert abs(getattr(section, name) - expected) < Mm(0.1), name


def test_banner_is_optional(letter_markdown: str) -> None:
    document = Document(BytesIO(render_docx(letter_markdown, title="t")))
    assert document.paragraphs[0].text == "9 December 2009"
