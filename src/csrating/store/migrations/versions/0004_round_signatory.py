"""Record who signs a round's letters: the signatory's name and role.

Revision ID: 0004
Revises: 0003
Create Date: 2025-06-01

Both columns are optional: a round without a role is signed with its framework's own
signatory (see :class:`csrating.letters.Signatory`), and without a name by the role
alone. Frozen: this file does not import the models.

Chained after 0003 (sign-in attempts); should 0002 (another branch's) be merged, the
chain is 0001, 0002, 0003, 0004.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add ``rounds.signatory_name`` and ``rounds.signatory_role``."""
    with op.batch_alter_table("rounds") as batch:
        batch.add_column(sa.Column("signatory_name", sa.String(200), nullable=True))
        batch.add_column(sa.Column("signatory_role", sa.String(200), nullable=True))


def downgrade() -> None:
    """Drop the signatory columns."""
    with op.batch_alter_table("rounds") as batch:
        batch.drop_column("signatory_role")
        batch.drop_column("signatory_name")
