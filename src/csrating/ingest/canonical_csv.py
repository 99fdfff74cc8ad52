"""Write a canonical table as CSV into a dataset folder, atomically."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import polars as pl

from csrating.errors import UsageError
from csrating.files import write_many
from csrating.ingest.schema import INSPECTIONS, Table
from csrating.ingest.table_checks import SCHEMAS


def write_inspections_csv(
    frame: pl.DataFrame, dataset_dir: Path, *, overwrite: bool = False
) -> Path:
    """Write ``inspections.csv`` into a dataset folder: ISO dates, grades as digits.

    Args:
        frame: inspections with the columns of ``INSPECTIONS_SCHEMA``.
        dataset_dir: the dataset folder; created if missing.
        overwrite: replace an existing ``inspections.csv``.

    Returns:
        The path written.

    Raises:
        UsageError: the frame lacks a column or holds values of the wrong type, or the
            file exists and ``overwrite`` is false, or ``inspections.xlsx`` exists.
    """
    return write_table_csv(frame, INSPECTIONS, dataset_dir, overwrite=overwrite)


def write_table_csv(
    frame: pl.DataFrame, table: Table, dataset_dir: Path, *, overwrite: bool = False
) -> Path:
    """Write one canonical table as ``NAME.csv``, via a temporary file and a rename.

    Args:
        frame: the table's rows with (at least) the columns of its schema.
        table: which canonical table the rows are.
        dataset_dir: the dataset folder; created if missing.
        overwrite: replace an existing file of the same name.

    Returns:
        The path written.

    Raises:
        UsageError: see :func:`write_inspections_csv`.
    """
    schema = SCHEMAS[table.name]
    missing = [name for name in schema if name not in frame.columns]
    if missing:
        raise UsageError(
            f"cannot write {table.file_stem}.csv: the frame lacks column(s) {', '.join(missing)}"
        )
    try:
        rows = frame.select(pl.col(name).cast(dtype) for name, dtype in schema.items())
    except pl.exceptions.InvalidOperationError as error:
        raise UsageError(f"cannot write {table.file_stem}.csv: {error}") from None

    dataset_dir.mkdir(parents=True, exist_ok=True)
    target = dataset_dir / f"{table.file_stem}.csv"
    other = dataset_dir / f"{table.file_stem}.xlsx"
    if other.exists():
        raise UsageError(f"{other} exists; remove it before writing {target.name}")
    if target.exists() and not overwrite:
        raise UsageError(f"{target} already exists; use --overwrite to replace it")

    def write(stream: BinaryIO) -> None:
        rows.write_csv(stream, date_format="%Y-%m-%d", null_value="")

    write_many({target: write}, replace=overwrite)
    return target
