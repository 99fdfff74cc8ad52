"""Filling an empty store in one transaction (the server's first start), on both engines."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import EMBARGO, NOW, count

from csrating.frameworks import load_framework
from csrating.ingest.dataset import Dataset
from csrating.pipeline import RatedRound, rate
from csrating.store import NewUser, Store, StoreError

ACCOUNTS = [
    NewUser("publisher@example.org", "long password 1", "publisher"),
    NewUser("worcs@example.org", "long password 2", "council", "885"),
]


def _rate(dataset: Dataset) -> RatedRound:
    return rate(dataset, load_framework("rating-2009"), moderation={})


def _first_round(store: Store, folder: Path, accounts: list[NewUser] = ACCOUNTS) -> object:
    return store.create_first_round(
        folder, _rate, name="Demo", embargo_at=EMBARGO, accounts=accounts, actor="system", now=NOW
    )


def test_the_first_round_and_its_accounts_come_together_once(
    store: Store, small_demo: Path
) -> None:
    created = _first_round(store, small_demo)
    assert created is not None
    round_, added = created  # type: ignore[misc]
    assert [u.email for u in added] == [a.email for a in ACCOUNTS]
    assert len(store.council_assessments(round_.id)) == 152
    assert _first_round(store, small_demo) is None  # a store with a round is left alone
    assert (len(store.rounds()), len(store.users())) == (1, 2)


def test_a_failure_part_way_leaves_the_store_empty(store: Store, small_demo: Path) -> None:
    """The second account is bad (a council user with no council): nothing is kept."""
    bad = [ACCOUNTS[0], NewUser("nowhere@example.org", "long password 3", "council", None)]
    with pytest.raises(StoreError, match="council"):
        _first_round(store, small_demo, bad)
    for table in ("rounds", "council_assessments", "dataset_loads", "users", "audit_entries"):
        assert count(store.engine, table) == 0, table
    assert _first_round(store, small_demo) is not None
