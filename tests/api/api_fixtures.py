"""Fixtures for the REST API tests: an app on a fresh SQLite file, or on PostgreSQL in a schema of its own.

Each test module imports them (``from api_fixtures import *``): a second ``conftest.py`` would clash with
``tests/conftest.py`` under ``--doctest-modules``, which imports every file by its base name.

PostgreSQL tests run when ``ARGMAP_TEST_DATABASE_URL`` names a server (``.ci/run`` sets it); each test
gets a fresh schema (``argmap_test_<random>``), dropped afterwards, so teammates' runs never collide.
"""

from __future__ import annotations

import os
import secrets
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from argmap_api.app import create_app
from argmap_api.settings import Settings
from argmap_api.store import Store

__all__ = ["alice", "bob", "client", "database_url", "free_port", "make_app", "pets", "pets_yaml", "store", "wait_until_live"]

PG_URL = os.environ.get("ARGMAP_TEST_DATABASE_URL")
PG_SKIP = "ARGMAP_TEST_DATABASE_URL is not set (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test); .ci/run sets it"

EXAMPLE_YAML = """title: Pets
main_claim: c1
metadata: {tags: [animals, demo]}
statements:
  - {id: c1, claim: Cats are good pets.}
  - {id: e1, evidence: Most cats purr when stroked., evidence_type: example}
  - {id: o1, claim: Cats scratch furniture., holder: critics}
  - {id: a1, claim: A scratching post solves that.}
  - {id: o2, claim: Cats ignore their owners., holder: critics}
relations:
  - {id: r1, support: e1, target: c1}
  - {id: r2, attack: o1, target: c1}
  - {id: r3, attack: a1, target: o1}
  - {id: r4, attack: o2, target: c1}
"""


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a PostgreSQL schema of this test's own."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'argmap.db'}"
        return
    if not PG_URL:
        pytest.skip(PG_SKIP)
    from sqlalchemy import create_engine, text

    schema = f"argmap_test_{secrets.token_hex(6)}"
    admin = create_engine(PG_URL)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:
        admin.dispose()
        pytest.skip(f"PostgreSQL at {PG_URL} is not reachable: {type(exc).__name__}")
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def make_app(database_url: str) -> Callable[..., FastAPI]:
    """Build an app on this test's database with some settings changed."""

    def make(**changes: Any) -> FastAPI:
        return create_app(Settings(database_url=database_url, **changes))

    return make


@pytest.fixture
def client(make_app: Callable[..., FastAPI]) -> Iterator[TestClient]:
    """A client of an app with auth on (no key sent unless a test adds one)."""
    with TestClient(make_app(), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def store(client: TestClient) -> Store:
    s: Store = client.app.state.store  # type: ignore[attr-defined]
    return s


def _key(store: Store, owner: str) -> dict[str, str]:
    _, token = store.create_key(owner)
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def alice(store: Store) -> dict[str, str]:
    """Headers carrying a key of owner 'alice'."""
    return _key(store, "alice")


@pytest.fixture
def bob(store: Store) -> dict[str, str]:
    """Headers carrying a key of owner 'bob'."""
    return _key(store, "bob")


@pytest.fixture
def pets_yaml() -> str:
    """A small map in YAML: a main claim, evidence, two objections (one answered)."""
    return EXAMPLE_YAML


@pytest.fixture
def pets(client: TestClient, alice: dict[str, str]) -> str:
    """The id of alice's private 'Pets' map."""
    r = client.post("/maps", content=EXAMPLE_YAML, headers={**alice, "Content-Type": "application/yaml"})
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (for a server started by a test)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_live(base: str, tries: int = 300) -> None:
    """Wait until the server at ``base`` answers ``/health/live`` (about 50 ms a try); fail the test if it never does."""
    for _ in range(tries):
        try:
            if httpx.get(f"{base}/health/live", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.05)
    raise AssertionError(f"the server at {base} did not start")
