"""Post-process dot's SVG for designers and screen readers: stable ids, classes, <title>/<desc>, nothing active."""

from __future__ import annotations

import xml.etree.ElementTree as ET  # only to build and serialise; parsing goes through defusedxml

from defusedxml.ElementTree import fromstring

from argmap.errors import RenderError
from argmap.render.dot import DotMeta

__all__ = ["SVG_NS", "finish_svg", "parse_svg", "serialise"]

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)
_S = "{" + SVG_NS + "}"
FONT_FALLBACK = "Verdana, Arial, sans-serif"  # DejaVu Sans is metrically close to Verdana; both are wider than Arial

# Everything dot draws; anything else (a, script, foreignObject, image...) is removed.
_ALLOWED = {"svg", "g", "title", "desc", "polygon", "polyline", "path", "ellipse", "text", "defs", "style", "line", "rect", "circle"}


def parse_svg(data: bytes) -> ET.Element:
    """Parse SVG bytes safely (no entities, no external references)."""
    try:
        root: ET.Element = fromstring(data)
    except Exception as exc:  # noqa: BLE001 - defusedxml raises several kinds
        raise RenderError(f"Graphviz produced SVG that does not parse: {exc}") from None
    return root


def serialise(root: ET.Element) -> bytes:
    """The element tree as UTF-8 SVG bytes with an XML declaration."""
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _sanitise(root: ET.Element) -> None:
    """Drop elements dot never draws for us and attributes that could act (links, event handlers)."""
    for parent in root.iter():
        for child in list(parent):
            if _local(child.tag) not in _ALLOWED:
                parent.remove(child)
        for name in list(parent.attrib):
            local = _local(name).lower()
            if local.startswith("on") or local in ("href", "src", "target") or "javascript:" in parent.attrib[name].lower():
                del parent.attrib[name]


def finish_svg(data: bytes, meta: DotMeta) -> bytes:
    """Give every statement and relation its classes, ``data-id`` and a readable ``<title>``; add the map's title/desc.

    Statements are ``<g id="statement-ID" class="statement claim main" data-id="ID">``; relations
    ``<g id="relation-ID" class="relation support" data-id="ID">`` (a linked relation's parts are
    ``relation-ID-premise-N`` and ``relation-ID-target``).
    """
    root = parse_svg(data)
    _sanitise(root)
    for el in root.iter():
        font = el.get("font-family")
        if font is not None and FONT_FALLBACK not in font:
            el.set("font-family", f"{font.split(',')[0]}, {FONT_FALLBACK}")
        if el.tag != _S + "g":
            continue
        svg_id = el.get("id")
        if svg_id is None:
            continue
        if svg_id == "argmap":
            el.set("class", "graph")
            title = el.find(_S + "title")
            if title is not None:
                title.text = meta.title
            continue
        item = meta.items.get(svg_id)
        if item is None:
            continue
        dot_kind = el.get("class", "")
        el.set("class", " ".join((*item.classes, dot_kind)).strip())
        if item.map_id:
            el.set("data-id", item.map_id)
        title = el.find(_S + "title")
        if title is not None:
            title.text = item.title
    root.set("role", "img")
    root.set("aria-labelledby", "argmap-title argmap-desc")
    title_el = ET.Element(_S + "title", {"id": "argmap-title"})
    title_el.text = meta.title
    desc_el = ET.Element(_S + "desc", {"id": "argmap-desc"})
    desc_el.text = meta.desc
    root.insert(0, desc_el)
    root.insert(0, title_el)
    return serialise(root)
