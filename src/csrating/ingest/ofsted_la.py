"""Adapter for Ofsted's published history of council-level inspections, 2009 to date.

Two layouts are read, both GSS spreadsheets (.ods or .xlsx) with notes above each table:

* *Children's social care data in England 2023, underlying data*, sheet
  ``LA_inspections_2009-2023``: one row per council with every inspection since 2009 in
  column groups (safeguarding and looked after children (SLAC) with its re-inspections,
  child protection inspections and re-inspections, targeted looked after children
  inspections, the single inspection framework (SIF) and its re-inspection, the LSCB review,
  a first and second ILACS), then, lower in the same sheet, "Table 11" with the councils that
  existed before the 2019-2021 reorganisations (Bournemouth, Dorset, Poole, Northamptonshire);
* *Local authority inspection outcomes as at 31 March 2025*, sheets
  ``ILACS_inspection_history`` (every ILACS inspection, keyed by ONS code) and
  ``Inspections_as_at_31_March`` (each council's latest; read too, and de-duplicated).

Every inspection becomes one row per judgement in ``council_inspections`` (``la_code, kind,
date, judgement, grade, outcome``), dated with its publication date. Re-inspections are
events of their own carrying only what was re-inspected, so the profile, which takes the
latest event of each kind, lets a re-inspection supersede the full inspection before it.

Old wording: the 2023 release words every grade in today's terms, so in its 2009-2012 SLAC
columns "Requires improvement to be good" is the old "Adequate". Both are grade 3.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from csrating.errors import InputError, Problem
from csrating.ingest._councils import Councils, Era, Known
from csrating.ingest.adapted import published_manifest
from csrating.ingest.dataset import COUNCIL_INSPECTIONS_SCHEMA
from csrating.ingest.gss import (
    DATE_EXPECTED,
    Sheet,
    SheetTable,
    as_at_in,
    find_table,
    parse_date,
    read_sheet,
    refused_file,
    rows_below,
    workbook_sheet_names,
)
from csrating.ingest.manifest import DatasetManifest
from csrating.ingest.problem_log import ProblemLog
from csrating.ingest.schema import COUNCIL_INSPECTIONS, Table
from csrating.reference import Geography
from csrating.scales import INSPECTION_GRADE_EXPECTED, parse_inspection_grade
from csrating.vocabulary import (
    ILACS_JUDGEMENTS,
    SAFEGUARDING_JUDGEMENTS,
    SIF_JUDGEMENTS,
    CouncilInspectionKind,
)

HISTORY_2023_SHEET = re.compile(r"^LA_inspections_2009-\d{4}$")
"""The council-level sheet of the annual "Children's social care data in England" release."""

ILACS_HISTORY_SHEET = "ILACS_inspection_history"
ILACS_AS_AT_SHEET = "Inspections_as_at_31_March"

SKIP_NO_GRADE = "inspection with a publication date but no graded judgement"
SKIP_DUPLICATE = "same inspection already read from "  # followed by where
SKIP_REDATED = "same inspection, dated differently, already read from "  # followed by where
REDATED_WITHIN_DAYS = 92
"""Two releases' inspections of one council and kind with the same judgements published
this close together are one inspection that a release dated differently."""

OLD_WORDING_NOTE = (
    "Ofsted's 2023 release words every grade in today's terms: in its 2009-2012 safeguarding "
    "and looked after children (SLAC) columns, 'Requires improvement to be good' is the "
    "relabelled old 'Adequate'. Both are grade 3 here."
)

_KIND = CouncilInspectionKind
_NAME_COLUMN = "Local authority name"
_BLANKS = {"-", "–", "n/a", "na"}


@dataclass(frozen=True)
class EventColumns:
    """Where one kind of inspection sits in a row of the 2023 layout."""

    kind: CouncilInspectionKind
    what: str  # the inspection in words, for messages
    date: tuple[str, ...]  # the publication date column (alternative names)
    judgements: tuple[tuple[str, tuple[str, ...]], ...]  # (judgement id, column names)
    optional: bool = False  # the group may be absent (e.g. no second ILACS in Table 11)


def _columns(*names: str) -> tuple[str, ...]:
    return names


def _sif(prefix: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    words = (
        "Overall Judgement (OE)",
        "children who need help and protection",
        "children looked after and achieving permanence",
        "CLA Sub: Adoption Performance",
        "CLA Sub: Experiences and progress of care leavers",
        "leadership, management and governance",
    )
    return tuple(
        (judgement, _columns(f"{prefix} {word}"))
        for judgement, word in zip(SIF_JUDGEMENTS, words, strict=True)
    )


def _ilacs(prefixes: tuple[str, ...], *, split: bool) -> tuple[tuple[str, tuple[str, ...]], ...]:
    def named(word: str) -> tuple[str, ...]:
        return tuple(f"{prefix} {word}" for prefix in prefixes)

    common = (
        ("overall_effectiveness", named("overall effectiveness")),
        ("impact_of_leaders", named("impact of leaders")),
        (
            "help_and_protection",
            named("experiences and progress of children who need help and protection"),
        ),
    )
    if split:
        return (
            *common,
            ("children_in_care", named("experiences and progress of children in care")),
            ("care_leavers", named("experiences and progress of care leavers")),
        )
    return (
        *common,
        (
            "children_in_care_and_care_leavers",
            named("experiences and progress of children in care and care leavers"),
        ),
    )


_SIF_FIRST_DATE = _columns(
    "Single Inspection of LA Children's Services (SIF) First SIF publication date"
)

HISTORY_2023_EVENTS: tuple[EventColumns, ...] = (
    EventColumns(
        _KIND.SAFEGUARDING_LAC,
        "safeguarding and looked after children inspection",
        _columns("Safeguarding & Looked After Children (SLAC) Inspection publication date"),
        (
            ("overall_safeguarding", _columns("SLAC Safeguarding Overall effectiveness (OE)")),
            ("overall_lac", _columns("SLAC Looked After Children Overall Effectiveness (OE)")),
        ),
    ),
    EventColumns(
        _KIND.SAFEGUARDING_LAC,
        "re-inspection of safeguarding",
        _columns("SLAC re-inspection of Safeguarding publication date"),
        (("overall_safeguarding", _columns("SLAC re-inspection Safeguarding OE")),),
    ),
    EventColumns(
        _KIND.SAFEGUARDING_LAC,
        "re-inspection of services for looked after children",
        _columns("SLAC re-inspection of services for Children Looked After publication date"),
        (("overall_lac", _columns("SLAC re-inspection of services Children Looked After OE")),),
    ),
    EventColumns(
        _KIND.CHILD_PROTECTION,
        "child protection inspection",
        _columns("Child Protection Inspections (CPI) publication date"),
        (("overall_effectiveness", _columns("CPI Overall Effectiveness (OE)")),),
    ),
    EventColumns(
        _KIND.CHILD_PROTECTION,
        "child protection re-inspection",
        _columns("Child Protection Re-Inspection (CPRI) publication date"),
        (("overall_effectiveness", _columns("CPRI Overall Effectiveness (OE)")),),
    ),
    EventColumns(
        _KIND.LOOKED_AFTER_CHILDREN,
        "targeted looked after children inspection",
        _columns("Targeted Looked After Children (TLAC) inspection publication date"),
        (("overall_effectiveness", _columns("TLAC Overall Effectiveness (OE)")),),
    ),
    EventColumns(_KIND.SIF, "single inspection", _SIF_FIRST_DATE, _sif("First SIF")),
    EventColumns(
        _KIND.LSCB,
        "review of the local safeguarding children board",
        _SIF_FIRST_DATE,
        (("overall_effectiveness", _columns("LSCB Overall Effectiveness")),),
    ),
    EventColumns(
        _KIND.SIF,
        "single inspection re-inspection",
        _columns(
            "Single Inspection of LA Children's Services (SIF) SIF Re-inspection publication date"
        ),
        _sif("SIF Re-inspection"),
    ),
    EventColumns(
        _KIND.ILACS,
        "first ILACS inspection",
        _columns("First ILACS framework publication date", "ILACS framework publication date"),
        _ilacs(("First ILACS framework", "ILACS framework"), split=False),
    ),
    EventColumns(
        _KIND.ILACS,
        "second ILACS inspection",
        _columns("Second ILACS framework publication date"),
        _ilacs(("Second ILACS framework",), split=True),
        optional=True,
    ),
)
"""The column groups of the 2023 layout, in the sheet's order (both tables)."""

ILACS_COLUMNS = {
    "ons": "Local authority area code",
    "name": "Local authority name",
    "inspected": "Inspection date",
    "published": "Publication date",
}
ILACS_STATUS = "Local authority status"
ILACS_JUDGEMENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("overall_effectiveness", "Overall effectiveness"),
    (
        "impact_of_leaders",
        "The impact of leaders on social work practice with children and families",
    ),
    (
        "help_and_protection",
        "The experiences and progress of children who need help and protection",
    ),
    ("children_in_care", "The experiences and progress of children in care"),
    ("care_leavers", "The experiences and progress of care leavers"),
)
"""The columns of the 2025 ILACS sheets this adapter reads (the status is optional)."""

_JUDGEMENT_ORDER = {
    name: i
    for i, name in enumerate(
        dict.fromkeys((*SAFEGUARDING_JUDGEMENTS, *SIF_JUDGEMENTS, *ILACS_JUDGEMENTS))
    )
}


@dataclass(frozen=True)
class CouncilInspectionConversion:
    """Council-level inspections converted from Ofsted's files, and what was left out."""

    council_inspections: pl.DataFrame  # typed as COUNCIL_INSPECTIONS_SCHEMA
    vintage: str
    rows_read: int  # council rows read, over every table and sheet
    inspections_read: int  # inspection events found in them
    inspections_written: int
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> inspections
    sources: tuple[str, ...] = ()  # what was read, e.g. "x.ods, sheet 'S': 152 rows"
    as_at: dt.date | None = None  # the latest release's as-at date

    @property
    def first_year(self) -> int | None:
        """The year of the earliest inspection written."""
        dates = self.council_inspections["date"]
        return None if dates.is_empty() else dates.min().year  # type: ignore[union-attr]

    @property
    def last_year(self) -> int | None:
        """The year of the latest inspection written."""
        dates = self.council_inspections["date"]
        return None if dates.is_empty() else dates.max().year  # type: ignore[union-attr]

    def tables(self) -> dict[Table, pl.DataFrame]:
        """Return the table to write: ``council_inspections``."""
        return {COUNCIL_INSPECTIONS: self.council_inspections}

    def manifest(self) -> DatasetManifest:
        """Return the manifest of a dataset holding these council inspections."""
        return council_inspections_manifest(self)


@dataclass(frozen=True)
class _Event:
    la_code: str | None
    skipped: str | None
    kind: CouncilInspectionKind
    date: dt.date
    judgements: dict[str, int]
    where: str


@dataclass
class _Release:
    """What one file gave: its events in sheet order, and where they came from."""

    events: list[_Event] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    rows_read: int = 0
    titles: list[str] = field(default_factory=list)


def convert_la_inspections(files: Sequence[Path], places: Geography) -> CouncilInspectionConversion:
    """Convert Ofsted's published council-level inspection history to canonical rows.

    Args:
        files: the 2023 "Children's social care data in England" underlying data and/or
            the 2025 "Local authority inspection outcomes" workbooks (.ods or .xlsx).
        places: the geography the council codes must belong to.

    Returns:
        The judgements, with counts of inspections skipped by reason (councils the
        geography lacks, inspections read twice).

    Raises:
        InputError: a file is not one of the layouts, lacks a sheet or column, names a
            council csrating does not know, or holds a date that is not a date or a grade
            that is not a grade; every problem is listed and nothing is converted.
    """
    councils = Councils(places)
    log = ProblemLog()
    releases: list[tuple[dt.date, int, _Release]] = []
    for order, path in enumerate(files):
        try:
            release = _read_release(path, councils, log)
        except InputError as error:
            log.extend(error.problems)
            continue
        dates = [e.date for e in release.events]
        as_at = as_at_in([*release.titles, path.name]) or (max(dates) if dates else dt.date.min)
        releases.append((as_at, order, release))
    if len(log):
        raise InputError(log.problems)
    releases.sort(key=lambda item: (-item[0].toordinal(), item[1]))  # latest release first
    skipped: Counter[str] = Counter()
    kept: dict[tuple[str, str, dt.date], _Event] = {}
    events_read = 0
    for _, _, release in releases:
        for event in release.events:
            events_read += 1
            if event.skipped is not None or event.la_code is None:
                skipped[event.skipped or "council not placed"] += 1
                continue
            if not event.judgements:
                skipped[SKIP_NO_GRADE] += 1
                continue
            key = (event.la_code, event.kind.value, event.date)
            earlier = kept.get(key)
            if earlier is not None:
                differs = "" if earlier.judgements == event.judgements else " (judgements differ)"
                skipped[f"{SKIP_DUPLICATE}{earlier.where}{differs}"] += 1
                continue
            redated = _redated(event, kept.values())
            if redated is not None:
                skipped[f"{SKIP_REDATED}{redated.where} ({redated.date.isoformat()})"] += 1
                continue
            kept[key] = event
    rows = [
        (code, kind, date, judgement, grade)
        for (code, kind, date), event in kept.items()
        for judgement, grade in event.judgements.items()
    ]
    frame = pl.DataFrame(
        {
            "la_code": [r[0] for r in rows],
            "kind": [r[1] for r in rows],
            "date": [r[2] for r in rows],
            "judgement": [r[3] for r in rows],
            "grade": [r[4] for r in rows],
            "outcome": [None] * len(rows),
        },
        schema=COUNCIL_INSPECTIONS_SCHEMA,
    )
    rank = pl.col("judgement").replace_strict(_JUDGEMENT_ORDER, default=99, return_dtype=pl.Int32)
    frame = frame.sort([pl.col("la_code"), pl.col("date"), pl.col("kind"), rank])
    as_ats = [as_at for as_at, _, _ in releases if as_at != dt.date.min]
    return CouncilInspectionConversion(
        council_inspections=frame,
        vintage=places.vintage,
        rows_read=sum(r.rows_read for _, _, r in releases),
        inspections_read=events_read,
        inspections_written=len(kept),
        skipped=dict(sorted(skipped.items(), key=lambda item: (-item[1], item[0]))),
        sources=tuple(s for _, _, r in sorted(releases, key=lambda i: i[1]) for s in r.sources),
        as_at=max(as_ats) if as_ats else None,
    )


def _redated(event: _Event, kept: Iterable[_Event]) -> _Event | None:
    """Return the inspection another release read that ``event`` repeats with another date."""
    file = event.where.split(",")[0]
    for other in kept:
        if (
            other.la_code == event.la_code
            and other.kind is event.kind
            and other.judgements == event.judgements
            and other.where.split(",")[0] != file
            and abs((other.date - event.date).days) <= REDATED_WITHIN_DAYS
        ):
            return other
    return None


def _read_release(path: Path, councils: Councils, log: ProblemLog) -> _Release:
    """Read one file of either layout; problems go to ``log``."""
    names = workbook_sheet_names(path)
    history_2023 = next((n for n in names if HISTORY_2023_SHEET.match(n)), None)
    release = _Release()
    if history_2023 is not None:
        _read_history_2023(read_sheet(path, history_2023), councils, log, release)
    elif ILACS_HISTORY_SHEET in names:
        _read_ilacs(read_sheet(path, ILACS_HISTORY_SHEET), councils, log, release)
        if ILACS_AS_AT_SHEET in names:
            _read_ilacs(read_sheet(path, ILACS_AS_AT_SHEET), councils, log, release)
    else:
        raise refused_file(
            path,
            "has neither a 'LA_inspections_2009-YYYY' sheet (Children's social care data "
            f"in England) nor an '{ILACS_HISTORY_SHEET}' sheet (Local authority "
            f"inspection outcomes); its sheets: {', '.join(names)}",
        )
    return release


def _required_columns(events: Sequence[EventColumns]) -> list[str | tuple[str, ...]]:
    wanted: list[str | tuple[str, ...]] = [_NAME_COLUMN]
    for event in events:
        if event.optional:
            continue
        for names in (event.date, *(names for _, names in event.judgements)):
            if names not in wanted:
                wanted.append(names)
    return wanted


def _read_history_2023(
    sheet: Sheet, councils: Councils, log: ProblemLog, release: _Release
) -> None:
    """Read both tables of the 2023 layout's council-level sheet."""
    release.titles.append(sheet.title)
    required = _required_columns(HISTORY_2023_EVENTS)
    first = find_table(sheet, required)
    tables = [(first, Era.CURRENT, "table 1")]
    next_row = rows_below(sheet, first.last_row)
    if next_row is not None:
        second = find_table(sheet, required, below=first.last_row)
        tables.append((second, Era.FORMER, "second table (councils before the restructure)"))
    for table, era, label in tables:
        release.rows_read += len(table.rows)
        release.sources.append(
            f"{sheet.where}, {label} from row {table.header_row}: {len(table.rows):,} councils"
        )
        _read_history_table(table, era, councils, log, release)


def _read_history_table(
    table: SheetTable, era: Era, councils: Councils, log: ProblemLog, release: _Release
) -> None:
    where = table.sheet.where
    name_at = table.index(_NAME_COLUMN)
    assert name_at is not None  # find_table checked it
    groups: list[tuple[EventColumns, int, list[tuple[str, int, str]]]] = []
    for event in HISTORY_2023_EVENTS:
        date_at = next((p for p in map(table.index, event.date) if p is not None), None)
        if date_at is None:  # only optional groups can be absent (find_table checked the others)
            present = [n[0] for _, n in event.judgements if any(map(table.has, n))]
            if present:
                log.add(
                    Problem(
                        where,
                        table.header_row,
                        None,
                        None,
                        f"the header row has '{present[0]}' but lacks the column '{event.date[0]}'",
                    )
                )
            continue
        judgements: list[tuple[str, int, str]] = []
        for judgement, names in event.judgements:
            at = next((p for p in map(table.index, names) if p is not None), None)
            if at is None:
                log.add(
                    Problem(
                        where,
                        table.header_row,
                        None,
                        None,
                        f"the header row has '{table.header[date_at].strip()}' but lacks the "
                        f"column '{names[0]}'",
                    )
                )
                continue
            judgements.append((judgement, at, table.header[at].strip()))
        groups.append((event, date_at, judgements))
    for number, cells in table.rows:
        name = _cell(cells, name_at)
        if name is None:
            log.add(Problem(where, number, _NAME_COLUMN, None, "is blank; expected a council name"))
            continue
        known = councils.identify(name=name, era=era)
        if known is None:
            log.add(Problem(where, number, _NAME_COLUMN, name, _UNKNOWN_COUNCIL))
            continue
        placed = councils.council(known)
        merged: dict[tuple[CouncilInspectionKind, dt.date], dict[str, int]] = {}
        for event, date_at, judgements in groups:
            date_text = _cell(cells, date_at)
            grades: dict[str, int] = {}
            for judgement, at, column in judgements:
                grade = _grade(cells, at, where, number, column, log)
                if grade is not None:
                    grades[judgement] = grade
            if date_text is None:
                if grades:
                    column = table.header[date_at].strip()
                    log.add(
                        Problem(
                            where,
                            number,
                            column,
                            None,
                            f"is blank but the {event.what} has judgements; expected its "
                            "publication date",
                        )
                    )
                continue
            date = parse_date(date_text)
            if date is None:
                log.add(
                    Problem(where, number, table.header[date_at].strip(), date_text, DATE_EXPECTED)
                )
                continue
            slot = merged.setdefault((event.kind, date), {})
            for judgement, grade in grades.items():
                if slot.get(judgement, grade) != grade:
                    log.add(
                        Problem(
                            where,
                            number,
                            None,
                            None,
                            f"has two {event.kind.value} '{judgement}' grades published on "
                            f"{date.isoformat()}",
                        )
                    )
                slot[judgement] = grade
        for (kind, date), grades in merged.items():
            release.events.append(
                _Event(
                    placed.la_code,
                    placed.skipped,
                    kind,
                    date,
                    _ilacs_split(kind, grades),
                    where,
                )
            )


def _read_ilacs(sheet: Sheet, councils: Councils, log: ProblemLog, release: _Release) -> None:
    """Read a 2025 ILACS sheet: one row per inspection, keyed by ONS code."""
    release.titles.append(sheet.title)
    columns = [*ILACS_COLUMNS.values(), *(name for _, name in ILACS_JUDGEMENT_COLUMNS)]
    table = find_table(sheet, columns)
    where = sheet.where
    release.rows_read += len(table.rows)
    release.sources.append(f"{where}, from row {table.header_row}: {len(table.rows):,} inspections")
    at = {key: table.index(name) for key, name in ILACS_COLUMNS.items()}
    status_at = table.index(ILACS_STATUS)
    judgements = [(j, table.index(name), name) for j, name in ILACS_JUDGEMENT_COLUMNS]
    for number, cells in table.rows:
        ons = _cell(cells, at["ons"])
        name = _cell(cells, at["name"])
        status = _cell(cells, status_at) if status_at is not None else None
        era = Era.CURRENT
        if status is not None:
            key = " ".join(status.lower().split())
            if key == "no longer exists":
                era = Era.FORMER
            elif key != "current":
                log.add(
                    Problem(
                        where,
                        number,
                        ILACS_STATUS,
                        status,
                        "is not a council status (expected Current or No longer exists)",
                    )
                )
                continue
        known = _ilacs_council(councils, where, number, ons, name, era, log)
        if known is None:
            continue
        published_text = _cell(cells, at["published"])
        published = parse_date(published_text)
        inspected_text = _cell(cells, at["inspected"])
        if published is None:
            log.add(
                Problem(
                    where,
                    number,
                    ILACS_COLUMNS["published"],
                    published_text,
                    DATE_EXPECTED if published_text else "is blank; expected the publication date",
                )
            )
        if inspected_text is not None and parse_date(inspected_text) is None:
            log.add(
                Problem(where, number, ILACS_COLUMNS["inspected"], inspected_text, DATE_EXPECTED)
            )
        grades: dict[str, int] = {}
        for judgement, position, column in judgements:
            grade = _grade(cells, position, where, number, column, log)
            if grade is not None:
                grades[judgement] = grade
        if published is None:
            continue
        placed = councils.council(known)
        release.events.append(
            _Event(
                placed.la_code,
                placed.skipped,
                _KIND.ILACS,
                published,
                _ilacs_split(_KIND.ILACS, grades),
                where,
            )
        )


def _ilacs_council(
    councils: Councils,
    where: str,
    number: int,
    ons: str | None,
    name: str | None,
    era: Era,
    log: ProblemLog,
) -> Known | None:
    """Identify a 2025 row's council by its ONS code, checking the name agrees."""
    by_name = councils.identify(name=name, era=era) if name is not None else None
    if ons is None:
        if by_name is None:
            log.add(
                Problem(where, number, ILACS_COLUMNS["name"], name, _UNKNOWN_COUNCIL)
                if name is not None
                else Problem(
                    where,
                    number,
                    ILACS_COLUMNS["ons"],
                    None,
                    "is blank; expected the council's ONS code (e.g. E10000034)",
                )
            )
        return by_name
    by_code = councils.identify(ons=ons)
    if by_code is None:
        log.add(
            Problem(
                where,
                number,
                ILACS_COLUMNS["ons"],
                ons,
                "is not the ONS code of a council csrating knows (expected e.g. E10000034)",
            )
        )
        return None
    if by_name is not None and by_name.la_code != by_code.la_code:
        log.add(
            Problem(
                where,
                number,
                ILACS_COLUMNS["name"],
                name,
                f"does not name the council of area code {ons} ({by_code.name}); expected the "
                "name and code of one council",
            )
        )
        return None
    return by_code


_UNKNOWN_COUNCIL = (
    "is not a council csrating knows, in any geography (expected a local authority name "
    "such as Worcestershire)"
)


def _ilacs_split(kind: CouncilInspectionKind, grades: dict[str, int]) -> dict[str, int]:
    """Name an ILACS 'children in care' judgement made before care leavers were judged apart.

    Until 1 January 2023 ILACS judged children in care and care leavers together; files
    written since put that judgement under "children in care" and leave care leavers blank.
    """
    if kind is not _KIND.ILACS or "children_in_care" not in grades or "care_leavers" in grades:
        return grades
    renamed = dict(grades)
    renamed["children_in_care_and_care_leavers"] = renamed.pop("children_in_care")
    return renamed


def _cell(cells: tuple[str | None, ...], position: int | None) -> str | None:
    if position is None or position >= len(cells):
        return None
    value = cells[position]
    if value is None or value.strip().lower() in _BLANKS:
        return None
    return value


def _grade(
    cells: tuple[str | None, ...],
    position: int | None,
    where: str,
    number: int,
    column: str,
    log: ProblemLog,
) -> int | None:
    text = _cell(cells, position)
    if text is None:
        return None
    grade = parse_inspection_grade(text)
    if grade is None:
        log.add(Problem(where, number, column, text, INSPECTION_GRADE_EXPECTED))
        return None
    return grade.value


def council_inspections_manifest(conversion: CouncilInspectionConversion) -> DatasetManifest:
    """Return the manifest of a dataset holding ``conversion``'s table."""
    first, last = conversion.first_year, conversion.last_year
    years = f" {first}-{last}" if first is not None and last is not None else ""
    files = "; ".join(dict.fromkeys(s.split(",")[0] for s in conversion.sources))
    return published_manifest(
        name=f"Ofsted council-level inspections{years}",
        source=f"Ofsted, council-level inspection outcomes: {files}",
        as_at=conversion.as_at,
        vintage=conversion.vintage,
        description=(
            "Every council-level inspection Ofsted published, one row per judgement, dated with "
            "its publication date: safeguarding and looked after children inspections "
            "(safeguarding_lac) and their re-inspections as events of their own carrying only "
            "the judgement re-inspected; child protection inspections and re-inspections "
            "(child_protection); targeted looked after children inspections "
            "(looked_after_children); the single inspection framework (sif) with its LSCB "
            "review (lscb, dated with the inspection); ILACS (ilacs; children in care and care "
            "leavers judged together before 1 January 2023). " + OLD_WORDING_NOTE
        ),
        tables=(COUNCIL_INSPECTIONS.name,),
    )
