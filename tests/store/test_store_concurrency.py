"""Concurrent moderation cannot lose an edit: stale writes raise ConcurrentEdit."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from store_helpers import NOW, count

from csrating.errors import ConcurrentEdit
from csrating.store import ModerationStatus, Round, Store, StoreError
from factories import reassess

FIRST = "moderator.one@ofsted.test"
SECOND = "moderator.two@ofsted.test"
LATER = NOW + dt.timedelta(minutes=5)
STALE_MESSAGE = (
    r"Worcestershire \(885\) in round \d+ was changed by moderator\.one@ofsted\.test at "
    r"2009-11-02 09:05 UTC since you opened it; reload and try again"
)


def test_the_second_of_two_moderators_gets_a_clear_conflict(
    store: Store, demo_round: Round
) -> None:
    opened = store.council_assessment(demo_round.id, "885")
    record = store.propose_moderation(
        demo_round.id,
        "885",
        to_grade=3,
        withhold=False,
        reason="Strong evidence from the unannounced inspection.",
        actor="inspector@ofsted.test",
        now=NOW,
        expected_version=opened.version,
    )
    # Both moderators open the council's page and read the same version.
    seen_by_first = store.council_assessment(demo_round.id, "885").version
    seen_by_second = store.council_assessment(demo_round.id, "885").version
    assert seen_by_first == seen_by_second == opened.version + 1
    audit_before = len(store.audit_log(limit=1000))

    applied = store.decide_moderation(
        record.id,
        apply=True,
        reason="Agreed.",
        actor=FIRST,
        now=LATER,
        expected_version=seen_by_first,
        reassess=reassess(store, demo_round.id),
    )
    with pytest.raises(ConcurrentEdit, match=STALE_MESSAGE) as conflict:
        store.decide_moderation(
            record.id,
            apply=False,
            reason="Not supported.",
            actor=SECOND,
            now=LATER + dt.timedelta(minutes=1),
            expected_version=seen_by_second,
        )

    assert conflict.value.current_version == applied.version == seen_by_first + 1
    assert isinstance(conflict.value, StoreError)
    stored = store.council_assessment(demo_round.id, "885")
    assert (stored.grade, stored.version, stored.updated_by) == (3, applied.version, FIRST)
    decided = store.moderation_record(record.id)
    assert (decided.status, decided.decided_by, decided.decision_reason) == (
        ModerationStatus.APPLIED,
        FIRST,
        "Agreed.",
    )
    log = store.audit_log(limit=1000)
    assert len(log) == audit_before + 1 and log[0].actor == FIRST


def test_two_proposals_on_the_same_version_keep_only_the_first(
    store: Store, demo_round: Round
) -> None:
    version = store.council_assessment(demo_round.id, "860").version

    def propose(actor: str, grade: int) -> None:
        store.propose_moderation(
            demo_round.id,
            "860",
            to_grade=grade,
            withhold=False,
            reason=f"{actor} thinks {grade}.",
            actor=actor,
            now=LATER,
            expected_version=version,
        )

    propose(FIRST, 4)
    with pytest.raises(ConcurrentEdit, match="was changed by moderator.one@ofsted.test"):
        propose(SECOND, 2)
    (record,) = store.moderation_records(demo_round.id)
    assert (record.proposed_by, record.to_grade) == (FIRST, 4)


def test_racing_writers_one_wins_and_the_rest_are_refused(store: Store, demo_round: Round) -> None:
    version = store.council_assessment(demo_round.id, "885").version
    writers = 4
    barrier = threading.Barrier(writers)
    outcomes: list[str] = []
    lock = threading.Lock()

    def propose(number: int) -> None:
        barrier.wait()
        try:
            store.propose_moderation(
                demo_round.id,
                "885",
                to_grade=3 if number % 2 else 4,
                withhold=False,
                reason=f"Writer {number}.",
                actor=f"writer{number}@ofsted.test",
                now=LATER,
                expected_version=version,
            )
            outcome = "stored"
        except ConcurrentEdit:
            outcome = "refused"
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=propose, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["refused"] * (writers - 1) + ["stored"]
    assert count(store.engine, "moderation_records") == 1
    assert store.council_assessment(demo_round.id, "885").version == version + 1
    proposals = [e for e in store.audit_log() if e.action == "moderation.propose"]
    assert len(proposals) == 1


def test_a_stale_embargo_change_is_refused(store: Store, demo_round: Round) -> None:
    store.set_embargo(
        demo_round.id,
        demo_round.embargo_at + dt.timedelta(days=1),
        actor=FIRST,
        now=LATER,
        expected_version=demo_round.version,
    )
    with pytest.raises(ConcurrentEdit, match=r"round \d+ was changed by moderator.one"):
        store.set_embargo(
            demo_round.id,
            demo_round.embargo_at + dt.timedelta(days=2),
            actor=SECOND,
            now=LATER,
            expected_version=demo_round.version,
        )
    assert store.round(demo_round.id).embargo_at == demo_round.embargo_at + dt.timedelta(days=1)
