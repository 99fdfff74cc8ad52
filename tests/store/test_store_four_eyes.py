"""Four eyes in the store: whoever proposed a moderation cannot apply it."""

from __future__ import annotations

import pytest
from store_helpers import NOW

from csrating.store import ModerationStatus, Round, Store, StoreError
from factories import reassess

MODERATOR = "moderator@ofsted.test"


def _propose(store: Store, round_: Round) -> int:
    return store.propose_moderation(
        round_.id,
        "885",
        to_grade=4,
        withhold=False,
        reason="Strong evidence.",
        actor=MODERATOR,
        now=NOW,
        expected_version=store.council_assessment(round_.id, "885").version,
    ).id


def _decide(store: Store, round_: Round, record_id: int, actor: str, **options: object) -> object:
    return store.decide_moderation(
        record_id,
        apply=True,
        reason="",
        actor=actor,
        now=NOW,
        expected_version=store.council_assessment(round_.id, "885").version,
        reassess=reassess(store, round_.id),
        **options,  # type: ignore[arg-type]
    )


def test_the_proposer_cannot_apply_their_own_moderation(store: Store, demo_round: Round) -> None:
    record_id = _propose(store, demo_round)
    version = store.council_assessment(demo_round.id, "885").version
    with pytest.raises(StoreError, match="cannot apply it: another moderator must"):
        _decide(store, demo_round, record_id, MODERATOR.upper())
    assert store.council_assessment(demo_round.id, "885").version == version
    assert store.moderation_record(record_id).status is ModerationStatus.DRAFT
    _decide(store, demo_round, record_id, "second.moderator@ofsted.test")
    assert store.moderation_record(record_id).status is ModerationStatus.APPLIED


def test_four_eyes_can_be_switched_off(store: Store, demo_round: Round) -> None:
    record_id = _propose(store, demo_round)
    _decide(store, demo_round, record_id, MODERATOR, four_eyes=False)
    assert store.moderation_record(record_id).status is ModerationStatus.APPLIED
