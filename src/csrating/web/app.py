"""The web application factory: pages, API, security headers and error pages.

``create_app(store, clock=..., settings=...)`` builds a FastAPI application over a
:class:`~csrating.store.Store`. Every route declares what it does through
:func:`csrating.web.authz.guard`; the table in :mod:`csrating.web.authz` decides who may.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from anyio import to_thread
from fastapi import BackgroundTasks, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from csrating.errors import ConcurrentEdit, CsratingError, RecordNotFound
from csrating.web import api
from csrating.web.auth import router as auth_router
from csrating.web.authz import SignInRequired, Viewer, current_viewer
from csrating.web.clock import SystemClock
from csrating.web.pages import ROUTERS
from csrating.web.security import SECURITY_HEADERS, SecurityHeadersMiddleware
from csrating.web.services import Services
from csrating.web.settings import WebSettings
from csrating.web.templating import render_page

if TYPE_CHECKING:
    import datetime as dt

    from csrating.store import Store

__all__ = ["RouteInfo", "create_app", "route_table"]

_log = logging.getLogger("csrating.web")

HEADINGS = {
    400: "There is a problem with your request",
    403: "You cannot see this page",
    404: "Page not found",
    405: "That cannot be done here",
    409: "Someone else changed this first",
    422: "There is a problem with your request",
    429: "Too many attempts",
    500: "Sorry, there is a problem with the service",
}


def create_app(
    store: Store,
    *,
    clock: Callable[[], dt.datetime] | None = None,
    settings: WebSettings | None = None,
) -> FastAPI:
    """Build the web application over ``store``.

    Args:
        store: the opened store (see :func:`csrating.store.open_store`).
        clock: returns the current UTC time; the system clock by default (tests pass a
            :class:`~csrating.web.clock.FakeClock`).
        settings: cookie, session and login settings; :class:`WebSettings` defaults.
    """
    settings = settings or WebSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Blocking work runs on this many threads: as many as the store has connections.
        to_thread.current_default_thread_limiter().total_tokens = settings.threads
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="csrating API",
        description=api.API_DESCRIPTION,
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.openapi = lambda: api.openapi_schema(app)  # type: ignore[method-assign]
    app.state.services = Services(store, clock or SystemClock())
    app.state.settings = settings
    app.add_middleware(SecurityHeadersMiddleware)
    app.include_router(auth_router)
    for router in ROUTERS:
        app.include_router(router)
    app.include_router(api.router)
    _add_error_handlers(app)
    return app


@dataclass(frozen=True)
class RouteInfo:
    """One route of the application: its path, methods, endpoint and dependencies."""

    path: str
    methods: frozenset[str]
    endpoint: Callable[..., object]
    dependencies: tuple[Callable[..., object], ...]

    @property
    def guarded(self) -> bool:
        """Whether the route checks authorisation through :func:`~csrating.web.authz.guard`."""
        return any(getattr(d, "__name__", "").startswith("guard_") for d in self.dependencies)


def route_table(app: FastAPI) -> list[RouteInfo]:
    """Return every route of ``app``, with included routers expanded."""
    try:
        from fastapi.routing import iter_route_contexts

        routes: Iterable[Any] = iter_route_contexts(app.routes)
    except ImportError:  # pragma: no cover - FastAPI before lazy router inclusion
        routes = app.routes
    out = []
    for route in routes:
        dependant = getattr(route, "dependant", None)
        out.append(
            RouteInfo(
                path=str(route.path),
                methods=frozenset(getattr(route, "methods", None) or ()),
                endpoint=route.endpoint,
                dependencies=tuple(_calls(dependant)) if dependant is not None else (),
            )
        )
    return out


def _calls(dependant: Any) -> Iterable[Callable[..., object]]:
    for sub in dependant.dependencies:
        if sub.call is not None:
            yield sub.call
        yield from _calls(sub)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def _viewer(request: Request) -> Viewer:
    try:
        return await current_viewer(request, BackgroundTasks())  # no bookkeeping on errors
    except CsratingError:  # pragma: no cover - the store is down: show the error anyway
        return Viewer()


async def error_response(
    request: Request,
    status: int,
    message: str,
    headers: dict[str, str] | None = None,
    *,
    viewer: Viewer | None = None,
) -> Response:
    """Return an error as JSON for the API, or as a page.

    Args:
        request: the request that failed.
        status: the HTTP status.
        message: what to tell the reader.
        headers: extra response headers (e.g. ``Retry-After``).
        viewer: who is asking, when known; else found from the session (a 500 passes
            the viewer already found, or the public, so a failing store is not asked again).
    """
    if _is_api(request):
        detail = message if status < 500 else f"{HEADINGS[500]}. {message}"
        return JSONResponse({"detail": detail}, status_code=status, headers=headers)
    if viewer is None:
        viewer = await _viewer(request)
    return render_page(
        request,
        "error.html",
        {
            "title": HEADINGS.get(status, "Error"),
            "heading": HEADINGS.get(status, "Error"),
            "message": message,
            "status": status,
            "back": None,
            "back_text": "",
        },
        viewer=viewer,
        status_code=status,
        headers=headers,
    )


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(SignInRequired)
    async def sign_in(request: Request, error: SignInRequired) -> Response:
        if _is_api(request):
            return JSONResponse(
                {"detail": "Sign in to use this: it is not public yet."}, status_code=403
            )
        return RedirectResponse(error.location, status_code=303)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        message = str(error.detail)
        if error.status_code == 404 and message == "Not Found":
            message = "If you typed the web address, check it is correct."
        elif error.status_code == 405 and message == "Method Not Allowed":
            message = "This address does not accept that kind of request."
        return await error_response(
            request, error.status_code, message, dict(error.headers or {}) or None
        )

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": validation_problems(error)}, status_code=422)
        return await error_response(
            request, 400, "Some of the information sent was not in the expected form."
        )

    @app.exception_handler(RecordNotFound)
    async def not_found(request: Request, error: RecordNotFound) -> Response:
        text = str(error)
        return await error_response(request, 404, text[:1].upper() + text[1:] + ".")

    @app.exception_handler(ConcurrentEdit)
    async def conflict(request: Request, error: ConcurrentEdit) -> Response:
        return await error_response(request, 409, str(error))

    @app.exception_handler(CsratingError)
    async def refused(request: Request, error: CsratingError) -> Response:
        text = str(error)
        return await error_response(request, 400, text[:1].upper() + text[1:])

    @app.exception_handler(Exception)
    async def server_error(request: Request, error: Exception) -> Response:
        # Starlette calls this outside every middleware: the headers are added here.
        _log.error("error in %s %s", request.method, request.url.path, exc_info=error)
        # The viewer already found, or the public: a failing store is not asked again.
        known = getattr(request.state, "viewer", None)
        viewer = known if isinstance(known, Viewer) else Viewer()
        response = await error_response(request, 500, SERVER_ERROR_MESSAGE, viewer=viewer)
        for name, value in SECURITY_HEADERS.items():
            response.headers[name] = value
        response.headers["Cache-Control"] = "no-store"
        return response


SERVER_ERROR_MESSAGE = (
    "The service could not do what you asked because of a fault on our side, not "
    "anything you did. Try again later; if it keeps happening, tell the service's team."
)
"""What a 500 says: no details of the fault, which go to the server's log."""


def validation_problems(error: RequestValidationError) -> list[dict[str, Any]]:
    """Return the problems of a request that did not validate, ready for JSON.

    Only where each problem is, what it is and its kind: never the value sent, which may
    be bytes, huge, or not JSON at all.
    """
    problems = []
    for item in error.errors():
        problems.append(
            {
                "loc": [
                    part if isinstance(part, int) else str(part) for part in item.get("loc", ())
                ],
                "msg": str(item.get("msg", "")),
                "type": str(item.get("type", "")),
            }
        )
    return problems
