"""What the adapters of published indicator files share: places, values, output.

* :func:`place_kinds` sorts DfE council codes into councils of the dataset's geography,
  councils of another geography (skipped and counted) and codes no geography knows
  (refused);
* :func:`write_indicator_dataset` writes ``indicators.csv`` and ``dataset.toml``
  together, adding to a dataset folder that already holds other tables.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from csrating.errors import UsageError
from csrating.files import write_many
from csrating.ingest.dataset import INDICATORS_SCHEMA
from csrating.ingest.manifest import MANIFEST_FILE, DatasetManifest, manifest_toml, read_manifest
from csrating.ingest.periods import parse_period, period_end
from csrating.reference import geography, vintages
from csrating.types import ENGLAND_ONS_CODE


def council_code(text: str) -> str | None:
    """Return a DfE council code written as a number (``"885"``, ``"885.0"``), or ``None``."""
    match = re.fullmatch(r"\s*(\d{3})(?:\.0+)?\s*", text)
    return match.group(1) if match else None


@dataclass(frozen=True)
class Places:
    """The council codes of a dataset's geography and of every other one known."""

    vintage: str
    councils: frozenset[str]
    elsewhere: frozenset[str]

    def skip_reason(self, codes: Iterable[str]) -> str:
        """Return the reason rows of councils outside the geography are skipped."""
        listed = ", ".join(sorted(set(codes)))
        return f"council not in the {self.vintage} geography ({listed})"


def places(vintage: str) -> Places:
    """Return the councils of ``vintage`` and the codes of councils of other geographies.

    Raises:
        UsageError: no geography of that vintage is shipped.
    """
    own = frozenset(str(code) for code in geography(vintage).codes)
    other: set[str] = set()
    for name in vintages():
        other.update(str(code) for code in geography(name).codes)
    return Places(vintage, own, frozenset(other - own))


def default_vintage() -> str:
    """Return the newest shipped geography: today's data are keyed on today's councils."""
    return max(vintages(), key=lambda name: geography(name).in_force)


def latest_end(indicators: pl.DataFrame) -> dt.date | None:
    """Return when the latest period with a value ends (the dataset's as-at date)."""
    found = indicators.filter(pl.col("value").is_not_null()).get_column("period").unique()
    ends = [period_end(text) for text in found.to_list()]
    return max(ends) if ends else None


def sort_indicators(indicators: pl.DataFrame, order: list[str]) -> pl.DataFrame:
    """Return rows in catalogue order, then council code (England last), then period."""
    rank = {ident: n for n, ident in enumerate(order)}
    ends = {p: period_end(p) for p in indicators.get_column("period").unique().to_list()}
    return (
        indicators.with_columns(
            pl.col("indicator").replace_strict(rank, return_dtype=pl.Int32).alias("__rank"),
            (pl.col("la_code") == ENGLAND_ONS_CODE).alias("__england"),
            pl.col("period").replace_strict(ends, return_dtype=pl.Date).alias("__end"),
        )
        .sort(["__rank", "__england", "la_code", "__end", "period"])
        .select(list(INDICATORS_SCHEMA))
    )


def periods_by_indicator(indicators: pl.DataFrame, order: list[str]) -> dict[str, tuple[str, ...]]:
    """Return each indicator's periods, oldest first, indicators in ``order``."""
    found: dict[str, set[str]] = {}
    for ident, period in indicators.select("indicator", "period").unique().rows():
        found.setdefault(ident, set()).add(period)

    def key(text: str) -> tuple[dt.date, int, str]:
        period = parse_period(text)
        if period is None:
            raise ValueError(f"{text!r} is not a period")
        return period.order

    return {ident: tuple(sorted(found[ident], key=key)) for ident in order if ident in found}


def merged_manifest(folder: Path, new: DatasetManifest) -> DatasetManifest:
    """Return the manifest for ``folder`` once it holds ``new``'s indicators.

    A folder without ``dataset.toml`` gets ``new``. One with a manifest keeps its name,
    adds the new source, attribution and table, takes the later as-at date and ``new``'s
    indicator catalogue; it must use the same geography and be real data.

    Raises:
        UsageError: the existing manifest is invalid, uses another geography, or
            describes demonstration data.
    """
    if not (folder / MANIFEST_FILE).exists():
        return new
    old, problems = read_manifest(folder)
    if old is None:
        detail = "; ".join(str(p) for p in problems)
        raise UsageError(f"{folder / MANIFEST_FILE} is not a valid manifest ({detail})")
    if old.vintage != new.vintage:
        raise UsageError(
            f"{folder} holds data for the {old.vintage} geography; these are for "
            f"{new.vintage} (pass --vintage {old.vintage}, or write to another folder)"
        )
    if old.demonstration:
        raise UsageError(f"{folder} holds demonstration data; write real data to another folder")
    sources = [s for s in (old.source, new.source) if s]
    as_at = max((d for d in (old.as_at, new.as_at) if d is not None), default=None)
    return old.model_copy(
        update={
            "source": "; ".join(dict.fromkeys(sources)),
            "licence": old.licence or new.licence,
            "attribution": tuple(dict.fromkeys((*old.attribution, *new.attribution))),
            "as_at": as_at,
            "catalogue": new.catalogue,
            "description": old.description or new.description,
            "tables": tuple(dict.fromkeys((*old.tables, *new.tables))),
        }
    )


def write_indicator_dataset(
    indicators: pl.DataFrame, folder: Path, manifest: DatasetManifest, *, overwrite: bool
) -> tuple[Path, Path]:
    """Write ``indicators.csv`` and ``dataset.toml`` into ``folder`` together.

    Args:
        indicators: rows with the columns of ``INDICATORS_SCHEMA``.
        folder: the dataset folder; created if missing.
        manifest: the manifest of these indicators, merged into an existing one.
        overwrite: replace an existing ``indicators.csv``.

    Returns:
        The paths of the table and the manifest.

    Raises:
        UsageError: the table exists and ``overwrite`` is false, ``indicators.xlsx``
            exists, the existing manifest does not fit, or the folder cannot be written.
    """
    table = folder / "indicators.csv"
    if (folder / "indicators.xlsx").exists():
        raise UsageError(f"{folder / 'indicators.xlsx'} exists; remove it before writing {table}")
    if table.exists() and not overwrite:
        raise UsageError(f"{table} already exists; use --overwrite to replace it")
    merged = merged_manifest(folder, manifest)
    rows = indicators.select(pl.col(name).cast(dtype) for name, dtype in INDICATORS_SCHEMA.items())
    written = write_many(
        {
            table: rows.write_csv(null_value="").encode("utf-8"),
            folder / MANIFEST_FILE: manifest_toml(merged),
        }
    )
    return written[0], written[1]
