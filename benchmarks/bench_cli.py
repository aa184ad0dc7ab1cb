"""CLI start-up: whole-process CPU of ``argmap`` commands beside ``python -c pass``, raw ``dot`` and the Argdown CLI.

    .venv/bin/python benchmarks/bench_cli.py               # best of 7 (the Argdown CLI: best of 5)
    .venv/bin/python benchmarks/bench_cli.py --repeat 3    # quick
    .venv/bin/python benchmarks/bench_cli.py --before /tmp/old   # also an older argmap, in the same rounds

``--before DIR`` times the argmap commands a second time with ``PYTHONPATH=DIR``: a folder holding an older
``argmap`` package (``git archive COMMIT argmap | tar -x -C DIR``), so that before and after are measured side by side.

Each command runs as a child process; its cost is the user + system CPU of that child and of every process it
waited for (``dot`` under ``argmap render``), read with ``resource.getrusage(RUSAGE_CHILDREN)`` around the run.
CPU rather than wall time: the machine is shared, and the CPU a process spends is what the command costs.
The commands run interleaved, round after round, and each keeps its best round.

The map is the essay of ``examples/social_media`` (51 statements). The Argdown CLI (1.7.5, ``./dev setup``
installs it in ``.argdown/``) gets the same map as Argdown text (written once by ``argmap convert``) and draws
it with ``argdown map -f svg``, its command for an SVG map (Graphviz compiled to JavaScript). ``dot -Tsvg``
runs on the DOT text ``argmap render -f dot`` writes for the same map: the layout work every SVG render pays.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ESSAY = ROOT / "examples" / "social_media" / "social-media.argmap.yaml"
ARGDOWN = ROOT / ".argdown" / "node_modules" / ".bin" / "argdown"


@dataclass
class Command:
    """One command line to time; ``repeat`` overrides the run's (the slow Argdown CLI); ``env`` adds variables."""

    name: str
    argv: list[str]
    repeat: int | None = None
    env: dict[str, str] | None = None


def child_cpu(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    """User + system CPU seconds of one child process and everything it waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    full_env = {**os.environ, **env} if env else None
    done = subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False, env=full_env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr.decode(errors='replace')}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def commands(work: Path, before: Path | None = None) -> list[Command]:
    """The commands to compare; the inputs they need are written to ``work`` first."""
    python = sys.executable
    argmap_exe = str(Path(python).parent / "argmap")
    subprocess.run([argmap_exe, "render", str(ESSAY), "-o", str(work / "essay.dot")], check=True, capture_output=True)
    found = [
        Command("python -c pass", [python, "-c", "pass"]),
        Command("python -c 'import argmap'", [python, "-c", "import argmap"]),
        Command("argmap --help", [argmap_exe, "--help"]),
        Command("argmap validate (essay)", [argmap_exe, "validate", str(ESSAY)]),
        Command("argmap render (essay) -o x.svg", [argmap_exe, "render", str(ESSAY), "-o", "x.svg"]),
    ]
    if before is not None:
        old = {"PYTHONPATH": str(before.resolve())}
        found += [Command(f"{c.name} [before]", c.argv, env=old) for c in found if c.name.startswith(("argmap", "python -c 'import"))]
    dot = shutil.which("dot")
    if dot:
        found.append(Command("dot -Tsvg (same DOT)", [dot, "-Tsvg", str(work / "essay.dot"), "-o", "raw.svg"]))
    if ARGDOWN.exists() and shutil.which("node"):
        subprocess.run([argmap_exe, "convert", str(ESSAY), str(work / "essay.argdown")], check=True, capture_output=True)
        found.append(Command("argdown map -f svg (same map)", [str(ARGDOWN), "map", "-f", "svg", "essay.argdown", "argdown-out"], 5))
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7, help="rounds; each command keeps its best")
    ap.add_argument("--before", type=Path, help="a folder holding an older argmap package, timed beside this one")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        todo = commands(work, args.before)
        best: dict[str, float] = {}
        for round_ in range(args.repeat):
            for cmd in todo:
                if cmd.repeat is not None and round_ >= min(cmd.repeat, args.repeat):
                    continue
                seconds = child_cpu(cmd.argv, work, cmd.env)
                best[cmd.name] = min(seconds, best.get(cmd.name, seconds))
    base = best["python -c pass"]
    render = best["argmap render (essay) -o x.svg"]
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, best of {args.repeat} rounds (whole-process CPU, user + system)")
    print()
    print("| command | CPU (s) | / python -c pass | / argmap render |")
    print("|---|---:|---:|---:|")
    for cmd in todo:
        t = best[cmd.name]
        print(f"| `{cmd.name}` | {t:.3f} | {t / base:.1f}x | {t / render:.2f}x |")
    print()
    argdown = best.get("argdown map -f svg (same map)")
    for label, suffix in (("", ""), ("before: ", " [before]")):
        key = "argmap render (essay) -o x.svg" + suffix
        if key not in best:
            continue
        if argdown is not None:
            print(f"{label}Argdown CLI / argmap render: {argdown / best[key]:.1f}x (goal: at least 6x)")
        print(f"{label}argmap --help: {best['argmap --help' + suffix]:.3f} s (goal: under 0.15 s)")


if __name__ == "__main__":
    main()
