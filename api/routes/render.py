"""Render a stored map as SVG, PNG, PDF or DOT, cached by (map version, options), with ETag / If-None-Match.

A version of a map never changes, so a rendering is cached under the version and the options and
never goes stale; its ETag is a hash of the same key, so a client's ``If-None-Match`` is answered
304 without drawing anything. ``dot`` runs under the configured time limit; past it the answer is 503.
"""

from __future__ import annotations

import gzip
import hashlib
import time
from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Literal

from fastapi import APIRouter, Header, Query, Request, Response

from api.access import not_modified, readable
from api.cache import LRUCache
from api.deps import CallerDep, SettingsDep, StoreDep
from api.problems import ApiProblem, problem_responses
from api.routes.evaluation import SemanticsName, evaluate_bounded
from api.settings import Settings
from argmap import ArgumentMap, LimitExceededError

__all__ = ["new_cache", "router"]

router = APIRouter(tags=["render"])

MEDIA = {"svg": "image/svg+xml", "png": "image/png", "pdf": "application/pdf", "dot": "text/vnd.graphviz; charset=utf-8"}


class RenderFormat(StrEnum):
    svg = "svg"
    png = "png"
    pdf = "pdf"
    dot = "dot"


Theme = Literal["light", "dark", "print", "high-contrast"]  # names only: a theme file on the server is never read


def new_cache(settings: Settings) -> LRUCache[bytes]:
    """The in-process cache of rendered output, bounded in bytes."""
    return LRUCache(settings.render_cache_bytes, size=len)


def _ids(values: list[str] | None) -> list[str]:
    return sorted({v.strip() for raw in values or () for v in raw.split(",") if v.strip()})


@router.get(
    "/maps/{map_id}/render.{fmt}",
    responses={
        **problem_responses(401, 404, 422, 503),
        200: {
            "description": "The drawing.",
            "content": {m.split(";")[0]: {"schema": {"type": "string", "format": "binary"}} for m in MEDIA.values()},
        },
        304: {"description": "Not modified: your copy (If-None-Match) is current."},
    },
    response_class=Response,
    summary="Draw a map",
)
def render_map(
    map_id: str,
    fmt: RenderFormat,
    request: Request,
    store: StoreDep,
    caller: CallerDep,
    settings: SettingsDep,
    theme: Annotated[Theme, Query(description="A built-in theme.")] = "light",
    lang: Annotated[str | None, Query(max_length=20, pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$", description="Label language.")] = None,
    fit: Annotated[str | None, Query(max_length=11, pattern=r"^\d{1,5}:\d{1,5}$", description="Shape for a slide, e.g. 16:9.")] = None,
    preset: Annotated[Literal["presentation"] | None, Query(description="'presentation': fit 16:9 with a legend.")] = None,
    focus: Annotated[str | None, Query(max_length=128, description="Draw only the neighbourhood of this statement.")] = None,
    k: Annotated[int, Query(ge=0, le=20, description="With focus: how many relations away to draw.")] = 1,
    highlight: Annotated[
        list[str] | None, Query(max_length=1000, description="Statement ids to keep bright (the rest dims); repeat or comma-separate.")
    ] = None,
    legend: Annotated[bool | None, Query(description="Draw a legend.")] = None,
    rankdir: Annotated[Literal["BT", "TB", "LR", "RL"], Query(description="Direction of the layout.")] = "BT",
    evaluate: Annotated[SemanticsName | None, Query(description="Colour each statement by its evaluation under this semantics.")] = None,
    if_none_match: Annotated[str | None, Header(description="An ETag you hold: 304 when the drawing is the same.")] = None,
) -> Response:
    """The map drawn by Graphviz. The same map version with the same options is served from a cache."""
    started = time.perf_counter()
    rec, amap = readable(store, map_id, caller, with_tags=False)
    options = {
        "theme": theme,
        "lang": lang,
        "fit": fit,
        "preset": preset,
        "focus": focus,
        "k": k,
        "highlight": tuple(_ids(highlight)),
        "legend": legend,
        "rankdir": rankdir,
        "evaluate": evaluate,
    }
    key = (rec.id, rec.version, fmt.value, tuple(sorted(options.items())))
    tag = '"r' + hashlib.sha256(repr(key).encode("utf-8")).hexdigest()[:24] + '"'
    # SVG and DOT are text and shrink ~10x: gzip them (once, cached) for clients that accept it.
    gzipped = fmt.value in ("svg", "dot") and "gzip" in request.headers.get("accept-encoding", "").lower()
    if gzipped:
        tag = tag[:-1] + '-gz"'  # another representation, another strong ETag
    headers = {
        "ETag": tag,
        "Cache-Control": "private, no-cache" if not rec.public else "public, no-cache",
        "Vary": "Accept-Encoding",
        # Defence in depth: a drawing opened from this origin runs no script and loads nothing.
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
        "X-Content-Type-Options": "nosniff",
    }
    if not_modified(if_none_match, tag):
        return Response(status_code=304, headers=headers)
    cache: LRUCache[bytes] = request.app.state.render_cache
    data = cache.get((*key, gzipped))
    headers["X-Cache"] = "hit" if data is not None else "miss"
    if data is None:
        raw = cache.get((*key, False)) if gzipped else None
        if raw is None:
            raw = _draw(amap, fmt.value, options, settings)
            cache.put((*key, False), raw)
        data = gzip.compress(raw, compresslevel=6, mtime=0) if gzipped else raw
        if gzipped:
            cache.put((*key, True), data)
    if gzipped:
        headers["Content-Encoding"] = "gzip"
    headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.2f}"  # the server's own time, no transfer
    return Response(data, media_type=MEDIA[fmt.value], headers=headers)


def _draw(amap: ArgumentMap, fmt: str, options: Mapping[str, object], settings: Settings) -> bytes:
    from argmap.render import render

    kwargs = {k: v for k, v in options.items() if v is not None and v != () and k != "evaluate"}
    if options.get("evaluate"):
        kwargs["overlay"] = evaluate_bounded(amap, str(options["evaluate"])).overlay()
    start = time.monotonic()
    try:
        return render(amap, fmt, **kwargs, timeout=settings.render_timeout)
    except LimitExceededError:
        if time.monotonic() - start >= settings.render_timeout:
            raise ApiProblem(
                503,
                f"rendering took longer than the limit of {settings.render_timeout:g} s and was stopped; draw less at once (focus=ID&k=1)",
                slug="render-timeout",
                headers={"Retry-After": "60"},
            ) from None
        raise
