"""Fixtures for ingest tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import VALID_TABLES, MakeDataset


@pytest.fixture
def make_dataset(tmp_path: Path) -> MakeDataset:
    """Return a function writing a valid tiny dataset folder, with files replaced at will.

    Keyword arguments name files (``inspections_csv="..."`` for ``inspections.csv``);
    a ``str`` or ``bytes`` value replaces the file, ``None`` removes it.
    """

    def make(**files: str | bytes | None) -> Path:
        folder = tmp_path / "dataset"
        folder.mkdir(exist_ok=True)
        contents: dict[str, str | bytes | None] = dict(VALID_TABLES)
        for key, value in files.items():
            stem, _, suffix = key.rpartition("_")
            contents[f"{stem}.{suffix}"] = value
        for name, content in contents.items():
            target = folder / name
            if content is None:
                target.unlink(missing_ok=True)
            elif isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        return folder

    return make
