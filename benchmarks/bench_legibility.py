"""Overview legibility: the smallest label, in px at 1920x1080, of ``preset="overview"``, measured from the SVG.

    .venv/bin/pip install -e '.[bench]'                       # matplotlib, for the plot
    .venv/bin/python benchmarks/bench_legibility.py           # essay, synthetic trees 20..200, microtexts, plot
    .venv/bin/python benchmarks/bench_legibility.py --sizes 20 60 --no-plot

For each map: render the overview (whole map, titles only, the layout search of ``argmap.render.fit``),
then read the SVG: viewBox, smallest ``font-size`` of any text, and from those the px height of that
text when the picture is fitted into 1920x1080, and the aspect ratio. The goal is >= 18 px with the
aspect within 16:9 +-10%. The synthetic maps are trees shaped like essays: 3-5 lines of argument,
each claim with 1-4 reasons, evidence at the leaves, some objections with answers, 2-4 word titles.
The plot (px against statements) goes to docs/img/overview-legibility.png.
"""

from __future__ import annotations

import argparse
import random
import time
import warnings
from pathlib import Path

import argmap
from argmap.render import render, slide_fit

ROOT = Path(__file__).resolve().parents[1]
ESSAY = ROOT / "examples" / "social_media" / "social-media.argmap.yaml"
CORPUS = ROOT.parent / "shared" / "corpora" / "microtexts" / "corpus"
PLOT = ROOT / "docs" / "img" / "overview-legibility.png"
NEED = 18.0
WORDS = [
    "social",
    "media",
    "work",
    "people",
    "tools",
    "trust",
    "change",
    "share",
    "network",
    "reason",
    "users",
    "platform",
    "value",
    "history",
    "data",
    "idea",
]


def synthetic_tree(n: int, seed: int = 1) -> argmap.ArgumentMap:
    """An essay-shaped tree of ``n`` statements, each with a short title."""
    rng = random.Random(seed)
    statements = [{"id": "s0", "claim": "The main claim of the essay.", "title": "The main claim"}]
    relations: list[dict[str, object]] = []
    children: dict[str, int] = {"s0": 0}
    depth = {"s0": 0}
    pillars = rng.randint(3, 5)
    for i in range(1, n):
        sid = f"s{i}"
        if i <= pillars:
            parent = "s0"
        else:  # prefer claims with room for another reason, not too deep
            open_ = [s for s in children if children[s] < 4 and depth[s] < 4 and s != "s0"]
            parent = rng.choice(open_ or [s for s in children if s != "s0"])
        kind = "attack" if rng.random() < 0.15 else "support"
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 4))).capitalize()
        is_evidence = depth[parent] >= 2 and rng.random() < 0.5
        statements.append({"id": sid, ("evidence" if is_evidence else "claim"): f"{title}, said at length.", "title": title})
        relations.append({"id": f"r{i}", "type": kind, "premises": [sid], "target": parent})
        children[parent] += 1
        if not is_evidence:
            children[sid] = 0
        depth[sid] = depth[parent] + 1
    return argmap.ArgumentMap.model_validate({"main_claim": "s0", "statements": statements, "relations": relations})


def measure(m: argmap.ArgumentMap, **options: object) -> tuple[float, float, float]:
    """(smallest label px at 1920x1080, aspect ratio, seconds) of the map's overview."""
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        svg = render(m, preset="overview", **options)
    seconds = time.perf_counter() - start
    fit = slide_fit(svg)
    return fit.min_label_px, fit.aspect, seconds


def ok(px: float, aspect: float) -> bool:
    return px >= NEED and abs(aspect - 16 / 9) <= 0.10 * 16 / 9


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[20, 30, 40, 50, 60, 70, 80, 100, 120, 150, 200])
    parser.add_argument("--no-plot", action="store_true")
    args = parser.parse_args()

    print("| map | statements | smallest label | aspect | meets 18 px, 16:9 +-10% | time |\n|---|---:|---:|---:|:--:|---:|")
    essay_points: list[tuple[int, float]] = []
    if ESSAY.exists():
        m = argmap.load(ESSAY)
        for lang in ("nl", "en"):
            px, aspect, secs = measure(m, lang=lang)
            essay_points.append((len(m.statements), px))
            verdict = "yes" if ok(px, aspect) else "no"
            print(f"| essay ({lang}) | {len(m.statements)} | {px:.1f} px | {aspect:.2f} | {verdict} | {secs:.2f} s |")
    points: list[tuple[int, float]] = []
    largest = 0
    for n in args.sizes:
        px, aspect, secs = measure(synthetic_tree(n))
        points.append((n, px))
        if ok(px, aspect):
            largest = max(largest, n)
        print(f"| synthetic tree | {n} | {px:.1f} px | {aspect:.2f} | {'yes' if ok(px, aspect) else 'no'} | {secs:.2f} s |")
    print(f"\nlargest synthetic tree that meets the rule: {largest} statements (of the sizes tried)")
    files = sorted(CORPUS.glob("**/*.xml")) if CORPUS.exists() else []
    if files:
        results = []
        for f in files:
            mm = argmap.load(f)
            px, aspect, _ = measure(mm)
            results.append((len(mm.statements), px, ok(px, aspect), f.name))
        passing = [r for r in results if r[2]]
        print(
            f"\nmicrotexts ({len(files)} files, {min(r[0] for r in results)}-{max(r[0] for r in results)} statements, "
            f"no titles: labels are the text cut short): {len(passing)} meet the rule; "
            f"smallest label {min(r[1] for r in results):.1f}-{max(r[1] for r in results):.1f} px; "
            f"largest map that meets it: {max((r[0] for r in passing), default=0)} statements"
        )
    else:
        print(f"\n(microtexts corpus not found at {CORPUS}; skipped)")
    if not args.no_plot:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(7, 4), dpi=120)
        ax.plot([p[0] for p in points], [p[1] for p in points], "o-", label="synthetic essay-shaped trees")
        if essay_points:
            ax.plot([p[0] for p in essay_points], [p[1] for p in essay_points], "s", color="#D55E00", label="the essay (nl, en)")
        ax.axhline(NEED, color="#555555", linestyle="--", label="18 px")
        ax.set_xlabel("statements")
        ax.set_ylabel("smallest label at 1920x1080 (px)")
        ax.set_title("Overview slide legibility (preset overview)")
        ax.grid(alpha=0.3)
        ax.legend()
        fig.tight_layout()
        PLOT.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(PLOT)
        print(f"\nplot: {PLOT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
