"""Fit a map to a slide: pick the layout (direction, wrapping) that is most legible at 16:9, and measure an SVG."""

from __future__ import annotations

import re
import time
import warnings
from dataclasses import dataclass

from argmap.errors import LimitExceededError
from argmap.model import ArgumentMap
from argmap.render.options import RenderOptions
from argmap.render.svg import _S, parse_svg

__all__ = ["MIN_LABEL_PX", "SCREEN", "SlideFit", "SlideFitWarning", "choose_layout", "slide_fit", "warn_if_illegible"]

SCREEN = (1920, 1080)
MIN_LABEL_PX = 14.0
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


class SlideFitWarning(UserWarning):
    """The map is too large to be legible on one slide; the message suggests focus or steps."""


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


def _plain_size(plain: bytes) -> tuple[float, float]:
    first = plain.split(b"\n", 1)[0].split()
    return float(first[2]) * 72.0, float(first[3]) * 72.0  # inches -> points (SVG units)


def _min_font(opts: RenderOptions) -> float:
    return min(opts.theme.header_size, opts.theme.font_size)


def predicted_label_px(width: float, height: float, opts: RenderOptions, ratio: float) -> float:
    """Smallest label in pixels once the layout is stretched to ``ratio`` (dot's ``ratio`` never shrinks)."""
    w, h = max(width, height * ratio), max(height, width / ratio)
    return _min_font(opts) * min(SCREEN[0] / w, SCREEN[1] / h)


def choose_layout(m: ArgumentMap, opts: RenderOptions) -> RenderOptions:
    """Try a few directions and wrapping widths with ``dot -Tplain``; keep the one with the largest labels.

    Without ``fit`` (or on maps too big for any layout to be legible) the options come back as they were.
    """
    from argmap.render.dot import build_dot
    from argmap.render.output import run_dot

    ratio = opts.fit_ratio
    if ratio is None or len(m.statements) > MAX_TRIAL_STATEMENTS or len(m.statements) < 2:
        return opts
    best: tuple[float, RenderOptions] | None = None
    deadline = time.monotonic() + opts.timeout  # all trials together get one timeout, not one each
    for rankdir, wrap, stagger in _CANDIDATES:
        trial = opts.but(rankdir=rankdir, wrap=wrap, stagger=stagger)
        graph, _ = build_dot(m, trial)
        left = deadline - time.monotonic()
        if left <= 0:
            raise LimitExceededError(f"choosing a slide layout took longer than {opts.timeout:g} s; draw less at once (focus=ID, k=N)")
        width, height = _plain_size(run_dot(graph.source, "plain", timeout=left))
        px = predicted_label_px(width, height, trial, ratio)
        if best is None or px > best[0] * 1.02:  # prefer earlier (more natural) layouts unless clearly better
            best = (px, trial)
    assert best is not None
    return best[1]


def warn_if_illegible(svg: bytes, opts: RenderOptions, n_statements: int) -> SlideFit:
    """Measure the SVG and warn (:class:`SlideFitWarning`) when it breaks the slide rule."""
    fit = slide_fit(svg)
    ratio = opts.fit_ratio or 16 / 9
    if fit.min_label_px < MIN_LABEL_PX:
        warnings.warn(
            f"the map ({n_statements} statements) is too big for one legible {opts.fit} slide: its smallest text would be "
            f"{fit.min_label_px:.1f} px high at {SCREEN[0]}x{SCREEN[1]} (needs {MIN_LABEL_PX:g}); the SVG keeps its natural size. "
            "Draw part of it (focus=ID, k=1; `--focus ID -k 1`) or build it up in steps (`--steps DIR`).",
            SlideFitWarning,
            stacklevel=3,
        )
    elif not fit.aspect_ok(ratio):
        warnings.warn(f"the map's aspect ratio is {fit.aspect:.2f}, not within 30% of {opts.fit}", SlideFitWarning, stacklevel=3)
    return fit
