"""The one function that rates a dataset: :func:`rate`.

The command line, the publication, the store's rounds and the web application all call it;
none of them builds profiles or assesses councils another way. It is pure: it takes a
loaded dataset (see :func:`csrating.ingest.load_dataset`) and a framework, and returns a
typed :class:`RatedRound` holding every council's profile and assessment, whether the
data are synthetic, and where they came from, with the national work kept for what-ifs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property

from csrating.errors import UsageError
from csrating.formatting import long_date
from csrating.frameworks import Assessment, Framework, Moderation, assess
from csrating.ingest.dataset import Dataset
from csrating.ingest.manifest import DatasetManifest
from csrating.profile import PerformanceProfile, ProfileBasis, profile_basis
from csrating.reference import Council, Geography, geography
from csrating.types import LaCode

__all__ = [
    "DEMONSTRATION_NOTICE",
    "CouncilResult",
    "RatedRound",
    "at_cut_off",
    "notices",
    "rate",
    "simulation_notice",
]

DEMONSTRATION_NOTICE = (
    "Demonstration data: the outcomes are synthetic and describe no real council. "
    "This is not a real rating."
)
"""What every output made from synthetic data says first."""


def simulation_notice(framework: Framework) -> str:
    """Return what every output of a simulation framework says first."""
    return (
        f"Simulation: the 2009-2011 annual rating method applied by csrating to Ofsted's and "
        f"DfE's published data as at {long_date(framework.as_at)}. This is not an Ofsted "
        "rating: Ofsted has not rated councils this way since 2011."
    )


def notices(framework: Framework, *, demonstration: bool) -> tuple[str, ...]:
    """Return the notices every output of a round carries first (none for real ratings)."""
    found = []
    if demonstration:
        found.append(DEMONSTRATION_NOTICE)
    if framework.simulation:
        found.append(simulation_notice(framework))
    return tuple(found)


@dataclass(frozen=True)
class CouncilResult:
    """A council, its profile and its assessment under one framework."""

    council: Council
    profile: PerformanceProfile
    assessment: Assessment


@dataclass(frozen=True)
class RatedRound:
    """Every council of a dataset rated under one framework: what publication needs."""

    framework: Framework
    dataset: Dataset
    geography: Geography
    results: tuple[CouncilResult, ...]  # in DfE code order
    basis: ProfileBasis  # the national work behind the profiles, for what-ifs

    @property
    def manifest(self) -> DatasetManifest:
        """Where the data came from and what they are."""
        return self.dataset.manifest

    @property
    def demonstration(self) -> bool:
        """Whether the data are synthetic demonstration data (the manifest says so)."""
        return self.dataset.manifest.demonstration

    @property
    def as_at(self) -> dt.date:
        """The cut-off the profiles were built to."""
        return self.framework.as_at

    @property
    def notices(self) -> tuple[str, ...]:
        """What every output of the round says first: demonstration data, simulation."""
        return notices(self.framework, demonstration=self.demonstration)

    @cached_property
    def _by_code(self) -> dict[LaCode, CouncilResult]:
        return {r.council.la_code: r for r in self.results}

    def result(self, la_code: str) -> CouncilResult:
        """Return one council's result.

        Raises:
            UnknownCouncil: ``la_code`` is not a council of the round's geography.
        """
        return self._by_code[self.geography.council(la_code).la_code]

    def __iter__(self) -> Iterator[CouncilResult]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)


def at_cut_off(framework: Framework, as_at: dt.date | None) -> Framework:
    """Return ``framework`` with its data cut-off moved to ``as_at`` (``None``: unchanged).

    Council-level inspections still count to the framework's decision date, or to
    ``as_at`` if that is later.
    """
    if as_at is None or as_at == framework.as_at:
        return framework
    decision = max(framework.decision_date, as_at)
    settings = dataclasses.replace(framework.profile, as_at=as_at, decision_date=decision)
    return dataclasses.replace(framework, profile=settings)


def rate(
    dataset: Dataset,
    framework: Framework,
    *,
    moderation: Mapping[LaCode, Moderation] | None = None,
    as_at: dt.date | None = None,
    inputs: Mapping[LaCode, Mapping[str, str]] | None = None,
) -> RatedRound:
    """Profile and assess every council of the framework's geography.

    Args:
        dataset: the loaded dataset (its manifest says what it is).
        framework: the effective framework.
        moderation: inspectors' decisions per council; by default the records of the
            dataset's own ``moderation.csv`` made under this framework (or under any).
            Pass ``{}`` for the rules alone.
        as_at: move the data cut-off (see :func:`at_cut_off`).
        inputs: per-council inputs outside the profile (recorded APA grades).

    Returns:
        The rated round.

    Raises:
        UsageError: the dataset's geography is not the framework's.
        ModerationError: a moderation record no longer fits the rules' grade.
    """
    framework = at_cut_off(framework, as_at)
    if dataset.vintage != framework.vintage:
        raise UsageError(
            f"the dataset {dataset.manifest.name!r} uses the geography of {dataset.vintage} "
            f"but {framework.id} rates the councils of {framework.vintage}: choose a framework "
            f"of that geography (see 'csrating frameworks')"
        )
    places = geography(framework.vintage)
    decisions = dataset.moderation_for(framework.id) if moderation is None else moderation
    extra = inputs or {}
    with _collector_paused():
        basis = profile_basis(dataset, framework.profile)
        results = tuple(
            CouncilResult(
                council,
                basis.profiles[council.la_code],
                assess(
                    basis.profiles[council.la_code],
                    framework,
                    moderation=decisions.get(council.la_code),
                    inputs=extra.get(council.la_code),
                ),
            )
            for council in places.councils
        )
    return RatedRound(framework, dataset, places, results, basis)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a round's objects are built.

    A round is tens of thousands of small objects (every line of every profile, every
    rule's result) that all outlive the build and form no reference cycles. With the
    collector running, CPython traverses the newest of them every 700 or so allocations,
    every tenth time together with the older ones, and when enough have piled up, every
    object the process holds: a tenth of the time of loading and rating at scale 1, and
    nothing freed. Paused, the build is not interrupted; at the end its objects are moved
    to the oldest generation as they are (``gc.freeze`` then ``gc.unfreeze``, which moves
    without traversing), where the collector's full collections look at them as they
    would at any long-lived object. A young collection of them instead would traverse
    every one (9 ms at scale 1) to find nothing to free, and leaving it to whatever
    allocates next would only move that cost elsewhere. Objects other threads made
    meanwhile move with them and are looked at in the next full collection.

    A program that froze objects of its own (``gc.freeze`` before forking workers) keeps
    them frozen: the round's objects are then collected once instead. If the build fails,
    the collector is simply restarted. It is left as it was found: if it was already
    paused (by the caller, or by another thread building a round), this does nothing.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
        if gc.get_freeze_count():  # the program froze objects of its own: leave them so
            gc.collect(1)
        else:
            gc.freeze()
            gc.unfreeze()
    finally:
        gc.enable()
