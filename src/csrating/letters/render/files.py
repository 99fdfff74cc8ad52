"""Write a rendered document to disk atomically.

Rendering is pure (text or bytes in memory); this is the only step that touches the disk.
The content goes to a temporary file in the destination folder, is flushed to disk, and
then replaces the destination in one ``os.replace``: a reader sees the old file or the
new one, never half of one, and a killed process leaves at worst a stray temporary file
(named ``.<name>.<random>.tmp``), never a truncated document.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

_FILE_MODE = 0o666  # narrowed by the process umask, as for any ordinary new file


def write_document(content: str | bytes, path: Path) -> Path:
    """Write ``content`` to ``path`` atomically, creating missing parent folders.

    Args:
        content: The document; text is written as UTF-8 exactly as given (no newline
            translation).
        path: Where to write it; an existing file is replaced.

    Returns:
        ``path``.

    Raises:
        OSError: the folder cannot be created or written to; no temporary file is left.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    path = Path(path)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".{path.name}.{secrets.token_hex(6)}.tmp"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _FILE_MODE)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        raise
    _sync_folder(folder)
    return path


def _sync_folder(folder: Path) -> None:
    """Flush the folder entry so the rename survives a crash (where the OS allows)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # e.g. Windows cannot open a folder
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)
