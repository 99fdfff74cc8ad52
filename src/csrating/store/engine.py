"""Database URLs and engines: SQLite (the default) and PostgreSQL, configured for safety.

SQLite connections run with ``foreign_keys=ON``, ``journal_mode=WAL`` and
``synchronous=FULL``, and transactions are begun explicitly (``BEGIN``, or
``BEGIN IMMEDIATE`` for writes, so two writers queue instead of failing half-way).
"""

from __future__ import annotations

import os
import sqlite3
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import ConnectionPoolEntry, StaticPool

from csrating.errors import StoreError

ENV_VAR = "CSRATING_DATABASE_URL"
"""The environment variable naming the database when no URL is given."""

DEFAULT_URL = "sqlite:///csrating.db"
"""The database used when neither a URL nor :data:`ENV_VAR` is given (current folder)."""

WRITE_OPTION = "csrating_write"
"""Execution option marking a connection that will write (``BEGIN IMMEDIATE`` on SQLite)."""

SQLITE_BUSY_TIMEOUT_SECONDS = 30.0
"""How long a SQLite writer waits for another writer to finish before giving up."""


def database_url(explicit: str | None = None) -> str:
    """Return the database URL to use.

    Args:
        explicit: a URL given by the caller (a command-line option, a setting).

    Returns:
        ``explicit`` if given, else the ``CSRATING_DATABASE_URL`` environment variable,
        else ``sqlite:///csrating.db`` (a file in the current folder).
    """
    if explicit:
        return explicit
    return os.environ.get(ENV_VAR) or DEFAULT_URL


def make_engine(url: str, *, pool_size: int | None = None) -> Engine:
    """Create an engine for ``url`` with the store's connection settings.

    Args:
        url: a SQLAlchemy URL, ``sqlite:///path.db`` or ``postgresql+psycopg://...``.
        pool_size: how many connections to keep open, and the most there will be: the
            number of threads that use the store at once (the web server's worker
            threads). By default SQLAlchemy's (5, and up to 10 more for a while).

    Returns:
        The engine. SQLite in memory (``sqlite://``) uses one shared connection.

    Raises:
        StoreError: the URL is not one the store supports.
    """
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as error:
        raise StoreError(
            f"{url!r} is not a database URL (expected e.g. sqlite:///csrating.db or "
            "postgresql+psycopg://user@host/dbname)"
        ) from error
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(url, parsed.database, pool_size)
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(parsed, pool_pre_ping=True, **_pool(pool_size))
    raise StoreError(
        f"{parsed.drivername!r} databases are not supported (expected sqlite or postgresql)"
    )


def writer(engine: Engine) -> Engine:
    """Return ``engine`` marked for writing: its transactions take the write lock at once."""
    return engine.execution_options(**{WRITE_OPTION: True})


def _pool(size: int | None) -> dict[str, Any]:
    if size is None:
        return {}
    if size < 1:
        raise StoreError(f"a connection pool needs at least one connection (got {size})")
    # One connection per thread that may use the store: no thread waits for another's.
    return {"pool_size": size, "max_overflow": 0}


def _sqlite_engine(url: str, database: str | None, pool_size: int | None = None) -> Engine:
    in_memory = database in (None, "", ":memory:") or "mode=memory" in url
    connect_args: dict[str, Any] = {
        "check_same_thread": False,
        "timeout": SQLITE_BUSY_TIMEOUT_SECONDS,
    }
    if in_memory:
        engine = create_engine(url, connect_args=connect_args, poolclass=StaticPool)
    else:
        engine = create_engine(url, connect_args=connect_args, **_pool(pool_size))
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def _on_sqlite_connect(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
    # Let SQLAlchemy's "begin" event say when a transaction starts, not the driver.
    assert isinstance(dbapi_connection, sqlite3.Connection)
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
    finally:
        cursor.close()


def _on_sqlite_begin(connection: Connection) -> None:
    if connection.get_execution_options().get(WRITE_OPTION):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")
