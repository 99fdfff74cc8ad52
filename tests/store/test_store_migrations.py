"""The schema: Alembic upgrades an empty database to head through one chain of revisions
and back down it, and the models match it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import CheckConstraint, Column, Engine, Integer, MetaData, inspect
from store_helpers import check_constraint_names

from csrating.store import (
    Base,
    StoreError,
    alembic_config,
    current_revision,
    database_url,
    head_revision,
    make_engine,
    open_store,
    upgrade,
)
from csrating.store.engine import DEFAULT_URL, ENV_VAR, writer

CHAIN = ["0001", "0002", "0003", "0004"]
"""Every revision shipped, oldest first: each revises the one before it."""

PROGRESS_INDEX = "ix_council_assessments_round_id_state_version"


def test_the_migrations_form_one_chain() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_heads() == [CHAIN[-1]]
    for earlier, later in zip([None, *CHAIN], CHAIN, strict=False):
        assert script.get_revision(later).down_revision == earlier


def _migrate(engine: Engine, step: Callable[[Config, str], None], target: str) -> None:
    with writer(engine).begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        step(config, target)


def _schema(engine: Engine) -> tuple[str | None, bool, bool, bool, bool]:
    """Return the revision and whether each revision's work is there: the tables, the
    progress index, the sign-in attempts, the round's signatory."""
    found = inspect(engine)
    tables = set(found.get_table_names())
    indexed = "council_assessments" in tables and PROGRESS_INDEX in {
        index["name"] for index in found.get_indexes("council_assessments")
    }
    signatory = "rounds" in tables and {"signatory_name", "signatory_role"} <= {
        column["name"] for column in found.get_columns("rounds")
    }
    return (
        current_revision(engine),
        "rounds" in tables,
        indexed,
        "login_attempts" in tables,
        signatory,
    )


def test_upgrade_and_downgrade_step_by_step_through_the_chain(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        expected = {
            None: (None, False, False, False, False),
            "0001": ("0001", True, False, False, False),
            "0002": ("0002", True, True, False, False),
            "0003": ("0003", True, True, True, False),
            "0004": ("0004", True, True, True, True),
        }
        assert set(expected) - {None} == set(CHAIN)
        for revision in CHAIN:
            _migrate(engine, command.upgrade, revision)
            assert _schema(engine) == expected[revision]
        for revision, below in reversed(list(zip(CHAIN, [None, *CHAIN], strict=False))):
            assert current_revision(engine) == revision
            _migrate(engine, command.downgrade, below or "base")
            assert _schema(engine) == expected[below]
        upgrade(engine)  # the whole chain again, in one go, to the models exactly
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_upgrade_takes_an_empty_database_to_head(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        assert current_revision(engine) is None
        upgrade(engine)
        assert current_revision(engine) == head_revision() == CHAIN[-1]
        tables = set(inspect(engine).get_table_names())
        assert tables == set(Base.metadata.tables) | {"alembic_version"}
        upgrade(engine)  # a second upgrade finds nothing to do
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_a_round_signatory_migration_adds_and_drops_its_columns(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine)
        columns = {c["name"] for c in inspect(engine).get_columns("rounds")}
        assert {"signatory_name", "signatory_role"} <= columns
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, "0004-1")
        columns = {c["name"] for c in inspect(engine).get_columns("rounds")}
        assert not {"signatory_name", "signatory_role"} & columns
    finally:
        engine.dispose()


def test_models_match_the_migrations(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine)
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_the_comparison_sees_a_model_the_migrations_lack(database_url: str) -> None:
    drifted = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.tables.values():
        table.to_metadata(drifted)
    drifted.tables["rounds"].append_column(Column("notes", Integer()))
    engine = make_engine(database_url)
    try:
        upgrade(engine)
        with engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), drifted)
    finally:
        engine.dispose()
    assert [(d[0], d[2], d[3].name) for d in diff] == [("add_column", "rounds", "notes")]


def test_check_constraints_match_the_migrations(database_url: str) -> None:
    declared = {
        str(c.name)
        for table in Base.metadata.tables.values()
        for c in table.constraints
        if isinstance(c, CheckConstraint)
    }
    engine = make_engine(database_url)
    try:
        upgrade(engine)
        assert check_constraint_names(engine) == declared
    finally:
        engine.dispose()
    assert "ck_moderation_records_reason_not_empty" in declared


def test_a_store_opened_without_migrating_needs_a_current_schema(database_url: str) -> None:
    with pytest.raises(StoreError, match="is empty, but this version of csrating needs"):
        open_store(database_url, migrate=False)
    open_store(database_url).close()
    store = open_store(database_url, migrate=False)
    store.close()


def test_sqlite_runs_with_foreign_keys_wal_and_full_sync(tmp_path: object) -> None:
    store = open_store(f"sqlite:///{tmp_path}/pragmas.db")
    try:
        with store.engine.connect() as connection:
            pragma = connection.exec_driver_sql
            assert pragma("PRAGMA foreign_keys").scalar_one() == 1
            assert pragma("PRAGMA journal_mode").scalar_one() == "wal"
            assert pragma("PRAGMA synchronous").scalar_one() == 2  # FULL
    finally:
        store.close()


def test_in_memory_sqlite_keeps_one_database() -> None:
    store = open_store("sqlite://")
    try:
        assert current_revision(store.engine) == head_revision()
        assert store.rounds() == []
    finally:
        store.close()


def test_the_database_url_comes_from_the_caller_then_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert database_url() == DEFAULT_URL == "sqlite:///csrating.db"
    monkeypatch.setenv(ENV_VAR, "postgresql+psycopg://u@db/csrating")
    assert database_url() == "postgresql+psycopg://u@db/csrating"
    assert database_url("sqlite:///other.db") == "sqlite:///other.db"


def test_unsupported_databases_are_refused_by_name() -> None:
    with pytest.raises(StoreError, match="'mysql' databases are not supported"):
        make_engine("mysql://u@localhost/db")
    with pytest.raises(StoreError, match="is not a database URL"):
        make_engine("not a url")
