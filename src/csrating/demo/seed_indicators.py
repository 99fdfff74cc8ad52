"""Build each seed council's National Indicators from its published facts.

Every council's values are drawn first (:mod:`csrating.demo.indicator_values`) and no other
council's value is changed afterwards. For a seed council each catalogue indicator of the
letter's period is given a planned relation, and a value made from its similar areas (the
mean of its neighbours' values) and England:

* **in line** - between similar areas and England, within the tolerance of both;
* **clearly worse** - worse than similar areas by one and a half times the margin;
* **apart** - better or worse than similar areas by more than the tolerance and less than
  the margin (neither in line nor clearly worse).

The plan meets the letter's figures: the number clearly worse in an outcome, the gap for
vulnerable groups in line with similar areas (and improving, where the letter says so), and
the share in line, chosen among the indicators whose similar areas and England are close
enough for a value to be in line with both.
"""

from __future__ import annotations

import math
from enum import Enum

import numpy as np

from csrating.demo.council_profiles import CouncilProfiles
from csrating.demo.facts import Definitions, IndicatorFacts, PublishedFacts
from csrating.demo.indicator_values import PERIODS, IndicatorValues, round_value
from csrating.reference import Indicator

PASSES = 3
"""Seed councils' values move England (and each other's similar areas): go over them again."""


class Relation(Enum):
    """How a seed council's value compares with similar areas and England."""

    IN_LINE = "in_line"
    CLEARLY_WORSE = "clearly_worse"
    APART = "apart"


def relation_of(
    value: float, similar: float, england: float, indicator: Indicator, definitions: Definitions
) -> Relation:
    """How a value compares: in line with both, clearly worse than similar areas, or apart."""
    tolerance = definitions.indicator_in_line_tolerance
    if all(abs(value - level) < tolerance * abs(level) for level in (similar, england)):
        return Relation.IN_LINE
    better = 1.0 if indicator.higher_is_better else -1.0
    if (similar - value) * better >= definitions.indicator_clearly_worse_margin * abs(similar):
        return Relation.CLEARLY_WORSE
    return Relation.APART


def comparators(
    values: IndicatorValues, profiles: CouncilProfiles, position: int, j: int, period: int
) -> tuple[float, float]:
    """The similar-areas mean and the England value of indicator ``j`` for a council."""
    column = values.values[period, profiles.neighbour_index[position], j]
    return float(np.nanmean(column)), values.england(period, j)


def build_seed_indicators(
    values: IndicatorValues,
    profiles: CouncilProfiles,
    facts: PublishedFacts,
    rng: np.random.Generator,
) -> None:
    """Set the seed councils' values of the letters' periods to meet their facts.

    Each pass plans afresh from the values as they stand, so a seed council that neighbours
    another plans on the other's built values; the random choices are drawn once.
    """
    definitions = facts.definitions
    seeds = []
    for council in facts.councils:
        if council.indicators is not None:
            count = len(values.indicators)
            better = 0.5 + 0.2 * math.tanh(council.generator.strength)
            apart = rng.uniform(0.6, 0.9, count) * definitions.indicator_clearly_worse_margin
            offsets = np.where(rng.random(count) < better, apart, -apart)
            order = [int(j) for j in rng.permutation(count)]
            seeds.append((profiles.position(council.la_code), council.indicators, order, offsets))
    for _ in range(PASSES):
        for position, indicator_facts, order, offsets in seeds:
            period = PERIODS.index(indicator_facts.period)
            plan = _plan(values, profiles, position, indicator_facts, definitions, order)
            for j, relation in enumerate(plan):
                similar, england = comparators(values, profiles, position, j, period)
                values.values[period, position, j] = _value(
                    values.indicators[j], relation, similar, england, offsets[j], definitions
                )
    for position, indicator_facts, _, _ in seeds:
        if indicator_facts.vulnerable_gap_improving:
            _improve_gaps(values, position, indicator_facts, definitions, rng)


def _plan(
    values: IndicatorValues,
    profiles: CouncilProfiles,
    position: int,
    facts: IndicatorFacts,
    definitions: Definitions,
    order: list[int],
) -> list[Relation]:
    """Decide which indicators are in line, clearly worse or apart, taking them in ``order``."""
    indicators = values.indicators
    period = PERIODS.index(facts.period)
    can_be_in_line = []
    for j, indicator in enumerate(indicators):
        similar, england = comparators(values, profiles, position, j, period)
        middle = _value(indicator, Relation.IN_LINE, similar, england, 0.0, definitions)
        can_be_in_line.append(
            relation_of(middle, similar, england, indicator, definitions) is Relation.IN_LINE
        )
    plan = [Relation.APART] * len(indicators)
    gaps = [j for j, i in enumerate(indicators) if i.vulnerable_gap]
    if facts.vulnerable_gap_in_line:
        for j in gaps:
            plan[j] = Relation.IN_LINE
    worse = facts.clearly_worse
    if worse is not None:
        pool = [j for j in order if worse.covers(indicators[j]) and plan[j] is Relation.APART]
        pool.sort(key=lambda j: can_be_in_line[j])  # keep the ones that can be in line free
        for j in pool[: worse.count]:
            plan[j] = Relation.CLEARLY_WORSE
    in_line_already = sum(1 for j in gaps if plan[j] is Relation.IN_LINE and can_be_in_line[j])
    wanted = round(facts.in_line_share * len(indicators)) - in_line_already
    free = [j for j in order if plan[j] is Relation.APART and can_be_in_line[j]]
    free.sort(key=lambda j: indicators[j].outcome not in facts.prefer_in_line)
    for j in free[: max(wanted, 0)]:
        plan[j] = Relation.IN_LINE
    return plan


def _value(
    indicator: Indicator,
    relation: Relation,
    similar: float,
    england: float,
    offset: float,
    definitions: Definitions,
) -> float:
    """The planned value, rounded like the indicator, stepped a rounding unit at a time until
    the plan holds (rounding can leave a small value in line, or one apart clearly worse)."""
    better = 1.0 if indicator.higher_is_better else -1.0
    if relation is Relation.IN_LINE:
        middle = (similar + england) / 2
        tolerance = definitions.indicator_in_line_tolerance
        in_line = abs(middle - similar) < tolerance * abs(similar)
        target = middle if in_line else similar  # at least in line with similar areas
    elif relation is Relation.CLEARLY_WORSE:
        target = similar * (1.0 - better * 1.5 * definitions.indicator_clearly_worse_margin)
    else:
        target = similar * (1.0 + better * offset)
        if indicator.unit == "percent" and not 0.0 <= target <= 100.0:
            target = similar * (1.0 - better * offset)
    upper = 100.0 if indicator.unit == "percent" else math.inf
    value = round_value(min(max(target, 0.0), upper), indicator.decimals)
    step = 10.0**-indicator.decimals
    for _ in range(20):
        actual = relation_of(value, similar, england, indicator, definitions)
        if actual is relation or relation is Relation.IN_LINE:
            break
        if relation is Relation.CLEARLY_WORSE:
            direction = -better
        elif actual is Relation.CLEARLY_WORSE:
            direction = better
        else:  # apart, but in line: move away from similar areas
            direction = 1.0 if value >= similar else -1.0
        value = round_value(min(max(value + direction * step, 0.0), upper), indicator.decimals)
    return value


def _improve_gaps(
    values: IndicatorValues,
    position: int,
    facts: IndicatorFacts,
    definitions: Definitions,
    rng: np.random.Generator,
) -> None:
    """Make each vulnerable-group gap clearly better than in the period before (by as much as
    an indicator planned apart differs from similar areas)."""
    latest, earlier = PERIODS.index(facts.period), PERIODS.index(facts.previous_period)
    margin = definitions.indicator_clearly_worse_margin
    for j, indicator in enumerate(values.indicators):
        if not indicator.vulnerable_gap:
            continue
        now = values.values[latest, position, j]
        better = 1.0 if indicator.higher_is_better else -1.0
        shift = better * rng.uniform(0.6, 0.9) * margin
        before = round_value(now * (1.0 - shift), indicator.decimals)
        if (now - before) * better <= 0:
            before = round_value(now - better * 10.0**-indicator.decimals, indicator.decimals)
        values.values[earlier, position, j] = before


def unmet_indicators(
    values: IndicatorValues, profiles: CouncilProfiles, facts: PublishedFacts
) -> list[str]:
    """Return a line for every indicator fact of a seed council that the values do not meet."""
    unmet: list[str] = []
    definitions = facts.definitions
    for council in facts.councils:
        stated = council.indicators
        if stated is None:
            continue
        position, name = profiles.position(council.la_code), council.name
        latest, earlier = PERIODS.index(stated.period), PERIODS.index(stated.previous_period)
        relations = []
        for j, indicator in enumerate(values.indicators):
            value = float(values.values[latest, position, j])
            similar, england = comparators(values, profiles, position, j, latest)
            relations.append(relation_of(value, similar, england, indicator, definitions))
            if not indicator.vulnerable_gap:
                continue
            tolerance = definitions.indicator_in_line_tolerance
            if stated.vulnerable_gap_in_line and not abs(value - similar) < tolerance * similar:
                unmet.append(f"{name}: gap indicator {indicator.id} not in line")
            better = 1.0 if indicator.higher_is_better else -1.0
            change = (value - values.values[earlier, position, j]) * better
            if stated.vulnerable_gap_improving and not change > 0:
                unmet.append(f"{name}: gap indicator {indicator.id} not improving")
        in_line = relations.count(Relation.IN_LINE) / len(relations)
        if not stated.in_line_range[0] <= in_line <= stated.in_line_range[1]:
            unmet.append(f"{name}: {in_line:.0%} of indicators in line")
        worse = stated.clearly_worse
        if worse is not None:
            group = [relations[j] for j, i in enumerate(values.indicators) if worse.covers(i)]
            count = group.count(Relation.CLEARLY_WORSE)
            share = count / len(group) if group else 0.0
            if count != worse.count or not worse.share_range[0] <= share <= worse.share_range[1]:
                unmet.append(f"{name}: {count} {worse.outcome.value} indicators clearly worse")
    return unmet
