"""The round's workflow: propose and decide moderation, sign off, set the embargo.

Every change checks the version the caller read (``expected_version``) and raises
:class:`~csrating.errors.ConcurrentEdit` when someone else changed the record since, and
writes its audit entry in the same transaction. Rows about to change are read with
``SELECT ... FOR UPDATE`` (PostgreSQL; SQLite writers already queue on ``BEGIN IMMEDIATE``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from csrating.errors import RecordNotFound, StoreError
from csrating.frameworks import Assessment
from csrating.moderation import Moderation
from csrating.reference import geography, vintages
from csrating.scales import rating_from_number
from csrating.store import audit
from csrating.store._checks import check_version, grade_number, reason_text, stamp
from csrating.store.models import (
    AssessmentState,
    CouncilAssessment,
    ModerationRecord,
    ModerationStatus,
    Round,
)
from csrating.store.rounds import get_round

FINAL_STATES = frozenset({AssessmentState.SIGNED_OFF, AssessmentState.WITHHELD})
"""States that count as ready for publication."""


Reassess = Callable[[str, Moderation], Assessment]
"""Re-rate a council (by DfE code) with an inspector's moderation: the caller's pure work."""


def describe(assessment: CouncilAssessment) -> str:
    """Name a council's assessment for messages, e.g. ``Worcestershire (885) in round 3``."""
    code = assessment.la_code
    names = (
        geography(v).council(code).name for v in vintages() if geography(v).is_council_code(code)
    )
    return f"{next(names, 'council')} ({code}) in round {assessment.round_id}"


def same_person(first: str, second: str) -> bool:
    """Whether two actors (e-mail addresses as recorded) are the same person."""
    return first.strip().casefold() == second.strip().casefold()


def locked_assessment(session: Session, round_id: int, la_code: str) -> CouncilAssessment:
    """Return one council's assessment in a round, locked for this transaction.

    Raises:
        RecordNotFound: there is no such round or council assessment.
    """
    get_round(session, round_id)
    found = session.scalar(
        select(CouncilAssessment)
        .where(CouncilAssessment.round_id == round_id, CouncilAssessment.la_code == la_code)
        .with_for_update()
    )
    if found is None:
        raise RecordNotFound(f"round {round_id} has no assessment of council {la_code!r}")
    return found


def pending_record(session: Session, assessment_id: int) -> ModerationRecord | None:
    """Return the draft moderation record of a council's assessment, if one is waiting."""
    return session.scalar(
        select(ModerationRecord).where(
            ModerationRecord.council_assessment_id == assessment_id,
            ModerationRecord.status == ModerationStatus.DRAFT,
        )
    )


def propose(
    session: Session,
    round_id: int,
    la_code: str,
    *,
    to_grade: int | None,
    withhold: bool,
    reason: str,
    actor: str,
    now: dt.datetime,
    expected_version: int,
) -> ModerationRecord:
    """Record a draft moderation of one council's grade (or its withholding).

    Raises:
        StoreError: no reason, a grade outside 1-4 (or a grade with a withholding), a
            council already signed off or with a proposal waiting, or no change at all.
        ConcurrentEdit: the assessment changed since ``expected_version``.
    """
    text = reason_text(reason, "a moderation")
    if withhold and to_grade is not None:
        raise StoreError("withholding a rating gives no grade: pass to_grade=None")
    if not withhold and to_grade is None:
        raise StoreError("a moderation needs the new grade (1-4), or withhold=True")
    grade = grade_number(to_grade, "the new grade")
    target, what = _open_for_change(session, round_id, la_code, expected_version)
    waiting = pending_record(session, target.id)
    if waiting is not None:
        raise StoreError(
            f"{what} already has a moderation proposed by {waiting.proposed_by} at "
            f"{stamp(waiting.proposed_at)} (record {waiting.id}) waiting for a decision: "
            "apply or reject it first"
        )
    if withhold and target.state is AssessmentState.WITHHELD:
        raise StoreError(f"the rating of {what} is already withheld")
    if not withhold and target.state is not AssessmentState.WITHHELD and grade == target.grade:
        raise StoreError(f"{what} already has grade {grade}: propose a different grade")
    record = ModerationRecord(
        council_assessment_id=target.id,
        status=ModerationStatus.DRAFT,
        proposed_by=actor,
        proposed_at=now,
        from_grade=target.grade,
        to_grade=grade,
        withhold=withhold,
        reason=text,
    )
    session.add(record)
    target.updated_at = now
    target.updated_by = actor
    session.flush()
    audit.record(
        session,
        at=now,
        actor=actor,
        action="moderation.propose",
        entity="council_assessment",
        entity_id=target.id,
        details={
            "round_id": round_id,
            "la_code": la_code,
            "record_id": record.id,
            "from_grade": record.from_grade,
            "to_grade": grade,
            "withhold": withhold,
            "reason": text,
            "version": target.version,
        },
    )
    return record


def decide(
    session: Session,
    record_id: int,
    *,
    apply: bool,
    reason: str,
    actor: str,
    now: dt.datetime,
    expected_version: int,
    reassess: Reassess | None,
    four_eyes: bool = True,
) -> CouncilAssessment:
    """Apply or reject a draft moderation; applying stores the council re-assessed with it.

    Applying builds the :class:`~csrating.moderation.Moderation` and stores what
    ``reassess`` returns for it (the framework evaluated again, so the stored trace ends
    with the ``MODERATION`` entry); the state becomes moderated (or withheld). Rejecting
    keeps the grade and needs a reason.

    With ``four_eyes`` (the default), the person who proposed the moderation cannot
    apply it; they may reject it (to withdraw it).

    Raises:
        RecordNotFound: there is no such record.
        StoreError: the record was already decided, a rejection has no reason, or (with
            ``four_eyes``) the proposer tries to apply it.
        ConcurrentEdit: the council's assessment changed since ``expected_version``.
    """
    record = session.get(ModerationRecord, record_id, with_for_update=True)
    if record is None:
        raise RecordNotFound(f"there is no moderation record {record_id}")
    target = session.get(CouncilAssessment, record.council_assessment_id, with_for_update=True)
    if target is None:  # pragma: no cover - the foreign key forbids it
        raise RecordNotFound(f"moderation record {record_id} has no council assessment")
    what = describe(target)
    _check_assessment_version(target, what, expected_version)
    if record.status is not ModerationStatus.DRAFT:
        raise StoreError(
            f"moderation record {record_id} for {what} was already {record.status.value} by "
            f"{record.decided_by} at {stamp(record.decided_at or record.proposed_at)}"
        )
    _refuse_if_signed_off(target, what)
    if apply and four_eyes and same_person(record.proposed_by, actor):
        raise StoreError(
            f"{actor} proposed moderation record {record_id} for {what} and so cannot "
            "apply it: another moderator must (you may reject it to withdraw it)"
        )
    before = target.grade
    if apply:
        if reassess is None:
            raise StoreError("applying a moderation needs the round's rules to re-rate the council")
        note = reason_text(reason, "applying a moderation") if reason.strip() else None
        _apply(target, record, actor=actor, now=now, reassess=reassess)
    else:
        note = reason_text(reason, "rejecting a moderation")
    record.status = ModerationStatus.APPLIED if apply else ModerationStatus.REJECTED
    record.decided_by = actor
    record.decided_at = now
    record.decision_reason = note
    target.updated_at = now
    target.updated_by = actor
    session.flush()
    audit.record(
        session,
        at=now,
        actor=actor,
        action="moderation.apply" if apply else "moderation.reject",
        entity="council_assessment",
        entity_id=target.id,
        details={
            "round_id": target.round_id,
            "la_code": target.la_code,
            "record_id": record.id,
            "proposed_by": record.proposed_by,
            "from_grade": record.from_grade,
            "to_grade": record.to_grade,
            "withhold": record.withhold,
            "grade_before": before,
            "grade": target.grade,
            "state": target.state.value,
            "reason": note,
            "version": target.version,
        },
    )
    return target


def _apply(
    target: CouncilAssessment,
    record: ModerationRecord,
    *,
    actor: str,
    now: dt.datetime,
    reassess: Reassess,
) -> None:
    moderator = (
        record.proposed_by
        if record.proposed_by == actor
        else (f"{record.proposed_by}, applied by {actor}")
    )
    moderation = Moderation(
        moderator=moderator,
        date=now.date(),
        from_grade=(
            rating_from_number(target.provisional_grade)
            if target.provisional_grade is not None
            else None
        ),
        to_grade=rating_from_number(record.to_grade) if record.to_grade is not None else None,
        reason=record.reason,
        withhold=record.withhold,
    )
    assessment = reassess(target.la_code, moderation)
    target.assessment_json = assessment.to_dict()
    target.grade = assessment.rating.value if assessment.rating is not None else None
    target.state = AssessmentState.WITHHELD if assessment.withheld else AssessmentState.MODERATED


def sign_off(
    session: Session,
    round_id: int,
    la_code: str,
    *,
    actor: str,
    now: dt.datetime,
    expected_version: int,
) -> CouncilAssessment:
    """Sign a council's assessment off for publication (a withheld one stays withheld).

    Raises:
        StoreError: already signed off, or a moderation is waiting for a decision.
        ConcurrentEdit: the assessment changed since ``expected_version``.
    """
    target, what = _open_for_change(session, round_id, la_code, expected_version)
    waiting = pending_record(session, target.id)
    if waiting is not None:
        raise StoreError(
            f"{what} has a moderation proposed by {waiting.proposed_by} (record {waiting.id}) "
            "waiting for a decision: apply or reject it before signing off"
        )
    if target.state is not AssessmentState.WITHHELD:
        target.state = AssessmentState.SIGNED_OFF
    target.signed_off_at = now
    target.signed_off_by = actor
    target.updated_at = now
    target.updated_by = actor
    session.flush()
    audit.record(
        session,
        at=now,
        actor=actor,
        action="assessment.sign_off",
        entity="council_assessment",
        entity_id=target.id,
        details={
            "round_id": round_id,
            "la_code": la_code,
            "grade": target.grade,
            "state": target.state.value,
            "version": target.version,
        },
    )
    return target


def set_embargo(
    session: Session,
    round_id: int,
    embargo_at: dt.datetime,
    *,
    actor: str,
    now: dt.datetime,
    expected_version: int,
) -> Round:
    """Move a round's embargo (publication) time.

    Raises:
        StoreError: the round is already published.
        ConcurrentEdit: the round changed since ``expected_version``.
    """
    round_ = session.get(Round, round_id, with_for_update=True)
    if round_ is None:
        raise RecordNotFound(f"there is no round {round_id}")
    what = f"round {round_id}"
    check_version(
        what,
        expected=expected_version,
        current=round_.version,
        changed_by=round_.updated_by,
        changed_at=round_.updated_at,
    )
    if published(session, round_, now=now):
        raise StoreError(
            f"{what} was published at {stamp(round_.embargo_at)}: its embargo cannot change"
        )
    before = round_.embargo_at
    round_.embargo_at = embargo_at
    round_.updated_at = now
    round_.updated_by = actor
    session.flush()
    audit.record(
        session,
        at=now,
        actor=actor,
        action="round.set_embargo",
        entity="round",
        entity_id=round_id,
        details={
            "from": before.isoformat(),
            "to": embargo_at.isoformat(),
            "version": round_.version,
        },
    )
    return round_


def published(session: Session, round_: Round, *, now: dt.datetime) -> bool:
    """Whether a round is public: its embargo has passed and every council is final."""
    if now < round_.embargo_at:
        return False
    counts = select(func.count()).where(CouncilAssessment.round_id == round_.id)
    total = session.scalar(counts) or 0
    open_ = session.scalar(counts.where(CouncilAssessment.state.not_in(FINAL_STATES))) or 0
    return total > 0 and open_ == 0


def records(session: Session, round_id: int, la_code: str | None = None) -> list[ModerationRecord]:
    """Return a round's moderation records (or one council's), oldest first."""
    get_round(session, round_id)
    query = (
        select(ModerationRecord)
        .join(CouncilAssessment, CouncilAssessment.id == ModerationRecord.council_assessment_id)
        .where(CouncilAssessment.round_id == round_id)
        .order_by(ModerationRecord.id)
    )
    if la_code is not None:
        query = query.where(CouncilAssessment.la_code == la_code)
    return list(session.scalars(query))


def _open_for_change(
    session: Session, round_id: int, la_code: str, expected_version: int
) -> tuple[CouncilAssessment, str]:
    """Lock a council's assessment for a change that must start from ``expected_version``
    and may not touch a signed-off council; return it and how messages name it."""
    target = locked_assessment(session, round_id, la_code)
    what = describe(target)
    _check_assessment_version(target, what, expected_version)
    _refuse_if_signed_off(target, what)
    return target, what


def _check_assessment_version(target: CouncilAssessment, what: str, expected: int) -> None:
    check_version(
        what,
        expected=expected,
        current=target.version,
        changed_by=target.updated_by,
        changed_at=target.updated_at,
    )


def _refuse_if_signed_off(target: CouncilAssessment, what: str) -> None:
    if target.signed_off_at is not None:
        raise StoreError(
            f"{what} was signed off by {target.signed_off_by} at {stamp(target.signed_off_at)}: "
            "it can no longer change"
        )
