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

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl

from csrating.demo.council_profiles import CouncilProfiles
from csrating.demo.dates import date_series, day_number, random_weekdays
from csrating.demo.facts import CouncilFacts, PublishedFacts
from csrating.demo.history import grade_from_latent
from csrating.demo.setting_specs import GradeMix
from csrating.vocabulary import (
    JAR_JUDGEMENTS,
    CouncilInspectionKind,
    UnannouncedOutcome,
)

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

JAR_PERIOD = (date(2006, 9, 1), date(2009, 3, 31))
"""When the joint area reviews in the demo dataset took place."""

NEW_PROGRAMME_START = date(2009, 6, 1)
"""When full safeguarding and unannounced inspections begin in the demo dataset."""

NEW_PROGRAMME_END = date(2010, 8, 31)
"""When the demo dataset's inspection history ends."""

SCR_PERIOD = (date(2007, 4, 1), date(2010, 8, 31))
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
SAFEGUARDING_JUDGEMENTS = ("safeguarding", "overall_safeguarding")
"""The safeguarding judgements of a joint area review and of a full inspection."""
_JAR_MIX = GradeMix(0.05, 0.69, 0.25, 0.01)
_FULL_MIX = GradeMix(0.08, 0.45, 0.40, 0.07)
_SCR_MIX = GradeMix(0.02, 0.40, 0.43, 0.15)
_APA_MIX = GradeMix(0.12, 0.58, 0.27, 0.03)
_STRENGTH_LOADING = 0.75


@dataclass(frozen=True)
class _Rows:
    """Council inspection rows being built, one entry per row in each list."""

    la_code: list[str]
    kind: list[str]
    day: list[int]
    judgement: list[str | None]
    grade: list[int | None]
    outcome: list[str | None]

    def add(
        self,
        la_code: str,
        kind: CouncilInspectionKind,
        day: int,
        judgement: str | None,
        grade: int | None,
        outcome: UnannouncedOutcome | None = None,
    ) -> None:
        self.la_code.append(la_code)
        self.kind.append(kind.value)
        self.day.append(day)
        self.judgement.append(judgement)
        self.grade.append(grade)
        self.outcome.append(outcome.value if outcome is not None else None)

    def frame(self) -> pl.DataFrame:
        frame = pl.DataFrame(
            {
                "la_code": pl.Series(self.la_code, dtype=pl.Utf8),
                "kind": pl.Series(self.kind, dtype=pl.Utf8),
                "date": date_series("date", np.array(self.day, dtype=np.int64)),
                "judgement": pl.Series(self.judgement, dtype=pl.Utf8),
                "grade": pl.Series(self.grade, dtype=pl.Int8),
                "outcome": pl.Series(self.outcome, dtype=pl.Utf8),
            }
        )
        return frame.sort(["la_code", "kind", "date", "judgement"], nulls_last=False)


def build_council_inspections(
    profiles: CouncilProfiles, facts: PublishedFacts, rng: np.random.Generator
) -> pl.DataFrame:
    """Return ``council_inspections.csv`` as a frame, sorted by council, kind, date, judgement."""
    decision = day_number(facts.decision_date)
    drawn = ~profiles.seed
    rows = _Rows([], [], [], [], [], [])
    jar_inadequate = _joint_area_reviews(rows, profiles, drawn, rng)
    full_inadequate = _full_inspections(rows, profiles, drawn, jar_inadequate, decision, rng)
    _unannounced(rows, profiles, drawn, jar_inadequate | full_inadequate, decision, rng)
    _serious_case_reviews(rows, profiles, drawn, rng)
    _apa_staying_safe(rows, profiles, drawn, rng)
    for council in facts.councils:
        _seed_inspections(rows, council, decision, rng)
    return rows.frame()


def _seed_inspections(
    rows: _Rows, council: CouncilFacts, decision: int, rng: np.random.Generator
) -> None:
    """Build a seed council's inspections: every judgement at the generator's council-level
    grade, and the findings its letter states (or none) published by the decision date."""
    grade = council.generator.council_level_grade
    findings = council.council_inspections
    code = council.la_code
    (jar_day,) = random_weekdays(rng, *JAR_PERIOD, 1)
    for judgement in JAR_JUDGEMENTS:
        inadequate = judgement == "safeguarding" and findings.inadequate_safeguarding
        rows.add(
            code, CouncilInspectionKind.JAR, int(jar_day), judgement, 4 if inadequate else grade
        )
    (apa_day,) = random_weekdays(rng, *APA_2008_PERIOD, 1)
    rows.add(code, CouncilInspectionKind.APA_STAYING_SAFE, int(apa_day), None, grade)
    scr_days = np.sort(random_weekdays(rng, *SCR_PERIOD, 2))
    _add_reviews(rows, code, scr_days, np.full(len(scr_days), grade))
    if findings.priority_action:
        (day,) = random_weekdays(rng, NEW_PROGRAMME_START, _day(decision), 1)
        outcome = UnannouncedOutcome.PRIORITY_ACTION
    else:
        (day,) = random_weekdays(rng, NEW_PROGRAMME_START, NEW_PROGRAMME_END, 1)
        outcome = UnannouncedOutcome.DEVELOPMENT
    rows.add(code, CouncilInspectionKind.UNANNOUNCED_CRA, int(day), None, None, outcome)


def unmet_council_level(frame: pl.DataFrame, facts: PublishedFacts) -> list[str]:
    """Return a line for every seed council whose findings published by the decision date are
    not as its letter states."""
    unmet = []
    for council in facts.councils:
        rows = frame.filter(
            (pl.col("la_code") == council.la_code) & (pl.col("date") <= facts.decision_date)
        )
        safeguarding = rows.filter(pl.col("judgement").is_in(SAFEGUARDING_JUDGEMENTS)).sort("date")
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
) -> npt.NDArray[np.int8]:
    """Grades of ``count`` judgements per council that follow strength (shape councils x count)."""
    shared = rng.standard_normal((profiles.count, 1))
    own = rng.standard_normal((profiles.count, count))
    latent = -_STRENGTH_LOADING * profiles.strength[:, None] + 0.45 * shared + 0.48 * own
    return grade_from_latent(latent, np.array(mix.cut_points()))


def _weakest(
    profiles: CouncilProfiles, eligible: BoolArray, pool: int, count: int, rng: np.random.Generator
) -> IntArray:
    """Pick ``count`` councils at random among the ``pool`` weakest eligible ones."""
    candidates = np.flatnonzero(eligible)
    weakest = candidates[np.argsort(profiles.strength[candidates], kind="stable")[:pool]]
    chosen: IntArray = np.sort(rng.choice(weakest, size=min(count, len(weakest)), replace=False))
    return chosen


def _joint_area_reviews(
    rows: _Rows, profiles: CouncilProfiles, drawn: BoolArray, rng: np.random.Generator
) -> BoolArray:
    """One joint area review per council; returns the councils with inadequate safeguarding."""
    days = random_weekdays(rng, *JAR_PERIOD, profiles.count)
    grades = _council_grades(profiles, _JAR_MIX, len(JAR_JUDGEMENTS), rng)
    safeguarding = JAR_JUDGEMENTS.index("safeguarding")
    grades[:, safeguarding] = np.minimum(grades[:, safeguarding], 3)
    inadequate = np.zeros(profiles.count, dtype=np.bool_)
    inadequate[_weakest(profiles, drawn, 12, JAR_INADEQUATE_SAFEGUARDING, rng)] = True
    grades[inadequate, safeguarding] = 4
    for position in np.flatnonzero(drawn):
        for column, judgement in enumerate(JAR_JUDGEMENTS):
            rows.add(
                profiles.councils[position].la_code,
                CouncilInspectionKind.JAR,
                int(days[position]),
                judgement,
                int(grades[position, column]),
            )
    return inadequate


def _full_inspections(
    rows: _Rows,
    profiles: CouncilProfiles,
    drawn: BoolArray,
    jar_inadequate: BoolArray,
    decision: int,
    rng: np.random.Generator,
) -> BoolArray:
    """Full inspections for about a third of councils; returns those inadequate by the
    decision date (councils whose joint area review found safeguarding inadequate have theirs
    after it)."""
    early = np.sort(rng.choice(np.flatnonzero(drawn & ~jar_inadequate), FULL_BY_DECISION, False))
    early_mask = np.zeros(profiles.count, dtype=np.bool_)
    early_mask[early] = True
    late_pool = np.flatnonzero(drawn & ~early_mask & ~jar_inadequate)
    late_count = FULL_INSPECTIONS - FULL_BY_DECISION - int(jar_inadequate.sum())
    late = np.sort(
        np.concatenate(
            [rng.choice(late_pool, size=late_count, replace=False), np.flatnonzero(jar_inadequate)]
        )
    )
    grades = _council_grades(profiles, _FULL_MIX, len(_FULL_JUDGEMENTS), rng)
    safeguarding = _FULL_JUDGEMENTS.index("overall_safeguarding")
    inadequate = np.zeros(profiles.count, dtype=np.bool_)
    worst = FULL_INADEQUATE_BY_DECISION
    inadequate[_weakest(profiles, early_mask, 2 * worst, worst, rng)] = True
    grades[early_mask, safeguarding] = np.minimum(grades[early_mask, safeguarding], 3)
    grades[inadequate, safeguarding] = 4
    early_days = random_weekdays(rng, NEW_PROGRAMME_START, _day(decision), len(early))
    late_days = random_weekdays(rng, _day(decision + 1), NEW_PROGRAMME_END, len(late))
    for positions, days in ((early, early_days), (late, late_days)):
        for position, day in zip(positions, days, strict=True):
            for column, judgement in enumerate(_FULL_JUDGEMENTS):
                rows.add(
                    profiles.councils[position].la_code,
                    CouncilInspectionKind.SAFEGUARDING_LAC,
                    int(day),
                    judgement,
                    int(grades[position, column]),
                )
    return inadequate


def _unannounced(
    rows: _Rows,
    profiles: CouncilProfiles,
    drawn: BoolArray,
    excluded: BoolArray,
    decision: int,
    rng: np.random.Generator,
) -> None:
    """One unannounced inspection per council; about ten with priority actions published by
    the decision date, at middling councils without inadequate safeguarding."""
    ranks = np.argsort(np.argsort(profiles.strength, kind="stable"), kind="stable")
    middling = (ranks >= 0.10 * profiles.count) & (ranks < 0.90 * profiles.count)
    candidates = np.flatnonzero(middling & drawn & ~excluded)
    priority = np.zeros(profiles.count, dtype=np.bool_)
    priority[rng.choice(candidates, size=PRIORITY_ACTION_BY_DECISION, replace=False)] = True
    days = random_weekdays(rng, NEW_PROGRAMME_START, NEW_PROGRAMME_END, profiles.count)
    days[priority] = random_weekdays(
        rng, NEW_PROGRAMME_START, _day(decision), PRIORITY_ACTION_BY_DECISION
    )
    draw = rng.random(profiles.count)
    later_risk = np.where(profiles.strength < -0.5, 0.15, 0.03)
    for position in np.flatnonzero(drawn):
        if priority[position]:
            outcome = UnannouncedOutcome.PRIORITY_ACTION
        elif days[position] > decision and draw[position] < later_risk[position]:
            outcome = UnannouncedOutcome.PRIORITY_ACTION
        elif draw[position] < 0.6:
            outcome = UnannouncedOutcome.DEVELOPMENT
        else:
            outcome = UnannouncedOutcome.NONE
        rows.add(
            profiles.councils[position].la_code,
            CouncilInspectionKind.UNANNOUNCED_CRA,
            int(days[position]),
            None,
            None,
            outcome,
        )


def _serious_case_reviews(
    rows: _Rows, profiles: CouncilProfiles, drawn: BoolArray, rng: np.random.Generator
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


def _add_reviews(rows: _Rows, la_code: str, days: IntArray, grades: npt.NDArray[Any]) -> None:
    """Add serious case review evaluations, named ``scr_<year>_<number in the year>``."""
    sequence: dict[int, int] = {}
    for day, grade in zip(days, grades, strict=True):
        year = _day(int(day)).year
        sequence[year] = sequence.get(year, 0) + 1
        name = f"scr_{year}_{sequence[year]:02d}"
        rows.add(la_code, CouncilInspectionKind.SCR_EVALUATION, int(day), name, int(grade))


def _apa_staying_safe(
    rows: _Rows, profiles: CouncilProfiles, drawn: BoolArray, rng: np.random.Generator
) -> None:
    """The 2008 APA staying safe judgement of every council, as an inspection grade."""
    days = random_weekdays(rng, *APA_2008_PERIOD, profiles.count)
    grades = _council_grades(profiles, _APA_MIX, 1, rng)[:, 0]
    for position in np.flatnonzero(drawn):
        rows.add(
            profiles.councils[position].la_code,
            CouncilInspectionKind.APA_STAYING_SAFE,
            int(days[position]),
            None,
            int(grades[position]),
        )


def _day(number: int) -> date:
    return date.fromordinal(date(1970, 1, 1).toordinal() + number)
