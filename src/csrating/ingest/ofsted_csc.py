"""Adapter for Ofsted's children's social care provider-level files.

Ofsted publishes, for each year, the providers as at 31 March with their latest full
inspection and every inspection in the year, as CSV with two header rows (a group row,
then column names), dates as dd/mm/yyyy and judgements in words. This module turns those
rows into canonical ``inspections`` rows:

* ``Provision type`` becomes a :class:`~csrating.vocabulary.SettingType`; types this
  adapter does not know (e.g. CAFCASS) are skipped and counted by name;
* ``Local authority`` names become DfE codes through the reference list of councils;
* ``Overall effectiveness`` becomes an inspection grade; interim inspections' words
  (improved, sustained or declined effectiveness, not judged) carry no grade and are
  skipped, as are monitoring inspections;
* ``Safeguarding children and young people``, where graded, fills ``staying_safe``
  (the nearest judgement to the 2009 framework's staying safe);
* the same inspection (URN and date) met again, in the same or another file, is kept once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from csrating.errors import InputError, Problem
from csrating.ingest.dataset import INSPECTIONS_SCHEMA
from csrating.ingest.problem_log import ROW, ProblemLog
from csrating.ingest.readers import RawTable, read_raw
from csrating.reference import council_by_name
from csrating.scales import parse_inspection_grade
from csrating.vocabulary import Sector, SettingType

SKIP_MONITORING = "monitoring inspection"
SKIP_NO_GRADE = (
    "no graded judgement (Improved effectiveness / Sustained effectiveness / "
    "Declined in effectiveness / Not judged / blank)"
)
SKIP_UNKNOWN_COUNCIL = "local authority name not recognised"
SKIP_DUPLICATE = "same URN and inspection date as a row already read"
SKIP_UNKNOWN_TYPE = "unknown provision type: "  # followed by the type as written
SKIP_UNKNOWN_GRADE = "overall effectiveness is not a grade: "  # followed by the words

_PROVISION_TYPES: dict[str, SettingType] = {
    "children's home": SettingType.CHILDRENS_HOME,
    "secure children's home": SettingType.SECURE_CHILDRENS_HOME,
    "residential special school": SettingType.RESIDENTIAL_SPECIAL_SCHOOL,
    "residential special school (registered as a children's home)": (
        SettingType.RESIDENTIAL_SPECIAL_SCHOOL
    ),
    "independent fostering agency": SettingType.INDEPENDENT_FOSTERING_AGENCY,
    "voluntary adoption agency": SettingType.VOLUNTARY_ADOPTION_AGENCY,
    "local authority fostering agency": SettingType.LA_FOSTERING_AGENCY,
    "local authority adoption agency": SettingType.LA_ADOPTION_AGENCY,
    "adoption support agency": SettingType.ADOPTION_SUPPORT_AGENCY,
    "residential family centre": SettingType.RESIDENTIAL_FAMILY_CENTRE,
    "boarding school": SettingType.BOARDING_SCHOOL,
    "further education college with residential accommodation": (
        SettingType.FE_COLLEGE_WITH_RESIDENTIAL_ACCOMMODATION
    ),
    "residential holiday scheme for disabled children": SettingType.RESIDENTIAL_HOLIDAY_SCHEME,
    "secure training centre": SettingType.SECURE_TRAINING_CENTRE,
}

_SECTORS: dict[str, Sector] = {
    "local authority": Sector.LOCAL_AUTHORITY,
    "private": Sector.PRIVATE,
    "voluntary": Sector.VOLUNTARY,
    "academy": Sector.ACADEMY,
    "health authority": Sector.HEALTH_AUTHORITY,
    "maintained": Sector.MAINTAINED,
}

_NOT_GRADED = {
    "improved effectiveness",
    "sustained effectiveness",
    "declined in effectiveness",
    "not judged",
}

_REQUIRED = (
    "urn",
    "provision_type",
    "local_authority",
    "event_type",
    "inspection_date",
    "overall_effectiveness",
)
_OPTIONAL = ("name", "sector", "safeguarding_children_and_young_people")
_FILE = "__file__"
_REASON = "__reason__"
_INDEX = "__index__"


@dataclass(frozen=True)
class OfstedConversion:
    """Canonical inspections made from Ofsted files, and what was left out and why."""

    inspections: pl.DataFrame  # typed as INSPECTIONS_SCHEMA
    unmapped_names: tuple[str, ...] = ()  # local authority names with no council code
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> rows
    rows_read: int = 0


def convert_ofsted_csc(files: Sequence[Path]) -> OfstedConversion:
    """Convert Ofsted children's social care provider-level files to canonical inspections.

    Args:
        files: CSV or XLSX files in Ofsted's provider-level layout, e.g. the providers
            as at 31 March and the inspections in the year.

    Returns:
        The inspections, the names that could not be mapped, and rows skipped by reason.

    Raises:
        InputError: a file cannot be read, lacks a column the conversion needs, or a row
            that would be kept has a blank URN or an unreadable inspection date.
    """
    log = ProblemLog()
    frames: list[pl.DataFrame] = []
    rows_read = 0
    for path in files:
        raw = _read_ofsted(path)
        log.extend(raw.problems)
        if raw.frame is None:
            continue
        missing = [name for name in _REQUIRED if name not in raw.frame.columns]
        for name in missing:
            found = ", ".join(c for c in raw.frame.columns if c != ROW)
            log.add(
                Problem(
                    raw.file,
                    None,
                    name,
                    None,
                    f"is a column Ofsted's provider-level files have but this one lacks "
                    f"(found: {found})",
                )
            )
        if missing:
            continue
        rows_read += raw.rows_read
        optional = [
            pl.col(name) if name in raw.frame.columns else pl.lit(None, pl.Utf8).alias(name)
            for name in _OPTIONAL
        ]
        frames.append(
            raw.frame.select(ROW, *_REQUIRED, *optional).with_columns(pl.lit(raw.file).alias(_FILE))
        )
    if len(log):
        raise InputError(log.problems)
    if not frames:
        return OfstedConversion(pl.DataFrame(schema=INSPECTIONS_SCHEMA), rows_read=rows_read)

    rows = _classify(pl.concat(frames))
    _check_kept_rows(rows, log)
    if len(log):
        raise InputError(log.problems)
    rows = rows.with_columns(pl.int_range(pl.len()).alias(_INDEX))
    first_seen = (
        rows.filter(pl.col(_REASON).is_null())
        .filter(pl.struct("urn", "date").is_first_distinct())
        .get_column(_INDEX)
    )
    rows = rows.with_columns(
        pl.when(pl.col(_REASON).is_null() & ~pl.col(_INDEX).is_in(first_seen.implode()))
        .then(pl.lit(SKIP_DUPLICATE))
        .otherwise(pl.col(_REASON))
        .alias(_REASON)
    )
    skipped = rows.filter(pl.col(_REASON).is_not_null()).group_by(_REASON).len()
    unmapped = rows.filter(pl.col("la_code").is_null() & pl.col("local_authority").is_not_null())[
        "local_authority"
    ]
    inspections = rows.filter(pl.col(_REASON).is_null()).select(
        pl.col("urn"),
        pl.col("la_code"),
        pl.col("setting_type"),
        pl.col("sector_value").alias("sector"),
        pl.col("name"),
        pl.col("date").alias("inspection_date"),
        pl.col("grade").alias("overall_effectiveness"),
        pl.col("safeguarding_grade").alias("staying_safe"),
        pl.lit(None, pl.Int8).alias("enjoying_achieving"),
    )
    return OfstedConversion(
        inspections=inspections.cast(pl.Schema(INSPECTIONS_SCHEMA)),
        unmapped_names=tuple(sorted(unmapped.unique().to_list())),
        skipped=dict(sorted(skipped.iter_rows(), key=lambda item: (-item[1], item[0]))),
        rows_read=rows_read,
    )


def _read_ofsted(path: Path) -> RawTable:
    """Read a file whose column names are in the first or the second row."""
    raw = read_raw(path)
    if raw.frame is not None and "urn" not in raw.frame.columns:
        second = read_raw(path, header_record=1)
        if second.frame is not None and "urn" in second.frame.columns:
            return second
    return raw


def _key(text: str) -> str:
    """Return a label's matching key: lower case, single spaces, straight apostrophes."""
    return re.sub(r"\s+", " ", text.replace("\u2019", "'").strip().lower())


def _map(column: str, read: Mapping[str, object], dtype: pl.DataType) -> pl.Expr:
    return pl.col(column).replace_strict(read, default=None, return_dtype=dtype)


def _classify(frame: pl.DataFrame) -> pl.DataFrame:
    """Add typed columns and the reason (if any) each row is skipped."""

    def distinct(column: str) -> list[str]:
        return [v for v in frame[column].unique().to_list() if v is not None]

    types = {v: _member_value(_PROVISION_TYPES.get(_key(v))) for v in distinct("provision_type")}
    sectors = {v: _member_value(_SECTORS.get(_key(v))) for v in distinct("sector")}
    councils = {v: _council_code(v) for v in distinct("local_authority")}
    grade_columns = ("overall_effectiveness", "safeguarding_children_and_young_people")
    grades = {v: _grade(v) for c in grade_columns for v in distinct(c)}
    not_graded = pl.col("overall_effectiveness").is_null() | pl.col(
        "overall_effectiveness"
    ).str.to_lowercase().is_in(list(_NOT_GRADED))
    date_text = pl.col("inspection_date")
    return frame.with_columns(
        _map("provision_type", types, pl.Utf8()).alias("setting_type"),
        _map("sector", sectors, pl.Utf8()).alias("sector_value"),
        _map("local_authority", councils, pl.Utf8()).alias("la_code"),
        _map("overall_effectiveness", grades, pl.Int8()).alias("grade"),
        _map("safeguarding_children_and_young_people", grades, pl.Int8()).alias(
            "safeguarding_grade"
        ),
        pl.coalesce(
            date_text.str.to_date("%d/%m/%Y", strict=False),
            date_text.str.to_date("%Y-%m-%d", strict=False),
        ).alias("date"),
    ).with_columns(
        pl.when(pl.col("event_type").str.to_lowercase().str.contains("monitoring"))
        .then(pl.lit(SKIP_MONITORING))
        .when(pl.col("setting_type").is_null())
        .then(pl.lit(SKIP_UNKNOWN_TYPE) + pl.col("provision_type").fill_null("(blank)"))
        .when(pl.col("grade").is_null() & not_graded)
        .then(pl.lit(SKIP_NO_GRADE))
        .when(pl.col("grade").is_null())
        .then(pl.lit(SKIP_UNKNOWN_GRADE) + pl.col("overall_effectiveness"))
        .when(pl.col("la_code").is_null())
        .then(pl.lit(SKIP_UNKNOWN_COUNCIL))
        .alias(_REASON)
    )


def _check_kept_rows(rows: pl.DataFrame, log: ProblemLog) -> None:
    """Report kept rows whose URN is blank or whose date cannot be read, file by file."""
    kept = rows.filter(pl.col(_REASON).is_null())
    for (file,), part in kept.group_by(_FILE, maintain_order=True):
        name = str(file)
        log.add_rows(
            part.filter(pl.col("urn").is_null()).select(ROW),
            file=name,
            column="URN",
            expected="is blank; expected the provider's unique reference number",
        )
        log.add_rows(
            part.filter(pl.col("date").is_null()).select(ROW, "inspection_date"),
            file=name,
            column="Inspection date",
            expected="is not a date (expected dd/mm/yyyy, e.g. 31/03/2009)",
            value_column="inspection_date",
        )


def _member_value(member: SettingType | Sector | None) -> str | None:
    return member.value if member is not None else None


def _council_code(name: str) -> str | None:
    council = council_by_name(name)
    return str(council.la_code) if council is not None else None


def _grade(text: str) -> int | None:
    grade = parse_inspection_grade(text)
    return grade.value if grade is not None else None
