"""The start page and the shared stylesheets."""

from __future__ import annotations

from importlib import resources
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response

from csrating.web.authz import Access, Action, guard
from csrating.web.pages._common import page, services_of
from csrating.web.services import round_title

router = APIRouter(include_in_schema=False)

_MEDIA = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".png": "image/png",
    ".ico": "image/x-icon",
}


@router.get("/")
def home(request: Request, access: Annotated[Access, Depends(guard(Action.VIEW_HOME))]) -> Response:
    """Show the start page: published results, or when they will be published."""
    services = services_of(request)
    rounds = services.round_list()
    published = [{"id": r.id, "title": round_title(r)} for r, public in rounds if public]
    waiting = [r.embargo_at for r, public in rounds if not public]
    return page(
        request,
        access,
        "home.html",
        {
            "title": "Start",
            "published_rounds": published,
            "next_embargo": min(waiting) if waiting else None,
        },
    )


def _asset(package: str, folder: str, name: str) -> Response:
    suffix = name[name.rfind(".") :] if "." in name else ""
    if "/" in name or "\\" in name or name.startswith(".") or suffix not in _MEDIA:
        raise HTTPException(404, f"There is no file {name}.")
    try:
        data = resources.files(package).joinpath(folder, name).read_bytes()
    except (FileNotFoundError, IsADirectoryError, ModuleNotFoundError):
        raise HTTPException(404, f"There is no file {name}.") from None
    return Response(
        data, media_type=_MEDIA[suffix], headers={"Cache-Control": "public, max-age=3600"}
    )


@router.get("/assets/{name}", dependencies=[Depends(guard(Action.VIEW_HOME))])
def shared_asset(name: str) -> Response:
    """Serve the shared stylesheet and council filter script from ``csrating/assets``."""
    return _asset("csrating", "assets", name)


@router.get("/static/{name}", dependencies=[Depends(guard(Action.VIEW_HOME))])
def web_asset(name: str) -> Response:
    """Serve the web application's own stylesheet from ``csrating/web/static``."""
    return _asset("csrating.web", "static", name)
