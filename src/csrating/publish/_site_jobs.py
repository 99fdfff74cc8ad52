"""The slow files of the site (letter PDFs and DOCX, profile workbooks), one job each.

Jobs are plain module-level functions of small picklable values, so a process pool can
run them; each writes its own files and returns a path. A workbook job gets the
workbook's model (a few tens of kilobytes of tuples and strings), never the councils'
results or the framework, and writes every format from it.
"""

from __future__ import annotations

from pathlib import Path

from csrating.letters.render import render
from csrating.publish._sheets import WorkbookModel, render_workbook


def letter_job(markdown: str, fmt: str, title: str, banner: str | None, path: str) -> str:
    """Render a letter in ``fmt`` and write it to ``path``."""
    content = render(markdown, fmt, title=title, banner=banner)
    data = content.encode("utf-8") if isinstance(content, str) else content
    Path(path).write_bytes(data)
    return path


def workbook_job(model: WorkbookModel, *paths: str) -> str:
    """Render a workbook model in each path's format (its suffix) and write each file.

    Returns:
        The first path written.
    """
    for path in paths:
        Path(path).write_bytes(render_workbook(model, Path(path).suffix.lstrip(".")))
    return paths[0]
