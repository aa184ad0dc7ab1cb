"""Annotated dependencies every route shares: the settings, the store, and who the caller is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from .problems import ApiProblem
from .settings import Settings
from .store import Store

__all__ = ["Caller", "CallerDep", "SettingsDep", "StoreDep", "WriterDep", "caller_dependency", "writer_dependency"]

_bearer = HTTPBearer(
    auto_error=False,
    description="An API key made with `argmap keys create OWNER` (or printed by `argmap serve` on its first start).",
)


# The dependencies are ``async`` so that they run on the event loop: a sync one costs a thread hop per request.


async def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


SettingsDep = Annotated[Settings, Depends(_settings)]
StoreDep = Annotated[Store, Depends(_store)]


@dataclass(frozen=True)
class Caller:
    """Who is calling: an owner name, or None for an anonymous caller (who may only read public maps)."""

    owner: str | None

    @property
    def anonymous(self) -> bool:
        return self.owner is None


_UNAUTHORIZED = {"WWW-Authenticate": 'Bearer realm="argmap"'}


async def _caller(request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> Caller:
    settings: Settings = request.app.state.settings  # read directly: fewer dependencies to solve per request
    store: Store = request.app.state.store
    if settings.auth == "off":
        return Caller(settings.local_owner)
    if credentials is None:
        request.app.state.anonymous_limits.check(request)
        return Caller(None)
    token = credentials.credentials
    owner = store.cached_owner(token)
    if owner is None:
        owner = await run_in_threadpool(store.owner_of, token)
    if owner is None:
        raise ApiProblem(
            401,
            "the API key is not valid (unknown, mistyped or revoked); make one with `argmap keys create OWNER`",
            slug="invalid-key",
            headers={"WWW-Authenticate": 'Bearer realm="argmap", error="invalid_token"'},
        )
    return Caller(owner)


async def _writer(caller: Annotated[Caller, Depends(_caller)]) -> Caller:
    if caller.owner is None:
        raise ApiProblem(401, "this needs an API key: send 'Authorization: Bearer <key>'", slug="key-required", headers=_UNAUTHORIZED)
    return caller


caller_dependency, writer_dependency = _caller, _writer  # named for the OpenAPI document (who may call what)
CallerDep = Annotated[Caller, Depends(_caller)]
WriterDep = Annotated[Caller, Depends(_writer)]
