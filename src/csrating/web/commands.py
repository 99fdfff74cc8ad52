"""What ``csrating serve`` and ``csrating users add`` do (the CLI only wires them up).

``serve(..., demo=True)`` bootstraps an empty store: it generates the demonstration
dataset beside the database, loads it, creates the 2009 round (embargo 00:01 on
9 December 2009, UK time) and adds one demonstration account per role, printing their
passwords once. The load, round and accounts are stored in one transaction, so an
interrupted first start leaves an empty store that the next start fills; a store with a
round but no accounts is reported at start-up with the command that fixes it.
"""

from __future__ import annotations

import datetime as dt
import getpass
import secrets
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO
from zoneinfo import ZoneInfo

from csrating.errors import UsageError

if TYPE_CHECKING:
    from csrating.letters import Signatory

__all__ = [
    "DEMO_EMBARGO",
    "DEMO_FRAMEWORK",
    "NO_ACCOUNTS",
    "DemoAccount",
    "add_user",
    "bootstrap_demo",
    "build_app",
    "demo_data_dir",
    "serve",
    "startup_notes",
]

DEMO_FRAMEWORK = "rating-2009"
"""The framework of the demonstration round."""

DEMO_EMBARGO = dt.datetime(2009, 12, 9, 0, 1, tzinfo=ZoneInfo("Europe/London")).astimezone(dt.UTC)
"""When the 2009 ratings were published: 00:01 on 9 December 2009, UK time (as UTC)."""

DEMO_ACCOUNTS: tuple[tuple[str, str, str | None], ...] = (
    ("inspector@demo.csrating.test", "inspector", None),
    ("moderator@demo.csrating.test", "moderator", None),
    ("publisher@demo.csrating.test", "publisher", None),
    ("worcestershire@demo.csrating.test", "council", "885"),
    ("staffordshire@demo.csrating.test", "council", "860"),
)
"""Demonstration accounts: e-mail address, role and (for council users) council code."""


@dataclass(frozen=True)
class DemoAccount:
    """A demonstration account and its password (shown once)."""

    email: str
    role: str
    la_code: str | None
    password: str


def demo_data_dir(url: str) -> Path:
    """Return the folder for demonstration data: beside a SQLite database, else here."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return Path(str(parsed.database)).resolve().parent / "csrating-data"
    return Path.cwd() / "csrating-data"


def bootstrap_demo(
    store: object,
    url: str,
    *,
    now: dt.datetime,
    out: TextIO = sys.stdout,
    scale: float = 1.0,
    password: Callable[[], str] = lambda: secrets.token_urlsafe(12),
    signatory: Signatory | None = None,
) -> list[DemoAccount]:
    """Fill an empty store with the demonstration round and accounts.

    Does nothing if the store already has a round. The dataset load, the round and the
    accounts are stored in one transaction (see :meth:`Store.create_first_round`): an
    interrupted first start leaves the store empty, and the next start does it all
    again. Accounts are added only if no user with that address exists. ``signatory``
    signs the round's letters (by default the framework's own signatory).

    Returns:
        The accounts added, with their passwords.
    """
    from csrating.demo import generate_demo
    from csrating.frameworks import load_framework
    from csrating.pipeline import rate
    from csrating.store import NewUser, Store

    assert isinstance(store, Store)
    if store.rounds():
        return []
    folder = demo_data_dir(url) / "demo-dataset"
    print(f"Generating the demonstration dataset (synthetic) in {folder} ...", file=out)
    generate_demo(folder, seed=2009, scale=scale)
    framework = load_framework(DEMO_FRAMEWORK)
    print(f"Rating every council under {framework.id} ...", file=out)
    accounts = [
        DemoAccount(email, role, la_code, password()) for email, role, la_code in DEMO_ACCOUNTS
    ]
    created = store.create_first_round(
        folder,
        lambda dataset: rate(dataset, framework, moderation={}),
        name="Demonstration data (synthetic, seed 2009)",
        embargo_at=DEMO_EMBARGO,
        accounts=[NewUser(a.email, a.password, a.role, a.la_code) for a in accounts],
        actor="system",
        now=now,
        signatory=signatory,
    )
    if created is None:  # another process filled the store meanwhile
        return []
    added = {user.email for user in created[1]}
    return [account for account in accounts if account.email in added]


NO_ACCOUNTS = (
    "The store has a rating round but no user accounts, so no one can sign in. Add one "
    "with: csrating users add EMAIL --role publisher (roles: inspector, moderator, "
    "publisher, council with --la CODE)"
)
"""What the server says at start-up when no one could sign in."""


def startup_notes(store: object) -> list[str]:
    """Return what the operator must know before the server starts serving."""
    from csrating.store import Store

    assert isinstance(store, Store)
    if not store.rounds():
        return [
            "The store has no rating round yet: run 'csrating serve --demo' to start with "
            "the demonstration round."
        ]
    if not store.users():
        return [NO_ACCOUNTS]
    return []


def print_accounts(accounts: list[DemoAccount], out: TextIO = sys.stdout) -> None:
    """Print the demonstration accounts once, clearly marked as such."""
    if not accounts:
        return
    rule = "=" * 72
    print(rule, file=out)
    print("DEMONSTRATION ACCOUNTS - for trying the service on synthetic data only.", file=out)
    print("These passwords are shown once and never again: note them now.", file=out)
    print(rule, file=out)
    for account in accounts:
        who = f"council user ({account.la_code})" if account.la_code else account.role
        print(f"  {account.email:<38} {account.password:<18} {who}", file=out)
    print(rule, file=out)


def build_app(
    url: str, *, demo: bool, out: TextIO = sys.stdout, signatory: Signatory | None = None
) -> object:
    """Open the store at ``url`` (bootstrapping the demo if asked, its letters signed by
    ``signatory``) and build the app."""
    from csrating.store import open_store
    from csrating.web.app import create_app
    from csrating.web.clock import SystemClock
    from csrating.web.settings import WebSettings

    clock = SystemClock()
    store = open_store(url)
    if demo:
        print_accounts(bootstrap_demo(store, url, now=clock(), out=out, signatory=signatory), out)
    for note in startup_notes(store):
        print(note, file=out)
    app = create_app(store, clock=clock, settings=WebSettings.from_environment())
    services = app.state.services
    for round_ in services.rounds():  # build each round's profiles before the first request
        services.round_data(round_)
    return app


def serve(
    host: str,
    port: int,
    database_url: str | None,
    demo: bool,
    *,
    signatory: Signatory | None = None,
) -> None:
    """Run the web application (``csrating serve``) until interrupted.

    Args:
        host: the address to listen on (``127.0.0.1`` by default: this machine only).
        port: the port.
        database_url: the store's SQLAlchemy URL; ``CSRATING_DATABASE_URL`` or
            ``sqlite:///csrating.db`` by default.
        demo: on an empty store, load the demonstration round and accounts first.
        signatory: who signs the letters of the demonstration round it creates (by
            default the framework's own).
    """
    import uvicorn

    from csrating.store import database_url as resolve_url

    url = resolve_url(database_url)
    app = build_app(url, demo=demo, signatory=signatory)
    print(f"Serving csrating at http://{host}:{port}/ (press Ctrl+C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False)  # type: ignore[arg-type]


def add_user(
    email: str,
    role: str,
    la_code: str | None,
    password: str | None,
    *,
    database_url: str | None = None,
    stdin: TextIO | None = None,
) -> str:
    """Add a user (``csrating users add``); return a one-line confirmation.

    The password is ``password`` if given; otherwise read from standard input when it is
    not a terminal (one line), or asked for twice without echo.

    Raises:
        StoreError: a bad address, role, council code or password, or the address is taken.
        UsageError: the two passwords typed differ, or none was given.
    """
    from csrating.store import open_store

    secret = password if password is not None else _read_password(stdin or sys.stdin)
    with open_store(database_url) as store:
        user = store.add_user(email, secret, role, la_code, actor="cli")
    role_text = str(getattr(user.role, "value", user.role))
    where = f" for council {user.la_code}" if user.la_code else ""
    return f"Added {role_text} {user.email}{where}"


def _read_password(stream: TextIO) -> str:
    if not stream.isatty():
        line = stream.readline().rstrip("\r\n")
        if not line:
            raise UsageError("no password on standard input: send it as one line")
        return line
    first = getpass.getpass("Password: ")
    second = getpass.getpass("Password again: ")
    if first != second:
        raise UsageError("the two passwords differ: nothing was changed")
    if not first:
        raise UsageError("the password is empty: nothing was changed")
    return first
