"""The audit log: one append-only entry per change, written in the change's transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from csrating.store.models import AuditEntry

SYSTEM = "system"
"""The actor recorded for changes made by the software itself (set-up, migrations)."""


def record(
    session: Session,
    *,
    at: dt.datetime,
    actor: str,
    action: str,
    entity: str,
    entity_id: object,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add an audit entry to ``session``'s transaction (committed with the change).

    Args:
        session: the session making the change.
        at: when the change happened (UTC).
        actor: who made it: a user's e-mail address, or ``"system"``.
        action: what was done, ``noun.verb`` (e.g. ``"moderation.apply"``).
        entity: the kind of record changed (e.g. ``"council_assessment"``).
        entity_id: its identifier.
        details: JSON-ready facts about the change (before and after values, reasons).
    """
    entry = AuditEntry(
        at=at,
        actor=actor,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        details_json=dict(details or {}),
    )
    session.add(entry)
    return entry


def entries(
    session: Session,
    *,
    limit: int = 200,
    entity: str | None = None,
    entity_id: object | None = None,
) -> list[AuditEntry]:
    """Return audit entries, newest first, optionally for one kind of record or one record."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(max(limit, 0))
    if entity is not None:
        query = query.where(AuditEntry.entity == entity)
    if entity_id is not None:
        query = query.where(AuditEntry.entity_id == str(entity_id))
    return list(session.scalars(query))
