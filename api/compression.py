"""Compression of answers: Starlette's GZipMiddleware, honouring ``gzip;q=0`` (which it reads as "gzip")."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import Receive, Scope, Send

__all__ = ["GZip", "accepts_gzip"]


def accepts_gzip(accept_encoding: str) -> bool:
    """True when the client takes gzip; ``gzip;q=0`` says it does not.

    Examples
    --------
    >>> accepts_gzip("br, gzip"), accepts_gzip("gzip;q=0"), accepts_gzip("identity"), accepts_gzip("*;q=0.5")
    (True, False, False, True)
    """
    for part in accept_encoding.lower().split(","):
        name, _, params = part.strip().partition(";")
        if name.strip() in ("gzip", "x-gzip", "*"):
            q = params.strip().removeprefix("q=")
            try:
                return not params.strip() or float(q) > 0
            except ValueError:
                return True
    return False


class GZip(GZipMiddleware):
    """Gzip JSON (and any other uncompressed) answers over ``minimum_size`` bytes for clients that accept it."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not accepts_gzip(Headers(scope=scope).get("accept-encoding", "")):
            await self.app(scope, receive, send)
            return
        await super().__call__(scope, receive, send)
