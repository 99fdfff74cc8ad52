"""Each council's performance profile as an accessible workbook, in XLSX and ODS.

:func:`workbook_model` describes the workbook's sheets (a pure model), which
:func:`~csrating.publish._sheets.render_workbook` writes in either format;
:func:`profile_workbook` does both in memory and :func:`write_workbook` is the only step
that touches the disk.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path

from csrating.files import write_bytes
from csrating.formatting import NO_DATA, long_date
from csrating.frameworks import public_view
from csrating.frameworks.loader import load_framework
from csrating.frameworks.model import Framework
from csrating.pipeline import CouncilResult
from csrating.presentation import (
    ComparedFigure,
    EvidenceRow,
    Figure,
    ProfileRows,
    profile_rows,
)
from csrating.presentation.comparison import (
    METHOD_NOTES,
    CouncilComparison,
    LineComparison,
    comparison_sections,
)
from csrating.profile.model import PerformanceProfile
from csrating.profile.settings import ProfileSettings
from csrating.publish._cover import CONTENTS_LINE, closing_lines, notice_lines
from csrating.publish._sheets import (
    NOT_APPLICABLE,
    NOT_AVAILABLE,
    SHEET_FORMATS,
    CellValue,
    CoverLine,
    SheetTable,
    WorkbookModel,
    render_workbook,
)
from csrating.publish.contact import DEFAULT_CONTACT, Contact
from csrating.publish.marks import Marks
from csrating.publish.summary import NOT_PUBLISHED
from csrating.reference import geography
from csrating.scales import InspectionGrade
from csrating.types import LaCode

BLOCK_A_HEADERS = (
    "Line id",
    "Setting type or group",
    "Kind",
    "Settings inspected",
    "Outstanding",
    "Good",
    "Satisfactory",
    "Inadequate",
    "Good or better %",
    "Similar areas good or better % [note 1]",
    "England good or better %",
    "Good or better compared with similar areas [note 2]",
    "Good or better compared with England [note 2]",
    "Inadequate %",
    "Similar areas inadequate % [note 1]",
    "England inadequate %",
    "Inadequate compared with similar areas [note 2]",
    "Inadequate compared with England [note 2]",
    "Staying safe good or better %",
    "Enjoying and achieving good or better %",
)
"""The header row of the Block A table."""

BLOCK_B_HEADERS = (
    "Evidence",
    "Date",
    "Judgement",
    "Grade (1 outstanding to 4 inadequate) [note 5]",
    "Grade or outcome in words",
    "Number of reviews",
)
"""The header row of the Block B table."""

BLOCK_C_HEADERS = (
    "Indicator",
    "Title",
    "Every Child Matters outcome",
    "Unit",
    "Better when",
    "Value",
    "Reason for no value",
    "Similar areas [note 1]",
    "England",
    "Compared with similar areas [note 2]",
    "Compared with England [note 2]",
    "Band (1 weakest to 4 strongest) [note 5]",
    "Previous value",
    "Trend",
    "Gap for vulnerable groups",
)
"""The header row of the Block C table."""

SIMILAR_AREAS_HEADERS = (
    "Rank",
    "DfE code",
    "ONS code",
    "Council",
    "Rating",
    "Rating grade (4 best) [note 5]",
)
"""The header row of the similar areas table."""


def profile_workbook(
    result: CouncilResult,
    *,
    neighbours: Mapping[LaCode, CouncilResult],
    demonstration: bool,
    framework: Framework | None = None,
    fmt: str = "xlsx",
    contact: Contact = DEFAULT_CONTACT,
    published: dt.date | None = None,
    source: str | None = None,
    marks: Marks | None = None,
    comparison: CouncilComparison | None = None,
) -> bytes:
    """Build a council's performance profile workbook in memory.

    Sheets: Cover, Contents, Notes, Block A, Block B, Block C and Similar areas, and with
    a ``comparison`` Settings over time and Indicators over time; each table is named
    (an Excel table, or an ODS database range) under a title, with one header row.

    Args:
        result: the council's profile and assessment.
        neighbours: results of other councils by code; the council's statistical
            neighbours are looked up here for their ratings.
        demonstration: whether the outcomes are synthetic demonstration data.
        framework: the framework assessed, for its title and tolerances; by default the
            shipped framework named in the assessment.
        fmt: ``"xlsx"`` or ``"ods"``.
        contact: who readers write to, named on the cover.
        published: the publication date on the cover (see :func:`workbook_model`).
        source: what the results were made from (a dataset name), for the cover.
        marks: what every file of the publication says first (an embargo, the round's
            notices), the cover's Notices and the last notes; by default the round's
            notices (demonstration data, a simulation) without an embargo.
        comparison: the council's lines over time beside each neighbour, its region and
            England (:mod:`csrating.presentation.comparison`).

    Returns:
        The file's bytes.

    Raises:
        ValueError: ``fmt`` is not a spreadsheet format.
    """
    if fmt not in SHEET_FORMATS:
        raise ValueError(f"spreadsheet format {fmt!r} is not one of {', '.join(SHEET_FORMATS)}")
    model = workbook_model(
        result,
        neighbours=neighbours,
        demonstration=demonstration,
        framework=framework,
        contact=contact,
        published=published,
        source=source,
        marks=marks,
        comparison=comparison,
    )
    return render_workbook(model, fmt)


def workbook_model(
    result: CouncilResult,
    *,
    neighbours: Mapping[LaCode, CouncilResult],
    demonstration: bool,
    framework: Framework | None = None,
    contact: Contact = DEFAULT_CONTACT,
    published: dt.date | None = None,
    source: str | None = None,
    marks: Marks | None = None,
    comparison: CouncilComparison | None = None,
) -> WorkbookModel:
    """Describe the profile workbook's sheets without writing anything.

    Args:
        result: the council's profile and assessment.
        neighbours: other councils' results by code.
        demonstration: whether the outcomes are synthetic demonstration data.
        framework: the framework assessed (see :func:`profile_workbook`).
        contact: who readers write to, named on the cover.
        published: the publication date on the cover; by default the framework's
            publication date, else the cut-off date.
        source: what the results were made from (a dataset name), for the cover.
        marks: what the cover says first and the notes say last (see
            :func:`profile_workbook`).
        comparison: the council's lines over time (see :func:`profile_workbook`).

    Returns:
        The workbook model that :func:`profile_workbook` renders.
    """
    framework = framework or _shipped(result.assessment.framework)
    marks = marks or Marks.of(framework, demonstration=demonstration)
    profile = result.profile
    rows = profile_rows(profile)
    name = f"{result.council.name} ({result.council.la_code})"
    data_tables: tuple[SheetTable, ...] = (
        _block_a_table(rows, name),
        _block_b_table(rows, name),
        _block_c_table(rows, name),
        _similar_areas_table(profile, neighbours, name),
    )
    if comparison is not None:
        data_tables += _over_time_tables(comparison, name)
    tables = (
        _contents_table(data_tables),
        _notes_table(profile, framework, marks, over_time=comparison is not None),
        *data_tables,
    )
    framework_title = framework.title if framework else result.assessment.framework
    title = f"Children's services performance profile: {name}"
    if published is None:
        published = framework.publication_date if framework else None
    published = published or profile.as_at
    cover = (
        *_cover(result, framework_title, marks),
        *closing_lines(published, contact, source),
    )
    return WorkbookModel(
        title=f"{title}, {framework_title}",
        subject="Children's services annual rating: performance profile",
        cover_title=title,
        cover=cover,
        tables=tables,
        published=published,
    )


def write_workbook(data: bytes, path: str | os.PathLike[str]) -> Path:
    """Write a workbook's bytes to ``path`` atomically.

    Args:
        data: the bytes from :func:`profile_workbook`.
        path: the ``.xlsx`` file to write.

    Returns:
        The path written.
    """
    return write_bytes(path, data)


@cache
def _shipped(framework_id: str) -> Framework:
    return load_framework(framework_id)


def _cover(result: CouncilResult, framework_title: str, marks: Marks) -> Iterator[CoverLine]:
    info, view = result.council, public_view(result.assessment)
    yield from notice_lines(marks.lines)
    yield CoverLine(
        f"This workbook holds the performance profile behind {info.council_name}'s "
        "children's services rating: Block A (inspections of services and settings), "
        "Block B (council-level inspections and serious case reviews) and Block C "
        "(indicators), each compared with similar areas and England, and the ratings of "
        "its statistical neighbours."
    )
    yield CoverLine(CONTENTS_LINE)
    yield CoverLine("The council and its rating", heading=True)
    yield CoverLine(
        f"Council: {info.council_name}; DfE code {info.la_code}; ONS code {info.ons_code}; "
        f"{info.region}; {info.type.label}."
    )
    yield CoverLine(f"Framework: {framework_title} ({view.framework}).")
    yield CoverLine(f"Cut-off date for the data: {long_date(view.as_at)}.")
    if view.rating is not None:
        rating = view.rating
        yield CoverLine(f"Rating: {rating.label} (grade {rating.value} of 4).")
    else:
        yield CoverLine(f"Rating: withheld pending inspection ({NOT_PUBLISHED.lower()}).")
    if view.limiters:
        yield CoverLine(f"Limiting rules applied: {', '.join(view.limiters)}.")


def _contents_table(tables: tuple[SheetTable, ...]) -> SheetTable:
    rows: list[tuple[CellValue, ...]] = [
        ("Cover", "Title, council, framework, cut-off date, rating and attribution"),
        ("Contents", "This list of worksheets"),
        ("Notes", "Notes that column headers refer to, such as [note 1]"),
    ]
    rows += [(t.sheet, t.title) for t in tables]
    return SheetTable(
        sheet="Contents",
        name="Contents",
        title="Contents",
        description="This worksheet contains one table. Each sheet name links to its sheet.",
        headers=("Sheet name", "Contents"),
        rows=tuple(rows),
        link_column=0,
    )


def _notes_table(
    profile: PerformanceProfile,
    framework: Framework | None,
    marks: Marks,
    *,
    over_time: bool = False,
) -> SheetTable:
    settings = framework.profile if framework else ProfileSettings(as_at=profile.as_at)
    places = geography(profile.vintage)
    names = ", ".join(f"{places.council(code).name} ({code})" for code in profile.neighbours)
    model = places.neighbour_model
    notes = [
        "Similar areas are the council's ten statistical neighbours in the "
        f"{model.get('model', 'statistical neighbour model')} ({model.get('vintage', '')}): "
        f"{names}. A similar areas figure is the mean of the figures these councils have.",
        "A figure is in line with a comparator when it is within "
        f"{settings.block_a_tolerance_points:g} percentage points of it (Block A) or within "
        f"{100 * settings.indicator_tolerance:g}% of it (Block C). Better and worse take "
        "account of which way a measure points: fewer inadequate settings is better.",
        f"The profile counts evidence up to the cut-off date, {long_date(profile.as_at)}: "
        "each setting counts once, at its latest inspection by that date.",
        f"{NOT_AVAILABLE} means the figure is not available (for example no settings of that "
        f"type were inspected, or no comparator exists); {NOT_APPLICABLE} means the cell "
        "does not apply to its row.",
        "Inspection grades run from 1 outstanding to 4 inadequate. Ratings run from 4 "
        "performs excellently to 1 performs poorly. Indicator bands run from 1 weakest to "
        "4 strongest.",
    ]
    if over_time:
        notes.append(" ".join(METHOD_NOTES))  # note 6
    notes += marks.lines
    return SheetTable(
        sheet="Notes",
        name="Notes",
        title="Notes",
        description="This worksheet contains one table of notes used in the other tables.",
        headers=("Note number", "Note text"),
        rows=tuple((f"note {i}", text) for i, text in enumerate(notes, start=1)),
    )


def _number(fig: Figure) -> CellValue:
    """A figure as the spreadsheet holds it: the number as shown and its places (see
    :attr:`Figure.cell <csrating.presentation.Figure.cell>`), or not available."""
    cell = fig.cell
    return NOT_AVAILABLE if cell is None else cell


def _word(text: str) -> CellValue:
    return NOT_AVAILABLE if text == NO_DATA else text


def _shares(fig: ComparedFigure) -> tuple[CellValue, ...]:
    return (
        _number(fig.value),
        _number(fig.similar_areas),
        _number(fig.england),
        _word(fig.vs_similar_areas_text),
        _word(fig.vs_england_text),
    )


def _block_a_table(profile: ProfileRows, name: str) -> SheetTable:
    rows: list[tuple[CellValue, ...]] = []
    for row in profile.settings:
        counts = row.overall
        rows.append(
            (
                row.key,
                row.label,
                "group" if row.is_group else "setting type",
                counts.total,
                *(counts.count(grade) for grade in InspectionGrade),
                *_shares(row.good_or_better),
                *_shares(row.inadequate),
                _number(row.staying_safe_good_or_better.value),
                _number(row.enjoying_achieving_good_or_better.value),
            )
        )
    if not rows:
        rows.append(_placeholder(BLOCK_A_HEADERS, "No settings inspected by the cut-off date"))
    return SheetTable(
        sheet="Block A",
        name="BlockA",
        title=f"Block A: inspection and regulation of services and settings, {name}",
        description=(
            "This worksheet contains one table: one row per setting type and per group of "
            "setting types, each setting counted at its latest inspection."
        ),
        headers=BLOCK_A_HEADERS,
        rows=tuple(rows),
    )


def _b_row(row: EvidenceRow) -> tuple[CellValue, ...]:
    if row.date is not None:
        date: CellValue = row.date
    else:
        date = NOT_APPLICABLE if row.reviews is not None else NOT_AVAILABLE
    if not row.graded:
        grade: CellValue = NOT_APPLICABLE
        words: CellValue = row.finding if row.outcome is not None else NOT_APPLICABLE
    elif row.grade is None:
        grade = words = NOT_AVAILABLE
    else:
        grade, words = row.grade.value, row.grade.word
    reviews: CellValue = NOT_APPLICABLE if row.reviews is None else row.reviews
    return (
        row.evidence,
        date,
        "outcome" if row.outcome is not None else row.finding,
        grade,
        words,
        reviews,
    )


def _block_b_table(profile: ProfileRows, name: str) -> SheetTable:
    return SheetTable(
        sheet="Block B",
        name="BlockB",
        title=f"Block B: council-level inspections and serious case reviews, {name}",
        description=(
            "This worksheet contains one table: the latest full inspection of safeguarding "
            "and looked after children services, unannounced inspections since, the joint "
            "area review and serious case review evaluations."
        ),
        headers=BLOCK_B_HEADERS,
        rows=tuple(_b_row(row) for row in profile.evidence),
    )


def _block_c_table(profile: ProfileRows, name: str) -> SheetTable:
    rows: list[tuple[CellValue, ...]] = []
    for row in profile.indicators:
        rows.append(
            (
                str(row.indicator),
                row.title,
                row.outcome.title,
                row.unit,
                row.polarity_text,
                _number(row.value),
                row.reason or (NOT_APPLICABLE if row.value.value is not None else NOT_AVAILABLE),
                _number(row.similar_areas),
                _number(row.england),
                _word(row.figures.vs_similar_areas_text),
                _word(row.figures.vs_england_text),
                row.band if row.band is not None else NOT_AVAILABLE,
                _number(row.previous_value),
                _word(row.trend_text),
                "yes" if row.vulnerable_gap else "no",
            )
        )
    if not rows:
        rows.append(_placeholder(BLOCK_C_HEADERS, "No indicator data by the cut-off date"))
    periods = (
        f"Values are for {profile.period}"
        + (f"; previous values for {profile.previous_period}" if profile.previous_period else "")
        + ". "
        if profile.period
        else ""
    )
    return SheetTable(
        sheet="Block C",
        name="BlockC",
        title=f"Block C: National Indicators by Every Child Matters outcome, {name}",
        description=f"This worksheet contains one table: one row per indicator. {periods}".strip(),
        headers=BLOCK_C_HEADERS,
        rows=tuple(rows),
    )


def _similar_areas_table(
    profile: PerformanceProfile, results: Mapping[LaCode, CouncilResult], name: str
) -> SheetTable:
    rows: list[tuple[CellValue, ...]] = []
    places = geography(profile.vintage)
    for rank, code in enumerate(profile.neighbours, start=1):
        info = places.council(code)
        found = results.get(code)
        if found is None:
            rating: tuple[CellValue, CellValue] = (NOT_AVAILABLE, NOT_AVAILABLE)
        elif found.assessment.rating is None:
            rating = (NOT_PUBLISHED, NOT_APPLICABLE)
        else:
            rating = (found.assessment.rating.label, found.assessment.rating.value)
        rows.append((rank, info.la_code, info.ons_code, info.name, *rating))
    if not rows:
        rows.append(_placeholder(SIMILAR_AREAS_HEADERS, "No statistical neighbours"))
    return SheetTable(
        sheet="Similar areas",
        name="SimilarAreas",
        title=f"Similar areas: the statistical neighbours of {name}",
        description="This worksheet contains one table: the ten neighbours, nearest first.",
        headers=SIMILAR_AREAS_HEADERS,
        rows=tuple(rows),
    )


def _placeholder(headers: tuple[str, ...], text: str) -> tuple[CellValue, ...]:
    return (text, *(NOT_AVAILABLE for _ in headers[1:]))


def _over_time_headers(comparison: CouncilComparison, what: str) -> tuple[str, ...]:
    return (
        "Line id",
        f"{what} (unit; which way is better)",
        "Period",
        "Value",
        "Reason for no value",
        *(f"{n.name} (neighbour {i})" for i, n in enumerate(comparison.neighbours, start=1)),
        "Similar areas [note 1]",
        f"{comparison.council.region} (region) [note 6]",
        "England [note 6]",
        "Rank (1 is best) [note 6]",
        "Councils ranked",
        "Quartile (A best to D worst) [note 6]",
        "Band (1 weakest to 4 strongest) [note 5]",
    )


def _over_time_rows(line: LineComparison) -> Iterator[tuple[CellValue, ...]]:
    named = f"{line.heading} ({line.unit_text}; {line.polarity_text})"
    for p in line.periods:
        value, standing = p.value, p.standing
        if value.value is not None:
            reason: CellValue = NOT_APPLICABLE
        else:
            reason = value.missing if value.missing != NO_DATA else NOT_AVAILABLE
        band: CellValue = NOT_APPLICABLE if not line.banded else p.band or NOT_AVAILABLE
        rank: CellValue = NOT_AVAILABLE if standing.rank is None else standing.rank
        # each figure as _number writes it, inline (these tables hold thousands): the
        # figure's own pair, made once for every workbook that shows the figure
        figures: list[CellValue] = [
            NOT_AVAILABLE if (cell := figure.cell) is None else cell
            for figure in (value, *p.neighbours, p.similar_areas, p.region, p.england)
        ]
        yield (
            line.key,
            named,
            p.label,
            figures[0],
            reason,
            *figures[1:],
            rank,
            standing.of,
            standing.quartile or NOT_AVAILABLE,
            band,
        )


def _over_time_tables(comparison: CouncilComparison, name: str) -> tuple[SheetTable, ...]:
    """The council's lines over time: Block A groups, then Block C indicators."""
    tables = []
    for block, sheet, table, what, title, about in (
        (
            "A",
            "Settings over time",
            "SettingsOverTime",
            "Group of settings",
            f"Block A over time: settings judged good or outstanding, {name}",
            "one row per group of settings and date, counting each setting at its latest "
            "inspection by that date",
        ),
        (
            "C",
            "Indicators over time",
            "IndicatorsOverTime",
            "Indicator",
            f"Block C over time: National Indicators, {name}",
            "one row per indicator and period",
        ),
    ):
        lines = [
            line
            for _, chosen in comparison_sections(comparison.lines)
            for line in chosen
            if line.block == block
        ]
        headers = _over_time_headers(comparison, what)
        rows = tuple(row for line in lines for row in _over_time_rows(line))
        if not rows:
            rows = (_placeholder(headers, "No figures in any period"),)
        tables.append(
            SheetTable(
                sheet=sheet,
                name=table,
                title=title,
                description=(
                    f"This worksheet contains one table: {about}, with each statistical "
                    "neighbour, the region, England, the rank among all councils, the "
                    "quartile and the band."
                ),
                headers=headers,
                rows=rows,
            )
        )
    return tuple(tables)
