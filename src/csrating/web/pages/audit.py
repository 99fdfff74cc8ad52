"""The audit log page: every change, who made it and when."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from csrating.web.authz import Access, Action, guard
from csrating.web.pages._common import page, services_of

router = APIRouter(include_in_schema=False)


@router.get("/audit")
def audit_log(
    request: Request, access: Annotated[Access, Depends(guard(Action.VIEW_AUDIT))]
) -> Response:
    """Show the latest audit entries, newest first."""
    entries = [
        {
            "at": e.at,
            "actor": e.actor,
            "action": e.action,
            "entity": e.entity,
            "entity_id": e.entity_id,
            "details": e.details_json,
        }
        for e in services_of(request).store.audit_log(limit=200)
    ]
    return page(request, access, "audit.html", {"title": "Audit log", "entries": entries})
