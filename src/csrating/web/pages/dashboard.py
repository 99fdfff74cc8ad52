"""The round list and the round dashboard: progress, councils by state, distribution."""

from __future__ import annotations

from collections import Counter
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from markupsafe import Markup

from csrating.pipeline import CouncilResult
from csrating.publish import summarise
from csrating.web.authz import Access, Action, guard
from csrating.web.pages._common import page, services_of
from csrating.web.services import round_title
from csrating.web.templating import templates

router = APIRouter(include_in_schema=False)

STATE_ORDER = ("provisional", "moderated", "signed_off", "withheld")
FINAL_STATES = frozenset({"signed_off", "withheld"})


@router.get("/rounds")
def rounds(
    request: Request, access: Annotated[Access, Depends(guard(Action.VIEW_ROUNDS))]
) -> Response:
    """List the rounds; a council user's links go to their own council."""
    services = services_of(request)
    own = access.viewer.la_code
    listed = [
        {
            "id": r.id,
            "title": round_title(r) if not own else f"{round_title(r)}: your council",
            "link": f"/rounds/{r.id}/councils/{own}" if own else f"/rounds/{r.id}",
            "framework_id": r.framework_id,
            "cut_off": r.cut_off,
            "embargo_at": r.embargo_at,
            "published": published,
        }
        for r, published in services.round_list()
    ]
    return page(request, access, "rounds.html", {"title": "Rating rounds", "rounds": listed})


@router.get("/rounds/{round_id}")
def dashboard(
    request: Request,
    access: Annotated[Access, Depends(guard(Action.VIEW_DASHBOARD))],
    state: str = "",
) -> Response:
    """Show a round's progress, its councils by state and the distribution so far."""
    services = services_of(request)
    round_ = access.round
    assert round_ is not None
    rows = services.rows(round_, access.progress)
    counts = Counter(row.state for row in rows)
    by_state = [(name, counts.get(name, 0)) for name in STATE_ORDER]
    done = sum(counts.get(name, 0) for name in FINAL_STATES)
    pending = services.pending_moderations(round_, access.progress)
    shown = [row for row in rows if not state or row.state == state]
    state_filter = state if state in STATE_ORDER else ""
    # A filter that is no state shows no council: one cache entry stands for them all.
    kind = state_filter or ("?" if state else "")
    councils_table = services.fragments.get_or_make(
        ("councils", *access.state, kind),
        lambda: Markup(  # noqa: S704 - an autoescaped template
            templates.get_template("_councils_table.html").render(
                councils=shown, state_filter=state_filter, round=round_
            )
        ),
    )
    return page(
        request,
        access,
        "dashboard.html",
        {
            "title": round_title(round_),
            "councils_table": councils_table,
            "state_filter": state_filter,
            "by_state": by_state,
            "done": done,
            "total": len(rows),
            "outstanding": len(rows) - done,
            "ready": done == len(rows),
            "pending_moderations": pending,
            "summary": services.round_view(round_, _summary, access.progress)["summary"],
            "distribution_caption": "Ratings as they stand now (not yet published)"
            if not access.published
            else "Published ratings",
        },
    )


def _summary(results: list[CouncilResult]) -> dict[str, object]:
    """Count the ratings as they stand (cached by the round's state)."""
    return {"summary": summarise(results)}
