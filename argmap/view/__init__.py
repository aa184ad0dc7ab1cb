"""The map in a browser: one self-contained, offline HTML page, and the notebook display.

``build_view(m)`` gives the page as text and ``write_view(m, path)`` writes it; the drawing is
:func:`argmap.render.render`'s SVG (same layout, ids and classes), the source text sits beside it
with every anchored quote marked, and the overlay switch shows evaluations computed by
:func:`evaluations_for` when the page is written. ``display(m)`` shows a map in Jupyter.
"""

from __future__ import annotations

from argmap.view.evaluations import DEFAULT_SEMANTICS, evaluations_for
from argmap.view.notebook import MapView, display, map_html
from argmap.view.page import build_view, content_security_policy, write_view

__all__ = ["DEFAULT_SEMANTICS", "MapView", "build_view", "content_security_policy", "display", "evaluations_for", "map_html", "write_view"]
