"""Format dispatch, atomic writing and the package's public surface."""

from __future__ import annotations

import inspect
import os
from pathlib import Path
from types import ModuleType

import pytest

import csrating.letters.render as render_package
from csrating.errors import UsageError
from csrating.letters.render import FORMATS, MEDIA_TYPES, render, write_document


def test_formats_and_media_types() -> None:
    assert FORMATS == ("md", "html", "pdf", "docx")
    assert set(MEDIA_TYPES) == set(FORMATS)


def test_render_dispatches_on_format(letter_markdown: str) -> None:
    assert render(letter_markdown, "md", title="t") == letter_markdown
    html = render(letter_markdown, "HTML", title="t", banner="Embargoed")
    assert isinstance(html, str) and 'role="note">Embargoed</p>' in html
    docx = render(letter_markdown, "docx", title="t")
    assert isinstance(docx, bytes) and docx.startswith(b"PK")


def test_markdown_banner_is_a_leading_escaped_bold_paragraph(letter_markdown: str) -> None:
    text = render(letter_markdown, "md", title="t", banner="Embargoed *until* 00:01")
    assert text == "**Embargoed \\*until\\* 00:01**\n\n" + letter_markdown


def test_unknown_format_names_the_allowed_ones(letter_markdown: str) -> None:
    with pytest.raises(UsageError, match=r"'odt'.*md, html, pdf, docx"):
        render(letter_markdown, "odt", title="t")


def test_write_text_and_bytes_atomically(tmp_path: Path) -> None:
    target = tmp_path / "letters" / "exampleshire.html"
    assert write_document("<p>café</p>\n", target) == target
    assert target.read_bytes() == "<p>café</p>\n".encode()
    write_document(b"%PDF-new", target)
    assert target.read_bytes() == b"%PDF-new"
    assert os.listdir(target.parent) == ["exampleshire.html"]


def test_written_file_follows_the_umask(tmp_path: Path) -> None:
    target = write_document("x", tmp_path / "x.md")
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()


def test_failed_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "inside").write_text("keep")
    with pytest.raises(UsageError, match="cannot write"):
        write_document("x", tmp_path / "taken")  # cannot replace a non-empty folder
    assert sorted(os.listdir(tmp_path)) == ["taken"]


def test_all_is_sorted_and_complete() -> None:
    public = {
        name
        for name, value in vars(render_package).items()
        if not name.startswith("_") and not isinstance(value, ModuleType) and name != "annotations"
    }
    assert render_package.__all__ == sorted(render_package.__all__)
    assert set(render_package.__all__) == public


def test_public_functions_and_classes_have_docstrings() -> None:
    for name in render_package.__all__:
        value = getattr(render_package, name)
        if inspect.isfunction(value) or inspect.isclass(value):
            assert value.__doc__, name


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
