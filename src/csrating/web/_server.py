"""What ``csrating serve`` adds to uvicorn: HTTP/1.1 connections with Nagle's algorithm off.

With several workers uvicorn binds the listening socket itself, without naming the TCP
protocol, so asyncio does not turn Nagle's algorithm off for the connections it accepts
(it does so only for sockets whose protocol is ``IPPROTO_TCP``). A response written as its
headers and then its body then waits for the client's delayed acknowledgement of the
headers: about 40 ms on every small page of a kept-alive connection.
"""

from __future__ import annotations

import contextlib
import socket
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = ["NoDelayH11Protocol"]


class NoDelayH11Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol, sending every write at once (``TCP_NODELAY``)."""

    def connection_made(self, transport: Any) -> None:
        """Turn Nagle's algorithm off for the new connection, then serve it."""
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
