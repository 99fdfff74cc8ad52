"""Adapter for Ofsted's children's social care provider-level files, 2018 and 2023 layouts.

Ofsted publishes every children's social care provider with its latest full inspection as at
31 March, and every inspection in the year:

* up to 2018 as CSV with two header rows (a group row, then the column names), dates as
  dd/mm/yyyy (``providers-as-at-2018-03-31.csv``, ``inspections-in-year-2017-18.csv``);
* since, in the GSS workbook "Children's social care data in England" (.ods), sheet
  ``Provider_level_at_31_Mar_2023``: notes rows, then the header; the overall judgement is
  "Overall experiences and progress of children and young people" and the safeguarding one
  "How well children and young people are helped and protected".

Both become canonical ``inspections`` rows through one mapping:

* ``Provision type`` becomes a :class:`~csrating.vocabulary.SettingType`; types this adapter
  does not know (e.g. CAFCASS) are skipped and counted by name;
* ``Sector`` (Local Authority, Private, Voluntary, Academy, Health authority) a
  :class:`~csrating.vocabulary.Sector`;
* ``Local authority`` names become the vintage's DfE codes (see
  :mod:`csrating.ingest._councils`: a setting whose council the vintage lacks is placed in
  the council covering its area where there is one, Cumbria's by constituency or town);
* the overall judgement becomes an inspection grade; interim inspections' words (improved,
  sustained or declined effectiveness, not judged) carry no grade and are skipped, as are
  monitoring inspections;
* the safeguarding judgement, where graded, fills ``staying_safe`` (the nearest judgement to
  the 2009 framework's staying safe);
* names Ofsted redacts ("REDACTED") are left blank;
* the same inspection (URN and date) met again, in the same or another file, is kept once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from csrating.errors import InputError, Problem
from csrating.ingest._councils import Councils
from csrating.ingest.adapted import published_manifest
from csrating.ingest.dataset import INSPECTIONS_SCHEMA
from csrating.ingest.gss import (
    WORKBOOK_SUFFIXES,
    as_at_in,
    find_table,
    read_sheet,
    refused_file,
    workbook_sheet_names,
)
from csrating.ingest.manifest import DatasetManifest
from csrating.ingest.problem_log import ROW, ProblemLog
from csrating.ingest.readers import RawTable, read_raw
from csrating.ingest.schema import INSPECTIONS, Table
from csrating.reference import Geography
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

PROVIDER_SHEET = re.compile(r"^Provider_level_at_31_Mar_\d{4}$")
"""The provider-level sheet of the annual "Children's social care data in England" workbook."""

PROVISION_TYPES: dict[str, SettingType] = {
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
"""Ofsted's provision types (lower case) and the setting type each becomes."""

SECTORS: dict[str, Sector] = {
    "local authority": Sector.LOCAL_AUTHORITY,
    "private": Sector.PRIVATE,
    "voluntary": Sector.VOLUNTARY,
    "academy": Sector.ACADEMY,
    "health authority": Sector.HEALTH_AUTHORITY,
    "maintained": Sector.MAINTAINED,
}
"""Ofsted's sectors (lower case) and the canonical sector each becomes."""

_NOT_GRADED = {
    "improved effectiveness",
    "sustained effectiveness",
    "declined in effectiveness",
    "not judged",
}

REQUIRED = (
    "urn",
    "provision_type",
    "local_authority",
    "event_type",
    "inspection_date",
    "overall_effectiveness",
)
"""The columns every provider-level layout must give (named as in the 2018 CSV files)."""

OPTIONAL = (
    "name",
    "sector",
    "safeguarding_children_and_young_people",
    "parliamentary_constituency",
    "town",
)

GSS_COLUMNS: dict[str, str] = {
    "urn": "URN",
    "provision_type": "Provision type",
    "local_authority": "Local authority",
    "event_type": "Latest full inspection event type",
    "inspection_date": "Latest full inspection date",
    "overall_effectiveness": "Overall experiences and progress of children and young people",
}
"""The 2023 workbook's names for the required columns."""

GSS_OPTIONAL_COLUMNS: dict[str, str] = {
    "name": "Name",
    "sector": "Sector",
    "safeguarding_children_and_young_people": (
        "How well children and young people are helped and protected"
    ),
    "parliamentary_constituency": "Parliamentary constituency",
    "town": "Town",
}

_FILE = "__file__"
_REASON = "__reason__"
_INDEX = "__index__"
_UNKNOWN = "__unknown__"


@dataclass(frozen=True)
class OfstedConversion:
    """Canonical inspections made from Ofsted files, and what was left out and why."""

    inspections: pl.DataFrame  # typed as INSPECTIONS_SCHEMA
    unmapped_names: tuple[str, ...] = ()  # local authority names with no council code
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> rows
    rows_read: int = 0
    vintage: str = "2009"
    sources: tuple[str, ...] = ()  # what was read, e.g. "x.ods, sheet 'S': 3,546 rows"
    as_at: dt.date | None = None

    def tables(self) -> dict[Table, pl.DataFrame]:
        """Return the table to write: ``inspections``."""
        return {INSPECTIONS: self.inspections}

    def manifest(self) -> DatasetManifest:
        """Return the manifest of a dataset holding these inspections."""
        return providers_manifest(self)


@dataclass(frozen=True)
class _Read:
    frame: pl.DataFrame  # ROW, _FILE, REQUIRED and OPTIONAL columns as text
    source: str
    titles: tuple[str, ...] = ()


def convert_ofsted_providers(
    files: Sequence[Path], places: Geography, *, refuse_unknown: bool = True
) -> OfstedConversion:
    """Convert Ofsted's provider-level files (2018 CSV or 2023 workbook) to inspections.

    Args:
        files: the 2018 CSV files (providers as at 31 March, inspections in the year) and/or
            the 2023 "Children's social care data in England" workbook (.ods or .xlsx).
        places: the geography council codes must belong to.
        refuse_unknown: refuse local authority names csrating does not know (otherwise
            skip and count their rows, and list the names).

    Returns:
        The inspections and the rows skipped, by reason.

    Raises:
        InputError: a file cannot be read or lacks a column; a local authority name is not
            a council csrating knows; a kept row has a blank URN or a date that is not a
            date. Every problem is listed and nothing is converted.
    """
    log = ProblemLog()
    reads: list[_Read] = []
    for path in files:
        try:
            reads.append(_read(path))
        except InputError as error:
            log.extend(error.problems)
    if len(log):
        raise InputError(log.problems)
    rows_read = sum(r.frame.height for r in reads)
    sources = tuple(r.source for r in reads)
    as_at = as_at_in([*(t for r in reads for t in r.titles), *(p.name for p in files)])
    if not reads or rows_read == 0:
        return OfstedConversion(
            pl.DataFrame(schema=INSPECTIONS_SCHEMA),
            rows_read=rows_read,
            vintage=places.vintage,
            sources=sources,
            as_at=as_at,
        )
    rows = classify(pl.concat([r.frame for r in reads]), Councils(places))
    if refuse_unknown:
        _report_unknown_councils(rows, log)
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
    unmapped = rows.filter(pl.col(_UNKNOWN))["local_authority"].drop_nulls()
    inspections = rows.filter(pl.col(_REASON).is_null()).select(
        pl.col("urn"),
        pl.col("la_code"),
        pl.col("setting_type"),
        pl.col("sector_value").alias("sector"),
        pl.when(pl.col("name").str.to_lowercase() == "redacted")
        .then(None)
        .otherwise(pl.col("name"))
        .alias("name"),
        pl.col("date").alias("inspection_date"),
        pl.col("grade").alias("overall_effectiveness"),
        pl.col("safeguarding_grade").alias("staying_safe"),
        pl.lit(None, pl.Int8).alias("enjoying_achieving"),
    )
    dates = inspections["inspection_date"]
    latest = dates.max() if not dates.is_empty() else None
    return OfstedConversion(
        inspections=inspections.cast(pl.Schema(INSPECTIONS_SCHEMA)),
        unmapped_names=tuple(sorted(unmapped.unique().to_list())),
        skipped=dict(sorted(skipped.iter_rows(), key=lambda item: (-item[1], item[0]))),
        rows_read=rows_read,
        vintage=places.vintage,
        sources=sources,
        as_at=as_at or (latest if isinstance(latest, dt.date) else None),
    )


def _read(path: Path) -> _Read:
    """Read one file of either layout into the shared columns."""
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        names = workbook_sheet_names(path)
        sheet_name = next((n for n in names if PROVIDER_SHEET.match(n)), None)
        if sheet_name is not None:
            return _read_gss(path, sheet_name)
        if path.suffix.lower() == ".ods":
            found = ", ".join(names)
            raise refused_file(
                path,
                "has no 'Provider_level_at_31_Mar_YYYY' sheet (Children's social care "
                f"data in England); its sheets: {found}",
            )
    return _read_csv_layout(path)


def _read_gss(path: Path, sheet_name: str) -> _Read:
    sheet = read_sheet(path, sheet_name)
    table = find_table(sheet, list(GSS_COLUMNS.values()))
    columns = {**GSS_COLUMNS, **GSS_OPTIONAL_COLUMNS}
    frame = table.frame(columns).with_columns(pl.lit(sheet.where).alias(_FILE))
    source = f"{sheet.where}, from row {table.header_row}: {frame.height:,} providers"
    return _Read(frame.select(ROW, _FILE, *REQUIRED, *OPTIONAL), source, (sheet.title,))


def _read_csv_layout(path: Path) -> _Read:
    raw = _read_ofsted(path)
    log = ProblemLog()
    log.extend(raw.problems)
    if raw.frame is None:
        raise InputError(log.problems)
    missing = [name for name in REQUIRED if name not in raw.frame.columns]
    found = ", ".join(c for c in raw.frame.columns if c != ROW)
    for name in missing:
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
    if len(log):
        raise InputError(log.problems)
    optional = [
        pl.col(name) if name in raw.frame.columns else pl.lit(None, pl.Utf8).alias(name)
        for name in OPTIONAL
    ]
    frame = raw.frame.select(ROW, *REQUIRED, *optional).with_columns(pl.lit(raw.file).alias(_FILE))
    source = f"{raw.file}: {raw.rows_read:,} rows"
    return _Read(frame.select(ROW, _FILE, *REQUIRED, *OPTIONAL), source)


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


def classify(frame: pl.DataFrame, councils: Councils) -> pl.DataFrame:
    """Add typed columns to provider rows, and the reason (if any) each row is skipped.

    Args:
        frame: rows with the :data:`REQUIRED` and :data:`OPTIONAL` columns as text.
        councils: the geography to place councils in.

    Returns:
        The rows with ``setting_type``, ``sector_value``, ``la_code``, ``grade``,
        ``safeguarding_grade``, ``date``, the skip reason and whether the council name is
        unknown in every geography.
    """

    def distinct(column: str) -> list[str]:
        return [v for v in frame[column].unique().to_list() if v is not None]

    types = {v: _member_value(PROVISION_TYPES.get(_key(v))) for v in distinct("provision_type")}
    sectors = {v: _member_value(SECTORS.get(_key(v))) for v in distinct("sector")}
    grade_columns = ("overall_effectiveness", "safeguarding_children_and_young_people")
    grades = {v: _grade(v) for c in grade_columns for v in distinct(c)}
    places = _places(frame, councils)
    not_graded = pl.col("overall_effectiveness").is_null() | pl.col(
        "overall_effectiveness"
    ).str.to_lowercase().is_in(list(_NOT_GRADED))
    date_text = pl.col("inspection_date")
    place_key = ["local_authority", "parliamentary_constituency", "town"]
    return (
        frame.join(places, on=place_key, how="left", nulls_equal=True)
        .with_columns(
            _map("provision_type", types, pl.Utf8()).alias("setting_type"),
            _map("sector", sectors, pl.Utf8()).alias("sector_value"),
            _map("overall_effectiveness", grades, pl.Int8()).alias("grade"),
            _map("safeguarding_children_and_young_people", grades, pl.Int8()).alias(
                "safeguarding_grade"
            ),
            pl.coalesce(
                date_text.str.to_date("%d/%m/%Y", strict=False),
                date_text.str.to_date("%Y-%m-%d", strict=False),
            ).alias("date"),
        )
        .with_columns(
            pl.when(pl.col("event_type").str.to_lowercase().str.contains("monitoring"))
            .then(pl.lit(SKIP_MONITORING))
            .when(pl.col("setting_type").is_null())
            .then(pl.lit(SKIP_UNKNOWN_TYPE) + pl.col("provision_type").fill_null("(blank)"))
            .when(pl.col("grade").is_null() & not_graded)
            .then(pl.lit(SKIP_NO_GRADE))
            .when(pl.col("grade").is_null())
            .then(pl.lit(SKIP_UNKNOWN_GRADE) + pl.col("overall_effectiveness"))
            .when(pl.col(_UNKNOWN))
            .then(pl.lit(SKIP_UNKNOWN_COUNCIL))
            .when(pl.col("la_code").is_null())
            .then(pl.col("__placed_reason__"))
            .alias(_REASON)
        )
        .drop("__placed_reason__")
    )


def _places(frame: pl.DataFrame, councils: Councils) -> pl.DataFrame:
    """Place each distinct (local authority, constituency, town) once."""
    keys = frame.select("local_authority", "parliamentary_constituency", "town").unique()
    codes: list[str | None] = []
    reasons: list[str | None] = []
    unknown: list[bool] = []
    for name, constituency, town in keys.iter_rows():
        known = councils.identify(name=name) if name is not None else None
        if known is None:
            codes.append(None)
            reasons.append(SKIP_UNKNOWN_COUNCIL)
            unknown.append(True)
            continue
        placed = councils.location(known, constituency=constituency, town=town)
        codes.append(placed.la_code)
        reasons.append(placed.skipped)
        unknown.append(False)
    return keys.with_columns(
        pl.Series("la_code", codes, dtype=pl.Utf8),
        pl.Series("__placed_reason__", reasons, dtype=pl.Utf8),
        pl.Series(_UNKNOWN, unknown, dtype=pl.Boolean),
    )


def _report_unknown_councils(rows: pl.DataFrame, log: ProblemLog) -> None:
    """Report rows that would be kept but name no council csrating knows, file by file."""
    unknown = rows.filter(pl.col(_REASON) == SKIP_UNKNOWN_COUNCIL)
    for (file,), part in unknown.group_by(_FILE, maintain_order=True):
        log.add_rows(
            part.select(ROW, "local_authority"),
            file=str(file),
            column="Local authority",
            expected="is not a council csrating knows, in any geography (expected a local "
            "authority name such as Worcestershire)",
            value_column="local_authority",
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


def _grade(text: str) -> int | None:
    grade = parse_inspection_grade(text)
    return grade.value if grade is not None else None


OUTSIDE_THE_PROFILE = (
    SettingType.ADOPTION_SUPPORT_AGENCY,
    SettingType.RESIDENTIAL_FAMILY_CENTRE,
    SettingType.BOARDING_SCHOOL,
    SettingType.FE_COLLEGE_WITH_RESIDENTIAL_ACCOMMODATION,
    SettingType.RESIDENTIAL_HOLIDAY_SCHEME,
    SettingType.SECURE_TRAINING_CENTRE,
)
"""Setting types written to ``inspections.csv`` that no shipped framework's Block A counts."""


def providers_manifest(conversion: OfstedConversion) -> DatasetManifest:
    """Return the manifest of a dataset holding ``conversion``'s inspections."""
    files = "; ".join(dict.fromkeys(s.split(",")[0].split(":")[0] for s in conversion.sources))
    when = f" as at {conversion.as_at.isoformat()}" if conversion.as_at is not None else ""
    outside = ", ".join(t.value for t in OUTSIDE_THE_PROFILE)
    return published_manifest(
        name=f"Ofsted children's social care providers{when}",
        source=f"Ofsted, children's social care provider-level data: {files}",
        as_at=conversion.as_at,
        vintage=conversion.vintage,
        description=(
            "Each provider's inspections with a graded overall judgement, one row per "
            "inspection (interim and monitoring inspections skipped); staying_safe holds "
            "Ofsted's safeguarding judgement. Local authority names are placed in the "
            f"{conversion.vintage} geography by name; a provider whose council the geography "
            "lacks is placed in the council covering its area where there is one (Cumbria's "
            "providers in Cumberland or Westmorland and Furness by constituency or town) and "
            "skipped otherwise. Setting types kept here but outside every shipped framework's "
            f"Block A: {outside}."
        ),
        tables=(INSPECTIONS.name,),
    )
