"""What ``csrating serve`` and ``csrating users add`` do (the CLI only wires them up).

``serve`` does the start-up work once (:func:`prepare`: migrations, then the demonstration
round under a lock no other process can hold at the same time), then starts the worker
processes, which only open the store.

``serve(..., demo=True)`` bootstraps an empty store: it generates the demonstration
dataset beside the database, loads it, creates the 2009 round (embargo 00:01 on
9 December 2009, UK time) and adds one demonstration account per role, printing their
passwords once. The load, round and accounts are stored in one transaction, so an
interrupted first start leaves an empty store that the next start fills; a store with a
round but no accounts is reported at start-up with the command that fixes it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
import json
import os
import secrets
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from zoneinfo import ZoneInfo

from csrating.errors import UsageError
from csrating.web.settings import WebSettings

if TYPE_CHECKING:
    from fastapi import FastAPI

    from csrating.letters import Signatory

__all__ = [
    "DEMO_EMBARGO",
    "DEMO_FRAMEWORK",
    "NO_ACCOUNTS",
    "WORKER_ENV",
    "DemoAccount",
    "add_user",
    "bootstrap_demo",
    "build_app",
    "default_workers",
    "demo_data_dir",
    "prepare",
    "serve",
    "startup_notes",
    "worker_app",
    "worker_app_from_environment",
]

WORKER_HEALTHCHECK_S = 120
"""How long a worker process may take to answer the supervisor before it is restarted."""

WORKER_ENV = "CSRATING_SERVE_WORKER"
"""The environment variable :func:`serve` passes the worker processes their settings in."""

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


def prepare(
    url: str,
    *,
    demo: bool,
    out: TextIO = sys.stdout,
    scale: float = 1.0,
    signatory: Signatory | None = None,
) -> None:
    """Do the start-up work that must run once, before any worker serves.

    Migrates the store (one process at a time) and, with ``demo``, loads the
    demonstration round and accounts into an empty store, holding the store's start-up
    lock (:meth:`~csrating.store.Store.startup_lock`), so that servers starting together
    on an empty database load it once.

    Args:
        url: the store's database URL.
        demo: load the demonstration round into an empty store.
        out: where to print progress and the demonstration accounts.
        scale: the size of the demonstration dataset (1.0: national).
        signatory: who signs the demonstration round's letters (by default the
            framework's own signatory).
    """
    from csrating.store import open_store
    from csrating.web.clock import SystemClock

    clock = SystemClock()
    store = open_store(url)
    try:
        with store.startup_lock():
            if demo:
                accounts = bootstrap_demo(
                    store, url, now=clock(), out=out, scale=scale, signatory=signatory
                )
                print_accounts(accounts, out)
            for note in startup_notes(store):
                print(note, file=out)
    finally:
        store.close()


def worker_app(url: str, settings: WebSettings | None = None) -> FastAPI:
    """Open a store that :func:`prepare` made ready and build one worker's application.

    The store is not migrated here (only checked), and its pool holds one connection per
    worker thread (``settings.threads``). Every round is rated before the first request.

    Args:
        url: the store's database URL.
        settings: the application's settings; by default
            :meth:`WebSettings.from_environment`.
    """
    from csrating.store import open_store
    from csrating.web.app import create_app
    from csrating.web.clock import SystemClock

    settings = settings or WebSettings.from_environment()
    store = open_store(url, migrate=False, pool_size=settings.threads)
    app = create_app(store, clock=SystemClock(), settings=settings)
    services = app.state.services
    for round_ in services.rounds():  # build each round's profiles before the first request
        services.round_data(round_)
    return app


def worker_app_from_environment() -> FastAPI:
    """Build a worker's application from what :func:`serve` left in the environment (the
    factory each uvicorn worker process calls): the same store and the same settings in
    every worker."""
    config = json.loads(os.environ[WORKER_ENV])
    return worker_app(str(config["url"]), WebSettings.from_json(str(config["settings"])))


def build_app(
    url: str,
    *,
    demo: bool,
    out: TextIO = sys.stdout,
    settings: WebSettings | None = None,
    signatory: Signatory | None = None,
) -> FastAPI:
    """Prepare the store at ``url`` (bootstrapping the demo if asked, its letters signed by
    ``signatory``) and build the app (with ``settings``, by default
    :meth:`WebSettings.from_environment`)."""
    prepare(url, demo=demo, out=out, signatory=signatory)
    return worker_app(url, settings)


def default_workers() -> int:
    """Return how many worker processes to start by default: one per usable core."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def serve(
    host: str,
    port: int,
    database_url: str | None,
    demo: bool,
    *,
    workers: int | None = None,
    threads: int | None = None,
    access_log: bool = True,
    settings: WebSettings | None = None,
    signatory: Signatory | None = None,
) -> None:
    """Run the web application (``csrating serve``) until interrupted.

    The settings are read once, here; then the start-up work (:func:`prepare`) runs once
    in this process; then ``workers`` processes serve, each with the same settings and
    ``threads`` threads (and as many database connections).

    Args:
        host: the address to listen on (``127.0.0.1`` by default: this machine only).
        port: the port.
        database_url: the store's SQLAlchemy URL; ``CSRATING_DATABASE_URL`` or
            ``sqlite:///csrating.db`` by default.
        demo: on an empty store, load the demonstration round and accounts first.
        workers: how many server processes; by default one per core.
        threads: worker threads per process (and database connections per process);
            ``settings.threads`` by default.
        access_log: log every request.
        settings: the application's settings (trusted proxies, contact, four eyes, ...);
            by default :meth:`WebSettings.from_environment`.
        signatory: who signs the letters of the demonstration round it creates (by
            default the framework's own).

    Raises:
        UsageError: fewer than one worker or thread, or a bad setting in the environment
            (such as ``CSRATING_TRUSTED_PROXIES``).
    """
    import uvicorn

    from csrating.store import database_url as resolve_url
    from csrating.web._server import NoDelayH11Protocol, run_workers

    count = default_workers() if workers is None else workers
    if count < 1 or (threads is not None and threads < 1):
        raise UsageError(f"--workers and --threads must be at least 1 (got {count} and {threads})")
    settings = settings or WebSettings.from_environment()
    if threads is not None:
        settings = dataclasses.replace(settings, threads=threads)
    url = resolve_url(database_url)
    prepare(url, demo=demo, signatory=signatory)
    processes = f"{count} worker process{'es' if count != 1 else ''}"
    print(f"Serving csrating at http://{host}:{port}/ with {processes} (press Ctrl+C to stop)")
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_level": "info",
        "access_log": access_log,
        # The application finds the client's address itself, believing X-Forwarded-For
        # only from the trusted proxies (WebSettings.trusted_proxies): uvicorn never does.
        "proxy_headers": False,
        "http": NoDelayH11Protocol,
    }
    if count == 1:
        uvicorn.run(worker_app(url, settings), **options)
        return
    os.environ[WORKER_ENV] = json.dumps({"url": url, "settings": settings.to_json()})
    run_workers(
        "csrating.web.commands:worker_app_from_environment",
        factory=True,
        workers=count,
        # A new worker answers the supervisor's health check only once Python has started
        # and imported csrating, which takes several seconds on a busy machine: uvicorn's
        # 5 s would kill and restart healthy workers.
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_S,
        **options,
    )


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
