"""SADFace JSON (atoms, schemes, edges, resources), read.

Atoms are claims; a scheme node is a relation whose premises are the atoms with edges into it and whose
target is where its edge goes: ``support`` (or any other scheme name, kept as the scheme) -> support,
``attack``/``conflict`` -> attack (undercut when it targets a scheme), ``rephrase`` -> rephrase,
``preference`` -> preference. Resources become sources; an atom's ``sources`` become its anchors.
"""

from __future__ import annotations

import json
import re
import warnings
from collections import defaultdict
from pathlib import Path
from typing import Any

from argmap.errors import FormatError, FormatWarning, InvalidMapError, Problem
from argmap.formats import Format, register
from argmap.formats._validate import validate_map
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
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise FormatError([Problem(f"JSON syntax error: {err.msg}", file=filename, line=err.lineno, column=err.colno)]) from None
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        raise _fail("expected a JSON object with 'nodes' and 'edges' lists", "nodes", filename)
    nodes: dict[str, tuple[int, dict[str, Any]]] = {}
    for i, node in enumerate(data["nodes"]):
        path = f"nodes[{i}]"
        if not isinstance(node, dict) or "id" not in node:
            raise _fail("expected a node object with 'id' and 'type'", path, filename)
        if node.get("type") not in ("atom", "scheme"):
            raise _fail(f"unknown node type {json.dumps(node.get('type'))}; expected 'atom' or 'scheme'", f"{path}.type", filename)
        if node["type"] == "atom" and not (isinstance(node.get("text"), str) and node["text"].strip()):
            raise _fail("an atom needs its text (a non-empty string)", f"{path}.text", filename)
        if str(node["id"]) in nodes:
            raise _fail(f"duplicate node id '{node['id']}'", f"{path}.id", filename)
        nodes[str(node["id"])] = (i, node)
    into: dict[str, list[str]] = defaultdict(list)
    out: dict[str, list[str]] = defaultdict(list)
    for j, edge in enumerate(_list(data, "edges", "edges", filename)):
        if not isinstance(edge, dict):
            raise _fail("expected an edge object with source_id and target_id", f"edges[{j}]", filename)
        for end in ("source_id", "target_id"):
            if str(edge.get(end)) not in nodes:
                raise _fail(f"unknown node '{edge.get(end)}'", f"edges[{j}].{end}", filename)
        out[str(edge["source_id"])].append(str(edge["target_id"]))
        into[str(edge["target_id"])].append(str(edge["source_id"]))
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
            warnings.warn(f"{filename or 'SADFace'}: nodes[{i}]: scheme '{nid}' has {what}; it is not kept", FormatWarning, stacklevel=2)
            continue
        target = targets[0]
        if rtype == "attack" and nodes[target][1]["type"] == "scheme":
            rtype = "undercut"
        rel: dict[str, Any] = {"id": _id(nid), "type": rtype, "premises": premises, "target": _id(target)}
        if name.lower() not in _TYPES:
            rel["scheme"] = name
        relations.append(rel)
    core = data.get("metadata", {}).get("core", {}) if isinstance(data.get("metadata"), dict) else {}
    result: dict[str, Any] = {"statements": statements, "relations": relations, "sources": sources}
    if isinstance(core, dict):
        if isinstance(core.get("title"), str) and core["title"].strip():
            result["title"] = core["title"].strip()
        result["metadata"] = {"sadface": {k: v for k, v in core.items() if k != "title"}} if core else {}
    try:
        return validate_map(result, file=filename)
    except InvalidMapError as exc:
        raise FormatError(exc.problems, summary=f"{filename or 'input'}: SADFace does not make a valid argument map") from None


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
