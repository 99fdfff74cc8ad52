"""Moderation: inspectors and moderators propose; moderators apply or reject, with reasons.

Four eyes (:attr:`~csrating.web.settings.WebSettings.four_eyes`, on by default): the
person who proposed a moderation cannot apply it (403); another moderator must.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from csrating.errors import ConcurrentEdit, StoreError
from csrating.store.workflow import same_person
from csrating.web.authz import Access, Action, guard
from csrating.web.pages._common import (
    FormData,
    conflict_page,
    form_data,
    parse_version,
    services_of,
)
from csrating.web.pages.council import council_page

router = APIRouter(include_in_schema=False)

GRADES = {"1", "2", "3", "4"}

FOUR_EYES_REFUSAL = (
    "You proposed this moderation, so another moderator must apply it. You may reject it "
    "to withdraw it."
)


def _council_link(access: Access) -> str:
    assert access.round is not None
    return f"/rounds/{access.round.id}/councils/{access.la_code}"


def _conflict(request: Request, access: Access, error: ConcurrentEdit) -> Response:
    services = services_of(request)
    assert access.round is not None and access.la_code is not None
    record = services.record(access.round, access.la_code)
    return conflict_page(
        request,
        access,
        error,
        changed_by=record.updated_by,
        changed_at=record.updated_at,
        back=_council_link(access) + "#moderation",
        back_text="See the council as it is now",
    )


@router.post("/rounds/{round_id}/councils/{la_code}/moderation")
def propose(
    request: Request,
    access: Annotated[Access, Depends(guard(Action.PROPOSE_MODERATION, csrf=True))],
    form: Annotated[FormData, Depends(form_data)],
) -> Response:
    """Propose a new grade for a council, or withholding its rating, with a reason."""
    services = services_of(request)
    assert access.round is not None and access.la_code is not None
    errors: dict[str, str] = {}
    choice = form.get("to_grade", "")
    reason = form.get("reason", "").strip()
    version = parse_version(form)
    if choice not in GRADES and choice != "withhold":
        errors["to_grade"] = "Choose the rating the council should have, or withhold it"
    if not reason:
        errors["reason"] = "Enter the reason for the moderation"
    if version is None:
        errors["to_grade"] = errors.get("to_grade") or (
            "The form is incomplete: reload the page and try again"
        )
    if errors:
        return council_page(request, access, errors=errors, form=form, status_code=400)
    assert version is not None
    try:
        services.store.propose_moderation(
            access.round.id,
            access.la_code,
            to_grade=None if choice == "withhold" else int(choice),
            withhold=choice == "withhold",
            reason=reason,
            actor=access.viewer.name,
            now=services.clock(),
            expected_version=version,
        )
    except ConcurrentEdit as error:
        return _conflict(request, access, error)
    except StoreError as error:
        return council_page(
            request, access, errors={"to_grade": _sentence(error)}, form=form, status_code=400
        )
    return RedirectResponse(_council_link(access) + "#moderation", status_code=303)


@router.post("/rounds/{round_id}/councils/{la_code}/moderations/{record_id}/decision")
def decide(
    request: Request,
    record_id: int,
    access: Annotated[Access, Depends(guard(Action.DECIDE_MODERATION, csrf=True))],
    form: Annotated[FormData, Depends(form_data)],
) -> Response:
    """Apply or reject a proposed moderation, with a reason."""
    services = services_of(request)
    assert access.round is not None and access.la_code is not None
    history = services.moderation_history(access.round, access.la_code)
    proposal = next((m for m in history if m.id == record_id), None)
    if proposal is None:
        raise HTTPException(404, f"{access.la_code} has no moderation record {record_id}.")
    decision = form.get("decision", "")
    four_eyes = request.app.state.settings.four_eyes
    if decision == "apply" and four_eyes and same_person(proposal.proposed_by, access.viewer.name):
        raise HTTPException(403, FOUR_EYES_REFUSAL)
    reason = form.get("decision_reason", "").strip()
    version = parse_version(form)
    errors: dict[str, str] = {}
    if decision not in ("apply", "reject") or version is None:
        errors["decision_reason"] = "Choose Apply or Reject"
    elif decision == "reject" and not reason:
        errors["decision_reason"] = "Enter the reason for rejecting the moderation"
    if errors:
        return council_page(request, access, errors=errors, form=form, status_code=400)
    assert version is not None
    try:
        services.store.decide_moderation(
            record_id,
            apply=decision == "apply",
            reason=reason,
            actor=access.viewer.name,
            now=services.clock(),
            expected_version=version,
            reassess=services.reassess(access.round),
            four_eyes=four_eyes,
        )
    except ConcurrentEdit as error:
        return _conflict(request, access, error)
    except StoreError as error:
        return council_page(
            request, access, errors={"decision_reason": _sentence(error)}, status_code=400
        )
    return RedirectResponse(_council_link(access) + "#moderation", status_code=303)


def _sentence(error: Exception) -> str:
    text = str(error)
    return text[:1].upper() + text[1:]
