"""Durability and concurrency against real server processes, on SQLite and on PostgreSQL.

* 16 writers do read-modify-write with ``If-Match`` on one map for a bounded time, through two server
  *processes* on one database (on SQLite: one file, two processes, so SQLite's own locking is in play):
  every 2xx write is in the map afterwards, every refused one is a 412 and is not, nothing is a 5xx
  ("database is locked" included), and the version went up once per accepted write.
* ``kill -9`` of the server in the middle of writes, then a restart on the same database: every map is
  readable and valid, every acknowledged write is there, no write is half there (each one adds a statement
  *and* a relation in one version: both or neither), and each map's version, statement count and content
  agree.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

import httpx
from api_fixtures import *  # noqa: F403 - the shared fixtures (see api_fixtures.py)
from api_fixtures import free_port, wait_until_live

from argmap import ArgumentMap
from argmap_api.store import Store

WRITERS = 16
SECONDS = 2.0  # of concurrent writing
BASE_STATEMENTS = {"c1", "e1", "o1", "a1", "o2"}


@contextmanager
def server_processes(database_url: str, count: int = 1) -> Iterator[list[tuple[str, subprocess.Popen[bytes]]]]:
    """``count`` processes of ``argmap_api`` under uvicorn on one database, started together (auth off: every caller
    is the local owner)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARGMAP_")}
    env.update({"ARGMAP_DATABASE_URL": database_url, "ARGMAP_AUTH": "off"})
    started: list[tuple[str, subprocess.Popen[bytes]]] = []
    try:
        for _ in range(count):
            port = free_port()
            cmd = [
                sys.executable,
                "-m",
                "uvicorn",
                "argmap_api.app:app",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "warning",
            ]
            started.append(
                (f"http://127.0.0.1:{port}", subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            )
        for base, _ in started:
            wait_until_live(base)
        yield started
    finally:
        for _, proc in started:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for _, proc in started:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _migrated(database_url: str) -> None:
    store = Store(database_url)
    store.migrate()  # once, before the servers start (two processes would both migrate a fresh database)
    store.dispose()


def _read_modify_write(c: httpx.Client, map_id: str, tag: str) -> tuple[str, int]:
    """Read the map, add a statement and a relation to it (one new version), write it back with If-Match."""
    got = c.get(f"/maps/{map_id}")
    assert got.status_code == 200, got.text
    doc = got.json()["map"]
    doc["statements"].append({"id": tag, "kind": "claim", "text": {"en": f"Written by {tag}."}})
    doc["relations"].append({"id": f"r_{tag}", "type": "support", "premises": [tag], "target": "c1"})
    r = c.put(f"/maps/{map_id}", json=doc, headers={"If-Match": got.headers["etag"]})
    return tag, r.status_code


def _writers(
    bases: list[str], map_id: str, *, seconds: float, stop: threading.Event | None = None, log: list[tuple[str, int | str]] | None = None
) -> list[tuple[str, int | str]]:
    """WRITERS threads, spread over the servers, each writing until the time is up (or ``stop``, or the server dies).

    Each answer goes to ``log`` as soon as it comes (so another thread can watch the writes land).
    """
    deadline = time.monotonic() + seconds
    out: list[tuple[str, int | str]] = [] if log is None else log

    def worker(n: int) -> None:
        with httpx.Client(base_url=bases[n % len(bases)], timeout=30) as c:
            j = 0
            while time.monotonic() < deadline and not (stop and stop.is_set()):
                tag = f"w{n}_{j}"
                j += 1
                try:
                    out.append(_read_modify_write(c, map_id, tag))
                except httpx.TransportError:
                    out.append((tag, "no answer"))  # the server was killed under this request
                    if stop is not None:
                        return

    with ThreadPoolExecutor(WRITERS) as pool:
        list(pool.map(worker, range(WRITERS)))
    return out


def _check_map(base: str, map_id: str) -> dict[str, Any]:
    """The map is readable and valid, and its version, counts and content agree: one write = one version = one pair."""
    r = httpx.get(f"{base}/maps/{map_id}", timeout=30)
    assert r.status_code == 200, r.text
    body = r.json()
    amap = ArgumentMap.model_validate(body["map"])  # valid by the model, as stored
    written = {s.id for s in amap.statements} - BASE_STATEMENTS
    pairs = {rel.id.removeprefix("r_") for rel in amap.relations if rel.id.startswith("r_")}
    assert written == pairs, f"half-applied writes: {sorted(written ^ pairs)[:10]}"
    assert body["statements"] == len(amap.statements)
    assert body["version"] == 1 + len(written), (body["version"], len(written))
    assert r.headers["etag"] == f'"v{body["version"]}"'
    return body


def _new_map(base: str, pets_yaml: str) -> str:
    r = httpx.post(f"{base}/maps", content=pets_yaml, headers={"Content-Type": "application/yaml"}, timeout=30)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def test_sixteen_writers_through_two_processes_lose_nothing(database_url: str, pets_yaml: str) -> None:
    _migrated(database_url)
    with server_processes(database_url, 2) as [(one, _), (two, _)]:
        map_id = _new_map(one, pets_yaml)
        results = _writers([one, two], map_id, seconds=SECONDS)
        statuses = [s for _, s in results]
        assert set(statuses) <= {200, 412}, {s for s in statuses if s not in (200, 412)}
        accepted = {t for t, s in results if s == 200}
        refused = {t for t, s in results if s == 412}
        assert accepted and refused, (len(accepted), len(refused))  # writes got through, and they did collide
        for base in (one, two):  # both processes serve the same, newest map
            body = _check_map(base, map_id)
            present = {s["id"] for s in body["map"]["statements"]} - BASE_STATEMENTS
            assert present == accepted
            assert body["version"] == 1 + len(accepted)


def test_kill_9_in_the_middle_of_writes_then_restart(database_url: str, pets_yaml: str) -> None:
    _migrated(database_url)
    stop = threading.Event()
    with server_processes(database_url) as [(base, proc)]:
        maps = [_new_map(base, pets_yaml) for _ in range(3)]
        logs: dict[str, list[tuple[str, int | str]]] = {m: [] for m in maps}
        threads = [threading.Thread(target=_writers, args=([base], m), kwargs={"seconds": 60, "stop": stop, "log": logs[m]}) for m in maps]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 30
        while sum(s == 200 for log in logs.values() for _, s in log) < 10 and time.monotonic() < deadline:
            time.sleep(0.05)  # until writes are in full flow on every map
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        stop.set()
        for t in threads:
            t.join(timeout=60)
    results = [(f"{m}:{t}", s) for m, log in logs.items() for t, s in log]
    statuses = {s for _, s in results}
    assert statuses <= {200, 412, "no answer"}, statuses
    acknowledged = {t for t, s in results if s == 200}
    assert acknowledged, "no write was acknowledged before the kill"
    with server_processes(database_url) as [(base, _)]:
        for map_id in maps:
            body = _check_map(base, map_id)
            present = {s["id"] for s in body["map"]["statements"]} - BASE_STATEMENTS
            mine = {t.split(":", 1)[1] for t in acknowledged if t.startswith(f"{map_id}:")}
            assert mine <= present, f"acknowledged writes lost: {sorted(mine - present)[:10]}"
            refused = {t.split(":", 1)[1] for t, s in results if s == 412 and t.startswith(f"{map_id}:")}
            assert not (refused & present)
        # The server still takes writes on every map after the restart.
        for map_id in maps:
            with httpx.Client(base_url=base, timeout=30) as c:
                assert _read_modify_write(c, map_id, "after_restart")[1] == 200
            _check_map(base, map_id)
    if database_url.startswith("sqlite"):
        store = Store(database_url)
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        store.dispose()
