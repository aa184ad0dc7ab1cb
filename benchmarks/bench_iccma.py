"""The ICCMA 2023 main-track tasks on the real instances in ``benchmarks/data/iccma``, argmap beside pygarg and
formal-argumentation in the same run.

Every instance file under ``benchmarks/data/iccma/<family>/`` (and ``admbuster`` of 1,000, 10,000 and 50,000
arguments, see ``make_admbuster.py``) is
read once by argmap's reader; each library then builds its own framework from the same attacks (not
timed). The query argument of DC and DS is the first one the grounded labelling leaves UNDEC (so the
question needs a search), or the first argument when the grounded labelling decides them all.

Each (library, instance) runs in one worker process that imports the library and builds its
framework; each task is then solved in a child forked from it, so the solve alone is timed (best of
three from a fresh framework when under a second) and a task past the cap (``--timeout``, 60 s) is
killed without losing the others. Within a family, the
instances run from the fewest attacks up; once a library is past the cap on a task, its larger
instances of that family are skipped for that task. Results go to ``--results`` (JSON) as they come,
and ``--resume`` reuses them, so the sample can grow without measuring everything again; ``--forget argmap``
measures argmap again after a change (the peers' results are kept). formal-argumentation runs with
``backend="native"``: its default SAT back end needs z3, which is not installed here. The benchmark checks
that the libraries agree on every YES/NO, on whether an extension exists, and on the ideal extension's size;
that each SE extension is one is checked by the suite (against brute force and pygarg), not here.

Usage::

    .venv/bin/python benchmarks/bench_iccma.py --timeout 60 --results /tmp/iccma.json            # the table (an hour or so)
    .venv/bin/python benchmarks/bench_iccma.py --timeout 60 --results /tmp/iccma.json --resume   # only what is new
    .venv/bin/python benchmarks/bench_iccma.py --list                                            # the sample itself
    .venv/bin/python benchmarks/bench_iccma.py --deadline-cost                                   # argmap: default timeout vs none
"""

from __future__ import annotations

import argparse
import json
import os
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "iccma"
SUFFIXES = (".af", ".apx", ".tgf", ".i23")
CASES = ("SE-PR", "SE-ST", "SE-SST", "SE-ID", "DC-CO", "DC-ST", "DC-SST", "DS-PR", "DS-ST", "DS-SST")
LIBRARIES = ("argmap", "pygarg", "formal-argumentation")
PEERS = ("pygarg", "formal-argumentation")
SEMANTICS = {"CO": "complete", "PR": "preferred", "ST": "stable", "SST": "semi-stable", "ID": "ideal"}


def admbuster(n: int) -> Path:
    """The ICCMA ``admbuster`` instance of n arguments: kept for 1,000, written to the temp directory by its
    construction (checked against the published files; see data/iccma/README.md) for the larger sizes."""
    path = DATA / f"admbuster_{n}.af"
    if path.exists():
        return path
    sys.path.insert(0, str(DATA))
    from make_admbuster import admbuster as construction

    path = Path(tempfile.gettempdir()) / "argmap-iccma" / f"admbuster_{n}.af"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(construction(n))
    return path


def instances() -> list[tuple[str, Path]]:
    """(family, path) of every real instance, by family, then by number of attacks (so a time-out skips only larger ones)."""
    from argmap.semantics import read_framework

    found = [("admbuster", admbuster(n)) for n in (1_000, 10_000, 50_000)]
    for folder in sorted(p for p in DATA.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        files = [p for p in folder.rglob("*") if p.suffix in SUFFIXES]
        found += [(folder.name, p) for p in sorted(files, key=lambda p: (read_framework(p).n_attacks, p.name))]
    return found


def _shown(path: Path) -> str:
    """An instance's name in the results: its path in the data folder (a written one: its file name)."""
    return path.relative_to(DATA).as_posix() if path.is_relative_to(DATA) else path.name


def query_of(fw: Any) -> int:
    """The first argument the grounded labelling leaves UNDEC, or 0."""
    from argmap.semantics import dung

    labels = dung.grounded_labelling(fw)
    return next((a for a, code in enumerate(labels) if code == dung.UNDEC), 0)


# ----------------------------------------------------------------------------- one library's worker


def _prepare(lib: str, n: int, src: list[int], dst: list[int]) -> Any:
    """Import the library and build its own framework (not timed)."""
    if lib == "argmap":
        import clingo  # noqa: F401 - argmap imports its solvers at first use; the peers import theirs up front
        import pysat.solvers  # noqa: F401

        from argmap.semantics import Framework, tasks  # noqa: F401 - the task module, as the peers' solver modules

        return Framework.from_arrays(n, src, dst)
    if lib == "pygarg":
        import pygarg.dung.solver  # noqa: F401

        return [str(i) for i in range(n)], [[str(a), str(b)] for a, b in zip(src, dst, strict=True)]
    from argumentation.core.dung import ArgumentationFramework
    from argumentation.solving import solver  # noqa: F401

    names = [f"a{i}" for i in range(n)]
    defeats = frozenset((names[a], names[b]) for a, b in zip(src, dst, strict=True))
    return ArgumentationFramework(arguments=frozenset(names), defeats=defeats)


def _solve(lib: str, built: Any, case: str, query: int) -> str:
    """Answer one task: YES/NO, or for SE the size of the extension found (NO when there is none)."""
    task, code = case.split("-")
    sem = SEMANTICS[code]
    if lib == "argmap":
        from argmap.semantics import tasks

        if task == "SE":
            one = tasks.some_extension(built, sem, timeout=None)
            return "NO" if one is None else f"{len(one)} args"
        call = tasks.credulous if task == "DC" else tasks.sceptical
        return "YES" if call(built, query, sem, timeout=None) else "NO"
    if lib == "pygarg":
        from pygarg.dung import solver

        args, atts = built
        if task == "SE":
            ext = solver.compute_some_extension(args, atts, code)
            return "NO" if ext in (None, "NO") else f"{len(ext)} args"
        call = solver.credulous_acceptability if task == "DC" else solver.skeptical_acceptability
        return "YES" if call(args, atts, str(query), code)[0] else "NO"
    from argumentation.solving.solver import solve_dung_acceptance, solve_dung_single_extension

    if task == "SE":
        res = solve_dung_single_extension(built, semantics=sem, backend="native")
        ext = getattr(res, "extension", None)
        return "NO" if ext is None else f"{len(ext)} args"
    kind = "credulous" if task == "DC" else "skeptical"
    res = solve_dung_acceptance(built, semantics=sem, task=kind, query=f"a{query}", backend="native")
    return "YES" if getattr(res, "answer") else "NO"  # noqa: B009 - a union of result types


def _forked(lib: str, build: Any, case: str, query: int, timeout: float) -> dict[str, Any]:
    """Solve one task in a child of this process, timing the solve alone; killed past ``timeout``.

    The first solve in a freshly forked child is slowed for every library alike (copy-on-write
    page faults, cold caches: about 0.5 ms, more than a whole solve of a small instance takes), so a
    solve under a second is repeated twice from a freshly built framework and the best time is
    kept; the first is reported as ``cold``.
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        try:
            times = []
            for _ in range(3):
                built = build()
                t0 = time.perf_counter()
                answer = _solve(lib, built, case, query)
                times.append(time.perf_counter() - t0)
                if times[0] >= 1.0:
                    break
            out = {"status": "ok", "solve": min(times), "cold": times[0], "answer": answer}
        except BaseException as exc:  # anything the peer raises is its result
            out = {"status": "error", "error": f"{type(exc).__name__}: {exc}"[:160]}
        os.write(write_end, json.dumps(out).encode())
        os._exit(0)
    os.close(write_end)
    ready, _, _ = select.select([read_end], [], [], timeout)
    if not ready:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(read_end)
        return {"status": f"> {timeout:.0f} s"}
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    os.waitpid(pid, 0)
    return json.loads(b"".join(chunks) or b'{"status": "error", "error": "the child died"}')


def worker(lib: str, path: str, query: int, timeout: float, cases: list[str]) -> None:
    from argmap.semantics import read_framework

    fw = read_framework(path)
    n, src, dst = len(fw), list(fw.attack_from), list(fw.attack_to)
    _prepare(lib, n, src, dst)  # the imports, before any clock starts
    for case in cases:
        print(json.dumps({"case": case, **_forked(lib, lambda: _prepare(lib, n, src, dst), case, query, timeout)}), flush=True)


# ----------------------------------------------------------------------------------------- the driver


def run(timeout: float, results: Path | None, resume: bool, forget: list[str], measure: bool = True) -> list[dict[str, Any]]:
    from argmap.semantics import read_framework

    done: dict[str, dict[str, Any]] = json.loads(results.read_text()) if results and resume and results.exists() else {}
    done = {k: v for k, v in done.items() if k.split("|")[0] not in forget}  # measured again (after a change)
    rows: list[dict[str, Any]] = []
    given_up: dict[tuple[str, str, str], str] = {}  # (library, family, case) -> why its larger instances are skipped
    print("| family | instance | arguments | attacks | task | " + " | ".join(LIBRARIES) + " | argmap / faster peer |")
    print("|---|---|---:|---:|---|" + "---:|" * (len(LIBRARIES) + 1))
    for family, path in instances():
        fw = read_framework(path)
        query = query_of(fw)
        rel = _shown(path)
        got: dict[str, dict[str, dict[str, Any]]] = {case: {} for case in CASES}
        for lib in LIBRARIES:
            todo = []
            for case in CASES:
                key = f"{lib}|{rel}|{case}|{query}"
                if key in done:
                    got[case][lib] = done[key]
                elif (lib, family, case) in given_up:
                    got[case][lib] = {"status": given_up[lib, family, case]}
                elif measure:
                    todo.append(case)
                else:
                    got[case][lib] = {"status": "not measured"}
            if todo:
                cmd = [sys.executable, __file__, "--worker", lib, str(path), str(query), str(timeout), ",".join(todo)]
                try:
                    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=timeout * len(todo) + 120)
                except subprocess.TimeoutExpired as exc:  # the worker itself hung: what it printed still counts
                    out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
                    proc = subprocess.CompletedProcess(cmd, -9, out, "the worker hung and was killed")
                answers = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
                for case in todo:
                    mine = next((a for a in answers if a["case"] == case), None)
                    if mine is None:
                        last = (proc.stderr.strip().splitlines() or ["the worker failed"])[-1]
                        mine = {"status": "error", "error": last[:160]}
                    got[case][lib] = done[f"{lib}|{rel}|{case}|{query}"] = {k: v for k, v in mine.items() if k != "case"}
            for case in CASES:
                r = got[case][lib]
                if r["status"].startswith(">"):
                    given_up[lib, family, case] = f"skipped ({r['status']} on a smaller one)"
        if results and measure:
            results.write_text(json.dumps(done, indent=0))
        for case in CASES:
            if got[case]["argmap"]["status"] == "not measured":
                continue
            row = {"family": family, "file": rel, "n": len(fw), "attacks": fw.n_attacks, "case": case, "query": query, **got[case]}
            answers = [r["answer"] for r in got[case].values() if r["status"] == "ok"]
            if case.startswith("SE") and case != "SE-ID":  # extensions may differ; whether there is one may not
                answers = [a == "NO" for a in answers]
            row["agree"] = len(set(answers)) <= 1
            peers = [got[case][p]["solve"] for p in PEERS if got[case][p]["status"] == "ok"]
            mine = got[case]["argmap"]
            row["ratio"] = mine["solve"] / min(peers) if peers and mine["status"] == "ok" and min(peers) > 0 else None
            rows.append(row)
            cells = " | ".join(_cell(got[case][lib]) for lib in LIBRARIES)
            ratio = "-" if row["ratio"] is None else f"{row['ratio']:.2f}"
            flag = "" if row["agree"] else " **disagree**"
            print(f"| {family} | {path.name} | {len(fw):,} | {fw.n_attacks:,} | {case} | {cells} | {ratio}{flag} |", flush=True)
    return rows


def _cell(r: dict[str, Any]) -> str:
    if r["status"] != "ok":
        return str(r["status"])
    t = r["solve"]
    return f"{t * 1e3:.3f} ms ({r['answer']})" if t < 0.1 else f"{t:.3f} s ({r['answer']})"


def summarise(rows: list[dict[str, Any]]) -> None:
    """The goals of issue 16 over the rows: solved where a peer solved, the worst and the median ratio."""
    missed = [r for r in rows if r["argmap"]["status"] != "ok" and any(r[p]["status"] == "ok" for p in PEERS)]
    ratios = [r["ratio"] for r in rows if r["ratio"] is not None]
    over = [r for r in rows if r["ratio"] is not None and r["ratio"] > 2]
    files = {r["file"] for r in rows}
    print()
    print(f"- instances: {len(files)} in {len({r['family'] for r in rows})} families; instances x tasks: {len(rows)}")
    print(f"- solved: argmap {sum(r['argmap']['status'] == 'ok' for r in rows)}", end="")
    for p in PEERS:
        print(f", {p} {sum(r[p]['status'] == 'ok' for r in rows)}", end="")
    print(f"; unsolved by argmap but solved by a peer: {len(missed)}; answers that differ: {sum(not r['agree'] for r in rows)}")
    for r in missed:
        print(f"  - missed: {r['file']} {r['case']}")
    if ratios:
        median = statistics.median(ratios)
        print(f"- argmap / faster peer (where a peer solved): median {median:.3f} ({1 / median:.1f}x faster), ", end="")
        print(f"worst {max(ratios):.2f}; over 2x: {len(over)}")
    for r in over:
        faster = min(r[p]["solve"] for p in PEERS if r[p]["status"] == "ok")
        mine = r["argmap"]["solve"]
        print(f"  - over 2x: {r['file']} {r['case']} ({r['ratio']:.2f}: argmap {mine * 1e3:.3f} ms, peer {faster * 1e3:.3f} ms)")
    for floor in (0.001, 0.01, 0.1):  # where the question takes the faster peer some time
        some = [r["ratio"] for r in rows if r["ratio"] is not None and r["argmap"]["solve"] / r["ratio"] >= floor]
        if some:
            median = statistics.median(some)
            where = f"where the faster peer needs {floor * 1e3:g} ms or more ({len(some)} rows)"
            print(f"- {where}: median {median:.3f} ({1 / median:.1f}x faster)")
    print()
    print("| family | instances | tasks solved (argmap / pygarg / formal) | median argmap / faster peer | worst |")
    print("|---|---:|---|---:|---:|")
    for family in dict.fromkeys(r["family"] for r in rows):
        mine = [r for r in rows if r["family"] == family]
        fr = [r["ratio"] for r in mine if r["ratio"] is not None]
        solved = " / ".join(str(sum(r[lib]["status"] == "ok" for r in mine)) for lib in LIBRARIES)
        med = f"{statistics.median(fr):.3f}" if fr else "-"
        worst = f"{max(fr):.2f}" if fr else "-"
        print(f"| {family} | {len({r['file'] for r in mine})} | {solved} of {len(mine)} | {med} | {worst} |")
    print()
    print("| task | median argmap / faster peer | worst | argmap solved | a peer solved |")
    print("|---|---:|---:|---:|---:|")
    for case in CASES:
        mine = [r for r in rows if r["case"] == case]
        cr = [r["ratio"] for r in mine if r["ratio"] is not None]
        med = f"{statistics.median(cr):.3f}" if cr else "-"
        worst = f"{max(cr):.2f}" if cr else "-"
        peer = sum(any(r[p]["status"] == "ok" for p in PEERS) for r in mine)
        print(f"| {case} | {med} | {worst} | {sum(r['argmap']['status'] == 'ok' for r in mine)} | {peer} |")


def deadline_cost(most_attacks: int = 20_000) -> None:
    """argmap alone, in this process: each task with its default deadline (``timeout=60``, what a caller
    gets) against ``timeout=None`` (what the table above measures), best of three each; the worst ratios."""
    from argmap.semantics import read_framework, tasks

    rows = []
    for _family, path in instances():
        fw = read_framework(path)
        if fw.n_attacks > most_attacks:
            continue
        query = query_of(fw)
        for case, call in (
            ("SE-PR", lambda t, fw=fw: tasks.some_extension(fw, "preferred", timeout=t)),
            ("DC-ST", lambda t, fw=fw, q=query: tasks.credulous(fw, q, "stable", timeout=t)),
            ("DS-PR", lambda t, fw=fw, q=query: tasks.sceptical(fw, q, "preferred", timeout=t)),
        ):
            best = {}
            for timeout in (None, 60.0):
                times = []
                for _ in range(3):
                    t0 = time.perf_counter()
                    call(timeout)
                    times.append(time.perf_counter() - t0)
                best[timeout] = min(times)
            rows.append((best[60.0] / best[None], best[None], best[60.0], _shown(path), case))
    rows.sort(key=lambda r: r[0], reverse=True)
    ratios = sorted(r[0] for r in rows)
    print(f"{len(rows)} rows; deadline / none: median {ratios[len(ratios) // 2]:.2f}, worst {ratios[-1]:.2f}")
    print("| instance | task | timeout=None | timeout=60 | ratio |\n|---|---|---:|---:|---:|")
    for ratio, none, sixty, shown, case in rows[:8]:
        print(f"| {shown} | {case} | {none * 1e3:.3f} ms | {sixty * 1e3:.3f} ms | {ratio:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=float, default=60.0, help="the cap per task, in seconds (ICCMA's: 60 here)")
    parser.add_argument("--results", type=Path, help="keep every measurement in this JSON file")
    parser.add_argument("--resume", action="store_true", help="reuse the measurements already in --results (same --timeout!)")
    parser.add_argument("--forget", action="append", default=[], metavar="LIB", help="with --resume: measure LIB again")
    parser.add_argument("--list", action="store_true", help="list the sample and stop")
    parser.add_argument("--summary", action="store_true", help="with --results: the tables from what is there, measuring nothing")
    parser.add_argument("--deadline-cost", action="store_true", help="argmap alone: the default timeout against none, per task")
    parser.add_argument("--worker", nargs=5, help=argparse.SUPPRESS)
    ns = parser.parse_args()
    if ns.deadline_cost:
        deadline_cost()
        return
    if ns.worker:
        lib, path, query, timeout, cases = ns.worker
        worker(lib, path, int(query), float(timeout), cases.split(","))
        return
    if ns.list:
        from argmap.semantics import read_framework

        for family, path in instances():
            fw = read_framework(path)
            print(f"{family:12} {_shown(path):60} {len(fw):>8,} arguments {fw.n_attacks:>9,} attacks")
        return
    summarise(run(ns.timeout, ns.results, ns.resume or ns.summary, ns.forget, measure=not ns.summary))


if __name__ == "__main__":
    main()
