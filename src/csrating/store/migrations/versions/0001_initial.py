"""Create the store: users, sessions, dataset loads, rounds, assessments, moderation, audit.

Revision ID: 0001
Revises:
Create Date: 2024-05-01

Frozen: this file does not import the models, so later model changes cannot alter what it
creates. The audit table is append-only: triggers refuse UPDATE and DELETE on it.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ENUM_LENGTH = 20


def _when(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _enum(name: str, values: Sequence[str]) -> sa.Enum:
    return sa.Enum(
        *values, name=name, native_enum=False, create_constraint=False, length=_ENUM_LENGTH
    )


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


ROLES = ("inspector", "moderator", "publisher", "council")
LOAD_STATUSES = ("accepted", "refused")
STATES = ("provisional", "moderated", "signed_off", "withheld")
MODERATION_STATUSES = ("draft", "applied", "rejected")

_SQLITE_TRIGGERS = (
    """
    CREATE TRIGGER trg_audit_entries_no_update BEFORE UPDATE ON audit_entries
    BEGIN
        SELECT RAISE(ABORT, 'audit_entries is append-only: an entry cannot be changed');
    END
    """,
    """
    CREATE TRIGGER trg_audit_entries_no_delete BEFORE DELETE ON audit_entries
    BEGIN
        SELECT RAISE(ABORT, 'audit_entries is append-only: an entry cannot be deleted');
    END
    """,
)

_POSTGRESQL_TRIGGERS = (
    """
    CREATE FUNCTION audit_entries_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'audit_entries is append-only: % is not allowed', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END
    $$
    """,
    """
    CREATE TRIGGER trg_audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()
    """,
    """
    CREATE TRIGGER trg_audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only()
    """,
)


def upgrade() -> None:
    """Create every table, constraint, index and the audit table's triggers."""
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("role", _enum("role", ROLES), nullable=False),
        sa.Column("la_code", sa.String(3), nullable=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
        sa.CheckConstraint(_when("role", ROLES), name=op.f("ck_users_role")),
        sa.CheckConstraint("email = lower(email)", name=op.f("ck_users_email_lower_case")),
        sa.CheckConstraint(
            "(role = 'council' AND la_code IS NOT NULL) OR (role <> 'council' AND la_code IS NULL)",
            name=op.f("ck_users_council_has_la_code"),
        ),
    )
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("expires_at", _utc(), nullable=False),
        sa.Column("last_seen_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_web_sessions_token_hash")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_web_sessions_user_id_users")
        ),
    )
    op.create_index(op.f("ix_web_sessions_user_id"), "web_sessions", ["user_id"])
    op.create_table(
        "dataset_loads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("loaded_at", _utc(), nullable=False),
        sa.Column("loaded_by", sa.String(320), nullable=False),
        sa.Column("status", _enum("load_status", LOAD_STATUSES), nullable=False),
        sa.Column("report_json", sa.JSON(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dataset_loads")),
        sa.CheckConstraint(_when("status", LOAD_STATUSES), name=op.f("ck_dataset_loads_status")),
    )
    op.create_table(
        "rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("framework_id", sa.String(40), nullable=False),
        sa.Column("cut_off", sa.Date(), nullable=False),
        sa.Column("embargo_at", _utc(), nullable=False),
        sa.Column("dataset_load_id", sa.Integer(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("created_by", sa.String(320), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.Column("updated_by", sa.String(320), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rounds")),
        sa.ForeignKeyConstraint(
            ["dataset_load_id"],
            ["dataset_loads.id"],
            name=op.f("fk_rounds_dataset_load_id_dataset_loads"),
        ),
        sa.CheckConstraint("version >= 1", name=op.f("ck_rounds_version_positive")),
    )
    op.create_index(op.f("ix_rounds_dataset_load_id"), "rounds", ["dataset_load_id"])
    op.create_table(
        "council_assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("la_code", sa.String(3), nullable=False),
        sa.Column("state", _enum("assessment_state", STATES), nullable=False),
        sa.Column("provisional_grade", sa.Integer(), nullable=True),
        sa.Column("grade", sa.Integer(), nullable=True),
        sa.Column("assessment_json", sa.JSON(), nullable=False),
        sa.Column("signed_off_at", _utc(), nullable=True),
        sa.Column("signed_off_by", sa.String(320), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.Column("updated_by", sa.String(320), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_council_assessments")),
        sa.ForeignKeyConstraint(
            ["round_id"], ["rounds.id"], name=op.f("fk_council_assessments_round_id_rounds")
        ),
        sa.UniqueConstraint(
            "round_id", "la_code", name=op.f("uq_council_assessments_round_id_la_code")
        ),
        sa.CheckConstraint(_when("state", STATES), name=op.f("ck_council_assessments_state")),
        sa.CheckConstraint(
            "provisional_grade IS NULL OR provisional_grade BETWEEN 1 AND 4",
            name=op.f("ck_council_assessments_provisional_grade_range"),
        ),
        sa.CheckConstraint(
            "grade IS NULL OR grade BETWEEN 1 AND 4",
            name=op.f("ck_council_assessments_grade_range"),
        ),
        sa.CheckConstraint("version >= 1", name=op.f("ck_council_assessments_version_positive")),
    )
    op.create_table(
        "moderation_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("council_assessment_id", sa.Integer(), nullable=False),
        sa.Column("status", _enum("moderation_status", MODERATION_STATUSES), nullable=False),
        sa.Column("proposed_by", sa.String(320), nullable=False),
        sa.Column("proposed_at", _utc(), nullable=False),
        sa.Column("from_grade", sa.Integer(), nullable=True),
        sa.Column("to_grade", sa.Integer(), nullable=True),
        sa.Column("withhold", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(320), nullable=True),
        sa.Column("decided_at", _utc(), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_moderation_records")),
        sa.ForeignKeyConstraint(
            ["council_assessment_id"],
            ["council_assessments.id"],
            name=op.f("fk_moderation_records_council_assessment_id_council_assessments"),
        ),
        sa.CheckConstraint(
            _when("status", MODERATION_STATUSES), name=op.f("ck_moderation_records_status")
        ),
        sa.CheckConstraint(
            "length(trim(reason)) > 0", name=op.f("ck_moderation_records_reason_not_empty")
        ),
        sa.CheckConstraint(
            "from_grade IS NULL OR from_grade BETWEEN 1 AND 4",
            name=op.f("ck_moderation_records_from_grade_range"),
        ),
        sa.CheckConstraint(
            "to_grade IS NULL OR to_grade BETWEEN 1 AND 4",
            name=op.f("ck_moderation_records_to_grade_range"),
        ),
        sa.CheckConstraint(
            "(withhold AND to_grade IS NULL) OR (NOT withhold AND to_grade IS NOT NULL)",
            name=op.f("ck_moderation_records_withhold_or_grade"),
        ),
    )
    op.create_index(
        op.f("ix_moderation_records_council_assessment_id"),
        "moderation_records",
        ["council_assessment_id"],
    )
    op.create_table(
        "audit_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", _utc(), nullable=False),
        sa.Column("actor", sa.String(320), nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("entity", sa.String(60), nullable=False),
        sa.Column("entity_id", sa.String(60), nullable=False),
        sa.Column("details_json", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entries")),
    )
    op.create_index(
        op.f("ix_audit_entries_entity_entity_id"), "audit_entries", ["entity", "entity_id"]
    )
    dialect = op.get_bind().dialect.name
    triggers = _POSTGRESQL_TRIGGERS if dialect == "postgresql" else _SQLITE_TRIGGERS
    for statement in triggers:
        op.execute(statement)


def downgrade() -> None:
    """Drop everything :func:`upgrade` created."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS trg_audit_entries_no_truncate ON audit_entries")
        op.execute("DROP TRIGGER IF EXISTS trg_audit_entries_no_change ON audit_entries")
        op.execute("DROP FUNCTION IF EXISTS audit_entries_append_only()")
    for table in (
        "audit_entries",
        "moderation_records",
        "council_assessments",
        "rounds",
        "dataset_loads",
        "web_sessions",
        "users",
    ):
        op.drop_table(table)
