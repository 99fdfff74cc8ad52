"""Council-level inspections (Block B): joint area reviews, full safeguarding and looked after
children inspections, unannounced inspections, serious case review evaluations and the 2008
APA staying safe grade.

Grades follow each council's strength. The adverse findings that limit a rating are placed on
purpose, as in 2009: a few councils with inadequate safeguarding (joint area review or full
inspection) and about ten unannounced inspections with areas for priority action, mostly at
councils of middling strength, all published by the rating's decision date. Seed councils are
not drawn: their inspections are built from their facts (:func:`_seed_inspections`).
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import polars as pl

from csrating.demo.council_profiles import BoolArray, CouncilProfiles, GradeArray, IntArray
from csrating.demo.dates import WINDOW_END, day_number, random_weekdays, to_date
from csrating.demo.facts import CouncilFacts, PublishedFacts
from csrating.demo.history import grade_from_latent
from csrating.demo.setting_specs import GradeMix
from csrating.ingest.dataset import COUNCIL_INSPECTIONS_SCHEMA
from csrating.vocabulary import JAR_JUDGEMENTS, CouncilInspectionKind, UnannouncedOutcome

JAR_PERIOD = (date(2006, 9, 1), date(2009, 3, 31))
"""When the joint area reviews in the demo dataset took place."""

NEW_PROGRAMME_START = date(2009, 6, 1)
"""When full safeguarding and unannounced inspections begin (they run to the history's end,
:data:`~csrating.demo.dates.WINDOW_END`)."""

SCR_PERIOD = (date(2007, 4, 1), WINDOW_END)
"""When serious case reviews were evaluated."""

APA_2008_PERIOD = (date(2008, 10, 1), date(2008, 12, 19))
"""When the 2008 APA judgements were made."""

JAR_INADEQUATE_SAFEGUARDING = 4
"""Joint area reviews that judged safeguarding inadequate."""

FULL_INSPECTIONS = 50
"""Full safeguarding and looked after children inspections (about a third of councils)."""

FULL_BY_DECISION = 20
"""Of which published by the rating's decision date."""

FULL_INADEQUATE_BY_DECISION = 2
"""Of which judged inadequate for overall safeguarding."""

PRIORITY_ACTION_BY_DECISION = 10
"""Unannounced inspections published by the decision date that found areas for priority action."""

_FULL_JUDGEMENTS = ("overall_safeguarding", "overall_lac", "capacity_to_improve")
_SAFEGUARDING = ("safeguarding", "overall_safeguarding")  # by joint area review, full inspection
_JAR_MIX = GradeMix(0.05, 0.69, 0.25, 0.01)
_FULL_MIX = GradeMix(0.08, 0.45, 0.40, 0.07)
_SCR_MIX = GradeMix(0.02, 0.40, 0.43, 0.15)
_APA_MIX = GradeMix(0.12, 0.58, 0.27, 0.03)
_STRENGTH_LOADING = 0.75
_Row = tuple[str, str, date, str | None, int | None, str | None]


def build_council_inspections(
    profiles: CouncilProfiles, facts: PublishedFacts, rng: np.random.Generator
) -> pl.DataFrame:
    """Return ``council_inspections.csv`` as a frame, sorted by council, kind, date, judgement."""
    decision = facts.decision_date
    drawn = ~profiles.seed
    rows: list[_Row] = []
    jar_inadequate = _joint_area_reviews(rows, profiles, drawn, rng)
    full_inadequate = _full_inspections(rows, profiles, drawn, jar_inadequate, decision, rng)
    _unannounced(rows, profiles, drawn, jar_inadequate | full_inadequate, decision, rng)
    _serious_case_reviews(rows, profiles, drawn, rng)
    _apa_staying_safe(rows, profiles, drawn, rng)
    for council in facts.councils:
        _seed_inspections(rows, council, decision, rng)
    frame = pl.DataFrame(rows, schema=COUNCIL_INSPECTIONS_SCHEMA, orient="row")
    return frame.sort(["la_code", "kind", "date", "judgement"], nulls_last=False)


def _row(
    la_code: str,
    kind: CouncilInspectionKind,
    day: int,
    judgement: str | None = None,
    grade: int | None = None,
    outcome: UnannouncedOutcome | None = None,
) -> _Row:
    """One row of ``council_inspections.csv``, with ``day`` a day number."""
    value = None if outcome is None else outcome.value
    grade = None if grade is None else int(grade)
    return (la_code, kind.value, to_date(int(day)), judgement, grade, value)


def _seed_inspections(
    rows: list[_Row], council: CouncilFacts, decision: date, rng: np.random.Generator
) -> None:
    """Build a seed council's inspections: every judgement at the generator's council-level
    grade, and the findings its letter states (or none) published by the decision date."""
    grade = council.generator.council_level_grade
    findings = council.council_inspections
    code = council.la_code
    (jar_day,) = random_weekdays(rng, *JAR_PERIOD, 1)
    for judgement in JAR_JUDGEMENTS:
        inadequate = judgement == "safeguarding" and findings.inadequate_safeguarding
        rows.append(
            _row(code, CouncilInspectionKind.JAR, jar_day, judgement, 4 if inadequate else grade)
        )
    (apa_day,) = random_weekdays(rng, *APA_2008_PERIOD, 1)
    rows.append(_row(code, CouncilInspectionKind.APA_STAYING_SAFE, apa_day, grade=grade))
    scr_days = np.sort(random_weekdays(rng, *SCR_PERIOD, 2))
    _add_reviews(rows, code, scr_days, np.full(len(scr_days), grade, dtype=np.int8))
    if findings.priority_action:
        (day,) = random_weekdays(rng, NEW_PROGRAMME_START, decision, 1)
        outcome = UnannouncedOutcome.PRIORITY_ACTION
    else:
        (day,) = random_weekdays(rng, NEW_PROGRAMME_START, WINDOW_END, 1)
        outcome = UnannouncedOutcome.DEVELOPMENT
    rows.append(_row(code, CouncilInspectionKind.UNANNOUNCED_CRA, day, outcome=outcome))


def unmet_council_level(frame: pl.DataFrame, facts: PublishedFacts) -> list[str]:
    """Return a line for every seed council whose findings published by the decision date are
    not as its letter states."""
    unmet = []
    for council in facts.councils:
        rows = frame.filter(
            (pl.col("la_code") == council.la_code) & (pl.col("date") <= facts.decision_date)
        )
        safeguarding = rows.filter(pl.col("judgement").is_in(_SAFEGUARDING)).sort("date")
        priority = UnannouncedOutcome.PRIORITY_ACTION.value in set(rows["outcome"].drop_nulls())
        inadequate = safeguarding.height > 0 and safeguarding["grade"][-1] == 4
        stated = council.council_inspections
        for finding, found, said in (
            ("areas for priority action", priority, stated.priority_action),
            ("inadequate safeguarding", inadequate, stated.inadequate_safeguarding),
        ):
            if found is not said:
                unmet.append(f"{council.name}: {finding} by the decision date: {found}")
    return unmet


def _council_grades(
    profiles: CouncilProfiles, mix: GradeMix, count: int, rng: np.random.Generator
) -> GradeArray:
    """Grades of ``count`` judgements per council that follow strength (shape councils x count)."""
    shared = rng.standard_normal((profiles.count, 1))
    own = rng.standard_normal((profiles.count, count))
    latent = -_STRENGTH_LOADING * profiles.strength[:, None] + 0.45 * shared + 0.48 * own
    return grade_from_latent(latent, np.array(mix.cut_points()))


def _add_graded(
    rows: list[_Row],
    profiles: CouncilProfiles,
    positions: IntArray,
    kind: CouncilInspectionKind,
    days: IntArray,
    judgements: tuple[str | None, ...],
    grades: GradeArray,
) -> None:
    """Add an inspection of each council at ``positions`` on its day, a row per judgement
    (``days`` and ``grades`` are per council)."""
    for position in positions:
        code = profiles.councils[position].la_code
        for column, judgement in enumerate(judgements):
            rows.append(_row(code, kind, days[position], judgement, grades[position, column]))


def _weakest(
    profiles: CouncilProfiles, eligible: BoolArray, pool: int, count: int, rng: np.random.Generator
) -> BoolArray:
    """Mark ``count`` councils picked at random among the ``pool`` weakest eligible ones."""
    candidates = np.flatnonzero(eligible)
    weakest = candidates[np.argsort(profiles.strength[candidates], kind="stable")[:pool]]
    chosen = rng.choice(weakest, size=min(count, len(weakest)), replace=False)
    return np.isin(np.arange(profiles.count), chosen)


def _joint_area_reviews(
    rows: list[_Row], profiles: CouncilProfiles, drawn: BoolArray, rng: np.random.Generator
) -> BoolArray:
    """One joint area review per council; returns the councils with inadequate safeguarding."""
    days = random_weekdays(rng, *JAR_PERIOD, profiles.count)
    grades = _council_grades(profiles, _JAR_MIX, len(JAR_JUDGEMENTS), rng)
    safeguarding = JAR_JUDGEMENTS.index("safeguarding")
    grades[:, safeguarding] = np.minimum(grades[:, safeguarding], 3)
    inadequate = _weakest(profiles, drawn, 12, JAR_INADEQUATE_SAFEGUARDING, rng)
    grades[inadequate, safeguarding] = 4
    kind = CouncilInspectionKind.JAR
    _add_graded(rows, profiles, np.flatnonzero(drawn), kind, days, JAR_JUDGEMENTS, grades)
    return inadequate


def _full_inspections(
    rows: list[_Row],
    profiles: CouncilProfiles,
    drawn: BoolArray,
    jar_inadequate: BoolArray,
    decision: date,
    rng: np.random.Generator,
) -> BoolArray:
    """Full inspections for about a third of councils; returns those inadequate by the
    decision date (councils whose joint area review found safeguarding inadequate have theirs
    after it)."""
    early = np.sort(rng.choice(np.flatnonzero(drawn & ~jar_inadequate), FULL_BY_DECISION, False))
    early_mask = np.isin(np.arange(profiles.count), early)
    late_pool = np.flatnonzero(drawn & ~early_mask & ~jar_inadequate)
    late_count = FULL_INSPECTIONS - FULL_BY_DECISION - int(jar_inadequate.sum())
    late = np.sort(
        np.concatenate(
            [rng.choice(late_pool, size=late_count, replace=False), np.flatnonzero(jar_inadequate)]
        )
    )
    grades = _council_grades(profiles, _FULL_MIX, len(_FULL_JUDGEMENTS), rng)
    safeguarding = _FULL_JUDGEMENTS.index("overall_safeguarding")
    worst = FULL_INADEQUATE_BY_DECISION
    inadequate = _weakest(profiles, early_mask, 2 * worst, worst, rng)
    grades[early_mask, safeguarding] = np.minimum(grades[early_mask, safeguarding], 3)
    grades[inadequate, safeguarding] = 4
    days = np.zeros(profiles.count, dtype=np.int64)
    days[early] = random_weekdays(rng, NEW_PROGRAMME_START, decision, len(early))
    days[late] = random_weekdays(rng, decision + timedelta(days=1), WINDOW_END, len(late))
    kind = CouncilInspectionKind.SAFEGUARDING_LAC
    _add_graded(rows, profiles, np.concatenate([early, late]), kind, days, _FULL_JUDGEMENTS, grades)
    return inadequate


def _unannounced(
    rows: list[_Row],
    profiles: CouncilProfiles,
    drawn: BoolArray,
    excluded: BoolArray,
    decision: date,
    rng: np.random.Generator,
) -> None:
    """One unannounced inspection per council; about ten with priority actions published by
    the decision date, at middling councils without inadequate safeguarding."""
    ranks = np.argsort(np.argsort(profiles.strength, kind="stable"), kind="stable")
    middling = (ranks >= 0.10 * profiles.count) & (ranks < 0.90 * profiles.count)
    candidates = np.flatnonzero(middling & drawn & ~excluded)
    chosen = rng.choice(candidates, size=PRIORITY_ACTION_BY_DECISION, replace=False)
    priority = np.isin(np.arange(profiles.count), chosen)
    days = random_weekdays(rng, NEW_PROGRAMME_START, WINDOW_END, profiles.count)
    days[priority] = random_weekdays(
        rng, NEW_PROGRAMME_START, decision, PRIORITY_ACTION_BY_DECISION
    )
    draw = rng.random(profiles.count)
    later_risk = np.where(profiles.strength < -0.5, 0.15, 0.03)
    priority |= (days > day_number(decision)) & (draw < later_risk)
    for position in np.flatnonzero(drawn):
        if priority[position]:
            outcome = UnannouncedOutcome.PRIORITY_ACTION
        elif draw[position] < 0.6:
            outcome = UnannouncedOutcome.DEVELOPMENT
        else:
            outcome = UnannouncedOutcome.NONE
        code = profiles.councils[position].la_code
        rows.append(
            _row(code, CouncilInspectionKind.UNANNOUNCED_CRA, days[position], outcome=outcome)
        )


def _serious_case_reviews(
    rows: list[_Row], profiles: CouncilProfiles, drawn: BoolArray, rng: np.random.Generator
) -> None:
    """Up to four serious case review evaluations per council, more for larger councils."""
    counts = np.minimum(rng.poisson(0.4 + 60.0 * profiles.size), 4)
    cuts = np.array(_SCR_MIX.cut_points())
    for position, council in enumerate(profiles.councils):
        number = int(counts[position])
        if not number:
            continue
        days = np.sort(random_weekdays(rng, *SCR_PERIOD, number))
        latent = -0.5 * profiles.strength[position] + 0.87 * rng.standard_normal(number)
        if drawn[position]:
            _add_reviews(rows, council.la_code, days, grade_from_latent(latent, cuts))


def _add_reviews(rows: list[_Row], la_code: str, days: IntArray, grades: GradeArray) -> None:
    """Add serious case review evaluations, named ``scr_<year>_<number in the year>``."""
    sequence: dict[int, int] = {}
    for day, grade in zip(days, grades, strict=True):
        year = to_date(int(day)).year
        sequence[year] = sequence.get(year, 0) + 1
        name = f"scr_{year}_{sequence[year]:02d}"
        rows.append(_row(la_code, CouncilInspectionKind.SCR_EVALUATION, day, name, grade))


def _apa_staying_safe(
    rows: list[_Row], profiles: CouncilProfiles, drawn: BoolArray, rng: np.random.Generator
) -> None:
    """The 2008 APA staying safe judgement of every council, as an inspection grade."""
    days = random_weekdays(rng, *APA_2008_PERIOD, profiles.count)
    grades = _council_grades(profiles, _APA_MIX, 1, rng)
    kind = CouncilInspectionKind.APA_STAYING_SAFE
    _add_graded(rows, profiles, np.flatnonzero(drawn), kind, days, (None,), grades)
