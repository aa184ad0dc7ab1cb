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
chromium: the time from navigation to the first contentful paint, to the view being ready (its script
done) and to the first frame with the map; then the frame times (``performance.now()`` between
``requestAnimationFrame`` callbacks: median, 95th percentile, worst) while the map is dragged 60 times
by 5 px zoomed 4x from fitted, dragged 1,500 px there (past the screen of margin drawn around the view,
so the view is drawn anew during the drag), dragged at 1:1 around the main claim, and zoomed in and out
by 40 wheel notches; each includes the half second after the gesture.
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


_FRAMES = """() => { window.__frames = []; window.__stop = false; let last = performance.now();
  const tick = (t) => { window.__frames.push(t - last); last = t; if (!window.__stop) requestAnimationFrame(tick); };
  requestAnimationFrame(tick); }"""
_NEXT_FRAME = "new Promise(r => requestAnimationFrame(() => r(0)))"


def _frames(tab: Any) -> list[float]:
    tab.evaluate("window.__stop = true")
    return sorted(tab.evaluate("window.__frames")[1:])


def _drag(tab: Any, x: float, y: float, step: float = 5) -> list[float]:
    """Frame times (ms) while the map is dragged 60 times by ``step`` px (and 3/5 of that down), and half a second after."""
    tab.mouse.move(x, y)
    tab.mouse.down()
    tab.evaluate(_FRAMES)
    for i in range(1, 61):
        tab.mouse.move(x - step * i, y - step * 0.6 * i)
        tab.evaluate(_NEXT_FRAME)
    tab.mouse.up()
    tab.wait_for_timeout(500)  # the gesture's end: the view box is committed and drawn sharp
    return _frames(tab)


def _wheel(tab: Any, x: float, y: float) -> list[float]:
    """Frame times (ms) while the wheel zooms in 20 notches and out 20, and half a second after."""
    tab.mouse.move(x, y)
    tab.evaluate(_FRAMES)
    for i in range(40):
        tab.mouse.wheel(0, -60 if i < 20 else 60)
        tab.evaluate(_NEXT_FRAME)
    tab.wait_for_timeout(500)
    return _frames(tab)


def _stats(frames: list[float]) -> tuple[float, float, float]:
    return statistics.median(frames), frames[max(0, int(len(frames) * 0.95) - 1)], frames[-1]


def in_browser(page: str, screenshot: Path | None = None) -> dict[str, Any]:
    """Load times (s) and frame times (ms: median, p95, max) in headless chromium.

    ``first_paint``: first contentful paint; ``ready``: the view's script done; ``drawn``: the first frame
    after it (the map on screen). Frames: dragging the map zoomed 4x from fitted (text not drawn at that
    scale), dragging it at 1:1 around the main claim (text drawn), and zooming with the wheel at 1:1.
    """
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        path = Path(tmp) / "view.html"
        path.write_text(page, encoding="utf-8")
        browser = p.chromium.launch(executable_path=chromium, chromium_sandbox=False, args=["--no-sandbox"])
        tab = browser.new_page(viewport={"width": 1400, "height": 850})
        tab.goto(path.as_uri(), timeout=300_000)
        tab.wait_for_function("window.argmapView && window.argmapView.drawn", timeout=300_000)
        out: dict[str, Any] = {
            "first_paint": tab.evaluate("(performance.getEntriesByName('first-contentful-paint')[0] || {startTime: NaN}).startTime") / 1000,
            "ready": tab.evaluate("argmapView.ready") / 1000,
            "drawn": tab.evaluate("argmapView.drawn") / 1000,
        }
        box = tab.locator("#map").bounding_box()
        assert box is not None
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        tab.evaluate("argmapView.zoom(4)")
        tab.wait_for_timeout(300)
        out["pan_overview"] = _stats(_drag(tab, x, y))
        out["long_pan_overview"] = _stats(_drag(tab, x + 400, y + 200, step=25))  # 1,500 px: past the margin drawn around the view
        tab.evaluate(
            """() => { const main = document.querySelector('g.statement.main') || document.querySelector('g.statement');
                       argmapView.select(main.dataset.id, {centre: true});
                       argmapView.zoom(argmapView.state().viewBox.w / document.getElementById('map').clientWidth); }"""
        )
        tab.wait_for_timeout(300)
        if screenshot is not None:
            tab.screenshot(path=str(screenshot))
        out["pan_1_1"] = _stats(_drag(tab, x, y))
        out["wheel_1_1"] = _stats(_wheel(tab, x, y))
        browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--browser", action="store_true", help="also open each page in headless chromium")
    parser.add_argument("--screenshots", type=Path, help="with --browser: save view-N.png here (the main claim at 1:1)")
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
            b = in_browser(page, args.screenshots / f"view-{n}.png" if args.screenshots else None)
            print(f"{'':>10} chromium: first paint {b['first_paint']:.2f} s, ready {b['ready']:.2f} s, map drawn {b['drawn']:.2f} s")
            for name, label in (
                ("pan_overview", "drag, zoomed 4x"),
                ("long_pan_overview", "long drag, 4x"),
                ("pan_1_1", "drag at 1:1"),
                ("wheel_1_1", "wheel at 1:1"),
            ):
                med, p95, worst = b[name]
                print(f"{'':>10} {label:>16}: frame median {med:.1f} ms, p95 {p95:.1f} ms, max {worst:.1f} ms")


if __name__ == "__main__":
    main()
