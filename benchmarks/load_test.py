"""Load test of the web application: concurrent users on a council page and the results.

Usage::

    python benchmarks/load_test.py [--users 50] [--seconds 30] [--scale 1.0]

It starts the application in a child process, as ``csrating serve --demo`` would but on a
temporary SQLite store: the national demonstration round (``bootstrap_demo`` at
``--scale``), every council signed off, and the system clock, which is long past the
round's embargo, so the round is published. uvicorn listens on 127.0.0.1 at a free port
(one worker, access log off).

Then ``--users`` virtual users, each with its own connection and inspector session, loop
for ``--seconds`` (or until ``--max-requests`` requests in all): the council page of a
random council (signed in), then the public results page (no session). In-flight requests
finish; the child is stopped; one JSON object is printed: requests per second overall and
per page, p50/p95/max latency in milliseconds per page, and the error count (any status
but 200, or a failed request).

Everything stays on 127.0.0.1, is bounded in time and count, and stops by itself. This is
not part of the test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import math
import random
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

HOST = "127.0.0.1"
"""The only address the load test talks to."""

PASSWORD = "load-test password 2009"
INSPECTOR = "inspector@demo.csrating.test"
SESSION_COOKIE = "csrating_session"
LOGIN_CSRF_COOKIE = "csrating_login_csrf"
STARTUP_TIMEOUT_S = 600.0
REQUEST_TIMEOUT_S = 30.0

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


# --------------------------------------------------------------------------- the server


def serve(work: Path, scale: float) -> None:
    """Build the published demo round in ``work`` and serve it; print the port when ready.

    Runs in the child process. The first line on standard output is JSON with ``port``,
    ``round_id``, ``councils`` and ``startup_s``; progress goes to standard error.
    """
    import socket

    import uvicorn

    from csrating.store import open_store
    from csrating.web import create_app
    from csrating.web.clock import SystemClock
    from csrating.web.commands import bootstrap_demo

    started = time.perf_counter()
    clock = SystemClock()
    url = f"sqlite:///{work / 'load-test.db'}"
    store = open_store(url)
    bootstrap_demo(store, url, now=clock(), out=sys.stderr, scale=scale, password=lambda: PASSWORD)
    (round_,) = store.rounds()
    records = store.council_assessments(round_.id)
    for record in records:
        state = str(getattr(record.state, "value", record.state))
        if state not in ("signed_off", "withheld"):
            store.sign_off(
                round_.id,
                record.la_code,
                actor="publisher@demo.csrating.test",
                now=clock(),
                expected_version=record.version,
            )
    app = create_app(store, clock=clock)
    services = app.state.services
    assert services.is_published(services.rounds()[0]), "the round should be published"
    services.round_data(round_)  # as build_app does: profiles before the first request

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind((HOST, 0))
    listener.listen(1024)
    ready = {
        "port": listener.getsockname()[1],
        "round_id": round_.id,
        "councils": sorted(r.la_code for r in records),
        "startup_s": round(time.perf_counter() - started, 2),
    }
    print(json.dumps(ready), flush=True)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    uvicorn.Server(config).run(sockets=[listener])


# --------------------------------------------------------------------------- the load


@dataclass
class Page:
    """Latencies and errors of one page."""

    name: str
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[str, int] = field(default_factory=dict)

    def record(self, started: float, status: int | str) -> None:
        """Record one request that began at ``started`` and ended now with ``status``."""
        self.latencies_ms.append((time.perf_counter() - started) * 1000)
        if status != 200:
            self.errors += 1
            self.statuses[str(status)] = self.statuses.get(str(status), 0) + 1

    def summary(self, elapsed: float) -> dict[str, Any]:
        """Return the page's figures as JSON-ready values."""
        ordered = sorted(self.latencies_ms)
        return {
            "requests": len(ordered),
            "requests_per_second": round(len(ordered) / elapsed, 1),
            "p50_ms": _percentile(ordered, 50),
            "p95_ms": _percentile(ordered, 95),
            "max_ms": round(ordered[-1], 1) if ordered else None,
            "errors": self.errors,
            "error_statuses": self.statuses,
        }


def _percentile(ordered: list[float], percent: int) -> float | None:
    """Return the nearest-rank percentile of sorted values."""
    if not ordered:
        return None
    rank = max(1, math.ceil(percent / 100 * len(ordered)))
    return round(ordered[rank - 1], 1)


@dataclass
class Budget:
    """When to stop: a deadline and a number of requests, shared by all users."""

    deadline: float
    remaining: int

    def take(self) -> bool:
        """Claim one request; ``False`` once time or requests have run out."""
        if time.perf_counter() >= self.deadline or self.remaining <= 0:
            return False
        self.remaining -= 1
        return True


async def sign_in(client: httpx.AsyncClient) -> str:
    """Sign in as the demo inspector through the form; return the session token.

    The app sets its cookies ``Secure``, which a cookie jar will not send back over plain
    HTTP, so the cookies are carried by hand.
    """
    form = await client.get("/login")
    form.raise_for_status()
    token = _CSRF.search(form.text)
    login_cookie = form.cookies.get(LOGIN_CSRF_COOKIE)
    assert token and login_cookie, "the sign-in form has no CSRF token"
    response = await client.post(
        "/login",
        data={"email": INSPECTOR, "password": PASSWORD, "csrf_token": token.group(1)},
        headers={"Cookie": f"{LOGIN_CSRF_COOKIE}={login_cookie}"},
    )
    session = response.cookies.get(SESSION_COOKIE)
    assert response.status_code == 303 and session, f"sign-in failed: {response.status_code}"
    return session


async def virtual_user(
    client: httpx.AsyncClient,
    session: str,
    round_id: int,
    councils: list[str],
    budget: Budget,
    pages: dict[str, Page],
    rng: random.Random,
) -> None:
    """Loop over a random council's page (signed in) and the public results page."""
    signed_in = {"Cookie": f"{SESSION_COOKIE}={session}"}
    while True:
        for name, path, headers in (
            ("council", f"/rounds/{round_id}/councils/{rng.choice(councils)}", signed_in),
            ("results", f"/results/{round_id}", {}),
        ):
            if not budget.take():
                return
            started = time.perf_counter()
            try:
                response = await client.get(path, headers=headers)
                status: int | str = response.status_code
            except httpx.HTTPError as error:
                status = type(error).__name__
            pages[name].record(started, status)


async def run_load(
    base_url: str,
    round_id: int,
    councils: list[str],
    *,
    users: int,
    seconds: float,
    max_requests: int,
    seed: int,
) -> dict[str, Any]:
    """Sign the virtual users in, then run them against ``base_url``; return the figures.

    Each user has its own connection (keep-alive) and its own inspector session. Signing
    in (argon2, by design slow) happens before the clock starts.
    """
    pages = {"council": Page("council"), "results": Page("results")}
    rng = random.Random(seed)
    timeout = httpx.Timeout(REQUEST_TIMEOUT_S)
    async with contextlib.AsyncExitStack() as stack:
        clients = [
            await stack.enter_async_context(
                httpx.AsyncClient(
                    base_url=base_url, timeout=timeout, limits=httpx.Limits(max_connections=1)
                )
            )
            for _ in range(users)
        ]
        signing_in = time.perf_counter()
        sessions = await asyncio.gather(*(sign_in(client) for client in clients))
        sign_in_s = time.perf_counter() - signing_in
        for client in clients:
            client.cookies.clear()
        started = time.perf_counter()
        budget = Budget(deadline=started + seconds, remaining=max_requests)
        outcomes = await asyncio.gather(
            *(
                virtual_user(
                    client, session, round_id, councils, budget, pages, random.Random(rng.random())
                )
                for client, session in zip(clients, sessions, strict=True)
            ),
            return_exceptions=True,
        )
        elapsed = time.perf_counter() - started
    failed_users = [repr(o) for o in outcomes if isinstance(o, BaseException)]
    total = sum(len(p.latencies_ms) for p in pages.values())
    return {
        "users": users,
        "seconds": seconds,
        "sign_in_s": round(sign_in_s, 2),
        "elapsed_s": round(elapsed, 2),
        "requests": total,
        "requests_per_second": round(total / elapsed, 1),
        "errors": sum(p.errors for p in pages.values()) + len(failed_users),
        "failed_users": failed_users[:5],
        "pages": {name: page.summary(elapsed) for name, page in pages.items()},
    }


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    """Start the server in a child process, run the load, stop the server."""
    with tempfile.TemporaryDirectory(prefix="csrating-load-") as work:
        child = await asyncio.create_subprocess_exec(
            sys.executable,
            str(Path(__file__).resolve()),
            "--serve",
            work,
            "--scale",
            str(args.scale),
            stdout=asyncio.subprocess.PIPE,
        )
        try:
            assert child.stdout is not None
            line = await asyncio.wait_for(child.stdout.readline(), STARTUP_TIMEOUT_S)
            if not line:
                raise SystemExit(f"the server exited before it was ready ({await child.wait()})")
            ready = json.loads(line)
            base_url = f"http://{HOST}:{ready['port']}"
            print(f"Serving on {base_url}; loading for {args.seconds} s", file=sys.stderr)
            figures = await run_load(
                base_url,
                ready["round_id"],
                ready["councils"],
                users=args.users,
                seconds=args.seconds,
                max_requests=args.max_requests,
                seed=args.seed,
            )
        finally:
            if child.returncode is None:
                child.terminate()
                try:
                    await asyncio.wait_for(child.wait(), 15)
                except TimeoutError:
                    child.kill()
                    await child.wait()
    return {
        "scale": args.scale,
        "server_startup_s": ready["startup_s"],
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        **figures,
    }


def main(argv: list[str] | None = None) -> int:
    """Parse the options and run (or, with ``--serve``, be the server)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50, help="concurrent virtual users")
    parser.add_argument("--seconds", type=float, default=30.0, help="how long to load")
    parser.add_argument("--scale", type=float, default=1.0, help="demo dataset scale")
    parser.add_argument(
        "--max-requests", type=int, default=200_000, help="stop after this many requests"
    )
    parser.add_argument("--seed", type=int, default=2009, help="seed for the council choice")
    parser.add_argument("--serve", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        with contextlib.suppress(KeyboardInterrupt):
            serve(Path(args.serve), args.scale)
        return 0
    if not (1 <= args.users <= 1000 and 0 < args.seconds <= 600 and args.max_requests > 0):
        parser.error("use 1-1000 users, 0-600 seconds and a positive request budget")
    print(json.dumps(asyncio.run(main_async(args)), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
