"""Dung semantics, side by side: argmap against the PyPI peers on the same random and tree-like frameworks.

Every run (library x semantics x family x size) happens in its own subprocess with a time limit,
so a hopeless peer cannot stall the benchmark; after a library times out at one size, its larger
sizes in that family are skipped and marked so. Each worker rebuilds the same framework from the
same seed, builds the library's own framework object (timed apart, as "build"), then times the
semantics alone ("solve"); runs under a second are repeated from a fresh build, best of three.
The extension sizes are printed so the answers can be compared.

Families: ``er`` (Erdos-Renyi: n arguments, 2n attacks drawn uniformly, no self-attacks), ``tree``
(a random recursive tree: every argument but the first attacks one earlier argument), and for
preferred and stable also ``er3`` (3n attacks): on ``er`` and ``tree`` the grounded labelling
already decides every argument, on ``er3`` most arguments are left UNDEC and the solver must search.

Usage::

    .venv/bin/python benchmarks/bench_semantics.py                  # the full table (~10 minutes)
    .venv/bin/python benchmarks/bench_semantics.py --quick          # up to 10,000 arguments
    .venv/bin/python benchmarks/bench_semantics.py --plot docs/img/semantics-scaling.png
    .venv/bin/python benchmarks/bench_semantics.py --tasks --quick --timeout 20   # ICCMA tasks vs pygarg, formal-argumentation
    .venv/bin/python benchmarks/bench_semantics.py --read --timeout 120           # read + grounded on 10k..1M-argument files
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

LIBRARIES = ("argmap", "formal-argumentation", "formal-argumentation/solve", "pyarg", "pygarg", "afsolver")
SIZES = {
    "grounded": (100, 1_000, 10_000, 100_000, 1_000_000),
    "preferred": (100, 1_000, 10_000),
    "stable": (100, 1_000, 10_000),
}
FAMILIES = {"grounded": ("er", "tree"), "preferred": ("er", "tree", "er3"), "stable": ("er", "tree", "er3")}


def generate(family: str, n: int, seed: int = 1) -> tuple[Any, Any]:
    """The attack arrays (sources, targets) of one benchmark framework."""
    rng = np.random.default_rng(seed + n)
    if family in ("er", "er3"):
        m = (2 if family == "er" else 3) * n
        src = rng.integers(0, n, m)
        dst = rng.integers(0, n, m)
        keep = src != dst
        return src[keep], dst[keep]
    src = np.arange(1, n)
    dst = (rng.random(n - 1) * src).astype(np.int64)  # a uniformly chosen earlier argument
    return src, dst


# ----------------------------------------------------------------------------------- the workers


def run_argmap(sem: str, n: int, src: Any, dst: Any) -> tuple[float, float, list[int]]:
    from argmap.semantics import Framework, extensions

    t0 = time.perf_counter()
    fw = Framework.from_arrays(n, src, dst)
    t1 = time.perf_counter()
    exts = extensions(fw, sem, limit=1000, timeout=None)
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, [len(e) for e in exts]


def _formal_framework(n: int, src: Any, dst: Any) -> Any:
    """The same framework in formal-argumentation's own form (its construction is timed apart)."""
    from argumentation.core.dung import ArgumentationFramework

    names = [f"a{i}" for i in range(n)]
    return ArgumentationFramework(
        arguments=frozenset(names), defeats=frozenset((names[a], names[b]) for a, b in zip(src.tolist(), dst.tolist(), strict=True))
    )


def run_formal(sem: str, n: int, src: Any, dst: Any) -> tuple[float, float, list[int]]:
    from argumentation.core.dung import grounded_extension, preferred_extensions, stable_extensions

    t0 = time.perf_counter()
    af = _formal_framework(n, src, dst)
    t1 = time.perf_counter()
    if sem == "grounded":
        exts = [grounded_extension(af)]
    elif sem == "preferred":
        exts = list(preferred_extensions(af))
    else:
        exts = list(stable_extensions(af))
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, [len(e) for e in exts]


def run_formal_solve(sem: str, n: int, src: Any, dst: Any) -> tuple[float, float, list[int]]:
    """formal-argumentation's solver dispatch (``backend="auto"``): its fastest route for each semantics."""
    from argumentation.core.dung import grounded_extension
    from argumentation.solving.solver import solve_dung_extensions

    t0 = time.perf_counter()
    af = _formal_framework(n, src, dst)
    t1 = time.perf_counter()
    if sem == "grounded":
        exts = [grounded_extension(af)]
    else:
        result = solve_dung_extensions(af, semantics=sem)
        exts = list(result.extensions)  # type: ignore[union-attr]
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, [len(e) for e in exts]


def run_pyarg(sem: str, n: int, src: Any, dst: Any) -> tuple[float, float, list[int]]:
    from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import AbstractArgumentationFramework
    from py_arg.abstract_argumentation_classes.argument import Argument
    from py_arg.abstract_argumentation_classes.defeat import Defeat
    from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension
    from py_arg.algorithms.semantics.get_preferred_extensions import get_preferred_extensions
    from py_arg.algorithms.semantics.get_stable_extensions import get_stable_extensions

    t0 = time.perf_counter()
    args = [Argument(f"a{i}") for i in range(n)]
    af = AbstractArgumentationFramework("bench", args, [Defeat(args[a], args[b]) for a, b in zip(src.tolist(), dst.tolist(), strict=True)])
    t1 = time.perf_counter()
    fn = {"grounded": get_grounded_extension, "preferred": get_preferred_extensions, "stable": get_stable_extensions}[sem]
    result = fn(af)
    exts = [result] if sem == "grounded" else list(result)
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, [len(e) for e in exts]


def run_pygarg(sem: str, n: int, src: Any, dst: Any) -> tuple[float, float, list[int]]:
    from pygarg.dung import solver

    t0 = time.perf_counter()
    args = [f"a{i}" for i in range(n)]
    atts = [[args[a], args[b]] for a, b in zip(src.tolist(), dst.tolist(), strict=True)]
    t1 = time.perf_counter()
    code = {"grounded": "GR", "preferred": "PR", "stable": "ST"}[sem]
    exts = [solver.compute_grounded_extension(args, atts)] if sem == "grounded" else solver.extension_enumeration(args, atts, code)
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, [len(e) for e in exts]


def run_afsolver(sem: str, n: int, src: Any, dst: Any) -> tuple[float, float, list[int]]:
    import afsolver  # noqa: F401 - requires Python >= 3.13; fails to install on 3.11

    raise RuntimeError("afsolver has no release for Python 3.11")


RUNNERS = {
    "argmap": run_argmap,
    "formal-argumentation": run_formal,
    "formal-argumentation/solve": run_formal_solve,
    "pyarg": run_pyarg,
    "pygarg": run_pygarg,
    "afsolver": run_afsolver,
}


def worker(lib: str, sem: str, family: str, n: int) -> None:
    src, dst = generate(family, n)
    build, solve, sizes = RUNNERS[lib](sem, n, src, dst)
    for _ in range(2 if solve < 1.0 else 0):  # fast runs: best of three, each from a fresh build
        b, t, _sizes = RUNNERS[lib](sem, n, src, dst)
        build, solve = min(build, b), min(solve, t)
    print(json.dumps({"build": build, "solve": solve, "extensions": len(sizes), "sizes": sorted(sizes)[:3]}))


# ------------------------------------------------------------------------- ICCMA tasks (SE, DC, DS)

TASK_CASES = ("SE-PR", "SE-ST", "SE-SST", "DC-PR", "DC-ST", "DC-SST", "DS-PR", "DS-ST", "DS-SST")
# generated families, then the real ICCMA admbuster family (benchmarks/data/iccma/make_admbuster.py)
TASK_INSTANCES = {
    "dense": (175, 256, 512),
    "er3": (200, 1_000, 5_000),
    "er5": (500, 2_000),
    "admbuster": (1_000, 10_000, 50_000),
}
QUICK_INSTANCES = {"dense": (175, 256), "er3": (200, 1_000), "er5": (500,), "admbuster": (1_000, 10_000)}
TASK_LIBRARIES = ("argmap", "argmap/sat", "argmap/asp", "pygarg", "formal-argumentation")
PEERS = ("pygarg", "formal-argumentation")
DATA = Path(__file__).resolve().parent / "data" / "iccma"


def instance_file(family: str, n: int) -> Path:
    """The file of a real instance: stored in benchmarks/data/iccma, or written there by its family's generator."""
    path = DATA / f"{family}_{n}.af"
    if not path.exists():
        sys.path.insert(0, str(DATA))
        from make_admbuster import admbuster

        cache = Path(tempfile.gettempdir()) / "argmap-iccma"
        cache.mkdir(exist_ok=True)
        path = cache / f"{family}_{n}.af"
        if not path.exists():
            path.write_text(admbuster(n))
    return path


def generate_task(family: str, n: int, seed: int = 1) -> tuple[Any, Any]:
    """dense: each pair attacked with probability 0.2 (175 arguments: ~6,100 attacks, as in issue 16);
    er3 / er5: 3n / 5n uniform attacks (most arguments left UNDEC by the grounded labelling);
    admbuster: the real ICCMA instance of that size, read from its file."""
    if family == "admbuster":
        from argmap.semantics import read_framework

        fw = read_framework(instance_file(family, n))
        return np.frombuffer(fw.attack_from, dtype=np.int64), np.frombuffer(fw.attack_to, dtype=np.int64)
    rng = np.random.default_rng(seed + n)
    if family == "dense":
        mask = rng.random((n, n)) < 0.2
        np.fill_diagonal(mask, False)
        src, dst = np.nonzero(mask)
        return src.astype(np.int64), dst.astype(np.int64)
    m = (3 if family == "er3" else 5) * n
    src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
    keep = src != dst
    return src[keep], dst[keep]


def run_task(lib: str, case: str, n: int, src: Any, dst: Any) -> tuple[float, str]:
    """Solve one task (query: the first argument), timing the solve alone; the answer as text."""
    task, code = case.split("-")
    sem = {"PR": "preferred", "ST": "stable", "CO": "complete", "SST": "semi-stable"}[code]
    if lib.startswith("argmap"):
        from argmap.semantics import Framework, tasks

        backend = lib.partition("/")[2] or "auto"
        fw = Framework.from_arrays(n, src, dst)
        import clingo  # noqa: F401 - argmap imports its solvers at first use; the peers import theirs before the clock starts
        import pysat.solvers  # noqa: F401

        t0 = time.perf_counter()
        if task == "SE":
            one = tasks.some_extension(fw, sem, timeout=None, backend=backend)
            answer = "NO" if one is None else f"{len(one)} args"
        else:
            call = tasks.credulous if task == "DC" else tasks.sceptical
            answer = "YES" if call(fw, 0, sem, timeout=None, backend=backend) else "NO"
        return time.perf_counter() - t0, answer
    if lib == "pygarg":
        from pygarg.dung import solver

        args = [str(i) for i in range(n)]
        atts = [[str(a), str(b)] for a, b in zip(src.tolist(), dst.tolist(), strict=True)]
        t0 = time.perf_counter()
        if task == "SE":
            ext = solver.compute_some_extension(args, atts, code)
            answer = "NO" if ext in (None, "NO") else f"{len(ext)} args"
        else:
            call = solver.credulous_acceptability if task == "DC" else solver.skeptical_acceptability
            answer = "YES" if call(args, atts, "0", code)[0] else "NO"
        return time.perf_counter() - t0, answer
    from argumentation.solving.solver import solve_dung_acceptance, solve_dung_single_extension

    af = _formal_framework(n, src, dst)
    t0 = time.perf_counter()
    if task == "SE":
        res = solve_dung_single_extension(af, semantics=sem, backend="native")
        ext = getattr(res, "extension", None)
        answer = "NO" if ext is None else f"{len(ext)} args"
    else:
        kind = "credulous" if task == "DC" else "skeptical"
        res = solve_dung_acceptance(af, semantics=sem, task=kind, query="a0", backend="native")
        answer = "YES" if getattr(res, "answer") else "NO"  # noqa: B009 - a union of result types
    return time.perf_counter() - t0, answer


def task_worker(lib: str, case: str, family: str, n: int) -> None:
    """One task, solved again from a fresh framework while under a second (best of three): the first solve in a
    new process pays for cold caches, about as long as a whole small solve."""
    src, dst = generate_task(family, n)
    solve, answer = run_task(lib, case, n, src, dst)
    for _ in range(2 if solve < 1.0 else 0):
        solve = min(solve, run_task(lib, case, n, src, dst)[0])
    print(json.dumps({"solve": solve, "answer": answer, "attacks": len(src)}))


def measure_task(lib: str, case: str, family: str, n: int, timeout: float) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--task-worker", lib, case, family, str(n)]
    started = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"status": f"> {timeout:.0f} s"}
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["failed"])[-1]
        return {"status": "error", "error": last[:160]}
    return {"status": "ok", "wall": time.perf_counter() - started, **json.loads(proc.stdout.strip().splitlines()[-1])}


def _cell(r: dict[str, Any]) -> str:
    return f"{r['solve']:.3f} s ({r['answer']})" if r["status"] == "ok" else r["status"]


def tasks_table(timeout: float, quick: bool, out: Path | None) -> None:
    """One markdown row per (instance, task): each library's solve time and answer, then the ratio to the faster peer."""
    print("| family | n | attacks | task | " + " | ".join(TASK_LIBRARIES) + " | argmap / faster peer |")
    print("|---|---:|---:|---|" + "---:|" * (len(TASK_LIBRARIES) + 1))
    rows: list[dict[str, Any]] = []
    for family, sizes in (QUICK_INSTANCES if quick else TASK_INSTANCES).items():
        given_up: dict[tuple[str, str], str] = {}  # (library, task) -> why its larger instances are skipped
        for n in sizes:
            for case in TASK_CASES:
                got = {}
                for lib in TASK_LIBRARIES:
                    if (lib, case) in given_up:
                        got[lib] = {"status": given_up[lib, case]}
                        continue
                    got[lib] = measure_task(lib, case, family, n, timeout)
                    if got[lib]["status"] != "ok":
                        given_up[lib, case] = f"skipped ({got[lib]['status']} at {n:,})"
                answers = {r["answer"] for r in got.values() if r["status"] == "ok" and r["answer"] in ("YES", "NO")}
                assert len(answers) <= 1, (family, n, case, got)  # the libraries agree on every decision
                peers = [got[lib]["solve"] for lib in PEERS if got[lib]["status"] == "ok"]
                mine = got["argmap"]
                ratio = mine["solve"] / min(peers) if peers and mine["status"] == "ok" and min(peers) > 0 else None
                attacks = next((r["attacks"] for r in got.values() if r["status"] == "ok"), "?")
                rows.append({"family": family, "n": n, "attacks": attacks, "case": case, "ratio": ratio, **got})
                cells = " | ".join(_cell(r) for r in got.values())
                print(f"| {family} | {n} | {attacks} | {case} | {cells} | {'-' if ratio is None else f'{ratio:.2f}'} |", flush=True)
    summarise(rows)
    if out:
        out.write_text(json.dumps(rows, indent=1))


def summarise(rows: list[dict[str, Any]]) -> None:
    """The goals of issue 16 over the rows: solved where a peer solved, the worst and the median ratio, SAT against ASP."""
    import statistics

    missed = [r for r in rows if r["argmap"]["status"] != "ok" and any(r[p]["status"] == "ok" for p in PEERS)]
    ratios = [r["ratio"] for r in rows if r["ratio"] is not None]
    over = [r for r in rows if r["ratio"] is not None and r["ratio"] > 2]
    print()
    print(f"- instances x tasks: {len(rows)}; argmap solved {sum(r['argmap']['status'] == 'ok' for r in rows)}", end="")
    for p in PEERS:
        print(f", {p} {sum(r[p]['status'] == 'ok' for r in rows)}", end="")
    print(f"; unsolved by argmap but solved by a peer: {len(missed)}")
    if ratios:
        median, worst = statistics.median(ratios), max(ratios)
        print(f"- argmap / faster peer (where a peer solved): median {median:.3f}, worst {worst:.2f}; over 2x: {len(over)}")
    for r in over:
        print(f"  - over 2x: {r['family']} {r['n']} {r['case']} ({r['ratio']:.2f})")
    for case in TASK_CASES:
        pairs = [(r["argmap/sat"]["solve"], r["argmap/asp"]["solve"]) for r in rows if r["case"] == case]
        pairs = [(a, b) for a, b in pairs if isinstance(a, float) and isinstance(b, float)]
        sat_wins = sum(a <= b for a, b in pairs)
        total_sat = sum(a for a, _ in pairs)
        total_asp = sum(b for _, b in pairs)
        print(f"- {case}: SAT faster on {sat_wins}/{len(pairs)} (sum {total_sat:.2f} s against ASP {total_asp:.2f} s)")


# --------------------------------------------------------------- read + grounded on large ICCMA files

READ_SIZES = (10_000, 100_000, 1_000_000)
READ_LIBRARIES = ("argmap", "plain Python", "formal-argumentation")


def read_file_of(n: int) -> Path:
    """A ``p af`` file of n arguments and 2n uniform attacks (written once to the temp directory)."""
    path = Path(tempfile.gettempdir()) / "argmap-iccma" / f"er_{n}.af"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        src, dst = generate("er", n)
        body = "\n".join(f"{a} {b}" for a, b in zip((src + 1).tolist(), (dst + 1).tolist(), strict=True))
        path.write_text(f"p af {n}\n{body}\n")
    return path


def plain_read_grounded(path: Path) -> int:
    """The baseline: split the lines, build adjacency lists, the textbook worklist; the size of the grounded extension."""
    with open(path) as f:
        n = 0
        src: list[int] = []
        dst: list[int] = []
        for line in f:
            if line.startswith("p"):
                n = int(line.split()[2])
                continue
            if not line.strip() or line.startswith("#"):
                continue
            a, b = line.split()
            src.append(int(a) - 1)
            dst.append(int(b) - 1)
    out: list[list[int]] = [[] for _ in range(n)]
    alive = [0] * n
    for a, b in zip(src, dst, strict=True):
        out[a].append(b)
        alive[b] += 1
    label = [0] * n
    queue = [a for a in range(n) if not alive[a]]
    for a in queue:
        label[a] = 1
        for b in out[a]:
            if label[b] != 2:
                label[b] = 2
                for c in out[b]:
                    alive[c] -= 1
                    if not alive[c] and not label[c]:
                        queue.append(c)
    return label.count(1)


def read_worker(lib: str, n: int) -> None:
    path = read_file_of(n)
    if lib == "argmap":
        import argmap.semantics  # noqa: F401 - the library is loaded before the clock starts, as for the others
    elif lib == "formal-argumentation":
        import argumentation.core.dung
        import argumentation.interop.iccma  # noqa: F401
    times: list[float] = []
    size = -1
    for _ in range(3):
        t0 = time.perf_counter()
        if lib == "argmap":
            from argmap.semantics import grounded, read_framework

            size = len(grounded(read_framework(path)))
        elif lib == "plain Python":
            size = plain_read_grounded(path)
        else:
            from argumentation.core.dung import grounded_extension
            from argumentation.interop.iccma import parse_af

            size = len(grounded_extension(parse_af(path.read_text())))
        times.append(time.perf_counter() - t0)
    # the first run is cold (it pays for importing numpy, where the library uses it); the others are warm
    print(json.dumps({"solve": times[0], "best": min(times), "answer": f"{size} in"}))


def read_table(timeout: float, quick: bool) -> None:
    """read + grounded on ``p af`` files: each library from the file to the grounded extension, cold (first run, in a fresh
    process with the library imported) and, in brackets, the best of three."""
    print("| arguments | attacks | " + " | ".join(READ_LIBRARIES) + " | formal / argmap | plain / argmap |")
    print("|---:|---:|" + "---:|" * (len(READ_LIBRARIES) + 2))
    for n in READ_SIZES[:2] if quick else READ_SIZES:
        read_file_of(n)
        got = {}
        for lib in READ_LIBRARIES:
            cmd = [sys.executable, __file__, "--read-worker", lib, str(n)]
            try:
                proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
                got[lib] = (
                    {"status": "ok", **json.loads(proc.stdout.strip().splitlines()[-1])} if proc.returncode == 0 else {"status": "error"}
                )
            except subprocess.TimeoutExpired:
                got[lib] = {"status": f"> {timeout:.0f} s"}
        mine = got["argmap"].get("solve")
        ratios = [f"{got[lib]['solve'] / mine:.1f}x" if mine and got[lib]["status"] == "ok" else "-" for lib in READ_LIBRARIES[1:]]
        cells = " | ".join(_cell(r) + (f" [{r['best']:.3f}]" if r["status"] == "ok" else "") for r in got.values())
        print(f"| {n:,} | {2 * n:,} | {cells} | {ratios[1]} | {ratios[0]} |", flush=True)


# ------------------------------------------------------------------------------------- the driver


def measure(lib: str, sem: str, family: str, n: int, timeout: float) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--worker", lib, sem, family, str(n)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"status": f"> {timeout:.0f} s"}
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["failed"])[-1]
        return {"status": "error", "error": last[:160]}
    return {"status": "ok", **json.loads(proc.stdout.strip().splitlines()[-1])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker", nargs=4, metavar=("LIB", "SEMANTICS", "FAMILY", "N"), help=argparse.SUPPRESS)
    parser.add_argument("--task-worker", nargs=4, metavar=("LIB", "TASK", "FAMILY", "N"), help=argparse.SUPPRESS)
    parser.add_argument("--read-worker", nargs=2, metavar=("LIB", "N"), help=argparse.SUPPRESS)
    parser.add_argument("--tasks", action="store_true", help="the ICCMA tasks (SE, DC, DS) beside pygarg and formal-argumentation")
    parser.add_argument("--read", action="store_true", help="read + grounded on 10,000 to 1,000,000-argument p af files")
    parser.add_argument("--quick", action="store_true", help="stop at 10,000 arguments")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per run (default 60)")
    parser.add_argument("--libraries", default=",".join(LIBRARIES), help="comma-separated subset")
    parser.add_argument("--semantics", default=",".join(SIZES), help="comma-separated subset of grounded,preferred,stable")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--plot", type=Path, help="write a scaling plot (PNG) of grounded here")
    ns = parser.parse_args()
    if ns.task_worker:
        lib, case, family, n = ns.task_worker
        task_worker(lib, case, family, int(n))
        return
    if ns.read_worker:
        read_worker(ns.read_worker[0], int(ns.read_worker[1]))
        return
    if ns.tasks:
        tasks_table(ns.timeout, ns.quick, ns.json)
        return
    if ns.read:
        read_table(ns.timeout, ns.quick)
        return
    if ns.worker:
        lib, sem, family, n = ns.worker
        worker(lib, sem, family, int(n))
        return
    libs = [x for x in ns.libraries.split(",") if x]
    rows: list[dict[str, Any]] = []
    print("| semantics | family | arguments | library | build (s) | solve (s) | vs argmap | extensions (sizes) |")
    print("|---|---|---:|---|---:|---:|---:|---|")
    for sem, sizes in SIZES.items():
        if sem not in ns.semantics.split(","):
            continue
        for family in FAMILIES[sem]:
            given_up: dict[str, str] = {}
            for n in sizes:
                if ns.quick and n > 10_000:
                    continue
                base: float | None = None
                for lib in libs:
                    if lib in given_up:
                        res = {"status": f"skipped ({given_up[lib]})"}
                    else:
                        res = measure(lib, sem, family, n, ns.timeout)
                        if res["status"] != "ok":
                            given_up[lib] = "error" if res["status"] == "error" else f"timed out at {n:,}"
                    row = {"semantics": sem, "family": family, "n": n, "library": lib, **res}
                    rows.append(row)
                    if res["status"] == "ok":
                        if lib == "argmap":
                            base = res["solve"]
                        ratio = f"{res['solve'] / base:.1f}x" if base else "-"
                        exts = f"{res['extensions']} ({', '.join(map(str, res['sizes']))})"
                        print(
                            f"| {sem} | {family} | {n:,} | {lib} | {res['build']:.3f} | {res['solve']:.4f} | {ratio} | {exts} |", flush=True
                        )
                    else:
                        detail = f": {res['error']}" if res.get("error") else ""
                        print(f"| {sem} | {family} | {n:,} | {lib} | - | {res['status']}{detail} | - | - |", flush=True)
    if ns.json:
        ns.json.write_text(json.dumps(rows, indent=1))
    if ns.plot:
        plot(rows, ns.plot)


def plot(rows: list[dict[str, Any]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2), sharey=True)
    for ax, family in zip(axes, ("er", "tree"), strict=True):
        for lib in LIBRARIES:
            pts = [
                (r["n"], r["solve"])
                for r in rows
                if r["semantics"] == "grounded" and r["family"] == family and r["library"] == lib and r["status"] == "ok"
            ]
            if pts:
                ax.loglog(*zip(*pts, strict=True), marker="o", label=lib)
        ax.set_title(f"grounded, {'Erdos-Renyi (2n attacks)' if family == 'er' else 'random tree'}")
        ax.set_xlabel("arguments")
        ax.grid(True, which="both", alpha=0.3)
    axes[0].set_ylabel("solve time (s)")
    axes[0].legend()
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)


if __name__ == "__main__":
    main()
