"""Count sign-in attempts in the database, so every process shares the limit.

Revision ID: 0003
Revises: 0002
Create Date: 2025-06-01

One row per attempt and limited key (the SHA-256 of ``account:...`` or ``address:...``),
written before the password is checked. Frozen: this file does not import the models.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the ``login_attempts`` table and its two indexes."""
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempts")),
    )
    op.create_index(op.f("ix_login_attempts_key_at"), "login_attempts", ["key", "at"])
    op.create_index(op.f("ix_login_attempts_at"), "login_attempts", ["at"])


def downgrade() -> None:
    """Drop the ``login_attempts`` table."""
    op.drop_index(op.f("ix_login_attempts_at"), table_name="login_attempts")
    op.drop_index(op.f("ix_login_attempts_key_at"), table_name="login_attempts")
    op.drop_table("login_attempts")
