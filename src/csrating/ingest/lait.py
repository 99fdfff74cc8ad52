"""Adapter for DfE's Local Authority Interactive Tool (LAIT) long table.

LAIT publishes every measure for every council, region and England in one long table
(``bds_long_0.parquet``): ``Short Desc`` (the measure), ``Data item``, ``Years``, ``LA and
Regions``, ``Values`` (text, ``-`` where nothing is shown), ``LA Number`` (the DfE code;
970 is England, 980-990 the regions) and ``Region``. This module keeps the measures of
the ``lait`` indicator catalogue and writes canonical ``indicators`` rows:

* every period of every kept measure, in the period vocabulary
  (:mod:`csrating.ingest.periods`): "2017" is the academic or financial year 2016-17 or
  the calendar year 2017, as the catalogue's ``year_type`` says; where one period comes in
  several versions ("2018" and "2018 (Rev)") the most definitive is kept (final, then
  revised or outturn, then unmarked, then provisional) and the rest counted;
* councils by ``LA Number`` within the dataset's geography; rows of councils of another
  geography are skipped and counted, a number no geography knows is refused;
* England (970) as ``E92000001``, unless the catalogue computes England for the measure;
  regions are left out (the profile compares councils with England and similar areas);
* values through the shared markers (:mod:`csrating.ingest.markers`): ``-`` is a blank
  value whose reason is "suppressed";
* gaps the catalogue derives from two measures (``lait_minus``) as their difference.

Anything unreadable (a missing column, an unknown council number, a value that is neither
a number nor a marker, a year label that cannot be read, a row repeated) refuses the whole
file and nothing is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import polars as pl

from csrating.errors import InputError, Problem, UsageError
from csrating.ingest._indicator_output import (
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
from csrating.ingest.periods import YearType, read_lait_period
from csrating.ingest.problem_log import ROW, ProblemLog
from csrating.ingest.readers import RawTable, column_key, read_raw
from csrating.types import ENGLAND_ONS_CODE

CATALOGUE = "lait"
"""The indicator catalogue whose measures this adapter reads."""

REQUIRED = ("Short Desc", "Years", "LA and Regions", "Values", "LA Number")
"""The columns LAIT's long table has and this adapter needs."""

ENGLAND_NUMBER = "970"
REGION_NUMBERS = frozenset(str(n) for n in range(980, 991))
"""LAIT's numbers for England and for the nine regions and inner and outer London."""

LAIT_YEAR_TYPES: dict[str, YearType] = {
    "academic year": YearType.ACADEMIC,
    "financial year": YearType.FINANCIAL,
    "calendar year": YearType.CALENDAR,
    "annual": YearType.FINANCIAL,  # counts at 31 March
    "annual - january": YearType.ACADEMIC,  # January censuses
    "annual (end of sept)": YearType.CALENDAR,  # counts at 30 September
}
"""The data dictionary's ``Year_Type`` -> what a plain year such as "2017" means."""

SKIP_OTHER_MEASURE = "measure not in the catalogue (or not asked for)"
SKIP_REGION = "region (left out: councils are compared with England and similar areas)"
SKIP_ENGLAND = "England row of a measure whose England value is computed (see the catalogue)"
SKIP_SUPERSEDED = "superseded by a more definitive version of the same period"

_KEY = "__key__"
_CODE = "__code__"
_PERIOD = "__period__"
_RANK = "__rank__"
_VALUE = "__value__"
_REASON = "__reason__"

_COLUMNS = {column_key(name): name for name in REQUIRED}


@dataclass(frozen=True)
class LaitMeasure:
    """One catalogue entry as the adapter needs it."""

    indicator: str
    short_desc: str  # LAIT's ``Short Desc``
    minus: str | None  # for a derived gap: the measure subtracted
    year_type: YearType
    england: bool  # keep LAIT's England row (else England is computed)
    unit: str = "percent"

    @property
    def sources(self) -> tuple[str, ...]:
        """The LAIT measures the entry is read from."""
        return (self.short_desc,) if self.minus is None else (self.short_desc, self.minus)


@cache
def lait_measures() -> tuple[LaitMeasure, ...]:
    """Return the measures of the shipped ``lait`` catalogue, in catalogue order."""
    text = (
        resources.files("csrating.reference")
        .joinpath("data", "catalogues", f"{CATALOGUE}.csv")
        .read_text("utf-8")
    )
    return tuple(
        LaitMeasure(
            indicator=row["indicator"],
            short_desc=row["lait_short_desc"],
            minus=row["lait_minus"] or None,
            year_type=YearType(row["year_type"]),
            england=row["england"] == "published",
            unit=row["unit"],
        )
        for row in csv.DictReader(io.StringIO(text))
    )


@dataclass(frozen=True)
class LaitConversion:
    """Canonical indicators made from a LAIT file, and what was left out and why."""

    indicators: pl.DataFrame  # typed as INDICATORS_SCHEMA
    file: str
    vintage: str
    rows_read: int = 0
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> rows
    periods: dict[str, tuple[str, ...]] = field(default_factory=dict)  # indicator -> periods
    as_at: dt.date | None = None
    notes: tuple[str, ...] = ()

    @property
    def councils(self) -> int:
        """How many councils have at least one row."""
        codes = self.indicators.get_column("la_code")
        return int(codes.filter(codes != ENGLAND_ONS_CODE).n_unique())


def select_measures(wanted: Sequence[str] | None) -> tuple[LaitMeasure, ...]:
    """Return the catalogue's measures, or those named in ``wanted`` (in catalogue order).

    Raises:
        UsageError: a name is not in the catalogue.
    """
    every = lait_measures()
    if not wanted:
        return every
    known = {m.indicator for m in every}
    unknown = [name for name in wanted if name not in known]
    if unknown:
        raise UsageError(
            f"--measures: {', '.join(unknown)} not in the {CATALOGUE} catalogue (expected "
            f"identifiers such as {every[0].indicator}; see catalogues/{CATALOGUE}.csv)"
        )
    return tuple(m for m in every if m.indicator in set(wanted))


def convert_lait(
    path: Path,
    *,
    vintage: str,
    measures: Sequence[str] | None = None,
    dictionary: Path | None = None,
) -> LaitConversion:
    """Convert DfE LAIT's long table (Parquet or CSV) to canonical indicators.

    Args:
        path: ``bds_long_0.parquet`` or the same table as CSV.
        vintage: the geography councils must belong to (e.g. ``"2023"``).
        measures: catalogue identifiers to keep (default: the whole catalogue).
        dictionary: LAIT's data dictionary, to check the catalogue still describes the
            measures (each must be there, with the same year type).

    Returns:
        The indicators, rows skipped by reason, each indicator's periods and notes.

    Raises:
        InputError: the file or dictionary cannot be read, lacks a column, or holds a row
            that cannot be converted (every such row is listed).
        UsageError: a measure or the vintage is unknown.
    """
    chosen = select_measures(measures)
    where = places(vintage)
    if dictionary is not None:
        _check_dictionary(dictionary, chosen)
    raw = _read(path)
    log = ProblemLog()
    log.extend(raw.problems)
    frame = raw.frame
    if frame is not None:
        _check_columns(frame, raw.file, log)
    if len(log) or frame is None:
        raise InputError(log.problems)

    skipped: Counter[str] = Counter()
    sources = {name for m in chosen for name in m.sources}
    needed = frame.get_column("short_desc").is_in(sorted(sources))
    skipped[SKIP_OTHER_MEASURE] += int((~needed).sum())
    rows = frame.filter(needed)

    rows = _with_places(rows, raw.file, where.councils | where.elsewhere, log)
    rows = _with_periods(rows, raw.file, chosen, log)
    numbers = read_numbers(rows.get_column("values"))
    rows = rows.with_columns(
        numbers.values.alias(_VALUE), numbers.reasons.alias(_REASON), numbers.unreadable
    )
    _check_repeats(rows, raw.file, log)
    kind = pl.col(_CODE)
    region = kind.is_in(sorted(REGION_NUMBERS))
    elsewhere = kind.is_in(sorted(where.elsewhere))
    log.add_rows(
        rows.filter(pl.col("unreadable") & ~region & ~elsewhere).select(ROW, "values"),
        file=raw.file,
        column="Values",
        expected="is neither a number nor a marker of a missing value (expected digits such "
        f"as 73.5, or one of {MARKER_LIST})",
        value_column="values",
    )
    if len(log):
        raise InputError(log.problems)

    skipped[SKIP_REGION] += int(rows.select(region.sum()).item())
    outside = rows.filter(elsewhere)
    if outside.height:
        skipped[where.skip_reason(outside.get_column(_CODE).unique().to_list())] += outside.height
    rows = rows.filter(~region & ~elsewhere).with_columns(
        pl.when(kind == ENGLAND_NUMBER)
        .then(pl.lit(ENGLAND_ONS_CODE))
        .otherwise(kind)
        .alias("la_code")
    )
    rows, superseded, ambiguous = _latest_versions(rows, raw.file)
    if ambiguous:
        raise InputError(ambiguous)
    skipped[SKIP_SUPERSEDED] += superseded

    parts = []
    for measure in chosen:
        part, dropped = _measure_rows(rows, measure)
        skipped[SKIP_ENGLAND] += dropped
        parts.append(part)
    indicators = sort_indicators(
        pl.concat(parts) if parts else pl.DataFrame(schema=INDICATORS_SCHEMA),
        [m.indicator for m in chosen],
    )
    periods = periods_by_indicator(indicators, [m.indicator for m in chosen])
    rates = [m.indicator for m in chosen if m.unit != "count"]  # England sums counts
    absent = [m.indicator for m in chosen if m.indicator not in periods]
    notes = [f"no rows in {raw.file} for {', '.join(absent)}"] if absent else []
    notes += _england_notes(indicators.filter(pl.col("indicator").is_in(rates)))
    return LaitConversion(
        indicators=indicators,
        file=raw.file,
        vintage=vintage,
        rows_read=raw.rows_read,
        skipped={reason: n for reason, n in sorted(skipped.items()) if n},
        periods=periods,
        as_at=latest_end(indicators),
        notes=tuple(notes),
    )


def lait_manifest(conversion: LaitConversion) -> DatasetManifest:
    """Return the manifest of a dataset holding ``conversion``'s indicators."""
    measures = len(conversion.periods)
    return published_manifest(
        name="DfE Local Authority Interactive Tool measures",
        source=f"DfE, Local Authority Interactive Tool (LAIT) data ({conversion.file})",
        as_at=conversion.as_at,
        vintage=conversion.vintage,
        catalogue=CATALOGUE,
        description=(
            f"{measures} measures of the {CATALOGUE} catalogue for {conversion.councils} "
            "councils and England, every period LAIT publishes; regions left out."
        ),
        tables=("indicators",),
    )


def _read(path: Path) -> RawTable:
    """Read the long table from Parquet or CSV as text columns with row numbers.

    A Parquet file's records are numbered as a spreadsheet of it would number them (the
    first record is row 2), so problems point at the same rows in either form.
    """
    if path.suffix.lower() != ".parquet":
        return read_raw(path)
    file = path.name
    try:
        table = pl.read_parquet(path)
    except (OSError, pl.exceptions.PolarsError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        return RawTable(
            file,
            None,
            problems=(Problem(file, None, None, None, f"cannot be read as Parquet ({reason})"),),
        )
    columns = []
    for name, dtype in table.schema.items():
        column = pl.col(name)
        if dtype.is_float():
            whole = column == column.round(0)
            column = (
                pl.when(whole)
                .then(column.cast(pl.Int64).cast(pl.Utf8))
                .otherwise(column.cast(pl.Utf8))
            )
        elif dtype != pl.Utf8:
            column = column.cast(pl.Utf8)
        text = column.str.strip_chars()
        columns.append(pl.when(text.str.len_bytes() > 0).then(text).alias(column_key(name)))
    frame = table.select(columns).with_columns(
        pl.int_range(2, table.height + 2, dtype=pl.Int64).alias(ROW)
    )
    return RawTable(file, frame, table.height)


def _check_columns(frame: pl.DataFrame, file: str, log: ProblemLog) -> None:
    found = ", ".join(c for c in frame.columns if c != ROW)
    for key, name in _COLUMNS.items():
        if key not in frame.columns:
            log.add(
                Problem(
                    file,
                    None,
                    name,
                    None,
                    f"is a column of LAIT's long table but this file lacks it (found: {found})",
                )
            )


def _check_dictionary(path: Path, chosen: Sequence[LaitMeasure]) -> None:
    """Refuse a dictionary that lacks a measure or gives it another year type."""
    raw = read_raw(path)
    if raw.frame is None:
        raise InputError(raw.problems)
    frame = raw.frame
    for needed in ("measure_short", "year_type"):
        if needed not in frame.columns:
            raise InputError(
                [
                    Problem(
                        raw.file,
                        None,
                        needed,
                        None,
                        "is a column of LAIT's data dictionary but this file lacks it",
                    )
                ]
            )
    types: dict[str, set[str]] = {}
    for short, year_type in frame.select("measure_short", "year_type").iter_rows():
        if short is not None:
            types.setdefault(short, set()).add((year_type or "").strip().lower())
    problems = []
    for measure in chosen:
        for short in measure.sources:
            found = types.get(short)
            if found is None:
                problems.append(
                    Problem(
                        raw.file,
                        None,
                        "Measure_short",
                        short,
                        f"is not in the dictionary (the catalogue's {measure.indicator} reads it)",
                    )
                )
                continue
            read = {LAIT_YEAR_TYPES.get(t) for t in found}
            if read != {measure.year_type}:
                problems.append(
                    Problem(
                        raw.file,
                        None,
                        "Year_Type",
                        short,
                        f"has year type {', '.join(sorted(found))}; the catalogue reads "
                        f"{measure.indicator} as {measure.year_type.value} years "
                        "(rebuild the catalogue with scripts/build_lait_catalogue.py)",
                    )
                )
    if problems:
        raise InputError(problems)


def _with_places(
    rows: pl.DataFrame, file: str, councils: frozenset[str], log: ProblemLog
) -> pl.DataFrame:
    """Add each row's place code, reporting numbers that are no council, region or England."""
    known = councils | REGION_NUMBERS | {ENGLAND_NUMBER}
    distinct = rows.get_column("la_number").drop_nulls().unique().to_list()
    codes = {text: council_code(text) for text in distinct}
    rows = rows.with_columns(
        pl.col("la_number").replace_strict(codes, default=None, return_dtype=pl.Utf8).alias(_CODE)
    )
    bad = rows.filter(~pl.col(_CODE).is_in(sorted(known)) | pl.col(_CODE).is_null())
    log.add_rows(
        bad.select(ROW, pl.col("la_number").fill_null("(blank)")),
        file=file,
        column="LA Number",
        expected="is not the DfE number of a council, a region (980-990) or England (970)",
        value_column="la_number",
    )
    return rows


def _with_periods(
    rows: pl.DataFrame, file: str, chosen: Sequence[LaitMeasure], log: ProblemLog
) -> pl.DataFrame:
    """Add each row's period and version rank, reporting year labels that cannot be read."""
    year_types = {name: m.year_type for m in chosen for name in m.sources}
    pairs = rows.select("short_desc", "years").unique().drop_nulls("short_desc").rows()
    periods: dict[tuple[str, str | None], tuple[str | None, int | None]] = {}
    for short, label in pairs:
        read = None if label is None else read_lait_period(label, year_types[short])
        periods[(short, label)] = (None, None) if read is None else (read.period, read.rank)
    table = pl.DataFrame(
        [(s, y, p, r) for (s, y), (p, r) in periods.items()],
        schema={"short_desc": pl.Utf8, "years": pl.Utf8, _PERIOD: pl.Utf8, _RANK: pl.Int8},
        orient="row",
    )
    rows = rows.join(table, on=["short_desc", "years"], how="left", nulls_equal=True)
    log.add_rows(
        rows.filter(pl.col(_PERIOD).is_null()).select(ROW, pl.col("years").fill_null("(blank)")),
        file=file,
        column="Years",
        expected="is not a year label this adapter can read (expected e.g. 2017, 2016-17, "
        "2016/17, 2014-16, 2013/14-15/16, optionally with (Rev), (Final), (OT) or (prov))",
        value_column="years",
    )
    return rows


def _check_repeats(rows: pl.DataFrame, file: str, log: ProblemLog) -> None:
    """Report rows repeating an earlier row's measure, year label and place."""
    key = ["short_desc", "years", _CODE]
    keyed = rows.select(ROW, *key).with_columns(pl.col(ROW).min().over(key).alias("__first__"))
    repeats = keyed.filter(pl.col(ROW) != pl.col("__first__"))
    if repeats.height == 0:
        return
    problems = [
        Problem(
            file,
            row,
            "Short Desc, Years, LA Number",
            f"{short}, {years}, {code}",
            f"repeats row {first} (each measure, year and place may appear once)",
        )
        for row, short, years, code, first in repeats.head(100).rows()
    ]
    log.add_kind(problems, repeats.height, file, "Short Desc, Years, LA Number")


def _latest_versions(rows: pl.DataFrame, file: str) -> tuple[pl.DataFrame, int, list[Problem]]:
    """Keep the most definitive version of each measure, period and place.

    Returns:
        The rows kept, how many were superseded, and a problem for every place where two
        labels of the same rank give one period (so neither can be chosen).
    """
    key = ["short_desc", _PERIOD, "la_code"]
    best = pl.col(_RANK).max().over(key)
    top = rows.filter(pl.col(_RANK) == best)
    clash = top.filter(pl.len().over(key) > 1).sort(ROW)
    problems = [
        Problem(
            file,
            row,
            "Years",
            years,
            f"gives the period {period} of {short} again "
            "(another label of the same version gives it too; keep one)",
        )
        for row, years, period, short in clash.select(ROW, "years", _PERIOD, "short_desc")
        .head(100)
        .rows()
    ]
    return top, rows.height - top.height, problems


def _measure_rows(rows: pl.DataFrame, measure: LaitMeasure) -> tuple[pl.DataFrame, int]:
    """Return one catalogue entry's indicator rows and how many England rows it left out."""

    def source(name: str) -> pl.DataFrame:
        return rows.filter(pl.col("short_desc") == name).select(
            "la_code", pl.col(_PERIOD).alias("period"), pl.col(_VALUE), pl.col(_REASON)
        )

    if measure.minus is None:
        part = source(measure.short_desc).rename({_VALUE: "value", _REASON: "reason"})
    else:
        first = source(measure.short_desc)
        second = source(measure.minus).rename({_VALUE: "__b", _REASON: "__rb"})
        if first.height == 0 or second.height == 0:
            return pl.DataFrame(schema=INDICATORS_SCHEMA), 0  # a gap needs both measures
        both = first.join(second, on=["la_code", "period"], how="full", coalesce=True)
        difference = (pl.col(_VALUE) - pl.col("__b")).round(6)
        part = both.select(
            "la_code",
            "period",
            difference.alias("value"),
            pl.when(difference.is_null())
            .then(pl.coalesce(_REASON, "__rb", pl.lit("not available")))
            .alias("reason"),
        )
    part = part.with_columns(pl.lit(measure.indicator).alias("indicator"))
    dropped = 0
    if not measure.england:
        england = pl.col("la_code") == ENGLAND_ONS_CODE
        dropped = int(part.select(england.sum()).item())
        part = part.filter(~england)
    return part.select(list(INDICATORS_SCHEMA)).cast(pl.Schema(INDICATORS_SCHEMA)), dropped


def _england_notes(indicators: pl.DataFrame) -> list[str]:
    """Note measures whose England value is far (3 times) from the councils' median."""
    councils = (
        indicators.filter(pl.col("la_code") != ENGLAND_ONS_CODE)
        .group_by("indicator", "period")
        .agg(pl.col("value").median().alias("median"))
    )
    england = indicators.filter(pl.col("la_code") == ENGLAND_ONS_CODE).select(
        "indicator", "period", pl.col("value").alias("england")
    )
    ratio = pl.col("england") / pl.col("median")
    far = (
        england.join(councils, on=["indicator", "period"])
        .filter((pl.col("median") > 0) & ((ratio > 3) | (ratio < 1 / 3)))
        .sort("indicator", "period")
    )
    notes = []
    for (ident,), part in far.group_by("indicator", maintain_order=True):
        period, value, median = part.select("period", "england", "median").row(-1)
        notes.append(
            f"{ident}: England's published value is far from the councils' median in "
            f"{part.height} period(s), e.g. {value:g} against {median:g} in {period}"
        )
    return notes
