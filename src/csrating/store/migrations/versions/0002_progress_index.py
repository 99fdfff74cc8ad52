"""Index a round's council records by state and version, for its progress in one look-up.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02

Every web request reads how many of a round's councils are still open and the sum of
their record versions (:mod:`csrating.store.views`); with this covering index the
database reads the index alone instead of each record (whose assessment JSON makes the
rows large).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_council_assessments_round_id_state_version"


def upgrade() -> None:
    """Create the covering index of round, state and version."""
    op.create_index(INDEX, "council_assessments", ["round_id", "state", "version"])


def downgrade() -> None:
    """Drop the index."""
    op.drop_index(INDEX, table_name="council_assessments")
