"""Council results for publication tests: real profiles and assessments, or hand-made."""

from __future__ import annotations

import datetime as dt
import fcntl
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from csrating.frameworks import Assessment, Framework, load_framework
from csrating.ingest import load_dataset
from csrating.letters import Letter, round_letters
from csrating.pipeline import RatedRound, rate
from csrating.profile import PerformanceProfile, build_profiles
from csrating.publish import CouncilResult, publish_round
from csrating.reference import all_councils, council, neighbours
from csrating.scales import CouncilRating
from csrating.types import LaCode
from factories import (
    council_inspection,
    frozen_round,
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


def built_once(base: Path, name: str, build: Callable[[Path], object]) -> Path:
    """Build a published folder once per test run and return it: ``build(folder)`` runs
    only if ``folder/index.html`` is not there yet.

    The folder is ``name`` under the run's temporary directory ``base``; when pytest-xdist
    runs the tests in several processes, it is under the folder their temporary
    directories share, built by whichever process asks first while the others wait (a
    lock file), so a site is built once per run, not once per process.
    """
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    out = root / name
    with (root / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not (out / "index.html").is_file():
                build(out)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return out


AFTER_2011 = dt.datetime(2011, 11, 10, 9, 0, tzinfo=dt.UTC)
"""The morning after the 2011 results were published."""


def published_2011(base: Path) -> Path:
    """The frozen fixture's 2011 round published after its embargo, letters in Markdown,
    once per run (see :func:`built_once`)."""

    def build(out: Path) -> None:
        publish_round(
            frozen_round("rating-2011"),
            out,
            embargo=None,  # the round's publication date: 00:01 on 9 November 2011
            preview=False,
            now=AFTER_2011,
            formats=("md",),
            workers=1,
        )

    return built_once(base, "published-2011", build)
