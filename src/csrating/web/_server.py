"""What ``csrating serve`` adds to uvicorn: HTTP/1.1 connections with Nagle's algorithm
off, and a supervisor of several workers that hears Ctrl+C while a worker starts.

With several workers uvicorn binds the listening socket itself, without naming the TCP
protocol, so asyncio does not turn Nagle's algorithm off for the connections it accepts
(it does so only for sockets whose protocol is ``IPPROTO_TCP``). A response written as its
headers and then its body then waits for the client's delayed acknowledgement of the
headers: about 40 ms on every small page of a kept-alive connection.

uvicorn's supervisor asks each worker process whether it is alive and waits for the
answer, up to the health-check time (two minutes for ``serve``, because a new worker
answers only once Python has imported csrating, which takes seconds on a busy machine).
While it waits it handles no signal: a Ctrl+C in the first seconds, or one that killed a
worker still importing, went unheard until the wait ran out. :class:`Supervisor` waits
for a worker's first answer in short steps instead, handling signals between them and
noticing a worker that has exited.
"""

from __future__ import annotations

import contextlib
import socket
import time
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.supervisors.multiprocess import Multiprocess, Process

__all__ = ["NoDelayH11Protocol", "Supervisor", "run_workers"]

STEP_S = 0.5
"""How long the supervisor waits for a starting worker before it looks at signals again."""


class NoDelayH11Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol, sending every write at once (``TCP_NODELAY``)."""

    def connection_made(self, transport: Any) -> None:
        """Turn Nagle's algorithm off for the new connection, then serve it."""
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)


def run_workers(app: str, **options: Any) -> None:
    """Serve ``app`` (an import string) from ``options["workers"]`` processes under a
    :class:`Supervisor`, as ``uvicorn.run`` would under its own, until a signal stops it.

    Args:
        app: the application or its factory, as ``"module:name"``.
        **options: ``uvicorn.Config``'s settings.
    """
    import uvicorn

    config = uvicorn.Config(app, **options)
    with contextlib.suppress(KeyboardInterrupt):
        Supervisor(config, sockets=[config.bind_socket()]).run()


class Supervisor(Multiprocess):
    """uvicorn's supervisor of worker processes, which never waits on a starting worker
    with a Ctrl+C (or any other signal) unheard."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._answered: set[int] = set()

    def keep_subprocess_alive(self) -> None:
        """Wait for each new worker's first answer, then check on the workers as uvicorn
        does (a worker that has answered once answers within moments)."""
        for process in self.processes:
            self._await_first_answer(process)
            if self.should_exit.is_set():
                return
        super().keep_subprocess_alive()

    def _await_first_answer(self, process: Process) -> None:
        pid = process.pid
        if pid is None or pid in self._answered:
            return
        deadline = time.monotonic() + self.config.timeout_worker_healthcheck
        try:
            process.parent_conn.send(b"ping")
            while process.process.is_alive() and time.monotonic() < deadline:
                if process.parent_conn.poll(STEP_S):
                    process.parent_conn.recv()
                    self._answered.add(pid)
                    return
                self.handle_signals()
                if self.should_exit.is_set():
                    return
        except (OSError, EOFError):
            return  # uvicorn's own check finds the worker dead and starts another
