"""SADFace JSON (atoms, schemes, edges, resources), read.

Atoms are claims; a scheme node is a relation whose premises are the atoms with edges into it and whose
target is where its edge goes: ``support`` (or any other scheme name, kept as the scheme) -> support,
``attack``/``conflict`` -> attack (undercut when it targets a scheme), ``rephrase`` -> rephrase,
``preference`` -> preference. Resources become sources; an atom's ``sources`` become its anchors.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from argmap.errors import FormatError, Problem
from argmap.formats import Format, register
from argmap.formats._interchange import Warner, infer_main_claim, load_json, repair_relations, short_value, validate_dropping
from argmap.model import ArgumentMap

__all__ = ["parse_sadface", "read_sadface"]

_TYPES = {"support": "support", "attack": "attack", "conflict": "attack", "rebut": "attack", "rephrase": "rephrase"}
_TYPES |= {"preference": "preference", "undercut": "undercut"}
_NOT_ID = re.compile(r"[^\w.:\-]+")


def _fail(message: str, path: str, filename: str | None) -> FormatError:
    return FormatError([Problem(message, path=path, file=filename)], summary=f"{filename or 'input'}: not valid SADFace")


def _list(data: dict[str, Any], key: str, path: str, filename: str | None) -> list[Any]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise _fail(f"expected a list, got {type(value).__name__}", path, filename)
    return value


def _id(raw: Any) -> str:
    text = str(raw)
    return text if re.fullmatch(r"\w[\w.:\-]{0,127}", text) else ("n" + _NOT_ID.sub("-", text))[:128]


def parse_sadface(text: str, *, filename: str | None = None, base_dir: str | None = None) -> ArgumentMap:
    """Parse a SADFace document into a map.

    Examples
    --------
    >>> m = parse_sadface('''{"metadata": {"core": {"title": "Pets"}},
    ...  "nodes": [{"id": "a1", "type": "atom", "text": "Cats are good pets"},
    ...            {"id": "a2", "type": "atom", "text": "Cats purr"},
    ...            {"id": "s1", "type": "scheme", "name": "support"}],
    ...  "edges": [{"id": "x1", "source_id": "a2", "target_id": "s1"}, {"id": "x2", "source_id": "s1", "target_id": "a1"}]}''')
    >>> m.title, m.relation("s1").type, m.relation("s1").premises
    ('Pets', 'support', ('a2',))
    """
    data = load_json(text, filename)
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        raise _fail("expected a JSON object with 'nodes' and 'edges' lists", "nodes", filename)
    warn = Warner(filename, "SADFace")
    try:
        return _build(data, filename, warn)
    finally:
        warn.close()


def _key(raw: Any) -> str | None:
    return str(raw) if isinstance(raw, str | int) and not isinstance(raw, bool) else None


def _build(data: dict[str, Any], filename: str | None, warn: Warner) -> ArgumentMap:
    nodes: dict[str, tuple[int, dict[str, Any]]] = {}
    for i, node in enumerate(data["nodes"]):
        path = f"nodes[{i}]"
        nid = _key(node.get("id")) if isinstance(node, dict) else None
        if not isinstance(node, dict) or nid is None:
            warn(f"{path}: expected a node object with an 'id' (string or number) and a 'type'; it is not kept")
        elif node.get("type") not in ("atom", "scheme"):
            warn(f"{path}.type: unknown node type {short_value(node.get('type'))} (expected 'atom' or 'scheme'); node '{nid}' is not kept")
        elif node["type"] == "atom" and not (isinstance(node.get("text"), str) and node["text"].strip()):
            warn(f"{path}.text: atom '{nid}' has no text; it is not kept")
        elif nid in nodes:
            warn(f"{path}.id: duplicate node id '{nid}' (first at nodes[{nodes[nid][0]}]); the later node is not kept")
        else:
            nodes[nid] = (i, node)
    if data["nodes"] and not nodes:
        raise _fail("no node could be read (see the warnings)", "nodes", filename)
    into: dict[str, list[str]] = defaultdict(list)
    out: dict[str, list[str]] = defaultdict(list)
    for j, edge in enumerate(_list(data, "edges", "edges", filename)):
        if not isinstance(edge, dict):
            warn(f"edges[{j}]: expected an edge object with source_id and target_id; it is not kept")
            continue
        ends = [_key(edge.get(end)) for end in ("source_id", "target_id")]
        bad = [(end, raw) for end, raw in zip(("source_id", "target_id"), ends, strict=True) if raw is None or raw not in nodes]
        if bad:
            end, raw = bad[0]
            what = f"unknown node '{raw}'" if raw is not None else f"no node id ({short_value(edge.get(end))})"
            warn(f"edges[{j}].{end}: edge {short_value(edge.get('id'))} points at {what}; the edge is not kept")
            continue
        out[str(ends[0])].append(str(ends[1]))
        into[str(ends[1])].append(str(ends[0]))
    resources = [r for r in _list(data, "resources", "resources", filename) if isinstance(r, dict) and "id" in r]
    sources = [
        {
            "id": _id(r["id"]),
            "title": r.get("metadata", {}).get("title") if isinstance(r.get("metadata"), dict) else None,
            "text": r["content"] if isinstance(r.get("content"), str) and r["content"].strip() else None,
        }
        for r in resources
    ]
    statements, relations = [], []
    for nid, (i, node) in nodes.items():
        if node["type"] == "atom":
            item: dict[str, Any] = {"id": _id(nid), "kind": "claim", "text": node["text"].strip()}
            anchors = []
            for src in _list(node, "sources", f"nodes[{i}].sources", filename):
                if (
                    isinstance(src, dict)
                    and src.get("resource_id") is not None
                    and isinstance(src.get("text"), str)
                    and src["text"].strip()
                ):
                    anchor = {"source": _id(src["resource_id"]), "quote": src["text"]}
                    if isinstance(src.get("offset"), int) and src["offset"] >= 0:
                        anchor |= {"start": src["offset"], "end": src["offset"] + len(src["text"])}
                    anchors.append(anchor)
            if anchors:
                item["anchors"] = anchors
            if isinstance(node.get("metadata"), dict) and node["metadata"]:
                item["data"] = {"sadface": node["metadata"]}
            statements.append(item)

    def prefers(nid: str) -> bool:
        node = nodes[nid][1]
        return node["type"] == "scheme" and str(node.get("name") or "").strip().lower() == "preference"

    names: dict[str, str] = {}
    for nid, (i, node) in nodes.items():
        if node["type"] != "scheme":
            continue
        name = str(node.get("name") or "support").strip()
        rtype = _TYPES.get(name.lower(), "support")
        premises = [_id(s) for s in into[nid] if nodes[s][1]["type"] == "atom" or (rtype == "preference" and not prefers(s))]
        # an edge from a scheme into a preference scheme names what is preferred: a premise there, no target here
        targets = [t for t in out[nid] if not (prefers(t) and rtype != "preference")]
        if not premises or len(targets) != 1:
            what = "no premises" if not premises else f"{len(targets)} targets (expected one)"
            warn(f"nodes[{i}]: scheme '{nid}' has {what}; it is not kept")
            continue
        target = targets[0]
        if rtype == "attack" and nodes[target][1]["type"] == "scheme":
            rtype = "undercut"
        rel: dict[str, Any] = {"id": _id(nid), "type": rtype, "premises": premises, "target": _id(target)}
        names[rel["id"]] = f"scheme '{nid}' (nodes[{i}])"
        if name.lower() not in _TYPES and len(name) <= 200:
            rel["scheme"] = name
        relations.append(rel)
    relations = repair_relations(relations, {st["id"] for st in statements}, names, warn)
    core = data.get("metadata", {}).get("core", {}) if isinstance(data.get("metadata"), dict) else {}
    result: dict[str, Any] = {"statements": statements, "relations": relations, "sources": sources}
    if (main := infer_main_claim(relations)) is not None:
        result["main_claim"] = main  # SADFace has no main claim either: as AIF, the one conclusion that supports nothing
    if isinstance(core, dict):
        if isinstance(core.get("title"), str) and core["title"].strip():
            result["title"] = core["title"].strip()
        result["metadata"] = {"sadface": {k: v for k, v in core.items() if k != "title"}} if core else {}
    return validate_dropping(result, filename, "SADFace does not make a valid argument map", names, warn)


def read_sadface(path: str | Path) -> ArgumentMap:
    """Read a SADFace JSON file (see :func:`parse_sadface`)."""
    from argmap.formats import load

    return load(path, format="sadface")


def _sniff(text: str) -> bool:
    head = text.lstrip()[:4000]
    return head.startswith("{") and '"source_id"' in text[:20000] and ('"atom"' in head or '"SADFace"' in head or '"core"' in head)


register(
    Format("sadface", (".sadface.json", ".sadface"), "SADFace JSON (read)", parse_sadface, None, _sniff, ("application/x-sadface+json",))
)
