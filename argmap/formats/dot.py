"""Graphviz DOT (``.dot``, ``.gv``), write: the renderer's graph as DOT source, for people who run ``dot`` themselves."""

from __future__ import annotations

from pathlib import Path

from argmap.errors import ArgmapError
from argmap.formats import Format, register
from argmap.model import ArgumentMap

__all__ = ["dump_dot", "write_dot"]


def dump_dot(amap: ArgumentMap) -> str:
    """The map as DOT source, exactly what :func:`argmap.render.render` would hand to Graphviz.

    The renderer is imported here, when the function is called: ``argmap.formats`` does not depend on it.
    """
    try:
        from argmap.render import to_dot
    except ImportError as exc:  # the renderer is part of argmap; only a broken install lacks it
        raise ArgmapError(f"DOT output needs argmap.render, which cannot be imported: {exc}") from None
    return str(to_dot(amap).source)


def write_dot(amap: ArgumentMap, path: str | Path) -> Path:
    """Write the map as DOT source, atomically."""
    from argmap.formats import save

    return save(amap, path, format="dot")


register(Format("dot", (".dot", ".gv"), "Graphviz DOT source (write)", None, dump_dot, None, ("text/vnd.graphviz",)))
