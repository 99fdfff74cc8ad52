"""Block B: council-level inspections of safeguarding and services for looked after
children, joint area reviews and evaluations of serious case reviews."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import polars as pl

from csrating.profile.model import BlockB, CouncilInspection, GradeCounts, UnannouncedInspection
from csrating.scales import InspectionGrade
from csrating.types import LaCode
from csrating.vocabulary import CouncilInspectionKind, UnannouncedOutcome

_FULL = CouncilInspectionKind.SAFEGUARDING_LAC.value
_JAR = CouncilInspectionKind.JAR.value
_UNANNOUNCED = CouncilInspectionKind.UNANNOUNCED_CRA.value
_SCR = CouncilInspectionKind.SCR_EVALUATION.value
_APA = CouncilInspectionKind.APA_STAYING_SAFE.value

EMPTY_BLOCK_B = BlockB(None, (), None, GradeCounts(), None)
"""Block B of a council with no council-level inspection before the cut-off."""


def build_block_b(council_inspections: pl.DataFrame, up_to: dt.date) -> dict[LaCode, BlockB]:
    """Return Block B for every council with a council-level inspection by ``up_to``.

    ``up_to`` is the last publication date counted: the rating's decision date.
    """
    rows = (
        council_inspections.lazy()
        .filter(pl.col("date") <= up_to)
        .sort(["la_code", "date"])
        .collect(engine="in-memory")
    )
    by_council: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in rows.iter_rows(named=True):
        by_council[row["la_code"]].append(row)
    return {LaCode(code): _block_b(council_rows) for code, council_rows in by_council.items()}


_GRADES = {grade.value: grade for grade in InspectionGrade}
_OUTCOMES = {outcome.value: outcome for outcome in UnannouncedOutcome}


def _block_b(rows: list[dict[str, object]]) -> BlockB:
    full = _latest(rows, _FULL)
    since = full.date if full is not None else None
    unannounced = tuple(
        UnannouncedInspection(_date(r["date"]), _OUTCOMES[str(r["outcome"])])
        for r in rows
        if r["kind"] == _UNANNOUNCED and (since is None or _date(r["date"]) > since)
    )
    scr = [0, 0, 0, 0]
    apa: InspectionGrade | None = None
    for r in rows:
        if r["kind"] == _SCR and r["grade"] is not None:
            scr[int(str(r["grade"])) - 1] += 1
        if r["kind"] == _APA and r["grade"] is not None:
            apa = _GRADES[int(str(r["grade"]))]
    return BlockB(full, unannounced, _latest(rows, _JAR), GradeCounts(*scr), apa)


def _latest(rows: list[dict[str, object]], kind: str) -> CouncilInspection | None:
    dates = [_date(r["date"]) for r in rows if r["kind"] == kind]
    if not dates:
        return None
    latest = max(dates)
    judgements = tuple(
        (str(r["judgement"]), _GRADES[int(str(r["grade"]))])
        for r in rows
        if r["kind"] == kind and r["date"] == latest and r["grade"] is not None
    )
    return CouncilInspection(kind, latest, judgements)


def _date(value: object) -> dt.date:
    assert isinstance(value, dt.date)
    return value
