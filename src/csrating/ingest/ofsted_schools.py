"""Adapter for Ofsted's monthly management information on state-funded schools' inspections.

Ofsted publishes, each month, every open state-funded school with its latest inspections
("State-funded schools inspections and outcomes: management information"), as CSV (in
Windows-1252), .xlsx and .ods. Two layouts are read, recognised by their column names:

* up to the file as at 31 August 2025: ``URN, LAESTAB, School name, Ofsted phase, Type of
  education, ... Inspection start date, Publication date, ... Overall effectiveness`` for
  the latest graded inspection, and ``Previous inspection start date`` and ``Previous
  graded inspection overall effectiveness`` for the one before it. Graded inspections from
  September 2024 have no single overall grade ("Not judged"); for those schools the
  previous graded inspection is the latest one with a grade;
* from November 2025 (report cards): ``Inspection start date of latest OEIF graded
  inspection`` and ``Latest OEIF overall effectiveness`` give the latest inspection under
  the old framework; report-card inspections have no overall grade, and the file carries
  no earlier graded inspection.

Every graded inspection with an overall grade (1-4) becomes a canonical ``inspections`` row
dated with its start date, under the school's current URN (an inspection of a predecessor
school, before academy conversion, counts for the school that replaced it). Councils come
from ``LAESTAB``: its first three digits are the DfE code of the school's council.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from csrating.errors import InputError, Problem
from csrating.ingest._councils import Councils, Placement
from csrating.ingest.adapted import published_manifest
from csrating.ingest.dataset import INSPECTIONS_SCHEMA
from csrating.ingest.gss import (
    DATE_EXPECTED,
    WORKBOOK_SUFFIXES,
    SheetTable,
    as_at_in,
    find_table,
    parse_date,
    read_csv_sheet,
    read_sheet,
    refused_file,
    workbook_sheet_names,
)
from csrating.ingest.manifest import DatasetManifest
from csrating.ingest.problem_log import ProblemLog
from csrating.ingest.schema import INSPECTIONS, Table
from csrating.reference import Geography
from csrating.scales import INSPECTION_GRADE_EXPECTED, parse_inspection_grade
from csrating.vocabulary import Sector, SettingType

URN, LAESTAB, NAME, PHASE, TYPE = (
    "URN",
    "LAESTAB",
    "School name",
    "Ofsted phase",
    "Type of education",
)
CONSTITUENCY = "Parliamentary constituency"
LATEST_DATE = ("Inspection start date of latest OEIF graded inspection", "Inspection start date")
LATEST_GRADE = ("Latest OEIF overall effectiveness", "Overall effectiveness")
PREVIOUS_DATE = "Previous inspection start date"
PREVIOUS_GRADE = "Previous graded inspection overall effectiveness"
REPORT_CARD_DATE = "Inspection start date"  # in the report-card layout only

REQUIRED_COLUMNS: tuple[str | tuple[str, ...], ...] = (
    URN,
    LAESTAB,
    NAME,
    PHASE,
    TYPE,
    LATEST_DATE,
    LATEST_GRADE,
)
"""The columns the adapter needs (alternatives: report-card layout first)."""

NOT_GRADED = {"not judged", "9", "8", "0", "null", "does not apply", "not applicable"}
"""Overall effectiveness values that mean the inspection has no overall grade."""

SKIP_NOT_INSPECTED = "school with no graded inspection in the file (not yet inspected)"
SKIP_NO_OVERALL_GRADE = (
    "school whose graded inspections in the file have no overall effectiveness grade "
    "(inspected since September 2024, or only by report card)"
)
SKIP_PHASE = "Ofsted phase not mapped to a setting type: "  # followed by phase / type
SKIP_DUPLICATE = "same URN and inspection date as an inspection already read"
NOTE_PREVIOUS_USED = (
    "latest graded inspection without an overall grade (from September 2024): the previous "
    "graded inspection is the latest written"
)

_AP_TYPES = ("pupil referral unit", "alternative provision")
_ACADEMY_TYPES = (
    "academy",
    "free school",
    "university technical college",
    "studio school",
    "city technology college",
)
_MAINTAINED_TYPES = (
    "community",
    "foundation",
    "voluntary aided",
    "voluntary controlled",
    "local authority nursery",
    "pupil referral unit",
)
_PHASES = {
    "nursery": SettingType.NURSERY_SCHOOL,
    "primary": SettingType.PRIMARY_SCHOOL,
    "secondary": SettingType.SECONDARY_SCHOOL,
    "all-through": SettingType.SECONDARY_SCHOOL,
    "all through": SettingType.SECONDARY_SCHOOL,
    "special": SettingType.SPECIAL_SCHOOL,
    "pru": SettingType.PUPIL_REFERRAL_UNIT,
    "pupil referral unit": SettingType.PUPIL_REFERRAL_UNIT,
    "alternative provision": SettingType.PUPIL_REFERRAL_UNIT,
}
"""Ofsted phases (lower case) and their setting types. All-through schools count as
secondary schools, as DfE's school statistics group them."""

_LAESTAB = re.compile(r"^(\d{3})/?(\d{4})$")


@dataclass(frozen=True)
class SchoolConversion:
    """Canonical inspections made from Ofsted's school management information."""

    inspections: pl.DataFrame  # typed as INSPECTIONS_SCHEMA
    vintage: str
    schools_read: int
    schools_written: int
    previous_used: int  # schools whose latest graded inspection had no overall grade
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> schools (or inspections)
    sources: tuple[str, ...] = ()
    as_at: dt.date | None = None
    layout: str = ""

    def tables(self) -> dict[Table, pl.DataFrame]:
        """Return the table to write: ``inspections``."""
        return {INSPECTIONS: self.inspections}

    def manifest(self) -> DatasetManifest:
        """Return the manifest of a dataset holding these inspections."""
        return schools_manifest(self)


def setting_type(phase: str | None, education: str | None) -> SettingType | None:
    """Return the setting type of a school from its Ofsted phase and type of education.

    Special schools and alternative provision are recognised by either; otherwise the
    phase decides (all-through schools are secondary schools). ``None`` when unknown.
    """
    kind = " ".join((education or "").lower().split())
    if any(word in kind for word in _AP_TYPES):
        return SettingType.PUPIL_REFERRAL_UNIT
    if "special" in kind:
        return SettingType.SPECIAL_SCHOOL
    if "nursery school" in kind:
        return SettingType.NURSERY_SCHOOL
    return _PHASES.get(" ".join((phase or "").lower().split()))


def school_sector(education: str | None) -> Sector | None:
    """Return ``academy`` or ``maintained`` from the type of education (``None`` if neither)."""
    kind = " ".join((education or "").lower().split())
    if any(word in kind for word in _ACADEMY_TYPES):
        return Sector.ACADEMY
    if any(word in kind for word in _MAINTAINED_TYPES):
        return Sector.MAINTAINED
    return None


def convert_ofsted_schools(files: Sequence[Path], places: Geography) -> SchoolConversion:
    """Convert Ofsted's state-funded schools management information to inspections.

    Args:
        files: management information files (.csv, .xlsx or .ods) in either layout.
        places: the geography council codes must belong to.

    Returns:
        Each school's graded inspections with an overall grade, and the schools skipped by
        reason.

    Raises:
        InputError: a file lacks the layout's columns, or a row has a LAESTAB that is not a
            council csrating knows, a date that is not a date or a grade that is not a
            grade. Every problem is listed and nothing is converted.
    """
    councils = Councils(places)
    log = ProblemLog()
    events: list[tuple[str, str, str, str | None, str | None, dt.date, int]] = []
    skipped: Counter[str] = Counter()
    schools_read = schools_written = previous_used = 0
    sources: list[str] = []
    titles: list[str] = []
    layouts: set[str] = set()
    for path in files:
        try:
            table = _find(path)
        except InputError as error:
            log.extend(error.problems)
            continue
        titles.extend([table.sheet.title, path.name])
        layout = "report cards" if table.has(LATEST_GRADE[0]) else "graded inspections"
        layouts.add(layout)
        sources.append(
            f"{table.sheet.where}, from row {table.header_row} ({layout} layout): "
            f"{len(table.rows):,} schools"
        )
        reader = _Reader(table, councils, log)
        for number, cells in table.rows:
            schools_read += 1
            outcome = reader.school(number, cells)
            if isinstance(outcome, str):
                skipped[outcome] += 1
                continue
            if not outcome:
                continue
            schools_written += 1
            previous_used += int(reader.used_previous)
            events.extend(outcome)
    if len(log):
        raise InputError(log.problems)
    seen: set[tuple[str, dt.date]] = set()
    rows = []
    for urn, la_code, kind, sector, name, date, grade in events:
        if (urn, date) in seen:
            skipped[SKIP_DUPLICATE] += 1
            continue
        seen.add((urn, date))
        rows.append((urn, la_code, kind, sector, name, date, grade))
    names = ["urn", "la_code", "setting_type", "sector", "name", "inspection_date"]
    frame = (
        pl.DataFrame(
            rows,
            schema={**{n: INSPECTIONS_SCHEMA[n] for n in names}, "overall_effectiveness": pl.Int8},
            orient="row",
        )
        .with_columns(
            pl.lit(None, pl.Int8).alias("staying_safe"),
            pl.lit(None, pl.Int8).alias("enjoying_achieving"),
        )
        .sort(["la_code", "urn", "inspection_date"])
    )
    return SchoolConversion(
        inspections=frame,
        vintage=places.vintage,
        schools_read=schools_read,
        schools_written=schools_written,
        previous_used=previous_used,
        skipped=dict(sorted(skipped.items(), key=lambda item: (-item[1], item[0]))),
        sources=tuple(sources),
        as_at=as_at_in(titles),
        layout=" and ".join(sorted(layouts)),
    )


def _find(path: Path) -> SheetTable:
    """Find the management information table in a CSV file or in any sheet of a workbook."""
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        return find_table(read_csv_sheet(path), REQUIRED_COLUMNS)
    names = workbook_sheet_names(path)
    first: InputError | None = None
    for name in names:
        try:
            return find_table(read_sheet(path, name), REQUIRED_COLUMNS)
        except InputError as error:
            first = first or error
    if len(names) == 1 and first is not None:
        raise first
    wanted = ", ".join(f"'{c if isinstance(c, str) else c[-1]}'" for c in REQUIRED_COLUMNS)
    raise refused_file(
        path, f"no sheet has a header row with columns {wanted} (its sheets: {', '.join(names)})"
    )


class _Reader:
    """Read one school row at a time from a management information table."""

    def __init__(self, table: SheetTable, councils: Councils, log: ProblemLog) -> None:
        self.table = table
        self.councils = councils
        self.log = log
        self.where = table.sheet.where
        self.used_previous = False
        self._placed: dict[tuple[str, str | None], Placement] = {}

        def at(names: str | tuple[str, ...]) -> tuple[int | None, str]:
            for name in (names,) if isinstance(names, str) else names:
                position = table.index(name)
                if position is not None:
                    return position, table.header[position].strip()
            return None, names if isinstance(names, str) else names[0]

        self.urn, _ = at(URN)
        self.laestab, _ = at(LAESTAB)
        self.name, _ = at(NAME)
        self.phase, _ = at(PHASE)
        self.type, _ = at(TYPE)
        self.constituency, _ = at(CONSTITUENCY)
        self.latest = (at(LATEST_DATE), at(LATEST_GRADE))
        report_card = table.has(LATEST_GRADE[0])
        self.previous = (
            (at(PREVIOUS_DATE), at(PREVIOUS_GRADE))
            if not report_card and table.has(PREVIOUS_GRADE)
            else None
        )
        self.report_card_date = at(REPORT_CARD_DATE)[0] if report_card else None

    def cell(self, cells: tuple[str | None, ...], position: int | None) -> str | None:
        if position is None or position >= len(cells):
            return None
        value = cells[position]
        return None if value is None or value.upper() == "NULL" else value

    def school(
        self, number: int, cells: tuple[str | None, ...]
    ) -> str | list[tuple[str, str, str, str | None, str | None, dt.date, int]]:
        """Return the school's inspections, or the reason it is skipped ([] on a problem)."""
        self.used_previous = False
        urn = self.cell(cells, self.urn)
        if urn is None:
            self.log.add(Problem(self.where, number, URN, None, "is blank; expected the URN"))
            return []
        laestab = self.cell(cells, self.laestab)
        match = _LAESTAB.match(laestab or "")
        if match is None:
            expected = (
                "is not a LAESTAB (expected seven digits: the council's DfE code, then the "
                "school's number, e.g. 8852001)"
            )
            self.log.add(Problem(self.where, number, LAESTAB, laestab, expected))
            return []
        placed = self._place(match.group(1), self.cell(cells, self.constituency))
        if placed is None:
            self.log.add(
                Problem(
                    self.where,
                    number,
                    LAESTAB,
                    laestab,
                    f"begins with {match.group(1)}, which is not the DfE code of a council "
                    "csrating knows (expected e.g. 8852001 for a school in Worcestershire)",
                )
            )
            return []
        latest = self._inspection(number, cells, self.latest)
        previous = self._inspection(number, cells, self.previous) if self.previous else None
        if latest is False or previous is False:
            return []  # a problem was reported
        if placed.la_code is None:
            return placed.skipped or "council not placed"
        phase, education = self.cell(cells, self.phase), self.cell(cells, self.type)
        kind = setting_type(phase, education)
        if kind is None:
            return f"{SKIP_PHASE}{phase or '(blank)'} / {education or '(blank)'}"
        graded = [i for i in (latest, previous) if isinstance(i, tuple) and i[1] is not None]
        if not graded:
            inspected = any(isinstance(i, tuple) for i in (latest, previous)) or (
                self.cell(cells, self.report_card_date) is not None
            )
            return SKIP_NO_OVERALL_GRADE if inspected else SKIP_NOT_INSPECTED
        self.used_previous = isinstance(latest, tuple) and latest[1] is None
        sector = school_sector(education)
        name = self.cell(cells, self.name)
        return [
            (
                urn,
                placed.la_code,
                kind.value,
                sector.value if sector else None,
                name,
                date,
                grade,
            )
            for date, grade in graded
            if grade is not None
        ]

    def _place(self, code: str, constituency: str | None) -> Placement | None:
        key = (code, constituency if code == "909" else None)
        if key not in self._placed:
            known = self.councils.identify(code=code)
            if known is None:
                return None
            self._placed[key] = self.councils.location(known, constituency=constituency)
        return self._placed[key]

    def _inspection(
        self,
        number: int,
        cells: tuple[str | None, ...],
        columns: tuple[tuple[int | None, str], tuple[int | None, str]] | None,
    ) -> tuple[dt.date, int | None] | None | bool:
        """Return (date, grade or None), ``None`` if there is none, ``False`` on a problem."""
        if columns is None:
            return None
        (date_at, date_column), (grade_at, grade_column) = columns
        date_text = self.cell(cells, date_at)
        grade_text = self.cell(cells, grade_at)
        grade: int | None = None
        if grade_text is not None and grade_text.strip().lower() not in NOT_GRADED:
            parsed = parse_inspection_grade(grade_text)
            if parsed is None:
                self.log.add(
                    Problem(self.where, number, grade_column, grade_text, INSPECTION_GRADE_EXPECTED)
                )
                return False
            grade = parsed.value
        if date_text is None:
            if grade is not None:
                self.log.add(
                    Problem(
                        self.where,
                        number,
                        date_column,
                        None,
                        "is blank but the inspection has a grade; expected its start date",
                    )
                )
                return False
            return None
        date = parse_date(date_text)
        if date is None:
            self.log.add(Problem(self.where, number, date_column, date_text, DATE_EXPECTED))
            return False
        return (date, grade)


def schools_manifest(conversion: SchoolConversion) -> DatasetManifest:
    """Return the manifest of a dataset holding ``conversion``'s inspections."""
    files = "; ".join(dict.fromkeys(s.split(",")[0] for s in conversion.sources))
    when = f" as at {conversion.as_at.isoformat()}" if conversion.as_at is not None else ""
    return published_manifest(
        name=f"Ofsted state-funded schools inspections{when}",
        source=f"Ofsted, state-funded schools inspections and outcomes: management "
        f"information: {files}",
        as_at=conversion.as_at,
        vintage=conversion.vintage,
        description=(
            "Each school's graded inspections with an overall effectiveness grade (the latest "
            "and, where the file gives it, the previous), dated with the inspection's start "
            "date, under the school's current URN. Councils from the first three digits of "
            "LAESTAB (the DfE code). Ofsted phase: nursery, primary, secondary, special and "
            "pupil referral units / alternative provision; all-through schools count as "
            "secondary. Graded inspections from September 2024 have no overall grade: for "
            "those schools the previous graded inspection is the latest one written, and "
            "schools with no overall grade at all are skipped and counted."
        ),
        tables=(INSPECTIONS.name,),
    )
