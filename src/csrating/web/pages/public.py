"""Pages for everyone: find a council, how the ratings are worked out, accessibility.

``/councils?q=`` searches on the server (DfE code, ONS code or any spelling of a name,
with "did you mean" for near misses), so it works without JavaScript; with it, the
shared script ``/assets/council-filter.js`` filters the A to Z list as the reader types.
``/methodology`` describes the newest published round's framework (the inspectorate may
choose any round with ``?round=``) with the same builder as the published site;
``/accessibility`` is the web app's accessibility statement.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response

from csrating.frameworks import DEFAULT_FRAMEWORK, load_framework
from csrating.publish.accessibility import accessibility_statement
from csrating.publish.finder import (
    FILTER_SCRIPT,
    council_list_html,
    finder_entries,
    search_councils,
)
from csrating.publish.marks import notice_tag
from csrating.publish.methodology import build_methodology, methodology_html
from csrating.reference import geography
from csrating.types import LaCode
from csrating.web.authz import Access, Action, guard
from csrating.web.pages._common import page, services_of
from csrating.web.services import EMBARGO_BANNER, round_title
from csrating.web.templating import csrating_version

if TYPE_CHECKING:
    from csrating.store import Round

router = APIRouter(include_in_schema=False)

ACCESSIBILITY = "/accessibility"
METHODOLOGY = "/methodology"
COUNCILS = "/councils"
FILTER_SCRIPT_URL = f"/assets/{FILTER_SCRIPT}"
SEARCH_INPUT = "council-search"
"""The id of the search box; the filter script filters the A to Z list with it too."""

Wanted = Annotated[str | None, Query(alias="round", max_length=20)]
Text = Annotated[str, Query(max_length=100)]


def _visible_rounds(request: Request, access: Access) -> list[Round]:
    """The rounds whose council pages the viewer may open, newest first: published ones,
    and any round for the inspectorate."""
    listed = services_of(request).round_list()  # one read, publication included
    return [r for r, published in listed if access.viewer.is_inspectorate or published]


def _chosen_round(request: Request, access: Access, wanted: str | None) -> Round | None:
    """The round named by ``?round=`` (404 if the viewer may not see it), else the newest."""
    rounds = _visible_rounds(request, access)
    if not wanted:
        return rounds[0] if rounds else None
    found = next((r for r in rounds if str(r.id) == wanted.strip()), None)
    if found is None:
        raise HTTPException(404, f"There are no published results numbered {wanted}.")
    return found


def _round_marks(request: Request, round_: Round | None) -> dict[str, object]:
    """The marks a page about ``round_`` carries, as a round's own pages do: its notices
    (demonstration data, a simulation) as banners and, before it is published (only the
    inspectorate sees it then), the embargo."""
    if round_ is None:
        return {"notices": [], "embargo_notice": None}
    services = services_of(request)
    notices = services.round_data(round_).notices
    return {
        "notices": [(notice_tag(text), text) for text in notices],
        "embargo_notice": None if services.is_published(round_) else EMBARGO_BANNER,
    }


@router.get(COUNCILS)
def councils(
    request: Request,
    access: Annotated[Access, Depends(guard(Action.VIEW_RESULTS))],
    q: Text = "",
    wanted: Wanted = None,
) -> Response:
    """Find a council by name, DfE code or ONS code; without a search, list them A to Z."""
    services = services_of(request)
    round_ = _chosen_round(request, access, wanted)
    rounds = _visible_rounds(request, access)
    if round_ is not None:
        places = services.round_data(round_).rated.geography
        round_id = round_.id

        def href(code: LaCode) -> str:
            return f"/rounds/{round_id}/councils/{code}"

    else:
        places = geography(load_framework(DEFAULT_FRAMEWORK).vintage)

        def href(code: LaCode) -> str:
            return ""

    query = q.strip()
    found = search_councils(places, query) if query else None
    context: dict[str, object] = {
        "title": f"Search results for “{query}”" if query else "Find a council",
        "query": query,
        "round": round_,
        "round_title": round_title(round_) if round_ is not None else None,
        "rounds": [(r.id, round_title(r)) for r in rounds],
        "search_input": SEARCH_INPUT,
        "matches": [(c.name, c.la_code, c.ons_code, href(c.la_code)) for c in found.matches]
        if found
        else [],
        "suggestions": [(c.name, href(c.la_code)) for c in found.suggestions] if found else [],
        "council_list": None
        if query
        else council_list_html(
            finder_entries(places.councils, href=href),
            filter_input=SEARCH_INPUT,
            script=FILTER_SCRIPT_URL,
        ),
        "total": len(places.councils),
        **_round_marks(request, round_),
    }
    return page(request, access, "councils.html", context)


@router.get(METHODOLOGY)
def methodology(
    request: Request,
    access: Annotated[Access, Depends(guard(Action.VIEW_HOME))],
    wanted: Wanted = None,
) -> Response:
    """Explain how the ratings are worked out, from the framework the results used."""
    services = services_of(request)
    round_ = _chosen_round(request, access, wanted)
    if round_ is not None:
        rated = services.round_data(round_).rated
        built = build_methodology(
            rated.framework,
            manifest=rated.manifest,
            # the ratings as they stand (moderation in), of which the builder counts and
            # quotes only what each council's public page shows
            results=services.results(round_),
            demonstration=rated.demonstration,
        )
        about = round_title(round_)
    else:
        built = build_methodology(load_framework(DEFAULT_FRAMEWORK))
        about = None
    body = methodology_html(
        built,
        links={"home": "/results", "councils": COUNCILS, "accessibility": ACCESSIBILITY},
    )
    context: dict[str, object] = {
        "title": "How the ratings are worked out",
        "body": body,
        "about": about,
        "published_yet": round_ is not None,
        **_round_marks(request, round_),
    }
    return page(request, access, "methodology.html", context)


@router.get(ACCESSIBILITY)
def accessibility(
    request: Request, access: Annotated[Access, Depends(guard(Action.VIEW_HOME))]
) -> Response:
    """Show the web application's accessibility statement."""
    settings = request.app.state.settings
    body = accessibility_statement(
        service=settings.service_name,
        kind="web",
        contact=settings.contact,
        version=csrating_version(),
        links={"councils": COUNCILS, "methodology": METHODOLOGY},
    )
    return page(request, access, "page.html", {"title": "Accessibility statement", "body": body})
