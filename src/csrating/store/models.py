"""The store's tables as SQLAlchemy 2 typed declarative models.

The schema itself is created and upgraded only by the Alembic migrations in
``store/migrations``; a test checks that these models and the migrations agree, so a
change here needs a new migration. Times are timezone-aware UTC ``datetime`` values on
both engines (see :class:`UTCDateTime`).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy import Enum as SqlEnum
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
"""Constraint names, so that migrations and models name everything the same way."""


class Role(StrEnum):
    """What a user may do; the web layer checks roles, the store records them."""

    INSPECTOR = "inspector"
    MODERATOR = "moderator"
    PUBLISHER = "publisher"
    COUNCIL = "council"


class LoadStatus(StrEnum):
    """Whether a dataset load was accepted or refused as a whole."""

    ACCEPTED = "accepted"
    REFUSED = "refused"


class AssessmentState(StrEnum):
    """Where a council's assessment is in the workflow of a round."""

    PROVISIONAL = "provisional"
    MODERATED = "moderated"
    SIGNED_OFF = "signed_off"
    WITHHELD = "withheld"


class ModerationStatus(StrEnum):
    """Whether a proposed moderation is waiting, was applied or was rejected."""

    DRAFT = "draft"
    APPLIED = "applied"
    REJECTED = "rejected"


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware UTC ``datetime`` on every engine.

    PostgreSQL stores ``timestamp with time zone``; SQLite has no time zones, so values
    are stored as UTC and given back with ``tzinfo=UTC``. Naive values are refused.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        """Convert to UTC on the way in; refuse naive values."""
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"{value.isoformat()} has no time zone (expected UTC)")
        utc = value.astimezone(dt.UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        """Give back an aware UTC value."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def _enum(enum: type[StrEnum], name: str) -> SqlEnum:
    # Stored as VARCHAR holding the value; the CHECK constraint is declared by each table
    # (and by the migration) so its name and text are the same on every engine.
    return SqlEnum(
        enum,
        name=name,
        native_enum=False,
        create_constraint=False,
        length=20,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def _in(column: str, enum: type[StrEnum]) -> str:
    values = ", ".join(f"'{m.value}'" for m in enum)
    return f"{column} IN ({values})"


class Base(DeclarativeBase):
    """Declarative base with the project's naming convention and column types."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        dt.datetime: UTCDateTime(),
        dt.date: Date(),
        dict[str, Any]: JSON(),
        str: Text(),
    }


class User(Base):
    """A person who signs in: inspectorate staff, or a council's user tied to its code."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(_in("role", Role), name="role"),
        CheckConstraint("email = lower(email)", name="email_lower_case"),
        CheckConstraint(
            "(role = 'council' AND la_code IS NOT NULL) OR (role <> 'council' AND la_code IS NULL)",
            name="council_has_la_code",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(_enum(Role, "role"))
    la_code: Mapped[str | None] = mapped_column(String(3))
    created_at: Mapped[dt.datetime]
    active: Mapped[bool]


class WebSession(Base):
    """A signed-in browser session; only the SHA-256 of its cookie token is stored."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime]
    last_seen_at: Mapped[dt.datetime]


class DatasetLoad(Base):
    """One attempt to load a dataset folder, accepted or refused, with its load report."""

    __tablename__ = "dataset_loads"
    __table_args__ = (CheckConstraint(_in("status", LoadStatus), name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str]
    path: Mapped[str]
    loaded_at: Mapped[dt.datetime]
    loaded_by: Mapped[str] = mapped_column(String(320))
    status: Mapped[LoadStatus] = mapped_column(_enum(LoadStatus, "load_status"))
    report_json: Mapped[dict[str, Any]]
    content_hash: Mapped[str] = mapped_column(String(64))


class Round(Base):
    """A year's rating round: a framework applied to an accepted dataset, under embargo."""

    __tablename__ = "rounds"
    __table_args__ = (CheckConstraint("version >= 1", name="version_positive"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int]
    framework_id: Mapped[str] = mapped_column(String(40))
    cut_off: Mapped[dt.date]
    embargo_at: Mapped[dt.datetime]
    dataset_load_id: Mapped[int] = mapped_column(ForeignKey("dataset_loads.id"), index=True)
    created_at: Mapped[dt.datetime]
    created_by: Mapped[str] = mapped_column(String(320))
    updated_at: Mapped[dt.datetime]
    updated_by: Mapped[str] = mapped_column(String(320))
    version: Mapped[int] = mapped_column(Integer)
    signatory_name: Mapped[str | None] = mapped_column(String(200), default=None)
    """Who signs the round's letters by name (``None``: the role alone)."""
    signatory_role: Mapped[str | None] = mapped_column(String(200), default=None)
    """The signatory's role (``None``: the framework's own signatory)."""

    __mapper_args__ = {"version_id_col": version}


class CouncilAssessment(Base):
    """One council's assessment in a round and where it is in the workflow.

    ``provisional_grade`` is the grade the framework's rules gave when the round was
    created (``None`` when they withheld it); ``grade`` is the current grade after any
    applied moderation (``None`` while withheld). ``assessment_json`` is the current
    :meth:`~csrating.frameworks.Assessment.to_dict`, whose trace ends with the
    ``MODERATION`` entry once a moderation is applied.
    """

    __tablename__ = "council_assessments"
    __table_args__ = (
        UniqueConstraint("round_id", "la_code"),
        CheckConstraint(_in("state", AssessmentState), name="state"),
        CheckConstraint(
            "provisional_grade IS NULL OR provisional_grade BETWEEN 1 AND 4",
            name="provisional_grade_range",
        ),
        CheckConstraint("grade IS NULL OR grade BETWEEN 1 AND 4", name="grade_range"),
        CheckConstraint("version >= 1", name="version_positive"),
        # A round's progress (open councils, sum of versions) read from the index alone.
        Index(None, "round_id", "state", "version"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"))
    la_code: Mapped[str] = mapped_column(String(3))
    state: Mapped[AssessmentState] = mapped_column(_enum(AssessmentState, "assessment_state"))
    provisional_grade: Mapped[int | None]
    grade: Mapped[int | None]
    assessment_json: Mapped[dict[str, Any]]
    signed_off_at: Mapped[dt.datetime | None]
    signed_off_by: Mapped[str | None] = mapped_column(String(320))
    version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[dt.datetime]
    updated_by: Mapped[str] = mapped_column(String(320))

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_signed_off(self) -> bool:
        """Whether a publisher signed this council off (a withheld one stays withheld)."""
        return self.signed_off_at is not None


class ModerationRecord(Base):
    """A proposed change of a council's grade (or its withholding) and its decision."""

    __tablename__ = "moderation_records"
    __table_args__ = (
        CheckConstraint(_in("status", ModerationStatus), name="status"),
        CheckConstraint("length(trim(reason)) > 0", name="reason_not_empty"),
        CheckConstraint(
            "from_grade IS NULL OR from_grade BETWEEN 1 AND 4", name="from_grade_range"
        ),
        CheckConstraint("to_grade IS NULL OR to_grade BETWEEN 1 AND 4", name="to_grade_range"),
        CheckConstraint(
            "(withhold AND to_grade IS NULL) OR (NOT withhold AND to_grade IS NOT NULL)",
            name="withhold_or_grade",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    council_assessment_id: Mapped[int] = mapped_column(
        ForeignKey("council_assessments.id"), index=True
    )
    status: Mapped[ModerationStatus] = mapped_column(_enum(ModerationStatus, "moderation_status"))
    proposed_by: Mapped[str] = mapped_column(String(320))
    proposed_at: Mapped[dt.datetime]
    from_grade: Mapped[int | None]
    to_grade: Mapped[int | None]
    withhold: Mapped[bool]
    reason: Mapped[str]
    decided_by: Mapped[str | None] = mapped_column(String(320))
    decided_at: Mapped[dt.datetime | None]
    decision_reason: Mapped[str | None]


class AuditEntry(Base):
    """One change, as it happened: who, when, what and to which record. Append-only.

    The repository only ever inserts; database triggers refuse UPDATE and DELETE.
    """

    __tablename__ = "audit_entries"
    __table_args__ = (Index(None, "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime]
    actor: Mapped[str] = mapped_column(String(320))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[str] = mapped_column(String(60))
    details_json: Mapped[dict[str, Any]]


class LoginAttempt(Base):
    """A sign-in attempt counted against a limit: one row per key, per attempt.

    ``key`` is the SHA-256 (hex) of what is limited, such as ``account:name@example.org``
    or ``address:192.0.2.1``, so every key has the same size whatever was typed. A row is
    written before the password is checked and deleted if it proves right; rows older
    than the limiter's window are deleted as new attempts come.
    """

    __tablename__ = "login_attempts"
    __table_args__ = (Index(None, "key", "at"), Index(None, "at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime]
