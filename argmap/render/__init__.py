"""Rendering: argument maps as SVG, PNG, PDF or DOT, readable on a slide; Graphviz does the layout.

``to_dot`` builds the ``graphviz.Digraph`` (pure); ``render`` runs ``dot`` and finishes the SVG;
``render_steps`` draws a slide build in which the layout never moves.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from argmap.model import ArgumentMap
from argmap.render.dot import to_dot
from argmap.render.fit import SlideFit, SlideFitWarning, slide_fit
from argmap.render.options import RenderOptions
from argmap.render.pipeline import MissingTitleWarning, render
from argmap.render.steps import render_steps, step_order
from argmap.render.theme import THEMES, Theme, get_theme, load_theme

__all__ = [
    "THEMES",
    "MissingTitleWarning",
    "RenderOptions",
    "SlideFit",
    "SlideFitWarning",
    "Theme",
    "get_theme",
    "load_theme",
    "render",
    "render_steps",
    "slide_fit",
    "step_order",
    "to_dot",
]


def _svg_for_notebook(m: ArgumentMap) -> str:
    return render(m, format="svg").decode("utf-8")


def _install_repr() -> None:
    from argmap import model

    if hasattr(model, "set_svg_renderer"):
        model.set_svg_renderer(_svg_for_notebook)


class _CallableModule(types.ModuleType):
    """``argmap.render(m, ...)`` calls :func:`render`; ``argmap.render.render`` and submodules work as usual."""

    def __call__(self, m: ArgumentMap, format: str = "svg", **options: Any) -> bytes:  # noqa: A002
        return render(m, format, **options)


_install_repr()
sys.modules[__name__].__class__ = _CallableModule
