"""The slow files of the site (letter PDFs and DOCX, profile workbooks), one job each.

Jobs are plain module-level functions of picklable values, so a process pool can run
them; each writes its own file and returns its path.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from csrating.frameworks.model import Framework
from csrating.letters.render import render
from csrating.pipeline import CouncilResult
from csrating.publish.marks import Marks
from csrating.publish.workbook import profile_workbook
from csrating.types import LaCode


def letter_job(markdown: str, fmt: str, title: str, banner: str | None, path: str) -> str:
    """Render a letter in ``fmt`` and write it to ``path``."""
    content = render(markdown, fmt, title=title, banner=banner)
    data = content.encode("utf-8") if isinstance(content, str) else content
    Path(path).write_bytes(data)
    return path


def workbook_job(
    result: CouncilResult,
    neighbours: Mapping[LaCode, CouncilResult],
    demonstration: bool,
    framework: Framework,
    path: str,
    marks: Marks | None = None,
) -> str:
    """Build a council's profile workbook and write it to ``path``."""
    data = profile_workbook(
        result,
        neighbours=neighbours,
        demonstration=demonstration,
        framework=framework,
        marks=marks,
    )
    Path(path).write_bytes(data)
    return path
