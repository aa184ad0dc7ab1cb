"""Many clients editing one map at once, against a real uvicorn on 127.0.0.1: no update is ever lost.

With ``If-Match`` every edit is either accepted (and present afterwards) or refused with 412 (and
absent); without it, every edit is re-applied to the newest map and all of them are present.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import httpx
import pytest
import uvicorn
from api_fixtures import *  # noqa: F403 - the shared fixtures (see api_fixtures.py)
from api_fixtures import wait_until_live
from fastapi import FastAPI

CLIENTS = 8
EDITS_EACH = 6


@pytest.fixture
def server(make_app: Callable[..., FastAPI]) -> Iterator[str]:
    """A real uvicorn serving the app on a free loopback port, for this test only."""
    with _serve(make_app(auth="off")) as base:
        yield base


@pytest.fixture
def second_server(make_app: Callable[..., FastAPI]) -> Iterator[str]:
    """Another server on the same database: its own process state (caches), one shared store."""
    with _serve(make_app(auth="off")) as base:
        yield base


@contextmanager
def _serve(app: FastAPI) -> Iterator[str]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    wait_until_live(base, tries=200)
    try:
        yield base
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
        sock.close()


def _new_map(base: str, pets_yaml: str) -> str:
    r = httpx.post(f"{base}/maps", content=pets_yaml, headers={"Content-Type": "application/yaml"})
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def _if_match_edits(bases: tuple[str, ...], map_id: str) -> list[tuple[str, int]]:
    """CLIENTS writers (spread over the servers) each read the ETag and add a statement with If-Match."""

    def worker(n: int) -> list[tuple[str, int]]:
        out = []
        with httpx.Client(base_url=bases[n % len(bases)], timeout=30) as c:
            for j in range(EDITS_EACH):
                tag = c.get(f"/maps/{map_id}").headers["etag"]
                sid = f"t{n}_{j}"
                r = c.post(f"/maps/{map_id}/statements", json={"id": sid, "claim": f"Edit {sid}."}, headers={"If-Match": tag})
                out.append((sid, r.status_code))
        return out

    with ThreadPoolExecutor(CLIENTS) as pool:
        return [x for chunk in pool.map(worker, range(CLIENTS)) for x in chunk]


def test_if_match_edits_are_accepted_or_refused_never_lost(server: str, pets_yaml: str) -> None:
    map_id = _new_map(server, pets_yaml)

    results = _if_match_edits((server,), map_id)
    statuses = {s for _, s in results}
    assert statuses <= {201, 412}, statuses
    accepted = {sid for sid, s in results if s == 201}
    refused = {sid for sid, s in results if s == 412}
    assert accepted and refused, "the test should make writers collide"
    final = httpx.get(f"{server}/maps/{map_id}").json()
    present = {st["id"] for st in final["map"]["statements"]} - {"c1", "e1", "o1", "a1", "o2"}
    assert present == accepted
    assert not (present & refused)
    assert final["version"] == 1 + len(accepted)


def test_edits_without_if_match_all_land(server: str, pets_yaml: str) -> None:
    map_id = _new_map(server, pets_yaml)

    def worker(n: int) -> list[int]:
        with httpx.Client(base_url=server, timeout=30) as c:
            return [c.post(f"/maps/{map_id}/statements", json={"id": f"u{n}_{j}", "claim": "x"}).status_code for j in range(EDITS_EACH)]

    with ThreadPoolExecutor(CLIENTS) as pool:
        statuses = [s for chunk in pool.map(worker, range(CLIENTS)) for s in chunk]
    assert set(statuses) == {201}
    final = httpx.get(f"{server}/maps/{map_id}").json()
    assert len(final["map"]["statements"]) == 5 + CLIENTS * EDITS_EACH
    assert final["version"] == 1 + CLIENTS * EDITS_EACH


def test_two_servers_on_one_store_lose_nothing_and_serve_nothing_stale(server: str, second_server: str, pets_yaml: str) -> None:
    map_id = _new_map(server, pets_yaml)
    assert httpx.get(f"{second_server}/maps/{map_id}").json()["version"] == 1  # B has it cached at v1 now

    results = _if_match_edits((server, second_server), map_id)
    assert {s for _, s in results} <= {201, 412}
    accepted = {sid for sid, s in results if s == 201}
    for base in (server, second_server):
        final = httpx.get(f"{base}/maps/{map_id}").json()
        assert {st["id"] for st in final["map"]["statements"]} - {"c1", "e1", "o1", "a1", "o2"} == accepted
        assert final["version"] == 1 + len(accepted)
