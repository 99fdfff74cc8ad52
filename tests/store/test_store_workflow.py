"""The round's workflow: moderation proposed and decided, sign-off, embargo, publication."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.exc import IntegrityError
from store_helpers import EMBARGO, NOW

from csrating.store import (
    AssessmentState,
    CouncilAssessment,
    ModerationRecord,
    ModerationStatus,
    RecordNotFound,
    Round,
    Store,
    StoreError,
)
from factories import reassess

INSPECTOR = "inspector@ofsted.test"
MODERATOR = "moderator@ofsted.test"
PUBLISHER = "publisher@ofsted.test"
LATER = NOW + dt.timedelta(hours=1)
LATEST = NOW + dt.timedelta(hours=2)


def propose(
    store: Store, round_: Round, la_code: str, to_grade: int | None, *, withhold: bool = False
) -> ModerationRecord:
    current = store.council_assessment(round_.id, la_code)
    return store.propose_moderation(
        round_.id,
        la_code,
        to_grade=to_grade,
        withhold=withhold,
        reason="The unannounced inspection found strong front-line practice.",
        actor=INSPECTOR,
        now=LATER,
        expected_version=current.version,
    )


def decide(
    store: Store, record: ModerationRecord, *, apply: bool, reason: str = ""
) -> CouncilAssessment:
    current = store.moderation_record(record.id)
    with store.session() as session:
        target = session.get(CouncilAssessment, current.council_assessment_id)
        assert target is not None
        version = target.version
        session.expunge(target)
    again = reassess(store, target.round_id) if apply else None
    return store.decide_moderation(
        record.id,
        apply=apply,
        reason=reason,
        actor=MODERATOR,
        now=LATEST,
        expected_version=version,
        reassess=again,
    )


def sign_off(store: Store, round_: Round, la_code: str) -> CouncilAssessment:
    current = store.council_assessment(round_.id, la_code)
    return store.sign_off(
        round_.id, la_code, actor=PUBLISHER, now=LATEST, expected_version=current.version
    )


def test_applying_a_moderation_changes_the_grade_and_the_trace_records_it(
    store: Store, demo_round: Round
) -> None:
    record = propose(store, demo_round, "885", 3)
    assert (record.status, record.from_grade, record.to_grade) == (ModerationStatus.DRAFT, 2, 3)
    assert (record.proposed_by, record.proposed_at, record.withhold) == (INSPECTOR, LATER, False)
    assert store.council_assessment(demo_round.id, "885").version == 2

    moderated = decide(store, record, apply=True)

    assert (moderated.state, moderated.grade, moderated.provisional_grade) == (
        AssessmentState.MODERATED,
        3,
        2,
    )
    assert moderated.version == 3 and moderated.updated_by == MODERATOR
    trace = moderated.assessment_json["trace"]
    assert trace[-1]["code"] == "MODERATION"
    assert trace[-1]["figures"]["from_grade"] == 2 and trace[-1]["figures"]["to_grade"] == 3
    assert moderated.assessment_json["grade"] == 3
    assert moderated.assessment_json["moderation"]["reason"].startswith("The unannounced")
    decided = store.moderation_record(record.id)
    assert (decided.status, decided.decided_by, decided.decided_at) == (
        ModerationStatus.APPLIED,
        MODERATOR,
        LATEST,
    )
    assert store.council_assessment(demo_round.id, "860").grade == 3  # others untouched


def test_rejecting_a_moderation_keeps_the_grade(store: Store, demo_round: Round) -> None:
    record = propose(store, demo_round, "860", 4)
    with pytest.raises(StoreError, match="rejecting a moderation needs a reason"):
        decide(store, record, apply=False, reason="  ")
    kept = decide(store, record, apply=False, reason="Block A does not support it.")
    assert (kept.state, kept.grade, kept.version) == (AssessmentState.PROVISIONAL, 3, 3)
    assert all(r["code"] != "MODERATION" for r in kept.assessment_json["trace"])
    rejected = store.moderation_record(record.id)
    assert rejected.status is ModerationStatus.REJECTED
    assert rejected.decision_reason == "Block A does not support it."
    with pytest.raises(StoreError, match="was already rejected by moderator@ofsted.test"):
        decide(store, record, apply=True)


def test_a_moderation_needs_a_reason_and_a_real_grade(store: Store, demo_round: Round) -> None:
    version = store.council_assessment(demo_round.id, "885").version

    def attempt(to_grade: int | None, withhold: bool, reason: str) -> None:
        store.propose_moderation(
            demo_round.id,
            "885",
            to_grade=to_grade,
            withhold=withhold,
            reason=reason,
            actor=INSPECTOR,
            now=LATER,
            expected_version=version,
        )

    with pytest.raises(StoreError, match="a moderation needs a reason"):
        attempt(3, False, "   ")
    with pytest.raises(StoreError, match="5 is not a council rating"):
        attempt(5, False, "Because.")
    with pytest.raises(StoreError, match="0 is not a council rating"):
        attempt(0, False, "Because.")
    with pytest.raises(StoreError, match="pass to_grade=None"):
        attempt(3, True, "Because.")
    with pytest.raises(StoreError, match="needs the new grade"):
        attempt(None, False, "Because.")
    with pytest.raises(StoreError, match="already has grade 2"):
        attempt(2, False, "Because.")
    assert store.moderation_records(demo_round.id) == []
    assert store.council_assessment(demo_round.id, "885").version == version


def test_the_database_refuses_a_moderation_without_a_reason(
    store: Store, demo_round: Round
) -> None:
    target = store.council_assessment(demo_round.id, "885")
    with pytest.raises(IntegrityError), store.session(write=True) as session:
        session.add(
            ModerationRecord(
                council_assessment_id=target.id,
                status=ModerationStatus.DRAFT,
                proposed_by=INSPECTOR,
                proposed_at=NOW,
                from_grade=2,
                to_grade=3,
                withhold=False,
                reason="  ",
            )
        )
    assert store.moderation_records(demo_round.id) == []


def test_one_proposal_waits_at_a_time(store: Store, demo_round: Round) -> None:
    first = propose(store, demo_round, "885", 3)
    with pytest.raises(StoreError, match=f"record {first.id}\\) waiting for a decision"):
        propose(store, demo_round, "885", 1)
    decide(store, first, apply=False, reason="Not supported.")
    second = propose(store, demo_round, "885", 1)
    assert [r.id for r in store.moderation_records(demo_round.id, "885")] == [first.id, second.id]


def test_withholding_a_rating(store: Store, demo_round: Round) -> None:
    record = propose(store, demo_round, "860", None, withhold=True)
    assert (record.withhold, record.to_grade, record.from_grade) == (True, None, 3)
    withheld = decide(store, record, apply=True, reason="Inspection of safeguarding due.")
    assert (withheld.state, withheld.grade, withheld.provisional_grade) == (
        AssessmentState.WITHHELD,
        None,
        3,
    )
    assert withheld.assessment_json["withheld"] is True
    assert withheld.assessment_json["trace"][-1]["code"] == "MODERATION"
    assert store.moderation_record(record.id).decision_reason == "Inspection of safeguarding due."
    with pytest.raises(StoreError, match="already withheld"):
        propose(store, demo_round, "860", None, withhold=True)
    signed = sign_off(store, demo_round, "860")
    assert signed.state is AssessmentState.WITHHELD and signed.is_signed_off
    assert signed.signed_off_by == PUBLISHER


def test_a_later_moderation_can_give_a_withheld_council_a_grade(
    store: Store, demo_round: Round
) -> None:
    decide(store, propose(store, demo_round, "885", None, withhold=True), apply=True)
    graded = decide(store, propose(store, demo_round, "885", 2), apply=True)
    assert (graded.state, graded.grade) == (AssessmentState.MODERATED, 2)
    assert graded.assessment_json["withheld"] is False


def test_sign_off(store: Store, demo_round: Round) -> None:
    signed = sign_off(store, demo_round, "885")
    assert (signed.state, signed.grade, signed.version) == (AssessmentState.SIGNED_OFF, 2, 2)
    assert (signed.signed_off_by, signed.signed_off_at) == (PUBLISHER, LATEST)
    with pytest.raises(StoreError, match="was signed off by publisher@ofsted.test"):
        sign_off(store, demo_round, "885")
    with pytest.raises(StoreError, match="can no longer change"):
        propose(store, demo_round, "885", 3)
    record = propose(store, demo_round, "860", 4)
    with pytest.raises(StoreError, match="apply or reject it before signing off"):
        sign_off(store, demo_round, "860")
    decide(store, record, apply=True)
    assert sign_off(store, demo_round, "860").grade == 4


def test_published_only_after_the_embargo_and_every_sign_off(
    store: Store, demo_round: Round
) -> None:
    after = EMBARGO + dt.timedelta(minutes=1)
    assert not store.is_published(demo_round.id, now=after)
    decide(store, propose(store, demo_round, "885", None, withhold=True), apply=True)
    codes = [a.la_code for a in store.council_assessments(demo_round.id)]
    for code in codes[:-1]:
        if code != "885":
            sign_off(store, demo_round, code)
    assert not store.is_published(demo_round.id, now=after), "one council is not signed off"
    sign_off(store, demo_round, codes[-1])
    assert not store.is_published(demo_round.id, now=EMBARGO - dt.timedelta(seconds=1))
    assert store.is_published(demo_round.id, now=EMBARGO)
    assert store.is_published(demo_round.id, now=after)
    with pytest.raises(StoreError, match="its embargo cannot change"):
        store.set_embargo(
            demo_round.id,
            after + dt.timedelta(days=1),
            actor=PUBLISHER,
            now=after,
            expected_version=demo_round.version,
        )


def test_moving_the_embargo(store: Store, demo_round: Round) -> None:
    later = EMBARGO + dt.timedelta(days=7)
    moved = store.set_embargo(
        demo_round.id, later, actor=PUBLISHER, now=LATER, expected_version=demo_round.version
    )
    assert (moved.embargo_at, moved.version, moved.updated_by) == (later, 2, PUBLISHER)
    assert store.round(demo_round.id).embargo_at == later
    (entry,) = store.audit_log(entity="round", limit=1)
    assert entry.action == "round.set_embargo" and entry.at == LATER
    assert entry.details_json["from"] == EMBARGO.isoformat()
    assert entry.details_json["to"] == later.isoformat()


def test_every_change_is_audited_with_its_actor_and_time(store: Store, demo_round: Round) -> None:
    record = propose(store, demo_round, "885", 3)
    decide(store, record, apply=True)
    record = propose(store, demo_round, "860", 2)
    decide(store, record, apply=False, reason="Not supported by the profile.")
    sign_off(store, demo_round, "885")
    entries = store.audit_log(entity="council_assessment")
    assert [(e.action, e.actor, e.at) for e in reversed(entries)] == [
        ("moderation.propose", INSPECTOR, LATER),
        ("moderation.apply", MODERATOR, LATEST),
        ("moderation.propose", INSPECTOR, LATER),
        ("moderation.reject", MODERATOR, LATEST),
        ("assessment.sign_off", PUBLISHER, LATEST),
    ]
    apply_entry = entries[3]
    assert apply_entry.details_json["la_code"] == "885"
    assert apply_entry.details_json["grade_before"] == 2 and apply_entry.details_json["grade"] == 3
    worcestershire = store.council_assessment(demo_round.id, "885")
    assert {e.entity_id for e in entries if e.details_json["la_code"] == "885"} == {
        str(worcestershire.id)
    }
    assert len(store.audit_log(limit=2)) == 2


def test_unknown_records_are_not_found(store: Store, demo_round: Round) -> None:
    with pytest.raises(RecordNotFound, match="there is no moderation record 999"):
        store.decide_moderation(
            999, apply=True, reason="", actor=MODERATOR, now=NOW, expected_version=1
        )
    with pytest.raises(RecordNotFound, match="has no assessment of council '000'"):
        store.sign_off(demo_round.id, "000", actor=PUBLISHER, now=NOW, expected_version=1)
