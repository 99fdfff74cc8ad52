"""Signing in and out: sessions kept by the store, CSRF tokens, and login rate limiting.

* The session cookie holds a random token; the store keeps only its hash, the user and a
  CSRF token (see :mod:`csrating.store`). Passwords are checked by the store (argon2).
* Every form carries a CSRF token: the session's once signed in; before that (the sign-in
  form) a random token also set in a short-lived cookie (double submit).
* At most :attr:`WebSettings.login_attempts` failed sign-ins per e-mail address and per
  client address within :attr:`WebSettings.login_window`; after that 429.
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from collections import defaultdict, deque
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from csrating.web.authz import SESSION_COOKIE, Action, Viewer, current_viewer, guard
from csrating.web.csrf import CSRF_FIELD, tokens_match
from csrating.web.security import cookie_flags
from csrating.web.templating import render_page

__all__ = [
    "LOGIN_CSRF_COOKIE",
    "LoginLimiter",
    "SESSION_COOKIE",
    "current_viewer",
    "router",
]

LOGIN_CSRF_COOKIE = "csrating_login_csrf"
"""The cookie holding the sign-in form's CSRF token (before there is a session)."""

router = APIRouter()


class LoginLimiter:
    """Count failed sign-ins per e-mail address and per client address in a sliding window."""

    def __init__(self, attempts: int, window: dt.timedelta) -> None:
        self.attempts = attempts
        self.window = window
        self._failures: defaultdict[str, deque[dt.datetime]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: str, now: dt.datetime) -> deque[dt.datetime]:
        times = self._failures[key]
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def blocked(self, keys: list[str], now: dt.datetime) -> dt.datetime | None:
        """Return when the earliest blocking key frees up, or ``None`` if none blocks."""
        with self._lock:
            until = [
                self._recent(key, now)[0] + self.window
                for key in keys
                if len(self._recent(key, now)) >= self.attempts
            ]
        return max(until) if until else None

    def failed(self, keys: list[str], now: dt.datetime) -> None:
        """Record a failed sign-in under every key."""
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)


def _client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _safe_next(target: str | None) -> str:
    """Return ``target`` if it is a path on this site, else ``/``."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


def _landing(viewer_user: Any, services: Any) -> str:
    role = str(getattr(viewer_user.role, "value", viewer_user.role))
    if role != "council":
        return "/rounds"
    rounds = services.rounds()
    if rounds:
        return f"/rounds/{rounds[0].id}/councils/{viewer_user.la_code}"
    return "/"


def _login_page(
    request: Request,
    viewer: Viewer,
    *,
    errors: dict[str, str] | None = None,
    email: str = "",
    next_path: str = "",
    status_code: int = 200,
) -> Response:
    settings = request.app.state.settings
    token = secrets.token_urlsafe(32)
    response = render_page(
        request,
        "login.html",
        {
            "title": "Sign in",
            "errors": errors or {},
            "email": email,
            "next": next_path,
            "login_csrf": token,
        },
        viewer=viewer,
        status_code=status_code,
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        max_age=3600,
        **cookie_flags(secure=settings.secure_cookies),
    )
    return response


@router.get("/login", include_in_schema=False, dependencies=[Depends(guard(Action.SIGN_IN))])
async def login_form(
    request: Request, viewer: Annotated[Viewer, Depends(current_viewer)], next: str = ""
) -> Response:
    """Show the sign-in form."""
    return _login_page(request, viewer, next_path=_safe_next(next) if next else "")


@router.post("/login", include_in_schema=False, dependencies=[Depends(guard(Action.SIGN_IN))])
async def login(request: Request, viewer: Annotated[Viewer, Depends(current_viewer)]) -> Response:
    """Check the e-mail address and password; start a session or say what was wrong."""
    services = request.app.state.services
    settings = request.app.state.settings
    limiter: LoginLimiter = request.app.state.login_limiter
    form = await request.form()
    email = str(form.get("email", "")).strip()
    password = str(form.get("password", ""))
    next_path = str(form.get("next", ""))
    if not tokens_match(request.cookies.get(LOGIN_CSRF_COOKIE, ""), str(form.get(CSRF_FIELD, ""))):
        raise HTTPException(
            403,
            "The sign-in form has expired or did not come from this site. Reload the sign-in "
            "page and try again.",
        )
    now = services.clock()
    keys = [f"email:{email.lower()}", f"address:{_client_address(request)}"]
    until = limiter.blocked(keys, now)
    if until is not None:
        minutes = max(1, int((until - now).total_seconds() // 60) + 1)
        raise HTTPException(
            429,
            f"Too many failed sign-in attempts. For your security, wait {minutes} "
            f"minute{'s' if minutes != 1 else ''} before trying again.",
            headers={"Retry-After": str(max(1, int((until - now).total_seconds())))},
        )
    errors: dict[str, str] = {}
    if not email:
        errors["email"] = "Enter your email address"
    if not password:
        errors["password"] = "Enter your password"
    if errors:
        return _login_page(
            request, viewer, errors=errors, email=email, next_path=next_path, status_code=400
        )
    user = await run_in_threadpool(services.store.authenticate, email, password)
    if user is None:
        limiter.failed(keys, now)
        return _login_page(
            request,
            viewer,
            errors={"email": "The email address or password is not right"},
            email=email,
            next_path=next_path,
            status_code=400,
        )
    old = request.cookies.get(SESSION_COOKIE)
    if old:
        await run_in_threadpool(services.store.end_session, old, now=now)
    token, _ = await run_in_threadpool(
        services.store.start_session, user, now=now, lifetime=settings.session_lifetime
    )
    target = _safe_next(next_path) if next_path else _landing(user, services)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(settings.session_lifetime.total_seconds()),
        **cookie_flags(secure=settings.secure_cookies),
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/")
    return response


@router.post(
    "/logout",
    include_in_schema=False,
    dependencies=[Depends(guard(Action.SIGN_OUT, csrf=True))],
)
async def logout(request: Request) -> Response:
    """End the session and go back to the start page."""
    services = request.app.state.services
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        await run_in_threadpool(services.store.end_session, token, now=services.clock())
    response = RedirectResponse("/", status_code=303)
    settings = request.app.state.settings
    response.delete_cookie(
        SESSION_COOKIE, path="/", secure=settings.secure_cookies, httponly=True, samesite="lax"
    )
    return response
