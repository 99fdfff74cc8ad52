"""Create and upgrade the store's schema with the Alembic migrations shipped in the package.

No ``alembic.ini`` is needed: the configuration is built here, pointing at the
``migrations`` folder beside this module. Upgrades run in one write transaction (on
PostgreSQL under an advisory lock), so two processes starting at once cannot both migrate.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from csrating.errors import StoreError
from csrating.store.engine import writer

MIGRATIONS = Path(__file__).with_name("migrations")
"""The folder holding ``env.py`` and ``versions/``."""

_ADVISORY_LOCK = 7_162_009
"""PostgreSQL advisory lock key held while migrating (any fixed number)."""


def alembic_config(url: str | None = None) -> Config:
    """Return an Alembic configuration for the shipped migrations.

    Args:
        url: the database URL for Alembic commands run without a connection.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision() -> str:
    """Return the newest revision of the shipped migrations."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships revisions
        raise StoreError(f"no migrations found in {MIGRATIONS}")
    return head


def current_revision(engine: Engine) -> str | None:
    """Return the revision the database is at, or ``None`` for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Create or upgrade the schema of ``engine``'s database to the newest revision."""
    with writer(engine).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_ADVISORY_LOCK})")
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def check_schema(engine: Engine) -> None:
    """Refuse a database whose schema is not at the newest revision.

    Raises:
        StoreError: naming the revision found and the one expected.
    """
    found = current_revision(engine)
    head = head_revision()
    if found != head:
        state = f"at revision {found}" if found else "empty"
        raise StoreError(
            f"the database {engine.url.render_as_string(hide_password=True)} is {state}, "
            f"but this version of csrating needs revision {head}: open it with migrate=True "
            "to upgrade it"
        )
