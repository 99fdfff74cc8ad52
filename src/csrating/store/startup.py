"""A lock for start-up work that must run in one process only, however many start at once.

Migrations already run one at a time (see :mod:`csrating.store.migrate`); this lock is for
work made of several transactions, such as loading the demonstration round, which two
servers starting together on an empty database would otherwise both do.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine

__all__ = ["STARTUP_LOCK_KEY", "exclusive", "lock_file"]

STARTUP_LOCK_KEY = 7_162_011
"""PostgreSQL advisory lock key held during start-up work (the migrations and
:meth:`~csrating.store.Store.create_first_round` use others)."""


def lock_file(engine: Engine) -> Path | None:
    """Return the file a SQLite database's start-up lock is taken on (``None`` in memory)."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or database in (None, "", ":memory:"):
        return None
    if "mode=memory" in str(engine.url):
        return None
    path = Path(str(database))
    return path.with_name(path.name + ".startup-lock")


@contextmanager
def exclusive(engine: Engine) -> Iterator[None]:
    """Hold the start-up lock of ``engine``'s database for the block (waiting for it)."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            # The lock belongs to this connection's session: keep the connection out of
            # the pool, so closing it (or the process dying) always releases the lock.
            connection.detach()
            connection.exec_driver_sql(f"SELECT pg_advisory_lock({STARTUP_LOCK_KEY})")
            connection.commit()
            yield
        return
    path = lock_file(engine)
    if path is None:
        yield
        return
    with open(path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
