"""Settings of the web application: cookie flags, session length, login limits, contact."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from csrating.publish.contact import DEFAULT_CONTACT, Contact

__all__ = ["WebSettings"]


@dataclass(frozen=True)
class WebSettings:
    """How the web application behaves; the defaults suit a real deployment.

    Attributes:
        secure_cookies: send cookies with the ``Secure`` flag (browsers still accept them
            over plain HTTP on ``localhost`` and ``127.0.0.1``).
        session_lifetime: how long a sign-in lasts.
        login_attempts: failed sign-ins allowed per email address and per client address
            within ``login_window`` before further attempts are refused with 429.
        login_window: the period over which failed sign-ins are counted.
        service_name: the name in the page header.
        contact: who readers write to about the service (every page's footer and the
            accessibility statement).
    """

    secure_cookies: bool = True
    session_lifetime: dt.timedelta = dt.timedelta(hours=8)
    login_attempts: int = 5
    login_window: dt.timedelta = dt.timedelta(minutes=15)
    service_name: str = "Children's services annual rating"
    contact: Contact = DEFAULT_CONTACT
