"""The schema: Alembic upgrades an empty database to head, and the models match it."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import CheckConstraint, Column, Integer, MetaData, inspect
from store_helpers import check_constraint_names

from csrating.store import (
    Base,
    StoreError,
    current_revision,
    database_url,
    head_revision,
    make_engine,
    open_store,
    upgrade,
)
from csrating.store.engine import DEFAULT_URL, ENV_VAR


def test_upgrade_takes_an_empty_database_to_head(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        assert current_revision(engine) is None
        upgrade(engine)
        assert current_revision(engine) == head_revision()
        tables = set(inspect(engine).get_table_names())
        assert tables == set(Base.metadata.tables) | {"alembic_version"}
        upgrade(engine)  # a second upgrade finds nothing to do
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_a_round_signatory_migration_adds_and_drops_its_columns(database_url: str) -> None:
    from alembic import command

    from csrating.store import alembic_config

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


def _chain() -> list[str]:
    """The shipped revisions from the first to the head, following ``down_revision``."""
    from alembic.script import ScriptDirectory

    from csrating.store import alembic_config

    scripts = ScriptDirectory.from_config(alembic_config())
    assert scripts.get_heads() == [head_revision()]  # one head: no branch left unmerged
    chain = []
    revision = scripts.get_revision(head_revision())
    while revision is not None:
        chain.append(revision.revision)
        down = revision.down_revision
        assert down is None or isinstance(down, str), f"{revision.revision} merges {down}"
        revision = scripts.get_revision(down) if down else None
    return chain[::-1]


def test_the_migrations_form_one_chain_ending_with_the_signatory() -> None:
    chain = _chain()
    assert chain[0] == "0001" and chain[-1] == "0004" == head_revision()
    assert chain == sorted(chain)  # 0001 -> (0002 ->) 0003 -> 0004
    assert {"0001", "0003", "0004"} <= set(chain)


# what each revision adds, so that each step up and down the chain can be checked
_ADDS = {
    "0003": ("login_attempts", None),
    "0004": ("rounds", {"signatory_name", "signatory_role"}),
}


def _has(engine: object, table: str, columns: set[str] | None) -> bool:
    found = inspect(engine)
    if table not in found.get_table_names():
        return False
    return columns is None or columns <= {c["name"] for c in found.get_columns(table)}


def test_every_migration_upgrades_and_downgrades_in_turn(database_url: str) -> None:
    from alembic import command

    from csrating.store import alembic_config

    chain = _chain()
    engine = make_engine(database_url)

    def run(step: str, target: str) -> None:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            getattr(command, step)(config, target)

    try:
        for revision in chain:  # one revision at a time, from an empty database
            run("upgrade", revision)
            assert current_revision(engine) == revision
            if revision in _ADDS:
                assert _has(engine, *_ADDS[revision]), revision
        for revision in reversed(chain):
            if revision in _ADDS:
                assert _has(engine, *_ADDS[revision]), revision
            run("downgrade", "-1")
            assert current_revision(engine) == (
                None if revision == chain[0] else chain[chain.index(revision) - 1]
            )
            if revision in _ADDS:
                assert not _has(engine, *_ADDS[revision]), revision
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        upgrade(engine)  # and back to the head in one go
        assert current_revision(engine) == head_revision()
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
