"""GraphML (``.graphml``), write: the map's AIF-style graph for yEd, Gephi and networkx.

Statements and relations are both nodes (``node`` = statement | relation), edges run premise -> relation
-> target, as in :func:`argmap.graph.to_networkx`. Plain ``<data>`` keys carry text, kind, type, holder,
tags, scheme and strength (Gephi and networkx read them); yEd's ``nodegraphics`` key adds labels and
shapes so that yEd shows the text at once. All text goes through an XML writer, so it is escaped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from argmap.formats import Format, register
from argmap.model import ArgumentMap

__all__ = ["dump_graphml", "write_graphml"]

_NS = "http://graphml.graphdrawing.org/xmlns"
_Y = "http://www.yworks.com/xml/graphml"
_KEYS = (  # id, for, name, type
    ("d_node", "node", "node", "string"),
    ("d_label", "node", "label", "string"),
    ("d_kind", "node", "kind", "string"),
    ("d_type", "node", "type", "string"),
    ("d_evidence", "node", "evidence_type", "string"),
    ("d_holder", "node", "holder", "string"),
    ("d_tags", "node", "tags", "string"),
    ("d_scheme", "node", "scheme", "string"),
    ("d_strength", "node", "strength", "double"),
    ("d_main", "node", "main_claim", "boolean"),
    ("d_role", "edge", "role", "string"),
)
_FILL = {"claim": "#EEF4FF", "evidence": "#F2F2F2", "support": "#DFF0D8", "attack": "#F8D7DA", "undercut": "#F8D7DA"}


def _data(parent: ET.Element, key: str, value: object) -> None:
    if value is None or value == "":
        return
    el = ET.SubElement(parent, "data", key=key)
    el.text = str(value).lower() if isinstance(value, bool) else str(value)


def _yed(parent: ET.Element, label: str, fill: str, shape: str) -> None:
    holder = ET.SubElement(parent, "data", key="d_yed")
    node = ET.SubElement(holder, f"{{{_Y}}}ShapeNode")
    ET.SubElement(node, f"{{{_Y}}}Geometry", width="220" if shape != "ellipse" else "60", height="60")
    ET.SubElement(node, f"{{{_Y}}}Fill", color=fill)
    text = ET.SubElement(node, f"{{{_Y}}}NodeLabel")
    text.text = label
    ET.SubElement(node, f"{{{_Y}}}Shape", type=shape)


def dump_graphml(amap: ArgumentMap, *, lang: str | None = None) -> str:
    """The map as GraphML text.

    Examples
    --------
    >>> import io, networkx as nx
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap.model_validate({"statements": [{"id": "c1", "claim": "A & <B>"}, {"id": "e1", "claim": "C"}],
    ...     "relations": [{"support": "e1", "target": "c1"}]})
    >>> g = nx.read_graphml(io.StringIO(dump_graphml(m)))
    >>> g.nodes["c1"]["label"], sorted(g.edges)
    ('A & <B>', [('e1', 'r1'), ('r1', 'c1')])
    """
    lang = lang or amap.language
    ET.register_namespace("", _NS)
    ET.register_namespace("y", _Y)
    root = ET.Element(f"{{{_NS}}}graphml")
    for kid, kfor, name, ktype in _KEYS:
        ET.SubElement(root, "key", {"id": kid, "for": kfor, "attr.name": name, "attr.type": ktype})
    ET.SubElement(root, "key", {"id": "d_yed", "for": "node", "yfiles.type": "nodegraphics"})
    graph = ET.SubElement(root, "graph", id=amap.id, edgedefault="directed")
    for st in amap.statements:
        node = ET.SubElement(graph, "node", id=st.id)
        text = st.text_in(lang, fallback=amap.language)
        _data(node, "d_node", "statement")
        _data(node, "d_label", text)
        _data(node, "d_kind", st.kind)
        _data(node, "d_evidence", st.evidence_type if st.kind == "evidence" else None)
        _data(node, "d_holder", st.holder.label())
        _data(node, "d_tags", ", ".join(st.tags))
        _data(node, "d_main", st.id == amap.main_claim)
        _yed(node, text, _FILL[st.kind], "roundrectangle" if st.kind == "evidence" else "rectangle")
    for rel in amap.relations:
        node = ET.SubElement(graph, "node", id=rel.id)
        _data(node, "d_node", "relation")
        _data(node, "d_label", rel.scheme or rel.type)
        _data(node, "d_type", rel.type)
        _data(node, "d_scheme", rel.scheme)
        _data(node, "d_strength", rel.strength)
        _yed(node, rel.type, _FILL.get(rel.type, "#FFFFFF"), "ellipse")
    for k, rel in enumerate(amap.relations):
        for j, p in enumerate(rel.premises):
            edge = ET.SubElement(graph, "edge", id=f"e{k}.{j}", source=p, target=rel.id)
            _data(edge, "d_role", "premise")
        edge = ET.SubElement(graph, "edge", id=f"e{k}.t", source=rel.id, target=rel.target)
        _data(edge, "d_role", "target")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_graphml(amap: ArgumentMap, path: str | Path) -> Path:
    """Write the map as GraphML, atomically."""
    from argmap.formats import save

    return save(amap, path, format="graphml")


def _dump(amap: ArgumentMap) -> str:
    return dump_graphml(amap)


register(Format("graphml", (".graphml",), "GraphML for yEd, Gephi and networkx (write)", None, _dump, None, ("application/graphml+xml",)))
