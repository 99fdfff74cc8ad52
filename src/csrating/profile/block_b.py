"""Block B: council-level inspections of safeguarding and services for looked after
children, joint area reviews and evaluations of serious case reviews."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import NamedTuple

import polars as pl

from csrating.profile.model import (
    BlockB,
    CouncilInspection,
    GradeCounts,
    JudgementOn,
    UnannouncedInspection,
)
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


_GRADED_KINDS = tuple(
    kind.value
    for kind in CouncilInspectionKind
    if kind not in (CouncilInspectionKind.UNANNOUNCED_CRA, CouncilInspectionKind.SCR_EVALUATION)
)


def build_block_b(council_inspections: pl.DataFrame, up_to: dt.date) -> dict[LaCode, BlockB]:
    """Return Block B for every council with a council-level inspection.

    ``up_to`` is the last publication date counted: the rating's decision date. Later
    inspections are kept apart (``BlockB.published_after``): they never count as evidence.
    """
    rows = council_inspections.sort(["la_code", "date"]).select("la_code", *_Row._fields)
    # Each council's rows by kind, in date order: those counted, then those published later.
    by_council: dict[str, tuple[_ByKind, _ByKind]] = {}
    for code, kind, date, judgement, grade, outcome in rows.iter_rows():
        found = by_council.get(code)
        if found is None:
            found = by_council[code] = (defaultdict(list), defaultdict(list))
        row = _Row(kind, date, judgement, grade, outcome)
        found[0 if date <= up_to else 1][kind].append(row)
    return {LaCode(code): _block_b(*found) for code, found in by_council.items()}


class _Row(NamedTuple):
    """One row of a council's council-level inspections."""

    kind: str
    date: dt.date
    judgement: str | None
    grade: int | None  # an InspectionGrade value
    outcome: str | None  # an UnannouncedOutcome value


_ByKind = defaultdict[str, list[_Row]]
_GRADES = {grade.value: grade for grade in InspectionGrade}
_OUTCOMES = {outcome.value: outcome for outcome in UnannouncedOutcome}


def _block_b(rows: _ByKind, later: _ByKind) -> BlockB:
    """Block B from a council's rows counted by the decision date and those after it."""
    full = _latest(rows[_FULL], _FULL)
    since = full.date if full is not None else None
    unannounced = tuple(
        UnannouncedInspection(r.date, _OUTCOMES[str(r.outcome)])
        for r in rows[_UNANNOUNCED]
        if since is None or r.date > since
    )
    scr = [0, 0, 0, 0]
    for r in rows[_SCR]:
        if r.grade is not None:
            scr[r.grade - 1] += 1
    apa: InspectionGrade | None = None
    for r in rows[_APA]:
        if r.grade is not None:
            apa = _GRADES[r.grade]
    kinds = [kind for kind in _GRADED_KINDS if rows.get(kind)]  # most councils have few
    latest = tuple(found for kind in kinds if (found := _latest(rows[kind], kind)))
    after = tuple(
        found for kind in _GRADED_KINDS if later.get(kind) and (found := _first(later[kind], kind))
    )
    judged = tuple(j for kind in kinds for j in _standing(rows[kind], kind))
    return BlockB(
        full,
        unannounced,
        _latest(rows[_JAR], _JAR),
        GradeCounts(*scr),
        apa,
        latest,
        after,
        judged,
    )


def _latest(rows: list[_Row], kind: str) -> CouncilInspection | None:
    dates = [r.date for r in rows if r.kind == kind]
    return _on(rows, kind, max(dates)) if dates else None


def _first(rows: list[_Row], kind: str) -> CouncilInspection | None:
    dates = [r.date for r in rows if r.kind == kind]
    return _on(rows, kind, min(dates)) if dates else None


def _on(rows: list[_Row], kind: str, day: dt.date) -> CouncilInspection:
    judgements = tuple(
        (str(r.judgement), _GRADES[r.grade])
        for r in rows
        if r.kind == kind and r.date == day and r.grade is not None
    )
    return CouncilInspection(kind, day, judgements)


def _standing(rows: list[_Row], kind: str) -> list[JudgementOn]:
    """Return the judgements of ``kind`` as they stand: those of the latest full
    inspection (one that made two or more judgements), each replaced by any later
    re-inspection of that judgement alone. An earlier full inspection's judgements are
    superseded even where the later one names them differently (ILACS's
    ``children_in_care_and_care_leavers`` became two judgements in 2023)."""
    events: dict[dt.date, list[JudgementOn]] = {}
    for r in rows:
        if r.kind == kind and r.grade is not None and r.judgement:
            grade = _GRADES[r.grade]
            events.setdefault(r.date, []).append(JudgementOn(kind, r.judgement, r.date, grade))
    full = [day for day, found in events.items() if len(found) >= 2]
    start = max(full) if full else min(events, default=None)
    standing: dict[str, JudgementOn] = {}
    for day in sorted(d for d in events if start is not None and d >= start):
        for judgement in events[day]:
            standing[judgement.judgement] = judgement
    return list(standing.values())
