"""REST API load test: latency and throughput of a query and a render on a 1,000-statement map, beside a bare endpoint.

The server (``argmap serve``: uvicorn, one process, a fresh SQLite store, auth on) runs in its own
process; this script is the load generator in a second process, on loopback, with httpx and
asyncio: ``--clients`` connections in a closed loop for ``--seconds`` per endpoint.

- bare:   ``GET /health/live``, which does nothing: the floor every other endpoint is compared with;
- query:  ``GET /maps/{id}/query/supporters?id=...`` with a key (auth, access check, map from cache);
- render, cached: ``GET /maps/{id}/render.svg`` with the same options again and again;
- render, first:  the same, each time with options never used before (a different ``highlight``), so
  each one lays out and draws the whole map with Graphviz.

    .venv/bin/python benchmarks/bench_api.py                  # 5 s per endpoint, 8 clients
    .venv/bin/python benchmarks/bench_api.py --seconds 2      # quicker
    .venv/bin/python benchmarks/bench_api.py --load --statements 1500 --redis redis://127.0.0.1:6379/0
                                                              # renders under load, two servers, one cache
    .venv/bin/python benchmarks/bench_api.py --cpu            # CPU per request of GET /maps/{id} against the bare endpoint
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx


def synthetic(n: int, *, seed: int = 1) -> dict[str, Any]:
    """A map of ``n`` statements: a tree of supports and attacks below one main claim, 30 % evidence."""
    rnd = random.Random(seed)
    statements: list[dict[str, Any]] = [{"id": "s0", "claim": {"en": "The main claim of the map.", "nl": "De hoofdstelling."}}]
    relations: list[dict[str, Any]] = []
    for i in range(1, n):
        target = f"s{rnd.randrange(max(1, i // 2), i) if i > 3 else 0}"
        text = {"en": f"Statement {i} says something about {i % 97}.", "nl": f"Bewering {i} zegt iets over {i % 97}."}
        if rnd.random() < 0.3:
            statements.append({"id": f"s{i}", "evidence": text, "evidence_type": "example"})
        else:
            statements.append({"id": f"s{i}", "claim": text})
        relations.append({"id": f"r{i}", "type": "attack" if rnd.random() < 0.2 else "support", "premises": [f"s{i}"], "target": target})
    return {"title": "Synthetic", "language": "en", "main_claim": "s0", "statements": statements, "relations": relations}


def start_server(data: Path, port: int) -> tuple[subprocess.Popen[bytes], str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARGMAP_")}
    env["XDG_DATA_HOME"] = str(data)
    argmap = shutil.which("argmap", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}") or "argmap"
    log = data / "serve.log"
    with log.open("w") as err:
        proc = subprocess.Popen([argmap, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=err)
    for _ in range(1200):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health/live", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.05)
    key = re.search(r"export ARGMAP_KEY=(\S+)", log.read_text())
    if key is None:
        proc.kill()
        raise SystemExit(f"the server printed no key:\n{log.read_text()}")
    return proc, key.group(1)


async def closed_loop(
    client: httpx.AsyncClient,
    url: Callable[[int], str],
    *,
    clients: int,
    seconds: float,
    expect: int = 200,
    headers: dict[str, str] | None = None,
) -> tuple[list[float], list[float]]:
    """``clients`` concurrent loops, each sending the next request when the last is answered.

    Returns the latencies seen by the client, and the server's own times where it sends ``Server-Timing``.
    """
    latencies: list[float] = []
    server: list[float] = []
    deadline = time.perf_counter() + seconds
    counter = 0

    async def one() -> None:
        nonlocal counter
        while time.perf_counter() < deadline:
            counter += 1
            start = time.perf_counter()
            r = await client.get(url(counter), headers=headers)
            latencies.append(time.perf_counter() - start)
            timing = re.search(r"app;dur=([0-9.]+)", r.headers.get("server-timing", ""))
            if timing:
                server.append(float(timing.group(1)) / 1000)
            if r.status_code != expect:
                raise SystemExit(f"{url(counter)} answered {r.status_code}: {r.text[:300]}")

    await asyncio.gather(*(one() for _ in range(clients)))
    return latencies, server


def _percentiles(values: list[float]) -> list[float]:
    values = sorted(values)
    return statistics.quantiles(values, n=100, method="inclusive") if len(values) >= 2 else [values[0]] * 99


def summary(name: str, lat: list[float], seconds: float, server: list[float]) -> dict[str, Any]:
    p = _percentiles(lat)
    own = _percentiles(server)[49] * 1000 if server else None
    return {"name": name, "n": len(lat), "p50": p[49] * 1000, "p99": p[98] * 1000, "rps": len(lat) / seconds, "server": own}


async def run(args: argparse.Namespace) -> None:
    data = Path(tempfile.mkdtemp(prefix="argmap-bench-"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc, key = start_server(data, port)
    base = f"http://127.0.0.1:{port}"
    rows: list[dict[str, Any]] = []
    try:
        limits = httpx.Limits(max_connections=args.clients, max_keepalive_connections=args.clients)
        headers = {"Authorization": f"Bearer {key}", "Accept-Encoding": "identity" if args.no_gzip else "gzip"}
        async with httpx.AsyncClient(base_url=base, headers=headers, timeout=120, limits=limits) as client:
            doc = synthetic(args.statements)
            r = await client.post("/maps", json=doc)
            r.raise_for_status()
            map_id = r.json()["id"]
            # the statement with the most supporters
            counts: dict[str, int] = {}
            for rel in doc["relations"]:
                if rel["type"] == "support":
                    counts[rel["target"]] = counts.get(rel["target"], 0) + 1
            target = max(counts, key=lambda k: counts[k])
            first = await client.get(f"/maps/{map_id}/render.svg")  # fills the cache for the cached rows
            etag = first.headers["ETag"]
            # name -> (url, clients, expected status, extra headers)
            plan: dict[str, tuple[Callable[[int], str], int, int, dict[str, str]]] = {
                "bare `GET /health/live`": (lambda _i: "/health/live", args.clients, 200, {}),
                f"query `supporters` ({counts[target]} answers)": (
                    lambda _i: f"/maps/{map_id}/query/supporters?id={target}",
                    args.clients,
                    200,
                    {},
                ),
                "render SVG, cached": (lambda _i: f"/maps/{map_id}/render.svg", args.clients, 200, {}),
                "render SVG, cached, 1 client": (lambda _i: f"/maps/{map_id}/render.svg", 1, 200, {}),
                "render SVG, If-None-Match (304), 1 client": (lambda _i: f"/maps/{map_id}/render.svg", 1, 304, {"If-None-Match": etag}),
            }
            lat: dict[str, list[float]] = {name: [] for name in plan}
            own: dict[str, list[float]] = {name: [] for name in plan}
            took: dict[str, float] = dict.fromkeys(plan, 0.0)
            # Interleaved rounds, so that a change in the machine's load hits every row alike.
            for _ in range(args.rounds):
                for name, (url, clients, expect, extra) in plan.items():
                    start = time.perf_counter()
                    seen, server = await closed_loop(
                        client, url, clients=clients, seconds=args.seconds / args.rounds, expect=expect, headers=extra
                    )
                    lat[name] += seen
                    own[name] += server
                    took[name] += time.perf_counter() - start
            rows = [summary(name, lat[name], took[name], own[name]) for name in plan]
            start = time.perf_counter()
            seen, server = await closed_loop(
                client, lambda i: f"/maps/{map_id}/render.svg?highlight=s{i}", clients=1, seconds=args.render_seconds
            )
            rows.append(summary("render SVG, first (uncached), 1 client", seen, time.perf_counter() - start, server))
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(data, ignore_errors=True)

    bare, query, _, cached, revalidated, first = rows
    print(f"{args.statements:,}-statement map; {args.clients} clients unless the row says 1, {args.seconds:g} s per row, loopback\n")
    print("| endpoint | requests | p50 ms | p99 ms | requests/s | server's own p50 ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for row in rows:
        own = f"{row['server']:.2f}" if row["server"] is not None else ""
        print(f"| {row['name']} | {row['n']:,} | {row['p50']:.2f} | {row['p99']:.2f} | {row['rps']:,.0f} | {own} |")
    print()
    q_ratio = query["p99"] / bare["p99"]
    r_ratio = first["p50"] / cached["p50"]  # both with one client: latency, not queueing
    print(f"- query p99 / bare p99 = **{q_ratio:.2f}x** (goal: within 2x) {'met' if q_ratio <= 2 else 'NOT met'}")
    verdict = "met" if r_ratio >= 50 else "NOT met"
    print(f"- first render p50 / cached render p50 = **{r_ratio:,.0f}x** faster when cached (goal: >= 50x) {verdict}")
    print(f"- first render p50 / revalidated (304) p50 = **{first['p50'] / revalidated['p50']:,.0f}x**")
    if first["server"] and cached["server"]:
        print(f"- the server's own time (Server-Timing), first / cached = **{first['server'] / cached['server']:,.0f}x**")


def _serve(data: Path, port: int, env_extra: dict[str, str]) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARGMAP_")} | env_extra
    env["XDG_DATA_HOME"] = str(data)
    argmap = shutil.which("argmap", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}") or "argmap"
    proc = subprocess.Popen([argmap, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(1200):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health/live", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.05)
    raise SystemExit("the server did not start")


def _dots(proc: subprocess.Popen[bytes]) -> int:
    import psutil

    try:
        return sum(1 for c in psutil.Process(proc.pid).children(recursive=True) if c.name() == "dot")
    except psutil.NoSuchProcess:
        return 0


async def run_load(args: argparse.Namespace) -> None:
    """Renders under load: how many `dot` run at once, a cheap endpoint's p99 meanwhile, single flight, two servers' cache."""
    data = Path(tempfile.mkdtemp(prefix="argmap-bench-load-"))
    env = {"ARGMAP_AUTH": "off", "ARGMAP_RENDER_PER_CALLER": "100"} | ({"ARGMAP_REDIS_URL": args.redis} if args.redis else {})
    ports = [_free_port(), _free_port()]
    one = _serve(data, ports[0], env)
    two = _serve(data, ports[1], env)
    base1, base2 = (f"http://127.0.0.1:{p}" for p in ports)
    try:
        async with httpx.AsyncClient(timeout=300, limits=httpx.Limits(max_connections=64)) as client:
            r = await client.post(f"{base1}/maps", json=synthetic(args.statements))
            map_id = r.json()["id"]
            url = f"/maps/{map_id}/render.svg"
            idle, _ = await closed_loop(client, lambda _n: f"{base1}/health/live", clients=1, seconds=2)
            peak = 0
            stop = asyncio.Event()

            async def watch() -> None:
                nonlocal peak
                while not stop.is_set():
                    peak = max(peak, _dots(one))
                    await asyncio.sleep(0.02)

            async def probe() -> list[float]:
                out: list[float] = []
                while not stop.is_set():
                    start = time.perf_counter()
                    await client.get(f"{base1}/health/live")
                    out.append(time.perf_counter() - start)
                    await asyncio.sleep(0.01)
                return out

            watcher, prober = asyncio.create_task(watch()), asyncio.create_task(probe())
            started = time.perf_counter()
            answers = await asyncio.gather(*(client.get(f"{base1}{url}?highlight=s{n}") for n in range(args.renders)))
            took = time.perf_counter() - started
            stop.set()
            busy = await prober
            await watcher
            codes = {c: sum(a.status_code == c for a in answers) for c in sorted({a.status_code for a in answers})}
            # Single flight: identical first requests, one dot.
            peak_same = 0
            stop = asyncio.Event()

            async def watch_same() -> None:
                nonlocal peak_same
                while not stop.is_set():
                    peak_same = max(peak_same, _dots(one))
                    await asyncio.sleep(0.02)

            w = asyncio.create_task(watch_same())
            same = await asyncio.gather(*(client.get(f"{base1}{url}?legend=true") for _ in range(8)))
            stop.set()
            await w
            # Two servers, one cache: draw on one, ask the other.
            keys = [f"{url}?highlight=s{n}" for n in range(args.renders)]
            hits = 0
            for k in keys:
                got = await client.get(f"{base2}{k}")
                hits += got.headers.get("x-cache") == "hit"
    finally:
        for proc in (one, two):
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
        shutil.rmtree(data, ignore_errors=True)
    p_idle, p_busy = _percentiles(idle), _percentiles(busy)
    cache = f"Redis ({args.redis})" if args.redis else "in-process"
    print(f"{args.statements:,}-statement map; {args.renders} concurrent first renders on one server; cache: {cache}\n")
    print("| measure | value |\n|---|---:|")
    print(f"| `dot` processes at once (most seen), {args.renders} distinct renders | {peak} |")
    print(f"| answers | {', '.join(f'{n} x {c}' for c, n in codes.items())} |")
    print(f"| time for all {args.renders} | {took:.1f} s |")
    print(f"| `GET /health/live` p99, idle | {p_idle[98] * 1000:.1f} ms |")
    print(f"| `GET /health/live` p99, while they render ({len(busy)} probes) | {p_busy[98] * 1000:.1f} ms |")
    print(f"| `dot` processes at once, 8 identical first renders | {peak_same} (answers: {sorted({a.status_code for a in same})}) |")
    print(f"| second server's cache hits for the first server's drawings | {hits} of {len(keys)} |")


async def _asgi_get(app: Any, path: str, headers: list[tuple[bytes, bytes]]) -> tuple[int, bytes]:
    """One GET straight into the ASGI app: no socket, no HTTP client, so the CPU measured is the server's own."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"bench"), *headers],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
    }
    status = 0
    chunks: list[bytes] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, b"".join(chunks)


async def run_cpu(args: argparse.Namespace) -> None:
    """CPU per request (``time.process_time``, every thread), in process, of ``GET /maps/{id}`` against the bare endpoint."""
    from argmap_api.app import create_app
    from argmap_api.settings import Settings
    from argmap_api.store import Store

    data = Path(tempfile.mkdtemp(prefix="argmap-bench-cpu-"))
    url = f"sqlite:///{data / 'argmap.db'}"
    store = Store(url)
    store.migrate()
    _, token = store.create_key("bench")
    app = create_app(Settings(database_url=url), store=store)
    auth = [(b"authorization", f"Bearer {token}".encode()), (b"accept-encoding", b"identity")]
    try:
        import argmap

        rec = store.create_map("bench", argmap.ArgumentMap.model_validate(synthetic(args.statements)))
        plan = {
            "bare `GET /health/live`": ("/health/live", []),
            f"`GET /maps/{{id}}` ({args.statements:,} statements, JSON)": (f"/maps/{rec.id}", auth),
            "`GET /maps/{id}` revalidated (304)": (f"/maps/{rec.id}", [*auth, (b"if-none-match", f'"v{rec.version}"'.encode())]),
        }
        best: dict[str, float] = {}
        size: dict[str, int] = {}
        for name, (path, headers) in plan.items():
            for _ in range(3):
                status, body = await _asgi_get(app, path, headers)  # warm: caches, middleware stack
            assert status in (200, 304), (status, body[:300])
            size[name] = len(body)
            for _ in range(args.rounds):
                start = time.process_time()
                for _ in range(args.requests):
                    await _asgi_get(app, path, headers)
                took = (time.process_time() - start) / args.requests
                best[name] = min(best.get(name, took), took)
    finally:
        store.dispose()
        shutil.rmtree(data, ignore_errors=True)
    bare = best["bare `GET /health/live`"]
    print(f"CPU per request, in process (best of {args.rounds} x {args.requests} requests)\n")
    print("| endpoint | answer bytes | CPU ms per request | x bare |")
    print("|---|---:|---:|---:|")
    for name, cpu in best.items():
        print(f"| {name} | {size[name]:,} | {cpu * 1000:.3f} | {cpu / bare:.1f}x |")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--load", action="store_true", help="renders under load (two servers on one store) instead of latencies")
    parser.add_argument("--renders", type=int, default=24, help="with --load: concurrent first renders")
    parser.add_argument("--redis", default=None, help="with --load: a Redis URL to share the render cache (e.g. redis://127.0.0.1:6379/0)")
    parser.add_argument("--seconds", type=float, default=5.0, help="seconds per endpoint (bounded load)")
    parser.add_argument("--render-seconds", type=float, default=10.0, help="seconds of uncached renders")
    parser.add_argument("--clients", type=int, default=8, help="concurrent connections")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds over the endpoints")
    parser.add_argument("--statements", type=int, default=1000)
    parser.add_argument("--no-gzip", action="store_true", help="ask for uncompressed SVG")
    parser.add_argument("--cpu", action="store_true", help="CPU per request of GET /maps/{id}, in process, against the bare endpoint")
    parser.add_argument("--requests", type=int, default=200, help="with --cpu: requests per round")
    args = parser.parse_args()
    asyncio.run(run_cpu(args) if args.cpu else run_load(args) if args.load else run(args))


if __name__ == "__main__":
    main()
