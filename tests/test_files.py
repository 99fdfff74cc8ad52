"""The one atomic writer: whole files or none, ordinary permissions, clear errors."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from csrating.errors import UsageError
from csrating.files import write_bytes, write_many, write_text


@pytest.fixture
def usual_umask() -> Iterator[None]:
    """Run the test under the usual umask, 022."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_files_get_ordinary_permissions(tmp_path: Path, usual_umask: None) -> None:
    written = write_text(tmp_path / "a" / "b.txt", "hello")
    assert written.read_text() == "hello"
    assert mode(written) == 0o644
    assert mode(write_bytes(tmp_path / "c.bin", b"\x00\x01")) == 0o644


def test_a_replaced_file_is_whole_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    target = tmp_path / "x.csv"
    write_text(target, "old\n")
    write_text(target, "new\n")
    assert target.read_text() == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.csv"]


def test_write_many_writes_all_or_nothing(tmp_path: Path) -> None:
    first = tmp_path / "first.txt"
    write_text(first, "kept")

    def fails(stream: object) -> None:
        raise RuntimeError("the writer broke")

    with pytest.raises(RuntimeError, match="the writer broke"):
        write_many({first: "replaced", tmp_path / "second.txt": fails})
    assert first.read_text() == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first.txt"]


def test_an_existing_file_is_kept_without_replace(tmp_path: Path) -> None:
    target = tmp_path / "inspections.csv"
    write_text(target, "old")
    with pytest.raises(UsageError, match="already exists; use --overwrite"):
        write_text(target, "new", replace=False)
    assert target.read_text() == "old"


def test_a_place_that_cannot_be_written_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    with pytest.raises(UsageError, match=r"cannot write .*folder"):
        write_text(tmp_path / "folder", "text")
    with pytest.raises(UsageError, match="cannot write /proc/version"):
        write_text(Path("/proc/version"), "text")
