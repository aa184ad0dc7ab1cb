"""Render a stored map as SVG, PNG, PDF or DOT, cached by (map version, options), with ETag / If-None-Match.

A version of a map never changes, so a rendering is cached under the version and the options and
never goes stale; its ETag is a hash of the same key, so a client's ``If-None-Match`` is answered
304 without drawing anything. ``dot`` runs under the configured time limit; past it the answer is 503.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Literal

from fastapi import APIRouter, Header, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from argmap import ArgumentMap
from argmap._types import LANGUAGE_PATTERN

from ..access import not_modified, readable
from ..compression import accepts_gzip
from ..deps import CallerDep, SettingsDep, StoreDep
from ..drawing import draw_within, drawing_key, drawing_response, kept_or_drawn, require_dot
from ..problems import plain_pattern, problem_responses
from ..render_warnings import HEADER_OPENAPI
from ..routes.evaluation import SemanticsName, evaluate_bounded
from ..settings import Settings

__all__ = ["router"]

router = APIRouter(tags=["render"])
log = logging.getLogger("argmap.api")

MEDIA = {"svg": "image/svg+xml", "png": "image/png", "pdf": "application/pdf", "dot": "text/vnd.graphviz; charset=utf-8"}

FIT_PATTERN = plain_pattern(r"^\d{1,5}:\d{1,5}$", "must be a width:height ratio such as 16:9")


class RenderFormat(StrEnum):
    svg = "svg"
    png = "png"
    pdf = "pdf"
    dot = "dot"


Theme = Literal["light", "dark", "print", "high-contrast"]  # names only: a theme file on the server is never read


def _ids(values: list[str] | None) -> list[str]:
    return sorted({v.strip() for raw in values or () for v in raw.split(",") if v.strip()})


@router.get(
    "/maps/{map_id}/render.{fmt}",
    responses={
        **problem_responses(401, 404, 422, 429, 503),
        200: {
            "description": "The drawing.",
            "content": {m.split(";")[0]: {"schema": {"type": "string", "format": "binary"}} for m in MEDIA.values()},
            "headers": HEADER_OPENAPI,
        },
        304: {"description": "Not modified: your copy (If-None-Match) is current."},
    },
    response_class=Response,
    summary="Draw a map",
)
async def render_map(
    map_id: str,
    fmt: RenderFormat,
    request: Request,
    store: StoreDep,
    caller: CallerDep,
    settings: SettingsDep,
    theme: Annotated[Theme, Query(description="A built-in theme.")] = "light",
    lang: Annotated[str | None, Query(max_length=20, pattern=LANGUAGE_PATTERN, description="Label language.")] = None,
    fit: Annotated[str | None, Query(max_length=11, pattern=FIT_PATTERN, description="Shape for a slide, e.g. 16:9.")] = None,
    preset: Annotated[
        Literal["presentation", "overview"] | None,
        Query(description="'presentation': fit 16:9 with a legend; 'overview': the whole map on one legible 16:9 slide, titles only."),
    ] = None,
    labels: Annotated[
        Literal["text", "title", "both"] | None, Query(description="Each statement's text, its short title, or both (title above).")
    ] = None,
    kind_line: Annotated[
        bool | None, Query(alias="headers", description="Draw the kind line (CLAIM, STATISTIC ...) above each label.")
    ] = None,
    intrinsic_size: Annotated[
        bool, Query(description="Keep Graphviz's size in pt instead of scaling to the container (width 100%, viewBox kept).")
    ] = False,
    focus: Annotated[str | None, Query(max_length=128, description="Draw only the neighbourhood of this statement.")] = None,
    k: Annotated[int, Query(ge=0, le=20, description="With focus: how many relations away to draw.")] = 1,
    highlight: Annotated[
        list[str] | None, Query(max_length=1000, description="Statement ids to keep bright (the rest dims); repeat or comma-separate.")
    ] = None,
    legend: Annotated[bool | None, Query(description="Draw a legend.")] = None,
    rankdir: Annotated[
        Literal["BT", "TB", "LR", "RL"] | None, Query(description="Direction of the layout (default BT; the overview picks its own).")
    ] = None,
    evaluate: Annotated[SemanticsName | None, Query(description="Colour each statement by its evaluation under this semantics.")] = None,
    if_none_match: Annotated[str | None, Header(description="An ETag you hold: 304 when the drawing is the same.")] = None,
) -> Response:
    """The map drawn by Graphviz. The same map version with the same options is served from a cache.

    Renders are bounded: a few run at once per server, a few more wait (503 with ``Retry-After`` past
    that), each caller has a share (429), identical requests wait for one run of ``dot``, and a
    drawing that failed is answered from memory for a while (422 when Graphviz refuses the map).
    """
    started = time.perf_counter()
    if caller.anonymous:
        request.app.state.anonymous_limits.check(request, render=True)
    rec, amap = await run_in_threadpool(readable, store, map_id, caller, with_tags=False)
    options = {
        "theme": theme,
        "lang": lang,
        "fit": fit,
        "preset": preset,
        "labels": labels,
        "headers": kind_line,
        "responsive": None if not intrinsic_size else False,
        "focus": focus,
        "k": k,
        "highlight": tuple(_ids(highlight)),
        "legend": legend,
        "rankdir": rankdir,
        "evaluate": evaluate,
    }
    key = drawing_key(rec.id, rec.version, fmt.value, tuple(sorted(options.items())))
    tag = f'"r{key[:24]}"'
    # SVG and DOT are text and shrink ~10x: gzip them (once, cached) for clients that accept it.
    gzipped = fmt.value in ("svg", "dot") and accepts_gzip(request.headers.get("accept-encoding", ""))
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
    data, said, hit = await kept_or_drawn(
        request, caller, key, rec.id, lambda: _draw(amap, fmt.value, options, settings), gzipped=gzipped, remember_failures=True
    )
    return drawing_response(data, said, hit=hit, media_type=MEDIA[fmt.value], headers=headers, gzipped=gzipped, started=started)


def _draw(amap: ArgumentMap, fmt: str, options: Mapping[str, object], settings: Settings) -> bytes:
    from argmap.render import render

    require_dot()
    kwargs = {k: v for k, v in options.items() if v is not None and v != () and k != "evaluate"}
    if options.get("evaluate"):
        kwargs["overlay"] = evaluate_bounded(amap, str(options["evaluate"])).overlay()
    return draw_within(
        settings,
        lambda: render(amap, fmt, **kwargs, timeout=settings.render_timeout),
        what="rendering",
        advice="draw less at once (focus=ID&k=1)",
    )
