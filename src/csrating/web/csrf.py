"""CSRF tokens: every state-changing request must carry the session's token.

Forms send it in the hidden ``csrf_token`` field; API clients in the ``X-CSRF-Token``
header. Tokens are compared in constant time, and an empty token never matches.
"""

from __future__ import annotations

import hmac

from fastapi import HTTPException, Request

__all__ = ["CSRF_FIELD", "CSRF_HEADER", "check_csrf", "submitted_token", "tokens_match"]

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"

REFUSAL = (
    "The form has expired or did not come from this site. Go back, reload the page and try again."
)


async def submitted_token(request: Request) -> str:
    """Return the CSRF token a request carries: the header, else the form field."""
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        return value if isinstance(value, str) else ""
    return ""


def tokens_match(expected: str, given: str) -> bool:
    """Compare two tokens in constant time; an empty token never matches."""
    return bool(expected) and bool(given) and hmac.compare_digest(expected, given)


async def check_csrf(request: Request, expected: str) -> None:
    """Refuse (403) a request whose CSRF token is not ``expected``."""
    if not tokens_match(expected, await submitted_token(request)):
        raise HTTPException(403, REFUSAL)
