"""Rounds: every council assessed and stored in one transaction."""

from __future__ import annotations

import datetime as dt

import pytest
from store_helpers import EMBARGO, NOW, count

from csrating.errors import UnknownFramework
from csrating.frameworks import load_framework
from csrating.letters import Signatory
from csrating.store import (
    AssessmentState,
    DatasetLoad,
    RecordNotFound,
    Round,
    Store,
    StoreError,
    audit,
    round_signatory,
)
from factories import FROZEN, create_round


def test_a_round_stores_one_provisional_assessment_per_council(
    store: Store, demo_round: Round
) -> None:
    assert (demo_round.year, demo_round.framework_id) == (2009, "rating-2009")
    assert demo_round.cut_off == dt.date(2009, 8, 31)
    assert demo_round.embargo_at == EMBARGO and demo_round.version == 1
    assessments = store.council_assessments(demo_round.id)
    assert len(assessments) == 152
    assert len({a.la_code for a in assessments}) == 152
    assert {a.state for a in assessments} == {AssessmentState.PROVISIONAL}
    assert all(a.version == 1 and a.grade == a.provisional_grade for a in assessments)
    assert all(a.assessment_json["la_code"] == a.la_code for a in assessments)
    assert [a.la_code for a in assessments] == sorted(a.la_code for a in assessments)


def test_worcestershire_and_staffordshire_get_their_published_grades(
    store: Store, demo_round: Round
) -> None:
    worcestershire = store.council_assessment(demo_round.id, "885")
    staffordshire = store.council_assessment(demo_round.id, "860")
    assert worcestershire.provisional_grade == 2 and worcestershire.grade == 2
    assert staffordshire.provisional_grade == 3 and staffordshire.grade == 3
    assert worcestershire.assessment_json["label"] == "performs adequately"
    assert staffordshire.assessment_json["label"] == "performs well"
    assert worcestershire.assessment_json["trace"], "the trace is stored"


def test_creating_a_round_is_audited_once(store: Store, demo_round: Round) -> None:
    (entry,) = store.audit_log(entity="round")
    assert (entry.action, entry.actor, entry.at) == ("round.create", "analyst@ofsted.test", NOW)
    assert entry.details_json["councils"] == 152
    assert entry.details_json["framework_id"] == "rating-2009"


def test_a_round_is_all_or_nothing(
    store: Store, demo_load: DatasetLoad, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = audit.record

    def fail_on_round(*args: object, **kwargs: object) -> object:
        if kwargs.get("action") == "round.create":
            raise RuntimeError("the disk is full")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(audit, "record", fail_on_round)
    with pytest.raises(RuntimeError, match="the disk is full"):
        create_round(
            store,
            demo_load,
            framework_id="rating-2009",
            embargo_at=EMBARGO,
            actor="a@x.test",
            now=NOW,
        )
    assert store.rounds() == []
    assert count(store.engine, "council_assessments") == 0


def test_a_round_can_move_the_cut_off(store: Store, demo_load: DatasetLoad) -> None:
    round_ = create_round(
        store,
        demo_load,
        framework_id="rating-2010",
        embargo_at=EMBARGO,
        actor="a@x.test",
        now=NOW,
        cut_off=dt.date(2009, 3, 31),
    )
    assert (round_.framework_id, round_.cut_off) == ("rating-2010", dt.date(2009, 3, 31))
    worcestershire = store.council_assessment(round_.id, "885")
    assert worcestershire.assessment_json["as_at"] == "2009-03-31"
    assessments = store.council_assessments(round_.id)
    assert len(assessments) == 152
    assert {a.assessment_json["as_at"] for a in assessments} == {"2009-03-31"}


def test_rounds_need_an_annual_rating_framework(store: Store, demo_load: DatasetLoad) -> None:
    with pytest.raises(StoreError, match="apa-2006 is not an annual rating framework"):
        create_round(
            store, demo_load, framework_id="apa-2006", embargo_at=EMBARGO, actor="a@x.test", now=NOW
        )
    with pytest.raises(UnknownFramework):
        create_round(
            store,
            demo_load,
            framework_id="rating-1999",
            embargo_at=EMBARGO,
            actor="a@x.test",
            now=NOW,
        )
    with pytest.raises(StoreError, match="has no time zone"):
        create_round(
            store,
            demo_load,
            framework_id="rating-2009",
            embargo_at=dt.datetime(2009, 12, 9),
            actor="a@x.test",
            now=NOW,
        )
    assert store.rounds() == []


def test_missing_rounds_and_councils_are_not_found(store: Store, demo_round: Round) -> None:
    assert [r.id for r in store.rounds()] == [demo_round.id]
    assert store.round(demo_round.id).framework_id == "rating-2009"
    with pytest.raises(RecordNotFound, match="there is no round 999"):
        store.round(999)
    with pytest.raises(RecordNotFound, match="there is no round 999"):
        store.council_assessments(999)
    with pytest.raises(
        RecordNotFound, match="expected the DfE code of one of the round.s councils"
    ):
        store.council_assessment(demo_round.id, "999")


# --- who signs the letters -----------------------------------------------------------


@pytest.fixture
def frozen_load(store: Store) -> DatasetLoad:
    """Return the accepted load of the small hand-made 2009 fixture."""
    return store.load_dataset(FROZEN, name="Frozen 2009", actor="analyst@ofsted.test", now=NOW)


def test_a_round_records_its_signatory_name_and_role(
    store: Store, frozen_load: DatasetLoad
) -> None:
    signatory = Signatory(role="Director, Children's Services Assessment", name="Ann  Example")
    round_ = create_round(
        store, frozen_load, embargo_at=EMBARGO, actor="a@x.test", now=NOW, signatory=signatory
    )

    stored = store.round(round_.id)
    assert (stored.signatory_name, stored.signatory_role) == (
        "Ann Example",
        "Director, Children's Services Assessment",
    )
    framework = load_framework("rating-2009")
    assert round_signatory(stored).lines(framework) == ("Ann Example", signatory.role)
    (entry,) = store.audit_log(entity="round")
    assert entry.details_json["signatory"] == ["Ann Example", signatory.role]


def test_a_round_without_a_signatory_is_signed_by_its_framework_s_own(
    store: Store, frozen_load: DatasetLoad
) -> None:
    round_ = create_round(store, frozen_load, embargo_at=EMBARGO, actor="a@x.test", now=NOW)

    stored = store.round(round_.id)
    assert (stored.signatory_name, stored.signatory_role) == (None, None)
    assert round_signatory(stored) == Signatory()
    framework = load_framework("rating-2009")
    assert round_signatory(stored).lines(framework) == (framework.signatory,)
    (entry,) = store.audit_log(entity="round")
    assert entry.details_json["signatory"] == [framework.signatory]


@pytest.mark.parametrize(
    ("name", "role"), [("   ", "Director"), ("Ann Example", ""), ("x" * 201, "Director")]
)
def test_a_blank_or_overlong_signatory_is_refused_and_nothing_stored(
    store: Store, frozen_load: DatasetLoad, name: str, role: str
) -> None:
    with pytest.raises(StoreError, match="signatory's"):
        create_round(
            store,
            frozen_load,
            embargo_at=EMBARGO,
            actor="a@x.test",
            now=NOW,
            signatory=Signatory(role=role, name=name),
        )
    assert store.rounds() == []
