"""Public results: nothing before publication; the table, map and letters after it."""

from __future__ import annotations

from functools import partial
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from markupsafe import Markup

from csrating.pipeline import CouncilResult
from csrating.publish import (
    map_table_html,
    places_of,
    rating_map,
    rating_values,
    summarise,
)
from csrating.types import LaCode
from csrating.web.authz import Access, Action, guard
from csrating.web.pages._common import page, services_of, shared_page
from csrating.web.services import round_title

router = APIRouter(include_in_schema=False)


@router.get("/results")
def results_index(
    request: Request, access: Annotated[Access, Depends(guard(Action.VIEW_RESULTS))]
) -> Response:
    """List the rounds: published ones link to their results, others say when."""
    services = services_of(request)
    listed = [
        {
            "id": r.id,
            "title": round_title(r),
            "published": published,
            "embargo_at": r.embargo_at,
        }
        for r, published in services.round_list()
    ]
    return page(request, access, "results_index.html", {"title": "Results", "rounds": listed})


@router.get("/results/{round_id}")
async def results(
    request: Request, access: Annotated[Access, Depends(guard(Action.VIEW_RESULTS))]
) -> Response:
    """Show a round's results once published; before that only when they will be."""
    services = services_of(request)
    round_ = access.round
    assert round_ is not None

    def render() -> Response:
        context: dict[str, object] = {"title": round_title(round_)}
        if access.published:
            build = partial(_published_context, round_.id)
            context.update(services.round_view(round_, build, access.progress))
        return page(request, access, "results.html", context)

    return await shared_page(request, access, ("results", *access.state), render)


def _published_context(round_id: int, outcomes: list[CouncilResult]) -> dict[str, object]:
    """Build the published results' table, map and lists (cached by the services); the
    map's hexagons and the table's names link to the councils' pages."""
    summary = summarise(outcomes)

    def link(code: LaCode) -> str:
        return f"/rounds/{round_id}/councils/{code}"

    return dict(
        summary=summary,
        distribution_caption="Councils by rating",
        total=len(outcomes),
        map_svg=Markup(rating_map(outcomes, map_id="results-map", link=link)),  # noqa: S704
        map_table=Markup(  # noqa: S704 - escaped by the publication layer
            map_table_html(
                rating_values(outcomes),
                caption="Rating of each council",
                value_heading="Rating",
                places=places_of(outcomes),
                link=link,
            )
        ),
        councils=sorted(
            (
                {
                    "la_code": r.council.la_code,
                    "name": r.council.name,
                    "region": r.council.region,
                    "grade": r.assessment.rating.value if r.assessment.rating else None,
                }
                for r in outcomes
            ),
            key=lambda c: (str(c["name"]).casefold(), c["la_code"]),
        ),
    )
