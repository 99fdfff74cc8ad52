"""Settings of the web application: cookie flags, session length, login limits, proxies,
contact, threads."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from csrating.errors import UsageError
from csrating.publish.contact import DEFAULT_CONTACT, Contact

__all__ = ["DEFAULT_THREADS", "TRUSTED_PROXIES_VAR", "WebSettings", "parse_networks"]

DEFAULT_THREADS = 16
"""Worker threads per server process, and so database connections per process."""

TRUSTED_PROXIES_VAR = "CSRATING_TRUSTED_PROXIES"
"""The environment variable listing the reverse proxies whose headers are believed."""

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class WebSettings:
    """How the web application behaves; the defaults suit a real deployment.

    Attributes:
        secure_cookies: send cookies with the ``Secure`` flag (browsers still accept them
            over plain HTTP on ``localhost`` and ``127.0.0.1``).
        session_lifetime: how long a sign-in lasts.
        login_attempts: sign-in attempts allowed per account (e-mail address) within
            ``login_window``; a right password does not count. Further attempts are
            refused with 429 before any password is checked.
        login_address_attempts: the same, per client address (an IPv6 client by its
            /64 network). Behind a reverse proxy, list it in ``trusted_proxies`` or
            every user shares the proxy's address, and so this limit.
        login_window: the period over which attempts are counted.
        trusted_proxies: addresses or networks (``"10.0.0.0/8"``) of reverse proxies in
            front of the application. Only for a request from one of them is the client
            address taken from ``X-Forwarded-For``; from anyone else the header is ignored.
        four_eyes: a moderation cannot be applied by the person who proposed it.
        service_name: the name in the page header.
        contact: who readers write to about the service (every page's footer and the
            accessibility statement).
        threads: how many threads a server process runs blocking work on (every database
            read, every page built); the store's connection pool is sized to match.
    """

    secure_cookies: bool = True
    session_lifetime: dt.timedelta = dt.timedelta(hours=8)
    login_attempts: int = 5
    login_address_attempts: int = 5
    login_window: dt.timedelta = dt.timedelta(minutes=15)
    trusted_proxies: tuple[str, ...] = ()
    four_eyes: bool = True
    service_name: str = "Children's services annual rating"
    contact: Contact = DEFAULT_CONTACT
    threads: int = DEFAULT_THREADS

    def __post_init__(self) -> None:
        parse_networks(self.trusted_proxies)
        if self.login_attempts < 1 or self.login_address_attempts < 1:
            raise UsageError("the sign-in limits must allow at least one attempt")
        if self.threads < 1:
            raise UsageError(f"a server process needs at least 1 thread (got {self.threads})")

    @property
    def proxy_networks(self) -> tuple[Network, ...]:
        """``trusted_proxies`` as networks."""
        return parse_networks(self.trusted_proxies)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> WebSettings:
        """Return the default settings with the trusted proxies from the environment.

        ``CSRATING_TRUSTED_PROXIES`` is a comma-separated list of addresses or networks,
        e.g. ``127.0.0.1,10.0.0.0/8``; unset or empty, no proxy is trusted.

        Raises:
            UsageError: an entry is not an address or network.
        """
        env = os.environ if environ is None else environ
        text = env.get(TRUSTED_PROXIES_VAR, "")
        entries = tuple(part.strip() for part in text.split(",") if part.strip())
        return cls(trusted_proxies=entries)

    def to_json(self) -> str:
        """Return every setting as JSON, which :meth:`from_json` reads back unchanged
        (how ``csrating serve`` hands its settings to each worker process)."""
        data: dict[str, Any] = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if isinstance(value, dt.timedelta):
                value = value.total_seconds()
            elif isinstance(value, Contact):
                value = {"team": value.team, "email": value.email}
            elif isinstance(value, tuple):
                value = list(value)
            data[field.name] = value
        return json.dumps(data)

    @classmethod
    def from_json(cls, text: str) -> WebSettings:
        """Return the settings :meth:`to_json` wrote; a setting it lacks keeps its default.

        Raises:
            UsageError: the text is not such settings.
        """
        try:
            data = json.loads(text)
            values: dict[str, Any] = {}
            defaults = cls()
            for field in fields(cls):
                if field.name not in data:
                    continue
                raw = data[field.name]
                default = getattr(defaults, field.name)
                if isinstance(default, dt.timedelta):
                    values[field.name] = dt.timedelta(seconds=float(raw))
                elif isinstance(default, Contact):
                    values[field.name] = Contact(team=str(raw["team"]), email=str(raw["email"]))
                elif isinstance(default, tuple):
                    values[field.name] = tuple(str(item) for item in raw)
                else:
                    values[field.name] = type(default)(raw)
            return cls(**values)
        except (ValueError, TypeError, KeyError) as error:
            raise UsageError(f"the web settings passed to a worker are garbled ({error})") from None


def parse_networks(entries: tuple[str, ...] | list[str]) -> tuple[Network, ...]:
    """Return addresses and networks (``"10.0.0.0/8"``) as networks.

    Raises:
        UsageError: an entry is neither.
    """
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            raise UsageError(
                f"trusted proxy {entry!r} is not an IP address or network (expected e.g. "
                f"127.0.0.1 or 10.0.0.0/8, in {TRUSTED_PROXIES_VAR} separated by commas)"
            ) from None
    return tuple(networks)
