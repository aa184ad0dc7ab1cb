"""Security headers on every answer, and the CORS policy (none unless origins are configured).

Every response carries ``X-Content-Type-Options: nosniff``, ``X-Frame-Options: DENY``, a
``Content-Security-Policy`` (``frame-ancestors 'none'``; JSON answers may load nothing at all, the
interactive docs only their own files and inline script), ``Referrer-Policy: no-referrer`` and
no ``Server`` header. Routes that set their own CSP (renders) keep it.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .settings import Settings

__all__ = ["DOCS_CSP", "STRICT_CSP", "SecurityHeaders", "install_cors"]

STRICT_CSP = "default-src 'none'; frame-ancestors 'none'"
# The docs pages are HTML that runs Swagger UI / ReDoc from this server's own files (api/docs_pages.py): nothing else.
DOCS_CSP = (
    "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; worker-src blob:; connect-src 'self'; frame-ancestors 'none'"
)
_DOCS = ("/docs", "/redoc")


class SecurityHeaders:
    """ASGI middleware: add the security headers to every HTTP answer (pure ASGI: no body buffering)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = (DOCS_CSP if str(scope.get("path", "")).startswith(_DOCS) else STRICT_CSP).encode("ascii")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"server"]
                names = {k.lower() for k, _ in headers}
                for name, value in (
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"content-security-policy", csp),
                    (b"referrer-policy", b"no-referrer"),
                    (b"cross-origin-resource-policy", b"same-origin"),
                ):
                    if name not in names:
                        headers.append((name, value))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def install_cors(app: FastAPI, settings: Settings) -> None:
    """CORS for the configured origins only (``ARGMAP_CORS_ORIGINS``); with none, no cross-origin reads, but preflight answers.

    Keys travel in ``Authorization``, never in cookies, so credentials are not allowed cross-origin.
    """
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
        allow_headers=["Authorization", "Content-Type", "If-Match", "If-None-Match", "Accept"],
        expose_headers=["ETag", "Location", "Retry-After", "X-Cache"],
        allow_credentials=False,
        max_age=600,
    )
