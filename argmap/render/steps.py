"""Slide builds: the order statements appear in, and SVG frames of one fixed layout that reveal them step by step."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from argmap.model import ArgumentMap
from argmap.render.dot import prepare_map
from argmap.render.options import options_from
from argmap.render.order import step_order
from argmap.render.pipeline import render
from argmap.render.svg import _S, parse_svg, serialise

__all__ = ["StepFrames", "render_steps", "step_order"]


@dataclass(frozen=True)
class StepFrames:
    """A slide build: one SVG per step (same layout, later elements removed) and one SVG with step classes."""

    frames: list[bytes]
    combined: bytes
    order: list[list[str]]


def _step_of(order: list[list[str]]) -> dict[str, int]:
    return {item: n for n, step in enumerate(order, start=1) for item in step}


def render_steps(m: ArgumentMap, **options: Any) -> StepFrames:
    """Render the full map once, then derive the frames of a slide build from that one layout.

    Frame ``n`` keeps the elements of steps 1..n (see :func:`step_order`) and removes the rest, so
    nothing moves between frames and every frame has the full drawing's slide shape (``fit="16:9"``
    unless another ``fit`` or a ``preset`` is given; ``preset="overview"`` gives a legible title build).
    ``combined`` is one SVG in which every element has the class
    ``step-N`` and a stylesheet shows steps up to the root's ``data-step`` attribute (set it from a
    presentation tool or script).

    Examples
    --------
    >>> m = ArgumentMap.model_validate({"main_claim": "c", "statements": [{"id": "c", "claim": "C"},
    ...     {"id": "e", "evidence": "E"}], "relations": [{"support": "e", "target": "c"}]})
    >>> result = render_steps(m)
    >>> len(result.frames), b"statement-e" in result.frames[0], b"statement-e" in result.frames[1]
    (2, False, True)
    """
    if options.get("fit") is None and options.get("preset") is None:
        options = {**options, "fit": "16:9"}  # every step is slide-shaped
    order = step_order(prepare_map(m, options_from(**options)))
    full = render(m, "svg", **options)  # focus (and the checks) as above: highlight ids outside the focus stay valid
    step_of = _step_of(order)
    frames: list[bytes] = []
    for n in range(1, len(order) + 1):
        root = parse_svg(full)
        for parent in root.iter():
            for child in list(parent):
                item = child.get("data-id")
                if child.tag == _S + "g" and item is not None and step_of.get(item, 1) > n:
                    parent.remove(child)
        frames.append(serialise(root))
    root = parse_svg(full)
    for el in root.iter(_S + "g"):
        item = el.get("data-id")
        if item is not None:
            step = step_of.get(item, 1)
            el.set("class", f"{el.get('class', '')} step-{step}".strip())
            el.set("data-step", str(step))
    rules = [
        f'svg[data-step="{k}"] :is({", ".join(f".step-{j}" for j in range(k + 1, len(order) + 1))}) {{ visibility: hidden; }}'
        for k in range(1, len(order))
    ]
    import xml.etree.ElementTree as ET  # building only (here, not at import); parsing goes through defusedxml

    style = ET.Element(_S + "style")
    style.text = "\n".join(rules)
    root.insert(2, style)
    root.set("data-step", str(len(order)))
    return StepFrames(frames=frames, combined=serialise(root), order=order)
