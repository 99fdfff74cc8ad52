"""The tagged PDF renderer (typst, PDF/UA-1)."""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PageObject, PdfReader
from pypdf.generic import ArrayObject, DictionaryObject
from render_sample import LETTER, SENTENCE

from csrating.errors import RenderError
from csrating.letters.render import (
    BulletList,
    Heading,
    Paragraph,
    Table,
    parse_markdown,
    plain_text,
    render,
    render_pdf,
)
from csrating.letters.render import pdf as pdf_module
from csrating.letters.render.pdf import letter_data

GOLDEN = Path(__file__).parents[2] / "golden"
TITLE = "Rating letter: Exampleshire"
BANNER = "Demonstration data: synthetic outcomes"


@dataclass(frozen=True)
class Element:
    """A node of the PDF's structure tree: its role, attributes and child elements."""

    role: str
    attributes: tuple[dict[str, Any], ...]
    children: tuple[Element, ...]

    def walk(self) -> list[Element]:
        """Return this element and every element below it, in document order."""
        return [self, *(node for child in self.children for node in child.walk())]

    def named(self, role: str) -> list[Element]:
        """Return the elements below (or at) this one with the given role."""
        return [node for node in self.walk() if node.role == role]


def _element(node: Any) -> Element:
    node = node.get_object()
    kids = node.get("/K")
    kids = [] if kids is None else kids.get_object()
    if not isinstance(kids, ArrayObject):
        kids = [kids]
    children = []
    for kid in kids:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, DictionaryObject) and "/S" in kid:
            children.append(_element(kid))
    raw = node.get("/A")
    raw = [] if raw is None else raw.get_object()
    attributes = raw if isinstance(raw, list) else [raw]
    return Element(
        role=str(node.get("/S", "")),
        attributes=tuple(dict(a.get_object()) for a in attributes),
        children=tuple(children),
    )


def _dictionary(value: Any) -> DictionaryObject:
    value = value.get_object()
    assert isinstance(value, DictionaryObject)
    return value


def _tree(reader: PdfReader) -> Element:
    catalogue = _dictionary(reader.trailer["/Root"])
    (document,) = _element(catalogue["/StructTreeRoot"]).children
    return document


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def _content_text(pdf: bytes) -> str:
    """Return the PDF's text without artifacts (e.g. a table header repeated on a new page).

    Text shown inside an ``/Artifact`` marked-content sequence is decoration, not part of
    the document's content for assistive technology, so it is left out.
    """
    return "\n".join(_page_content_text(page) for page in PdfReader(BytesIO(pdf)).pages)


def _page_content_text(page: PageObject) -> str:
    marks: list[str] = []
    pieces: list[str] = []

    def before(operator: bytes, operands: list[Any], *_: Any) -> None:
        if operator in (b"BDC", b"BMC"):
            marks.append(str(operands[0]))
        elif operator == b"EMC" and marks:
            marks.pop()

    def shown(text: str, *_: Any) -> None:
        if "/Artifact" not in marks:
            pieces.append(text)

    page.extract_text(visitor_operand_before=before, visitor_text=shown)
    return "".join(pieces)


def _words(text: str) -> list[str]:
    """Return the words of ``text``, mending words broken at a hyphen across lines."""
    return re.sub(r"-[ \t]*\n\s*", "-", text).replace("•", " ").split()


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_pdf(LETTER, title=TITLE, banner=BANNER)


@pytest.fixture(scope="module")
def reader(pdf: bytes) -> PdfReader:
    return PdfReader(BytesIO(pdf))


def test_is_a_pdf_on_a4_pages(pdf: bytes, reader: PdfReader) -> None:
    assert pdf.startswith(b"%PDF-")
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(595.3, abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(841.9, abs=0.5)


def test_render_dispatches_pdf_to_typst(pdf: bytes) -> None:
    assert render(LETTER, "pdf", title=TITLE, banner=BANNER) == pdf


def test_text_is_extractable_in_reading_order(pdf: bytes) -> None:
    text = _text(pdf)
    assert SENTENCE in " ".join(text.split())
    assert text.startswith(BANNER + "\n9 December 2009\n")
    address = (
        "Ms Jane Example\nDirector of Children's Services\nExampleshire County Council\n"
        "Shire Hall\nExample Town EX1 2AB\n"
    )
    assert address in text  # one line per hard break
    assert "4 Performs excellently Goes well beyond the minimum asked of it" in text


def test_is_tagged_with_title_and_language(reader: PdfReader) -> None:
    catalogue = _dictionary(reader.trailer["/Root"])
    assert bool(_dictionary(catalogue["/MarkInfo"])["/Marked"]) is True
    assert "/StructTreeRoot" in catalogue
    assert str(catalogue["/Lang"]) == "en-GB"
    assert bool(_dictionary(catalogue["/ViewerPreferences"])["/DisplayDocTitle"]) is True
    assert reader.metadata is not None
    assert reader.metadata.title == TITLE


def test_identifies_itself_as_pdf_ua_1(reader: PdfReader) -> None:
    xmp = reader.xmp_metadata
    assert xmp is not None
    packet = xmp.stream.get_data().decode("utf-8")
    assert "<pdfuaid:part>1</pdfuaid:part>" in packet
    assert f'<rdf:li xml:lang="x-default">{TITLE}</rdf:li>' in packet
    assert "<rdf:li>en-GB</rdf:li>" in packet


def test_headings_are_real_headings(reader: PdfReader) -> None:
    roles = [element.role for element in _tree(reader).walk()]
    assert roles.count("/H1") == 1
    assert roles.count("/H2") == 1
    assert roles.index("/H1") < roles.index("/Table") < roles.index("/H2")
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline == ["Children's services annual rating 2009"]


def test_table_has_a_caption_and_a_header_row_of_column_headers(reader: PdfReader) -> None:
    (table,) = _tree(reader).named("/Table")
    assert [child.role for child in table.children] == ["/Caption", "/THead", "/TBody"]
    (header_row,) = table.children[1].children
    assert [cell.role for cell in header_row.children] == ["/TH"] * 3
    for cell in header_row.children:
        scopes = [a.get("/Scope") for a in cell.attributes if a.get("/O") == "/Table"]
        assert scopes == ["/Column"]
    body_rows = table.children[2].children
    assert len(body_rows) == 4
    assert all([cell.role for cell in row.children] == ["/TD"] * 3 for row in body_rows)
    assert len(table.named("/Strong")) == 4  # the bold ratings


def test_banner_comes_first_as_a_paragraph(reader: PdfReader) -> None:
    first = _tree(reader).children[0]
    assert first.role == "/P"


def test_lists_emphasis_and_breaks(reader: PdfReader) -> None:
    document = _tree(reader)
    (bullets,) = document.named("/L")
    assert [item.role for item in bullets.children] == ["/LI", "/LI"]
    assert len(document.named("/Em")) == 1  # "perform well"
    fonts = {
        str(_dictionary(font)["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in _dictionary(_dictionary(page["/Resources"])["/Font"]).values()
    }
    assert fonts == {"LiberationSans", "LiberationSans-Bold", "LiberationSans-Italic"}


def test_no_banner_when_none() -> None:
    assert _text(render_pdf(LETTER, title="t")).startswith("9 December 2009\n")


def test_same_letter_same_bytes(pdf: bytes) -> None:
    assert render_pdf(LETTER, title=TITLE, banner=BANNER) == pdf


@pytest.mark.parametrize(
    "hostile",
    [
        '#set page(fill: red) #panic("x") $x^2$ @ref <label> // not a comment',
        "/* open comment = not a heading; - not a list + none ] [ } { \\ ~ ' \"",
        '#import "@preview/cetz:0.3.0" #read("/etc/hostname") `raw` Łódź Ωμέγα Київ € ‘’ —',
    ],
)
def test_typst_markup_in_letters_stays_text(hostile: str) -> None:
    title = f"Title {hostile}"
    banner = f"Banner {hostile}"
    pdf = render_pdf(f"# Heading {hostile}\n\nParagraph {hostile}", title=title, banner=banner)
    reader = PdfReader(BytesIO(pdf))
    assert reader.metadata is not None and reader.metadata.title == title
    expected = f"{banner} Heading {hostile} Paragraph {hostile}"
    assert "".join(_text(pdf).split()) == "".join(expected.split())


def test_letter_data_is_json_of_the_blocks() -> None:
    data = json.loads(letter_data(parse_markdown(LETTER), title=TITLE, banner=BANNER))
    assert data["title"] == TITLE and data["banner"] == BANNER
    assert (data["lang"], data["region"]) == ("en", "gb")
    kinds = [block["kind"] for block in data["blocks"]]
    assert kinds.count("table") == 1 and kinds.count("list") == 1
    table = data["blocks"][kinds.index("table")]
    assert table["caption"] == [{"text": "The four-point scale", "bold": False, "italic": False}]
    assert table["align"] == ["right", None, None]
    assert json.loads(letter_data((), title="t"))["banner"] is None


def test_a_character_no_font_has_is_refused_by_name() -> None:
    with pytest.raises(RenderError, match=r"`\"王\"` could not be displayed.*only characters"):
        render_pdf("Dear Mr 王", title="t")


@pytest.mark.parametrize(
    ("markdown", "problem"),
    [("#\n\ntext", "heading title is empty"), ("# One\n\n### Three", "from heading level 1 to 3")],
)
def test_what_pdf_ua_forbids_is_refused(markdown: str, problem: str) -> None:
    with pytest.raises(RenderError, match=f"PDF/UA-1 error: .*{problem}"):
        render_pdf(markdown, title="t")


@pytest.mark.parametrize(
    "markdown",
    [
        "",
        "---",
        "| a | |\n|---|---|\n| | |",
        "| header | only |\n|---|---|",
        "| a | b |\n|:-:|--:|\n| " + "x" * 200 + " | y |",
        "- one  \n  two\n- three",
    ],
)
def test_unusual_but_valid_letters_render(markdown: str) -> None:
    assert render_pdf(markdown, title="t").startswith(b"%PDF-")


def test_markdown_outside_the_subset_is_refused() -> None:
    with pytest.raises(RenderError, match="numbered lists"):
        render_pdf("1. one\n2. two", title="t")


def test_missing_fonts_are_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_module, "FONT_FOLDERS", (tmp_path,))
    pdf_module._compiler.cache_clear()
    try:
        with pytest.raises(RenderError, match="Liberation Sans or DejaVu Sans.*install-system"):
            render_pdf(LETTER, title="t")
    finally:
        pdf_module._compiler.cache_clear()


def test_one_compiler_serves_several_threads(pdf: bytes) -> None:
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(lambda _: render_pdf(LETTER, title=TITLE, banner=BANNER), range(6)))
    assert all(result == pdf for result in results)


def _expected_words(markdown: str, banner: str) -> list[str]:
    """Every word of the letter, in order, as the blocks hold it."""
    words = _words(banner)
    for block in parse_markdown(markdown):
        if isinstance(block, Heading):
            words += _words(plain_text(block.inlines))
        elif isinstance(block, Paragraph):
            words += [w for line in block.lines for w in _words(plain_text(line))]
        elif isinstance(block, Table):
            caption = [] if block.caption is None else [block.caption]
            cells = [*caption, *block.header, *(cell for row in block.rows for cell in row)]
            words += [w for cell in cells for w in _words(plain_text(cell))]
        elif isinstance(block, BulletList):
            words += [w for item in block.items for line in item for w in _words(plain_text(line))]
    return words


@pytest.mark.parametrize("golden", ["rating-2009-885", "rating-2009-860", "apa-2006-885"])
def test_golden_letters_carry_every_word_in_order(golden: str) -> None:
    markdown = (GOLDEN / f"{golden}.md").read_text(encoding="utf-8")
    banner = "Embargoed until 00:01 on 9 December 2009"
    pdf = render_pdf(markdown, title=golden, banner=banner)
    assert _words(_content_text(pdf)) == _expected_words(markdown, banner)
    roles = [element.role for element in _tree(PdfReader(BytesIO(pdf))).walk()]
    blocks = parse_markdown(markdown)
    headings = [f"/H{block.level}" for block in blocks if isinstance(block, Heading)]
    assert [role for role in roles if re.fullmatch(r"/H[1-6]", role)] == headings
    tables = [block for block in blocks if isinstance(block, Table)]
    assert roles.count("/Table") == len(tables)
    assert roles.count("/TH") == sum(len(table.header) for table in tables)
    assert roles.count("/Caption") == sum(table.caption is not None for table in tables)
