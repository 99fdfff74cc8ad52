"""Block A proportions as the published facts define them, from the working arrays.

A proportion counts each setting's latest inspection on or before the cut-off. "Similar
areas" is the mean of the ten neighbours' proportions (neighbours without such settings left
out); "England" pools every setting in England.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from csrating.demo.council_profiles import CouncilProfiles
from csrating.demo.facts import Comparator, Judgement, Measure
from csrating.demo.history import InspectionHistory
from csrating.demo.setting_specs import SPEC_INDEX
from csrating.demo.settings import Settings
from csrating.vocabulary import SettingType

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
GradeArray = npt.NDArray[np.int8]


@dataclass(frozen=True)
class Selection:
    """Which settings and judgement a proportion is about, and what it counts."""

    setting_types: tuple[SettingType, ...]
    judgement: Judgement
    measure: Measure

    def describe(self) -> str:
        """The selection in words, for messages."""
        types = " + ".join(t.value for t in self.setting_types)
        return f"{self.measure.value} {self.judgement.value} of {types}"


@dataclass(frozen=True)
class SelectedRows:
    """The latest inspection rows of the settings a :class:`Selection` covers."""

    selection: Selection
    rows: IntArray  # inspection rows
    council: IntArray  # council position of each row
    pinned: BoolArray  # the row's overall grade is fixed by a published fact
    grades: GradeArray  # the judgement's grade column (a view: writes reach the history)

    def restricted(self, keep: BoolArray) -> SelectedRows:
        """The same selection narrowed to the rows ``keep`` marks (grades still shared)."""
        return SelectedRows(
            self.selection, self.rows[keep], self.council[keep], self.pinned[keep], self.grades
        )

    def hits_and_graded(self, councils: int) -> tuple[IntArray, IntArray]:
        """Per council: settings counted by the measure, and settings with a grade."""
        grade = self.grades[self.rows]
        graded = grade > 0
        hit = counted(grade, self.selection.measure)
        return (
            np.bincount(self.council[hit], minlength=councils).astype(np.int64),
            np.bincount(self.council[graded], minlength=councils).astype(np.int64),
        )


def counted(grade: GradeArray, measure: Measure) -> BoolArray:
    """Whether each grade is counted by ``measure`` (0, no grade, never is)."""
    hit: BoolArray = (
        (grade >= 1) & (grade <= 2) if measure is Measure.GOOD_OR_BETTER else grade == 4
    )
    return hit


def select_rows(
    selection: Selection, settings: Settings, history: InspectionHistory
) -> SelectedRows:
    """Find the latest inspection rows of every setting the selection covers."""
    type_positions = [SPEC_INDEX[t] for t in selection.setting_types]
    chosen = np.isin(settings.type_index, type_positions) & (history.latest >= 0)
    members = np.flatnonzero(chosen)
    return SelectedRows(
        selection=selection,
        rows=history.latest[members],
        council=settings.council[members],
        pinned=settings.pinned[members],
        grades=history.column(selection.judgement.value),
    )


def share(hits: IntArray, graded: IntArray, position: int) -> float | None:
    """One council's proportion, or ``None`` when it has no graded settings."""
    return float(hits[position] / graded[position]) if graded[position] else None


def similar_areas_share(
    hits: IntArray, graded: IntArray, profiles: CouncilProfiles, position: int
) -> float | None:
    """The mean of the neighbours' proportions, or ``None`` if no neighbour has any."""
    neighbours = profiles.neighbour_index[position]
    present = neighbours[graded[neighbours] > 0]
    if len(present) == 0:
        return None
    return float(np.mean(hits[present] / graded[present]))


def england_share(hits: IntArray, graded: IntArray) -> float | None:
    """The proportion over every setting in England, or ``None`` if none is graded."""
    total = int(graded.sum())
    return float(hits.sum() / total) if total else None


def comparator_share(
    comparator: Comparator,
    hits: IntArray,
    graded: IntArray,
    profiles: CouncilProfiles,
    position: int,
) -> float | None:
    """The similar-areas or England proportion for council ``position``."""
    if comparator is Comparator.SIMILAR_AREAS:
        return similar_areas_share(hits, graded, profiles, position)
    return england_share(hits, graded)
