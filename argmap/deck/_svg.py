"""A slide as one 1920x1080 SVG (heading, text lines, the map nested in its box), for PDF pages and pictures."""

from __future__ import annotations

import re
import textwrap
import xml.etree.ElementTree as ET  # building only; parsing goes through defusedxml (parse_svg)

from argmap.deck._model import Deck, Slide
from argmap.render.svg import _S, parse_svg, serialise

__all__ = ["SLIDE", "map_box", "sized_map", "slide_svg"]

SLIDE = (1920, 1080)
_FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
_NUM = re.compile(r"[-+]?\d*\.?\d+")


def map_box(slide: Slide) -> tuple[int, int, int, int]:
    """Where the map goes on the slide: x, y, width, height in slide pixels."""
    top = 200 + (40 if slide.lines else 0)
    return 40, top, SLIDE[0] - 80, SLIDE[1] - top - 40


def _view_box(root: ET.Element) -> tuple[float, float, float, float]:
    box = root.get("viewBox")
    if box:
        x, y, w, h = (float(v) for v in _NUM.findall(box))
        return x, y, w, h
    w, h = (float(_NUM.findall(root.get(k, "100"))[0]) for k in ("width", "height"))
    return 0.0, 0.0, w, h


def sized_map(svg: bytes, width: float) -> tuple[bytes, float, float]:
    """The map SVG with a fixed pixel size ``width`` wide (aspect kept): the bytes, width and height."""
    root = parse_svg(svg)
    _, _, w, h = _view_box(root)
    height = width * h / w
    root.set("width", f"{width:.1f}")
    root.set("height", f"{height:.1f}")
    return serialise(root), width, height


def _text(parent: ET.Element, x: float, y: float, text: str, size: float, fill: str, *, bold: bool = False, anchor: str = "start") -> None:
    el = ET.SubElement(parent, _S + "text", {
        "x": f"{x:.0f}", "y": f"{y:.0f}", "font-family": _FONT, "font-size": f"{size:.0f}", "fill": fill,
        "text-anchor": anchor, **({"font-weight": "bold"} if bold else {}),
    })
    el.text = text  # ElementTree escapes it: user text never becomes markup


def _wrap(text: str, size: float, width: float, max_lines: int) -> list[str]:
    chars = max(10, int(width / (size * 0.58)))
    lines = textwrap.wrap(text, chars, break_long_words=False, break_on_hyphens=False) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(".,;: ") + "…"
    return lines


def slide_svg(deck: Deck, slide: Slide, number: int) -> bytes:
    """Slide ``number`` (from 1) of ``deck`` as one SVG of 1920x1080 pixels, all builds shown."""
    root = ET.Element(_S + "svg", {"width": str(SLIDE[0]), "height": str(SLIDE[1]), "viewBox": f"0 0 {SLIDE[0]} {SLIDE[1]}"})
    ET.SubElement(root, _S + "rect", {"width": "100%", "height": "100%", "fill": deck.background})
    muted = deck.text
    if slide.kind == "title":
        y = 400.0
        for line in _wrap(slide.heading, 76, 1700, 3):
            _text(root, 960, y, line, 76, deck.accent, bold=True, anchor="middle")
            y += 92
        if slide.subheading:
            for line in _wrap(slide.subheading, 40, 1700, 2):
                _text(root, 960, y + 20, line, 40, muted, anchor="middle")
                y += 52
        y += 60
        for item in slide.lines:
            _text(root, 960, y, item.text, 30, muted, anchor="middle")
            y += 44
    else:
        _text(root, 40, 86, _wrap(slide.heading, 52, 1840, 1)[0], 52, deck.accent, bold=True)
        y = 140.0
        if slide.subheading:
            for line in _wrap(slide.subheading, 30, 1840, 2 if slide.svg is not None else 1):
                _text(root, 40, y, line, 30, muted)
                y += 38
        if slide.svg is None:
            y += 40
            for item in slide.lines:
                small = item.role == "small"
                for line in _wrap(item.text, 28 if small else 38, 1760, 3):
                    _text(root, 80 if small else 40, y, line, 28 if small else 38, muted)
                    y += 40 if small else 52
                y += 10 if small else 0
        else:
            for item in slide.lines:
                _text(root, 40, y + 4, item.text, 32, deck.colours.get(item.role.upper(), muted), bold=True)
                y += 40
            x, top, w, h = map_box(slide)
            drawing = parse_svg(slide.svg)
            drawing.set("x", str(x))
            drawing.set("y", str(top))
            drawing.set("width", str(w))
            drawing.set("height", str(h))
            root.append(drawing)
    _text(root, SLIDE[0] - 40, SLIDE[1] - 20, f"{number} / {len(deck.slides)}", 20, muted, anchor="end")
    return serialise(root)
