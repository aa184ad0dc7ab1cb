"""Making and serving drawings (``render.svg`` and friends, and the interactive view): bounded, cached, with warnings.

Both routes do the same around their own drawing: a key for (map, version, options) that also names the argmap
that made it, a 304 for a matching ``If-None-Match``, the render cache (and the failures it remembers), the
render gate (a few at once, a share per caller, identical requests wait for one), Graphviz's absence and time
limit as problems, and the renderer's warnings as ``Argmap-Warning`` headers.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import time
from collections.abc import Callable
from typing import Any

from fastapi import Request, Response
from fastapi.concurrency import run_in_threadpool

from argmap import LimitExceededError, RenderError
from argmap import __version__ as _ARGMAP_VERSION

from .deps import Caller
from .problems import ApiProblem
from .ratelimit import client_address
from .render_cache import Failure, RenderCache
from .render_gate import RenderGate
from .render_warnings import HEADER, collect, header_values, pack, unpack
from .settings import Settings

__all__ = ["ENTRY_VERSION", "draw_within", "drawing_key", "drawing_response", "kept_or_drawn", "require_dot"]

log = logging.getLogger("argmap.api")

#: Part of every drawing's cache key: an entry made by another argmap (another renderer, another :func:`pack`
#: format) is never read, also when servers of two versions share one Redis.
ENTRY_VERSION = f"argmap {_ARGMAP_VERSION}, entries 1"


def drawing_key(*what: Any) -> str:
    """The cache key of a drawing of ``what`` (map id, version, kind, options ...), made by this argmap.

    Examples
    --------
    >>> drawing_key("m1", 3, "svg", (("theme", "light"),)) == drawing_key("m1", 3, "svg", (("theme", "light"),))
    True
    >>> drawing_key("m1", 3, "svg") == drawing_key("m1", 4, "svg")
    False
    """
    return hashlib.sha256(repr((ENTRY_VERSION, *what)).encode("utf-8")).hexdigest()


def require_dot() -> None:
    """A 503 when Graphviz's ``dot`` is missing: the server's own trouble, never remembered as the map's failure."""
    from argmap.render.output import dot_binary

    try:
        dot_binary()
    except RenderError as exc:
        raise ApiProblem(503, str(exc), slug="render-unavailable", headers={"Retry-After": "60"}) from None


def draw_within(settings: Settings, draw: Callable[[], bytes], *, what: str, advice: str) -> bytes:
    """``draw()``, with what it raises turned into problems: past the time limit a 503, another limit or a map
    Graphviz refuses a 422 (asking again gives the same answer)."""
    start = time.monotonic()
    try:
        return draw()
    except LimitExceededError as exc:
        if time.monotonic() - start >= settings.render_timeout:
            raise ApiProblem(
                503,
                f"{what} took longer than the limit of {settings.render_timeout:g} s and was stopped; {advice}",
                slug="render-timeout",
                headers={"Retry-After": "60"},
            ) from None
        raise ApiProblem(422, str(exc), slug="limit-exceeded") from None
    except RenderError as exc:
        raise ApiProblem(422, f"this map cannot be drawn: {exc}", slug="render-failed") from None


async def kept_or_drawn(
    request: Request,
    caller: Caller,
    key: str,
    map_id: str,
    draw: Callable[[], bytes],
    *,
    gzipped: bool,
    remember_failures: bool = False,
) -> tuple[bytes, list[str], bool]:
    """The drawing under ``key`` (its gzip form when ``gzipped``) with its warnings, and whether it was kept already.

    A miss is drawn in the render gate (:func:`draw_and_keep`); with ``remember_failures`` a failure kept for that
    key is answered again without drawing.
    """
    cache: RenderCache = request.app.state.render_cache
    stored_key = key + (".gz" if gzipped else "")
    entry = await run_in_threadpool(cache.get, stored_key)
    hit = entry is not None
    if entry is None:
        if remember_failures:
            failed = await run_in_threadpool(cache.failure, key)
            if failed is not None:
                raise _problem(failed)
        gate: RenderGate = request.app.state.render_gate
        who = caller.owner if caller.owner is not None else "@" + client_address(request)

        def run() -> bytes:
            return draw_and_keep(cache, key, map_id, draw, gzipped=gzipped, remember_failures=remember_failures)

        entry = await gate.run(stored_key, who, run)
    data, said = unpack(entry)
    return data, said, hit


def drawing_response(
    data: bytes, said: list[str], *, hit: bool, media_type: str, headers: dict[str, str], gzipped: bool, started: float
) -> Response:
    """The answer: the drawing with its headers, ``X-Cache``, the server's own time, and one header per warning."""
    headers["X-Cache"] = "hit" if hit else "miss"
    if gzipped:
        headers["Content-Encoding"] = "gzip"
    headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.2f}"  # the server's own time, no transfer
    response = Response(data, media_type=media_type, headers=headers)
    for value in header_values(said):
        response.headers.append(HEADER, value)
    return response


def draw_and_keep(
    cache: RenderCache,
    key: str,
    map_id: str,
    draw: Callable[[], bytes],
    *,
    gzipped: bool,
    remember_failures: bool = False,
) -> bytes:
    """Draw (the caller holds a render slot), keep the drawing with its warnings, and its gzip form when asked.

    Returns the cache entry (:func:`pack`ed). The warnings of a drawing made here are logged once, at info level.
    With ``remember_failures``, an :class:`ApiProblem` from ``draw`` is kept too, for ``render_failure_ttl``
    seconds (:func:`kept_or_drawn` reads it back before drawing the same again).
    """
    entry = cache.get(key) if gzipped else None
    if entry is None:
        try:
            with collect() as said:
                raw = draw()
        except ApiProblem as exc:
            if remember_failures:
                retry = (exc.headers or {}).get("Retry-After")
                cache.remember_failure(key, {"status": exc.status, "detail": exc.detail, "slug": exc.slug, "retry_after": retry})
            raise
        for message in said:
            log.info("map %s: render warning: %s", map_id, message)
        entry = pack(raw, said)
        cache.put(key, entry)
    if not gzipped:
        return entry
    raw, said = unpack(entry)
    data = pack(gzip.compress(raw, compresslevel=6, mtime=0), said)
    cache.put(key + ".gz", data)
    return data


def _problem(failed: Failure) -> ApiProblem:
    retry = failed.get("retry_after")
    return ApiProblem(
        int(failed["status"]), str(failed["detail"]), slug=failed.get("slug"), headers={"Retry-After": str(retry)} if retry else None
    )
