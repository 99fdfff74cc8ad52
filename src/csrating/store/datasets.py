"""Dataset loads: validate a folder with :mod:`csrating.ingest` and record the outcome.

A load is all or nothing: an accepted one is recorded with its report and content hash;
a refused one is recorded with every problem, and nothing else in the store changes.
Reading a load back checks the content hash, so a round's figures always come from the
files as they were when they were loaded. The store keeps no cache: the web
application's cache (:mod:`csrating.web.cache`) keeps what it re-uses.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from csrating.errors import InputError, StoreError
from csrating.ingest import Dataset, DatasetRefused, LoadReport
from csrating.ingest import load_dataset as ingest_dataset
from csrating.ingest.manifest import MANIFEST_FILE
from csrating.ingest.moderation import MODERATION_FILE
from csrating.ingest.readers import SUFFIXES
from csrating.ingest.schema import TABLES
from csrating.store import audit
from csrating.store.models import DatasetLoad, LoadStatus

MAX_PROBLEMS_STORED = 1000
"""The most problems of a refused load kept in its report (the total is always kept)."""

_TABLE_FILES = frozenset(
    {table.file_stem + suffix for table in TABLES for suffix in SUFFIXES}
    | {MANIFEST_FILE, MODERATION_FILE}
)


def content_hash(folder: Path) -> str:
    """Return the SHA-256 (hex) over a dataset folder's table files, names and contents.

    The manifest and moderation count with the tables; other files (a README, notes) do
    not. A missing or unreadable folder hashes like an empty one.
    """
    digest = hashlib.sha256()
    try:
        files = sorted(p for p in folder.iterdir() if p.name.lower() in _TABLE_FILES)
    except OSError:
        files = []
    for path in files:
        digest.update(path.name.lower().encode("utf-8") + b"\0")
        try:
            with path.open("rb") as stream:
                while chunk := stream.read(1 << 20):
                    digest.update(chunk)
        except OSError as error:
            digest.update(f"unreadable: {error.strerror}".encode())
        digest.update(b"\0")
    return digest.hexdigest()


def report_json(report: LoadReport | None, problems: tuple[Any, ...] = ()) -> dict[str, Any]:
    """Return a load report as JSON: each table's row count, and the problems found."""
    listed = report.problems if report is not None else problems
    return {
        "tables": [
            {"file": t.file, "rows": t.rows, "notes": list(t.notes)}
            for t in (report.tables if report is not None else ())
        ],
        "problem_count": len(listed),
        "problems": [
            {
                "file": p.file,
                "row": p.row,
                "column": p.column,
                "value": p.value,
                "expected": p.expected,
                "message": str(p),
            }
            for p in listed[:MAX_PROBLEMS_STORED]
        ],
    }


def read_dataset(path: Path) -> tuple[Dataset | None, InputError | None, str]:
    """Read and validate a dataset folder (no database work).

    Returns:
        The dataset (or ``None``), the refusal (or ``None``) and the content hash.

    Raises:
        StoreError: the files changed while they were being read.
    """
    folder = path.resolve()
    digest = content_hash(folder)
    try:
        dataset = ingest_dataset(folder)
    except InputError as error:
        return None, error, digest
    if content_hash(folder) != digest:
        raise StoreError(f"the files in {folder} changed while they were being read: load again")
    return dataset, None, digest


def check_name(name: str) -> None:
    """Refuse an empty name for a dataset load.

    Raises:
        StoreError: the name is empty or only spaces.
    """
    if not name.strip():
        raise StoreError("a dataset load needs a name, e.g. 'Autumn 2009 data'")


def record_load(
    session: Session,
    path: Path,
    *,
    name: str,
    actor: str,
    now: dt.datetime,
    dataset: Dataset | None,
    refusal: InputError | None,
    digest: str,
) -> DatasetLoad:
    """Record a load's outcome and its audit entry in ``session``'s transaction."""
    check_name(name)
    if refusal is not None:
        report = refusal.report if isinstance(refusal, DatasetRefused) else None
        details = report_json(report, refusal.problems)
        status = LoadStatus.REFUSED
    else:
        details = report_json(dataset.report if dataset is not None else None)
        status = LoadStatus.ACCEPTED
    load = DatasetLoad(
        name=name.strip(),
        path=str(path.resolve()),
        loaded_at=now,
        loaded_by=actor,
        status=status,
        report_json=details,
        content_hash=digest,
    )
    session.add(load)
    session.flush()
    audit.record(
        session,
        at=now,
        actor=actor,
        action="dataset.accept" if status is LoadStatus.ACCEPTED else "dataset.refuse",
        entity="dataset_load",
        entity_id=load.id,
        details={
            "name": load.name,
            "path": load.path,
            "content_hash": digest,
            "problem_count": details["problem_count"],
            "rows": {t["file"]: t["rows"] for t in details["tables"]},
        },
    )
    return load


def dataset_for(load: DatasetLoad) -> Dataset:
    """Return the dataset of an accepted load, read again from its path.

    Raises:
        StoreError: the load was refused, or its files changed since they were loaded.
    """
    if load.status is not LoadStatus.ACCEPTED:
        raise StoreError(
            f"dataset load {load.id} ({load.name}) was refused, so it has no data: "
            "fix the problems in its report and load it again"
        )
    folder = Path(load.path)
    if content_hash(folder) != load.content_hash:
        raise StoreError(
            f"the files of dataset load {load.id} ({load.name}) in {folder} changed or went "
            "missing since they were loaded: restore them, or load the folder again"
        )
    return ingest_dataset(folder)
