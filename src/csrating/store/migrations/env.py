"""Alembic environment: migrate the store's schema on the connection the store passes in.

:func:`csrating.store.migrate.upgrade` opens a write transaction and hands its connection
over in ``config.attributes["connection"]``; run from the ``alembic`` command instead,
this connects to ``sqlalchemy.url`` (or ``CSRATING_DATABASE_URL``) itself.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from csrating.store.engine import database_url, make_engine, writer
from csrating.store.models import Base

config = context.config
target_metadata = Base.metadata


def run_offline() -> None:
    """Write the migration's SQL for ``sqlalchemy.url`` instead of running it."""
    context.configure(
        url=database_url(config.get_main_option("sqlalchemy.url")),
        target_metadata=target_metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Run the migrations on the given connection, or on a new one."""
    connection = config.attributes.get("connection")
    if isinstance(connection, Connection):
        _run(connection)
        return
    engine = make_engine(database_url(config.get_main_option("sqlalchemy.url")))
    try:
        with writer(engine).begin() as own:
            _run(own)
    finally:
        engine.dispose()


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
