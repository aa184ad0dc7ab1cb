"""Rate limits for anonymous callers, by address, with the ``limits`` library (in memory, or in Redis for every process).

Callers with a key are not rate-limited here (their renders are bounded by the render gate); anonymous
callers may read public maps, so they get ``anonymous_rate`` requests and ``anonymous_render_rate``
renders per window, each answered **429** with ``Retry-After`` past the limit.
"""

from __future__ import annotations

import logging
import math
import time

from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from starlette.requests import Request

from .problems import ApiProblem
from .settings import Settings

__all__ = ["AnonymousLimits", "client_address"]

log = logging.getLogger("argmap.api")


def client_address(request: Request) -> str:
    """The caller's address as the server sees it (behind a proxy, run uvicorn with ``--forwarded-allow-ips``)."""
    return request.client.host if request.client else "unknown"


class AnonymousLimits:
    """The limits anonymous callers meet; storage in Redis when ``redis_url`` is set, so all processes count together."""

    def __init__(self, settings: Settings) -> None:
        uri = settings.redis_url or "memory://"
        self._limiter = MovingWindowRateLimiter(
            storage_from_string(uri, socket_timeout=2) if settings.redis_url else storage_from_string(uri)
        )
        self._any = parse(settings.anonymous_rate)
        self._render = parse(settings.anonymous_render_rate)

    def check(self, request: Request, *, render: bool = False) -> None:
        """Count one request (or, with ``render``, one render) from this anonymous caller; 429 when over the limit."""
        who = client_address(request)
        for item, what in ((self._render, "renders"),) if render else ((self._any, "requests"),):
            try:
                allowed = self._limiter.hit(item, "anonymous", what, who)
            except Exception as exc:  # noqa: BLE001 - a limiter store that does not answer lets the request through
                log.warning("the rate limiter's store does not answer: %r", exc)
                return
            if not allowed:
                reset, _remaining = self._limiter.get_window_stats(item, "anonymous", what, who)
                wait = max(1, math.ceil(reset - time.time()))
                raise ApiProblem(
                    429,
                    f"too many {what} without a key from {who} (the limit is {item}); wait {wait} s, or send an API key",
                    slug="rate-limited",
                    headers={"Retry-After": str(wait)},
                )
