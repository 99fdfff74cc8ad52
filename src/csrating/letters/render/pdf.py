"""Render an HTML letter as a tagged A4 PDF with WeasyPrint.

Tagging: ``write_pdf(pdf_variant="pdf/ua-1")``. In WeasyPrint (68 and later; the
minimum csrating asks for) that variant switches on ``pdf_tags`` (a structure tree with
``/MarkInfo << /Marked true >>``, so headings, paragraphs, lists and tables keep their
roles for screen readers), writes PDF 1.7 and adds PDF/UA identification to the XMP
metadata. The document title comes from the HTML ``<title>`` and the ``/Lang`` entry from
``<html lang>``; the page size and margins from the stylesheet's ``@page`` rule.

Nothing is fetched: the URL fetcher only accepts ``data:`` URLs, and any other reference
(``http:``, ``file:``...) stops the rendering with a :class:`~csrating.errors.RenderError`.
Fonts come from the system through fontconfig (Liberation Sans, DejaVu Sans; see
``scripts/install-system-packages.sh``).

WeasyPrint is imported on first use: it is slow to import and needs Pango, which HTML and
DOCX rendering do not.
"""

from __future__ import annotations

from functools import cache
from types import ModuleType
from typing import cast

from csrating.errors import RenderError

PDF_VARIANT = "pdf/ua-1"
"""The WeasyPrint PDF variant used: tagged PDF identified as PDF/UA-1."""


def render_pdf(html: str) -> bytes:
    """Render an HTML document (as made by :func:`render_html`) to tagged PDF.

    Args:
        html: A complete HTML document; its ``<title>`` and ``lang`` become the PDF's
            title and language.

    Returns:
        The PDF file's bytes.

    Raises:
        RenderError: WeasyPrint or its system libraries are missing, or the HTML refers
            to anything other than a ``data:`` URL.
    """
    weasyprint, fatal_fetch_error = _weasyprint()
    fetcher = weasyprint.URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    try:
        document = weasyprint.HTML(string=html, url_fetcher=fetcher)
        pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    except fatal_fetch_error as error:
        cause = error.__cause__ or error
        raise RenderError(
            f"PDF rendering refused to fetch a resource ({cause}); letters may only "
            "embed data: URLs"
        ) from error
    return cast(bytes, pdf)


@cache
def _weasyprint() -> tuple[ModuleType, type[BaseException]]:
    """Import WeasyPrint once, turning a missing Pango into a clear :class:`RenderError`."""
    try:
        import weasyprint
        from weasyprint.urls import FatalURLFetchingError
    except OSError as error:  # Pango or its fonts back end could not be loaded
        raise RenderError(
            f"PDF rendering needs Pango ({error}); run "
            "'bash scripts/install-system-packages.sh' as root"
        ) from error
    except ImportError as error:
        raise RenderError(
            f"PDF rendering needs WeasyPrint 68 or later ({error}); "
            "run 'pip install -e .' in the project"
        ) from error
    return weasyprint, cast(type[BaseException], FatalURLFetchingError)
