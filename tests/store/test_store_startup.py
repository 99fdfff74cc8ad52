"""Start-up without races: the start-up lock, and two servers preparing one empty database.

Every test runs on SQLite and on PostgreSQL (see ``conftest.py``).
"""

from __future__ import annotations

import fcntl
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from csrating.store import Store, open_store
from csrating.store.startup import STARTUP_LOCK_KEY, lock_file


def someone_else_could_lock(store: Store, url: str) -> bool:
    """Try, without waiting, to take the start-up lock as another process would."""
    path = lock_file(store.engine)
    if store.engine.dialect.name == "postgresql":
        other = create_engine(url)
        try:
            with other.connect() as connection:
                got = connection.execute(
                    text(f"SELECT pg_try_advisory_lock({STARTUP_LOCK_KEY})")
                ).scalar()
                if got:
                    connection.execute(text(f"SELECT pg_advisory_unlock({STARTUP_LOCK_KEY})"))
                return bool(got)
        finally:
            other.dispose()
    assert path is not None
    with open(path, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(handle, fcntl.LOCK_UN)
        return True


def test_the_startup_lock_is_held_by_one_at_a_time(store: Store, store_url: str) -> None:
    assert someone_else_could_lock(store, store_url)
    with store.startup_lock():
        assert not someone_else_could_lock(store, store_url)
    assert someone_else_could_lock(store, store_url)


def test_the_startup_lock_is_released_when_the_block_fails(store: Store, store_url: str) -> None:
    with pytest.raises(RuntimeError), store.startup_lock():
        raise RuntimeError("start-up failed")
    assert someone_else_could_lock(store, store_url)


def test_a_pool_sized_to_the_threads(store_url: str) -> None:
    with open_store(store_url, pool_size=3) as sized:
        assert sized.engine.pool.size() == 3  # type: ignore[attr-defined]
        assert sized.engine.pool._max_overflow == 0  # type: ignore[attr-defined]


PREPARE = textwrap.dedent(
    """
    import sys
    from csrating.web.commands import prepare
    prepare(sys.argv[1], demo=True, scale=0.05)
    """
)


@pytest.mark.slow
def test_two_servers_starting_at_once_load_the_demo_once(database_url: str, tmp_path: Path) -> None:
    """Two processes prepare the same empty database at the same moment: one round, one
    set of demonstration accounts, and neither fails."""
    starts = [
        subprocess.Popen(
            [sys.executable, "-c", PREPARE, database_url],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [start.communicate(timeout=600)[0] for start in starts]
    assert [start.returncode for start in starts] == [0, 0], outputs
    assert sum("DEMONSTRATION ACCOUNTS" in output for output in outputs) == 1, outputs
    with open_store(database_url, migrate=False) as store:
        assert len(store.rounds()) == 1
        assert len(store.users()) == 5
