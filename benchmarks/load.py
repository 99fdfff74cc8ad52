"""Load benchmark of the web tier on publication morning: SQLite and PostgreSQL, one run.

Usage::

    python benchmarks/load.py [--databases sqlite,postgresql] [--workers 2] [--repeats 3]

For each database it builds a store in a temporary folder (the national demonstration
dataset, seed 2009; one published round with every council signed off; further rounds,
signed off but embargoed, for the embargo-lift spikes; an inspector's sessions), starts
``csrating serve --workers N --no-demo --no-access-log`` on 127.0.0.1 at a free port and
measures, from one asyncio client (aiohttp), in this order:

1. warm-up: every council's pages four times, so the figures are of a server whose
   workers have each seen the round (the cold first requests are reported apart);
2. ``burst``: ``--users`` users requesting without pause, each page for ``--window``
   seconds, each page's window next to a window of the static-file floor (the server's
   own stylesheet), pages in a different order in each of ``--repeats`` rounds;
3. ``paced``: the same users pausing one second between requests, ``--paced-window``
   seconds a page, repeated likewise;
4. ``pdf-repeat``: one client downloading the same letter PDF again and again;
5. ``spike``: ``--spike-users`` users polling an embargoed round's results once a second,
   then all requesting them the moment the embargo passes; repeated ``--spikes`` times
   on fresh rounds. A response that shows the results but arrived before the embargo is
   a leak; one that does not show them though its request left after it is an error.

The main pages: public results, public council page, council page signed in (inspector),
round dashboard (inspector), council JSON, round JSON (public), letter PDF (public).
Councils are drawn at random per request. For each page and scenario it prints requests
per second, p50/p95/p99/max latency (ms), errors, throughput as a share of the static
floor (the median over the repeats of page/adjacent floor), and the server's CPU time per
request (all its processes, from /proc); medians over the repeats. ``--json FILE`` writes
every figure, each repeat's too. ``--baseline`` serves with one plain uvicorn process
instead of ``csrating serve`` (for code from before ``--workers`` existed).

Only 127.0.0.1 is used; every window is bounded in time; the servers (and PostgreSQL) are
stopped at the end. PostgreSQL is a throwaway cluster from the Debian package's binaries
(``tests/store/postgres_server.py``; fsync off). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import inspect
import json
import math
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

HOST = "127.0.0.1"
SESSION_COOKIE = "csrating_session"
INSPECTOR = "inspector@load.csrating.test"
FAR_FUTURE = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)
STARTUP_TIMEOUT_S = 600.0
REQUEST_TIMEOUT_S = 60.0
PUBLISHED_MARK = "Councils and their letters"
"""Text the results page shows only once the round is published."""
ROOT = Path(__file__).resolve().parent.parent


# --------------------------------------------------------------------------- the store


@dataclass
class Prepared:
    """What the client needs to know about the store it loads."""

    url: str
    round_id: int
    spike_rounds: list[int]
    councils: list[str]
    sessions: list[str]


def prepare_store(url: str, work: Path, *, spikes: int, users: int) -> Prepared:
    """Fill an empty store: a published round, embargoed spike rounds, inspector sessions."""
    from csrating.demo import generate_demo
    from csrating.frameworks import load_framework
    from csrating.pipeline import rate
    from csrating.store import open_store

    now = dt.datetime.now(dt.UTC)
    folder = work / "dataset"
    if not folder.exists():
        generate_demo(folder, seed=2009, scale=1.0)
    with open_store(url) as store:
        load = store.load_dataset(folder, name="load benchmark", actor="bench", now=now)
        rated = rate(store.dataset_for(load), load_framework("rating-2009"), moderation={})
        round_ids = []
        for index in range(1 + spikes):
            embargo = now - dt.timedelta(days=1) if index == 0 else FAR_FUTURE
            made = store.create_round(load, rated, embargo_at=embargo, actor="bench", now=now)
            round_ids.append(made.id)
            for record in store.council_assessments(made.id):
                if str(getattr(record.state, "value", record.state)) != "withheld":
                    store.sign_off(
                        made.id,
                        record.la_code,
                        actor="bench",
                        now=now,
                        expected_version=record.version,
                    )
        user = store.add_user(INSPECTOR, "load benchmark password", "inspector", now=now)
        tokens = [
            store.start_session(user, now=now, lifetime=dt.timedelta(days=1))[0]
            for _ in range(users)
        ]
        councils = sorted(r.la_code for r in store.council_assessments(round_ids[0]))
    return Prepared(url, round_ids[0], round_ids[1:], councils, tokens)


def lift_embargo_at(url: str, round_id: int, when: dt.datetime) -> None:
    """Move a spike round's embargo to ``when`` (straight in the store, as a publisher)."""
    from csrating.store import open_store

    with open_store(url, migrate=False) as store:
        round_ = store.round(round_id)
        store.set_embargo(
            round_id,
            when,
            actor="bench",
            now=dt.datetime.now(dt.UTC),
            expected_version=round_.version,
        )


# --------------------------------------------------------------------------- the server


def serve_child(url: str, port: int, workers: int, baseline: bool) -> None:
    """Be the server (run in a child process): ``csrating serve``, or one plain process."""
    from csrating.web import commands

    if not baseline and "workers" in inspect.signature(commands.serve).parameters:
        commands.serve(HOST, port, url, False, workers=workers, access_log=False)  # type: ignore[call-arg]
        return
    import uvicorn

    app = commands.build_app(url, demo=False)
    uvicorn.run(app, host=HOST, port=port, log_level="warning", access_log=False)  # type: ignore[arg-type]


@contextlib.contextmanager
def running_server(url: str, workers: int, baseline: bool) -> Iterator[tuple[str, int]]:
    """Start the server in its own process group; yield its base URL and pid; stop it."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port = probe.getsockname()[1]
    child = subprocess.Popen(
        [sys.executable, __file__, "--serve", url, "--port", str(port)]
        + ["--workers", str(workers)]
        + (["--baseline"] if baseline else []),
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        yield f"http://{HOST}:{port}", child.pid
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGINT)
        try:
            child.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()


async def wait_until_up(base: str, pid: int) -> float:
    """Poll the static file until the server answers; return the seconds it took."""
    started = time.perf_counter()
    async with aiohttp.ClientSession(base) as client:
        while time.perf_counter() - started < STARTUP_TIMEOUT_S:
            with contextlib.suppress(aiohttp.ClientError, OSError):
                async with client.get("/static/web.css") as response:
                    if response.status == 200:
                        return time.perf_counter() - started
            if not Path(f"/proc/{pid}").exists():
                raise SystemExit("the server exited before it was ready")
            await asyncio.sleep(0.5)
    raise SystemExit("the server did not start in time")


def cpu_seconds(pid: int) -> float:
    """Return the CPU time (user + system) of a process and all its descendants."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                stack.extend(int(c) for c in children)
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
    return total


# --------------------------------------------------------------------------- the load


@dataclass(frozen=True)
class Target:
    """A page: its name, how to make its address, and whether it needs a session."""

    name: str
    path: str
    signed_in: bool = False
    public: bool = True

    def address(self, round_id: int, council: str) -> str:
        """Return the page's path for a round and council."""
        return self.path.format(round=round_id, la=council)


STATIC = Target("static floor", "/static/web.css")
PAGES = (
    Target("public results", "/results/{round}"),
    Target("public council page", "/rounds/{round}/councils/{la}"),
    Target("council page signed in", "/rounds/{round}/councils/{la}", True, False),
    Target("dashboard", "/rounds/{round}", True, False),
    Target("council JSON", "/api/rounds/{round}/councils/{la}"),
    Target("round JSON", "/api/rounds/{round}"),
    Target("letter PDF", "/rounds/{round}/councils/{la}/letter.pdf"),
)


@dataclass
class Window:
    """The requests of one page in one timed window."""

    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    cpu_s: float = 0.0

    def note(self, started: float, status: int | str) -> None:
        """Record one request begun at ``started`` (perf_counter) that ended now."""
        self.latencies_ms.append((time.perf_counter() - started) * 1000)
        if status != 200:
            self.errors += 1
            self.statuses[str(status)] = self.statuses.get(str(status), 0) + 1

    @property
    def rate(self) -> float:
        """Requests per second."""
        return len(self.latencies_ms) / self.seconds if self.seconds else 0.0

    def figures(self) -> dict[str, Any]:
        """Return the window's figures."""
        ordered = sorted(self.latencies_ms)
        return {
            "requests": len(ordered),
            "rps": round(self.rate, 1),
            "p50": percentile(ordered, 50),
            "p95": percentile(ordered, 95),
            "p99": percentile(ordered, 99),
            "max": round(ordered[-1], 1) if ordered else None,
            "errors": self.errors,
            "statuses": self.statuses,
            "cpu_ms_per_request": round(1000 * self.cpu_s / len(ordered), 2) if ordered else None,
        }


def percentile(ordered: list[float], percent: float) -> float | None:
    """Return the nearest-rank percentile of sorted values."""
    if not ordered:
        return None
    rank = max(1, math.ceil(percent / 100 * len(ordered)))
    return round(ordered[rank - 1], 1)


class Client:
    """The virtual users' connections (one each) and their sessions."""

    def __init__(self, base: str, prepared: Prepared, users: int) -> None:
        self.base = base
        self.prepared = prepared
        self.users = users
        self.sessions: list[aiohttp.ClientSession] = []

    async def __aenter__(self) -> Client:
        timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)
        self.sessions = [
            aiohttp.ClientSession(
                self.base, connector=aiohttp.TCPConnector(limit=1), timeout=timeout
            )
            for _ in range(self.users)
        ]
        return self

    async def __aexit__(self, *exc: object) -> None:
        await asyncio.gather(*(s.close() for s in self.sessions))

    def headers(self, user: int, target: Target) -> dict[str, str]:
        """Return the request headers of a user for a page (the session cookie, by hand:
        the cookies are ``Secure``, which a jar keeps off plain HTTP)."""
        if not target.signed_in:
            return {}
        tokens = self.prepared.sessions
        return {"Cookie": f"{SESSION_COOKIE}={tokens[user % len(tokens)]}"}

    async def get(self, user: int, path: str, headers: dict[str, str]) -> tuple[int | str, str]:
        """GET a path as a user; return the status (or the error's name) and the body."""
        try:
            async with self.sessions[user].get(path, headers=headers) as response:
                body = await response.read()
                return response.status, body.decode("utf-8", "replace")
        except (aiohttp.ClientError, TimeoutError, OSError) as error:
            return type(error).__name__, ""

    async def window(
        self, target: Target, seconds: float, pause: float, pid: int, seed: int
    ) -> Window:
        """Load one page with every user for ``seconds`` (pausing ``pause`` between)."""
        result = Window()
        councils = self.prepared.councils
        round_id = self.prepared.round_id
        deadline = time.perf_counter() + seconds
        rng = random.Random(seed)

        async def user(index: int) -> None:
            local = random.Random(rng.random())
            if pause:
                await asyncio.sleep(local.random() * pause)  # spread the users out
            headers = self.headers(index, target)
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                status, _ = await self.get(
                    index, target.address(round_id, local.choice(councils)), headers
                )
                result.note(started, status)
                if pause:
                    await asyncio.sleep(pause)

        cpu = cpu_seconds(pid)
        began = time.perf_counter()
        await asyncio.gather(*(user(i) for i in range(self.users)))
        result.seconds = time.perf_counter() - began
        result.cpu_s = cpu_seconds(pid) - cpu
        return result


# --------------------------------------------------------------------------- scenarios


async def warm_up(client: Client) -> dict[str, Any]:
    """Request every council's pages once (and the list pages); return the cold figures."""
    figures: dict[str, Any] = {}
    prepared = client.prepared
    for target in PAGES:
        window = Window()
        paths = sorted({target.address(prepared.round_id, c) for c in prepared.councils})
        queue = paths * 4  # each worker process should see each page (and render its PDF)

        async def user(index: int, target: Target, queue: list[str], window: Window) -> None:
            headers = client.headers(index, target)
            while queue:
                path = queue.pop()
                started = time.perf_counter()
                status, _ = await client.get(index, path, headers)
                window.note(started, status)

        began = time.perf_counter()
        await asyncio.gather(*(user(i, target, queue, window) for i in range(min(client.users, 8))))
        window.seconds = time.perf_counter() - began
        figures[target.name] = {
            "requests": len(window.latencies_ms),
            "first_ms": round(window.latencies_ms[0], 1) if window.latencies_ms else None,
            "max_ms": round(max(window.latencies_ms), 1) if window.latencies_ms else None,
            "errors": window.errors,
            "seconds": round(window.seconds, 1),
        }
    return figures


async def scenario(
    client: Client,
    pid: int,
    *,
    pause: float,
    seconds: float,
    repeats: int,
    seed: int,
    paired: bool = True,
) -> dict[str, Any]:
    """Run every page ``repeats`` times in rotating order, each next to a window of the
    static floor (``paired``), or with one floor window a repeat."""
    windows: dict[str, list[Window]] = {t.name: [] for t in (STATIC, *PAGES)}
    shares: dict[str, list[float]] = {t.name: [] for t in PAGES}
    order = list(PAGES)
    for repeat in range(repeats):
        rotated = order[repeat % len(order) :] + order[: repeat % len(order)]
        floor = Window()
        for number, target in enumerate(rotated):
            if paired or number == 0:
                floor = await client.window(STATIC, seconds, pause, pid, seed + 2 * number)
                windows[STATIC.name].append(floor)
            page = await client.window(target, seconds, pause, pid, seed + 2 * number + 1)
            windows[target.name].append(page)
            if floor.rate:
                shares[target.name].append(page.rate / floor.rate)
    out: dict[str, Any] = {}
    for name, runs in windows.items():
        figures = [w.figures() for w in runs]
        summary = {
            key: _median([f[key] for f in figures])
            for key in ("rps", "p50", "p95", "p99", "cpu_ms_per_request")
        }
        summary["max"] = max((f["max"] or 0) for f in figures)
        summary["errors"] = sum(f["errors"] for f in figures)
        summary["requests"] = sum(f["requests"] for f in figures)
        summary["statuses"] = _sum_statuses(f["statuses"] for f in figures)
        summary["share_of_floor"] = _median(shares.get(name, [])) if name in shares else 1.0
        summary["repeats"] = figures
        out[name] = summary
    return out


async def pdf_repeat(client: Client, count: int = 60) -> dict[str, Any]:
    """Download one letter PDF ``count`` times in a row from one connection."""
    prepared = client.prepared
    path = PAGES[-1].address(prepared.round_id, prepared.councils[0])
    window = Window()
    for _ in range(count):
        started = time.perf_counter()
        status, _ = await client.get(0, path, {})
        window.note(started, status)
    ordered = sorted(window.latencies_ms[count // 4 :])  # after every worker has it
    return {
        "requests": len(ordered),
        "p50": percentile(ordered, 50),
        "p95": percentile(ordered, 95),
        "max": round(ordered[-1], 1),
        "errors": window.errors,
    }


async def spike(client: Client, pid: int, round_id: int, lead_s: float) -> dict[str, Any]:
    """Lift a round's embargo ``lead_s`` from now with every user polling its results,
    all of them asking again the moment it passes."""
    path = f"/results/{round_id}"
    embargo = time.time() + lead_s
    await asyncio.to_thread(
        lift_embargo_at,
        client.prepared.url,
        round_id,
        dt.datetime.fromtimestamp(embargo, dt.UTC),
    )
    early_leaks = late_hidden = polls = 0
    after = Window()

    async def user(index: int) -> None:
        nonlocal early_leaks, late_hidden, polls
        local = random.Random(index)
        await asyncio.sleep(local.random())
        while time.time() < embargo - 1.0:
            status, body = await client.get(index, path, {})
            polls += 1
            if PUBLISHED_MARK in body and time.time() < embargo:
                early_leaks += 1
            await asyncio.sleep(1.0)
        # The last second: poll as fast as the server answers, to catch any leak.
        while time.time() < embargo:
            status, body = await client.get(index, path, {})
            polls += 1
            if PUBLISHED_MARK in body and time.time() < embargo:
                early_leaks += 1
        started = time.perf_counter()
        status, body = await client.get(index, path, {})
        after.note(started, status)
        if status == 200 and PUBLISHED_MARK not in body:
            late_hidden += 1
            after.errors += 1

    cpu = cpu_seconds(pid)
    await asyncio.gather(*(user(i) for i in range(client.users)))
    ordered = sorted(after.latencies_ms)
    return {
        "users": client.users,
        "polls_before": polls,
        "shown_before_embargo": early_leaks,
        "hidden_after_embargo": late_hidden,
        "errors": after.errors,
        "statuses": after.statuses,
        "p50": percentile(ordered, 50),
        "p95": percentile(ordered, 95),
        "p99": percentile(ordered, 99),
        "max": round(ordered[-1], 1) if ordered else None,
        "server_cpu_s": round(cpu_seconds(pid) - cpu, 2),
    }


def _median(values: list[Any]) -> Any:
    present = [v for v in values if v is not None]
    return round(statistics.median(present), 3) if present else None


def _sum_statuses(items: Iterator[dict[str, int]] | Any) -> dict[str, int]:
    total: dict[str, int] = {}
    for item in items:
        for key, count in item.items():
            total[key] = total.get(key, 0) + count
    return total


# --------------------------------------------------------------------------- one database


@contextlib.contextmanager
def database(kind: str, work: Path) -> Iterator[str]:
    """Yield the URL of an empty database of ``kind`` (PostgreSQL: a throwaway cluster)."""
    if kind == "sqlite":
        yield f"sqlite:///{work / 'load.db'}"
        return
    sys.path.insert(0, str(ROOT / "tests" / "store"))
    from postgres_server import find_bindir, start_server

    bindir = find_bindir()
    if bindir is None:
        raise SystemExit("PostgreSQL's binaries are not installed (Debian package postgresql)")
    server = start_server(bindir)
    try:
        yield server.url(server.create_database())
    finally:
        server.stop()


async def measure(kind: str, args: argparse.Namespace) -> dict[str, Any]:
    """Measure every scenario on one database."""
    with (
        tempfile.TemporaryDirectory(prefix="csrating-load-") as scratch,
        database(kind, Path(scratch)) as url,
    ):
        began = time.perf_counter()
        prepared = await asyncio.to_thread(
            prepare_store, url, Path(scratch), spikes=args.spikes, users=args.users
        )
        log(f"{kind}: store ready in {time.perf_counter() - began:.0f} s")
        with running_server(url, args.workers, args.baseline) as (base, pid):
            startup = await wait_until_up(base, pid)
            log(f"{kind}: server up in {startup:.0f} s at {base}")
            result: dict[str, Any] = {"database": kind, "startup_s": round(startup, 1)}
            async with Client(base, prepared, args.users) as client:
                result["warm_up"] = await warm_up(client)
                log(f"{kind}: warmed up; burst")
                result["burst"] = await scenario(
                    client, pid, pause=0.0, seconds=args.window, repeats=args.repeats, seed=1
                )
                log(f"{kind}: paced")
                result["paced"] = await scenario(
                    client,
                    pid,
                    pause=1.0,
                    seconds=args.paced_window,
                    repeats=args.repeats,
                    seed=2,
                    paired=False,
                )
                result["pdf_repeat"] = await pdf_repeat(client)
            spikes = []
            async with Client(base, prepared, args.spike_users) as crowd:
                for round_id in prepared.spike_rounds:
                    log(f"{kind}: spike on round {round_id}")
                    spikes.append(await spike(crowd, pid, round_id, args.spike_lead))
            result["spikes"] = spikes
    return result


def log(message: str) -> None:
    """Say what is happening, on standard error."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- reporting


def table(results: list[dict[str, Any]]) -> str:
    """Return the figures as a Markdown table, the databases side by side."""
    kinds = [r["database"] for r in results]
    lines = [
        "| Scenario | Page | "
        + " | ".join(
            f"{k}: req/s (share of floor) · p50/p95/p99/max ms · errors · CPU ms/req" for k in kinds
        )
        + " |",
        "| --- | --- | " + " | ".join("---" for _ in kinds) + " |",
    ]
    for label, key in (("50 users, no pause", "burst"), ("50 users, 1 s pause", "paced")):
        for target in (STATIC, *PAGES):
            cells = []
            for result in results:
                f = result[key][target.name]
                cells.append(
                    f"{f['rps']:.0f} ({100 * f['share_of_floor']:.0f}%) · "
                    f"{f['p50']:.0f}/{f['p95']:.0f}/{f['p99']:.0f}/{f['max']:.0f} · "
                    f"{f['errors']} · {f['cpu_ms_per_request']}"
                )
            lines.append(f"| {label} | {target.name} | " + " | ".join(cells) + " |")
    cells = [f"p50 {r['pdf_repeat']['p50']} ms, p95 {r['pdf_repeat']['p95']} ms" for r in results]
    lines.append("| one client | repeated letter PDF | " + " | ".join(cells) + " |")
    for index in range(max(len(r["spikes"]) for r in results)):
        cells = []
        for result in results:
            s = result["spikes"][index]
            cells.append(
                f"p50/p95/p99/max {s['p50']}/{s['p95']}/{s['p99']}/{s['max']} ms · "
                f"{s['errors']} errors · {s['shown_before_embargo']} shown early · "
                f"CPU {s['server_cpu_s']} s"
            )
        lines.append(
            f"| spike {index + 1}: {results[0]['spikes'][index]['users']} users at the "
            "embargo | public results | " + " | ".join(cells) + " |"
        )
    return "\n".join(lines)


async def main_async(args: argparse.Namespace) -> list[dict[str, Any]]:
    """Measure each database in turn."""
    return [await measure(kind, args) for kind in args.databases]


def main(argv: list[str] | None = None) -> int:
    """Parse the options and run (or, with ``--serve``, be the server)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--databases",
        type=lambda text: [k.strip() for k in text.split(",") if k.strip()],
        default=["sqlite", "postgresql"],
        help="comma-separated: sqlite, postgresql",
    )
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--window", type=float, default=4.0, help="seconds a page, no pause")
    parser.add_argument("--paced-window", type=float, default=6.0, help="seconds a page, paced")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--spike-users", type=int, default=200)
    parser.add_argument("--spikes", type=int, default=2)
    parser.add_argument("--spike-lead", type=float, default=8.0, help="seconds of polling")
    parser.add_argument("--baseline", action="store_true", help="one plain uvicorn process")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--serve", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        with contextlib.suppress(KeyboardInterrupt):
            serve_child(args.serve, args.port, args.workers, args.baseline)
        return 0
    if set(args.databases) - {"sqlite", "postgresql"} or not args.databases:
        parser.error("--databases takes sqlite and/or postgresql")
    if not (
        1 <= args.users <= 500
        and 1 <= args.spike_users <= 1000
        and 0 < args.window <= 60
        and 0 < args.paced_window <= 60
        and 1 <= args.repeats <= 10
        and 0 <= args.spikes <= 5
    ):
        parser.error("keep users <= 500, spike users <= 1000, windows <= 60 s, repeats <= 10")
    cpu = time.process_time()
    results = asyncio.run(main_async(args))
    figures = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "workers": 1 if args.baseline else args.workers,
        "baseline": args.baseline,
        "users": args.users,
        "load_average": os.getloadavg(),
        "client_cpu_s": round(time.process_time() - cpu, 1),
        "results": results,
    }
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
