"""Run schemathesis, all phases and all checks, against a real argmap API server on SQLite or PostgreSQL.

The server is started here (uvicorn, in a child process) on a fresh database (a SQLite file in a temporary
folder, or a PostgreSQL schema of its own, dropped afterwards), with one API key that schemathesis sends.
The settings in ``benchmarks/schemathesis.toml`` apply. Prints the cases run and the failures found, as a
Markdown table row, and exits 1 when anything failed.

```console
.venv/bin/python benchmarks/api_schemathesis.py                                    # SQLite, the full run
.venv/bin/python benchmarks/api_schemathesis.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test
.venv/bin/python benchmarks/api_schemathesis.py --max-examples 5 --max-time 40     # the bounded run of the test suite
```
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "schemathesis.toml"
PHASES = "examples,coverage,fuzzing,stateful"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def fresh_database(url: str | None, folder: Path) -> Iterator[str]:
    """A SQLite file in ``folder`` (url None), or a PostgreSQL schema of its own on the server ``url`` (dropped after)."""
    if url is None or url.startswith("sqlite"):
        yield f"sqlite:///{folder / 'argmap.db'}"
        return
    from sqlalchemy import create_engine, text

    schema = f"argmap_st_{secrets.token_hex(6)}"
    admin = create_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in url else "?"
    try:
        yield f"{url}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@contextlib.contextmanager
def api_server(database_url: str) -> Iterator[tuple[str, str]]:
    """``(base URL, API key)`` of a uvicorn child process serving the API on ``database_url``."""
    from argmap_api.store import Store

    store = Store(database_url)
    store.migrate()
    _, token = store.create_key("alice")
    store.dispose()
    port = _free_port()
    env = {
        **os.environ,
        "ARGMAP_DATABASE_URL": database_url,
        "ARGMAP_MAX_BODY_BYTES": "200000",
        "ARGMAP_RENDER_TIMEOUT": "15",  # the stored example maps are drawn often; a slow shared machine is not a fault
        "ARGMAP_ANONYMOUS_RATE": "100000/minute",
        "ARGMAP_ANONYMOUS_RENDER_RATE": "100000/minute",
    }
    env.pop("ARGMAP_REDIS_URL", None)
    cmd = [sys.executable, "-m", "uvicorn", "argmap_api.app:app", "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/health/live", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.05)
        else:
            raise RuntimeError(f"the API server did not start: {proc.stderr.read().decode() if proc.stderr else ''}")
        yield base, token
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


EXAMPLE = HERE.parent / "examples" / "example.argmap.yaml"
SEEDED = 8  # copies of the example map the operations may name (a few are replaced or lose statements on the way)
DOOMED = 3  # more copies, named only by DELETE /maps/{map_id}, so deleting does not take the others away
HIT_RATE = 0.7  # how often a generated map_id, statement_id, relation_id or argument is one that exists


def seeded_config(base: str, token: str, folder: Path) -> Path:
    """Store copies of ``examples/example.argmap.yaml`` and write ``schemathesis.toml`` with dictionaries of their
    ids, so that most generated requests name a map, statement or relation that exists: without them almost every
    request to ``/maps/{map_id}/...`` is a 404 and never reaches the code behind it (rendering, queries,
    evaluation, edits)."""
    import yaml

    text = EXAMPLE.read_text(encoding="utf-8")
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/yaml"}

    def store(public: bool) -> str:
        r = httpx.post(f"{base}/maps", params={"public": str(public).lower()}, content=text.encode(), headers=headers, timeout=30)
        r.raise_for_status()
        return str(r.json()["id"])

    maps = [store(public=i % 2 == 0) for i in range(SEEDED)]
    doomed = [store(public=False) for _ in range(DOOMED)]
    data = yaml.safe_load(text)
    statements = [st["id"] for st in data["statements"]]
    relations = [r["id"] for r in data["relations"]]

    values = json.dumps  # a JSON array of strings is a TOML array too
    extra = f"""

# Written by benchmarks/api_schemathesis.py for this run: the ids of the stored example maps and their parts.
[dictionaries.maps]
values = {values(maps)}

[dictionaries.doomed]
values = {values(doomed)}

[dictionaries.statements]
values = {values(statements)}

[dictionaries.relations]
values = {values(relations)}

[parameters]
"path.map_id" = {{ dictionary = "maps", probability = {HIT_RATE} }}
"path.statement_id" = {{ dictionary = "statements", probability = {HIT_RATE} }}
"path.relation_id" = {{ dictionary = "relations", probability = {HIT_RATE} }}
"query.argument" = {{ dictionary = "statements", probability = {HIT_RATE} }}
"query.id" = {{ dictionary = "statements", probability = {HIT_RATE} }}
"query.focus" = {{ dictionary = "statements", probability = {HIT_RATE} }}
"query.relation" = {{ dictionary = "relations", probability = {HIT_RATE} }}

[[operations]]
include-operation-id = "delete_map"
parameters = {{ "path.map_id" = {{ dictionary = "doomed", probability = {HIT_RATE} }} }}
"""
    config = folder / "schemathesis.toml"
    config.write_text(CONFIG.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return config


def run(
    database_url: str | None,
    *,
    max_examples: int | None,
    max_time: int | None,
    seed: int,
    workers: int = 1,
    extra: list[str] | None = None,
    seeded: bool = True,
) -> dict[str, Any]:
    """Run schemathesis once; the JSON report (cases, failures, errors) with the console output under ``"output"``."""
    with tempfile.TemporaryDirectory() as tmp, fresh_database(database_url, Path(tmp)) as url, api_server(url) as (base, token):
        report = Path(tmp) / "report.json"
        config = seeded_config(base, token, Path(tmp)) if seeded else CONFIG
        cmd = [
            str(Path(sys.executable).with_name("schemathesis")),
            "--config-file",
            str(config),
            "run",
            f"{base}/openapi.json",
            "-H",
            f"Authorization: Bearer {token}",
            "--phases",
            PHASES,
            "--checks",
            "all",
            "--seed",
            str(seed),
            "--workers",
            str(workers),
            "--report",
            "json",
            "--report-json-path",
            str(report),
        ]
        if max_examples is not None:
            cmd += ["--max-examples", str(max_examples)]
        if max_time is not None:
            cmd += ["--max-time", str(max_time)]
        cmd += extra or []
        started = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        result: dict[str, Any] = json.loads(report.read_text()) if report.exists() else {}
        result["output"] = done.stdout + done.stderr
        result["wall_seconds"] = time.perf_counter() - started
        result["dialect"] = url.split(":", 1)[0].split("+", 1)[0]
        return result


def summary(result: dict[str, Any]) -> dict[str, Any]:
    """The figures recorded in docs/api.md: cases run, failures found (unique), errors, per phase status."""
    cases = result.get("test_cases", {})
    return {
        "database": result.get("dialect"),
        "cases": cases.get("generated", 0),
        "failures": sum(f.get("count", 0) for f in result.get("failures", [])),
        "errors": sum(e.get("count", 0) for e in result.get("errors", [])),
        "phases": {name: p.get("status") for name, p in result.get("phases", {}).items()},
        "seconds": round(result.get("wall_seconds", 0.0), 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="a PostgreSQL server (a fresh schema is made on it); default: a fresh SQLite file")
    parser.add_argument("--max-examples", type=int, default=None, help="cases per operation and phase (schemathesis' default: 100)")
    parser.add_argument("--max-time", type=int, default=None, help="seconds for the whole run")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=1, help="more than 1 trips a CPython 3.11 bug in ast.parse under threads")
    parser.add_argument("--output", action="store_true", help="print schemathesis' own report too")
    parser.add_argument("--unseeded", action="store_true", help="no stored example maps: generated ids only (mostly 404s)")
    parser.add_argument("extra", nargs="*", help="more schemathesis options, after --  (e.g. -- --include-method DELETE)")
    args = parser.parse_args()
    result = run(
        args.database_url,
        max_examples=args.max_examples,
        max_time=args.max_time,
        seed=args.seed,
        workers=args.workers,
        extra=args.extra,
        seeded=not args.unseeded,
    )
    if args.output or not result.get("test_cases"):
        print(result["output"])
    s = summary(result)
    print("| database | cases | failures | errors | phases | seconds |")
    print("|---|---:|---:|---:|---|---:|")
    phases = ", ".join(f"{k} {v}" for k, v in s["phases"].items())
    print(f"| {s['database']} | {s['cases']:,} | {s['failures']} | {s['errors']} | {phases} | {s['seconds']} |")
    return 0 if s["failures"] == 0 and s["errors"] == 0 and s["cases"] else 1


if __name__ == "__main__":
    sys.exit(main())
