"""Adapter for DfE's explore-education-statistics (EES) tidy data files.

EES publishes each table as a tidy CSV: the time (``time_period``, ``time_identifier``),
the place (``geographic_level``, ``country_code``, ``region_code``, ``old_la_code`` ...),
filter columns (``characteristic``, ``social_care_group``, ``version`` ...) and one
column per measure. This module turns chosen measure columns into canonical
``indicators`` rows:

* ``--indicator COLUMN=ID`` names a measure column and the catalogue identifier it gives;
* ``--where COLUMN=VALUE`` keeps one breakdown of the filter columns (other rows are
  skipped and counted); a place and period that still has two rows is refused;
* councils come from ``old_la_code`` (the DfE code) on ``Local authority`` rows, England
  from the ``National`` row (country ``E92000001``); regions and other levels are left out;
* periods from ``time_period`` and ``time_identifier`` (``202223``, "Academic year" is
  2022-23; see :func:`csrating.ingest.periods.read_ees_period`);
* values through the shared markers (``c``, ``x``, ``z``, ``low`` ...).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from csrating.errors import InputError, Problem, UsageError
from csrating.ingest._indicator_output import (
    Places,
    council_code,
    latest_end,
    periods_by_indicator,
    places,
    sort_indicators,
)
from csrating.ingest.adapted import published_manifest
from csrating.ingest.dataset import INDICATORS_SCHEMA
from csrating.ingest.manifest import DatasetManifest
from csrating.ingest.markers import MARKER_LIST, read_numbers
from csrating.ingest.periods import YearType, read_ees_period
from csrating.ingest.problem_log import ROW, ProblemLog
from csrating.ingest.readers import column_key, read_raw
from csrating.reference import catalogues, indicator_catalogue
from csrating.types import ENGLAND_ONS_CODE

REQUIRED = ("time_period", "time_identifier", "geographic_level")
"""The columns every EES data file has and this adapter needs."""

STANDARD = (
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "new_la_code",
    "old_la_code",
    "la_name",
)
"""EES's time and place columns (every other column is a filter or a measure)."""

NATIONAL = "national"
LOCAL_AUTHORITY = "local authority"
REGIONAL = "regional"

SKIP_FILTERED = "another breakdown (left out by --where)"
SKIP_REGION = "regional row (left out: councils are compared with England and similar areas)"
SKIP_LEVEL = "geographic level not read: "  # followed by the level as written
SKIP_COUNTRY = "national row of another country: "  # followed by its code

_CODE = "__code__"
_KEEP = "__keep__"
_PERIOD = "__period__"


@dataclass(frozen=True)
class EesConversion:
    """Canonical indicators made from an EES file, and what was left out and why."""

    indicators: pl.DataFrame  # typed as INDICATORS_SCHEMA
    file: str
    vintage: str
    catalogue: str
    rows_read: int = 0
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> rows
    periods: dict[str, tuple[str, ...]] = field(default_factory=dict)  # indicator -> periods
    as_at: dt.date | None = None

    @property
    def councils(self) -> int:
        """How many councils have at least one row."""
        codes = self.indicators.get_column("la_code")
        return int(codes.filter(codes != ENGLAND_ONS_CODE).n_unique())


def convert_ees(
    path: Path,
    *,
    indicators: Mapping[str, str],
    vintage: str,
    catalogue: str = "lait",
    where: Mapping[str, str] | None = None,
    reporting_year: YearType | None = None,
) -> EesConversion:
    """Convert measure columns of an EES tidy data file to canonical indicators.

    Args:
        path: the EES data file (CSV, or XLSX with the same columns).
        indicators: measure column -> catalogue identifier, e.g.
            ``{"pt_rwm_met_expected_standard": "L_KS2_RWM"}``.
        vintage: the geography councils must belong to.
        catalogue: the indicator catalogue the identifiers belong to.
        where: filter column -> the value to keep (one breakdown).
        reporting_year: what a "Reporting year" is (financial for years to 31 March).

    Returns:
        The indicators, rows skipped by reason and each indicator's periods.

    Raises:
        InputError: the file cannot be read, lacks a column, or holds a row that cannot
            be converted (every such row is listed).
        UsageError: no measure was named, an identifier is not in the catalogue, a
            ``where`` value matches no row, or the vintage is unknown.
    """
    wanted = {column_key(column): ident for column, ident in indicators.items()}
    filters = {column_key(column): value for column, value in (where or {}).items()}
    _check_identifiers(wanted, catalogue)
    where_places = places(vintage)
    raw = read_raw(path)
    log = ProblemLog()
    log.extend(raw.problems)
    frame = raw.frame
    if frame is None:
        raise InputError(log.problems)
    found = [c for c in frame.columns if c != ROW]
    for column in (*REQUIRED, *wanted, *filters):
        if column not in found:
            log.add(
                Problem(
                    raw.file,
                    None,
                    column,
                    None,
                    f"is not a column of this file (found: {', '.join(found)})",
                )
            )
    if len(log):
        raise InputError(log.problems)

    skipped: Counter[str] = Counter()
    for column, value in filters.items():
        keep = frame.get_column(column) == value
        if not keep.any():
            values = sorted(v for v in frame.get_column(column).unique().to_list() if v)
            shown = ", ".join(values[:12]) + (" ..." if len(values) > 12 else "")
            raise UsageError(f"--where {column}={value}: no row has that value (found: {shown})")
        skipped[SKIP_FILTERED] += int((~keep.fill_null(False)).sum())
        frame = frame.filter(keep)

    frame = _with_places(frame, raw.file, where_places, log)
    for reason, count in (
        frame.filter(pl.col(_KEEP).is_not_null() & (pl.col(_KEEP) != ""))
        .group_by(_KEEP)
        .len()
        .iter_rows()
    ):
        skipped[reason] += count
    kept = frame.filter(pl.col(_KEEP) == "")
    kept = _with_periods(kept, raw.file, reporting_year, log)
    parts = []
    for column, ident in wanted.items():
        numbers = read_numbers(kept.get_column(column))
        log.add_rows(
            kept.filter(numbers.unreadable).select(ROW, column),
            file=raw.file,
            column=column,
            expected="is neither a number nor a marker of a missing value (expected digits "
            f"such as 73.5, or one of {MARKER_LIST})",
            value_column=column,
        )
        parts.append(
            kept.select(
                ROW,
                pl.col(_CODE).alias("la_code"),
                pl.lit(ident).alias("indicator"),
                pl.col(_PERIOD).alias("period"),
                numbers.values.alias("value"),
                numbers.reasons.alias("reason"),
            )
        )
    rows = pl.concat(parts)
    _check_repeats(rows, raw.file, _filter_columns(frame, wanted), log)
    if len(log):
        raise InputError(log.problems)
    table = sort_indicators(
        rows.drop(ROW).cast(pl.Schema(INDICATORS_SCHEMA)), list(wanted.values())
    )
    return EesConversion(
        indicators=table,
        file=raw.file,
        vintage=vintage,
        catalogue=catalogue,
        rows_read=raw.rows_read,
        skipped={reason: n for reason, n in sorted(skipped.items()) if n},
        periods=periods_by_indicator(table, list(wanted.values())),
        as_at=latest_end(table),
    )


def ees_manifest(conversion: EesConversion) -> DatasetManifest:
    """Return the manifest of a dataset holding ``conversion``'s indicators."""
    return published_manifest(
        name="DfE explore education statistics measures",
        source=f"DfE, explore education statistics ({conversion.file})",
        as_at=conversion.as_at,
        vintage=conversion.vintage,
        catalogue=conversion.catalogue,
        description=(
            f"{len(conversion.periods)} measures for {conversion.councils} councils and "
            "England; regions left out."
        ),
        tables=("indicators",),
    )


def _check_identifiers(wanted: Mapping[str, str], catalogue: str) -> None:
    if not wanted:
        raise UsageError("name at least one measure column: --indicator COLUMN=ID")
    if catalogue not in catalogues():
        raise UsageError(
            f"--catalogue {catalogue!r} is not a shipped indicator catalogue (expected one "
            f"of {', '.join(catalogues())})"
        )
    known = {str(i.id) for i in indicator_catalogue(catalogue)}
    unknown = sorted(set(wanted.values()) - known)
    if unknown:
        example = indicator_catalogue(catalogue)[0].id
        raise UsageError(
            f"--indicator: {', '.join(unknown)} not in the {catalogue} catalogue (expected "
            f"identifiers such as {example})"
        )
    repeated = sorted(i for i, n in Counter(wanted.values()).items() if n > 1)
    if repeated:
        raise UsageError(f"--indicator: {', '.join(repeated)} named for two columns")


def _with_places(frame: pl.DataFrame, file: str, known: Places, log: ProblemLog) -> pl.DataFrame:
    """Add each row's place code and why it is left out ("" for rows kept)."""
    councils, elsewhere = known.councils, known.elsewhere
    level = pl.col("geographic_level").str.to_lowercase().fill_null("")
    country = (
        pl.col("country_code").fill_null("")
        if "country_code" in frame.columns
        else pl.lit(ENGLAND_ONS_CODE)
    )
    distinct = (
        frame.get_column("old_la_code").drop_nulls().unique().to_list()
        if "old_la_code" in frame.columns
        else []
    )
    codes = {text: council_code(text) for text in distinct}
    code = (
        pl.col("old_la_code").replace_strict(codes, default=None, return_dtype=pl.Utf8)
        if "old_la_code" in frame.columns
        else pl.lit(None, pl.Utf8)
    )
    frame = frame.with_columns(code.alias("__la__"), level.alias("__level__"))
    la = pl.col("__la__")
    is_council = pl.col("__level__") == LOCAL_AUTHORITY
    outside = sorted(
        frame.filter(is_council & la.is_in(sorted(elsewhere))).get_column("__la__").unique()
    )
    unknown = frame.filter(is_council & (la.is_null() | ~la.is_in(sorted(councils | elsewhere))))
    log.add_rows(
        unknown.select(
            ROW,
            pl.col("old_la_code").fill_null("(blank)")
            if "old_la_code" in frame.columns
            else pl.lit("(no old_la_code column)").alias("old_la_code"),
        ),
        file=file,
        column="old_la_code",
        expected="is not the DfE code of a council (expected three digits such as 885)",
        value_column="old_la_code",
    )
    keep = (
        pl.when(pl.col("__level__") == NATIONAL)
        .then(
            pl.when(country == ENGLAND_ONS_CODE)
            .then(pl.lit(""))
            .otherwise(pl.lit(SKIP_COUNTRY) + country)
        )
        .when(is_council)
        .then(
            pl.when(la.is_in(sorted(elsewhere)))
            .then(pl.lit(known.skip_reason(outside)))
            .otherwise(pl.lit(""))
        )
        .when(pl.col("__level__") == REGIONAL)
        .then(pl.lit(SKIP_REGION))
        .otherwise(pl.lit(SKIP_LEVEL) + pl.col("geographic_level").fill_null("(blank)"))
    )
    place = pl.when(pl.col("__level__") == NATIONAL).then(pl.lit(ENGLAND_ONS_CODE)).otherwise(la)
    return frame.with_columns(keep.alias(_KEEP), place.alias(_CODE)).drop("__la__", "__level__")


def _with_periods(
    frame: pl.DataFrame, file: str, reporting_year: YearType | None, log: ProblemLog
) -> pl.DataFrame:
    """Add each row's period, reporting times that are not an annual period."""
    pairs = frame.select("time_period", "time_identifier").unique().rows()
    read: dict[tuple[str | None, str | None], str | None] = {}
    problems: dict[tuple[str | None, str | None], str] = {}
    for time_period, identifier in pairs:
        try:
            read[(time_period, identifier)] = read_ees_period(
                time_period or "", identifier or "", reporting_year
            )
        except ValueError as error:
            read[(time_period, identifier)] = None
            problems[(time_period, identifier)] = str(error)
    table = pl.DataFrame(
        [(p, i, v) for (p, i), v in read.items()],
        schema={"time_period": pl.Utf8, "time_identifier": pl.Utf8, _PERIOD: pl.Utf8},
        orient="row",
    )
    frame = frame.join(table, on=["time_period", "time_identifier"], how="left", nulls_equal=True)
    for (time_period, identifier), message in sorted(
        problems.items(), key=lambda item: (item[0][0] or "", item[0][1] or "")
    ):
        bad = frame.filter(
            (pl.col("time_period").fill_null("") == (time_period or ""))
            & (pl.col("time_identifier").fill_null("") == (identifier or ""))
        )
        log.add_rows(
            bad.select(ROW, pl.lit(f"{time_period} {identifier}").alias("__time__")),
            file=file,
            column="time_period, time_identifier",
            expected=message,
            value_column="__time__",
        )
    return frame


def _filter_columns(frame: pl.DataFrame, wanted: Mapping[str, str]) -> list[str]:
    """Return the columns that break the rows down: not time, place or measure (a column
    whose every value is a number or a marker is taken for a measure)."""
    found = []
    for column in frame.columns:
        if column in STANDARD or column in wanted or column.startswith("__") or column == ROW:
            continue
        if read_numbers(frame.get_column(column)).unreadable.any():
            found.append(column)
    return found


def _check_repeats(rows: pl.DataFrame, file: str, filters: list[str], log: ProblemLog) -> None:
    """Report rows giving an indicator again for the same place and period."""
    key = ["indicator", "la_code", "period"]
    keyed = rows.with_columns(pl.col(ROW).min().over(key).alias("__first__"))
    repeats = keyed.filter(pl.col(ROW) != pl.col("__first__"))
    if repeats.height == 0:
        return
    hint = (
        f"; keep one breakdown with --where, e.g. --where {filters[0]}=VALUE (filter columns: "
        f"{', '.join(filters)})"
        if filters
        else ""
    )
    problems = [
        Problem(
            file,
            row,
            None,
            None,
            f"gives {ident} for {code} in {period} again (row {first} gave it){hint}",
        )
        for row, ident, code, period, first in repeats.select(
            ROW, "indicator", "la_code", "period", "__first__"
        )
        .head(100)
        .rows()
    ]
    log.add_kind(problems, repeats.height, file, None)
