"""Write what an adapter converted: canonical tables and the manifest, together or not at all.

Each ``csrating ingest`` adapter converts published files in memory (refusing them whole
on any problem), then calls :func:`write_adapted` once. Every file is staged beside its
destination and renamed into place only when all are ready, so a refused or failed write
leaves the dataset folder as it was.

Several adapters may fill one dataset (council inspections from one, settings from
another): a folder's existing ``dataset.toml`` is merged with the new one (tables, sources
and attribution combined) provided it describes real data of the same vintage. A table the
folder already holds is replaced only with ``overwrite``.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Protocol

import polars as pl

from csrating.errors import UsageError
from csrating.files import write_many
from csrating.ingest.load import read_table
from csrating.ingest.manifest import MANIFEST_FILE, DatasetManifest, manifest_toml, read_manifest
from csrating.ingest.schema import Table
from csrating.ingest.table_checks import SCHEMAS
from csrating.reference import DEFAULT_CATALOGUE

OGL = "Open Government Licence v3.0"
"""The licence Ofsted's and DfE's statistics are published under."""

OGL_ATTRIBUTION = (
    "Contains public sector information licensed under the Open Government Licence v3.0."
)
"""The attribution line every output made from OGL data must carry."""


class Conversion(Protocol):
    """What an adapter converted: the canonical tables to write and their manifest."""

    def tables(self) -> Mapping[Table, pl.DataFrame]:
        """Return the canonical tables to write, each as a frame with its schema's columns."""
        ...

    def manifest(self) -> DatasetManifest:
        """Return the manifest of a dataset holding these tables."""
        ...


def published_manifest(
    *,
    name: str,
    source: str,
    description: str,
    tables: tuple[str, ...],
    as_at: dt.date | None,
    vintage: str,
    catalogue: str = DEFAULT_CATALOGUE,
) -> DatasetManifest:
    """Return the manifest of real data converted from files published under the OGL.

    Args:
        name: what the dataset is, in a few words.
        source: who published the files, and which were read.
        description: anything a reader should know about the conversion.
        tables: the tables the conversion writes.
        as_at: the date the data describe (``None`` if unknown).
        vintage: the geography the council codes use.
        catalogue: the indicator catalogue of an ``indicators`` table.

    Returns:
        The manifest, licensed under the OGL with its attribution line.
    """
    return DatasetManifest(
        name=name,
        demonstration=False,
        source=source,
        licence=OGL,
        attribution=(OGL_ATTRIBUTION,),
        as_at=as_at,
        vintage=vintage,
        catalogue=catalogue,
        description=description,
        tables=tables,
    )


def table_csv(frame: pl.DataFrame, table: Table) -> bytes:
    """Return ``frame`` as the CSV text of ``table``: its columns in order, ISO dates.

    Raises:
        UsageError: the frame lacks one of the table's columns.
    """
    schema = SCHEMAS[table.name]
    missing = [name for name in schema if name not in frame.columns]
    if missing:
        raise UsageError(
            f"cannot write {table.file_stem}.csv: the frame lacks column(s) {', '.join(missing)}"
        )
    buffer = io.BytesIO()
    frame.select(pl.col(name).cast(dtype) for name, dtype in schema.items()).write_csv(
        buffer, date_format="%Y-%m-%d", null_value=""
    )
    return buffer.getvalue()


def write_adapted(
    folder: Path,
    tables: Mapping[Table, pl.DataFrame],
    manifest: DatasetManifest,
    *,
    overwrite: bool = False,
    append: bool = False,
) -> tuple[Path, ...]:
    """Write converted tables and the manifest into a dataset folder, all or nothing.

    Args:
        folder: the dataset folder (created if missing; its parent must exist).
        tables: the canonical tables to write, each as a frame with its schema's columns.
        manifest: the manifest describing what was converted.
        overwrite: replace tables the folder already holds.
        append: add the rows to tables the folder already holds (e.g. schools to the
            children's social care providers in ``inspections.csv``); a row whose key is
            already there is refused.

    Returns:
        The paths written: each table's CSV, then ``dataset.toml``.

    Raises:
        UsageError: a table exists and neither ``overwrite`` nor ``append`` is given (the
            message names ``--overwrite`` and ``--append``), both are given, appended rows
            repeat rows already there, the folder holds the table as .xlsx, or its
            ``dataset.toml`` is unreadable, describes demonstration data or another vintage.
        InputError: with ``append``, the table already there is not valid.
    """
    if overwrite and append:
        raise UsageError("--overwrite and --append cannot be used together: choose one")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is not a folder")
    merged = merge_manifests(folder, manifest, appending=append)
    files: dict[Path, bytes | str] = {}
    for table, frame in tables.items():
        target = folder / f"{table.file_stem}.csv"
        other = folder / f"{table.file_stem}.xlsx"
        if other.exists():
            raise UsageError(f"{other} exists; remove it before writing {target.name}")
        if target.exists() and append:
            frame = _appended(target, table, frame, merged)
        elif target.exists() and not overwrite:
            raise UsageError(
                f"{target} already exists; use --overwrite to replace it or --append to add "
                "these rows to it"
            )
        files[target] = table_csv(frame, table)
    files[folder / MANIFEST_FILE] = manifest_toml(merged)
    return write_many(files, replace=True)


def write_conversion(
    conversion: Conversion, folder: Path, *, overwrite: bool = False, append: bool = False
) -> tuple[Path, ...]:
    """Write ``conversion``'s tables and ``dataset.toml`` into ``folder``, all or nothing.

    Returns:
        The paths written: each table's CSV, then ``dataset.toml``.

    Raises:
        UsageError: see :func:`write_adapted`.
        InputError: see :func:`write_adapted`.
    """
    return write_adapted(
        folder,
        conversion.tables(),
        conversion.manifest(),
        overwrite=overwrite,
        append=append,
    )


def _appended(
    target: Path, table: Table, frame: pl.DataFrame, manifest: DatasetManifest
) -> pl.DataFrame:
    """Return the rows of ``target`` (checked) followed by ``frame``'s, refusing repeats."""
    existing = read_table(target, table, manifest.vintage, manifest.catalogue)
    schema = SCHEMAS[table.name]
    added = frame.select(pl.col(name).cast(dtype) for name, dtype in schema.items())
    repeats = added.join(existing.select(table.key), on=list(table.key), how="semi")
    if repeats.height:
        first = ", ".join(str(v) for v in repeats.select(table.key).row(0))
        raise UsageError(
            f"{repeats.height:,} of the rows to append are already in {target} (the first: "
            f"{first}): were these files added before? Use --overwrite to replace the table"
        )
    return pl.concat([existing, added])


def merge_manifests(
    folder: Path, manifest: DatasetManifest, *, appending: bool = False
) -> DatasetManifest:
    """Return ``manifest`` combined with the one ``folder`` already has, if any.

    The new manifest's name, source and description replace the old ones when it covers
    every table the folder held (and is not appended to them); otherwise both are kept.

    Raises:
        UsageError: the existing manifest cannot be read, describes demonstration data or
            data of another vintage.
    """
    if not (folder / MANIFEST_FILE).is_file():
        return manifest
    existing, problems = read_manifest(folder)
    if existing is None:
        detail = str(problems[0]) if problems else "cannot be read"
        raise UsageError(
            f"{folder / MANIFEST_FILE} is not a valid manifest ({detail}): fix or remove it"
        )
    if existing.demonstration:
        raise UsageError(
            f"{folder} holds demonstration data (its dataset.toml says demonstration = true): "
            "write real data into another folder"
        )
    if existing.vintage != manifest.vintage:
        raise UsageError(
            f"{folder} holds data of the {existing.vintage} geography; this conversion is for "
            f"{manifest.vintage}: use --vintage {existing.vintage} or another folder"
        )
    replaces_all = set(existing.tables) <= set(manifest.tables) and not appending
    as_ats = [d for d in (existing.as_at, manifest.as_at) if d is not None]
    return manifest.model_copy(
        update={
            "name": manifest.name if replaces_all else _joined([existing.name, manifest.name]),
            "source": manifest.source
            if replaces_all
            else _joined([existing.source, manifest.source]),
            "licence": _joined([existing.licence, manifest.licence]),
            "attribution": tuple(dict.fromkeys((*existing.attribution, *manifest.attribution))),
            "as_at": max(as_ats) if as_ats else None,
            "description": manifest.description
            if replaces_all
            else _joined([existing.description, manifest.description], "\n\n"),
            "tables": tuple(sorted({*existing.tables, *manifest.tables})),
            "catalogue": manifest.catalogue
            if "indicators" in manifest.tables
            else existing.catalogue,
        }
    )


def _joined(parts: Iterable[str], separator: str = "; ") -> str:
    return separator.join(dict.fromkeys(p for p in parts if p))
