"""Core benchmark: build, validate, save/load (JSON, YAML), networkx and queries on synthetic maps.

Sizes 1,000, 10,000 and 100,000 statements. Growth is shown as time per statement (flat = linear);
loading JSON is compared with plain ``json.loads`` of the same text, in the same process.

    .venv/bin/python benchmarks/bench_core.py                # all sizes, prints a Markdown table
    .venv/bin/python benchmarks/bench_core.py --sizes 1000   # quick
    .venv/bin/python benchmarks/bench_core.py --plot docs/img/core-scaling.png
    .venv/bin/python benchmarks/bench_core.py --load --sizes 100000   # only argmap.load against json.loads
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import json
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

import argmap
from argmap import query as q
from argmap._index import index_of
from argmap._validate import validate_map
from argmap.formats.native import dump_json, dump_yaml, parse_json, parse_yaml

NBSP = "\u00a0"
EVIDENCE = ("statistic", "example", "quote", "testimony", "analogy", "historical_fact")


def synthetic(n: int, *, seed: int = 1) -> dict[str, Any]:
    """A map of ``n`` statements as plain data: a tree of support and attack below one main claim.

    Each statement bears on a random earlier one (so depth grows like log n); 30 % are evidence,
    10 % of relations are linked (two premises), 5 % of statements undercut a relation, 5 % are
    held by critics or a named person, every statement has Dutch and English text, and 10 % quote
    a source (its text has NBSP and curly quotes) with offsets.
    """
    rnd = random.Random(seed)
    sentences = [f"Zin{NBSP}{i} zegt “iets” over {i % 97}." for i in range(max(10, n // 10))]
    offsets, pos = [], 0
    for s in sentences:
        offsets.append((pos, pos + len(s)))
        pos += len(s) + 1
    source = {"id": "src", "title": "Bron", "language": "nl", "text": " ".join(sentences)}
    statements: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    for i in range(n):
        sid = f"s{i}"
        st: dict[str, Any] = {
            "id": sid,
            "text": {"nl": f"Bewering nummer {i} over onderwerp {i % 101}.", "en": f"Claim number {i} on topic {i % 101}."},
        }
        if i > 0 and rnd.random() < 0.3:
            st.update(kind="evidence", evidence_type=rnd.choice(EVIDENCE))
        else:
            st["kind"] = "claim"
        r = rnd.random()
        if r < 0.03:
            st["holder"] = {"kind": "group", "name": "critics"}
        elif r < 0.05:
            st["holder"] = {"kind": "person", "name": f"Persoon {i % 13}"}
        if rnd.random() < 0.1:
            k = rnd.randrange(len(sentences))
            st["anchors"] = [{"source": "src", "quote": sentences[k].replace(NBSP, " "), "start": offsets[k][0], "end": offsets[k][1]}]
        statements.append(st)
        if i == 0:
            continue
        rid = f"r{i}"
        if rnd.random() < 0.05 and relations:
            relations.append({"id": rid, "type": "undercut", "premises": [sid], "target": rnd.choice(relations)["id"]})
            continue
        target = rnd.randrange(i)
        premises = [sid]
        if rnd.random() < 0.1 and i > 2:
            other = rnd.randrange(i)
            if other != target:
                premises.append(f"s{other}")
        rtype = "attack" if rnd.random() < 0.25 else "support"
        relations.append({"id": rid, "type": rtype, "premises": premises, "target": f"s{target}"})
    return {
        "title": f"Synthetic {n}",
        "language": "nl",
        "main_claim": "s0",
        "sources": [source],
        "statements": statements,
        "relations": relations,
    }


def best(fn: Callable[[], Any], repeat: int) -> float:
    """The best CPU time of this process over ``repeat`` runs, in seconds (garbage collected before each).

    CPU time rather than wall time: the machine is shared (2 cores, other jobs running), and CPU
    time of our own process is what the code costs, whatever else runs beside it.
    """
    times = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def best_fresh(make: Callable[[], Any], fn: Callable[[Any], Any], repeat: int) -> float:
    """Like :func:`best`, but each run gets a fresh object from ``make`` (made outside the timing)."""
    times = []
    for _ in range(repeat):
        obj = make()
        gc.collect()
        t0 = time.process_time()
        fn(obj)
        times.append(time.process_time() - t0)
    return min(times)


def build_with_builder(data: dict[str, Any]) -> argmap.ArgumentMap:
    b = argmap.MapBuilder(title=data["title"], language="nl")
    b.source("src", text=data["sources"][0]["text"])
    for st in data["statements"]:
        fields = {k: v for k, v in st.items() if k not in ("id", "kind", "text", "evidence_type")}
        if st["kind"] == "claim":
            b.claim(st["text"], id=st["id"], main=st["id"] == "s0", **fields)
        else:
            b.evidence(st["text"], id=st["id"], type=st["evidence_type"], **fields)
    for r in data["relations"]:
        getattr(b, r["type"])(r["premises"], r["target"], id=r["id"])
    return b.build()


def measure(n: int, *, yaml_limit: int) -> dict[str, float]:
    repeat = 5 if n <= 10_000 else 3
    data = synthetic(n)
    out: dict[str, float] = {"n": n}
    out["builder"] = best(lambda: build_with_builder(data), repeat)
    out["validate"] = best(lambda: validate_map(data), repeat)
    m = validate_map(data)
    out["to_networkx"] = best(lambda: argmap.to_networkx(m), repeat)
    G = argmap.to_networkx(m)
    out["from_networkx"] = best(lambda: argmap.from_networkx(G), repeat)
    out["dump_json"] = best(lambda: dump_json(m), repeat)
    text = dump_json(m)
    out["json_mb"] = len(text.encode()) / 1e6
    out["json_loads"] = best(lambda: json.loads(text), repeat)
    out["load_json"] = best(lambda: parse_json(text), repeat)
    assert parse_json(text) == m
    if n <= yaml_limit:
        out["dump_yaml"] = best(lambda: dump_yaml(m), 1)
        ytext = dump_yaml(m)
        out["load_yaml"] = best(lambda: parse_yaml(ytext), 1)
    # queries: the first call on a map builds its index (and search its folded texts); then each query on its own
    out["index"] = best_fresh(lambda: validate_map(data), index_of, repeat)
    out["q_search_first"] = best_fresh(lambda: validate_map(data), lambda fresh: q.search(fresh, "onderwerp 7"), repeat)
    leaf = m.statements[-1].id
    out["q_supporters_all"] = best(lambda: [q.supporters(m, s.id) for s in m.statements], 1)
    out["q_unanswered"] = best(lambda: q.unanswered_objections(m), repeat)
    out["q_unsupported"] = best(lambda: q.unsupported_claims(m), repeat)
    out["q_disconnected"] = best(lambda: q.disconnected(m), repeat)
    undirected = G.to_undirected(as_view=True)  # baseline: networkx's own traversal of the same graph
    out["nx_connected_component"] = best(lambda: nx.node_connected_component(undirected, m.main_claim), repeat)
    out["q_evidence_transitive"] = best(lambda: q.evidence_for(m, "s0", transitive=True), repeat)
    out["q_chains"] = best(lambda: q.chains_to_main(m, leaf), repeat)
    out["q_focus_k2"] = best(lambda: q.focus(m, leaf, k=2), repeat)
    out["q_cycles"] = best(lambda: q.cycles(m, limit=10), repeat)
    out["q_search"] = best(lambda: q.search(m, "onderwerp 7"), repeat)
    out["q_statistics"] = best(lambda: q.statistics(m), repeat)
    return out


def table(rows: list[dict[str, float]]) -> str:
    sizes = [int(r["n"]) for r in rows]
    head = "| step | " + " | ".join(f"{n:,}" for n in sizes) + " | µs per statement (" + " → ".join(f"{n:,}" for n in sizes) + ") |"
    lines = [head, "|" + "---|" * (len(sizes) + 2)]
    names = [k for k in rows[0] if k not in ("n", "json_mb")]
    for name in names:
        cells = [f"{r[name] * 1000:,.1f} ms" if name in r else "–" for r in rows]
        per = [f"{r[name] / r['n'] * 1e6:.2f}" if name in r else "–" for r in rows]
        lines.append(f"| {name} | " + " | ".join(cells) + " | " + " → ".join(per) + " |")
    lines.append("| JSON file size | " + " | ".join(f"{r['json_mb']:.1f} MB" for r in rows) + " | |")
    lines.append("| load_json / json.loads | " + " | ".join(f"{r['load_json'] / r['json_loads']:.1f}×" for r in rows) + " | |")
    ratio = " | ".join(f"{r['q_disconnected'] / r['nx_connected_component']:.2f}×" for r in rows)
    lines.append("| q_disconnected / networkx node_connected_component | " + ratio + " | |")
    lines += ["", "Growth, as time per statement relative to `json.loads` of the same map (flat = grows like json.loads, linearly):", ""]
    lines.append("| step | " + " | ".join(f"{n:,}" for n in sizes) + " |")
    lines.append("|" + "---|" * (len(sizes) + 1))
    for name in ("validate", "load_json", "to_networkx", "from_networkx", "dump_json", "q_disconnected", "nx_connected_component"):
        lines.append(f"| {name} / json.loads | " + " | ".join(f"{r[name] / r['json_loads']:.1f}×" for r in rows) + " |")
    return "\n".join(lines)


def plot(rows: list[dict[str, float]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4))
    sizes = [r["n"] for r in rows]
    for name in ("validate", "load_json", "json_loads", "to_networkx", "dump_json", "q_statistics"):
        ax.plot(sizes, [r[name] / r["n"] * 1e6 for r in rows], marker="o", label=name)
    ax.set_xscale("log")
    ax.set_xlabel("statements in the map")
    ax.set_ylabel("µs per statement")
    ax.set_ylim(bottom=0)
    ax.set_title("argmap core: time per statement (flat = linear growth)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)


def reading() -> str:
    """CPU seconds of the bounded readers on the inputs of issues 15 and 18 (docs/performance.md, "Bounded reading").

    Run it with the old code first on ``PYTHONPATH`` (``git archive dc73f34 argmap | tar -x -C /tmp/old``) for
    the "before" column; the alias bomb is left out there (the old code does not answer).
    """
    from argmap.errors import ArgmapError

    def cpu(fn: Callable[[], Any]) -> float:
        start = time.process_time()
        with contextlib.suppress(ArgmapError):
            fn()
        return time.process_time() - start

    ytext = dump_yaml(build_with_builder(synthetic(10_000)))
    chain = {
        "statements": [{"id": f"s{i}", "kind": "claim", "text": {"en": f"S {i}"}} for i in range(200_001)],
        "relations": [{"id": f"r{i}", "type": "support", "premises": [f"s{i + 1}"], "target": f"s{i}"} for i in range(200_000)],
    }
    ctext = json.dumps(chain)
    lines = [f"10,000-statement YAML ({len(ytext) / 1e6:.1f} MB): {min(cpu(lambda: parse_yaml(ytext)) for _ in range(2)):.2f} s"]
    lines.append(f"200,000-relation chain (JSON): {min(cpu(lambda: parse_json(ctext)) for _ in range(2)):.2f} s")
    for bad in (10, 30, 300):
        st = [{"id": f"s{i}", "kind": "bogus" if i < bad else "claim", "text": "x" * 1500} for i in range(300)]
        text = json.dumps({"statements": st, "relations": []}, indent=1)
        if bad < 300 or os.environ.get("ARGMAP_BENCH_OLD") is None:
            seconds = cpu(functools.partial(parse_json, text, filename="b.json"))
            lines.append(f"{len(text) // 1024} KB JSON, {bad} problems located: {seconds:.2f} s")
    if os.environ.get("ARGMAP_BENCH_OLD") is None:
        bomb = "statements: []\nrelations: []\nmetadata:\n  a0: &a0 [" + ", ".join(["lol"] * 9) + "]\n"
        bomb += "".join(f"  a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 9))
        lines.append(f"{len(bomb)}-byte YAML alias bomb refused: {cpu(lambda: parse_yaml(bomb)) * 1000:.1f} ms")
    return "\n".join(lines)


def load_ratio(sizes: list[int], repeat: int) -> str:
    """``argmap.load`` of a native JSON map against ``json.loads`` of the same file, best CPU of ``repeat`` runs each.

    ``json.loads`` is timed twice: as a program calls it (the garbage collector on: with two million new
    objects it runs full collections, whose cost depends on what else the process holds) and with the collector
    paused, which is the parsing alone and the stricter baseline. argmap pauses the collector while it builds
    a map. Each size is measured in a fresh heap (the map written to a temporary file, the data freed).
    Both sides read the file (``read_text``) inside the timing; what they return is freed outside it.
    """
    import tempfile

    lines = [
        "| statements | JSON | json.loads | json.loads, gc paused | argmap.load | load / json.loads | load / json.loads (gc paused) |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"synthetic-{n}.argmap.json"
            path.write_text(dump_json(validate_map(synthetic(n))), encoding="utf-8")
            gc.collect()
            loads = _best_kept(functools.partial(_json_loads, path), repeat)
            loads_paused = _best_kept(functools.partial(_json_loads, path, paused=True), repeat)
            load = _best_kept(functools.partial(argmap.load, path), repeat)
            size = path.stat().st_size / 1e6
        ratios = f"{load / loads:.1f}x | {load / loads_paused:.1f}x"
        lines.append(f"| {n:,} | {size:.1f} MB | {loads:.3f} s | {loads_paused:.3f} s | {load:.3f} s | {ratios} |")
    return "\n".join(lines)


def _best_kept(fn: Callable[[], Any], repeat: int) -> float:
    """Like :func:`best`, but the result is freed after the clock stops (freeing a million objects is not loading them)."""
    times = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.process_time()
        result = fn()
        times.append(time.process_time() - t0)
        del result
    return min(times)


def _json_loads(path: Path, *, paused: bool = False) -> Any:
    if paused:
        gc.disable()
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    finally:
        gc.enable()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    ap.add_argument("--yaml-limit", type=int, default=100_000, help="skip YAML above this size (PyYAML is pure Python)")
    ap.add_argument("--plot", type=Path, help="write a PNG of time per statement")
    ap.add_argument("--json", type=Path, help="write the raw figures as JSON")
    ap.add_argument("--reading", action="store_true", help="only the bounded-reading figures (hostile and large inputs)")
    ap.add_argument("--load", action="store_true", help="only argmap.load of native JSON against json.loads (--sizes, --repeat)")
    ap.add_argument("--repeat", type=int, default=5, help="with --load: runs per figure (the best is kept)")
    args = ap.parse_args()
    if args.reading:
        print(reading())
        return
    if args.load:
        print(load_ratio(args.sizes, args.repeat))
        return
    rows = []
    for n in args.sizes:
        t0 = time.perf_counter()
        rows.append(measure(n, yaml_limit=args.yaml_limit))
        print(f"measured {n:,} statements in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    print(f"Python {sys.version.split()[0]}, pydantic {__import__('pydantic').VERSION}, networkx {__import__('networkx').__version__}")
    print()
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    if args.plot:
        plot(rows, args.plot)


if __name__ == "__main__":
    main()
