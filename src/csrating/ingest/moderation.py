"""The optional ``moderation.csv`` table: inspectors' recorded overrides and withholdings.

Columns: ``la_code, action, from_grade, to_grade, moderator, date, reason``. ``action`` is
``override`` (``to_grade`` 1-4 on the council rating scale, higher is better) or
``withhold``; ``reason`` is required for both; ``from_grade`` is the grade the rules gave
when the moderator decided, and an override is refused if the rules now give another.

An optional ``framework`` column names the framework the decision was made under (for
example ``rating-2010``): the record then applies only when the dataset is rated under
that framework. A record without one applies under any framework. A council has at most
one record per framework, and a record for any framework excludes all others for it.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

from csrating.errors import InputError, Problem
from csrating.moderation import Moderation
from csrating.reference import DEFAULT_VINTAGE, Geography, geography
from csrating.scales import rating_from_number
from csrating.types import LaCode

MODERATION_FILE = "moderation.csv"
COLUMNS = ("la_code", "action", "from_grade", "to_grade", "moderator", "date", "reason")
OPTIONAL_COLUMNS = ("framework",)
_FRAMEWORK_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")


def load_moderation(
    dataset_dir: Path, vintage: str = DEFAULT_VINTAGE
) -> dict[LaCode, tuple[Moderation, ...]]:
    """Return the moderation records of a dataset folder by council (none if no file).

    Raises:
        InputError: listing every problem in the file, which is then not used at all.
    """
    records, problems = check_moderation(dataset_dir, vintage)
    if problems:
        raise InputError(problems)
    return records


def check_moderation(
    dataset_dir: Path, vintage: str = DEFAULT_VINTAGE
) -> tuple[dict[LaCode, tuple[Moderation, ...]], tuple[Problem, ...]]:
    """Read ``moderation.csv`` (if any) and return its records and every problem in it."""
    path = dataset_dir / MODERATION_FILE
    if not path.is_file():
        return {}, ()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return {}, (Problem(MODERATION_FILE, None, None, None, "is not UTF-8 text"),)
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        found = ", ".join(reader.fieldnames or []) or "nothing"
        expected = f"lacks column(s) {', '.join(missing)} (found {found})"
        return {}, (Problem(MODERATION_FILE, 1, None, None, expected),)
    places = geography(vintage)
    records: dict[LaCode, tuple[Moderation, ...]] = {}
    problems: list[Problem] = []
    for number, row in enumerate(reader, start=2):
        record = _record(row, number, problems, places)
        if record is None:
            continue
        code = LaCode(row["la_code"].strip())
        earlier = records.get(code, ())
        if any(_overlap(record, other) for other in earlier):
            where = f"under {record.framework}" if record.framework else "for any framework"
            problems.append(
                Problem(
                    MODERATION_FILE,
                    number,
                    "la_code",
                    code,
                    f"has a second moderation record {where}",
                )
            )
            continue
        records[code] = (*earlier, record)
    return records, tuple(problems)


def _overlap(one: Moderation, other: Moderation) -> bool:
    """Whether two records of a council could both apply under some framework."""
    return one.framework is None or other.framework is None or one.framework == other.framework


def _record(
    row: dict[str, str], number: int, problems: list[Problem], places: Geography
) -> Moderation | None:
    def bad(column: str, expected: str) -> None:
        problems.append(Problem(MODERATION_FILE, number, column, row.get(column, ""), expected))

    before = len(problems)
    code = (row.get("la_code") or "").strip()
    if not places.is_council_code(code):
        bad("la_code", f"is not the DfE code of a council of the {places.title}")
    action = (row.get("action") or "").strip()
    if action not in ("override", "withhold"):
        bad("action", "is not an action (expected override or withhold)")
    grades = {}
    for column in ("from_grade", "to_grade"):
        text = (row.get(column) or "").strip()
        if text and text not in {"1", "2", "3", "4"}:
            bad(column, "is not a council rating (expected 1-4, 4 performs excellently)")
        grades[column] = rating_from_number(int(text)) if text in {"1", "2", "3", "4"} else None
    if action == "override" and grades["to_grade"] is None:
        bad("to_grade", "is needed for an override (expected 1-4)")
    if not (row.get("reason") or "").strip():
        bad("reason", "is blank: every override or withholding needs a reason")
    framework = (row.get("framework") or "").strip()
    if framework and not _FRAMEWORK_ID.fullmatch(framework):
        bad("framework", "is not a framework id (expected e.g. rating-2010, or blank for any)")
    if not (row.get("moderator") or "").strip():
        bad("moderator", "is blank: say who made the decision")
    try:
        date = dt.date.fromisoformat((row.get("date") or "").strip())
    except ValueError:
        bad("date", "is not a date (expected YYYY-MM-DD)")
        return None
    if len(problems) > before:
        return None
    return Moderation(
        moderator=row["moderator"].strip(),
        date=date,
        from_grade=grades["from_grade"],
        to_grade=grades["to_grade"],
        reason=row["reason"].strip(),
        withhold=action == "withhold",
        framework=framework or None,
    )
