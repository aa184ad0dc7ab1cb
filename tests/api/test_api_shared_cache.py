"""Two API servers on one store and one Redis share the render cache: a drawing made by one is a hit in the other."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable

import httpx
import pytest
from api_fixtures import *  # noqa: F403 - the shared fixtures (see api_fixtures.py)
from fastapi import FastAPI
from test_api_concurrency import _serve

REDIS_URL = os.environ.get("ARGMAP_TEST_REDIS_URL")
PETS = "statements:\n  - {id: c1, claim: Cats are good pets.}\n  - {id: e1, claim: They purr.}\nrelations:\n  - {support: e1, target: c1}\n"


@pytest.fixture
def redis_url() -> str:
    if not REDIS_URL:
        pytest.skip("ARGMAP_TEST_REDIS_URL is not set (e.g. redis://127.0.0.1:6379/0); .ci/run sets it")
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        pytest.skip(f"Redis at {REDIS_URL} is not reachable: {type(exc).__name__}")
    return REDIS_URL


def test_two_servers_share_one_render_cache(make_app: Callable[..., FastAPI], redis_url: str) -> None:
    title = f"Shared {secrets.token_hex(4)}"  # a map of this run's own: Redis may hold other runs' drawings
    with _serve(make_app(auth="off", redis_url=redis_url)) as one, _serve(make_app(auth="off", redis_url=redis_url)) as two:
        r = httpx.post(f"{one}/maps", content=f"title: {title}\n{PETS}", headers={"Content-Type": "application/yaml"})
        assert r.status_code == 201, r.text
        url = f"/maps/{r.json()['id']}/render.svg"
        first = httpx.get(one + url, timeout=60)
        other = httpx.get(two + url, timeout=60)
        assert first.status_code == other.status_code == 200
        assert first.headers["x-cache"] == "miss" and other.headers["x-cache"] == "hit" and other.content == first.content
        # What the renderer warned (no titles to show) is kept with the drawing: the other server's hit says it too.
        warned = f"{url}?labels=title"
        made = httpx.get(one + warned, timeout=60)
        hit = httpx.get(two + warned, timeout=60)
        assert made.headers["x-cache"] == "miss" and hit.headers["x-cache"] == "hit" and hit.content == made.content
        assert made.headers.get_list("argmap-warning") and hit.headers.get_list("argmap-warning") == made.headers.get_list("argmap-warning")


def test_without_redis_each_server_has_its_own_cache(make_app: Callable[..., FastAPI]) -> None:
    with _serve(make_app(auth="off")) as one, _serve(make_app(auth="off")) as two:
        r = httpx.post(f"{one}/maps", content=PETS, headers={"Content-Type": "application/yaml"})
        url = f"/maps/{r.json()['id']}/render.svg"
        assert httpx.get(one + url, timeout=60).headers["x-cache"] == "miss"
        assert httpx.get(two + url, timeout=60).headers["x-cache"] == "miss"
        assert httpx.get(two + url, timeout=60).headers["x-cache"] == "hit"
