"""Comparisons over time: a council page's section, and two councils side by side.

``/rounds/{id}/compare?a=CODE&b=CODE`` is drawn on the server from a GET form with two
council lists, so it works without JavaScript. It shows figures, never ratings. Anyone
may compare the councils whose pages they may open; before publication a council user
may also choose their statistical neighbours, whose figures their own page shows already,
and no other council. The public may compare once the round is published.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from markupsafe import Markup

from csrating.presentation.comparison import (
    METHOD_NOTES,
    CouncilComparison,
    PairComparison,
    SeriesRow,
    comparison_chart,
    comparison_sections,
    line_glance,
    line_summary,
    pair_chart,
    pair_series_table,
    series_table,
)
from csrating.publish._comparison import LineView, series_table_html
from csrating.reference import Geography
from csrating.web.authz import Access, Action, guard
from csrating.web.pages._common import page, services_of

__all__ = ["comparison_section", "router"]

router = APIRouter(include_in_schema=False)


def _council_links(round_id: int) -> Callable[[SeriesRow], str | None]:
    """Link each council's row of a table to its page, but the page's own council's."""

    def href(row: SeriesRow) -> str | None:
        if row.la_code is None or row.kind == "own":
            return None
        return f"/rounds/{round_id}/councils/{row.la_code}"

    return href


def comparison_section(comparison: CouncilComparison, round_id: int) -> dict[str, object]:
    """Return what the council page's comparison section draws (``round_id`` for links)."""
    council = comparison.council
    href = _council_links(round_id)
    return {
        "council": council.name,
        "region": council.region,
        "neighbours": comparison.neighbours,
        "notes": METHOD_NOTES,
        "sections": [
            (
                heading,
                [
                    LineView(
                        line.slug,
                        line.heading,
                        line.polarity_text,
                        line_glance(line),
                        line_summary(comparison, line),
                        Markup(comparison_chart(comparison, line)),  # noqa: S704 - escaped SVG
                        series_table_html(series_table(comparison, line), href),
                    )
                    for line in lines
                ],
            )
            for heading, lines in comparison_sections(comparison.lines)
        ],
    }


def _pair_sections(pair: PairComparison, round_id: int) -> list[tuple[str, list[LineView]]]:
    href = _council_links(round_id)
    return [
        (
            heading,
            [
                LineView(
                    line.slug,
                    line.heading,
                    line.polarity_text,
                    "",
                    "",
                    Markup(pair_chart(pair, line)),  # noqa: S704 - escaped SVG
                    series_table_html(pair_series_table(pair, line), href),
                )
                for line in lines
            ],
        )
        for heading, lines in comparison_sections(pair.lines)
    ]


def _chosen(places: Geography, text: str | None) -> str | None:
    """Return the DfE code of the council a form field names (DfE or ONS code, or
    name), or ``None``."""
    if not text:
        return None
    found = places.find(text.strip())
    return found.la_code if found is not None else None


@router.get("/rounds/{round_id}/compare")
def compare(
    request: Request,
    access: Annotated[Access, Depends(guard(Action.VIEW_COUNCIL))],
    a: str | None = None,
    b: str | None = None,
) -> Response:
    """Show two councils side by side over every period (a form chooses them)."""
    services = services_of(request)
    round_ = access.round
    assert round_ is not None
    data = services.round_data(round_)
    places = data.rated.geography
    own = access.viewer.la_code
    allowed = {
        c.la_code
        for c in places.councils
        if access.can(Action.VIEW_COUNCIL, c.la_code)
        or (own is not None and c.la_code in places.neighbours(own))
    }
    first, second = _chosen(places, a), _chosen(places, b)
    errors: dict[str, str] = {}
    for field, code in (("a", first), ("b", second)):
        if code is not None and code not in allowed:
            errors[field] = (
                "Before the results are published you can compare your council with its "
                "statistical neighbours only"
            )
    if a is not None and first is None:
        errors["a"] = "Choose the first council from the list"
    if b is not None and second is None:
        errors["b"] = "Choose the second council from the list"
    if first is not None and first == second:
        errors["b"] = "Choose a second council different from the first"
    pair = None
    if first is not None and second is not None and not errors:
        pair = data.comparison.pair(first, second)
    councils = sorted(
        (c for c in places.councils if c.la_code in allowed),
        key=lambda c: (c.name.casefold(), c.la_code),
    )
    default = access.viewer.la_code or councils[0].la_code
    chosen_a = first if first in allowed else default
    chosen_b = second if second in allowed else next(iter(places.neighbours(chosen_a)), chosen_a)
    title = (
        f"{pair.first.name} and {pair.second.name} compared"
        if pair is not None
        else "Compare two councils"
    )
    context = {
        "title": title,
        "councils": [(c.la_code, c.name) for c in councils],
        "chosen": {"a": chosen_a, "b": chosen_b},
        "pair": pair,
        "sections": _pair_sections(pair, round_.id) if pair is not None else [],
        "errors": errors,
    }
    return page(request, access, "compare.html", context, status_code=400 if errors else 200)
