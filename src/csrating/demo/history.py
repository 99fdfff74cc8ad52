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

from csrating.demo.council_profiles import CouncilProfiles, FloatArray, GradeArray, IntArray
from csrating.demo.dates import WINDOW_END, WINDOW_START, day_number, to_weekday
from csrating.demo.facts import Judgement, PublishedFacts
from csrating.demo.setting_specs import (
    OUTCOME_LOADING,
    PERSISTENCE,
    SETTING_SPECS,
    SPEC_INDEX,
    SettingSpec,
)
from csrating.demo.settings import Settings

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
    grades: dict[Judgement, GradeArray]  # per judgement, per row
    latent: FloatArray  # per row: the latent quality behind the overall grade
    latest: IntArray  # per setting: row of its latest inspection on or before the cut-off, or -1


def build_history(
    settings: Settings,
    profiles: CouncilProfiles,
    facts: PublishedFacts,
    rng: np.random.Generator,
) -> InspectionHistory:
    """Draw every setting's inspections between :data:`WINDOW_START` and :data:`WINDOW_END`."""
    cut_off = day_number(facts.cut_off)
    late = np.zeros(settings.count, dtype=np.bool_)  # first inspected after the cut-off
    for council_facts in facts.councils:
        own = settings.council == profiles.position(council_facts.la_code)
        for setting_type in council_facts.timing.first_inspected_after_cut_off:
            late |= own & (settings.type_index == SPEC_INDEX[setting_type])
    parts = []
    for type_position, spec in enumerate(SETTING_SPECS):
        members = np.flatnonzero(settings.type_index == type_position)
        if len(members) == 0:
            continue
        days, owner = _inspection_days(spec, members, late, settings, cut_off, rng)
        parts.append((owner, days, *_grades(spec, owner, members, settings, profiles, rng)))
    setting, day, grades, latent = (np.concatenate(p, axis=-1) for p in zip(*parts, strict=True))
    order = np.lexsort((day, setting))
    history = InspectionHistory(
        setting=setting[order],
        day=day[order],
        grades=dict(zip(Judgement, grades[:, order], strict=True)),
        latent=latent[order],
        latest=np.full(settings.count, -1, dtype=np.int64),
    )
    rows = np.flatnonzero(history.day <= cut_off)
    np.maximum.at(history.latest, history.setting[rows], rows)
    return history


def _inspection_days(
    spec: SettingSpec,
    members: IntArray,
    late: npt.NDArray[np.bool_],
    settings: Settings,
    cut_off: int,
    rng: np.random.Generator,
) -> tuple[IntArray, IntArray]:
    """Inspection days of the settings ``members``, flattened, with the setting of each."""
    start, end = day_number(WINDOW_START), day_number(WINDOW_END)
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
) -> tuple[GradeArray, FloatArray]:
    """Grades of every inspection of ``members`` (``owner`` gives each row's setting), one
    row per judgement, and the latent quality behind the overall grade."""
    loading = spec.strength_loading
    lasting = math.sqrt(max(PERSISTENCE - loading**2, 0.0))
    noise = math.sqrt(1.0 - PERSISTENCE)
    own = np.zeros(settings.count)
    own[members] = rng.standard_normal(len(members)) * lasting
    strength = profiles.strength[settings.council[owner]]
    latent = -loading * strength + own[owner] + noise * rng.standard_normal(len(owner))
    cuts = np.array(spec.grades.cut_points())
    grades = [grade_from_latent(latent, cuts)]
    for shift in spec.outcome_shifts:
        if not spec.carries_outcomes:
            grades.append(np.zeros(len(owner), dtype=np.int8))
            continue
        spread = math.sqrt(1.0 - OUTCOME_LOADING**2)
        own_latent = OUTCOME_LOADING * latent + spread * rng.standard_normal(len(owner))
        grades.append(grade_from_latent(own_latent + shift, cuts))
    return np.stack(grades), latent


def grade_from_latent(latent: FloatArray, cuts: FloatArray) -> GradeArray:
    """Cut latent qualities into grades 1-4 (a larger latent value is a worse grade)."""
    grades: GradeArray = (1 + np.searchsorted(cuts, latent)).astype(np.int8)
    return grades
