"""Make the seed councils' indicators compare with similar areas and England as published.

For each seed council every catalogue indicator gets a planned relation for the latest period:

* **in line** - within the tolerance of both the similar-areas mean and England;
* **clearly worse** - worse than the similar-areas mean by at least the margin;
* **apart** - 6-9% better or worse than similar areas (not in line, not clearly worse).

The plan meets the letter's figures (the share in line, the number clearly worse in an
outcome, vulnerable-group gaps in line), preferring indicators whose rounding leaves room to be
in line. The neighbours' values are drawn first; then, until nothing changes, each seed
council's value is set from them, and for an indicator in line the seed's own neighbours (those
no other seed council shares) are moved together so their mean meets England.
"""

from __future__ import annotations

import math
from enum import Enum

import numpy as np
import numpy.typing as npt

from csrating.demo.council_profiles import CouncilProfiles
from csrating.demo.facts import CouncilFacts, IndicatorFacts, PublishedFacts
from csrating.demo.indicator_values import (
    PERIODS,
    IndicatorValues,
    level_for,
    load_indicator_levels,
    round_array,
    round_value,
    typical_value,
)
from csrating.reference import Indicator

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

_ROUNDING_ROOM = 0.008
"""An indicator can be planned in line if one rounding step is at most this share of its value."""

_CLEARLY_WORSE_BY = 0.15
_APART_BY = (0.06, 0.09)
"""How far an indicator planned apart lies from similar areas: clear of an in-line tolerance
anywhere from 1% to 5%, and short of the 10% that makes it clearly worse."""
_ITERATIONS = 30


class Relation(Enum):
    """How a seed council's value is planned to compare."""

    IN_LINE = "in_line"
    CLEARLY_WORSE = "clearly_worse"
    APART = "apart"


def fit_seed_indicators(
    values: IndicatorValues,
    profiles: CouncilProfiles,
    facts: PublishedFacts,
    rng: np.random.Generator,
) -> None:
    """Set the seed councils' latest values (and their neighbours') to meet their facts."""
    plans: list[tuple[int, IndicatorFacts, list[Relation], FloatArray]] = []
    for council_facts in facts.councils:
        if council_facts.indicators is None:
            continue
        position = profiles.position(council_facts.la_code)
        relations = plan_relations(values.indicators, council_facts, profiles, position, rng)
        better_share = 0.5 + 0.2 * math.tanh(council_facts.strength)
        sign = np.where(rng.random(len(relations)) < better_share, 1.0, -1.0)
        apart = rng.uniform(*_APART_BY, len(relations)) * sign
        plans.append((position, council_facts.indicators, relations, apart))
    latest = PERIODS.index(PERIODS[-1])
    for _ in range(_ITERATIONS):
        changed = False
        for position, _facts, relations, apart in plans:
            own = _own_neighbours(profiles, position)
            for j, relation in enumerate(relations):
                target = _target(values, profiles, position, own, j, relation, apart[j], latest)
                changed |= _settle(values, profiles, facts, position, j, relation, target, latest)
        if not changed:
            break
    for position, indicator_facts, _relations, _apart in plans:
        if indicator_facts.vulnerable_gap_improving:
            _improve_gaps(values, position, rng)


def plan_relations(
    indicators: tuple[Indicator, ...],
    council_facts: CouncilFacts,
    profiles: CouncilProfiles,
    position: int,
    rng: np.random.Generator,
) -> list[Relation]:
    """Decide which of the council's indicators are in line, clearly worse or apart."""
    facts = council_facts.indicators
    assert facts is not None
    levels = load_indicator_levels()
    size = float(profiles.size[position])
    roomy = [
        10.0**-ind.decimals / typical_value(ind, level_for(ind, levels), size) <= _ROUNDING_ROOM
        for ind in indicators
    ]
    relations = [Relation.APART] * len(indicators)
    required = [
        j for j, ind in enumerate(indicators) if facts.vulnerable_gap_in_line and ind.vulnerable_gap
    ]
    for j in required:
        relations[j] = Relation.IN_LINE
    worse = facts.clearly_worse
    if worse is not None:
        pool = [
            j
            for j, ind in enumerate(indicators)
            if ind.outcome is worse.outcome
            and (worse.include_vulnerable_gap or not ind.vulnerable_gap)
            and relations[j] is Relation.APART
        ]
        shuffled = [pool[k] for k in rng.permutation(len(pool))]
        ordered = [j for j in shuffled if not roomy[j]] + [j for j in shuffled if roomy[j]]
        for j in ordered[: worse.count]:
            relations[j] = Relation.CLEARLY_WORSE
    wanted = round(facts.in_line_share * len(indicators)) - len(required)
    free = [j for j in rng.permutation(len(indicators)) if relations[j] is Relation.APART]
    preferred = [j for j in free if roomy[j] and indicators[j].outcome in facts.prefer_in_line]
    others = [j for j in free if roomy[j] and indicators[j].outcome not in facts.prefer_in_line]
    for j in (preferred + others)[: max(wanted, 0)]:
        relations[int(j)] = Relation.IN_LINE
    return relations


def _own_neighbours(profiles: CouncilProfiles, position: int) -> IntArray:
    """The council's neighbours that are not seed councils nor another seed's neighbours."""
    others = {
        int(n)
        for seed in profiles.seed_positions()
        if seed != position
        for n in profiles.neighbour_index[seed]
    }
    mine = [int(n) for n in profiles.neighbour_index[position] if not profiles.seed[n]]
    own = [n for n in mine if n not in others]
    return np.array(own or mine, dtype=np.int64)


def _target(
    values: IndicatorValues,
    profiles: CouncilProfiles,
    position: int,
    own: IntArray,
    j: int,
    relation: Relation,
    apart: float,
    period: int,
) -> float:
    """The value the plan asks for; for an indicator in line, first bring similar areas to
    England by moving the council's own neighbours together."""
    indicator = values.indicators[j]
    column = values.values[period, :, j]
    neighbours = profiles.neighbour_index[position]
    similar = float(np.nanmean(column[neighbours]))
    better = 1.0 if indicator.higher_is_better else -1.0
    if relation is Relation.IN_LINE:
        england = values.england(period, j)
        if abs(similar - england) > 0.0025 * abs(england):
            shift = (england - similar) * len(neighbours) / len(own)
            column[own] = _clip(indicator, round_array(column[own] + shift, indicator.decimals))
            similar = float(np.nanmean(column[neighbours]))
            england = values.england(period, j)
        target = (similar + england) / 2
    elif relation is Relation.CLEARLY_WORSE:
        target = similar * (1.0 - better * _CLEARLY_WORSE_BY)
    else:
        target = similar * (1.0 + better * apart)
        if indicator.unit == "percent" and not 0.0 <= target <= 100.0:
            target = similar * (1.0 - better * apart)
    return float(_clip(indicator, np.array([round_value(target, indicator.decimals)]))[0])


def _clip(indicator: Indicator, array: FloatArray) -> FloatArray:
    upper = 100.0 if indicator.unit == "percent" else np.inf
    clipped: FloatArray = np.clip(array, 0.0, upper)
    return clipped


def relation_of(
    value: float, similar: float, england: float, indicator: Indicator, facts: PublishedFacts
) -> Relation:
    """How a value compares: in line with both, clearly worse than similar areas, or apart."""
    tolerance = facts.in_line_tolerance
    if abs(value - similar) < tolerance * abs(similar) and abs(value - england) < tolerance * abs(
        england
    ):
        return Relation.IN_LINE
    better = 1.0 if indicator.higher_is_better else -1.0
    if (similar - value) * better >= facts.clearly_worse_margin * abs(similar):
        return Relation.CLEARLY_WORSE
    return Relation.APART


def _settle(
    values: IndicatorValues,
    profiles: CouncilProfiles,
    facts: PublishedFacts,
    position: int,
    j: int,
    relation: Relation,
    value: float,
    period: int,
) -> bool:
    """Store ``value``, stepping it a rounding unit at a time until its planned relation holds
    (rounding can leave a small count in line or an apart value clearly worse).

    Returns:
        Whether the stored value changed.
    """
    indicator = values.indicators[j]
    column = values.values[period, :, j]
    before = column[position]
    column[position] = value
    step = 10.0**-indicator.decimals
    better = 1.0 if indicator.higher_is_better else -1.0
    neighbours = profiles.neighbour_index[position]
    for _ in range(20):
        similar = float(np.nanmean(column[neighbours]))
        actual = relation_of(column[position], similar, values.england(period, j), indicator, facts)
        if actual is relation or relation is Relation.IN_LINE:
            break
        if relation is Relation.CLEARLY_WORSE:
            direction = -better
        elif actual is Relation.CLEARLY_WORSE:
            direction = better
        else:  # apart, but in line: move away from similar areas
            direction = 1.0 if column[position] >= similar else -1.0
        moved = max(column[position] + direction * step, 0.0)
        column[position] = round_value(moved, indicator.decimals)
    return bool(column[position] != before)


def _improve_gaps(values: IndicatorValues, position: int, rng: np.random.Generator) -> None:
    """Make each vulnerable-group gap better in the latest period than in the one before."""
    for j, indicator in enumerate(values.indicators):
        if not indicator.vulnerable_gap:
            continue
        latest = values.values[1, position, j]
        better = 1.0 if indicator.higher_is_better else -1.0
        earlier = latest * (1.0 - better * rng.uniform(0.04, 0.08))
        earlier = round_value(earlier, indicator.decimals)
        if (latest - earlier) * better <= 0:
            earlier = round_value(latest - better * 10.0**-indicator.decimals, indicator.decimals)
        values.values[0, position, j] = earlier


def unmet_indicator_facts(
    values: IndicatorValues, profiles: CouncilProfiles, facts: PublishedFacts
) -> tuple[str, ...]:
    """Return a line for every indicator fact of a seed council that does not hold."""
    unmet: list[str] = []
    for council_facts in facts.councils:
        indicator_facts = council_facts.indicators
        if indicator_facts is None:
            continue
        position = profiles.position(council_facts.la_code)
        latest, earlier = (
            PERIODS.index(p) for p in (indicator_facts.period, indicator_facts.previous_period)
        )
        actual = []
        for j, indicator in enumerate(values.indicators):
            similar = float(
                np.nanmean(values.values[latest, profiles.neighbour_index[position], j])
            )
            actual.append(
                relation_of(
                    values.values[latest, position, j],
                    similar,
                    values.england(latest, j),
                    indicator,
                    facts,
                )
            )
        name = council_facts.name
        share_in_line = actual.count(Relation.IN_LINE) / len(actual)
        if not indicator_facts.in_line_low <= share_in_line <= indicator_facts.in_line_high:
            unmet.append(f"{name}: {share_in_line:.0%} of indicators in line")
        for j, indicator in enumerate(values.indicators):
            if not indicator.vulnerable_gap:
                continue
            if indicator_facts.vulnerable_gap_in_line and actual[j] is not Relation.IN_LINE:
                unmet.append(f"{name}: gap indicator {indicator.id} not in line")
            if indicator_facts.vulnerable_gap_improving:
                better = 1.0 if indicator.higher_is_better else -1.0
                change = values.values[latest, position, j] - values.values[earlier, position, j]
                if change * better <= 0:
                    unmet.append(f"{name}: gap indicator {indicator.id} not improving")
        worse = indicator_facts.clearly_worse
        if worse is not None:
            group = [
                j
                for j, ind in enumerate(values.indicators)
                if ind.outcome is worse.outcome
                and (worse.include_vulnerable_gap or not ind.vulnerable_gap)
            ]
            count = sum(1 for j in group if actual[j] is Relation.CLEARLY_WORSE)
            if count != worse.count:
                unmet.append(f"{name}: {count} {worse.outcome.value} indicators clearly worse")
    return tuple(unmet)
