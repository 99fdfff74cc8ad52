"""Signing in and out: sessions kept by the store, CSRF tokens, and sign-in limits.

* The session cookie holds a random token; the store keeps only its hash, the user and a
  CSRF token (see :mod:`csrating.store`). Passwords are checked by the store (argon2).
* Every form carries a CSRF token: the session's once signed in; before that (the sign-in
  form) a random token also set in a short-lived cookie (double submit).
* At most :attr:`WebSettings.login_attempts` sign-in attempts per e-mail address and
  :attr:`WebSettings.login_address_attempts` per client address within
  :attr:`WebSettings.login_window`; after that 429. Attempts are counted in the database
  before the password is checked (:mod:`csrating.store.attempts`), so the limit holds for
  many attempts at once, across processes and restarts. Failures and lockouts are
  audited. The client address is the connection's, or, from a trusted reverse proxy
  (:attr:`WebSettings.trusted_proxies`), the one ``X-Forwarded-For`` gives.
"""

from __future__ import annotations

import functools
import ipaddress
import logging
import math
import secrets
from collections.abc import Sequence
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from csrating.store import AttemptLimit, Refusal
from csrating.store.users import MAX_EMAIL_LENGTH, MAX_PASSWORD_LENGTH
from csrating.web.authz import SESSION_COOKIE, Action, Viewer, current_viewer, guard
from csrating.web.csrf import CSRF_FIELD, tokens_match
from csrating.web.security import cookie_flags
from csrating.web.settings import TRUSTED_PROXIES_VAR, Network, WebSettings
from csrating.web.templating import render_page

__all__ = [
    "LOGIN_CSRF_COOKIE",
    "SESSION_COOKIE",
    "client_address",
    "current_viewer",
    "router",
]

LOGIN_CSRF_COOKIE = "csrating_login_csrf"
"""The cookie holding the sign-in form's CSRF token (before there is a session)."""

router = APIRouter()


MAX_LOGIN_BODY = 16 * 1024
"""The largest sign-in form read, in bytes (an e-mail address, a password and two tokens)."""

_log = logging.getLogger("csrating.web")
_warned_untrusted_proxy = False


def client_address(request: Request, proxies: Sequence[Network]) -> str:
    """Return the address the sign-in limit counts a request under.

    The connection's peer, unless the peer is a trusted proxy: then the nearest address
    in ``X-Forwarded-For`` that is not itself a trusted proxy (read from the right, since
    only the entries proxies added can be believed). An IPv6 client is counted by its /64
    network, which one machine can fill with addresses.
    """
    peer = request.client.host if request.client else "unknown"
    forwarded = ",".join(request.headers.getlist("x-forwarded-for"))
    address = peer
    if forwarded and _in(peer, proxies):
        for entry in reversed([part.strip() for part in forwarded.split(",")]):
            address = entry
            if not _in(entry, proxies):
                break
    elif forwarded:
        _warn_untrusted(peer)
    return _counted(address)


def _in(address: str, networks: Sequence[Network]) -> bool:
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(parsed in network for network in networks)


def _counted(address: str) -> str:
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address[:100]  # not an address (a test client, a garbled header)
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def _warn_untrusted(peer: str) -> None:
    global _warned_untrusted_proxy
    if not _warned_untrusted_proxy:
        _warned_untrusted_proxy = True
        _log.warning(
            "a request from %s carries X-Forwarded-For, but %s is not a trusted proxy: "
            "the header is ignored, and everyone behind that proxy shares one sign-in "
            "limit. If it is your reverse proxy, list it in %s (see docs/deploy.md).",
            peer,
            peer,
            TRUSTED_PROXIES_VAR,
        )


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
    """Check the e-mail address and password; start a session or say what was wrong.

    The attempt is counted against the account's and the address's limits before the
    password is checked (see :mod:`csrating.store.attempts`).
    """
    services = request.app.state.services
    settings: WebSettings = request.app.state.settings
    length = request.headers.get("content-length", "")
    if not length.isdigit() or int(length) > MAX_LOGIN_BODY:
        raise HTTPException(
            413, "The sign-in form sent was too large or had no length. Reload the page."
        )
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
    errors: dict[str, str] = {}
    if not email:
        errors["email"] = "Enter your email address"
    elif len(email) > MAX_EMAIL_LENGTH or "\x00" in email:
        errors["email"] = (
            f"Enter an email address of at most {MAX_EMAIL_LENGTH} characters, like "
            "name@example.org"
        )
        email = ""  # not shown again on the form
    if not password:
        errors["password"] = "Enter your password"
    elif len(password) > MAX_PASSWORD_LENGTH or "\x00" in password:
        errors["password"] = f"Enter a password of at most {MAX_PASSWORD_LENGTH} characters"
    if "\x00" in next_path or len(next_path) > 2000:
        next_path = ""
    if errors:
        return _login_page(
            request, viewer, errors=errors, email=email, next_path=next_path, status_code=400
        )
    now = services.clock()
    address = client_address(request, settings.proxy_networks)
    limits = [
        AttemptLimit("account", email.lower(), settings.login_attempts),
        AttemptLimit("address", address, settings.login_address_attempts),
    ]
    taken = await run_in_threadpool(
        services.store.reserve_sign_in, limits, now=now, window=settings.login_window
    )
    if isinstance(taken, Refusal):
        wait = max(1, math.ceil((taken.until - now).total_seconds()))
        minutes = max(1, math.ceil(wait / 60))
        raise HTTPException(
            429,
            f"Too many failed sign-in attempts. For your security, wait {minutes} "
            f"minute{'s' if minutes != 1 else ''} before trying again.",
            headers={"Retry-After": str(wait)},
        )
    # Should the check fail or the client go away, the attempt stays counted.
    user = await run_in_threadpool(services.store.authenticate, email, password)
    if user is None:
        await run_in_threadpool(
            functools.partial(
                services.store.sign_in_failed,
                taken,
                email=email,
                address=address,
                now=now,
                window=settings.login_window,
            )
        )
        return _login_page(
            request,
            viewer,
            errors={"email": "The email address or password is not right"},
            email=email,
            next_path=next_path,
            status_code=400,
        )
    await run_in_threadpool(services.store.sign_in_succeeded, taken)
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
