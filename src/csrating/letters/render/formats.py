"""One entry point for every output format: Markdown, HTML, PDF and DOCX.

Each format is an entry in one registry (extension → renderer), built-ins included, so
callers such as the command line and the web application dispatch on a format name and
never import a renderer directly.
"""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType

from csrating.errors import UsageError
from csrating.letters.render.docx import render_docx
from csrating.letters.render.html import render_html
from csrating.letters.render.pdf import render_pdf

Renderer = Callable[[str, str, str | None], str | bytes]
"""A format's renderer: ``(markdown, title, banner) -> document``."""


def _markdown(markdown: str, title: str, banner: str | None) -> str:
    if not banner:
        return markdown
    escaped = "".join(f"\\{c}" if c in "\\*_`[]<>#|" else c for c in banner)
    return f"**{escaped}**\n\n{markdown}"


def _html(markdown: str, title: str, banner: str | None) -> str:
    return render_html(markdown, title=title, banner=banner)


def _pdf(markdown: str, title: str, banner: str | None) -> bytes:
    return render_pdf(markdown, title=title, banner=banner)


def _docx(markdown: str, title: str, banner: str | None) -> bytes:
    return render_docx(markdown, title=title, banner=banner)


_RENDERERS: dict[str, Renderer] = {"md": _markdown, "html": _html, "pdf": _pdf, "docx": _docx}

FORMATS: tuple[str, ...] = tuple(_RENDERERS)
"""The output formats, named by their file extensions."""

MEDIA_TYPES = MappingProxyType(
    {
        "md": "text/markdown; charset=utf-8",
        "html": "text/html; charset=utf-8",
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }
)
"""The media type to serve each format with."""


def render(markdown: str, fmt: str, *, title: str, banner: str | None = None) -> str | bytes:
    """Render letter Markdown in one of :data:`FORMATS`.

    Args:
        markdown: The letter in the Markdown subset (see :func:`parse_markdown`).
        fmt: The format's extension: ``md``, ``html``, ``pdf`` or ``docx`` (any case).
        title: The document title (HTML ``<title>``, PDF and DOCX metadata).
        banner: A notice to show first in the document (demonstration data, embargo);
            in Markdown it becomes a leading bold paragraph.

    Returns:
        Text for ``md`` and ``html``; bytes for ``pdf`` and ``docx``.

    Raises:
        UsageError: ``fmt`` is not one of :data:`FORMATS`.
        RenderError: the Markdown is outside the subset, or PDF rendering failed.
    """
    renderer = _RENDERERS.get(fmt.lower())
    if renderer is None:
        raise UsageError(f"unknown document format {fmt!r}: expected one of {', '.join(FORMATS)}")
    return renderer(markdown, title, banner)
