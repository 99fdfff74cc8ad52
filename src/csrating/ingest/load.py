"""Load a dataset folder as a whole: every table checked, all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl

from csrating.errors import InputError, Problem
from csrating.ingest.dataset import Dataset, empty_frame
from csrating.ingest.readers import SUFFIXES, read_raw
from csrating.ingest.report import LoadReport, TableSummary
from csrating.ingest.schema import TABLES, Table
from csrating.ingest.table_checks import SCHEMAS, check_table

Progress = Callable[[str], None]
"""Receives a short line of text as each step of a load starts or ends."""

_UNSUPPORTED = {".ods": "ODS", ".xls": "Excel 97-2003 (.xls)"}


class DatasetRefused(InputError):
    """A dataset was refused as a whole; ``report`` holds what was read and every problem."""

    def __init__(self, report: LoadReport) -> None:
        super().__init__(report.problems)
        self.report = report


def validate_dataset(path: Path) -> LoadReport:
    """Check every table of a dataset folder without loading it.

    Args:
        path: the dataset folder.

    Returns:
        The report: the tables read, their row counts and every problem found.
    """
    report, _ = _check_dataset(path, None)
    return report


def load_dataset(path: Path, *, progress: Progress | None = None) -> Dataset:
    """Load a dataset folder, refusing it as a whole if anything in it is wrong.

    Args:
        path: the dataset folder, holding ``inspections``, ``council_inspections`` and
            ``indicators`` (and optionally ``contacts``) as ``.csv`` or ``.xlsx``.
        progress: called with a line of text as each file is read and checked.

    Returns:
        The typed tables, with the load report.

    Raises:
        DatasetRefused: an :class:`~csrating.errors.InputError` listing every problem found.
    """
    report, frames = _check_dataset(path, progress)
    if not report.ok:
        raise DatasetRefused(report)
    return Dataset(
        inspections=frames["inspections"],
        council_inspections=frames["council_inspections"],
        indicators=frames["indicators"],
        contacts=frames["contacts"],
        source=path,
        report=report,
    )


def read_table(path: Path, table: Table) -> pl.DataFrame:
    """Read and check one table file.

    Args:
        path: a ``.csv`` or ``.xlsx`` file holding ``table``.
        table: the table's contract, e.g. :data:`~csrating.ingest.schema.INSPECTIONS`.

    Returns:
        The typed frame, with the columns of the table's schema.

    Raises:
        InputError: listing every problem found in the file.
    """
    checked = check_table(read_raw(path), table)
    if checked.problems:
        raise InputError(checked.problems)
    return checked.frame


def _check_dataset(
    path: Path, progress: Progress | None
) -> tuple[LoadReport, dict[str, pl.DataFrame]]:
    def say(line: str) -> None:
        if progress is not None:
            progress(line)

    if not path.is_dir():
        problem = Problem(
            str(path), None, None, None, "is not a folder (expected a dataset folder)"
        )
        return LoadReport(problems=(problem,)), {}
    files, problems = _find_table_files(path)
    summaries: list[TableSummary] = []
    frames: dict[str, pl.DataFrame] = {}
    for table in TABLES:
        file = files.get(table.name)
        if file is None:
            frames[table.name] = empty_frame(SCHEMAS[table.name])
            continue
        say(f"Reading {file.name}")
        checked = check_table(read_raw(file), table)
        found = len(checked.problems)
        say(f"Checked {file.name}: {checked.summary.rows:,} rows, {found:,} problems")
        summaries.append(checked.summary)
        problems.extend(checked.problems)
        frames[table.name] = checked.frame
    return LoadReport(tuple(summaries), tuple(problems)), frames


def _find_table_files(folder: Path) -> tuple[dict[str, Path], list[Problem]]:
    """Find each table's file in ``folder``; report missing, doubled and unsupported ones."""
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
                        f"is {label}, which cannot be read: save it as CSV (UTF-8) or .xlsx",
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
        elif not table.optional and not any(table.file_stem + s in by_name for s in _UNSUPPORTED):
            problems.append(
                Problem(
                    f"{table.file_stem}.csv",
                    None,
                    None,
                    None,
                    f"is missing: the dataset needs the {table.name} table as "
                    f"{table.file_stem}.csv or {table.file_stem}.xlsx in {folder}",
                )
            )
    return found, problems
