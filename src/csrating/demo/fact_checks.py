"""Check the generated Block A against the seed councils' published facts.

The generator reports anything that does not hold (at very small scales a comparison can be
impossible: a neighbour with one setting has a proportion of 0 or 1).
"""

from __future__ import annotations

import numpy as np

from csrating.demo.council_profiles import CouncilProfiles
from csrating.demo.dates import day_number
from csrating.demo.facts import (
    ComparisonFact,
    CouncilFacts,
    PinnedGrades,
    PublishedFacts,
    ShareFact,
)
from csrating.demo.fitting import comparison_selections
from csrating.demo.history import InspectionHistory
from csrating.demo.proportions import Selection, comparator_share, select_rows, share
from csrating.demo.setting_specs import SPEC_INDEX
from csrating.demo.settings import Settings


def unmet_block_a_facts(
    settings: Settings,
    history: InspectionHistory,
    profiles: CouncilProfiles,
    facts: PublishedFacts,
) -> tuple[str, ...]:
    """Return a line for every Block A fact that the generated data does not meet."""
    checker = _Checker(settings, history, profiles, facts)
    unmet: list[str] = []
    for council_facts in facts.councils:
        for pinned in council_facts.pinned:
            unmet.extend(checker.pinned(council_facts, pinned))
        for share_fact in council_facts.shares:
            unmet.extend(checker.share(council_facts, share_fact))
        for comparison in council_facts.comparisons:
            unmet.extend(checker.comparison(council_facts, comparison))
        unmet.extend(checker.timing(council_facts))
    return tuple(unmet)


class _Checker:
    def __init__(
        self,
        settings: Settings,
        history: InspectionHistory,
        profiles: CouncilProfiles,
        facts: PublishedFacts,
    ) -> None:
        self.settings = settings
        self.history = history
        self.profiles = profiles
        self.cut_off = day_number(facts.cut_off)

    def pinned(self, council_facts: CouncilFacts, pinned: PinnedGrades) -> list[str]:
        position = self.profiles.position(council_facts.la_code)
        in_council = self.settings.council == position
        problems = []
        grades: list[int] = []
        for setting_type, total in pinned.totals:
            members = np.flatnonzero(
                in_council & (self.settings.type_index == SPEC_INDEX[setting_type])
            )
            if len(members) != total:
                problems.append(
                    f"{council_facts.name}: {len(members)} {setting_type.value}, not {total}"
                )
            rows = self.history.latest[members]
            grades.extend(int(g) for g in self.history.overall[rows[rows >= 0]])
            if (rows < 0).any():
                problems.append(f"{council_facts.name}: a {setting_type.value} is not inspected")
        stated = {
            1: pinned.outstanding,
            2: pinned.good,
            3: pinned.satisfactory,
            4: pinned.inadequate,
        }
        for grade, number in stated.items():
            if number is not None and grades.count(grade) != number:
                problems.append(f"{council_facts.name}: {pinned.says} (grade {grade})")
        if pinned.good_or_better is not None:
            if sum(1 for g in grades if g <= 2) != pinned.good_or_better:
                problems.append(f"{council_facts.name}: {pinned.says} (good or better)")
        return problems

    def share(self, council_facts: CouncilFacts, fact: ShareFact) -> list[str]:
        selection = Selection(fact.setting_types, fact.judgement, fact.measure)
        hits, graded = select_rows(selection, self.settings, self.history).hits_and_graded(
            self.profiles.count
        )
        value = share(hits, graded, self.profiles.position(council_facts.la_code))
        if value is None or not fact.low <= value <= fact.high:
            return [f"{council_facts.name}: {selection.describe()} is {value}: {fact.says}"]
        return []

    def comparison(self, council_facts: CouncilFacts, fact: ComparisonFact) -> list[str]:
        position = self.profiles.position(council_facts.la_code)
        failures = []
        for selection in comparison_selections(fact):
            hits, graded = select_rows(selection, self.settings, self.history).hits_and_graded(
                self.profiles.count
            )
            own = share(hits, graded, position)
            if own is None:
                continue
            for comparator in fact.against:
                other = comparator_share(comparator, hits, graded, self.profiles, position)
                if other is None:
                    continue
                difference = 100.0 * (own - other)
                if not fact.low - 1e-9 <= difference <= fact.high + 1e-9:
                    failures.append(
                        f"{council_facts.name}: {selection.describe()} differs from "
                        f"{comparator.value} by {difference:.1f} points: {fact.says}"
                    )
        return failures if len(failures) > fact.allowed_exceptions else []

    def timing(self, council_facts: CouncilFacts) -> list[str]:
        position = self.profiles.position(council_facts.la_code)
        problems = []
        for setting_type in council_facts.first_inspected_after_cut_off:
            members = np.flatnonzero(
                (self.settings.council == position)
                & (self.settings.type_index == SPEC_INDEX[setting_type])
            )
            if (self.history.latest[members] >= 0).any():
                problems.append(
                    f"{council_facts.name}: {setting_type.value} inspected by the cut-off"
                )
        return problems
