"""Fixtures for the store tests: every repository test runs on SQLite and on PostgreSQL.

PostgreSQL is a real throwaway server started once per session from the Debian package's
binaries (see ``postgres_server.py``; the ``postgres_server`` fixture is in the root
``conftest.py``, shared with the web tests), with a fresh database per test. Without the
binaries the PostgreSQL variants fail when ``CI`` is set and are skipped otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from postgres_server import PostgresServer
from store_helpers import CHEAP_HASHER, EMBARGO, NOW

from csrating.store import DatasetLoad, Round, Store, open_store
from factories import create_round

ENGINES = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def postgres_template(postgres_server: PostgresServer) -> str:
    """Return the name of a database migrated to head, to copy for each test."""
    name = postgres_server.create_database()
    open_store(postgres_server.url(name)).close()
    return name


@pytest.fixture(params=ENGINES)
def engine_name(request: pytest.FixtureRequest) -> str:
    """Return the database engine a test runs on: ``sqlite`` or ``postgresql``."""
    return str(request.param)


@pytest.fixture
def database_url(engine_name: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Return the URL of an empty database, on SQLite (a temp file) or PostgreSQL."""
    if engine_name == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = server.create_database()
    try:
        yield server.url(name)
    finally:
        server.drop_database(name)


@pytest.fixture
def store_url(engine_name: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Return the URL of a database already migrated to head (a copy on PostgreSQL)."""
    if engine_name == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = server.create_database(template=request.getfixturevalue("postgres_template"))
    try:
        yield server.url(name)
    finally:
        server.drop_database(name)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """Return a migrated store on an empty database (cheap password hashing)."""
    opened = open_store(store_url, password_hasher=CHEAP_HASHER)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def demo_load(store: Store, national_demo: Path) -> DatasetLoad:
    """Return the accepted load of the national demo dataset (seed 2009, scale 1.0)."""
    return store.load_dataset(national_demo, name="Demo 2009", actor="analyst@ofsted.test", now=NOW)


@pytest.fixture
def demo_round(store: Store, demo_load: DatasetLoad) -> Round:
    """Return a rating-2009 round on the demo data, embargoed until 9 December 2009."""
    return create_round(
        store,
        demo_load,
        framework_id="rating-2009",
        embargo_at=EMBARGO,
        actor="analyst@ofsted.test",
        now=NOW,
    )
