"""The store: users, sessions, dataset loads, rounds, moderation and the audit log.

SQLite by default, PostgreSQL in production; the schema is created and upgraded by the
Alembic migrations shipped here. Open it with :func:`open_store` and use the
:class:`Store` methods: each is one transaction and writes its own audit entry.
"""

from __future__ import annotations

from csrating.errors import ConcurrentEdit, RecordNotFound, StoreError
from csrating.store.attempts import AttemptLimit, Refusal, Reservation
from csrating.store.engine import DEFAULT_URL, ENV_VAR, database_url, make_engine
from csrating.store.migrate import alembic_config, current_revision, head_revision, upgrade
from csrating.store.models import (
    AssessmentState,
    AuditEntry,
    Base,
    CouncilAssessment,
    DatasetLoad,
    LoadStatus,
    LoginAttempt,
    ModerationRecord,
    ModerationStatus,
    Role,
    Round,
    User,
    WebSession,
)
from csrating.store.repository import DEFAULT_SESSION_LIFETIME, NewUser, Store, open_store
from csrating.store.rounds import round_signatory
from csrating.store.users import MIN_PASSWORD_LENGTH
from csrating.store.views import SESSION_ACTIVITY_INTERVAL, RequestView, RoundProgress

__all__ = [
    "DEFAULT_SESSION_LIFETIME",
    "DEFAULT_URL",
    "ENV_VAR",
    "MIN_PASSWORD_LENGTH",
    "SESSION_ACTIVITY_INTERVAL",
    "AssessmentState",
    "AttemptLimit",
    "AuditEntry",
    "Base",
    "ConcurrentEdit",
    "CouncilAssessment",
    "DatasetLoad",
    "LoadStatus",
    "LoginAttempt",
    "ModerationRecord",
    "ModerationStatus",
    "NewUser",
    "RecordNotFound",
    "Refusal",
    "RequestView",
    "Reservation",
    "Role",
    "Round",
    "RoundProgress",
    "Store",
    "StoreError",
    "User",
    "WebSession",
    "alembic_config",
    "current_revision",
    "database_url",
    "head_revision",
    "make_engine",
    "open_store",
    "round_signatory",
    "upgrade",
]
