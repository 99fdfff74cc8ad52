"""Council results for publication tests: real profiles and assessments, or hand-made."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from csrating.frameworks import Assessment, Framework, load_framework
from csrating.ingest import load_dataset
from csrating.letters import Letter, round_letters
from csrating.pipeline import RatedRound, rate
from csrating.profile import PerformanceProfile, build_profiles
from csrating.publish import CouncilResult
from csrating.reference import all_councils, council, neighbours
from csrating.scales import CouncilRating
from csrating.types import LaCode
from factories import (
    council_inspection,
    indicator_value,
    make_dataset,
    neighbourhood,
    settings_of,
    typical_council,
)

FRAMEWORK = load_framework("rating-2009")


@dataclass(frozen=True)
class RatedWithLetters:
    """A rated round with every council's letter: what a site is built from."""

    rated: RatedRound
    letters: Mapping[LaCode, Letter]

    @property
    def results(self) -> tuple[CouncilResult, ...]:
        return self.rated.results

    @property
    def framework(self) -> Framework:
        return self.rated.framework

    @property
    def demonstration(self) -> bool:
        return self.rated.demonstration

    @property
    def dataset_name(self) -> str:
        return self.rated.manifest.name


def rate_folder(folder: Path, framework: str = "rating-2009") -> RatedWithLetters:
    """Load a dataset folder, rate it and write its letters, as ``csrating publish`` does."""
    rated = rate(load_dataset(folder), load_framework(framework))
    return RatedWithLetters(rated, round_letters(rated))


AS_AT = FRAMEWORK.as_at
POOR_NEIGHBOUR = "860"
"""Staffordshire: one of Worcestershire's neighbours, given an inadequate inspection."""


def _council_inspections() -> list[dict[str, object]]:
    full = dt.date(2009, 6, 15)
    return [
        council_inspection("885", "safeguarding_lac", full, "overall_safeguarding", 2),
        council_inspection("885", "safeguarding_lac", full, "overall_lac", 3),
        council_inspection(
            "885", "unannounced_cra", dt.date(2009, 7, 20), outcome="priority_action"
        ),
        council_inspection("885", "jar", dt.date(2007, 11, 1), "safeguarding", 3),
        council_inspection("885", "scr_evaluation", dt.date(2008, 3, 1), grade=2),
        council_inspection("885", "scr_evaluation", dt.date(2008, 9, 1), grade=4),
        council_inspection("885", "apa_staying_safe", dt.date(2008, 11, 1), grade=2),
        council_inspection(POOR_NEIGHBOUR, "safeguarding_lac", full, "overall_safeguarding", 4),
    ]


def _indicators() -> list[dict[str, object]]:
    rows = [
        indicator_value("885", "NI059", "2008-09", 75.0),
        indicator_value("885", "NI059", "2007-08", 70.0),
        indicator_value("E92000001", "NI059", "2008-09", 72.0),
    ]
    for code in neighbours("885"):
        rows += [
            indicator_value(code, "NI059", "2008-09", 80.0),
            indicator_value(code, "NI059", "2007-08", 80.0),
        ]
    return rows


@cache
def national_results() -> tuple[CouncilResult, ...]:
    """Return all 152 councils assessed under rating-2009 on a small dataset.

    Worcestershire (885) and its neighbours have settings; 885 has council-level
    inspections and an indicator; every council without data is withheld.
    """
    settings = [row for code in neighbourhood("885") for row in typical_council(code)]
    settings += settings_of("885", "secondary_school", {1: 2, 4: 1}, prefix="extra")
    dataset = make_dataset(settings, _council_inspections(), _indicators())
    return rate(dataset, FRAMEWORK).results


@cache
def _empty_profiles() -> dict[LaCode, PerformanceProfile]:
    return build_profiles(make_dataset(), FRAMEWORK.profile)


def hand_made(
    grades: Sequence[int | None], *, framework: str = "rating-2009", codes: Sequence[str] = ()
) -> list[CouncilResult]:
    """Return results with exactly these grades (``None``: withheld), councils in code order.

    Args:
        grades: one grade (1-4) or ``None`` per council.
        framework: the framework id the assessments name.
        codes: the councils to use; by default the first ``len(grades)`` in code order.
    """
    chosen = list(codes) or [c.la_code for c in all_councils()][: len(grades)]
    results = []
    for code, grade in zip(chosen, grades, strict=True):
        rating = CouncilRating(grade) if grade is not None else None
        assessment = Assessment(
            la_code=LaCode(code),
            framework=framework,
            as_at=AS_AT,
            provisional=rating,
            rating=rating,
            withheld=rating is None,
            limiters=(),
            bands={},
            trace=(),
        )
        results.append(CouncilResult(council(code), _empty_profiles()[LaCode(code)], assessment))
    return results


def distribution(excellent: int, well: int, adequately: int, poorly: int) -> list[int | None]:
    """Return a list of grades with these counts, best first."""
    counts = ((4, excellent), (3, well), (2, adequately), (1, poorly))
    return [grade for grade, count in counts for _ in range(count)]
