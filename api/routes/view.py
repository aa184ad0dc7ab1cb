"""The interactive view of a stored map (``argmap view`` over HTTP): one offline HTML page, cached by map version.

The page is :func:`argmap.view.build_view`'s, with the evaluation overlay computed here under the
service's bounds (the same time limit as ``GET /maps/{id}/evaluation``, shared by every semantics;
a semantics not done in time is left out of the switch, not the whole page). Drawing goes through the
render gate and the render cache like ``GET /maps/{id}/render.svg``: a version of a map never changes,
so the page is cached under (map, version, options) and answered 304 to a matching ``If-None-Match``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Annotated, Literal

from fastapi import APIRouter, Header, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from argmap import ArgumentMap
from argmap._types import LANGUAGE_PATTERN

from ..access import not_modified, readable
from ..compression import accepts_gzip
from ..deps import CallerDep, SettingsDep, StoreDep
from ..drawing import draw_within, drawing_key, drawing_response, kept_or_drawn, require_dot
from ..problems import problem_responses, require_language
from ..render_warnings import HEADER_OPENAPI
from ..routes.evaluation import EVALUATION_TIMEOUT
from ..routes.render import Theme
from ..settings import Settings

__all__ = ["router"]

router = APIRouter(tags=["render"])
log = logging.getLogger("argmap.api")

EXPLAINED = 100  # explanations of each statement's status for maps up to this size (each costs ~15 ms)
MAX_EXTENSIONS = 100  # as GET /maps/{id}/evaluation's default


@router.get(
    "/maps/{map_id}/view",
    response_class=HTMLResponse,
    responses={
        **problem_responses(401, 404, 422, 429, 503),
        200: {"description": "The interactive view: one self-contained HTML page (no network).", "headers": HEADER_OPENAPI},
        304: {"description": "Not modified: your copy (If-None-Match) is current."},
    },
    summary="The map in the browser",
)
async def view_map(
    map_id: str,
    request: Request,
    store: StoreDep,
    caller: CallerDep,
    settings: SettingsDep,
    lang: Annotated[
        str | None,
        Query(max_length=20, pattern=LANGUAGE_PATTERN, description="The language shown first (one the map has)."),
    ] = None,
    theme: Annotated[Theme, Query(description="A built-in theme.")] = "light",
    labels: Annotated[
        Literal["text", "title", "both"] | None, Query(description="Each statement's text, its short title, or both (title above).")
    ] = None,
    if_none_match: Annotated[str | None, Header(description="An ETag you hold: 304 when the page is the same.")] = None,
) -> Response:
    """The map with pan and zoom, its source text beside it (quotes linked both ways), details, search, filters,
    focus, collapsing and an evaluation overlay (grounded, preferred, DF-QuAD) computed by the service.

    The page loads nothing from anywhere: every script and style is inside it. It is bounded like a
    render (a few at once, a share per caller, 503 past the time limit) and cached per map version.
    """
    started = time.perf_counter()
    if caller.anonymous:
        request.app.state.anonymous_limits.check(request, render=True)
    rec, amap = await run_in_threadpool(readable, store, map_id, caller, with_tags=False)
    require_language(amap, lang)
    options = {"lang": lang, "theme": theme, "labels": labels}
    from argmap.view import content_security_policy

    # The page's script is part of the key and the ETag: after an upgrade (or with servers of two versions on one
    # Redis) a page kept from an older view.js would be sent with the new script's hash and blocked by the browser.
    policy = content_security_policy()
    key = drawing_key(rec.id, rec.version, "view", policy, tuple(sorted(options.items())))
    gzipped = accepts_gzip(request.headers.get("accept-encoding", ""))
    tag = f'"w{key[:24]}{"-gz" if gzipped else ""}"'
    headers = {
        "ETag": tag,
        "Cache-Control": "private, no-cache" if not rec.public else "public, no-cache",
        "Vary": "Accept-Encoding",
        "Content-Security-Policy": policy,  # its own inline script only; nothing from anywhere
    }
    if not_modified(if_none_match, tag):
        return Response(status_code=304, headers=headers)
    data, said, hit = await kept_or_drawn(request, caller, key, rec.id, lambda: _build(amap, options, settings), gzipped=gzipped)
    return drawing_response(data, said, hit=hit, media_type="text/html; charset=utf-8", headers=headers, gzipped=gzipped, started=started)


def _build(amap: ArgumentMap, options: Mapping[str, str | None], settings: Settings) -> bytes:
    from argmap.view import DEFAULT_SEMANTICS, build_view, evaluations_for

    require_dot()
    evaluations = evaluations_for(
        amap,
        DEFAULT_SEMANTICS,
        explain=len(amap.statements) <= EXPLAINED,
        lang=options.get("lang"),
        timeout=EVALUATION_TIMEOUT,
        limit=MAX_EXTENSIONS,
    )
    kwargs = {k: v for k, v in options.items() if v is not None}
    return draw_within(
        settings,
        lambda: build_view(amap, evaluations=evaluations, timeout=settings.render_timeout, **kwargs).encode("utf-8"),
        what="drawing the view",
        advice="draw part of the map with GET /maps/{id}/render.svg?focus=ID&k=1",
    )
