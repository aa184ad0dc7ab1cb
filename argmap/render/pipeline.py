"""The whole render: options -> prepared map -> layout choice -> DOT -> ``dot`` -> finished bytes."""

from __future__ import annotations

from typing import Any

from argmap.model import ArgumentMap
from argmap.render._labels import missing_titles
from argmap.render._warn import warn
from argmap.render.dot import DotGraph, DotMeta, build_dot, prepare_map
from argmap.render.fit import MAX_TRIAL_STATEMENTS, choose_layout, plain_size, warn_if_illegible
from argmap.render.options import RenderOptions, options_from
from argmap.render.output import FORMATS, finish_dot, run_dot, start_dot, stop_dot
from argmap.render.svg import finish_svg

__all__ = ["MissingTitleWarning", "layout", "render"]


class MissingTitleWarning(UserWarning):
    """Some statements have no title in the drawing's language; title labels show their text cut short."""


def warn_missing_titles(m: ArgumentMap, opts: RenderOptions) -> None:
    """Warn (:class:`MissingTitleWarning`) which statements lack a title when labels show titles only.

    With ``labels="both"`` a statement without a title shows its whole text, so nothing is cut short.
    """
    if opts.labels != "title":
        return
    lang = opts.lang or m.language
    missing = missing_titles(m, lang)
    if missing:
        shown = ", ".join(missing[:12]) + (f" and {len(missing) - 12} more" if len(missing) > 12 else "")
        warn(
            f"{len(missing)} of {len(m.statements)} statements have no title in '{lang}' and show their text cut short: {shown} "
            f"(give them `title: {{{lang}: ...}}`)",
            MissingTitleWarning,
        )


def layout(m: ArgumentMap, opts: RenderOptions) -> tuple[ArgumentMap, RenderOptions, DotGraph, DotMeta]:
    """Prepare the map, choose the layout (when fitting a slide) and build the final Digraph."""
    m = prepare_map(m, opts)
    warn_missing_titles(m, opts)
    opts = choose_layout(m, opts)
    graph, meta = build_dot(m, opts)
    if opts.fit_ratio:
        graph.attr(ratio=f"{slide_ratio(graph, m, opts):.4f}")  # stretch the short side to the slide's shape; never shrinks
    return m, opts, graph, meta


def slide_ratio(graph: DotGraph, m: ArgumentMap, opts: RenderOptions) -> float:
    """dot's ``ratio`` (height/width) that gives the slide's shape once the title above the map is added.

    dot stretches the drawing to ``ratio`` before it places the graph's title, so a titled map comes
    out taller than the slide; one ``-Tplain`` run measures by how much, and the ratio is lowered to match.
    """
    assert opts.fit_ratio is not None
    want = 1 / opts.fit_ratio
    if " label=" not in graph.body[0] or len(m.statements) > MAX_TRIAL_STATEMENTS:
        return want
    trial = graph.copy()
    trial.attr(ratio=f"{want:.4f}")
    width, height = plain_size(run_dot(trial.source, "plain", timeout=opts.timeout))
    extra = height - width * want  # the title's band, in points
    return max(0.05, want - extra / width) if extra > 0 else want


def render(m: ArgumentMap, format: str = "svg", **options: Any) -> bytes:  # noqa: A002 - the natural name
    """Draw a map as SVG, PNG, PDF or DOT bytes.

    Parameters
    ----------
    m : ArgumentMap
        The map to draw.
    format : {"svg", "png", "pdf", "dot"}
        The output format. SVG is post-processed: every statement and relation is a ``<g>`` with a
        stable id and classes, and the drawing has a ``<title>`` and ``<desc>``.
    **options
        See :class:`~argmap.render.RenderOptions`: ``theme``, ``lang``, ``fit``, ``preset``, ``focus``,
        ``k``, ``highlight``, ``overlay``, ``legend``, ``title``, ``tag_colors``, ``max_statements``,
        ``timeout``, ``rankdir``, ``wrap``, ``stagger``, ``labels`` ("text", "title", "both"), ``headers``,
        ``responsive``, ``nodesep``, ``ranksep``. ``preset="overview"`` draws the whole map on one
        16:9 slide with titles only, choosing the layout whose smallest label is largest.

    Returns
    -------
    bytes
        The drawing. With ``fit`` set, a :class:`~argmap.render.SlideFitWarning` is issued when the map
        is too large to be legible on one slide; with title labels a :class:`MissingTitleWarning`
        names the statements that have no title.

    Examples
    --------
    >>> import argmap
    >>> m = argmap.ArgumentMap.model_validate({"main_claim": "c1", "statements": [
    ...     {"id": "c1", "claim": "Cats are good pets."}, {"id": "e1", "evidence": "They purr."}],
    ...     "relations": [{"support": "e1", "target": "c1"}]})
    >>> svg = render(m, theme="dark")
    >>> b'class="node statement claim main"' in svg and b'<desc id="argmap-desc">' in svg
    True
    """
    opts = options_from(**options)
    if format not in FORMATS:
        from argmap.errors import RenderError

        raise RenderError(f"unknown output format {format!r}; choose one of {', '.join(FORMATS)}")
    if format == "dot":
        source: str = layout(m, opts)[2].source
        return source.encode("utf-8")
    proc = start_dot(format)  # dot starts up (fonts, plugins) while Python builds the DOT text
    try:
        m, opts, graph, meta = layout(m, opts)
        source = graph.source
    except BaseException:
        stop_dot(proc)
        raise
    data = finish_dot(proc, source, format, timeout=opts.timeout)
    if format != "svg":
        return data
    svg: bytes = finish_svg(data, meta)
    if opts.fit:
        warn_if_illegible(svg, opts, len(m.statements))
    return svg
