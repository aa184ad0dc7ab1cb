"""Maps in notebooks: inline responsive SVG for ``_repr_html_``, and :func:`display` for the interactive view."""

from __future__ import annotations

import html
from typing import Any

from argmap.model import ArgumentMap
from argmap.view._svg import slim_svg
from argmap.view.page import build_view

__all__ = ["MapView", "display", "map_html"]


def map_html(m: ArgumentMap, *, lang: str | None = None, **render_options: Any) -> str:
    """The map as HTML for a notebook cell: inline SVG scaled to the cell's width, with a title for screen readers.

    Examples
    --------
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap.model_validate({"title": "A <b>", "statements": [{"id": "c", "claim": "Cats."}]})
    >>> page = map_html(m)
    >>> page.startswith('<figure class="argmap"') and 'aria-label="argument map: A &lt;b&gt;"' in page
    True
    """
    from argmap.render import render

    svg = slim_svg(render(m, "svg", **{**render_options, "lang": lang, "responsive": True}).decode("utf-8"), len(m.statements))
    label = html.escape(f"argument map: {m.title_in(lang) or m.id}", quote=True)
    return f'<figure class="argmap" role="group" aria-label="{label}" style="margin:0;max-width:100%;overflow:auto">{svg}</figure>'


class MapView:
    """A map as a notebook shows it: the interactive view in a frame, or the plain drawing.

    Parameters
    ----------
    m : ArgumentMap
        The map.
    interactive : bool
        The whole view (pan, zoom, source, details) in an ``<iframe srcdoc>`` (default), or only the SVG.
    height : int
        The frame's height in pixels.
    **options
        ``lang``, ``theme`` and the other options of :func:`argmap.view.build_view`.
    """

    def __init__(self, m: ArgumentMap, *, interactive: bool = True, height: int = 600, **options: Any) -> None:
        self.map, self.interactive, self.height, self.options = m, interactive, height, options

    def _repr_html_(self) -> str:
        if not self.interactive:
            return map_html(self.map, **self.options)
        page = html.escape(build_view(self.map, **self.options), quote=True)
        label = html.escape(f"interactive argument map: {self.map.title_in(self.options.get('lang')) or self.map.id}", quote=True)
        return f'<iframe srcdoc="{page}" title="{label}" style="width:100%;height:{int(self.height)}px;border:1px solid #ccc"></iframe>'


def display(
    m: ArgumentMap, *, lang: str | None = None, theme: str | None = None, interactive: bool = True, **options: Any
) -> MapView | None:
    """Show a map in a Jupyter cell: the interactive view (``interactive=True``) or the drawing.

    In IPython the view is displayed and None returned; elsewhere the :class:`MapView` is returned
    (its ``_repr_html_()`` is the HTML).
    """
    if theme is not None:
        options["theme"] = theme
    view = MapView(m, interactive=interactive, lang=lang, **options)
    try:
        from IPython import get_ipython  # type: ignore[attr-defined]
        from IPython.display import display as show
    except ImportError:
        return view
    if get_ipython() is None:
        return view
    show(view)
    return None


def _html_for_repr(m: ArgumentMap) -> str:
    return map_html(m)


def _install_repr() -> None:
    from argmap import model

    if hasattr(model, "set_html_renderer"):
        model.set_html_renderer(_html_for_repr)


_install_repr()
