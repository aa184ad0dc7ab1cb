"""Render warnings for the API client, not for the server's stderr: collected per draw, kept with the drawing.

argmap's renderer warns through :mod:`warnings` (a map too big for one legible slide, titles missing in a
language, what Graphviz said). In a server those would be printed raw into the log, once per code line,
and the client would never know. Here a draw runs inside :func:`collect` (in the worker thread that draws):
the renderer's warnings raised in that thread go into a list instead of being shown, every time. The route
logs them once, at info level with the map id, and sends each as an ``Argmap-Warning`` header. They are kept
with the drawing in the render cache (:func:`pack` / :func:`unpack`), so a cache hit carries them too.
"""

from __future__ import annotations

import json
import re
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from argmap.render.fit import SlideFitWarning
from argmap.render.output import GraphvizWarning
from argmap.render.pipeline import MissingTitleWarning

__all__ = [
    "HEADER",
    "HEADER_OPENAPI",
    "MAX_CHARS",
    "MAX_WARNINGS",
    "collect",
    "header_values",
    "pack",
    "unpack",
]


HEADER = "Argmap-Warning"
MAX_WARNINGS = 5  # headers per answer; past that, one more says how many were left out
MAX_CHARS = 300  # characters per header value
CATEGORIES: tuple[type[Warning], ...] = (SlideFitWarning, MissingTitleWarning, GraphvizWarning)

HEADER_OPENAPI: dict[str, Any] = {
    HEADER: {
        "description": (
            "What the renderer warned about this drawing (a map too big for one legible slide, titles missing in the "
            f"language, what Graphviz said): one header per warning, ASCII, at most {MAX_WARNINGS} (and one saying how many "
            f"more), each at most {MAX_CHARS} characters."
        ),
        "schema": {"type": "string"},
    }
}

_local = threading.local()
_lock = threading.Lock()


def _hook(previous: Any) -> Any:
    def showwarning(message: Any, category: type[Warning], filename: str, lineno: int, file: Any = None, line: Any = None) -> None:
        found: list[str] | None = getattr(_local, "found", None)
        if found is not None and issubclass(category, CATEGORIES):
            found.append(str(message))
            return
        previous(message, category, filename, lineno, file, line)

    showwarning.argmap_collector = True  # type: ignore[attr-defined]
    return showwarning


def _install() -> None:
    """Route the renderer's warnings through the collector, and show them every time (not once per code line)."""
    with _lock:
        if not getattr(warnings.showwarning, "argmap_collector", False):
            warnings.showwarning = _hook(warnings.showwarning)
        for category in CATEGORIES:
            if ("always", None, category, None, 0) not in warnings.filters:
                warnings.filterwarnings("always", category=category)


@contextmanager
def collect() -> Iterator[list[str]]:
    """The renderer's warnings raised in this thread inside the block, as messages (shown nowhere else)."""
    _install()
    outer = getattr(_local, "found", None)
    found: list[str] = []
    _local.found = found
    try:
        yield found
    finally:
        _local.found = outer


_UNSAFE = re.compile(r"[^\x20-\x7e]")


def header_values(messages: list[str]) -> list[str]:
    """The header values for these messages: ASCII (others as ``\\uXXXX``), one line, bounded in count and length.

    Examples
    --------
    >>> header_values(["Zürich\\nis\\tfar"])
    ['Z\\\\u00fcrich is far']
    >>> len(header_values(["w"] * 9)), header_values(["w"] * 9)[-1]
    (6, '4 more warnings were left out')
    """
    out = []
    for message in messages[:MAX_WARNINGS]:
        text = " ".join(message.split())  # newlines and tabs: one line
        text = _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) < 0x10000 else f"\\U{ord(m.group()):08x}", text)
        out.append(text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 3] + "...")
    if len(messages) > MAX_WARNINGS:
        out.append(f"{len(messages) - MAX_WARNINGS} more warnings were left out")
    return out


_MAGIC = b"\x00argmap-warnings\x00"  # no SVG, PNG, PDF, DOT or HTML starts with a NUL byte


def pack(data: bytes, messages: list[str]) -> bytes:
    """A drawing with its warnings, as one cache entry (the drawing alone when there are none).

    Examples
    --------
    >>> unpack(pack(b"<svg/>", ["too big"])), unpack(pack(b"<svg/>", []))
    ((b'<svg/>', ['too big']), (b'<svg/>', []))
    """
    if not messages:
        return data
    head = json.dumps(messages, ensure_ascii=True).encode("ascii")
    return _MAGIC + len(head).to_bytes(4, "big") + head + data


def unpack(entry: bytes) -> tuple[bytes, list[str]]:
    """The drawing and its warnings from a cache entry made by :func:`pack`."""
    if not entry.startswith(_MAGIC):
        return entry, []
    start = len(_MAGIC) + 4
    size = int.from_bytes(entry[len(_MAGIC) : start], "big")
    messages: list[str] = json.loads(entry[start : start + size])
    return entry[start + size :], messages
