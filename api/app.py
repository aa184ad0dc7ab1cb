"""The FastAPI application: ``create_app()`` wires settings, the store, the routers, the limits and the error handlers.

Run it with ``argmap serve`` or ``uvicorn argmap_api.app:app`` (settings from ``ARGMAP_*`` environment variables).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from argmap import __version__

from .compression import GZip
from .docs_pages import install_docs
from .openapi import install_openapi
from .problems import install_handlers, problem_response, problem_responses
from .ratelimit import AnonymousLimits
from .render_cache import new_render_cache
from .render_gate import RenderGate
from .routes import edits, evaluation, formats, health, keys, landing, maps, query, render, view
from .security import SecurityHeaders, install_cors
from .settings import Settings, get_settings
from .store import Store

__all__ = ["BodyLimit", "create_app"]

DESCRIPTION = """
Store argument maps, edit them one statement at a time, ask questions about them, and render them.

* **Keys.** Send `Authorization: Bearer <key>`. Make keys with `argmap keys create OWNER`; a fresh
  server prints a first key when it has none. Without a key you may read public maps only.
* **Versions.** Every map has a version; its `ETag` is `"v<version>"`. Send it back in `If-Match` on a
  write and the write is refused with **412** if someone else wrote first: no update is ever lost.
* **Errors** are `application/problem+json` (RFC 9457), with each validation problem's field path in `errors`.
"""


class BodyLimit:
    """ASGI middleware: refuse a request body over ``limit`` bytes with 413, before any route reads it.

    The whole body must also arrive within ``timeout`` seconds (408 otherwise): uvicorn has no body
    timeout, so without this a slow sender holds a connection and its buffer for as long as it likes.
    """

    def __init__(self, app: ASGIApp, limit: int, timeout: float = 10.0) -> None:
        self.app, self.limit, self.timeout = app, limit, timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                await self._refuse(scope, receive, send, 400, "Content-Length is not a number")
                return
            if declared > self.limit:
                await self._refuse(scope, receive, send, 413, self._message(declared))
                return
        # Read the body here (bounded), so a body without Content-Length is limited too.
        chunks: list[bytes] = []
        total = 0
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                message = await asyncio.wait_for(receive(), timeout=max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                detail = f"the request body did not arrive within {self.timeout:g} s (ARGMAP_BODY_TIMEOUT)"
                await self._refuse(scope, receive, send, 408, detail)
                return
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            total += len(chunk)
            if total > self.limit:
                await self._refuse(scope, receive, send, 413, self._message(total, more=True))
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    def _message(self, size: int, *, more: bool = False) -> str:
        return f"the request body is {'over ' if more else ''}{size:,} bytes; the limit is {self.limit:,} bytes (ARGMAP_MAX_BODY_BYTES)"

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, status: int, detail: str) -> None:
        response = problem_response(status, detail, slug="body-too-large" if status == 413 else None, instance=scope.get("path"))
        await response(scope, receive, send)


def create_app(settings: Settings | None = None, *, store: Store | None = None) -> FastAPI:
    """Build the service; the store is opened and migrated on start-up (or given, e.g. by tests).

    Examples
    --------
    >>> app = create_app(Settings(database_url="sqlite://", auth="off"))
    >>> sorted(r for r in app.openapi()["paths"] if r.startswith("/maps/{map_id}/render"))
    ['/maps/{map_id}/render.{fmt}']
    """
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = app.state.store is None
        if own:
            app.state.store = open_store(settings)
        try:
            yield
        finally:
            if own:
                app.state.store.dispose()
                app.state.store = None

    app = FastAPI(
        title="argmap",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served from local files by install_docs (FastAPI's own pages need a CDN)
        redoc_url=None,
        generate_unique_id_function=lambda route: route.name,  # operationIds as the functions are named: list_maps
        responses=problem_responses(400, 408, 413, 503),  # any request: malformed, too large, too slow, or the database down
        openapi_tags=[
            {"name": "maps", "description": "Store, get, replace and delete maps."},
            {"name": "edits", "description": "Add, change and remove single statements and relations."},
            {"name": "query", "description": "Questions about a map."},
            {"name": "render", "description": "Draw a map as SVG, PNG, PDF or DOT."},
            {"name": "formats", "description": "The map formats the service reads and writes."},
            {"name": "keys", "description": "Check your API key (make keys with `argmap keys create OWNER`)."},
            {"name": "health", "description": "Is the service up."},
        ],
    )
    app.state.settings = settings
    app.state.store = store
    app.state.render_cache = new_render_cache(settings)
    app.state.render_gate = RenderGate(settings)
    app.state.anonymous_limits = AnonymousLimits(settings)
    install_handlers(app)
    install_openapi(app)
    install_docs(app)
    for module in (maps, edits, query, evaluation, render, formats, keys, health):
        app.include_router(module.router)
    app.include_router(view.router)
    app.include_router(landing.router)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes, timeout=settings.body_timeout)
    # JSON answers are compressed too (renders gzip themselves, once, cached); `gzip;q=0` is honoured.
    app.add_middleware(GZip, minimum_size=1024)
    install_cors(app, settings)
    app.add_middleware(SecurityHeaders)  # outermost: on every answer, the body-limit's 413 included
    return app


def open_store(settings: Settings) -> Store:
    """Open the store named by the settings and bring its schema up to date."""
    store = Store(settings.database_url, map_cache_items=settings.map_cache_items)
    store.migrate()
    return store


def __getattr__(name: str) -> Any:
    # ``uvicorn argmap_api.app:app`` builds the app from the environment when first asked for it.
    if name == "app":
        return create_app()
    raise AttributeError(name)
