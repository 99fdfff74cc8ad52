"""Helpers the page routers share: forms, rendering with the round's context, conflicts."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from csrating.errors import ConcurrentEdit
from csrating.letters.render import render_html
from csrating.publish.marks import notice_tag
from csrating.web.authz import Access, Viewer
from csrating.web.cache import LruCache
from csrating.web.services import Services, round_title
from csrating.web.templating import render_page

if TYPE_CHECKING:
    import datetime as dt

    from csrating.letters import Letter
    from csrating.store import Round

__all__ = [
    "NUL_REFUSAL",
    "FormData",
    "cached",
    "conflict_page",
    "shared_page",
    "form_data",
    "letter_fragment",
    "page",
    "parse_version",
    "services_of",
]

_V = TypeVar("_V")

FormData = dict[str, str]
"""A submitted form: field name to text (the last value of a repeated field)."""


NUL_REFUSAL = (
    "The form contains a character that cannot be stored (a NUL byte, code 0): remove it "
    "and try again."
)


async def form_data(request: Request) -> FormData:
    """Read the submitted form (urlencoded or multipart) as plain text fields.

    Raises:
        HTTPException: 400 for a field holding a NUL byte, which no database stores.
    """
    form = await request.form()
    fields = {key: value for key, value in form.items() if isinstance(value, str)}
    if any("\x00" in key or "\x00" in value for key, value in fields.items()):
        raise HTTPException(400, NUL_REFUSAL)
    return fields


def services_of(request: Request) -> Services:
    """Return the application's :class:`Services`."""
    services: Services = request.app.state.services
    return services


def page(
    request: Request,
    access: Access | Viewer,
    template: str,
    context: dict[str, Any],
    *,
    status_code: int = 200,
) -> HTMLResponse:
    """Render a page; with a round in ``access``, add its title, its demonstration flag
    and its notices (demonstration data, a simulation), which the layout shows first."""
    viewer = access.viewer if isinstance(access, Access) else access
    full: dict[str, Any] = {}
    if isinstance(access, Access):
        full["access"] = access
        if access.round is not None:
            data = services_of(request).round_data(access.round)
            full.update(
                round=access.round,
                round_title=round_title(access.round),
                published=access.published,
                demonstration=data.demonstration,
                notices=[(notice_tag(text), text) for text in data.notices],
            )
    full.update(context)
    return render_page(request, template, full, viewer=viewer, status_code=status_code)


async def shared_page(
    request: Request,
    access: Access,
    key: tuple[Any, ...],
    render: Callable[[], Response],
) -> Response:
    """Return a page that is the same for every member of the public, cached under ``key``.

    ``key`` must hold the versions the page depends on (see :attr:`Access.state`). A page
    in the cache is answered at once; one to build is built on a worker thread. A
    signed-in viewer's page carries their name and CSRF token, so it is rendered each
    time (from cached parts), on a worker thread.
    """
    if access.viewer.signed_in:
        return await run_in_threadpool(render)
    body = await cached(services_of(request).pages, ("page", *key), lambda: bytes(render().body))
    return HTMLResponse(body)


async def cached(cache: LruCache[Any, _V], key: Any, build: Callable[[], _V]) -> _V:
    """Return what ``cache`` holds under ``key``: at once if it is there, else built (once,
    however many ask together) on a worker thread, so the event loop never waits for it."""
    found = cache.get(key)
    if found is not None:
        return found
    return await run_in_threadpool(cache.get_or_make, key, build)


def parse_version(form: FormData, field: str = "version") -> int | None:
    """Return the version a form was rendered with, or ``None`` if missing or garbled."""
    text = form.get(field, "").strip()
    return int(text) if text.isdigit() else None


def conflict_page(
    request: Request,
    access: Access,
    error: ConcurrentEdit,
    *,
    changed_by: str | None,
    changed_at: dt.datetime | None,
    back: str,
    back_text: str,
) -> HTMLResponse:
    """Return the 409 page: the change was not saved; who changed the record, and when."""
    return page(
        request,
        access,
        "conflict.html",
        {
            "title": "Someone else changed this first",
            "message": str(error),
            "changed_by": changed_by,
            "changed_at": changed_at,
            "back": back,
            "back_text": back_text,
        },
        status_code=409,
    )


_HEADING = re.compile(r"<(/?)h([1-6])>")


def letter_fragment(letter: Letter, banner: str | None, *, shift: int = 2) -> Markup:
    """Return a letter as HTML to embed in a page, its headings moved ``shift`` levels down.

    The renderer escapes every piece of text, so the result is safe to mark as markup.
    """
    html = render_html(letter.markdown, title=letter.title, banner=banner, standalone=False)
    shifted = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + shift)}>", html)
    return Markup(shifted)  # noqa: S704 - produced by csrating's escaping renderer


def round_link(round_: Round) -> str:
    """Return the dashboard address of a round."""
    return f"/rounds/{round_.id}"
