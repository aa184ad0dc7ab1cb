"""Fit a map to a slide: pick the layout (direction, wrapping) that is most legible at 16:9, and measure an SVG."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from argmap.model import ArgumentMap
from argmap.render._warn import warn
from argmap.render.options import RenderLimitError, RenderOptions
from argmap.render.svg import _S, parse_svg

__all__ = ["MIN_LABEL_PX", "OVERVIEW_MIN_PX", "SCREEN", "SlideFit", "SlideFitWarning", "choose_layout", "slide_fit", "warn_if_illegible"]

SCREEN = (1920, 1080)
MIN_LABEL_PX = 14.0
OVERVIEW_MIN_PX = 18.0  # the overview slide is read from the back of a room
TOLERANCE = 0.30  # the aspect ratio may be off by this fraction of the target
MAX_TRIAL_STATEMENTS = 200  # above this no layout is legible on one slide; trials would only cost time
# (direction, characters per line, stagger): the natural layout first, then narrower, wider, folded ones
_CANDIDATES = (
    ("BT", 26, 1),
    ("BT", 20, 1),
    ("BT", 34, 1),
    ("RL", 22, 1),
    ("RL", 30, 1),
    ("LR", 26, 1),
    ("BT", 44, 1),
    ("BT", 26, 2),
    ("BT", 22, 3),
    ("RL", 26, 2),
    ("BT", 26, 4),
)
# The overview (titles only): (direction, characters per line, nodesep, ranksep, stagger). Left to right
# first: a tree of short titles stacks its lines of argument one above the other and reads as an outline;
# top-down variants fold wide fans over several ranks; the widest map direction wins only when measured so.
_OVERVIEW = (
    ("LR", 16, 0.05, 0.25, 1),
    ("LR", 20, 0.05, 0.25, 1),
    ("LR", 12, 0.05, 0.25, 1),
    ("LR", 24, 0.05, 0.25, 1),
    ("LR", 30, 0.05, 0.3, 1),
    ("LR", 16, 0.05, 0.25, 2),
    ("LR", 20, 0.1, 0.3, 2),
    ("LR", 12, 0.08, 0.2, 2),
    ("LR", 16, 0.1, 0.45, 3),
    ("BT", 12, 0.08, 0.25, 1),
    ("BT", 16, 0.1, 0.3, 1),
    ("BT", 12, 0.08, 0.2, 2),
    ("BT", 14, 0.08, 0.2, 3),
    ("BT", 10, 0.06, 0.2, 4),
    ("RL", 16, 0.05, 0.25, 1),
)


class SlideFitWarning(UserWarning):
    """The drawing breaks the slide rule: its text too small to read at 1920x1080 (``too_small``), or off the slide's shape.

    The message states the facts only: what to do depends on how the map was drawn (in Python ``focus=ID, k=1``
    or ``preset="overview"``; the command line adds its own hint with ``--focus ID -k 1`` or ``--preset overview``).
    """

    def __init__(self, message: str, *, too_small: bool = False) -> None:
        super().__init__(message)
        self.too_small = too_small


@dataclass(frozen=True)
class SlideFit:
    """How an SVG shows on a screen: its aspect ratio and its smallest text, in screen pixels.

    Examples
    --------
    >>> svg = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1600 900">'
    ...        b'<text font-size="16">a</text><text font-size="12">b</text></svg>')
    >>> f = slide_fit(svg)
    >>> round(f.aspect, 3), round(f.min_label_px, 1), f.ok()
    (1.778, 14.4, True)
    """

    width: float
    height: float
    min_font: float
    screen: tuple[int, int] = SCREEN

    @property
    def aspect(self) -> float:
        return self.width / self.height

    @property
    def scale(self) -> float:
        """Screen pixels per SVG unit when the drawing is shown as large as fits the screen."""
        return min(self.screen[0] / self.width, self.screen[1] / self.height)

    @property
    def min_label_px(self) -> float:
        return self.min_font * self.scale

    def aspect_ok(self, ratio: float = 16 / 9, tolerance: float = TOLERANCE) -> bool:
        return abs(self.aspect - ratio) <= tolerance * ratio

    def ok(self, ratio: float = 16 / 9, min_px: float = MIN_LABEL_PX) -> bool:
        return self.aspect_ok(ratio) and self.min_label_px >= min_px


_NUM = re.compile(r"[-+]?\d*\.?\d+")


def slide_fit(svg: bytes, *, screen: tuple[int, int] = SCREEN) -> SlideFit:
    """Measure an SVG: the ``viewBox`` size and the smallest ``font-size`` of any ``<text>``."""
    root = parse_svg(svg)
    box = root.get("viewBox")
    if box:
        _, _, width, height = (float(v) for v in _NUM.findall(box))
    else:
        width, height = (float(_NUM.findall(root.get(k, "0"))[0]) for k in ("width", "height"))
    sizes = [float(_NUM.findall(t.get("font-size", "14"))[0]) for t in root.iter(_S + "text") if (t.text or "").strip()]
    return SlideFit(width=width, height=height, min_font=min(sizes) if sizes else 14.0, screen=screen)


def plain_size(plain: bytes) -> tuple[float, float]:
    """The drawing's size in points from ``dot -Tplain`` output."""
    first = plain.split(b"\n", 1)[0].split()
    return float(first[2]) * 72.0, float(first[3]) * 72.0  # inches -> points (SVG units)


def _min_font(opts: RenderOptions) -> float:
    """The smallest font the drawing uses: the kind line, or (without it, no overlay) the labels themselves."""
    if opts.headers or opts.overlay:
        return min(opts.theme.header_size, opts.theme.font_size)
    return opts.theme.font_size


def min_px(opts: RenderOptions) -> float:
    """The smallest label, in pixels at 1920x1080, that the options' slide rule asks for."""
    return OVERVIEW_MIN_PX if opts.preset == "overview" else MIN_LABEL_PX


def tolerance(opts: RenderOptions) -> float:
    """How far the aspect ratio may stray from the slide's: 10% for the overview, else 30%."""
    return 0.10 if opts.preset == "overview" else TOLERANCE


def _candidates(opts: RenderOptions) -> list[RenderOptions]:
    if opts.preset == "overview":
        return [opts.but(rankdir=d, wrap=w, nodesep=n, ranksep=r, stagger=s) for d, w, n, r, s in _OVERVIEW]
    return [opts.but(rankdir=d, wrap=w, stagger=s) for d, w, s in _CANDIDATES]


def predicted_label_px(width: float, height: float, opts: RenderOptions, ratio: float) -> float:
    """Smallest label in pixels once the layout is stretched to ``ratio`` (dot's ``ratio`` never shrinks)."""
    w, h = max(width, height * ratio), max(height, width / ratio)
    return _min_font(opts) * min(SCREEN[0] / w, SCREEN[1] / h)


def choose_layout(m: ArgumentMap, opts: RenderOptions) -> RenderOptions:
    """Try a few directions and wrapping widths with ``dot -Tplain``; keep the one with the largest labels.

    Without ``fit`` (or on maps too big for any layout to be legible) the options come back as they were.
    The overview preset tries its own set (direction, wrapping, node and rank spacing, folded fans).
    """
    from argmap.render.dot import build_dot
    from argmap.render.output import run_dot

    ratio = opts.fit_ratio
    if ratio is None or len(m.statements) > MAX_TRIAL_STATEMENTS or len(m.statements) < 2:
        return opts
    best: tuple[float, RenderOptions] | None = None
    deadline = time.monotonic() + opts.timeout  # all trials together get one timeout, not one each
    for trial in _candidates(opts):
        graph, _ = build_dot(m, trial)
        left = deadline - time.monotonic()
        if left <= 0:
            raise RenderLimitError(f"choosing a slide layout took longer than {opts.timeout:g} s (the timeout)", limit="timeout")
        width, height = plain_size(run_dot(graph.source, "plain", timeout=left))
        px = predicted_label_px(width, height, trial, ratio)
        if best is None or px > best[0] * 1.02:  # prefer earlier (more natural) layouts unless clearly better
            best = (px, trial)
    assert best is not None
    return best[1]


def warn_if_illegible(svg: bytes, opts: RenderOptions, n_statements: int) -> SlideFit:
    """Measure the SVG and warn (:class:`SlideFitWarning`) when it breaks the slide rule."""
    fit = slide_fit(svg)
    ratio = opts.fit_ratio or 16 / 9
    need = min_px(opts)
    if fit.min_label_px < need:
        message = (
            f"the map ({n_statements} statements) is too big for one legible {opts.fit} slide: its smallest text would be "
            f"{fit.min_label_px:.1f} px high at {SCREEN[0]}x{SCREEN[1]} (needs {need:g}); the SVG keeps its natural size"
        )
        warn(SlideFitWarning(message, too_small=True))
    elif not fit.aspect_ok(ratio, tolerance(opts)):
        warn(SlideFitWarning(f"the map's aspect ratio is {fit.aspect:.2f}, not within {tolerance(opts):.0%} of {opts.fit}"))
    return fit
