"""Time writing the interactive view (``argmap view``) against the plain SVG render it contains, in the same run.

    .venv/bin/python benchmarks/bench_view.py                    # 100, 1,000 and 10,000 statements
    .venv/bin/python benchmarks/bench_view.py --sizes 100 1000   # a quicker run

For each size: the synthetic map of ``bench_render.py``, with a source text made of its statements'
texts and every statement anchored to its own sentence (so the source pane marks n quotes), then

- ``render``: ``argmap.render(m, "svg")``, the baseline: the drawing the page holds;
- ``view``: ``argmap.view.build_view(m, evaluations=...)`` end to end (the same render, the data, the
  marked source text, the page), with grounded and DF-QuAD statuses computed beforehand;
- ``evaluate``: ``argmap.view.evaluations_for(m, ["grounded", "dfquad"])`` (explanations only up to 300).

Printed: the best wall-clock times (best of 5 at 100, 3 at 1,000, 1 at 10,000, the two alternated),
the ratio view / render (the view's own cost on top of the drawing), and the page's and the SVG's size.

With ``--browser`` (needs Debian's chromium and playwright) each page is also opened in headless
chromium: the time from navigation to the first contentful paint and to the view being ready (its
script done), and the median and 95th-percentile frame time while the map is dragged for 60 moves.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_render import synthetic_map

import argmap
from argmap.render import render
from argmap.view import build_view, evaluations_for


def anchored(n: int) -> argmap.ArgumentMap:
    """``synthetic_map(n)`` with a source text holding every statement's text, each statement anchored to it."""
    data: dict[str, Any] = synthetic_map(n).model_dump(mode="json")
    parts: list[str] = []
    at = 0
    for st in data["statements"]:
        text = next(iter(st["text"].values()))
        st["anchors"] = [{"source": "src", "quote": text, "start": at, "end": at + len(text)}]
        parts.append(text)
        at += len(text) + 1
    data["sources"] = [{"id": "src", "title": "The synthetic source", "text": " ".join(parts)}]
    return argmap.ArgumentMap.model_validate(data)


_FRAMES = """() => { window.__frames = []; let last = performance.now();
  const tick = (t) => { window.__frames.push(t - last); last = t; if (window.__frames.length < 400) requestAnimationFrame(tick); };
  requestAnimationFrame(tick); }"""


def in_browser(page: str) -> tuple[float, float, float, float]:
    """First contentful paint and ready time (s), median and p95 frame time while panning (ms)."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        path = Path(tmp) / "view.html"
        path.write_text(page, encoding="utf-8")
        browser = p.chromium.launch(executable_path=chromium, chromium_sandbox=False, args=["--no-sandbox"])
        tab = browser.new_page(viewport={"width": 1400, "height": 850})
        tab.goto(path.as_uri(), timeout=120_000)
        tab.wait_for_function("window.argmapView && window.argmapView.ready", timeout=120_000)
        fcp = tab.evaluate("(performance.getEntriesByName('first-contentful-paint')[0] || {startTime: NaN}).startTime") / 1000
        ready = tab.evaluate("argmapView.ready") / 1000
        tab.evaluate("argmapView.zoom(4)")
        box = tab.locator("#map").bounding_box()
        assert box is not None
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        tab.mouse.move(x, y)
        tab.mouse.down()
        tab.evaluate(_FRAMES)
        for i in range(60):
            tab.mouse.move(x - 5 * i, y - 3 * i)
            tab.evaluate("new Promise(r => requestAnimationFrame(() => r(0)))")
        tab.mouse.up()
        frames = sorted(tab.evaluate("window.__frames")[1:])
        browser.close()
    return fcp, ready, statistics.median(frames), frames[int(len(frames) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--browser", action="store_true", help="also open each page in headless chromium")
    args = parser.parse_args()
    print(f"{'statements':>10} {'render s':>9} {'view s':>8} {'view/render':>11} {'evaluate s':>10} {'page MB':>8} {'svg MB':>7}")
    for n in args.sizes:
        m = anchored(n)
        repeats = 5 if n <= 100 else 3 if n <= 1000 else 1
        t = time.perf_counter()
        ev = evaluations_for(m, ["grounded", "dfquad"])
        t_eval = time.perf_counter() - t
        svg, page = b"", ""
        t_render = t_view = float("inf")
        for _ in range(repeats):  # alternated, so that a busy moment hits both
            t = time.perf_counter()
            svg = render(m, "svg", timeout=900)
            t_render = min(t_render, time.perf_counter() - t)
            t = time.perf_counter()
            page = build_view(m, evaluations=ev, timeout=900)
            t_view = min(t_view, time.perf_counter() - t)
        print(
            f"{n:>10} {t_render:>9.2f} {t_view:>8.2f} {t_view / t_render:>11.2f} {t_eval:>10.2f}"
            f" {len(page.encode()) / 1e6:>8.2f} {len(svg) / 1e6:>7.2f}"
        )
        if args.browser:
            fcp, ready, median, p95 = in_browser(page)
            print(f"{'':>10} chromium: first paint {fcp:.2f} s, ready {ready:.2f} s, pan frame {median:.1f} ms (p95 {p95:.1f} ms)")


if __name__ == "__main__":
    main()
