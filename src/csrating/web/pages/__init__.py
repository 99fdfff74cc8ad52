"""The server-rendered pages, one router per part of the service."""

from __future__ import annotations

from fastapi import APIRouter

from csrating.web.pages import (
    audit,
    council,
    dashboard,
    home,
    moderation,
    public,
    publication,
    results,
)
from csrating.web.pages import whatif as whatif_page

ROUTERS: tuple[APIRouter, ...] = (
    home.router,
    dashboard.router,
    council.router,
    moderation.router,
    publication.router,
    whatif_page.router,
    results.router,
    public.router,
    audit.router,
)
"""Every page router, in the order the application includes them."""

__all__ = ["ROUTERS"]
