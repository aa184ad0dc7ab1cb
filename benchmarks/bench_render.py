"""Time argmap's whole render against raw ``dot -Tsvg`` on the same DOT text, in the same run.

    .venv/bin/python benchmarks/bench_render.py                 # 10, 100, 1,000 and 10,000 statements
    .venv/bin/python benchmarks/bench_render.py --sizes 10 100  # a quicker run

For each size: build a synthetic map (a main claim, lines of argument with evidence, objections,
rebuttals, linked arguments and undercuts), then time

- ``argmap``: ``argmap.render(m, "svg")`` end to end (options, DOT building, running dot, SVG post-processing);
- ``raw dot``: ``dot -Tsvg`` on the DOT text ``argmap.render.to_dot(m)`` produces, run with subprocess.

The two are run alternately (best of 20 at <= 100 statements, 7 at 1,000, 1 at 10,000) and the ratio
argmap / raw dot is printed. argmap starts ``dot`` before it builds the DOT text, so dot's own start-up
(fonts, plugins) overlaps the Python work.
The goal is a ratio <= 1.10 from 100 statements up, and a usable SVG at 10,000. Both wall-clock and
CPU time (this process plus dot's) are reported; on a busy machine the CPU ratio is the steadier one.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import time

import argmap
from argmap.render import render, slide_fit, to_dot


def synthetic_map(n: int, seed: int = 1) -> argmap.ArgumentMap:
    """A map of ``n`` statements shaped like an essay's: a tree of reasons with objections and rebuttals."""
    rnd = random.Random(seed)
    words = ["social", "media", "tools", "people", "platforms", "sharing", "users", "content", "value", "trust", "network", "business"]

    def sentence() -> str:
        return " ".join(rnd.choice(words) for _ in range(rnd.randint(6, 16))).capitalize() + "."

    statements = [{"id": "s0", "claim": sentence()}]
    relations: list[dict[str, object]] = []
    supports: list[str] = []
    for i in range(1, n):
        sid = f"s{i}"
        parent = f"s{rnd.randrange(0, max(1, i // 3 + 1))}"
        roll = rnd.random()
        if roll < 0.45:
            statements.append({"id": sid, "evidence": sentence(), "evidence_type": rnd.choice(["statistic", "example", "quote"])})
        else:
            statements.append({"id": sid, "claim": sentence(), **({"holder": "critics"} if roll > 0.85 else {})})
        rid = f"r{i}"
        if roll > 0.85:
            relations.append({"id": rid, "attack": sid, "target": parent})
        elif roll > 0.80 and supports:
            relations.append({"id": rid, "undercut": sid, "target": rnd.choice(supports)})
        elif roll > 0.75 and i > 2:
            other = f"s{rnd.randrange(1, i)}"
            relations.append({"id": rid, "support": [sid, other] if other != parent else [sid], "target": parent})
            supports.append(rid)
        else:
            relations.append({"id": rid, "support": sid, "target": parent})
            supports.append(rid)
    data = {"title": f"{n} statements", "main_claim": "s0", "statements": statements, "relations": relations}
    return argmap.ArgumentMap.model_validate(data)


def _cpu() -> float:
    """CPU seconds used by this process and its finished children (dot), user + system."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def best_of_interleaved(repeats: int, a, b) -> tuple[tuple[float, float], tuple[float, float]]:  # type: ignore[no-untyped-def]
    """Best wall-clock and best CPU time of each of two jobs, run alternately so that load hits both alike.

    CPU time (this process plus dot) is the steadier measure on a shared machine: other people's work
    delays a job's wall-clock time but does not add to its CPU time.
    """
    wall: dict[int, list[float]] = {0: [], 1: []}
    cpu: dict[int, list[float]] = {0: [], 1: []}
    for _ in range(repeats):
        for i, fn in enumerate((a, b)):
            c0, t0 = _cpu(), time.perf_counter()
            fn()
            wall[i].append(time.perf_counter() - t0)
            cpu[i].append(_cpu() - c0)
    return (min(wall[0]), min(cpu[0])), (min(wall[1]), min(cpu[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 10000])
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument("--repeats", type=int, default=None, help="runs of each (default: 20 / 7 / 1 by size)")
    args = parser.parse_args()
    print(
        f"{'statements':>10} {'relations':>9} {'argmap s':>9} {'raw dot s':>9} {'ratio':>6} "
        f"{'argmap cpu':>10} {'dot cpu':>8} {'cpu ratio':>9} {'SVG MB':>7} {'aspect':>6}"
    )
    for n in args.sizes:
        m = synthetic_map(n)
        source = to_dot(m).source
        repeats = args.repeats or (20 if n <= 100 else (7 if n <= 1000 else 1))
        holder: dict[str, bytes] = {}

        def ours(m: argmap.ArgumentMap = m, holder: dict[str, bytes] = holder) -> None:
            holder["svg"] = render(m, "svg", timeout=args.timeout)

        def raw(source: str = source) -> None:
            subprocess.run(["dot", "-Tsvg"], input=source.encode(), capture_output=True, check=True, timeout=args.timeout)

        (t_raw, c_raw), (t_ours, c_ours) = best_of_interleaved(repeats, raw, ours)
        fit = slide_fit(holder["svg"])
        print(
            f"{n:>10,} {len(m.relations):>9,} {t_ours:>9.3f} {t_raw:>9.3f} {t_ours / t_raw:>6.2f} "
            f"{c_ours:>10.3f} {c_raw:>8.3f} {c_ours / c_raw:>9.2f} {len(holder['svg']) / 1e6:>7.2f} {fit.aspect:>6.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
