"""Build each seed council's grades at the cut-off from its published facts, and check them.

The nation is drawn first, seed councils included: their numbers of pinned settings, their
strength and the timing of their first inspections come from the facts, and no council's
draw is changed afterwards except the seed councils' own grades at the cut-off (each
setting's latest inspection on or before it), which are built from targets:

* **pinned** - exact counts of each grade over the types pinned together;
* **shares** - a range for the proportion a measure counts over some types;
* **comparisons** - a range for the council's own proportion, read off its similar areas
  (the mean of its neighbours' proportions) and England as drawn.

Targets are counts of settings. Where a fact leaves room the builder keeps the count the
council's own profile drew, moved only as far as the facts require (:data:`MARGIN` inside a
range where whole numbers allow; where they cannot meet every fact, a comparison gives way
to a stated share). Grades go to settings in order of their drawn latent quality, so each
setting's grades stay coherent over time. Seed councils that neighbour one another read
each other's built figures, so the builder goes over them twice.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from csrating.demo.council_profiles import CouncilProfiles, GradeArray, IntArray
from csrating.demo.facts import (
    Comparator,
    Comparison,
    CouncilFacts,
    Judgement,
    Measure,
    PublishedFacts,
    Share,
)
from csrating.demo.history import InspectionHistory
from csrating.demo.setting_specs import SETTING_SPECS, SPEC_INDEX, pooled_mix
from csrating.demo.settings import Settings
from csrating.vocabulary import SettingType

MARGIN = 0.01
"""How far inside a stated range the builder aims, as a proportion (one percentage point)."""

JUDGEMENTS = tuple(Judgement)
"""The judgement axis of a grade-count cube."""

COUNTED = {Measure.GOOD_OR_BETTER: [1, 2], Measure.INADEQUATE: [4]}
"""The grades each measure counts."""


def build_seed_councils(
    settings: Settings, history: InspectionHistory, profiles: CouncilProfiles, facts: PublishedFacts
) -> None:
    """Give every seed council's latest grades at the cut-off the counts its facts set."""
    cube = grade_counts(settings, history, profiles.count)
    for _ in range(2):
        for council in facts.councils:
            seed = _Seed(council, settings, history, profiles)
            seed.pin()
            for judgement in Judgement:
                seed.build(judgement, cube)
            own = grade_counts(settings, history, profiles.count, only=seed.position)
            cube[seed.position] = own[seed.position]


def unmet_block_a(
    settings: Settings, history: InspectionHistory, profiles: CouncilProfiles, facts: PublishedFacts
) -> list[str]:
    """Return a line for every Block A fact of a seed council that the data do not meet."""
    cube = grade_counts(settings, history, profiles.count)
    return [
        line for c in facts.councils for line in _Seed(c, settings, history, profiles).unmet(cube)
    ]


def grade_counts(
    settings: Settings, history: InspectionHistory, councils: int, only: int | None = None
) -> IntArray:
    """Count latest grades as ``cube[council, type, judgement, grade - 1]`` (only council
    ``only``'s settings when given)."""
    cube = np.zeros((councils, len(SETTING_SPECS), len(JUDGEMENTS), 4), dtype=np.int64)
    chosen = history.latest >= 0
    if only is not None:
        chosen &= settings.council == only
    members = np.flatnonzero(chosen)
    for j, judgement in enumerate(JUDGEMENTS):
        grade = history.grades[judgement][history.latest[members]].astype(np.int64)
        graded = grade > 0
        council, kind = settings.council[members][graded], settings.type_index[members][graded]
        np.add.at(cube, (council, kind, np.full_like(kind, j), grade[graded] - 1), 1)
    return cube


@dataclass(frozen=True)
class Target:
    """A range for the proportion a measure counts over some of a council's setting types."""

    fact: Share | Comparison
    types: tuple[SettingType, ...]  # the setting types the proportion covers
    low: float
    high: float


@dataclass(frozen=True)
class _Wanted:
    """A target as a range for the count of the types the builder grades (``members``)."""

    target: Target
    members: tuple[SettingType, ...]
    graded: int  # settings graded among all the target's types
    fixed: int  # settings counted among its other types

    def counts(self, margin: float) -> tuple[int, int]:
        """The members' count range, ``margin`` inside the proportions where whole numbers
        allow (else the count nearest the middle)."""
        low, high = self.target.low, self.target.high
        inner_low = low + margin if low > 0.0 else low
        inner_high = high - margin if high < 1.0 else high
        least = math.ceil(max(inner_low, 0.0) * self.graded - 1e-9)
        most = math.floor(min(inner_high, 1.0) * self.graded + 1e-9)
        if least > most:
            least = most = min(max(round((low + high) / 2 * self.graded), 0), self.graded)
        return least - self.fixed, most - self.fixed


class _Seed:
    """One seed council's latest inspection rows, and the targets its facts set for them."""

    def __init__(
        self,
        council: CouncilFacts,
        settings: Settings,
        history: InspectionHistory,
        profiles: CouncilProfiles,
    ) -> None:
        self.council = council
        self.position = profiles.position(council.la_code)
        self.neighbours = profiles.neighbour_index[self.position]
        self.history = history
        own = np.flatnonzero(settings.council == self.position)
        self.settings = np.bincount(settings.type_index[own], minlength=len(SETTING_SPECS))
        own = own[history.latest[own] >= 0]
        kinds = settings.type_index[own]
        self.rows = {s.type: history.latest[own[kinds == t]] for t, s in enumerate(SETTING_SPECS)}
        self.pinned = set(council.pinned_totals)

    def pin(self) -> None:
        """Give the pinned types exactly the stated grades, best latent quality first."""
        overall = self.history.grades[Judgement.OVERALL_EFFECTIVENESS]
        for pinned in self.council.pinned:
            rows = np.concatenate([self.rows[t] for t in pinned.setting_types])
            if len(rows) == pinned.total:  # otherwise not all inspected: unmet() says so
                counts = pinned.grade_counts(pooled_mix(pinned.setting_types))
                order = rows[np.argsort(self.history.latent[rows], kind="stable")]
                overall[order] = np.repeat(np.arange(1, 5, dtype=np.int8), counts)

    def build(self, judgement: Judgement, cube: IntArray) -> None:
        """Grade the free types of ``judgement`` with counts that meet every fact."""
        column = self.history.grades[judgement]
        free = [k for k, rows in self.rows.items() if len(rows) and (column[rows] > 0).all()]
        if judgement is Judgement.OVERALL_EFFECTIVENESS:
            free = [k for k in free if k not in self.pinned]
        chosen: dict[Measure, dict[SettingType, int]] = {}
        for measure in Measure:
            drawn = {k: self._hits(column, (k,), measure) for k in free}
            taken = chosen.get(Measure.GOOD_OR_BETTER, {})
            room = {k: len(self.rows[k]) - taken.get(k, 0) for k in free}
            wanted = []
            for target in self.targets(judgement, measure, cube):
                members = tuple(k for k in target.types if k in free)
                if members:  # where every type is pinned, unmet() checks the fact
                    graded = self._graded(column, target.types)
                    fixed = self._hits(column, target.types, measure)
                    fixed -= self._hits(column, members, measure)
                    wanted.append(_Wanted(target, members, graded, fixed))
            chosen[measure] = _choose(drawn, room, wanted)
        for k in free:
            rows = self.rows[k]
            if judgement is Judgement.OVERALL_EFFECTIVENESS:
                order = rows[np.argsort(self.history.latent[rows], kind="stable")]
            else:
                order = rows[np.lexsort((self.history.latent[rows], column[rows]))]
            good, bad = chosen[Measure.GOOD_OR_BETTER][k], chosen[Measure.INADEQUATE][k]
            rank, drawn_grades = np.arange(len(order)), column[order]
            column[order] = np.where(
                rank < good,
                np.where(drawn_grades == 1, 1, 2),  # outstanding where drawn so
                np.where(rank >= len(order) - min(bad, len(order) - good), 4, 3),
            ).astype(np.int8)

    def targets(self, judgement: Judgement, measure: Measure, cube: IntArray) -> Iterator[Target]:
        """Every share and comparison about ``judgement`` and ``measure`` as a target."""
        for share in self.council.shares:
            if share.judgement is judgement and share.measure is measure:
                yield Target(share, share.setting_types, *share.range)
        for comparison in self.council.comparisons:
            for types, selected in comparison.selections():
                if selected is judgement and comparison.measure is measure:
                    low, high = self._compared(comparison, types, judgement, cube)
                    yield Target(comparison, types, low, high)

    def unmet(self, cube: IntArray) -> Iterator[str]:
        """Say which of the council's Block A facts the grades now do not meet."""
        name = self.council.name
        for pinned in self.council.pinned:
            types = [SPEC_INDEX[t] for t in pinned.setting_types]
            found = [int(self.settings[t]) for t in types]
            grades = [int(n) for n in cube[self.position, types, 0, :].sum(axis=0)]
            stated = (pinned.outstanding, pinned.good, pinned.satisfactory, pinned.inadequate)
            wrong = found != list(pinned.totals) or sum(grades) != pinned.total
            wrong |= any(s is not None and s != g for s, g in zip(stated, grades, strict=True))
            wrong |= pinned.good_or_better not in (None, grades[0] + grades[1])
            if wrong:
                yield f"{name}: {pinned.says} ({found} settings, grades {grades})"
        failures: dict[int, list[str]] = {}
        for judgement in Judgement:
            column = self.history.grades[judgement]
            for measure in Measure:
                for target in self.targets(judgement, measure, cube):
                    fact, graded = target.fact, self._graded(column, target.types)
                    if not graded or (isinstance(fact, Comparison) and graded < fact.min_settings):
                        continue
                    value = self._hits(column, target.types, measure) / graded
                    if not target.low - 1e-9 <= value <= target.high + 1e-9:
                        covered = " + ".join(t.value for t in target.types)
                        failures.setdefault(id(fact), []).append(
                            f"{name}: {measure.value} {judgement.value} of {covered} is "
                            f"{value:.1%}, not {target.low:.1%} to {target.high:.1%}: {fact.says}"
                        )
        for share in self.council.shares:
            yield from failures.get(id(share), [])
        for comparison in self.council.comparisons:
            lines = failures.get(id(comparison), [])
            if len(lines) > comparison.allowed_exceptions:
                yield from lines
        for setting_type in self.council.timing.first_inspected_after_cut_off:
            if len(self.rows[setting_type]) or not self.settings[SPEC_INDEX[setting_type]]:
                yield f"{name}: {setting_type.value}: {self.council.timing.says}"

    def _hits(self, column: GradeArray, types: tuple[SettingType, ...], measure: Measure) -> int:
        return sum(int(np.isin(column[self.rows[t]], COUNTED[measure]).sum()) for t in types)

    def _graded(self, column: GradeArray, types: tuple[SettingType, ...]) -> int:
        return sum(int((column[self.rows[t]] > 0).sum()) for t in types)

    def _compared(
        self,
        comparison: Comparison,
        types: tuple[SettingType, ...],
        judgement: Judgement,
        cube: IntArray,
    ) -> tuple[float, float]:
        """The range of the council's own proportion that compares as ``comparison`` says."""
        grades = cube[:, [SPEC_INDEX[t] for t in types], JUDGEMENTS.index(judgement)].sum(axis=1)
        hits = grades[:, [grade - 1 for grade in COUNTED[comparison.measure]]].sum(axis=1)
        graded = grades.sum(axis=1)
        low, high = comparison.difference[0] / 100.0, comparison.difference[1] / 100.0
        own = int(graded[self.position])
        least, most = 0.0, 1.0
        for comparator in comparison.against:
            if comparator is Comparator.SIMILAR_AREAS:
                present = self.neighbours[graded[self.neighbours] > 0]
                if len(present):
                    level = float(np.mean(hits[present] / graded[present]))
                    least, most = max(least, level + low), min(most, level + high)
            elif own and graded.sum() > own:
                # England pools the council's own settings too: own - (others + own) / all
                others = int(graded.sum()) - own
                base = int(hits.sum() - hits[self.position]) / (others + own)
                scale = (others + own) / others
                least, most = max(least, (low + base) * scale), min(most, (high + base) * scale)
        return least, most


def _choose(
    drawn: dict[SettingType, int], room: dict[SettingType, int], wanted: list[_Wanted]
) -> dict[SettingType, int]:
    """Counts per free type that meet every wanted range, :data:`MARGIN` inside where
    possible; where the counts cannot meet them all, comparisons give way to stated shares."""
    margins = dict.fromkeys(range(len(wanted)), MARGIN)
    while True:
        ranges = {i: (wanted[i].members, *wanted[i].counts(m)) for i, m in margins.items()}
        bounds = {k: (0, room[k]) for k in drawn}
        for members, least, most in ranges.values():
            if len(members) == 1:
                low, high = bounds[members[0]]
                bounds[members[0]] = (min(max(least, low), high), max(min(most, high), low))
        groups = [r for r in ranges.values() if len(r[0]) > 1]
        value = _allocate(drawn, bounds, groups)
        missed = [
            i for i, (m, lo, hi) in ranges.items() if not lo <= sum(value[k] for k in m) <= hi
        ]
        if any(margins[i] for i in missed):
            margins.update(dict.fromkeys(missed, 0.0))
            continue
        shares = [wanted[i] for i in missed if isinstance(wanted[i].target.fact, Share)]
        crossed = {k for w in shares for k in w.members}
        giving_way = [
            i
            for i in margins
            if isinstance(wanted[i].target.fact, Comparison) and crossed & set(wanted[i].members)
        ]
        if not giving_way:
            return value
        for i in giving_way:
            del margins[i]


def _allocate(
    drawn: dict[SettingType, int],
    bounds: dict[SettingType, tuple[int, int]],
    groups: list[tuple[tuple[SettingType, ...], int, int]],
) -> dict[SettingType, int]:
    """Counts per type within their bounds and every group's range, each as near the drawn
    count as the ranges allow; a group's shortfall goes one setting at a time to the member
    with the most room."""
    value = {k: min(max(drawn[k], bounds[k][0]), bounds[k][1]) for k in drawn}
    for _ in range(4 * len(groups) + 1):
        moved = False
        for members, least, most in groups:
            while (total := sum(value[k] for k in members)) < least or total > most:
                up = total < least
                room = {
                    k: bounds[k][1] - value[k] if up else value[k] - bounds[k][0] for k in members
                }
                roomiest = max(members, key=room.__getitem__)
                if room[roomiest] <= 0:
                    break
                value[roomiest] += 1 if up else -1
                moved = True
        if not moved:
            break
    return value
