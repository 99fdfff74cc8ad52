"""Make Block A agree with the seed councils' published facts.

Applied after the random draw, in three steps, to each seed council in turn:

1. **Pins**: the pinned setting types get exactly the stated grades, given to the settings
   in order of their latent quality (so a setting's grades stay coherent over time).
2. **Shares**: a proportion of the council's own (unpinned) settings is moved into its
   stated range by changing the fewest latest grades one step.
3. **Comparisons**: where a proportion must compare in a stated way with similar areas or
   England, the council's own proportion is moved first (only if nothing else fixes it),
   then the comparators: neighbours' settings for similar areas, settings of councils that
   neither are seed councils nor neighbour one for England. Seed councils are never moved
   to suit another seed council.

Every change moves a latest grade one step across the boundary the measure counts (good to
satisfactory, satisfactory to good, ...), preferring the settings nearest that boundary.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from csrating.demo.council_profiles import CouncilProfiles
from csrating.demo.facts import (
    FACTS_FILE,
    Comparator,
    ComparisonFact,
    CouncilFacts,
    Judgement,
    Measure,
    PublishedFacts,
    ShareFact,
    resolve_grade_counts,
)
from csrating.demo.history import InspectionHistory
from csrating.demo.proportions import (
    SelectedRows,
    Selection,
    comparator_share,
    counted,
    select_rows,
    share,
    similar_areas_share,
)
from csrating.demo.setting_specs import SPEC_INDEX, pooled_mix
from csrating.demo.settings import Settings
from csrating.errors import BadValue, Problem
from csrating.vocabulary import SettingType

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]

MARGIN = 0.01
"""How far inside a stated range the generator aims (one percentage point)."""

_ROUNDS = 4
_TRANSITIONS: dict[tuple[Measure, bool], tuple[tuple[int, int], ...]] = {
    (Measure.GOOD_OR_BETTER, True): ((3, 2), (4, 2)),
    (Measure.GOOD_OR_BETTER, False): ((2, 3), (1, 3)),
    (Measure.INADEQUATE, True): ((3, 4),),
    (Measure.INADEQUATE, False): ((4, 3),),
}
"""Grade moves that put a setting into (True) or out of (False) what a measure counts."""


def fit_published_facts(
    settings: Settings,
    history: InspectionHistory,
    profiles: CouncilProfiles,
    facts: PublishedFacts,
    rng: np.random.Generator,
) -> None:
    """Change latest grades in ``history`` so Block A holds every seed council's facts."""
    fitter = _Fitter(settings, history, profiles, rng)
    for council_facts in facts.councils:
        for pinned in council_facts.pinned:
            counts = resolve_grade_counts(pinned, pooled_mix(pinned.setting_types))
            fitter.pin(council_facts, pinned.setting_types, counts.as_tuple())
    for council_facts in facts.councils:
        for share_fact in council_facts.shares:
            fitter.fit_share(council_facts, share_fact)
    for _ in range(_ROUNDS):
        for council_facts in facts.councils:
            for comparison in council_facts.comparisons:
                for selection in comparison_selections(comparison):
                    fitter.fit_comparison(council_facts, comparison, selection)


def comparison_selections(comparison: ComparisonFact) -> tuple[Selection, ...]:
    """The separate proportions a comparison is about (one per type and judgement if per type)."""
    groups = (
        tuple((t,) for t in comparison.setting_types)
        if comparison.per_type
        else (comparison.setting_types,)
    )
    return tuple(
        Selection(group, judgement, comparison.measure)
        for group in groups
        for judgement in comparison.judgements
    )


def shrink(low: float, high: float) -> tuple[float, float]:
    """Narrow ``[low, high]`` by :data:`MARGIN` at each end that is not 0 or 1."""
    inner_low = low + MARGIN if low > 0.0 else low
    inner_high = high - MARGIN if high < 1.0 else high
    if inner_low > inner_high:
        middle = (low + high) / 2
        return middle, middle
    return inner_low, inner_high


class _Fitter:
    """Holds the arrays being fitted and the moves that change them."""

    def __init__(
        self,
        settings: Settings,
        history: InspectionHistory,
        profiles: CouncilProfiles,
        rng: np.random.Generator,
    ) -> None:
        self.settings = settings
        self.history = history
        self.profiles = profiles
        self.rng = rng
        near_seed = np.zeros(profiles.count, dtype=np.bool_)
        for position in profiles.seed_positions():
            near_seed[position] = True
            near_seed[profiles.neighbour_index[position]] = True
        self.england_pool = ~near_seed
        self._selected: dict[Selection, SelectedRows] = {}

    def pin(
        self,
        council_facts: CouncilFacts,
        setting_types: tuple[SettingType, ...],
        counts: tuple[int, int, int, int],
    ) -> None:
        """Give the council's settings of ``setting_types`` exactly ``counts`` of grades 1-4."""
        position = self.profiles.position(council_facts.la_code)
        type_positions = [SPEC_INDEX[t] for t in setting_types]
        members = np.flatnonzero(
            (self.settings.council == position) & np.isin(self.settings.type_index, type_positions)
        )
        rows = self.history.latest[members]
        if (rows < 0).any() or len(rows) != sum(counts):
            problem = Problem(
                FACTS_FILE,
                None,
                "pinned",
                ", ".join(t.value for t in setting_types),
                f"are pinned for {council_facts.name} but not all inspected by the cut-off",
            )
            raise BadValue([problem])
        grades = np.repeat(np.arange(1, 5, dtype=np.int8), counts)
        ordered = rows[np.argsort(self.history.latent[rows], kind="stable")]
        self.history.overall[ordered] = grades

    def fit_share(self, council_facts: CouncilFacts, fact: ShareFact) -> None:
        """Move the council's own proportion into the fact's range."""
        selected = self._select(Selection(fact.setting_types, fact.judgement, fact.measure))
        position = self.profiles.position(council_facts.la_code)
        own = selected.council == position
        self._move_own_into(selected, own, shrink(fact.low, fact.high))

    def fit_comparison(
        self, council_facts: CouncilFacts, fact: ComparisonFact, selection: Selection
    ) -> None:
        """Make one proportion compare with similar areas and England as the fact states."""
        selected = self._select(selection)
        position = self.profiles.position(council_facts.la_code)
        if self._own_is_free(council_facts, selection):
            self._move_own_towards(selected, position, fact)
        hits, graded = selected.hits_and_graded(self.profiles.count)
        own_share = share(hits, graded, position)
        if own_share is None:
            return
        band = shrink(
            max(0.0, own_share - fact.high / 100.0), min(1.0, own_share - fact.low / 100.0)
        )
        if Comparator.SIMILAR_AREAS in fact.against:
            self._fit_similar_areas(selected, position, band)
        if Comparator.ENGLAND in fact.against:
            self._fit_england(selected, band)

    # -- internals ------------------------------------------------------------------------

    def _select(self, selection: Selection) -> SelectedRows:
        """The selection's rows (latest inspections do not move while grades are fitted)."""
        if selection not in self._selected:
            self._selected[selection] = select_rows(selection, self.settings, self.history)
        return self._selected[selection]

    def _own_is_free(self, council_facts: CouncilFacts, selection: Selection) -> bool:
        """Whether the council's own proportion is not already fixed by a pin or share fact."""
        if selection.judgement is not Judgement.OVERALL_EFFECTIVENESS:
            return True
        types = set(selection.setting_types)
        if types & council_facts.pinned_types():
            return False
        return not any(
            s.judgement is selection.judgement and types & set(s.setting_types)
            for s in council_facts.shares
        )

    def _move_own_towards(
        self, selected: SelectedRows, position: int, fact: ComparisonFact
    ) -> None:
        hits, graded = selected.hits_and_graded(self.profiles.count)
        if not graded[position]:
            return
        comparators = [
            value
            for comparator in fact.against
            if (value := comparator_share(comparator, hits, graded, self.profiles, position))
            is not None
        ]
        if not comparators:
            return
        low = max(c + fact.low / 100.0 for c in comparators)
        high = min(c + fact.high / 100.0 for c in comparators)
        low, high = shrink(max(low, 0.0), min(high, 1.0))
        own = share(hits, graded, position)
        if own is None or low <= own <= high:
            return
        middle = sum(comparators) / len(comparators)
        target = min(max(middle, low), high) if low <= high else middle
        self._move_own_into(selected, selected.council == position, (target, target))

    def _move_own_into(
        self, selected: SelectedRows, own: BoolArray, band: tuple[float, float]
    ) -> None:
        grade = selected.grades[selected.rows[own]]
        graded = int((grade > 0).sum())
        if not graded:
            return
        hits = int(counted(grade, selected.selection.measure).sum())
        low_hits, high_hits = (
            math.ceil(band[0] * graded - 1e-9),
            math.floor(band[1] * graded + 1e-9),
        )
        if low_hits > high_hits:  # no whole number of settings fits: take the nearest
            low_hits = high_hits = round((band[0] + band[1]) / 2 * graded)
        if hits < low_hits:
            self._move(selected, own, True, low_hits - hits, prefer_boundary=True)
        elif hits > high_hits:
            self._move(selected, own, False, hits - high_hits, prefer_boundary=True)

    def _fit_similar_areas(
        self, selected: SelectedRows, position: int, band: tuple[float, float]
    ) -> None:
        neighbours = self.profiles.neighbour_index[position]
        selected = selected.restricted(np.isin(selected.council, neighbours))
        movable = [int(n) for n in neighbours if not self.profiles.seed[n]]
        rows_of = {n: selected.council == n for n in movable}
        for _ in range(60):
            hits, graded = selected.hits_and_graded(self.profiles.count)
            value = similar_areas_share(hits, graded, self.profiles, position)
            if value is None or band[0] <= value <= band[1]:
                return
            up = value < band[0]
            present = int((graded[neighbours] > 0).sum())
            candidates = [n for n in movable if graded[n] > 0]
            if not candidates:
                return
            wanted = (band[0] if up else band[1]) - value  # change in the mean
            each = abs(wanted) * present / len(candidates)  # change in each neighbour's share
            moved = 0
            for n in candidates:
                steps = int(each * graded[n])
                if steps:
                    moved += self._move(selected, rows_of[n], up, steps, prefer_boundary=True)
            if moved:
                continue
            room = (band[1] - value) if up else (value - band[0])
            for n in self._single_step_order(candidates, graded, present, room):
                if self._move(selected, rows_of[n], up, 1, prefer_boundary=True):
                    moved = 1
                    break
            if not moved:
                return

    @staticmethod
    def _single_step_order(
        candidates: list[int], graded: IntArray, present: int, room: float
    ) -> list[int]:
        """Neighbours to move one setting in, the largest step that stays in the band first."""
        step = {n: 1.0 / (present * graded[n]) for n in candidates}
        fitting = sorted((n for n in candidates if step[n] <= room), key=lambda n: (-step[n], n))
        others = sorted((n for n in candidates if step[n] > room), key=lambda n: (step[n], n))
        return fitting + others

    def _fit_england(self, selected: SelectedRows, band: tuple[float, float]) -> None:
        eligible = self.england_pool[selected.council]
        for _ in range(3):
            hits, graded = selected.hits_and_graded(self.profiles.count)
            total = int(graded.sum())
            if not total:
                return
            value = hits.sum() / total
            if band[0] <= value <= band[1]:
                return
            up = value < band[0]
            target = band[0] if up else band[1]
            steps = math.ceil(abs(target - value) * total)
            if not self._move(selected, eligible, up, steps, prefer_boundary=False):
                return

    def _move(
        self,
        selected: SelectedRows,
        eligible: BoolArray,
        up: bool,
        count: int,
        *,
        prefer_boundary: bool,
    ) -> int:
        """Move up to ``count`` eligible settings into (``up``) or out of the measure."""
        moved = 0
        overall = selected.selection.judgement is Judgement.OVERALL_EFFECTIVENESS
        for source, target in _TRANSITIONS[(selected.selection.measure, up)]:
            if moved >= count:
                break
            grade = selected.grades[selected.rows]
            candidates = eligible & (grade == source)
            if overall:
                candidates &= ~selected.pinned
            found = np.flatnonzero(candidates)
            if not len(found):
                continue
            key = self._preference(selected, found, up, target, overall, prefer_boundary)
            order = np.lexsort((self.rng.random(len(found)), key))
            chosen = found[order[: count - moved]]
            selected.grades[selected.rows[chosen]] = target
            moved += len(chosen)
        return moved

    def _preference(
        self,
        selected: SelectedRows,
        found: IntArray,
        up: bool,
        target: int,
        overall: bool,
        prefer_boundary: bool,
    ) -> npt.NDArray[np.float64]:
        """Sort key: settings whose other evidence agrees with the move come first."""
        rows = selected.rows[found]
        if overall:
            if not prefer_boundary:
                return np.zeros(len(found))
            latent = self.history.latent[rows]
            return latent if up else -latent
        distance = np.abs(self.history.overall[rows].astype(np.float64) - target)
        return distance
