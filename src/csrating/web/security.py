"""Security headers on every response, and the flags every cookie is set with."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import Response

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "SECURITY_HEADERS",
    "SecurityHeadersMiddleware",
    "cookie_flags",
]

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)
"""No inline scripts or styles, nothing from elsewhere, never framed."""

SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
"""Headers set on every response."""


class SecurityHeadersMiddleware(BaseHTTPMiddleware):
    """Add :data:`SECURITY_HEADERS` to every response; pages are never cached."""

    async def dispatch(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        """Pass the request on, then add the headers to whatever comes back."""
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if not request.url.path.startswith(("/assets/", "/static/")):
            response.headers.setdefault("Cache-Control", "no-store")
        return response


def cookie_flags(*, secure: bool) -> dict[str, Any]:
    """Return the keyword arguments every ``set_cookie`` call uses."""
    return {"httponly": True, "secure": secure, "samesite": "lax", "path": "/"}
