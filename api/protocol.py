"""The HTTP protocol `argmap serve` runs: uvicorn's h11 protocol, closing connections that never send a request.

uvicorn starts its keep-alive timer only after a response, so a client that connects and says nothing holds a
connection (and one of ``limit_concurrency``'s places) for ever. This protocol starts the same timer when the
connection opens; the first bytes of a request cancel it, as they cancel the keep-alive timer.
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = ["IdleClosingH11Protocol"]


class IdleClosingH11Protocol(H11Protocol):
    """h11 with the keep-alive timeout also applied to a new connection before its first request."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.timeout_keep_alive_task = self.loop.call_later(self.timeout_keep_alive, self.timeout_keep_alive_handler)
