"""Helpers for the store tests: table snapshots and raw SQL on the store's engine."""

from __future__ import annotations

import datetime as dt
from typing import Any

from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST
from sqlalchemy import Engine, inspect, text

from csrating.store import Base

CHEAP_HASHER = PasswordHasher.from_parameters(CHEAPEST)
"""A fast argon2 hasher for tests (the store's default parameters are far costlier)."""

NOW = dt.datetime(2009, 11, 2, 9, 0, tzinfo=dt.UTC)
"""When the tests' changes happen: before the 2009 embargo."""

EMBARGO = dt.datetime(2009, 12, 9, 0, 1, tzinfo=dt.UTC)
"""The 2009 rating's publication time (embargo)."""


def table_rows(engine: Engine, table: str) -> list[tuple[Any, ...]]:
    """Return every row of ``table``, ordered by id, as plain tuples."""
    with engine.connect() as connection:
        return [
            tuple(row) for row in connection.execute(text(f"SELECT * FROM {table} ORDER BY id"))
        ]


def snapshot(engine: Engine, *, skip: tuple[str, ...] = ()) -> dict[str, list[tuple[Any, ...]]]:
    """Return the rows of every store table (except ``skip``), to compare before and after."""
    return {name: table_rows(engine, name) for name in Base.metadata.tables if name not in skip}


def count(engine: Engine, table: str, where: str = "1 = 1") -> int:
    """Return how many rows of ``table`` match ``where``."""
    with engine.connect() as connection:
        return int(
            connection.execute(text(f"SELECT count(*) FROM {table} WHERE {where}")).scalar_one()
        )


def check_constraint_names(engine: Engine) -> set[str]:
    """Return the names of the CHECK constraints the database has on the store's tables."""
    inspector = inspect(engine)
    return {
        str(check["name"])
        for table in Base.metadata.tables
        for check in inspector.get_check_constraints(table)
    }
