"""Write a rendered document to disk: the only disk step of rendering.

Rendering is pure (text or bytes in memory); :func:`write_document` hands the result to
the project's one atomic writer (:mod:`csrating.files`).
"""

from __future__ import annotations

from pathlib import Path

from csrating.files import write_bytes


def write_document(content: str | bytes, path: Path) -> Path:
    """Write ``content`` to ``path`` atomically, creating missing parent folders.

    Args:
        content: The document; text is written as UTF-8 exactly as given (no newline
            translation).
        path: Where to write it; an existing file is replaced.

    Returns:
        ``path``.

    Raises:
        UsageError: the place cannot be written to (the message names it and why).
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    return write_bytes(path, data)
