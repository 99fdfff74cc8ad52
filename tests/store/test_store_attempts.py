"""Sign-in attempts in the store: places taken atomically, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading

from store_helpers import CHEAP_HASHER, NOW, count

from csrating.store import AttemptLimit, Refusal, Reservation, Store, open_store

WINDOW = dt.timedelta(minutes=15)


def _limits(email: str = "someone@example.org", address: str = "192.0.2.1") -> list[AttemptLimit]:
    return [AttemptLimit("account", email, 5), AttemptLimit("address", address, 5)]


def test_eighty_reservations_at_once_give_exactly_five_places(store_url: str) -> None:
    """Many processes (here threads with their own connections) reserving at once: the
    count and the insert are one step, so exactly the limit gets through."""
    # Three stores of up to 15 connections each: within the test server's 50.
    stores = [open_store(store_url, password_hasher=CHEAP_HASHER) for _ in range(3)]
    results: list[Reservation | Refusal] = []
    lock = threading.Lock()
    start = threading.Barrier(80)

    def reserve(store: Store) -> None:
        start.wait()
        taken = store.reserve_sign_in(_limits(), now=NOW, window=WINDOW)
        with lock:
            results.append(taken)

    threads = [threading.Thread(target=reserve, args=(stores[n % 3],)) for n in range(80)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        for store in stores:
            store.close()
    assert sum(isinstance(r, Reservation) for r in results) == 5
    assert sum(isinstance(r, Refusal) for r in results) == 75


def test_places_leave_the_window_and_old_rows_are_deleted(store: Store) -> None:
    """A refusal says when a place frees up; by then the old rows are gone."""
    for minute in range(5):
        taken = store.reserve_sign_in(
            _limits(), now=NOW + dt.timedelta(minutes=minute), window=WINDOW
        )
        assert isinstance(taken, Reservation)
    refused = store.reserve_sign_in(_limits(), now=NOW + dt.timedelta(minutes=5), window=WINDOW)
    assert isinstance(refused, Refusal) and refused.until == NOW + WINDOW
    later = NOW + WINDOW + dt.timedelta(seconds=1)
    assert isinstance(store.reserve_sign_in(_limits(), now=later, window=WINDOW), Reservation)
    assert count(store.engine, "login_attempts") == 2 * 5


def test_a_success_gives_its_places_back(store: Store) -> None:
    """A right password leaves nothing counted."""
    taken = store.reserve_sign_in(_limits(), now=NOW, window=WINDOW)
    assert isinstance(taken, Reservation)
    store.sign_in_succeeded(taken)
    assert count(store.engine, "login_attempts") == 0


def test_a_failure_is_audited_and_the_fifth_is_a_lockout(store: Store) -> None:
    """Every failure is audited; the one that fills a limit is audited as a lockout."""
    store.add_user("someone@example.org", "long enough", "inspector", actor="test", now=NOW)
    filled: list[list[str]] = []
    for n in range(5):
        taken = store.reserve_sign_in(_limits(address=f"192.0.2.{n % 2}"), now=NOW, window=WINDOW)
        assert isinstance(taken, Reservation)
        filled.append(
            store.sign_in_failed(
                taken, email="someone@example.org", address="192.0.2.1", now=NOW, window=WINDOW
            )
        )
    assert filled == [[], [], [], [], ["account"]]
    actions = [e.action for e in store.audit_log(limit=10)]
    assert actions.count("sign_in.fail") == 5 and actions.count("sign_in.lockout") == 1
