"""The interactive view: one self-contained HTML page (map, source, details), no network at all."""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import os
import time
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from argmap.errors import LimitExceededError
from argmap.model import ArgumentMap
from argmap.view._data import map_data, script_json
from argmap.view._source import source_html
from argmap.view._svg import slim_svg

__all__ = ["LOD_FROM", "build_view", "content_security_policy", "write_view"]

LOD_FROM = 500  # a map larger than this opens without text (fitted to the screen it is sub-pixel); zooming in shows it


def _asset(name: str) -> str:
    return resources.files("argmap.view").joinpath(name).read_text(encoding="utf-8")


@functools.cache
def content_security_policy() -> str:
    """The ``Content-Security-Policy`` a server may send with the page: its own inline script (by hash) and nothing else.

    The page loads nothing: no other script runs, no request leaves it, no frame may hold it.

    Examples
    --------
    >>> policy = content_security_policy()
    >>> policy.startswith("default-src 'none'; script-src 'sha256-") and "connect-src" not in policy
    True
    """
    digest = base64.b64encode(hashlib.sha256(_asset("view.js").encode("utf-8")).digest()).decode("ascii")
    return (
        f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; img-src data: blob:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


def _draw(m: ArgumentMap, lang: str, options: Mapping[str, Any]) -> str:
    from argmap.render import render  # the view draws with argmap's own renderer: same layout, ids and classes

    svg = render(m, "svg", **{**options, "lang": lang, "responsive": True}).decode("utf-8")
    return slim_svg(svg, len(m.statements))


def build_view(
    m: ArgumentMap,
    *,
    lang: str | None = None,
    languages: Sequence[str] | None = None,
    evaluations: Mapping[str, Mapping[str, Any]] | None = None,
    **render_options: Any,
) -> str:
    """The interactive view of a map as one HTML page (every script and style inline, no network).

    Parameters
    ----------
    m : ArgumentMap
        The map.
    lang : str, optional
        The language shown first (default: the map's).
    languages : sequence of str, optional
        The languages the switch offers (default: every language the map has). Each is drawn once, by
        :func:`argmap.render.render`, so every drawing keeps the renderer's layout, ids and classes.
    evaluations : mapping, optional
        Semantics name -> ``{"values": {statement id: "IN"/"OUT"/"UNDEC" or a strength}, "explanations":
        {statement id: text}}``, shown by the overlay switch (see :func:`argmap.view.evaluations_for`).
    **render_options
        Passed to the renderer (``theme``, ``labels``, ``wrap``, ...); ``timeout`` (seconds) bounds all the
        drawings together, not each one.

    Returns
    -------
    str
        The page.
    """
    first = lang or m.language
    langs = list(dict.fromkeys([first, *(languages or m.languages)]))
    timeout = render_options.pop("timeout", None)
    deadline = None if timeout is None else time.monotonic() + float(timeout)
    drawings: dict[str, str] = {}
    for code in langs:  # one drawing per language, all of them within the one timeout
        options = dict(render_options)
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise LimitExceededError(f"drawing the view ({len(langs)} languages) took longer than {float(timeout):g} s")
            options["timeout"] = left
        drawings[code] = _draw(m, code, options)
    data = map_data(m, langs, evaluations)
    title = m.title_in(first) or m.id
    sources = (
        "".join(
            f'<section class="source" data-source="{html.escape(s.id)}" aria-label="source {html.escape(s.title or s.id)}">'
            f'<h3>{html.escape(s.title or s.id)}</h3><div class="source-text">{source_html(m, s.id)}</div></section>'
            for s in m.sources
            if s.text is not None
        )
        or '<p class="empty">This map has no source text.</p>'
    )
    templates = "".join(f'<template id="drawing-{html.escape(code)}">{svg}</template>' for code, svg in drawings.items() if code != first)
    return _asset("page.html").format(
        lang=html.escape(first),
        title=html.escape(title),
        css=_asset("view.css"),
        js=_asset("view.js"),
        data=script_json(data),
        svg=drawings[first],
        map_class="map lod" if len(m.statements) > LOD_FROM else "map",
        templates=templates,
        sources=sources,
    )


def write_view(m: ArgumentMap, path: str | os.PathLike[str], **options: Any) -> Path:
    """Write :func:`build_view`'s page to ``path`` (UTF-8) and return the path.

    The page is built first, then written atomically (a new file renamed into place, keeping the
    mode of the file it replaces): an interrupted write never leaves a half-written page.
    """
    from argmap.formats import write_bytes_atomic

    out = Path(path)
    write_bytes_atomic(out, build_view(m, **options).encode("utf-8"))
    return out
