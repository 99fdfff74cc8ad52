"""Check one table's rows against its contract and convert them to typed columns."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import polars as pl

from csrating.errors import Problem
from csrating.ingest.dataset import (
    CONTACTS_SCHEMA,
    COUNCIL_INSPECTIONS_SCHEMA,
    INDICATORS_SCHEMA,
    INSPECTIONS_SCHEMA,
    empty_frame,
)
from csrating.ingest.markers import read_numbers
from csrating.ingest.problem_log import ROW, ProblemLog
from csrating.ingest.readers import RawTable
from csrating.ingest.report import TableSummary
from csrating.ingest.schema import (
    CONTACTS,
    COUNCIL_INSPECTIONS,
    INDICATORS,
    INSPECTIONS,
    Table,
    ValueKind,
)
from csrating.ingest.values import PolarsType, rule_for
from csrating.reference import DEFAULT_CATALOGUE, DEFAULT_VINTAGE
from csrating.vocabulary import CouncilInspectionKind, UnannouncedOutcome

SCHEMAS: dict[str, dict[str, PolarsType]] = {
    INSPECTIONS.name: INSPECTIONS_SCHEMA,
    COUNCIL_INSPECTIONS.name: COUNCIL_INSPECTIONS_SCHEMA,
    INDICATORS.name: INDICATORS_SCHEMA,
    CONTACTS.name: CONTACTS_SCHEMA,
}
"""The typed columns of each canonical table, by table name."""


@dataclass(frozen=True)
class CheckedTable:
    """One table after checking: typed rows, what was read, and every problem."""

    frame: pl.DataFrame  # typed exactly per the table's schema; rows with problems are null
    summary: TableSummary
    problems: tuple[Problem, ...] = field(default_factory=tuple)


def check_table(
    raw: RawTable,
    table: Table,
    vintage: str = DEFAULT_VINTAGE,
    catalogue: str = DEFAULT_CATALOGUE,
) -> CheckedTable:
    """Check a file's rows against ``table``'s columns and rules, and type them.

    Args:
        raw: the file's rows as text.
        table: the contract the file must meet.
        vintage: the geography council codes must belong to (the manifest's).
        catalogue: the indicator catalogue identifiers must belong to (the manifest's).

    Returns:
        The typed frame (meaningful only when there are no problems), the file's summary
        and every problem found.
    """
    schema = SCHEMAS[table.name]
    log = ProblemLog()
    log.extend(raw.problems)
    if raw.frame is None:
        summary = TableSummary(raw.file, 0, raw.notes)
        return CheckedTable(empty_frame(schema), summary, log.problems)
    frame = raw.frame
    present = [c for c in frame.columns if c != ROW]
    notes = list(raw.notes)
    wanted = {c.name for c in table.columns}
    extra = [c for c in present if c not in wanted]
    if extra:
        notes.append(f"extra columns not used: {', '.join(extra)}")
    for column in table.columns:
        if column.required and column.name not in present:
            found = ", ".join(present) or "no named columns"
            log.add(
                Problem(
                    raw.file,
                    None,
                    column.name,
                    None,
                    f"is a required column but is missing (the header row has: {found})",
                )
            )

    typed: dict[str, pl.Series] = {}
    marked: pl.Series | None = None  # reasons published markers give, for blank numbers
    for column in table.columns:
        if column.name not in present:
            continue
        rule = rule_for(column.kind, vintage, catalogue)
        text = frame[column.name]
        if column.kind is ValueKind.NUMBER and column.nullable:
            marked = read_numbers(text).reasons  # "c", "x", "-" ... are blanks with reasons
            if marked.null_count() < marked.len():
                text = pl.select(pl.when(marked.is_null()).then(text)).to_series().alias(text.name)
        converted = rule.convert(text)
        typed[column.name] = converted
        # A rule keeps every blank blank (values.py), so a value it refused shows as one
        # null more than the text had: look for them only then.
        if column.kind is not ValueKind.TEXT and converted.null_count() > text.null_count():
            invalid = frame.filter(text.is_not_null() & converted.is_null())
            log.add_rows(
                invalid.select(ROW, column.name),
                file=raw.file,
                column=column.name,
                expected=rule.expected,
                value_column=column.name,
            )
        if not column.nullable and text.null_count():
            log.add_rows(
                frame.filter(text.is_null()).select(ROW),
                file=raw.file,
                column=column.name,
                expected=f"is blank; expected {rule.needs}",
            )
    if marked is not None and "reason" in SCHEMAS[table.name]:
        given = typed.get("reason", pl.Series("reason", [None] * frame.height, dtype=pl.Utf8))
        typed["reason"] = pl.select(pl.coalesce(given, marked)).to_series().alias("reason")
    if table.name == COUNCIL_INSPECTIONS.name:
        _check_council_inspection_results(frame, typed, raw.file, log)
    if all(name in present for name in table.key):
        _check_duplicates(frame, table.key, raw.file, log)

    result = pl.DataFrame(
        [
            typed[name].cast(dtype).alias(name)
            if name in typed
            else pl.Series(name, [None] * frame.height, dtype=dtype)
            for name, dtype in schema.items()
        ]
    )
    summary = TableSummary(raw.file, raw.rows_read, tuple(notes))
    return CheckedTable(result, summary, log.problems)


def _check_council_inspection_results(
    frame: pl.DataFrame, typed: dict[str, pl.Series], file: str, log: ProblemLog
) -> None:
    """Report rows lacking the grade or outcome their kind of inspection records."""
    if "kind" not in typed:
        return
    kind = typed["kind"]
    outcomes = ", ".join(o.value for o in UnannouncedOutcome)
    for member in CouncilInspectionKind:
        needs = "outcome" if member is CouncilInspectionKind.UNANNOUNCED_CRA else "grade"
        if needs not in frame.columns:
            continue  # reported as a missing column
        lacking = frame.filter((kind == member.value) & frame[needs].is_null())
        what = f"an outcome ({outcomes})" if needs == "outcome" else "a grade (1-4 or a word)"
        log.add_rows(
            lacking.select(ROW),
            file=file,
            column=needs,
            expected=f"is blank; {member.value} inspections need {what}",
        )


def _check_duplicates(
    frame: pl.DataFrame, key: tuple[str, ...], file: str, log: ProblemLog
) -> None:
    """Report every row repeating an earlier row's key, naming the earlier row."""
    if not _may_repeat([frame[name] for name in key]):
        return
    keyed = frame.select(ROW, *key).with_columns(
        pl.col(ROW).min().over(list(key)).alias("__first__")
    )
    repeats = keyed.filter(pl.col(ROW) != pl.col("__first__"))
    if repeats.height == 0:
        return
    joined = ", ".join(key)
    head = repeats.head(100).with_columns(
        pl.concat_str([pl.col(k).fill_null("") for k in key], separator=", ").alias("__value__")
    )
    problems = [
        Problem(
            file,
            row,
            joined,
            value,
            f"repeats the event on row {first} (each {' + '.join(key)} may appear only once)",
        )
        for row, value, first in head.select(ROW, "__value__", "__first__").iter_rows()
    ]
    log.add_kind(problems, repeats.height, file, joined)


def _may_repeat(columns: list[pl.Series]) -> bool:
    """Whether two rows may share their values of ``columns`` (rows that do hash alike)."""
    combined = np.zeros(len(columns[0]), dtype=np.uint64)
    for number, column in enumerate(columns):
        # Multiplying by an odd number mixes the columns; uint64 arithmetic wraps.
        combined = combined * np.uint64(0x9E3779B97F4A7C15) + column.hash(seed=number).to_numpy()
    combined.sort()
    return bool((combined[1:] == combined[:-1]).any())
