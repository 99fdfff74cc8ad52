"""The tagged PDF renderer."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from render_sample import SENTENCE

from csrating.errors import RenderError
from csrating.letters.render import render_html, render_pdf


@pytest.fixture(scope="module")
def pdf() -> bytes:
    from render_sample import LETTER

    return render_pdf(render_html(LETTER, title="Rating letter: Exampleshire", banner="Demo"))


def test_is_a_pdf(pdf: bytes) -> None:
    assert pdf.startswith(b"%PDF-")


def test_text_is_extractable(pdf: bytes) -> None:
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    assert SENTENCE in " ".join(text.split())
    assert "Performs excellently" in text


def test_is_tagged_with_title_and_language(pdf: bytes) -> None:
    reader = PdfReader(BytesIO(pdf))
    catalogue = reader.trailer["/Root"].get_object()
    assert isinstance(catalogue, DictionaryObject)
    mark_info = catalogue["/MarkInfo"]
    assert isinstance(mark_info, DictionaryObject)
    assert bool(mark_info["/Marked"]) is True
    assert "/StructTreeRoot" in catalogue
    assert str(catalogue["/Lang"]) == "en-GB"
    assert reader.metadata is not None
    assert reader.metadata.title == "Rating letter: Exampleshire"


def test_pages_are_a4(pdf: bytes) -> None:
    for page in PdfReader(BytesIO(pdf)).pages:
        assert float(page.mediabox.width) == pytest.approx(595, abs=1)
        assert float(page.mediabox.height) == pytest.approx(842, abs=1)


@pytest.mark.parametrize(
    "reference",
    [
        '<img src="http://example.invalid/logo.png" alt="">',
        '<img src="file:///etc/hostname" alt="">',
        '<link rel="stylesheet" href="https://example.invalid/x.css">',
    ],
)
def test_refuses_to_fetch_anything_but_data_urls(reference: str) -> None:
    html = f'<!DOCTYPE html><html lang="en-GB"><head><title>t</title></head><body>{reference}'
    with pytest.raises(RenderError, match="refused to fetch"):
        render_pdf(html + "<p>x</p></body></html>")


def test_data_urls_are_allowed() -> None:
    pixel = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
        "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
    )
    html = (
        '<!DOCTYPE html><html lang="en-GB"><head><title>t</title></head>'
        f'<body><p><img src="{pixel}" alt="A dot"> Dotted.</p></body></html>'
    )
    assert render_pdf(html).startswith(b"%PDF-")
