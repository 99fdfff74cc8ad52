"""``csrating serve --workers N``: start-up work once, then workers that only open the store."""

from __future__ import annotations

import io
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from csrating.cli import app as cli_app
from csrating.errors import UsageError
from csrating.store import open_store
from csrating.web.commands import default_workers, prepare, serve, worker_app
from csrating.web.settings import DEFAULT_THREADS


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
    app = worker_app(url, threads=3)
    store = app.state.services.store
    try:
        assert app.state.settings.threads == 3
        assert store.engine.pool.size() == 3
        assert len(store.rounds()) == 1 and len(store.users()) == 5
    finally:
        store.close()


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
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                if _get(base + "/static/web.css")[0] == 200:
                    break
            except OSError:
                assert server.poll() is None, server.communicate()[0]
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.5)
        for _ in range(10):
            status, body = _get(f"{base}/results/{round_.id}")
            assert status == 200 and b"Results will be published" in body
    finally:
        os.killpg(server.pid, signal.SIGINT)
        output = server.communicate(timeout=60)[0]
    assert "with 2 worker processes" in output
    assert len(set(re.findall(r"Started server process \[(\d+)\]", output))) == 2, output


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

    asyncio.run(main())
    assert seen and seen[0] != 0
