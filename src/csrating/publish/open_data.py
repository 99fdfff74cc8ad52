"""Open data: the ratings and the profiles as tidy CSV and JSON, codes first.

The CSV files hold data only (one header row, one record per row); everything about
them, attribution included, is in the JSON ``meta`` and in the sidecar ``README.txt``.
Every file carries the publication's :class:`~csrating.publish.marks.Marks`: the README
opens with them, the JSON has top-level ``embargo`` and ``notices`` fields, and each CSV
row's ``publication`` column says ``published`` or, in a preview, ``embargoed until``
the embargo time.

Ratings are published through :func:`csrating.frameworks.public_view`: no provisional
grade, and for a withheld rating no grade, limiter or band in any column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from importlib import metadata
from pathlib import Path

from csrating.errors import BadValue, MissingColumn, Problem, UnknownCouncil
from csrating.files import write_text
from csrating.formatting import comparison_word
from csrating.frameworks import public_view
from csrating.pipeline import DEMONSTRATION_NOTICE, CouncilResult
from csrating.presentation import TidyFigure, profile_rows, tidy_figures
from csrating.profile.comparison import Comparison
from csrating.publish._checks import checked
from csrating.publish._fields import FALSE, PROFILES_FIELDS, RATINGS_FIELDS, TRUE, DataField
from csrating.publish.contact import DEFAULT_CONTACT, Contact
from csrating.publish.datapackage import DATAPACKAGE, datapackage_json
from csrating.publish.marks import NO_MARKS, Marks
from csrating.reference import attribution_lines, geography, is_council_code
from csrating.scales import CouncilRating
from csrating.types import LaCode

Cell = str | int | float | bool | None
"""A value in a tidy row."""

RATINGS_COLUMNS = tuple(field.name for field in RATINGS_FIELDS)
"""The columns of ``ratings.csv``, in order (defined in :data:`RATINGS_FIELDS`)."""

PROFILES_COLUMNS = tuple(field.name for field in PROFILES_FIELDS)
"""The columns of ``profiles.csv``, in order (defined in :data:`PROFILES_FIELDS`)."""

DEMONSTRATION_NOTE = DEMONSTRATION_NOTICE
"""The demonstration notice: an alias of :data:`csrating.pipeline.DEMONSTRATION_NOTICE`,
the one source of every notice (kept for callers of the earlier name)."""

_TRUE, _FALSE = TRUE, FALSE


def ratings_rows(
    results: Sequence[CouncilResult], *, marks: Marks = NO_MARKS
) -> list[dict[str, Cell]]:
    """Return one tidy row per council: codes first, then the rating as the public sees it.

    Args:
        results: one result per council, all under one framework.
        marks: the publication's marks; each row's ``publication`` says whether it is
            published or embargoed.

    Returns:
        Rows keyed by :data:`RATINGS_COLUMNS`, in DfE code order; ``status`` is
        ``rated`` or ``withheld``, ``grade`` is 1-4 (4 performs excellently) or ``None``
        when withheld, when ``label`` is ``withheld`` and ``limiters`` is empty. No
        provisional grade is published.

    Raises:
        UsageError: a council appears twice, or the results mix frameworks.
    """
    rows: list[dict[str, Cell]] = []
    for result in checked(results):
        council, view = result.council, public_view(result.assessment)
        rows.append(
            {
                "la_code": council.la_code,
                "ons_code": council.ons_code,
                "name": council.name,
                "region": council.region,
                "type": council.type.label,
                "framework": view.framework,
                "as_at": view.as_at.isoformat(),
                "status": view.status,
                "grade": view.grade,
                "label": view.label,
                "limiters": ";".join(view.limiters),
                "withheld": view.withheld,
                "publication": marks.publication,
            }
        )
    return rows


def profiles_rows(
    results: Sequence[CouncilResult], *, marks: Marks = NO_MARKS
) -> list[dict[str, Cell]]:
    """Return one tidy row per council, profile line and measure.

    Args:
        results: one result per council.
        marks: the publication's marks (each row's ``publication`` column).

    Returns:
        Rows keyed by :data:`PROFILES_COLUMNS`, councils in DfE code order and each
        council's lines in profile order (Block A, B, C). Figures are rounded half up
        to the places every other surface shows (shares of settings to whole
        percentages, indicators to their catalogue's decimal places).

    Raises:
        UsageError: a council appears twice, or the results mix frameworks.
    """
    rows: list[dict[str, Cell]] = []
    for result in checked(results):
        council = result.council
        for line in _figures(result):
            rows.append(
                {
                    "la_code": council.la_code,
                    "ons_code": council.ons_code,
                    "name": council.name,
                    "block": line.block,
                    "line": line.line,
                    "label": line.label,
                    "measure": line.measure,
                    "value": line.value,
                    "similar_areas": line.similar_areas,
                    "england": line.england,
                    "vs_similar_areas": _word(line.vs_similar_areas),
                    "vs_england": _word(line.vs_england),
                    "publication": marks.publication,
                }
            )
    return rows


def profile_measure(
    results: Sequence[CouncilResult], *, block: str, line: str, measure: str
) -> dict[LaCode, float | None]:
    """Return one profile figure for every council, e.g. to draw with ``measure_map``.

    Args:
        results: one result per council.
        block: ``"A"``, ``"B"`` or ``"C"``.
        line: the setting type or group id, judgement line or indicator id
            (e.g. ``"secondary"``, ``"NI059"``).
        measure: the measure as ``profiles.csv`` names it (e.g. ``"good_or_better_pct"``).

    Returns:
        The figure per council code, as ``profiles.csv`` gives it; ``None`` where the
        council's profile lacks it.
    """
    out: dict[LaCode, float | None] = {}
    for result in checked(results):
        found = next(
            (
                p.value
                for p in _figures(result)
                if (p.block, p.line, p.measure) == (block, line, measure)
            ),
            None,
        )
        out[result.council.la_code] = float(found) if found is not None else None
    return out


def ratings_csv(results: Sequence[CouncilResult], *, marks: Marks = NO_MARKS) -> str:
    """Return ``ratings.csv``: a header row, then :func:`ratings_rows` (empty cell = none).

    Args:
        results: one result per council.
        marks: the publication's marks (each row's ``publication`` column).

    Returns:
        The CSV text, ``\\n`` line endings, booleans as ``true``/``false``.
    """
    return _csv(RATINGS_COLUMNS, ratings_rows(results, marks=marks))


def profiles_csv(results: Sequence[CouncilResult], *, marks: Marks = NO_MARKS) -> str:
    """Return ``profiles.csv``: a header row, then :func:`profiles_rows`.

    Args:
        results: one result per council.
        marks: the publication's marks (each row's ``publication`` column).

    Returns:
        The CSV text.
    """
    return _csv(PROFILES_COLUMNS, profiles_rows(results, marks=marks))


def ratings_json(
    results: Sequence[CouncilResult],
    *,
    demonstration: bool,
    generated_from: str | None = None,
    marks: Marks | None = None,
) -> str:
    """Return ``ratings.json``: ``{"embargo": ..., "notices": [...], "meta": {...},
    "ratings": [...]}``.

    Args:
        results: one result per council.
        demonstration: whether the outcomes are synthetic demonstration data.
        generated_from: what produced the ratings (a dataset name); defaults to the
            csrating version.
        marks: the publication's marks; by default the demonstration notice alone when
            ``demonstration``.

    Returns:
        The JSON text; ratings as :func:`ratings_rows` (``null`` for no grade).
    """
    marks = marks or _default_marks(demonstration)
    rows = ratings_rows(results, marks=marks)
    first = rows[0] if rows else None
    meta: dict[str, object] = {
        "framework": first["framework"] if first else None,
        "as_at": first["as_at"] if first else None,
        "generated_from": generated_from or _generator(),
        "demonstration_data": demonstration,
        "attribution": list(attribution_lines()),
    }
    if marks.notices:
        meta["note"] = " ".join(marks.notices)
    document = {
        "embargo": marks.embargo_json(),
        "notices": list(marks.notices),
        "meta": meta,
        "ratings": rows,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def read_ratings_csv(
    text: str, *, source: str = "ratings.csv"
) -> dict[LaCode, CouncilRating | None]:
    """Read ratings back from a ``ratings.csv``.

    Args:
        text: the CSV text, as :func:`ratings_csv` writes it.
        source: the file's name, for messages.

    Returns:
        Each council's rating, ``None`` when withheld.

    Raises:
        MissingColumn: ``la_code``, ``grade`` or ``withheld`` is absent.
        UnknownCouncil: a code is not one of the 152 councils.
        BadValue: a grade is not 1-4, ``withheld`` is not true/false or disagrees with
            the grade, or a council appears twice.
    """
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("la_code", "grade", "withheld") if c not in (reader.fieldnames or [])]
    if missing:
        raise MissingColumn(
            [Problem(source, 1, c, None, "is missing from the header row") for c in missing]
        )
    out: dict[LaCode, CouncilRating | None] = {}
    unknown: list[Problem] = []
    bad: list[Problem] = []
    for number, row in enumerate(reader, start=2):
        code = (row["la_code"] or "").strip()
        if not is_council_code(code):
            unknown.append(Problem(source, number, "la_code", code, "is not a council code"))
            continue
        if code in out:
            bad.append(Problem(source, number, "la_code", code, "appears twice"))
            continue
        rating, problem = _read_rating(source, number, row)
        if problem is not None:
            bad.append(problem)
            continue
        out[LaCode(code)] = rating
    if unknown:
        raise UnknownCouncil(unknown + bad)
    if bad:
        raise BadValue(bad)
    return out


def open_data_readme(
    results: Sequence[CouncilResult], *, demonstration: bool, marks: Marks | None = None
) -> str:
    """Return the ``README.txt`` that goes beside the open data files.

    Args:
        results: one result per council.
        demonstration: whether the outcomes are synthetic demonstration data.
        marks: the publication's marks, which open the file; by default the
            demonstration notice alone when ``demonstration``.

    Returns:
        Plain text: the marks, what each file and column holds, and every attribution
        line.
    """
    marks = marks or _default_marks(demonstration)
    rows = ratings_rows(results)
    framework = rows[0]["framework"] if rows else "(none)"
    as_at = rows[0]["as_at"] if rows else "(none)"
    withheld = sum(1 for row in rows if row["withheld"])
    places = f" (the {geography(results[0].council.vintage).title})" if results else ""
    parts = [f"{line}\n" for line in marks.lines]
    parts += [
        "Children's services annual rating: open data",
        "",
        f"Framework: {framework}. Data up to {as_at}. {len(rows)} councils{places}, "
        f"{withheld} with the rating withheld (not published).",
    ]
    if marks.embargoed:
        parts += [
            "",
            f"Every row of ratings.csv and profiles.csv says so too: its publication "
            f'column reads "{marks.publication}".',
        ]
    parts += ["", *_README_FILES]
    parts += ["", "ratings.csv columns", "", *_column_notes(RATINGS_FIELDS)]
    parts += ["", "profiles.csv columns", "", *_column_notes(PROFILES_FIELDS)]
    parts += ["", *_README_JSON]
    parts += ["", "Attribution", ""]
    parts += list(attribution_lines())
    return "\n".join(parts) + "\n"


def write_open_data(
    directory: str | os.PathLike[str],
    results: Sequence[CouncilResult],
    *,
    demonstration: bool,
    generated_from: str | None = None,
    marks: Marks | None = None,
    title: str | None = None,
    contact: Contact = DEFAULT_CONTACT,
    published: dt.date | None = None,
) -> tuple[Path, ...]:
    """Write ``ratings.csv``, ``ratings.json``, ``profiles.csv``, ``README.txt`` and
    ``datapackage.json``.

    Every file is built in memory first, then each is written atomically.

    Args:
        directory: where to write (created if missing).
        results: one result per council.
        demonstration: whether the outcomes are synthetic demonstration data.
        generated_from: passed to :func:`ratings_json`; the data package's source.
        marks: the publication's marks, carried by every file (see
            :mod:`csrating.publish.marks`), the data package's description included; by
            default the demonstration notice alone when ``demonstration``.
        title: the publication's title, for the data package.
        contact: who readers write to, named in the data package.
        published: the publication date, the data package's creation time.

    Returns:
        The paths written.
    """
    marks = marks or _default_marks(demonstration)
    source = generated_from or _generator()
    files = {
        "ratings.csv": ratings_csv(results, marks=marks),
        "ratings.json": ratings_json(
            results, demonstration=demonstration, generated_from=source, marks=marks
        ),
        "profiles.csv": profiles_csv(results, marks=marks),
        "README.txt": open_data_readme(results, demonstration=demonstration, marks=marks),
    }
    files[DATAPACKAGE] = datapackage_json(
        files,
        results,
        demonstration=demonstration,
        generated_from=source,
        title=title,
        marks=marks,
        contact=contact,
        published=published,
    )
    folder = Path(directory)
    return tuple(write_text(folder / name, text) for name, text in files.items())


def _default_marks(demonstration: bool) -> Marks:
    return Marks((DEMONSTRATION_NOTICE,)) if demonstration else NO_MARKS


def _figures(result: CouncilResult) -> tuple[TidyFigure, ...]:
    return tidy_figures(profile_rows(result.profile))


def _word(comparison: Comparison | None) -> str | None:
    """The comparison in the words every surface uses; an empty cell for none."""
    return comparison_word(comparison) if comparison is not None else None


def _generator() -> str:
    try:
        return f"csrating {metadata.version('csrating')}"
    except metadata.PackageNotFoundError:
        return "csrating"


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _TRUE if value else _FALSE
    return str(value)


def _csv(columns: Sequence[str], rows: Iterable[Mapping[str, Cell]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row[c]) for c in columns])
    return buffer.getvalue()


def _read_rating(
    source: str, number: int, row: Mapping[str, str | None]
) -> tuple[CouncilRating | None, Problem | None]:
    grade = (row["grade"] or "").strip()
    withheld = (row["withheld"] or "").strip().lower()
    if withheld not in (_TRUE, _FALSE):
        return None, Problem(source, number, "withheld", withheld, "is not true or false")
    if withheld == _TRUE:
        if grade:
            return None, Problem(source, number, "grade", grade, "is given for a withheld rating")
        return None, None
    if grade not in ("1", "2", "3", "4"):
        return None, Problem(source, number, "grade", grade, "is not a rating (expected 1-4)")
    return CouncilRating(int(grade)), None


_README_FILES = (
    "Files",
    "",
    "ratings.csv       one row per council: its rating under the framework.",
    'ratings.json      the same rows under "ratings", with "meta" describing them.',
    "profiles.csv      one row per council, profile line and measure (tidy, long format).",
    "datapackage.json  a Frictionless Data Package: each CSV file's Table Schema (field",
    "                  types, codes as text, keys), the licences, sources and contact.",
    "",
    "Councils are keyed on codes: la_code is the DfE three-digit code, ons_code the",
    "nine-character ONS code. Both are text, not numbers. Join on codes, not names.",
    "An empty cell means no value; booleans are written true or false.",
)

_README_JSON = (
    "ratings.json",
    "",
    'embargo           {"embargoed": true or false, "until": the embargo time or null,',
    '                  "notice": the embargo line or null}.',
    "notices           what every output of these results says first (demonstration",
    "                  data, a simulation), as a list of lines.",
    'meta              framework, cut-off, source and attribution; "ratings" holds the',
    "                  rows of ratings.csv, with the same fields (null for no value).",
)

_NOTE_INDENT = 18
_TYPE_WORDS = {
    "string": "text",
    "integer": "whole number",
    "number": "number",
    "boolean": "true or false",
    "date": "date, YYYY-MM-DD",
}


def _column_notes(fields: Sequence[DataField]) -> list[str]:
    """Each column's name and description, wrapped beside it, as the README lists them."""
    lines: list[str] = []
    for field in fields:
        text = f"{field.description} ({_TYPE_WORDS[field.type]})"
        wrapped = textwrap.wrap(text, width=88 - _NOTE_INDENT)
        lines.append(f"{field.name:<{_NOTE_INDENT}}{wrapped[0]}")
        lines += [" " * _NOTE_INDENT + line for line in wrapped[1:]]
    return lines
