"""Fixtures the publication tests share: the small demo, rated, and its site built once
(and served for the browser tests, which share the run's Chromium from tests/conftest.py)."""

from __future__ import annotations

from test_site import rated, site_dir
from test_site_browser import site_url

__all__ = ["rated", "site_dir", "site_url"]
