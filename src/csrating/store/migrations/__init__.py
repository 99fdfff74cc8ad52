"""Alembic migrations of the store's schema, run from :mod:`csrating.store.migrate`."""
