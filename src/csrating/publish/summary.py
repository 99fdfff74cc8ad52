"""The national summary: how many councils got each rating, where, and what changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from csrating.formatting import percentage_half_up
from csrating.pipeline import CouncilResult
from csrating.publish._checks import checked
from csrating.scales import CouncilRating
from csrating.types import LaCode

RATINGS_BEST_FIRST: tuple[CouncilRating, ...] = tuple(
    sorted(CouncilRating, key=lambda r: r.value, reverse=True)
)
"""The four ratings in the order publications list them: 4 performs excellently first."""

ROUNDING_NOTE = "Percentages are rounded and may not add up to 100."
"""The note every distribution table carries, whatever its percentages sum to."""

NOT_PUBLISHED = "Not published"
"""How the national table, lists and maps name the councils whose rating is withheld."""


@dataclass(frozen=True)
class CouncilEntry:
    """A council as a summary lists it: code and name."""

    la_code: LaCode
    name: str


@dataclass(frozen=True)
class GradeLine:
    """One row of the distribution table, with the councils given that rating.

    ``percentage`` is over rated councils only (withheld ones are left out), rounded half
    up to a whole number; ``None`` when no council was rated.
    """

    rating: CouncilRating
    count: int
    percentage: int | None
    councils: tuple[CouncilEntry, ...]

    @property
    def label(self) -> str:
        """The row's label as the 2009 table has it, e.g. ``"Performs well - 3"``."""
        return f"{self.rating.label.capitalize()} - {self.rating.value}"

    @property
    def names(self) -> tuple[str, ...]:
        """The councils' names, in alphabetical order."""
        return tuple(entry.name for entry in self.councils)


@dataclass(frozen=True)
class GroupCounts:
    """How many councils of one region or council type got each rating."""

    group: str
    counts: tuple[tuple[CouncilRating, int], ...]
    withheld: int

    def count(self, rating: CouncilRating) -> int:
        """Return how many councils in the group got ``rating``."""
        return dict(self.counts)[rating]

    @property
    def rated(self) -> int:
        """The number of councils in the group with a rating."""
        return sum(n for _, n in self.counts)

    @property
    def total(self) -> int:
        """The number of councils in the group, withheld included."""
        return self.rated + self.withheld


class Movement(Enum):
    """How a council's rating moved since an earlier publication."""

    UP = "up"
    DOWN = "down"
    SAME = "same"
    NEW = "new"
    """No earlier rating to compare with (not rated, or withheld, last time)."""
    WITHHELD = "withheld"
    """No rating this time, so no movement can be stated."""


@dataclass(frozen=True)
class CouncilChange:
    """A council's rating now beside its earlier one."""

    la_code: LaCode
    name: str
    earlier: CouncilRating | None
    current: CouncilRating | None
    movement: Movement


@dataclass(frozen=True)
class NationalSummary:
    """The national distribution of ratings under one framework (DESIGN §7)."""

    framework: str | None
    as_at: dt.date | None
    grades: tuple[GradeLine, ...]
    total_rated: int
    withheld: tuple[CouncilEntry, ...]
    percentage_total: int
    by_region: tuple[GroupCounts, ...]
    by_type: tuple[GroupCounts, ...]
    changes: tuple[CouncilChange, ...] | None = None

    @property
    def rounding_note(self) -> str | None:
        """:data:`ROUNDING_NOTE` whenever there are percentages (some council is rated),
        whatever they sum to, as the national table always carries it; else ``None``."""
        return ROUNDING_NOTE if self.total_rated else None

    def grade(self, rating: CouncilRating) -> GradeLine:
        """Return the distribution row for ``rating``."""
        return next(line for line in self.grades if line.rating is rating)

    def moved(self, movement: Movement) -> int:
        """Return how many councils moved this way (0 without an earlier publication)."""
        if self.changes is None:
            return 0
        return sum(1 for change in self.changes if change.movement is movement)

    @property
    def moved_up(self) -> int:
        """The number of councils rated higher than before."""
        return self.moved(Movement.UP)

    @property
    def moved_down(self) -> int:
        """The number of councils rated lower than before."""
        return self.moved(Movement.DOWN)


def summarise(
    results: Sequence[CouncilResult],
    *,
    earlier: Mapping[LaCode, CouncilRating | None] | None = None,
) -> NationalSummary:
    """Count the ratings nationally, by region and by council type.

    Args:
        results: one result per council, all under the same framework.
        earlier: each council's rating in an earlier publication (``None`` when withheld
            then); when given, the summary records each council's movement.

    Returns:
        The summary; percentages are over rated councils only, rounded half up.

    Raises:
        UsageError: a council appears twice, or the results mix frameworks.
    """
    results = checked(results)
    rated = [r for r in results if r.assessment.rating is not None]
    total = len(rated)
    grades = tuple(
        _grade_line(rating, [r for r in rated if r.assessment.rating is rating], total)
        for rating in RATINGS_BEST_FIRST
    )
    first = results[0].assessment if results else None
    return NationalSummary(
        framework=first.framework if first else None,
        as_at=first.as_at if first else None,
        grades=grades,
        total_rated=total,
        withheld=_entries(r for r in results if r.assessment.rating is None),
        percentage_total=sum(line.percentage or 0 for line in grades),
        by_region=_groups(results, lambda r: r.council.region),
        by_type=_groups(results, lambda r: r.council.type.label),
        changes=None if earlier is None else _changes(results, earlier),
    )


def _entries(results: Iterable[CouncilResult]) -> tuple[CouncilEntry, ...]:
    entries = (CouncilEntry(r.council.la_code, r.council.name) for r in results)
    return tuple(sorted(entries, key=lambda e: (e.name.casefold(), e.la_code)))


def _grade_line(rating: CouncilRating, results: list[CouncilResult], total: int) -> GradeLine:
    count = len(results)
    percentage = percentage_half_up(count, total) if total else None
    return GradeLine(rating, count, percentage, _entries(results))


def _groups(
    results: Sequence[CouncilResult], key: Callable[[CouncilResult], str]
) -> tuple[GroupCounts, ...]:
    names = sorted({key(r) for r in results})
    out = []
    for name in names:
        members = [r for r in results if key(r) == name]
        counts = tuple(
            (rating, sum(1 for r in members if r.assessment.rating is rating))
            for rating in RATINGS_BEST_FIRST
        )
        withheld = sum(1 for r in members if r.assessment.rating is None)
        out.append(GroupCounts(name, counts, withheld))
    return tuple(out)


def _changes(
    results: Sequence[CouncilResult], earlier: Mapping[LaCode, CouncilRating | None]
) -> tuple[CouncilChange, ...]:
    changes = []
    for result in sorted(results, key=lambda r: (r.council.name.casefold(), r.council.la_code)):
        before = earlier.get(result.council.la_code)
        now = result.assessment.rating
        changes.append(
            CouncilChange(
                result.council.la_code, result.council.name, before, now, _movement(before, now)
            )
        )
    return tuple(changes)


def _movement(before: CouncilRating | None, now: CouncilRating | None) -> Movement:
    if now is None:
        return Movement.WITHHELD
    if before is None:
        return Movement.NEW
    if now.value > before.value:
        return Movement.UP
    if now.value < before.value:
        return Movement.DOWN
    return Movement.SAME
