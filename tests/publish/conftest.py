"""Fixtures the publication tests share: the small demo, rated, and its site built once
(and served, with Chromium launched, for the browser tests)."""

from __future__ import annotations

from test_site import rated, site_dir
from test_site_browser import browser, site_url

__all__ = ["browser", "rated", "site_dir", "site_url"]
