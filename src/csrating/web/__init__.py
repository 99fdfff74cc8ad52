"""The web application: moderation, sign-off and embargoed publication for inspectors,
their own profile, letter and what-if for councils, and the public results.

Build it with :func:`create_app`; run it with ``csrating serve``.
"""

from __future__ import annotations

from csrating.web.app import create_app
from csrating.web.clock import Clock, FakeClock, SystemClock
from csrating.web.settings import WebSettings

__all__ = ["Clock", "FakeClock", "SystemClock", "WebSettings", "create_app"]
