"""The renderer's SVG made smaller for the page, drawing the same picture (same ids, classes and layout).

Graphviz writes every attribute on every element: at 10,000 statements the drawing is 19 MB, half of
it repeated. For the page:

- its XML prologue and comments go;
- ``font-family``, ``text-anchor`` and ``font-size`` move to the root when every ``<text>`` has them
  (the most common value goes up, the others stay: inheritance gives each text the same value);
- each statement's rounded box (a 25-point Bézier path) becomes ``<rect rx>``;
- on large maps (over :data:`TOOLTIPS_UP_TO` statements) the ``<title>`` tooltips of statements and
  relations go: the page's details pane and the ARIA labels it sets say the same.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["TOOLTIPS_UP_TO", "slim_svg"]

TOOLTIPS_UP_TO = 1000

_PROLOGUE = re.compile(r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^>]*>\s*)?")
_COMMENT = re.compile(r"<!--.*?-->\n?", re.S)
_INNER_TITLE = re.compile(r'(<g id="(?:statement|relation)-[^"]*"[^>]*>)\n?<title>[^<]*</title>\n?')
_TEXT_TAG = re.compile(r"<text\b[^>]*>")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_ROUNDED = re.compile(r'<path( fill="[^"]*" stroke="[^"]*"(?: stroke-width="[^"]*")?) d="(M[^"]*)"/>')
_HOISTED = ("font-family", "text-anchor", "font-size")


def _hoist(svg: str) -> tuple[str, str]:
    """Move each text attribute that every ``<text>`` has to the root; the attributes to put on ``<svg>``."""
    tags = _TEXT_TAG.findall(svg)
    if not tags:
        return svg, ""
    root: list[str] = []
    for name in _HOISTED:
        values = Counter(m.group(1) for t in tags if (m := re.search(f' {name}="([^"]*)"', t)))
        if not values or sum(values.values()) != len(tags):
            continue  # some text lacks it: it would inherit the root's value instead of the default
        common = values.most_common(1)[0][0]
        attr = f' {name}="{common}"'
        svg = _TEXT_TAG.sub(lambda m, a=attr: m.group(0).replace(a, "", 1), svg)  # type: ignore[misc]
        root.append(attr)
    return svg, "".join(root)


def _rect(match: re.Match[str]) -> str:
    """A Graphviz rounded box as ``<rect>``; any other path unchanged."""
    d = match.group(2)
    if d.count("C") != 1 or not d.startswith("M"):
        return match.group(0)
    nums = [float(n) for n in _NUMBER.findall(d)]
    if len(nums) != 50:
        return match.group(0)
    xs, ys = nums[0::2], nums[1::2]
    x1, x2, y1, y2 = min(xs), max(xs), min(ys), max(ys)
    inner_x = sorted({round(x - x1, 3) for x in xs} - {0.0})
    inner_y = sorted({round(y - y1, 3) for y in ys} - {0.0})
    if not inner_x or not inner_y:
        return match.group(0)
    r = 2 * inner_x[0]  # the corner runs from r before the corner to r after it, its control points halfway
    okx = {round(v, 3) for v in (x1, x1 + r / 2, x1 + r, x2 - r, x2 - r / 2, x2)}
    oky = {round(v, 3) for v in (y1, y1 + r / 2, y1 + r, y2 - r, y2 - r / 2, y2)}
    if inner_y[0] != r / 2 or any(round(x, 3) not in okx for x in xs) or any(round(y, 3) not in oky for y in ys):
        return match.group(0)
    return f'<rect{match.group(1)} x="{x1:g}" y="{y1:g}" width="{x2 - x1:g}" height="{y2 - y1:g}" rx="{r:g}"/>'


def slim_svg(svg: str, statements: int) -> str:
    """``svg`` (Graphviz's, as argmap's renderer writes it) without what the page does not need.

    Examples
    --------
    >>> box = ('<svg viewBox="0 0 9 9"><!-- s0 --><g id="statement-a" class="node" data-id="a"><title>A</title>'
    ...        '<path fill="red" stroke="blue" d="M8,0C8,0 2,0 2,0 1,0 0,1 0,2 0,2 0,6 0,6 0,7 1,8 2,8 2,8 8,8 8,8 9,8 10,7 '
    ...        '10,6 10,6 10,2 10,2 10,1 9,0 8,0"/><text text-anchor="start" x="1" y="1" font-size="12.00">A</text></g></svg>')
    >>> print(slim_svg(box, 10).replace("><", ">\\n<"))
    <svg text-anchor="start" font-size="12.00" viewBox="0 0 9 9">
    <g id="statement-a" class="node" data-id="a">
    <title>A</title>
    <rect fill="red" stroke="blue" x="0" y="0" width="10" height="8" rx="2"/>
    <text x="1" y="1">A</text>
    </g>
    </svg>
    """
    svg = _PROLOGUE.sub("", svg, count=1)
    svg = _COMMENT.sub("", svg)
    if statements > TOOLTIPS_UP_TO:
        svg = _INNER_TITLE.sub(r"\1", svg)
    svg = _ROUNDED.sub(_rect, svg)
    svg, root = _hoist(svg)
    if root:
        svg = svg.replace("<svg", "<svg" + root, 1)
    return svg
