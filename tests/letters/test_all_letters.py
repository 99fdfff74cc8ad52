"""Every council's letter renders in every format, and each format carries the letter."""

from __future__ import annotations

import io
from typing import Any

import docx
import pypdf
import pytest

from csrating.letters import addressee_for, rating_letter
from csrating.letters.render import render, render_pdf
from csrating.reference import council


def _all_letters(national_results: Any) -> list[Any]:
    dataset, framework, results = national_results
    return [
        rating_letter(
            profile,
            assessment,
            framework,
            addressee_for(council(code), dataset.contacts),
            demonstration=True,
        )
        for code, (profile, assessment) in results.items()
    ]


def _pdf(letter: Any) -> bytes:
    return render_pdf(letter.markdown, title=letter.title, banner=letter.banner)


@pytest.mark.slow  # 152 DOCX files: more than a few seconds
def test_every_letter_renders_as_markdown_html_and_docx(national_results: Any) -> None:
    letters = _all_letters(national_results)
    assert len(letters) == 152
    for letter in letters:
        name = council(letter.la_code).council_name
        html = render(letter.markdown, "html", title=letter.title, banner=letter.banner)
        assert isinstance(html, str)
        assert 'lang="en-GB"' in html and name.replace("&", "&amp;") in html
        assert '<th scope="col">' in html
        assert " ".join(html.split()).count("Demonstration data:") == 1
        content = render(letter.markdown, "docx", title=letter.title, banner=letter.banner)
        document = docx.Document(io.BytesIO(content))  # type: ignore[arg-type]
        text = " ".join(p.text for p in document.paragraphs)
        assert text.count("Demonstration data:") == 1, letter.la_code  # the banner, once
        styles = [p.style.name for p in document.paragraphs]
        assert "Heading 1" in styles
        assert len(document.tables) >= 2
        assert document.tables[0].rows[0].cells[0].text == "Grade"


@pytest.mark.slow  # 152 PDFs: deselected by a plain `pytest`; `make test` runs it (-m slow)
def test_every_letter_renders_as_a_pdf_that_carries_its_text(national_results: Any) -> None:
    letters = _all_letters(national_results)
    pdfs = [_pdf(letter) for letter in letters]
    for letter, pdf in zip(letters, pdfs, strict=True):
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        text = " ".join(page.extract_text() for page in reader.pages)
        assert "Children's services" in text.replace("’", "'")
        assert " ".join(text.split()).count("Demonstration data:") == 1, letter.la_code
        # The letter names the council in its own style ("St Helens Council", not the
        # register's "St. Helens"), so look for the first word of that.
        assert council(letter.la_code).council_name.split()[0] in text
        assert "/StructTreeRoot" in reader.trailer["/Root"]
