"""Issue 18's attacks sent as described to a real server (`argmap serve` in a process of its own).

Each asserts a fast, clean answer, and the server's resident memory under 300 MB afterwards. Two
servers: one with the real Graphviz, one whose `dot` is a slow stand-in (so renders stay busy long
enough to fill the queue, deterministically) that counts its runs in a file.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil
import pytest
from api_fixtures import free_port, wait_until_live
from typer.testing import CliRunner

from argmap.cli import app
from argmap_api.store import Store

ARGMAP = str(Path(sys.executable).with_name("argmap"))
MAX_RSS = 300 * 1024 * 1024
PETS = (
    "title: Pets\nstatements:\n  - {id: c1, claim: Cats are good pets.}\n  - {id: e1, claim: They purr.}\n"
    "relations:\n  - {id: r1, support: e1, target: c1}\n"
)


@dataclass
class Server:
    base: str
    proc: subprocess.Popen[bytes]
    key: dict[str, str]
    db: str

    def rss(self) -> int:
        return int(psutil.Process(self.proc.pid).memory_info().rss)


def _start(tmp: Path, **env: str) -> Server:
    db = f"sqlite:///{tmp / 'argmap.db'}"
    environ = {**os.environ, "HOME": str(tmp), **env}
    out = subprocess.run([ARGMAP, "keys", "create", "alice", "--database-url", db], env=environ, capture_output=True, check=True)
    token = out.stdout.decode().strip()
    port = free_port()
    proc = subprocess.Popen(
        [ARGMAP, "serve", "--port", str(port), "--database-url", db], env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    wait_until_live(base)
    return Server(base, proc, {"Authorization": f"Bearer {token}"}, db)


def _stop(server: Server) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        server.proc.wait()


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = _start(tmp_path_factory.mktemp("real"))
    # Warm up: the readers are imported on first use; the attacks measure the parse, not an import.
    for media, text in (("application/yaml", PETS), ("text/x-argdown", "[A]: A claim.\n")):
        httpx.post(f"{server.base}/maps", content=text.encode(), headers={**server.key, "Content-Type": media}, timeout=60)
    yield server
    _stop(server)


@pytest.fixture(scope="module")
def slow(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path]]:
    tmp = tmp_path_factory.mktemp("slow")
    runs = tmp / "runs"
    dot = tmp / "slow-dot"
    dot.write_text(
        "#!/bin/sh\n"
        'input=$(cat)\necho run >> "' + str(runs) + '"\n'
        'case "$input" in *FAILME*) echo "Error: syntax error in line 3" >&2; exit 1;; esac\n'
        "sleep 1.5\nprintf '<svg xmlns=\"http://www.w3.org/2000/svg\"/>'\n"
    )
    dot.chmod(0o755)
    server = _start(
        tmp, ARGMAP_DOT=str(dot), ARGMAP_RENDER_CONCURRENCY="2", ARGMAP_RENDER_QUEUE="4", ARGMAP_ANONYMOUS_RENDER_RATE="10/minute"
    )
    yield server, runs
    _stop(server)


def _timed(call: object) -> tuple[httpx.Response, float]:
    start = time.monotonic()
    r = call() if callable(call) else None
    assert isinstance(r, httpx.Response)
    return r, time.monotonic() - start


def _post_yaml(s: Server, text: str, media: str = "application/yaml") -> tuple[httpx.Response, float]:
    return _timed(lambda: httpx.post(f"{s.base}/maps", content=text.encode(), headers={**s.key, "Content-Type": media}, timeout=60))


def _alias_bomb(levels: int = 9) -> str:
    lines = ['  a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, levels):
        refs = ",".join([f"*a{n - 1}"] * 9)
        lines.append(f"  a{n}: &a{n} [{refs}]")
    return "metadata:\n" + "\n".join(lines) + "\n"


def test_point1_yaml_alias_bomb(real: Server) -> None:
    body = _alias_bomb() + "statements:\n  - {id: c1, claim: A.}\n"
    assert len(body) < 700
    r, took = _post_yaml(real, body)
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json", r.text[:300]
    assert took < 1.0 and real.rss() < MAX_RSS


def test_point2_argdown_front_matter_bomb(real: Server) -> None:
    body = "===\n" + _alias_bomb() + "===\n\n[A]: A claim.\n"
    r, took = _post_yaml(real, body, "text/x-argdown")
    assert r.status_code == 422, r.text[:300]
    assert took < 1.0 and real.rss() < MAX_RSS


def test_point3_dash_inference_line_stalls_nothing(real: Server) -> None:
    body = "(1) A premise.\n" + "-" * 2000 + "x\n(2) A conclusion.\n"
    results: dict[str, float] = {}

    def probe() -> None:
        time.sleep(0.1)
        _, results["live"] = _timed(lambda: httpx.get(f"{real.base}/health/live", timeout=30))

    t = threading.Thread(target=probe)
    t.start()
    r, took = _post_yaml(real, body, "text/x-argdown")
    t.join()
    assert r.status_code in (201, 422) and r.status_code != 500, r.text[:300]
    assert took < 1.0 and results["live"] < 1.0 and real.rss() < MAX_RSS


def test_point4_many_problems_in_a_large_body(real: Server) -> None:
    filler = "".join(f"  - {{id: s{i}, claim: {'word ' * 60}}}\n" for i in range(1500))
    bad = "".join(f"  - {{id: r{i}, support: nowhere{i}, target: s0}}\n" for i in range(300))
    body = "statements:\n" + filler + "relations:\n" + bad
    assert len(body) > 400_000
    r, took = _post_yaml(real, body)
    assert r.status_code == 422, r.text[:300]
    assert len(r.json().get("errors", [])) <= 100
    assert took < 10.0 and real.rss() < MAX_RSS  # was 46 s of CPU: one pass now


def _public_map(s: Server, yaml_text: str) -> str:
    r = httpx.post(f"{s.base}/maps?public=true", content=yaml_text.encode(), headers={**s.key, "Content-Type": "application/yaml"})
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def test_point5_anonymous_renders_cannot_starve_others(slow: tuple[Server, Path]) -> None:
    s, _ = slow
    ids = [_public_map(s, PETS.replace("Pets", f"Pets {n}")) for n in range(44)]
    with ThreadPoolExecutor(44) as pool:
        futures = [pool.submit(httpx.get, f"{s.base}/maps/{i}/render.svg", timeout=60) for i in ids]
        time.sleep(0.3)
        listed, took = _timed(lambda: httpx.get(f"{s.base}/maps", headers=s.key, timeout=60))
        _, live_took = _timed(lambda: httpx.get(f"{s.base}/health/live", timeout=60))
        answers = [f.result() for f in futures]
    assert listed.status_code == 200 and took < 10.0 and live_took < 10.0  # was 30 s: a hang guard on a shared machine
    codes = sorted({a.status_code for a in answers})
    assert set(codes) <= {200, 429, 503} and 429 in codes  # 44 anonymous renders from one address: most refused
    for a in answers:
        if a.status_code in (429, 503):
            assert int(a.headers["retry-after"]) > 0 and a.headers["content-type"] == "application/problem+json"
    assert sum(a.status_code == 200 for a in answers) <= 10  # the anonymous render rate
    assert s.rss() < MAX_RSS


def test_point5_identical_renders_run_dot_once_and_the_queue_is_bounded(slow: tuple[Server, Path]) -> None:
    s, runs = slow
    one = _public_map(s, PETS.replace("Pets", "Single flight"))
    before = runs.read_text().count("run") if runs.exists() else 0
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: httpx.get(f"{s.base}/maps/{one}/render.svg", headers=s.key, timeout=60), range(8)))
    assert [a.status_code for a in answers] == [200] * 8
    assert runs.read_text().count("run") - before == 1  # eight requests, one dot
    # Distinct drawings from several callers: 2 run, 4 wait, the rest are told to come back.
    many = [_public_map(s, PETS.replace("Pets", f"Queue {n}")) for n in range(12)]
    keys = [s.key] + [_new_key(s, f"user{n}") for n in range(5)]
    with ThreadPoolExecutor(12) as pool:
        answers = list(pool.map(lambda n: httpx.get(f"{s.base}/maps/{many[n]}/render.svg", headers=keys[n % 6], timeout=60), range(12)))
    codes = [a.status_code for a in answers]
    assert codes.count(200) >= 2 and codes.count(503) >= 1 and set(codes) <= {200, 429, 503}, codes
    assert all(int(a.headers["retry-after"]) > 0 for a in answers if a.status_code == 503)


def _new_key(s: Server, owner: str) -> dict[str, str]:
    store = Store(s.db)
    try:
        _, token = store.create_key(owner)
    finally:
        store.dispose()
    return {"Authorization": f"Bearer {token}"}


def test_point5_and_9_failures_are_cached_and_permanent_ones_are_422(slow: tuple[Server, Path]) -> None:
    s, runs = slow
    bad = _public_map(s, PETS.replace("Cats are good pets.", "FAILME"))
    before = runs.read_text().count("run")
    first = httpx.get(f"{s.base}/maps/{bad}/render.svg", headers=s.key, timeout=30)
    again = httpx.get(f"{s.base}/maps/{bad}/render.svg", headers=s.key, timeout=30)
    assert first.status_code == again.status_code == 422 and "retry-after" not in first.headers
    assert "syntax error" in first.json()["detail"] and again.json()["detail"] == first.json()["detail"]
    assert runs.read_text().count("run") - before == 1  # the second answer came from memory


def test_point6_preference_between_relations_renders(real: Server) -> None:
    body = PETS + "  - {id: r2, attack: c1, target: e1}\n  - {id: r3, preference: r1, target: r2}\n"
    r, _ = _post_yaml(real, body)
    assert r.status_code == 201, r.text[:300]
    drawn = httpx.get(f"{real.base}/maps/{r.json()['id']}/render.svg", headers=real.key, timeout=60)
    assert drawn.status_code == 200 and b"<svg" in drawn.content


def test_point8_small_body_cannot_store_a_large_map(real: Server) -> None:
    # 99 aliases of a 6-level tree: under 1 KB sent; the expanded map is far over what a body may store.
    lines = ['  a0: &a0 ["' + "x" * 200 + '"' + ',"x"' * 8 + "]"]
    lines += [f"  a{n}: &a{n} [" + ",".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 6)]
    body = "metadata:\n" + "\n".join(lines) + "\nstatements:\n  - {id: c1, claim: A.}\n"
    r, took = _post_yaml(real, body)
    assert r.status_code == 422 and took < 2.0, r.text[:300]
    assert real.rss() < MAX_RSS


def test_point10_headers_cors_and_no_server_name(real: Server) -> None:
    for r in (httpx.get(f"{real.base}/maps", headers=real.key), httpx.get(f"{real.base}/docs"), httpx.get(f"{real.base}/nowhere")):
        assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"] and "server" not in r.headers
    pre = httpx.options(f"{real.base}/maps", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert pre.status_code != 405 and "access-control-allow-origin" not in pre.headers  # no origin is allowed by default


def test_point10_values_refused_not_changed_and_messages_cut(real: Server) -> None:
    r, _ = _post_yaml(real, "statements:\n  - {id: c1, claim: A., data: {x: .nan}}\n")
    assert r.status_code == 422 and "JSON number" in r.text
    r = httpx.post(
        f"{real.base}/maps",
        content=b'{"statements": [{"id": "c1", "claim": "A.", "data": {"x": Infinity}}]}',
        headers={**real.key, "Content-Type": "application/json"},
    )
    assert r.status_code == 422
    r, _ = _post_yaml(real, "metadata: {tags: [" + "t" * 150 + "]}\nstatements:\n  - {id: c1, claim: A.}\n")
    assert r.status_code == 422 and "at most 100 characters" in r.text
    huge = "x" * 100_000
    r, _ = _post_yaml(real, f"statements:\n  - {{id: c1, claim: A.}}\nrelations:\n  - {{support: {huge}, target: c1}}\n")
    assert r.status_code == 422 and len(r.content) < 20_000  # the 100,000-character id is not echoed whole
    r = httpx.get(f"{real.base}/maps/{huge[:8000]}", headers=real.key)
    assert r.status_code in (404, 422) and len(r.content) < 5_000
    r, _ = _post_yaml(real, "statements:\n" + "  " * 1 + "- {id: c1, claim: " + "[" * 5000 + "}\n")
    assert r.status_code == 422 and "RecursionError" not in r.text and "TypeError" not in r.text
    r, _ = _post_yaml(real, "statements:\n  - {id: c1, claim: A., data: {[1, 2]: x}}\n")
    assert r.status_code == 422 and "TypeError" not in r.text and "unhashable" not in r.text


def test_point10_keys_with_markup_names_long_names_and_revocation(real: Server) -> None:
    runner = CliRunner()
    made = runner.invoke(app, ["keys", "create", "alice", "--name", "[/bold]", "--database-url", real.db])
    assert made.exit_code == 0, made.output
    listed = runner.invoke(app, ["keys", "list", "--database-url", real.db])
    assert listed.exit_code == 0 and "[/bold]" in listed.output, listed.output
    long = runner.invoke(app, ["keys", "create", "alice", "--name", "n" * 201, "--database-url", real.db])
    assert long.exit_code != 0 and "at most 200" in long.output and "Traceback" not in long.output
    # Revoked elsewhere (the CLI): refused by the running server within its key cache's 2 s.
    key = _new_key(real, "carol")
    assert httpx.get(f"{real.base}/maps", headers=key).status_code == 200
    key_id = key["Authorization"].split("_")[1]
    assert runner.invoke(app, ["keys", "revoke", key_id, "--database-url", real.db]).exit_code == 0
    time.sleep(2.2)
    assert httpx.get(f"{real.base}/maps", headers=key).status_code == 401


def test_point10_slow_bodies_are_cut_off(tmp_path: Path) -> None:
    # 20 senders that announce a body and never finish it: each gets a 408 once ARGMAP_BODY_TIMEOUT has passed,
    # and the server keeps answering others meanwhile.
    server = _start(tmp_path, ARGMAP_BODY_TIMEOUT="1")
    host, port = server.base.removeprefix("http://").split(":")
    socks = []
    try:
        start = time.monotonic()
        for _ in range(20):
            s = socket.create_connection((host, int(port)), timeout=10)
            s.sendall(b'POST /maps HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"sta')
            socks.append(s)
        assert httpx.get(f"{server.base}/health/live", timeout=5).status_code == 200
        for s in socks:
            answer = s.recv(4096)
            assert answer.startswith(b"HTTP/1.1 408"), answer[:80]
        assert time.monotonic() - start < 8
        assert server.rss() < MAX_RSS
    finally:
        for s in socks:
            s.close()
        _stop(server)


def test_point10_a_connection_that_never_sends_a_request_is_closed(real: Server) -> None:
    # uvicorn's keep-alive timer starts only after a response; argmap's protocol starts it when the connection opens.
    host, port = real.base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as s:
        start = time.monotonic()
        assert s.recv(100) == b""  # closed by the server, not timed out here
        assert time.monotonic() - start < 15
