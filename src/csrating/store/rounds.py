"""Rounds: a framework applied to an accepted dataset, one stored assessment per council."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from csrating.errors import RecordNotFound, StoreError
from csrating.frameworks import Assessment, Framework, assess, load_framework
from csrating.profile import PerformanceProfile, build_profiles
from csrating.reference import is_council_code
from csrating.store import audit
from csrating.store._cache import LruCache
from csrating.store.datasets import dataset_for
from csrating.store.models import AssessmentState, CouncilAssessment, DatasetLoad, LoadStatus, Round
from csrating.types import LaCode

Profiles = dict[LaCode, PerformanceProfile]

CacheKey = tuple[str, str, dt.date]
"""A dataset's content hash, a framework id and a cut-off date."""

PROFILES: LruCache[CacheKey, Profiles] = LruCache(4)
"""Every council's profile per dataset, framework and cut-off (built once per process)."""


def round_framework(framework_id: str, cut_off: dt.date | None) -> Framework:
    """Return the framework a round uses, with its data cut-off moved to ``cut_off``.

    Raises:
        UnknownFramework: no framework has this id.
        StoreError: the framework is not an annual rating framework.
    """
    framework = load_framework(framework_id)
    if framework.kind != "rating":
        raise StoreError(
            f"framework {framework_id} is not an annual rating framework (its kind is "
            f"{framework.kind}): a round rates councils with one such as rating-2009"
        )
    if cut_off is None or cut_off == framework.as_at:
        return framework
    return dataclasses.replace(
        framework, profile=dataclasses.replace(framework.profile, as_at=cut_off)
    )


def round_profiles(load: DatasetLoad, framework: Framework) -> Profiles:
    """Return every council's profile for ``load`` under ``framework`` (cached per process).

    Raises:
        StoreError: the load was refused or its files changed (see ``dataset_for``).
    """
    key = (load.content_hash, framework.id, framework.as_at)
    return PROFILES.get_or_make(key, lambda: build_profiles(dataset_for(load), framework.profile))


@dataclasses.dataclass(frozen=True)
class PreparedAssessment:
    """One council's assessment made ready to store (built before the write transaction)."""

    la_code: str
    state: AssessmentState
    grade: int | None
    payload: dict[str, Any]


ASSESSMENTS: LruCache[CacheKey, list[PreparedAssessment]] = LruCache(4)
"""Every council's unmoderated assessment per dataset, framework and cut-off."""


def assess_councils(load: DatasetLoad, framework: Framework) -> list[PreparedAssessment]:
    """Assess every council of ``load`` under ``framework`` (pure work, no database).

    Returns:
        One prepared assessment per council, in council code order.
    """
    key = (load.content_hash, framework.id, framework.as_at)

    def make() -> list[PreparedAssessment]:
        profiles = round_profiles(load, framework)
        return [prepare(assess(profiles[code], framework)) for code in sorted(profiles)]

    return ASSESSMENTS.get_or_make(key, make)


def prepare(assessment: Assessment) -> PreparedAssessment:
    """Return a council's assessment as the values its row stores."""
    return PreparedAssessment(
        la_code=str(assessment.la_code),
        state=AssessmentState.WITHHELD if assessment.withheld else AssessmentState.PROVISIONAL,
        grade=assessment.rating.value if assessment.rating is not None else None,
        payload=assessment.to_dict(),
    )


def add_round(
    session: Session,
    load: DatasetLoad,
    framework: Framework,
    assessments: list[PreparedAssessment],
    *,
    embargo_at: dt.datetime,
    year: int,
    actor: str,
    now: dt.datetime,
) -> Round:
    """Insert a round and one provisional (or withheld) assessment per council, audited.

    Raises:
        StoreError: the load is not an accepted one.
    """
    if load.status is not LoadStatus.ACCEPTED:
        raise StoreError(
            f"dataset load {load.id} ({load.name}) was refused: a round needs an accepted load"
        )
    round_ = Round(
        year=year,
        framework_id=framework.id,
        cut_off=framework.as_at,
        embargo_at=embargo_at,
        dataset_load_id=load.id,
        created_at=now,
        created_by=actor,
        updated_at=now,
        updated_by=actor,
    )
    session.add(round_)
    session.flush()
    session.add_all(
        CouncilAssessment(
            round_id=round_.id,
            la_code=prepared.la_code,
            state=prepared.state,
            provisional_grade=prepared.grade,
            grade=prepared.grade,
            assessment_json=prepared.payload,
            updated_at=now,
            updated_by=actor,
        )
        for prepared in assessments
    )
    session.flush()
    withheld = sum(1 for a in assessments if a.state is AssessmentState.WITHHELD)
    audit.record(
        session,
        at=now,
        actor=actor,
        action="round.create",
        entity="round",
        entity_id=round_.id,
        details={
            "year": year,
            "framework_id": framework.id,
            "framework_version": framework.version,
            "cut_off": framework.as_at.isoformat(),
            "embargo_at": embargo_at.isoformat(),
            "dataset_load_id": load.id,
            "councils": len(assessments),
            "withheld": withheld,
        },
    )
    return round_


def get_round(session: Session, round_id: int) -> Round:
    """Return the round with ``round_id``.

    Raises:
        RecordNotFound: there is no such round.
    """
    round_ = session.get(Round, round_id)
    if round_ is None:
        raise RecordNotFound(f"there is no round {round_id}")
    return round_


def list_rounds(session: Session) -> list[Round]:
    """Return every round, newest first."""
    return list(session.scalars(select(Round).order_by(Round.id.desc())))


def list_council_assessments(session: Session, round_id: int) -> list[CouncilAssessment]:
    """Return a round's council assessments in council code order.

    Raises:
        RecordNotFound: there is no such round.
    """
    get_round(session, round_id)
    query = (
        select(CouncilAssessment)
        .where(CouncilAssessment.round_id == round_id)
        .order_by(CouncilAssessment.la_code)
    )
    return list(session.scalars(query))


def get_council_assessment(session: Session, round_id: int, la_code: str) -> CouncilAssessment:
    """Return one council's assessment in a round.

    Raises:
        RecordNotFound: there is no such round, or the code is not a council's.
    """
    round_ = get_round(session, round_id)
    found = session.scalar(
        select(CouncilAssessment).where(
            CouncilAssessment.round_id == round_.id, CouncilAssessment.la_code == la_code
        )
    )
    if found is None:
        known = "" if is_council_code(la_code) else " (it is not the DfE code of a council)"
        raise RecordNotFound(f"round {round_id} has no assessment of council {la_code!r}{known}")
    return found


def get_load(session: Session, load_id: int) -> DatasetLoad:
    """Return the dataset load with ``load_id``.

    Raises:
        RecordNotFound: there is no such load.
    """
    load = session.get(DatasetLoad, load_id)
    if load is None:
        raise RecordNotFound(f"there is no dataset load {load_id}")
    return load
