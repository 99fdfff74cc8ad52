"""D11: the first start is all or nothing. An interrupted bootstrap leaves an empty store
that the next start fills; a store with a round but no accounts says what to do."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import csrating.store.users
from csrating.store import Store, open_store
from csrating.web import FakeClock
from csrating.web.commands import (
    DEMO_ACCOUNTS,
    DEMO_EMBARGO,
    NO_ACCOUNTS,
    bootstrap_demo,
    build_app,
    startup_notes,
)


class Killed(BaseException):
    """Stands for the process being killed (not an Exception: nothing may catch it)."""


def _interrupt_after(monkeypatch: pytest.MonkeyPatch, accounts: int) -> None:
    """Kill the bootstrap as it adds account number ``accounts + 1``."""
    original = csrating.store.users.add_user
    added: list[str] = []

    def add_user(*args: object, **kwargs: object) -> object:
        if len(added) == accounts:
            raise Killed
        added.append(str(kwargs.get("email")))
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(csrating.store.users, "add_user", add_user)


def _contents(store: Store) -> tuple[int, int, int]:
    return len(store.rounds()), len(store.users()), len(store.dataset_loads())


def test_an_interrupted_first_start_leaves_nothing_and_the_next_completes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed after the round and two accounts were made: none of it was kept; started
    again, the store gets the round and every account."""
    url = f"sqlite:///{tmp_path / 'csrating.db'}"
    clock = FakeClock(DEMO_EMBARGO)
    with open_store(url) as store:
        _interrupt_after(monkeypatch, accounts=2)
        with pytest.raises(Killed):
            bootstrap_demo(store, url, now=clock(), out=io.StringIO(), scale=0.05)
        assert _contents(store) == (0, 0, 0)
        monkeypatch.undo()
        accounts = bootstrap_demo(store, url, now=clock(), out=io.StringIO(), scale=0.05)
        assert [a.email for a in accounts] == [email for email, _, _ in DEMO_ACCOUNTS]
        assert _contents(store) == (1, len(DEMO_ACCOUNTS), 1)
        assert startup_notes(store) == []
        assert store.authenticate(accounts[0].email, accounts[0].password) is not None


def test_a_round_without_accounts_says_exactly_what_to_do(tmp_path: Path) -> None:
    """A store left with a round and no accounts (by an older version) is reported at
    start-up with the command that lets someone sign in."""
    url = f"sqlite:///{tmp_path / 'csrating.db'}"
    clock = FakeClock(DEMO_EMBARGO)
    with open_store(url) as store:
        bootstrap_demo(store, url, now=clock(), out=io.StringIO(), scale=0.05)
        with store.session(write=True) as session:
            from sqlalchemy import delete

            from csrating.store import User, WebSession

            session.execute(delete(WebSession))
            session.execute(delete(User))
        assert startup_notes(store) == [NO_ACCOUNTS]
    printed = io.StringIO()
    build_app(url, demo=True, out=printed)
    assert "no user accounts, so no one can sign in" in printed.getvalue()
    assert "csrating users add EMAIL --role publisher" in printed.getvalue()
