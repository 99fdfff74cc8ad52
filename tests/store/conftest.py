"""Fixtures for the store tests: every repository test runs on SQLite and on PostgreSQL.

PostgreSQL is a real throwaway server started once per session from the Debian package's
binaries (see ``postgres_server.py``; the ``postgres_server`` fixture is in the root
``conftest.py``, shared with the web tests), with a fresh database per test. Without the
binaries the PostgreSQL variants fail when ``CI`` is set and are skipped otherwise.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
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


@dataclass
class DemoTemplates:
    """Databases holding the national demo's load (``"load"``) or its load and rating-2009
    round (``"round"``), made once per engine and copied for each test that needs them:
    loading and rating the national demo is the dearest step of these tests."""

    folder: Path
    dataset: Path
    made: dict[tuple[str, str], str] = field(default_factory=dict)

    def source(self, engine: str, level: str, server: PostgresServer | None) -> str:
        """The SQLite file or PostgreSQL database to copy, made on first use."""
        key = (engine, level)
        if key not in self.made:
            if server is None:
                name = str(self.folder / f"{level}.db")
                url = f"sqlite:///{name}"
            else:
                name = server.create_database()
                url = server.url(name)
            template = open_store(url, password_hasher=CHEAP_HASHER)
            try:
                load = template.load_dataset(
                    self.dataset, name="Demo 2009", actor="analyst@ofsted.test", now=NOW
                )
                if level == "round":
                    create_round(
                        template,
                        load,
                        framework_id="rating-2009",
                        embargo_at=EMBARGO,
                        actor="analyst@ofsted.test",
                        now=NOW,
                    )
            finally:
                template.close()
            self.made[key] = name
        return self.made[key]


TEMPLATE_LEVELS = (("demo_round", "round"), ("demo_load", "load"))
"""The fixtures a copied database stands for, dearest first."""


@pytest.fixture(scope="session")
def demo_templates(tmp_path_factory: pytest.TempPathFactory, national_demo: Path) -> DemoTemplates:
    """The run's demo databases, made as tests first ask for them."""
    return DemoTemplates(tmp_path_factory.mktemp("store-templates"), national_demo)


@pytest.fixture
def store_url(engine_name: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Return the URL of a database already migrated to head (a copy on PostgreSQL), or,
    for a test that uses :func:`demo_load` or :func:`demo_round`, a copy of the database
    that holds them."""
    level = next((lv for fixture, lv in TEMPLATE_LEVELS if fixture in request.fixturenames), None)
    templates: DemoTemplates | None = (
        request.getfixturevalue("demo_templates") if level is not None else None
    )
    if engine_name == "sqlite":
        path = tmp_path / "store.db"
        if templates is not None and level is not None:
            shutil.copyfile(templates.source("sqlite", level, None), path)
        yield f"sqlite:///{path}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    if templates is not None and level is not None:
        template = templates.source("postgresql", level, server)
    else:
        template = request.getfixturevalue("postgres_template")
    name = server.create_database(template=template)
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
def demo_load(store: Store) -> DatasetLoad:
    """Return the accepted load of the national demo dataset (seed 2009, scale 1.0), in a
    copy of the database :class:`DemoTemplates` made."""
    (load,) = store.dataset_loads()
    return load


@pytest.fixture
def demo_round(store: Store, demo_load: DatasetLoad) -> Round:
    """Return a rating-2009 round on the demo data, embargoed until 9 December 2009, in a
    copy of the database :class:`DemoTemplates` made."""
    (round_,) = store.rounds()
    assert round_.dataset_load_id == demo_load.id
    return round_
