"""Load a dataset folder as a whole: the manifest and every table checked, all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from csrating.errors import DatasetRefused, InputError, Problem
from csrating.ingest.dataset import Dataset, empty_frame
from csrating.ingest.manifest import DatasetManifest, read_manifest
from csrating.ingest.moderation import MODERATION_FILE, check_moderation
from csrating.ingest.readers import SUFFIXES, read_raw
from csrating.ingest.report import LoadReport, TableSummary
from csrating.ingest.schema import TABLES, Table
from csrating.ingest.table_checks import SCHEMAS, check_table
from csrating.moderation import Moderation
from csrating.reference import DEFAULT_CATALOGUE, DEFAULT_VINTAGE
from csrating.types import LaCode

Progress = Callable[[str], None]
"""Receives a short line of text as each step of a load starts or ends."""

_UNSUPPORTED = {".ods": "ODS", ".xls": "Excel 97-2003 (.xls)"}

MISSING_MEANS = {
    "inspections": "Block A (inspected services and settings) has no data: frameworks that "
    "need it withhold the rating",
    "council_inspections": "Block B (council-level inspections) has no data: no safeguarding "
    "limiter can apply, and frameworks that need the block withhold the rating",
    "indicators": "Block C (indicators) has no data: frameworks that need it withhold the rating",
}
"""What a dataset without each evidence table means for a rating."""

__all__ = ["DatasetRefused", "MISSING_MEANS", "load_dataset", "read_table", "validate_dataset"]


def validate_dataset(path: Path) -> LoadReport:
    """Check a dataset folder's manifest, every table and ``moderation.csv``.

    Args:
        path: the dataset folder.

    Returns:
        The report: the manifest, the tables read, their row counts, what is missing and
        every problem found.
    """
    return _check_dataset(path, None).report


def load_dataset(path: Path, *, progress: Progress | None = None) -> Dataset:
    """Load a dataset folder, refusing it as a whole if anything in it is wrong.

    Args:
        path: the dataset folder: ``dataset.toml`` and any of ``inspections``,
            ``council_inspections`` and ``indicators`` (and optionally ``contacts`` and
            ``moderation``) as ``.csv`` or ``.xlsx``.
        progress: called with a line of text as each file is read and checked.

    Returns:
        The typed tables, with the manifest, the moderation records and the load report.

    Raises:
        DatasetRefused: an :class:`~csrating.errors.InputError` listing every problem found.
    """
    checked = _check_dataset(path, progress)
    report, manifest = checked.report, checked.manifest
    if not report.ok or manifest is None:
        raise DatasetRefused(report)
    return Dataset(
        inspections=checked.frames["inspections"],
        council_inspections=checked.frames["council_inspections"],
        indicators=checked.frames["indicators"],
        contacts=checked.frames["contacts"],
        manifest=manifest,
        moderation=checked.moderation,
        present=checked.present,
        source=path,
        report=report,
    )


def read_table(
    path: Path,
    table: Table,
    vintage: str = DEFAULT_VINTAGE,
    catalogue: str = DEFAULT_CATALOGUE,
) -> pl.DataFrame:
    """Read and check one table file.

    Args:
        path: a ``.csv`` or ``.xlsx`` file holding ``table``.
        table: the table's contract, e.g. :data:`~csrating.ingest.schema.INSPECTIONS`.
        vintage: the geography council codes must belong to.
        catalogue: the indicator catalogue identifiers must belong to.

    Returns:
        The typed frame, with the columns of the table's schema.

    Raises:
        InputError: listing every problem found in the file.
    """
    checked = check_table(read_raw(path), table, vintage, catalogue)
    if checked.problems:
        raise InputError(checked.problems)
    return checked.frame


@dataclass(frozen=True)
class _Checked:
    report: LoadReport
    frames: dict[str, pl.DataFrame] = field(default_factory=dict)
    manifest: DatasetManifest | None = None
    moderation: dict[LaCode, tuple[Moderation, ...]] = field(default_factory=dict)
    present: frozenset[str] = frozenset()


def _check_dataset(path: Path, progress: Progress | None) -> _Checked:
    def say(line: str) -> None:
        if progress is not None:
            progress(line)

    if not path.is_dir():
        problem = Problem(
            str(path), None, None, None, "is not a folder (expected a dataset folder)"
        )
        return _Checked(LoadReport(problems=(problem,)))
    manifest, manifest_problems = read_manifest(path)
    vintage = manifest.vintage if manifest is not None else DEFAULT_VINTAGE
    catalogue = manifest.catalogue if manifest is not None else DEFAULT_CATALOGUE
    files, problems = _find_table_files(path)
    problems[:0] = manifest_problems
    summaries: list[TableSummary] = []
    frames: dict[str, pl.DataFrame] = {}
    notes: list[str] = []
    for table in TABLES:
        file = files.get(table.name)
        if file is None:
            frames[table.name] = empty_frame(SCHEMAS[table.name])
            if table.name in MISSING_MEANS:
                notes.append(f"no {table.file_stem} table: {MISSING_MEANS[table.name]}")
            continue
        say(f"Reading {file.name}")
        checked = check_table(read_raw(file), table, vintage, catalogue)
        found = len(checked.problems)
        say(f"Checked {file.name}: {checked.summary.rows:,} rows, {found:,} problems")
        summaries.append(checked.summary)
        problems.extend(checked.problems)
        frames[table.name] = checked.frame
    if not any(name in files for name in MISSING_MEANS):
        problems.append(
            Problem(
                str(path),
                None,
                None,
                None,
                "holds none of the evidence tables (expected at least one of "
                "inspections.csv, council_inspections.csv and indicators.csv)",
            )
        )
    moderation, moderation_problems = check_moderation(path, vintage)
    if (path / MODERATION_FILE).is_file():
        count = sum(len(records) for records in moderation.values())
        say(f"Checked {MODERATION_FILE}: {count:,} records")
        summaries.append(TableSummary(MODERATION_FILE, count))
    problems.extend(moderation_problems)
    report = LoadReport(tuple(summaries), tuple(problems), manifest, tuple(notes))
    return _Checked(report, frames, manifest, moderation, frozenset(files))


def _find_table_files(folder: Path) -> tuple[dict[str, Path], list[Problem]]:
    """Find each table's file in ``folder``; report doubled and unsupported ones."""
    found: dict[str, Path] = {}
    problems: list[Problem] = []
    try:
        by_name = {entry.name.lower(): entry for entry in folder.iterdir() if entry.is_file()}
    except OSError as error:
        reason = error.strerror or str(error)
        problems.append(Problem(str(folder), None, None, None, f"cannot be listed ({reason})"))
        return found, problems
    for table in TABLES:
        candidates = [by_name[n] for n in (table.file_stem + s for s in SUFFIXES) if n in by_name]
        for suffix, label in _UNSUPPORTED.items():
            other = by_name.get(table.file_stem + suffix)
            if other is not None:
                problems.append(
                    Problem(
                        other.name,
                        None,
                        None,
                        None,
                        f"is {label}, which cannot be read as a table: save it as CSV (UTF-8) "
                        "or .xlsx, or convert a published file with 'csrating ingest'",
                    )
                )
        if len(candidates) > 1:
            names = " and ".join(c.name for c in candidates)
            problems.append(
                Problem(
                    candidates[0].name,
                    None,
                    None,
                    None,
                    f"is one of two files for the {table.name} table ({names}); keep only one",
                )
            )
        elif candidates:
            found[table.name] = candidates[0]
    return found, problems
