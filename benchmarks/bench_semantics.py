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
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
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
    parser.add_argument("--quick", action="store_true", help="stop at 10,000 arguments")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per run (default 60)")
    parser.add_argument("--libraries", default=",".join(LIBRARIES), help="comma-separated subset")
    parser.add_argument("--semantics", default=",".join(SIZES), help="comma-separated subset of grounded,preferred,stable")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--plot", type=Path, help="write a scaling plot (PNG) of grounded here")
    ns = parser.parse_args()
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
