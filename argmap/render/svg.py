"""Post-process dot's SVG for designers and screen readers: stable ids, classes, <title>/<desc>, nothing active."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from argmap.errors import RenderError
from argmap.render._escape import clean
from argmap.render.dot import DotMeta

if TYPE_CHECKING:  # ElementTree (and defusedxml) only where an SVG is parsed or built: a plain render needs neither
    import xml.etree.ElementTree as ET

__all__ = ["SVG_NS", "finish_svg", "parse_svg", "serialise"]

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
_S = "{" + SVG_NS + "}"
FONT_FALLBACK = "Verdana, Arial, sans-serif"  # DejaVu Sans is metrically close to Verdana; both are wider than Arial


def parse_svg(data: bytes) -> ET.Element:
    """Parse SVG bytes safely (no entities, no external references)."""
    from defusedxml.ElementTree import fromstring

    try:
        root: ET.Element = fromstring(data)
    except Exception as exc:  # noqa: BLE001 - defusedxml raises several kinds
        raise RenderError(f"Graphviz produced SVG that does not parse: {exc}") from None
    return root


def serialise(root: ET.Element) -> bytes:
    """The element tree as UTF-8 SVG bytes with an XML declaration."""
    import xml.etree.ElementTree as ET  # only to build and serialise; parsing goes through defusedxml

    # ElementTree's prefixes are global: another writer (GraphML) may have taken the default one since import.
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data


_GROUP = re.compile(rb'<g id="([^"]*)" class="([^"]*)">\n<title>[^<]*</title>')
_SVG_OPEN = re.compile(rb"<svg\b[^>]*>")
_SIZE = re.compile(rb'\s(?:width|height)="[^"]*"')
# Elements and attributes that could act or link. dot writes them only for URL/href/tooltip attributes,
# which argmap never sets, and user text is escaped; so finding one means something is wrong.
# (dot writes a quote in text as &quot; and separates attributes by one space, so these match only markup;
# three simple patterns are ten times faster than one alternation over a large drawing.)
_ACTIVE = (
    re.compile(rb"<(?:a|script|foreignObject|image|use|iframe)\b"),
    re.compile(rb'href="'),
    re.compile(rb' on[a-zA-Z]+="'),
)


def _text(value: str) -> bytes:
    return html.escape(clean(value), quote=True).encode("utf-8")


def _content(value: str) -> bytes:
    """Already cleaned text for element content: only & < > need escaping."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode("utf-8")


def finish_svg(data: bytes, meta: DotMeta) -> bytes:
    """Give every statement and relation ``data-id`` and a readable ``<title>``; add the map's title and desc.

    dot already wrote the stable ids and classes (``<g id="statement-ID" class="node statement claim main">``,
    ``<g id="relation-ID" class="edge relation support">``; a linked relation's parts are
    ``relation-ID-premise-N`` and ``relation-ID-target``). This pass works on the text, not a parsed
    tree, so that it costs little next to dot itself, even at 10,000 statements.
    """
    found = next((hit for hit in (pattern.search(data) for pattern in _ACTIVE) if hit), None)
    if found:
        raise RenderError(f"Graphviz's SVG holds active content ({found.group(0)[:40]!r}); refusing to return it")
    # dot writes '-' in ids as '&#45;'; argmap's ids (the model's pattern) have no other character it escapes,
    # and they are safe inside an attribute as they are.
    items = {k.replace("-", "&#45;").encode("utf-8"): v for k, v in meta.items.items()}

    def group(match: re.Match[bytes]) -> bytes:
        raw_id = match.group(1)
        item = items.get(raw_id)
        if item is None:
            return match.group(0)
        data_id = b' data-id="' + item.map_id.encode("utf-8") + b'"' if item.map_id else b""
        return (
            b'<g id="'
            + raw_id.replace(b"&#45;", b"-")
            + b'" class="'
            + match.group(2).replace(b"&#45;", b"-")
            + b'"'
            + data_id
            + b">\n<title>"
            + _content(item.title)
            + b"</title>"
        )

    body = _GROUP.sub(group, data)
    font = f'font-family="{meta.font}"'.encode()
    body = body.replace(font, f'font-family="{meta.font}, {FONT_FALLBACK}"'.encode())
    opening = _SVG_OPEN.search(body)
    if opening is None:
        raise RenderError("Graphviz's output has no <svg> element")
    head = opening.group(0)
    if meta.responsive:  # scale to the container: the viewBox gives the shape, the width the room
        head = _SIZE.sub(b"", head)[:-1] + b' width="100%" preserveAspectRatio="xMidYMid meet">'
    head = head[:-1] + b' role="img" aria-labelledby="argmap-title argmap-desc">'
    extra = b'\n<title id="argmap-title">' + _text(meta.title) + b'</title>\n<desc id="argmap-desc">' + _text(meta.desc) + b"</desc>"
    return body[: opening.start()] + head + extra + body[opening.end() :]
