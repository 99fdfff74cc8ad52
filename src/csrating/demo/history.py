"""Four years of inspections of every setting: when each happened and what it found.

Each setting is inspected at its type's usual interval (schools about every three years,
children's homes about twice a year) from a random start, on weekdays between
:data:`WINDOW_START` and :data:`WINDOW_END`. Grades come from an ordered-probit model: a
latent quality made of the council's strength, the setting's own lasting quality and the
inspection's noise, cut at the points that give the type's national grade mix. Staying safe
and enjoying and achieving follow overall effectiveness closely for the types that carry them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from csrating.demo.council_profiles import CouncilProfiles
from csrating.demo.dates import WINDOW_END, WINDOW_START, day_number, to_weekday
from csrating.demo.facts import PublishedFacts
from csrating.demo.setting_specs import (
    OUTCOME_LOADING,
    PERSISTENCE,
    SETTING_SPECS,
    SettingSpec,
)
from csrating.demo.settings import Settings

IntArray = npt.NDArray[np.int64]
GradeArray = npt.NDArray[np.int8]
FloatArray = npt.NDArray[np.float64]

_MINIMUM_GAP_DAYS = 60


@dataclass
class InspectionHistory:
    """Every inspection, one entry per inspection in each per-row array.

    Rows are ordered by setting, then date. Grades are 1-4 (1 outstanding) and 0 where a
    judgement was not made. This is working state: building the seed councils sets their
    latest grades at the cut-off in place (:mod:`csrating.demo.seeds`).
    """

    setting: IntArray  # per row: position of the setting
    day: IntArray  # per row: days since 1970-01-01
    overall: GradeArray
    staying_safe: GradeArray
    enjoying_achieving: GradeArray
    latent: FloatArray  # per row: the latent quality behind the overall grade
    latest: IntArray  # per setting: row of its latest inspection on or before the cut-off, or -1

    def column(self, judgement: str) -> GradeArray:
        """Return the grades of ``judgement`` (a column name of ``inspections.csv``)."""
        columns = {
            "overall_effectiveness": self.overall,
            "staying_safe": self.staying_safe,
            "enjoying_achieving": self.enjoying_achieving,
        }
        return columns[judgement]


def build_history(
    settings: Settings,
    profiles: CouncilProfiles,
    facts: PublishedFacts,
    rng: np.random.Generator,
) -> InspectionHistory:
    """Draw every setting's inspections between :data:`WINDOW_START` and :data:`WINDOW_END`."""
    start, end, cut_off = (
        day_number(WINDOW_START),
        day_number(WINDOW_END),
        day_number(facts.cut_off),
    )
    late = _first_inspected_late(settings, profiles, facts)
    parts: list[tuple[IntArray, IntArray, GradeArray, GradeArray, GradeArray, FloatArray]] = []
    for type_position, spec in enumerate(SETTING_SPECS):
        members = np.flatnonzero(settings.type_index == type_position)
        if len(members) == 0:
            continue
        days, owner = _inspection_days(spec, members, late, settings, start, end, cut_off, rng)
        parts.append((owner, days, *_grades(spec, owner, members, settings, profiles, rng)))
    setting = np.concatenate([p[0] for p in parts])
    order = np.lexsort((np.concatenate([p[1] for p in parts]), setting))
    history = InspectionHistory(
        setting=setting[order],
        day=np.concatenate([p[1] for p in parts])[order],
        overall=np.concatenate([p[2] for p in parts])[order],
        staying_safe=np.concatenate([p[3] for p in parts])[order],
        enjoying_achieving=np.concatenate([p[4] for p in parts])[order],
        latent=np.concatenate([p[5] for p in parts])[order],
        latest=np.full(settings.count, -1, dtype=np.int64),
    )
    rows = np.flatnonzero(history.day <= cut_off)
    np.maximum.at(history.latest, history.setting[rows], rows)
    return history


def _first_inspected_late(
    settings: Settings, profiles: CouncilProfiles, facts: PublishedFacts
) -> npt.NDArray[np.bool_]:
    """Settings whose first inspection must fall after the cut-off, as the facts state."""
    late = np.zeros(settings.count, dtype=np.bool_)
    type_codes = [spec.type for spec in SETTING_SPECS]
    for council_facts in facts.councils:
        position = profiles.position(council_facts.la_code)
        for setting_type in council_facts.timing.first_inspected_after_cut_off:
            late |= (settings.council == position) & (
                settings.type_index == type_codes.index(setting_type)
            )
    return late


def _inspection_days(
    spec: SettingSpec,
    members: IntArray,
    late: npt.NDArray[np.bool_],
    settings: Settings,
    start: int,
    end: int,
    cut_off: int,
    rng: np.random.Generator,
) -> tuple[IntArray, IntArray]:
    """Inspection days of the settings ``members``, flattened, with the setting of each."""
    n = len(members)
    interval = spec.interval_years * 365.25
    before = cut_off - start
    first = rng.uniform(0.0, min(interval, before), n)
    new = (rng.random(n) < spec.registered_after_cut_off) & ~settings.pinned[members]
    new |= late[members]
    first[new] = rng.uniform(before + 1, end - start, int(new.sum()))
    columns = math.ceil((end - start) / (0.8 * interval)) + 1
    gaps = interval * (1.0 + 0.1 * rng.standard_normal((n, columns - 1)))
    gaps = np.maximum(gaps, max(_MINIMUM_GAP_DAYS, 0.6 * interval))
    offsets = np.concatenate([first[:, None], first[:, None] + np.cumsum(gaps, axis=1)], axis=1)
    offsets = np.floor(offsets).astype(np.int64)
    within = offsets <= end - start
    row, _ = np.nonzero(within)
    return to_weekday(start + offsets[within]), members[row]


def _grades(
    spec: SettingSpec,
    owner: IntArray,
    members: IntArray,
    settings: Settings,
    profiles: CouncilProfiles,
    rng: np.random.Generator,
) -> tuple[GradeArray, GradeArray, GradeArray, FloatArray]:
    """Grades of every inspection of ``members`` (``owner`` gives each row's setting)."""
    loading = spec.strength_loading
    lasting = math.sqrt(max(PERSISTENCE - loading**2, 0.0))
    noise = math.sqrt(1.0 - PERSISTENCE)
    own = np.zeros(settings.count)
    own[members] = rng.standard_normal(len(members)) * lasting
    strength = profiles.strength[settings.council[owner]]
    latent = -loading * strength + own[owner] + noise * rng.standard_normal(len(owner))
    cuts = np.array(spec.grades.cut_points())
    overall = grade_from_latent(latent, cuts)
    outcomes = []
    for shift in spec.outcome_shifts:
        if not spec.carries_outcomes:
            outcomes.append(np.zeros(len(owner), dtype=np.int8))
            continue
        spread = math.sqrt(1.0 - OUTCOME_LOADING**2)
        own_latent = OUTCOME_LOADING * latent + spread * rng.standard_normal(len(owner))
        outcomes.append(grade_from_latent(own_latent + shift, cuts))
    return overall, outcomes[0], outcomes[1], latent


def grade_from_latent(latent: FloatArray, cuts: FloatArray) -> GradeArray:
    """Cut latent qualities into grades 1-4 (a larger latent value is a worse grade)."""
    grades: GradeArray = (1 + np.searchsorted(cuts, latent)).astype(np.int8)
    return grades
