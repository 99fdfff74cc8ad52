"""The Jinja2 environment of the pages: autoescaped, strict, with the formatting filters."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from importlib import metadata
from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from csrating.formatting import LONDON, comparison_word, figure, long_date, long_time, percent
from csrating.reference import geography, vintages
from csrating.scales import CouncilRating
from csrating.web.authz import Viewer

__all__ = ["LONDON", "csrating_version", "render_page", "templates"]

_Value = TypeVar("_Value")

STATE_LABELS = {
    "provisional": "Provisional",
    "moderated": "Moderated",
    "signed_off": "Signed off",
    "withheld": "Withheld",
    "draft": "Waiting for a decision",
    "applied": "Applied",
    "rejected": "Rejected",
}

ROLE_LABELS = {
    "public": "public",
    "council": "council user",
    "inspector": "inspector",
    "moderator": "moderator",
    "publisher": "publisher",
}

AUDIT_ACTIONS = {
    "user.add": "User added",
    "user.enable": "User enabled",
    "user.disable": "User disabled",
    "user.reset_password": "Password reset",
    "user.end_sessions": "Sessions ended",
    "session.start": "Signed in",
    "session.end": "Signed out",
    "sign_in.fail": "Sign-in failed",
    "sign_in.lockout": "Sign-in locked",
    "dataset.accept": "Dataset loaded",
    "dataset.refuse": "Dataset refused",
    "round.create": "Round created",
    "round.set_embargo": "Embargo changed",
    "moderation.propose": "Moderation proposed",
    "moderation.apply": "Moderation applied",
    "moderation.reject": "Moderation rejected",
    "assessment.sign_off": "Signed off",
}
"""How the audit log page words the store's action codes (unknown codes shown as they are)."""

INSPECTION_KINDS = {
    "safeguarding_lac": "Inspection of safeguarding and looked after children services",
    "jar": "Joint area review",
    "unannounced_cra": "Unannounced inspection of contact, referral and assessment",
}


def _optional(write: Callable[[_Value], str]) -> Callable[[_Value | None], str]:
    """Let a template filter take ``None`` (and write nothing for it)."""

    def written(value: _Value | None) -> str:
        return "" if value is None else write(value)

    return written


def _rating_label(grade: int | None) -> str:
    return "withheld" if grade is None else CouncilRating(int(grade)).label


def _council_name(code: str) -> str:
    for vintage in vintages():
        found = geography(vintage).find(str(code))
        if found is not None:
            return found.name
    return str(code)


def _state_label(state: Any) -> str:
    key = str(getattr(state, "value", state))
    return STATE_LABELS.get(key, key.replace("_", " ").capitalize())


def _details(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    return json.dumps(value) if not isinstance(value, str) else value


def _build() -> Environment:
    env = Environment(
        loader=PackageLoader("csrating.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.filters.update(
        long_date=_optional(long_date),
        long_time=_optional(long_time),
        percent=percent,
        details=_details,
        audit_action=lambda code: AUDIT_ACTIONS.get(code, code),
    )
    env.globals.update(
        number=figure,
        comparison=comparison_word,
        rating_label=_rating_label,
        council_name=_council_name,
        state_label=_state_label,
        inspection_kind=lambda kind: INSPECTION_KINDS.get(kind, kind.replace("_", " ")),
    )
    return env


templates = _build()
"""The one template environment."""


@functools.cache
def csrating_version() -> str:
    """Return the installed csrating version (shown in every page's footer).

    Read once per process: reading the package's metadata takes about 0.3 ms, a tenth of
    what rendering a signed-in page costs.
    """
    try:
        return metadata.version("csrating")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a checkout
        return "unknown"


def render_page(
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    viewer: Viewer,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """Render ``template`` with the layout's context and return the response."""
    settings = request.app.state.settings
    full: dict[str, Any] = {
        "viewer": viewer,
        "service_name": settings.service_name,
        "role_label": ROLE_LABELS.get(viewer.audience.value, viewer.audience.value),
        "errors": {},
        "demonstration": False,
        "title": settings.service_name,
        "contact": settings.contact,
        "version": csrating_version(),
    }
    full.update(context)
    html = templates.get_template(template).render(full)
    return HTMLResponse(html, status_code=status_code, headers=headers)
