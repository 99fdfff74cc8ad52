"""``csrating serve --workers N``: start-up work once, then workers that only open the store."""

from __future__ import annotations

import concurrent.futures
import dataclasses
import datetime as dt
import io
import multiprocessing
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from csrating.cli import app as cli_app
from csrating.errors import UsageError
from csrating.publish.contact import Contact
from csrating.store import open_store
from csrating.web.commands import (
    WORKER_ENV,
    default_workers,
    prepare,
    serve,
    worker_app,
    worker_app_from_environment,
)
from csrating.web.settings import DEFAULT_THREADS, TRUSTED_PROXIES_VAR, WebSettings


def test_workers_default_to_the_cores() -> None:
    assert default_workers() == len(os.sched_getaffinity(0))


def test_serve_needs_a_worker_and_a_thread(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'never.db'}"
    with pytest.raises(UsageError, match="at least 1"):
        serve("127.0.0.1", 8000, url, False, workers=0)
    with pytest.raises(UsageError, match="at least 1"):
        serve("127.0.0.1", 8000, url, False, workers=1, threads=0)
    assert not (tmp_path / "never.db").exists()  # refused before anything started


def test_the_cli_names_the_default_threads() -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--help"], terminal_width=200)
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "--workers" in text and f"(default: {DEFAULT_THREADS})" in text


def test_a_worker_opens_a_prepared_store_with_one_connection_a_thread(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'serve.db'}"
    out = io.StringIO()
    prepare(url, demo=True, out=out, scale=0.05)
    assert "DEMONSTRATION ACCOUNTS" in out.getvalue()
    prepare(url, demo=True, out=out, scale=0.05)  # a second start adds nothing
    app = worker_app(url, WebSettings(threads=3))
    store = app.state.services.store
    try:
        assert app.state.settings.threads == 3
        assert store.engine.pool.size() == 3
        assert len(store.rounds()) == 1 and len(store.users()) == 5
    finally:
        store.close()


UNUSUAL = WebSettings(
    secure_cookies=False,
    session_lifetime=dt.timedelta(hours=2, seconds=30),
    login_attempts=3,
    login_address_attempts=20,
    login_window=dt.timedelta(minutes=5),
    trusted_proxies=("127.0.0.1", "10.0.0.0/8", "fd00::/8"),
    four_eyes=False,
    service_name="Ratings (test)",
    contact=Contact(team="Ratings desk", email="desk@ratings.test"),
    threads=5,
)
"""Settings differing from the defaults in every field."""


def test_settings_reach_a_worker_unchanged() -> None:
    defaults = WebSettings()
    changed = [f.name for f in dataclasses.fields(WebSettings)]
    assert [name for name in changed if getattr(UNUSUAL, name) == getattr(defaults, name)] == []
    assert WebSettings.from_json(UNUSUAL.to_json()) == UNUSUAL
    assert WebSettings.from_json("{}") == defaults
    with pytest.raises(UsageError, match="garbled"):
        WebSettings.from_json('{"threads": "many"}')


@pytest.fixture
def captured(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, dict[str, Any]]]:
    """Replace uvicorn.run (one worker) and run_workers (several) by a recorder; keep the
    environment serve changes."""
    import uvicorn

    from csrating.web import _server

    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append((app, options)))
    monkeypatch.setattr(_server, "run_workers", lambda app, **options: calls.append((app, options)))
    monkeypatch.setenv(WORKER_ENV, "")  # restored (removed) after the test
    return calls


def test_every_worker_gets_the_settings_serve_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, captured: list[tuple[Any, dict[str, Any]]]
) -> None:
    """The trusted proxies are read from the environment once, by serve; each worker it
    starts gets them, with the contact, four eyes and the rest, whatever its own
    environment says."""
    url = f"sqlite:///{tmp_path / 'serve.db'}"
    prepare(url, demo=True, out=io.StringIO(), scale=0.05)
    monkeypatch.setenv(TRUSTED_PROXIES_VAR, "127.0.0.1, 10.0.0.0/8")
    serve("127.0.0.1", 8000, url, False, workers=2, threads=3)
    ((target, options),) = captured
    assert target == "csrating.web.commands:worker_app_from_environment"
    assert options["workers"] == 2 and options["factory"] is True
    assert options["proxy_headers"] is False  # the application decides whom to believe
    monkeypatch.delenv(TRUSTED_PROXIES_VAR)  # a worker does not read it again
    expected = WebSettings(trusted_proxies=("127.0.0.1", "10.0.0.0/8"), threads=3)
    for _ in range(2):  # as each worker process would
        app = worker_app_from_environment()
        try:
            assert app.state.settings == expected
        finally:
            app.state.services.store.close()
    captured.clear()
    serve("127.0.0.1", 8000, url, False, workers=3, settings=UNUSUAL)
    app = worker_app_from_environment()
    try:
        assert app.state.settings == UNUSUAL
        assert app.state.services.store.engine.pool.size() == UNUSUAL.threads
    finally:
        app.state.services.store.close()


def test_one_worker_is_served_in_process_with_the_same_settings(
    tmp_path: Path, captured: list[tuple[Any, dict[str, Any]]]
) -> None:
    url = f"sqlite:///{tmp_path / 'serve.db'}"
    prepare(url, demo=True, out=io.StringIO(), scale=0.05)
    serve("127.0.0.1", 8000, url, False, workers=1, settings=UNUSUAL)
    ((app, options),) = captured
    try:
        assert app.state.settings == UNUSUAL and options["proxy_headers"] is False
    finally:
        app.state.services.store.close()


def test_a_bad_trusted_proxy_stops_serve_before_anything_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, captured: list[tuple[Any, dict[str, Any]]]
) -> None:
    monkeypatch.setenv(TRUSTED_PROXIES_VAR, "127.0.0.1,proxy.example.org")
    with pytest.raises(UsageError, match="proxy.example.org"):
        serve("127.0.0.1", 8000, f"sqlite:///{tmp_path / 'never.db'}", False, workers=2)
    assert captured == [] and not (tmp_path / "never.db").exists()


def test_a_worker_does_not_migrate(tmp_path: Path) -> None:
    from csrating.errors import StoreError

    with pytest.raises(StoreError, match="empty"):
        worker_app(f"sqlite:///{tmp_path / 'empty.db'}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback only
        return response.status, response.read()


@pytest.mark.slow
def test_serve_starts_several_workers(tmp_path: Path) -> None:
    """Two worker processes serve a prepared store; every request is answered."""
    url = f"sqlite:///{tmp_path / 'serve.db'}"
    prepare(url, demo=True, out=io.StringIO(), scale=0.05)
    with open_store(url) as store:
        (round_,) = store.rounds()
    port = _free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("csrating")), "serve", "--workers", "2"]
        + ["--port", str(port)]
        + ["--database-url", url, "--no-demo", "--no-access-log"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    lines: list[str] = []  # the server's output, read as it comes
    reader = threading.Thread(target=lambda: lines.extend(server.stdout or ()), daemon=True)
    reader.start()

    def started() -> int:
        return len(set(re.findall(r"Started server process \[(\d+)\]", "".join(lines))))

    try:
        deadline = time.monotonic() + 300
        while started() < 2:  # both workers up, so that stopping finds both serving
            assert server.poll() is None, "".join(lines)
            assert time.monotonic() < deadline, "the server did not start two workers"
            time.sleep(0.5)
        for _ in range(10):
            status, body = _get(f"{base}/results/{round_.id}")
            assert status == 200 and b"Results will be published" in body
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=60)
        reader.join(timeout=10)
    output = "".join(lines)
    assert "with 2 worker processes" in output
    assert started() == 2, output


def test_connections_send_at_once_though_uvicorn_binds_the_socket() -> None:
    """A listening socket made as uvicorn makes it for several workers (no protocol named)
    gives connections on which asyncio leaves Nagle's algorithm on; the protocol
    ``serve`` uses turns it off."""
    import asyncio

    import uvicorn
    from uvicorn.server import ServerState

    from csrating.web._server import NoDelayH11Protocol

    async def app(scope, receive, send):  # type: ignore[no-untyped-def]
        return None

    config = uvicorn.Config(app, lifespan="off", log_level="warning")
    config.load()
    seen: list[int] = []

    class Probe(NoDelayH11Protocol):
        def connection_made(self, transport):  # type: ignore[no-untyped-def]
            super().connection_made(transport)
            sock = transport.get_extra_info("socket")
            seen.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

    async def main() -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # proto 0, as uvicorn
        listener.bind(("127.0.0.1", 0))
        state = ServerState()
        server = await asyncio.get_running_loop().create_server(
            lambda: Probe(config=config, server_state=state, app_state={}), sock=listener
        )
        try:
            _, writer = await asyncio.open_connection(*listener.getsockname())
            for _ in range(100):
                if seen:
                    break
                await asyncio.sleep(0.01)
            writer.close()
        finally:
            server.close()

    # On a thread of its own: a browser test's session may hold this thread's event loop.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, main()).result(timeout=60)
    assert seen and seen[0] != 0


class _Importing:
    """A worker's operating-system process, running but still importing."""

    pid = 4242

    def is_alive(self) -> bool:
        return True


class _StartingWorker:
    """A worker still importing: its process runs, and nothing answers the supervisor's
    health check yet (uvicorn's own check, which waits for the answer)."""

    def __init__(self) -> None:
        from uvicorn.supervisors.multiprocess import Process

        self.parent_conn, self.child_conn = multiprocessing.Pipe()
        self.process = _Importing()
        self.pid = self.process.pid
        self.exitcode = None
        self._health = Process._healthcheck

    def is_alive(self, timeout: float = 5) -> bool:
        from uvicorn.supervisors.multiprocess import Process

        return Process.is_alive(self, timeout)  # type: ignore[arg-type]

    def ping(self, timeout: float = 5) -> bool:
        from uvicorn.supervisors.multiprocess import Process

        return Process.ping(self, timeout)  # type: ignore[arg-type]

    def _healthcheck(self, timeout: float) -> bool | None:
        return self._health(self, timeout)  # type: ignore[arg-type]


def test_a_ctrl_c_while_a_worker_starts_is_heard_at_once() -> None:
    """uvicorn's supervisor waited for a starting worker's answer (two minutes for
    ``serve``) with signals unheard, so Ctrl+C in the first seconds left the server
    running; csrating's supervisor hears it within a step of its wait."""
    import uvicorn
    from uvicorn.supervisors.multiprocess import SIGNALS

    from csrating.web._server import Supervisor

    handlers = {sig: signal.getsignal(sig) for sig in SIGNALS}
    try:
        config = uvicorn.Config("csrating.web.commands:worker_app_from_environment")
        config.timeout_worker_healthcheck = 120
        supervisor = Supervisor(config, sockets=[])
        supervisor.processes = [_StartingWorker()]  # type: ignore[list-item]
        supervisor.signal_queue.append(signal.SIGINT)
        checking = threading.Thread(target=supervisor.keep_subprocess_alive, daemon=True)
        checking.start()
        checking.join(timeout=30)  # far less than the health-check time, far more than a step
        assert not checking.is_alive(), "the supervisor is still waiting for the worker"
        assert supervisor.should_exit.is_set()
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
