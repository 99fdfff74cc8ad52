"""Real datasets shipped with csrating, built from Ofsted's and DfE's published files.

``scripts/build_real_datasets.py`` builds them from ``../shared/data`` with the same
``csrating ingest`` commands a user would run; they ship as dataset folders (canonical
tables and ``dataset.toml``) in ``csrating/datasets/data``. :func:`shipped_datasets` lists
them; :func:`export_dataset` writes one as a dataset folder; :func:`shipped_path` gives a
shipped folder to read in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from csrating.errors import UsageError
from csrating.files import write_many
from csrating.ingest.manifest import DatasetManifest, read_manifest

__all__ = ["ShippedDataset", "export_dataset", "shipped_datasets", "shipped_path"]


@dataclass(frozen=True)
class ShippedDataset:
    """A shipped dataset: its name, its manifest and the tables it holds (with rows)."""

    name: str
    manifest: DatasetManifest
    tables: tuple[tuple[str, int], ...]


def _root() -> Path:
    return Path(str(resources.files("csrating.datasets").joinpath("data")))


def shipped_datasets() -> tuple[ShippedDataset, ...]:
    """Return every shipped dataset, by name."""
    found = []
    for folder in sorted(p for p in _root().iterdir() if p.is_dir()):
        manifest, problems = read_manifest(folder)
        if manifest is None:  # pragma: no cover - the build script writes valid manifests
            raise UsageError(f"shipped dataset {folder.name}: {problems[0]}")
        tables = tuple((path.stem, _rows(path)) for path in sorted(folder.glob("*.csv")))
        found.append(ShippedDataset(folder.name, manifest, tables))
    return tuple(found)


def _rows(path: Path) -> int:
    with path.open("rb") as stream:
        return max(sum(1 for _ in stream) - 1, 0)


def shipped_path(name: str) -> Path:
    """Return the folder of shipped dataset ``name``, to read in place.

    Raises:
        UsageError: no shipped dataset has that name (the message lists them).
    """
    folder = _root() / name
    if not (folder / "dataset.toml").is_file():
        known = ", ".join(d.name for d in shipped_datasets())
        raise UsageError(f"no shipped dataset {name!r} (shipped: {known})")
    return folder


def export_dataset(name: str, target: Path, *, overwrite: bool = False) -> tuple[Path, ...]:
    """Write shipped dataset ``name`` into the folder ``target`` (all files or none).

    Raises:
        UsageError: no such dataset, or ``target`` holds a file of the dataset and
            ``overwrite`` is false.
    """
    source = shipped_path(name)
    files = {target / path.name: path.read_bytes() for path in sorted(source.iterdir())}
    return write_many(files, replace=overwrite)
