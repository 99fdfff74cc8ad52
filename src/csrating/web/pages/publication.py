"""Sign-off and the embargo: publishers sign councils off and set the publication time."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from csrating.errors import ConcurrentEdit, StoreError, UsageError
from csrating.publish.embargo import EARLIEST, LATEST, parse_embargo
from csrating.web.authz import Access, Action, guard
from csrating.web.pages._common import (
    FormData,
    conflict_page,
    form_data,
    page,
    parse_version,
    services_of,
)
from csrating.web.pages.council import council_page
from csrating.web.pages.moderation import _sentence
from csrating.web.templating import LONDON

router = APIRouter(include_in_schema=False)

FINAL_STATES = frozenset({"signed_off", "withheld"})


def publication_page(
    request: Request,
    access: Access,
    *,
    errors: dict[str, str] | None = None,
    form: FormData | None = None,
    status_code: int = 200,
) -> Response:
    """Render the sign-off and embargo page (also after a refused form)."""
    services = services_of(request)
    round_ = access.round
    assert round_ is not None
    # After a form, the round may have changed since the guard read it: read it again.
    rows = services.rows(round_, access.progress if request.method == "GET" else None)
    to_sign = [row for row in rows if row.state not in FINAL_STATES]
    local = round_.embargo_at.astimezone(LONDON)
    return page(
        request,
        access,
        "publication.html",
        {
            "title": "Sign-off and embargo",
            "to_sign": to_sign,
            "done": len(rows) - len(to_sign),
            "total": len(rows),
            "can_sign_off": access.can(Action.SIGN_OFF),
            "can_set_embargo": access.can(Action.SET_EMBARGO) and not access.published,
            "embargo_date": local.date().isoformat(),
            "embargo_time": f"{local:%H:%M}",
            "errors": errors or {},
            "form": form or {},
        },
        status_code=status_code,
    )


@router.get("/rounds/{round_id}/publication")
def publication(
    request: Request, access: Annotated[Access, Depends(guard(Action.VIEW_PUBLICATION))]
) -> Response:
    """Show what is left to sign off and the embargo time."""
    return publication_page(request, access)


@router.post("/rounds/{round_id}/councils/{la_code}/sign-off")
def sign_off_council(
    request: Request,
    access: Annotated[Access, Depends(guard(Action.SIGN_OFF, csrf=True))],
    form: Annotated[FormData, Depends(form_data)],
) -> Response:
    """Sign one council off for publication."""
    services = services_of(request)
    assert access.round is not None and access.la_code is not None
    link = f"/rounds/{access.round.id}/councils/{access.la_code}"
    version = parse_version(form)
    if version is None:
        return council_page(
            request,
            access,
            errors={"to_grade": "The form is incomplete: reload the page and try again"},
            status_code=400,
        )
    try:
        services.store.sign_off(
            access.round.id,
            access.la_code,
            actor=access.viewer.name,
            now=services.clock(),
            expected_version=version,
        )
    except ConcurrentEdit as error:
        record = services.record(access.round, access.la_code)
        return conflict_page(
            request,
            access,
            error,
            changed_by=record.updated_by,
            changed_at=record.updated_at,
            back=link,
            back_text="See the council as it is now",
        )
    except StoreError as error:
        return council_page(request, access, errors={"to_grade": _sentence(error)}, status_code=400)
    return RedirectResponse(link, status_code=303)


@router.post("/rounds/{round_id}/sign-off")
def sign_off_all(
    request: Request,
    access: Annotated[Access, Depends(guard(Action.SIGN_OFF, csrf=True))],
    form: Annotated[FormData, Depends(form_data)],
) -> Response:
    """Sign off every council listed on the form, each at the version the form showed."""
    services = services_of(request)
    round_ = access.round
    assert round_ is not None
    versions = {
        key.removeprefix("version_"): parse_version(form, key)
        for key in form
        if key.startswith("version_")
    }
    if not versions or any(v is None for v in versions.values()):
        return publication_page(
            request,
            access,
            errors={"sign-off": "No councils were listed: reload the page and try again"},
            status_code=400,
        )
    conflicts: list[str] = []
    refused: list[str] = []
    now = services.clock()
    for code, version in sorted(versions.items()):
        assert version is not None
        try:
            services.store.sign_off(
                round_.id, code, actor=access.viewer.name, now=now, expected_version=version
            )
        except ConcurrentEdit as error:
            conflicts.append(str(error))
        except StoreError as error:
            refused.append(_sentence(error))
    if conflicts:
        first = ConcurrentEdit(
            f"{len(conflicts)} of the {len(versions)} councils changed after you opened the "
            "page and were not signed off: " + " ".join(conflicts),
            current_version=0,
        )
        return conflict_page(
            request,
            access,
            first,
            changed_by=None,
            changed_at=None,
            back=f"/rounds/{round_.id}/publication",
            back_text="See what is left to sign off",
        )
    if refused:
        return publication_page(
            request, access, errors={"sign-off": " ".join(refused)}, status_code=400
        )
    return RedirectResponse(f"/rounds/{round_.id}/publication", status_code=303)


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(r"[0-9]{2}:[0-9]{2}(:00)?(Z|[+-][0-9]{2}:[0-9]{2})?")


class EmbargoInputError(ValueError):
    """The embargo form's date or time is refused; ``field`` names the one at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def embargo_from_form(form: FormData) -> dt.datetime:
    """Read the embargo form's date and time (UK time, or with an offset) as UTC.

    The date must lie in 2005-2100; the time is on the 24-hour clock, in UK time unless
    it ends with an offset (``+01:00``, ``Z``), which is then honoured. A UK time that
    does not exist (clocks going forward) or happens twice (going back, without an
    offset) is refused. See :func:`csrating.publish.embargo.parse_embargo`.

    Raises:
        EmbargoInputError: naming the field (``embargo_date`` or ``embargo_time``).
    """
    day = form.get("embargo_date", "").strip()
    clock = form.get("embargo_time", "").strip()
    try:
        date = dt.date.fromisoformat(day) if _DATE.fullmatch(day) else None
    except ValueError:
        date = None
    if date is None:
        raise EmbargoInputError(
            "embargo_date", "Enter the embargo date as a real date, for example 2009-12-09"
        )
    if not EARLIEST <= date <= LATEST:
        raise EmbargoInputError(
            "embargo_date",
            f"Enter an embargo date from {EARLIEST.year} to {LATEST.year}, for example 2009-12-09",
        )
    if not _TIME.fullmatch(clock):
        raise EmbargoInputError(
            "embargo_time", "Enter the time on the 24-hour clock, for example 00:01"
        )
    try:
        return parse_embargo(f"{day}T{clock}", option="The embargo time")
    except UsageError as error:
        raise EmbargoInputError("embargo_time", str(error)) from None


@router.post("/rounds/{round_id}/embargo")
def set_embargo(
    request: Request,
    access: Annotated[Access, Depends(guard(Action.SET_EMBARGO, csrf=True))],
    form: Annotated[FormData, Depends(form_data)],
) -> Response:
    """Set the embargo (publication) time, given in UK time."""
    services = services_of(request)
    round_ = access.round
    assert round_ is not None
    errors: dict[str, str] = {}
    when = None
    try:
        when = embargo_from_form(form)
    except EmbargoInputError as error:
        errors[error.field] = str(error)
    version = parse_version(form)
    if version is None:
        errors.setdefault("embargo_date", "The form is incomplete: reload the page and try again")
    if errors:
        return publication_page(request, access, errors=errors, form=form, status_code=400)
    assert version is not None and when is not None
    try:
        services.store.set_embargo(
            round_.id,
            when,
            actor=access.viewer.name,
            now=services.clock(),
            expected_version=version,
        )
    except ConcurrentEdit as error:
        current = services.store.round(round_.id)
        return conflict_page(
            request,
            access,
            error,
            changed_by=current.updated_by,
            changed_at=current.updated_at,
            back=f"/rounds/{round_.id}/publication",
            back_text="See the embargo as it is now",
        )
    except StoreError as error:
        return publication_page(
            request, access, errors={"embargo_date": _sentence(error)}, form=form, status_code=400
        )
    return RedirectResponse(f"/rounds/{round_.id}/publication", status_code=303)
