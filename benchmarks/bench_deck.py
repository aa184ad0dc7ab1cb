"""Time the essay's deck (build, HTML, PDF, PPTX) beside one plain render of the same map, in the same run.

    .venv/bin/python benchmarks/bench_deck.py              # best of 3
    .venv/bin/python benchmarks/bench_deck.py --repeat 1   # quicker

Rows:

- ``plain render``: ``argmap.render(m, "svg")``, the whole essay once, the baseline;
- ``build_deck``: every map of the deck drawn (overview, lines of argument, objections, evaluation), each
  with the slide-fit layout search, plus the notes;
- ``HTML``, ``PDF``, ``PPTX``: writing the built deck (PDF: cairosvg per slide, pypdf joins; PPTX: a 2x PNG
  per map by cairosvg, python-pptx);
- ``deck.html/.pdf/.pptx end to end``: build plus writing, as ``argmap deck`` does (without loading the file).

Wall-clock and CPU time (this process and its children: ``dot``) are given; on a busy machine the CPU
column is the steadier one. Ratios are against the plain render.
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import argmap
from argmap.deck import build_deck, to_html
from argmap.deck.output import pdf_bytes, pptx_bytes

ESSAY = Path(__file__).resolve().parents[1] / "examples" / "social_media" / "social-media.argmap.yaml"


def _cpu() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """The best wall-clock and CPU seconds of ``repeat`` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        c0, t0 = _cpu(), time.perf_counter()
        fn()
        walls.append(time.perf_counter() - t0)
        cpus.append(_cpu() - c0)
    return min(walls), min(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    m = argmap.load(ESSAY)
    evaluation = argmap.evaluate(m, "grounded").overlay()
    deck = build_deck(m, lang="en", evaluation=evaluation, semantics="grounded")  # warm-up, and the deck to write
    rows = {
        "plain render (SVG)": lambda: argmap.render(m, "svg"),
        "build_deck": lambda: build_deck(m, lang="en", evaluation=evaluation, semantics="grounded"),
        "write HTML": lambda: to_html(deck),
        "write PDF": lambda: pdf_bytes(deck),
        "write PPTX": lambda: pptx_bytes(deck),
    }
    results = {name: best(fn, args.repeat) for name, fn in rows.items()}
    build = results["build_deck"]
    for suffix in ("HTML", "PDF", "PPTX"):
        w, c = results[f"write {suffix}"]
        results[f"deck.{suffix.lower()} end to end"] = (build[0] + w, build[1] + c)
    base_wall, base_cpu = results["plain render (SVG)"]
    print(f"essay: {len(m.statements)} statements, {len(deck.slides)} slides; best of {args.repeat}\n")
    print("| step | wall s | CPU s | wall / render | CPU / render |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, (wall, cpu) in results.items():
        print(f"| {name} | {wall:.3f} | {cpu:.3f} | {wall / base_wall:.1f}x | {cpu / base_cpu:.1f}x |")


if __name__ == "__main__":
    main()
