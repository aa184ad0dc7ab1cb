"""Every error as ``application/problem+json`` (RFC 9457): argmap's exceptions mapped to HTTP in one place."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.routing import iter_route_contexts
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from argmap import ArgmapError, ArgumentMap, InvalidMapError, LimitExceededError, NotFoundError, RenderError
from argmap._types import LANGUAGE_PATTERN
from argmap.errors import format_loc

from .schemas import ProblemDetails, ProblemItem
from .store import StaleVersionError, UnknownMapError

__all__ = [
    "PROBLEM_JSON",
    "TITLES",
    "ApiProblem",
    "allowed_methods",
    "install_handlers",
    "plain_pattern",
    "problem_response",
    "problem_responses",
    "require_language",
]

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("argmap.api")

TITLES = {
    400: "Bad request",
    401: "Authentication required",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Conflict",
    412: "Precondition failed",
    408: "Request timeout",
    413: "Request body too large",
    415: "Unsupported media type",
    422: "Unprocessable content",
    429: "Too many requests",
    500: "Internal server error",
    503: "Service unavailable",
}


# What a regex in a parameter's schema means, in words: a 422 says "must be a language tag such as nl or en-GB",
# not the pattern (which may hold control characters, as the search's white-space class does).
_PATTERN_WORDS: dict[str, str] = {LANGUAGE_PATTERN: "must be a language tag such as nl or en-GB"}


def plain_pattern(pattern: str, words: str) -> str:
    """Register what ``pattern`` means in words, for the 422 a value that does not match it gets; returns ``pattern``."""
    _PATTERN_WORDS[pattern] = words
    return pattern


def _message(err: dict[str, Any]) -> str:
    if err.get("type") == "string_pattern_mismatch":
        words = _PATTERN_WORDS.get(str((err.get("ctx") or {}).get("pattern", "")))
        if words:
            return words
    return str(err.get("msg", "invalid")).removeprefix("Value error, ")


class ApiProblem(Exception):
    """An HTTP error with a human message; raised by routes and dependencies, answered as problem+json."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        slug: str | None = None,
        errors: Sequence[ProblemItem] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status, self.detail, self.slug, self.errors, self.headers = status, detail, slug, errors, headers


def require_language(amap: ArgumentMap, lang: str | None) -> None:
    """``?lang=`` names a language the stored map has no text in: 409 (the map's state, not the request's shape),
    as a render in that language is."""
    if lang is not None and lang not in amap.languages:
        raise ApiProblem(409, f"this map has no language {lang!r}; it has {', '.join(amap.languages)}", slug="unknown-language")


def problem_response(
    status: int,
    detail: str,
    *,
    slug: str | None = None,
    instance: str | None = None,
    errors: Sequence[ProblemItem] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """A problem+json response; ``slug`` names the problem type (``urn:argmap:problem:<slug>``).

    Long values are cut (a message never echoes a huge input whole), and at most ``MAX_ERRORS`` problems are listed.
    """
    items = None
    if errors is not None:
        items = [
            e.model_copy(update={"message": cut(e.message), "path": cut(e.path, 200) if e.path else e.path})
            for e in list(errors)[:MAX_ERRORS]
        ]
    body = ProblemDetails(
        type=f"urn:argmap:problem:{slug}" if slug else "about:blank",
        title=TITLES.get(status, "Error"),
        status=status,
        detail=cut(detail, 1000),
        instance=cut(instance, 200) if instance else instance,
        errors=items,
    )
    # ASCII-escaped JSON: a message that quotes the input stays valid even when the input was not (lone surrogates).
    content = json.dumps(body.model_dump(exclude_none=True), ensure_ascii=True, separators=(",", ":"))
    return Response(content.encode("ascii"), status_code=status, media_type=PROBLEM_JSON, headers=headers)


MAX_ERRORS = 100  # problems listed in one answer


def cut(text: str, limit: int = 500) -> str:
    """``text`` cut to about ``limit`` characters, saying how long it was.

    Examples
    --------
    >>> cut("x" * 10_000, 20)
    'xxxxxxxxxxxxxxxxxxxx... (10,000 characters)'
    """
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text):,} characters)"


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for these error statuses, each a problem+json body."""
    return {
        s: {
            "description": TITLES.get(s, "Error"),
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}},
        }
        for s in statuses
    }


def _items(exc: InvalidMapError) -> list[ProblemItem]:
    return [ProblemItem(message=p.message, path=p.path, line=p.line, column=p.column) for p in exc.problems]


def _handle(request: Request, exc: Exception) -> Response:
    where = request.url.path
    if isinstance(exc, ApiProblem):
        return problem_response(exc.status, exc.detail, slug=exc.slug, instance=where, errors=exc.errors, headers=exc.headers)
    if isinstance(exc, StaleVersionError):
        return problem_response(
            412, str(exc), slug="stale-version", instance=where, headers={"ETag": f'"v{exc.current}"'} if exc.current > 0 else None
        )
    if isinstance(exc, UnknownMapError):
        return problem_response(404, str(exc), slug="unknown-map", instance=where)
    if isinstance(exc, NotFoundError):
        return problem_response(404, str(exc), slug="unknown-id", instance=where)
    if isinstance(exc, InvalidMapError):
        first = exc.message.splitlines()[0]
        return problem_response(422, first, slug="invalid-map", instance=where, errors=_items(exc))
    if isinstance(exc, LimitExceededError):
        return problem_response(422, str(exc), slug="limit-exceeded", instance=where)
    if isinstance(exc, RenderError):
        return problem_response(503, str(exc), slug="render-failed", instance=where, headers={"Retry-After": "30"})
    if isinstance(exc, ArgmapError):
        # A plain ArgmapError is about the stored map's state (no main claim, a format that cannot hold it):
        # the request was well formed, the map does not allow it now.
        return problem_response(409, str(exc), slug="refused", instance=where)
    if isinstance(exc, RequestValidationError):
        items = []
        for err in exc.errors():
            items.append(ProblemItem(message=_message(err), path=format_loc(tuple(err.get("loc", ())))))
        detail = "; ".join(f"{i.path}: {i.message}" if i.path else i.message for i in items[:5]) or "invalid request"
        return problem_response(422, detail, slug="invalid-request", instance=where, errors=items)
    if isinstance(exc, StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "Error")
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"no such path: {where}"
        headers = dict(exc.headers) if exc.headers else {}
        if exc.status_code == 405:
            allowed = allowed_methods(request)
            headers["Allow"] = ", ".join(allowed)
            detail = f"{request.method} is not allowed on {where}; use {', '.join(allowed)}"
        return problem_response(exc.status_code, detail, instance=where, headers=headers or None)
    if isinstance(exc, UnicodeError):
        # Only input can carry text that is not Unicode (a JSON escape of a lone surrogate, "\ud800").
        return problem_response(422, f"the request holds text that is not valid Unicode: {exc}", slug="invalid-text", instance=where)
    if isinstance(exc, OperationalError):
        log.error("database unavailable on %s %s: %s", request.method, where, exc)
        return problem_response(
            503, "the database is not answering; try again shortly", slug="database-down", instance=where, headers={"Retry-After": "5"}
        )
    log.exception("unexpected error on %s %s", request.method, where, exc_info=exc)
    return problem_response(500, "an unexpected error; it has been logged", slug="internal", instance=where)


def allowed_methods(request: Request) -> list[str]:
    """Every method some route answers on this path (Starlette's own 405 names only the first route's)."""
    methods: set[str] = set()
    path = request.scope.get("path", "")
    for route in iter_route_contexts(request.app.router.routes):  # included routers' routes too
        if route.path and route.methods and compile_path(route.path)[0].match(path):
            methods |= route.methods
    return sorted(methods)


def install_handlers(app: FastAPI) -> None:
    """Answer every error the app can raise with problem+json."""
    # Each expected kind by name (handled in place); ``Exception`` last, for the unexpected (logged, then 500).
    for exc_type in (ApiProblem, ArgmapError, RequestValidationError, StarletteHTTPException, UnicodeError, OperationalError, Exception):
        app.add_exception_handler(exc_type, _handle)
