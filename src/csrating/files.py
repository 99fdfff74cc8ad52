"""Write files atomically: the one place csrating puts anything on disk.

Every writer stages the content in a temporary file beside the destination, flushes it to
disk and renames it into place in one ``os.replace``: a reader sees the old file or the
new one, never half of one, and a killed process leaves at worst a stray temporary file
(named ``.<name>.<random>.tmp``), never a truncated one.

New files get the ordinary mode ``0o666`` narrowed by the process umask (``0644`` under
the usual ``022``), so a web server running as another user can serve what was written.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from csrating.errors import UsageError

__all__ = ["Content", "replace_folder", "staged", "write_bytes", "write_many", "write_text"]

_FILE_MODE = 0o666  # narrowed by the process umask, as for any ordinary new file

Content = str | bytes | Callable[[BinaryIO], object]
"""What a file holds: text (written as UTF-8), bytes, or a function that writes a stream."""


@contextlib.contextmanager
def staged(path: Path) -> Iterator[tuple[Path, BinaryIO]]:
    """Yield a temporary file beside ``path`` and its open stream; the caller renames it.

    The temporary file is removed if the block fails, or if the caller leaves it in place.
    """
    folder = path.parent
    temporary = folder / f".{path.name}.{secrets.token_hex(6)}.tmp"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _FILE_MODE)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            yield temporary, stream
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def _fill(stream: BinaryIO, content: Content) -> None:
    if isinstance(content, str):
        stream.write(content.encode("utf-8"))
    elif isinstance(content, bytes):
        stream.write(content)
    else:
        content(stream)
    stream.flush()
    os.fsync(stream.fileno())


def write_bytes(path: str | os.PathLike[str], data: bytes, *, replace: bool = True) -> Path:
    """Write ``data`` to ``path`` atomically, creating missing parent folders.

    Args:
        path: the file to write.
        data: the complete contents.
        replace: replace an existing file; with ``False`` an existing file is an error.

    Returns:
        The path written.

    Raises:
        UsageError: ``replace`` is false and the file exists, or the place cannot be
            written to (the message names the path and the reason).
    """
    return write_many({Path(path): data}, replace=replace)[0]


def write_text(path: str | os.PathLike[str], text: str, *, replace: bool = True) -> Path:
    """Write ``text`` as UTF-8 to ``path`` atomically (see :func:`write_bytes`)."""
    return write_many({Path(path): text}, replace=replace)[0]


def write_many(files: Mapping[Path, Content], *, replace: bool = True) -> tuple[Path, ...]:
    """Write several files, all staged first and then renamed into place together.

    A failure while staging leaves every destination as it was.

    Raises:
        UsageError: a destination exists and ``replace`` is false, or cannot be written.
    """
    paths = [Path(p) for p in files]
    path = paths[0] if paths else Path()
    with contextlib.ExitStack() as stack:
        ready: list[tuple[Path, Path]] = []
        try:
            for path in paths:
                path.parent.mkdir(parents=True, exist_ok=True)
                if not replace and path.exists():
                    raise UsageError(f"{path} already exists; use --overwrite to replace it")
                temporary, stream = stack.enter_context(staged(path))
                _fill(stream, files[path])
                stream.close()
                ready.append((temporary, path))
            for temporary, path in ready:
                if replace:
                    os.replace(temporary, path)
                else:
                    try:
                        os.link(temporary, path)  # fails rather than replace a file made meanwhile
                    except FileExistsError:
                        raise UsageError(
                            f"{path} already exists; use --overwrite to replace it"
                        ) from None
        except OSError as error:
            raise UsageError(_cannot_write(path, error)) from None
    for folder in {p.parent for p in paths}:
        _sync_folder(folder)
    return tuple(paths)


def replace_folder(staging: Path, target: Path) -> None:
    """Put the folder ``staging`` where ``target`` is, replacing it as nearly atomically as
    the filesystem allows (the old folder is moved aside first and removed after)."""
    if not target.exists():
        os.replace(staging, target)
        return
    old = target.parent / f".{target.name}.old-{secrets.token_hex(4)}"
    os.replace(target, old)
    try:
        os.replace(staging, target)
    except BaseException:
        os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _cannot_write(path: Path, error: OSError) -> str:
    reason = error.strerror or str(error)
    return f"cannot write {path}: {reason}"


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
