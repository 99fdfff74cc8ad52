"""Rounds: a framework applied to an accepted dataset, one stored assessment per council."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, defer

from csrating.errors import RecordNotFound, StoreError
from csrating.frameworks import Assessment
from csrating.letters import Signatory
from csrating.pipeline import RatedRound
from csrating.store import audit
from csrating.store.models import AssessmentState, CouncilAssessment, DatasetLoad, LoadStatus, Round


@dataclasses.dataclass(frozen=True)
class PreparedAssessment:
    """One council's assessment made ready to store (built before the write transaction)."""

    la_code: str
    state: AssessmentState
    grade: int | None
    payload: dict[str, Any]


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
    rated: RatedRound,
    *,
    embargo_at: dt.datetime,
    year: int,
    actor: str,
    now: dt.datetime,
    signatory: Signatory | None = None,
) -> Round:
    """Insert a round and one provisional (or withheld) assessment per council, audited.

    ``rated`` is the load's dataset rated by :func:`csrating.pipeline.rate` without
    moderation; the store only records it. ``signatory`` signs the round's letters (by
    default the framework's own signatory: see :class:`csrating.letters.Signatory`).

    Raises:
        StoreError: the load is not an accepted one, or the signatory's name or role is
            blank or longer than 200 characters.
    """
    name, role = _signatory_columns(signatory)
    framework = rated.framework
    assessments = [prepare(result.assessment) for result in rated.results]
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
        signatory_name=name,
        signatory_role=role,
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
            "signatory": list(round_signatory(round_).lines(framework)),
        },
    )
    return round_


SIGNATORY_LENGTH = 200
"""The longest signatory name or role a round stores."""


def _signatory_columns(signatory: Signatory | None) -> tuple[str | None, str | None]:
    if signatory is None:
        return None, None
    values: list[str | None] = []
    for field, text in (("name", signatory.name), ("role", signatory.role)):
        if text is None:
            values.append(None)
            continue
        cleaned = " ".join(text.split())
        if not cleaned or len(cleaned) > SIGNATORY_LENGTH or "\x00" in cleaned:
            raise StoreError(
                f"the signatory's {field} {text[:40]!r} must be text of 1 to "
                f"{SIGNATORY_LENGTH} characters"
            )
        values.append(cleaned)
    name, role = values
    return name, role


def round_signatory(round_: Round) -> Signatory:
    """Return who signs a round's letters: its name and role; without a role, the
    framework's own signatory (see :class:`csrating.letters.Signatory`)."""
    return Signatory(role=round_.signatory_role, name=round_.signatory_name)


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


def list_council_records(session: Session, round_id: int) -> list[CouncilAssessment]:
    """Return a round's council assessments in code order without their assessment JSON.

    Reading ``assessment_json`` on the records returned raises: lists show columns only.

    Raises:
        RecordNotFound: there is no such round.
    """
    get_round(session, round_id)
    query = (
        select(CouncilAssessment)
        .options(defer(CouncilAssessment.assessment_json, raiseload=True))
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
        raise RecordNotFound(
            f"round {round_id} has no assessment of council {la_code!r} (expected the DfE "
            "code of one of the round's councils)"
        )
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
