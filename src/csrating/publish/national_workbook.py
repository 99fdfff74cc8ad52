"""The national workbook: every council's rating, the distribution, and what limited grades.

:func:`national_workbook_model` describes it (a pure model: cover, contents, notes, then
one table a sheet: ratings, distribution, by region, by type, limiters), and
:func:`national_workbook` renders it as XLSX or ODS.

Ratings are shown as the public sees them (:func:`csrating.frameworks.public_view`): no
grade the profile gave before limiters, for any council, and nothing of a grade for a
council whose rating is withheld (no grade, no limiter), which is "not published".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from csrating.formatting import long_date
from csrating.frameworks import public_view
from csrating.frameworks.assessment import Outcome
from csrating.frameworks.model import Framework
from csrating.pipeline import CouncilResult
from csrating.publish._checks import checked
from csrating.publish._cover import CONTENTS_LINE, closing_lines, notice_lines
from csrating.publish._sheets import (
    NOT_APPLICABLE,
    NOT_AVAILABLE,
    CellValue,
    CoverLine,
    SheetTable,
    WorkbookModel,
    render_workbook,
)
from csrating.publish.contact import DEFAULT_CONTACT, Contact
from csrating.publish.marks import Marks
from csrating.publish.summary import (
    NOT_PUBLISHED,
    RATINGS_BEST_FIRST,
    ROUNDING_NOTE,
    GroupCounts,
    NationalSummary,
    summarise,
)
from csrating.reference import geography
from csrating.scales import CouncilRating

__all__ = [
    "DISTRIBUTION_HEADERS",
    "LIMITERS_HEADERS",
    "RATINGS_HEADERS",
    "national_workbook",
    "national_workbook_model",
]

RATINGS_HEADERS = (
    "DfE code",
    "ONS code",
    "Council",
    "Region",
    "Type of council",
    "Rating",
    "Rating grade (4 best) [note 1]",
    "Limiting rules applied [note 2]",
)
"""The header row of the ratings table."""

DISTRIBUTION_HEADERS = (
    "Rating",
    "Rating grade (4 best) [note 1]",
    "Number of councils",
    "Percentage of councils rated [note 3]",
)
"""The header row of the distribution table."""

LIMITERS_HEADERS = (
    "DfE code",
    "ONS code",
    "Council",
    "Rule [note 2]",
    "What the rule does",
    "Changed the grade [note 2]",
)
"""The header row of the limiters table (no grade before or after a rule: the grade the
profile gave before limiters is not published)."""

WITHHELD_LABEL = NOT_PUBLISHED
"""How the ratings table words a rating withheld pending inspection."""


def national_workbook(
    results: Sequence[CouncilResult],
    *,
    framework: Framework,
    demonstration: bool,
    fmt: str = "xlsx",
    source: str | None = None,
    contact: Contact = DEFAULT_CONTACT,
    published: dt.date | None = None,
    marks: Marks | None = None,
) -> bytes:
    """Build the national workbook of ratings in memory.

    Args:
        results: one result per council, all under ``framework``.
        framework: the rating framework assessed.
        demonstration: whether the outcomes are synthetic demonstration data.
        fmt: ``"xlsx"`` or ``"ods"``.
        source: what the results were made from (a dataset name), for the cover.
        contact: who readers write to, named on the cover.
        published: the publication date (see :func:`national_workbook_model`).
        marks: what the cover says first and the notes last (see
            :func:`national_workbook_model`).

    Returns:
        The file's bytes.

    Raises:
        UsageError: a council appears twice, or the results mix frameworks.
        ValueError: ``fmt`` is not a spreadsheet format.
    """
    model = national_workbook_model(
        results,
        framework=framework,
        demonstration=demonstration,
        source=source,
        contact=contact,
        published=published,
        marks=marks,
    )
    return render_workbook(model, fmt)


def national_workbook_model(
    results: Sequence[CouncilResult],
    *,
    framework: Framework,
    demonstration: bool,
    source: str | None = None,
    contact: Contact = DEFAULT_CONTACT,
    published: dt.date | None = None,
    summary: NationalSummary | None = None,
    marks: Marks | None = None,
) -> WorkbookModel:
    """Describe the national workbook's sheets without writing anything.

    Args:
        results: one result per council, all under ``framework``.
        framework: the rating framework assessed.
        demonstration: whether the outcomes are synthetic demonstration data.
        source: what the results were made from, for the cover.
        contact: who readers write to.
        published: the publication date; by default the framework's publication date,
            else its cut-off date.
        summary: the results' national summary, if already made (see
            :func:`~csrating.publish.summary.summarise`).
        marks: what every file of the publication says first (in a preview the embargo,
            then the round's notices): the cover's Notices and the last notes; by default
            the round's notices without an embargo.

    Returns:
        The workbook model.

    Raises:
        UsageError: a council appears twice, or the results mix frameworks.
    """
    results = checked(results)
    summary = summary or summarise(results)
    published = published or framework.publication_date or framework.as_at
    marks = marks or Marks.of(framework, demonstration=demonstration)
    year = str(framework.as_at.year)
    data_tables = (
        _ratings_table(results, year),
        _distribution_table(summary, year),
        _group_table("By region", "ByRegion", "Region", summary.by_region, year),
        _group_table("By type", "ByType", "Type of council", summary.by_type, year),
        _limiters_table(results, year),
    )
    tables = (_contents_table(data_tables), _notes_table(marks), *data_tables)
    title = f"{framework.title}: ratings of every council"
    cover = (
        *_cover(results, summary, framework, marks),
        *closing_lines(published, contact, source),
    )
    return WorkbookModel(
        title=title,
        subject="Children's services annual rating: national results",
        cover_title=title,
        cover=cover,
        tables=tables,
        published=published,
    )


def _cover(
    results: Sequence[CouncilResult],
    summary: NationalSummary,
    framework: Framework,
    marks: Marks,
) -> Iterator[CoverLine]:
    places = f" ({geography(results[0].council.vintage).title})" if results else ""
    yield from notice_lines(marks.lines)
    yield CoverLine(
        f"This workbook holds the children's services rating of each of the "
        f"{len(results)} councils{places}, the national distribution of the ratings, the "
        "ratings by region and by type of council, and the limiting rules that changed "
        "councils' grades."
    )
    yield CoverLine(CONTENTS_LINE)
    yield CoverLine("The ratings", heading=True)
    yield CoverLine(f"Framework: {framework.title} ({framework.id}).")
    yield CoverLine(f"Cut-off date for the data: {long_date(framework.as_at)}.")
    withheld = len(summary.withheld)
    rated = (
        f"{summary.total_rated} {'council was' if summary.total_rated == 1 else 'councils were'}"
    )
    if withheld == 1:
        yield CoverLine(
            f"{rated} rated; the rating of 1 council is withheld pending inspection, so it is "
            "not published."
        )
    elif withheld:
        yield CoverLine(
            f"{rated} rated; the ratings of {withheld} councils are withheld pending "
            "inspection, so they are not published."
        )
    else:
        yield CoverLine(f"{rated} rated.")


def _contents_table(tables: tuple[SheetTable, ...]) -> SheetTable:
    rows: list[tuple[CellValue, ...]] = [
        ("Cover", "Title, framework, cut-off date, publication, contact and source"),
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


def _notes_table(marks: Marks) -> SheetTable:
    notes = [
        "Ratings run from 4 performs excellently, 3 performs well and 2 performs adequately "
        "to 1 performs poorly. A rating withheld pending inspection is not published: it "
        "has no grade, and no limiting rule is listed for it.",
        "A limiting rule (limiter) caps or lowers the grade the profile gives, for "
        "example after an inadequate inspection of safeguarding. The Limiters worksheet "
        "lists each limiter that applied to a council whose rating is published, and "
        "whether it changed the grade; a limiter can apply without changing the grade, "
        "when the grade was already that low. The grade before limiters is not published.",
        "Percentages are of the councils rated (those with the rating withheld are left "
        f"out), rounded half up to whole numbers. {ROUNDING_NOTE}",
        f"{NOT_AVAILABLE} means the figure is not available; {NOT_APPLICABLE} means the cell "
        "does not apply to its row (for example the grade of a rating withheld).",
        *marks.lines,
    ]
    return SheetTable(
        sheet="Notes",
        name="Notes",
        title="Notes",
        description="This worksheet contains one table of notes used in the other tables.",
        headers=("Note number", "Note text"),
        rows=tuple((f"note {i}", text) for i, text in enumerate(notes, start=1)),
    )


def _grade(rating: CouncilRating | None) -> CellValue:
    return NOT_APPLICABLE if rating is None else rating.value


def _ratings_table(results: Sequence[CouncilResult], year: str) -> SheetTable:
    rows: list[tuple[CellValue, ...]] = []
    for result in results:
        info, view = result.council, public_view(result.assessment)
        rows.append(
            (
                info.la_code,
                info.ons_code,
                info.name,
                info.region,
                info.type.label,
                WITHHELD_LABEL if view.withheld else view.label,
                _grade(view.rating),
                ", ".join(view.limiters) or "none",
            )
        )
    if not rows:
        rows.append(("No council was rated", *(NOT_AVAILABLE for _ in RATINGS_HEADERS[1:])))
    return SheetTable(
        sheet="Ratings",
        name="Ratings",
        title=f"Children's services rating of each council, {year}",
        description="This worksheet contains one table: one row per council, in DfE code order.",
        headers=RATINGS_HEADERS,
        rows=tuple(rows),
    )


def _distribution_table(summary: NationalSummary, year: str) -> SheetTable:
    rows: list[tuple[CellValue, ...]] = [
        (
            line.rating.label.capitalize(),
            line.rating.value,
            line.count,
            NOT_AVAILABLE if line.percentage is None else line.percentage,
        )
        for line in summary.grades
    ]
    rows.append(
        (
            "Total rated",
            NOT_APPLICABLE,
            summary.total_rated,
            100 if summary.total_rated else NOT_AVAILABLE,
        )
    )
    rows.append((NOT_PUBLISHED, NOT_APPLICABLE, len(summary.withheld), NOT_APPLICABLE))
    return SheetTable(
        sheet="Distribution",
        name="Distribution",
        title=f"Councils by children's services rating, {year}",
        description=(
            "This worksheet contains one table: the number and percentage of councils given "
            "each rating, best first, then the total rated and the number withheld."
        ),
        headers=DISTRIBUTION_HEADERS,
        rows=tuple(rows),
    )


def _group_table(
    sheet: str, name: str, heading: str, groups: Sequence[GroupCounts], year: str
) -> SheetTable:
    headers = (
        heading,
        *(f"{r.label.capitalize()} ({r.value})" for r in RATINGS_BEST_FIRST),
        NOT_PUBLISHED,
        "Councils",
    )
    rows: list[tuple[CellValue, ...]] = [
        (
            group.group[:1].upper() + group.group[1:],
            *(group.count(r) for r in RATINGS_BEST_FIRST),
            group.withheld,
            group.total,
        )
        for group in groups
    ]
    if not rows:
        rows.append(("No councils", *(0 for _ in headers[1:])))
    return SheetTable(
        sheet=sheet,
        name=name,
        title=f"Children's services ratings by {heading.lower()}, {year}",
        description=(
            f"This worksheet contains one table: for each {heading.lower()}, the number of "
            "councils given each rating, withheld, and in all."
        ),
        headers=headers,
        rows=tuple(rows),
    )


def _limiters_table(results: Sequence[CouncilResult], year: str) -> SheetTable:
    rows: list[tuple[CellValue, ...]] = []
    for result in results:
        info, assessment = result.council, result.assessment
        if assessment.rating is None:  # withheld: nothing that formed or limited a grade
            continue
        for step in assessment.trace:
            if not (step.is_limiter and step.outcome is Outcome.FIRED):
                continue
            rows.append(
                (
                    info.la_code,
                    info.ons_code,
                    info.name,
                    step.code,
                    step.description,
                    "yes" if step.changed_grade else "no",
                )
            )
    if not rows:
        rows.append(("No limiting rule applied", *(NOT_APPLICABLE for _ in LIMITERS_HEADERS[1:])))
    return SheetTable(
        sheet="Limiters",
        name="Limiters",
        title=f"Limiting rules that applied to councils' grades, {year}",
        description=(
            "This worksheet contains one table: one row per council and limiting rule that "
            "applied, in DfE code order and in the order the rules ran; none for a council "
            "whose rating is withheld."
        ),
        headers=LIMITERS_HEADERS,
        rows=tuple(rows),
    )
