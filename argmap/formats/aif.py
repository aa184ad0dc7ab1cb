"""AIF JSON (AIFdb's nodes/edges/locutions) and the OVA3/xAIF ``{"AIF": ..., "OVA": ...}`` envelope, read and write.

I-nodes are statements; RA -> support (scheme kept), CA -> attack (undercut when it targets an S-node),
MA -> rephrase, PA -> preference. A locution's speaker (L -> YA -> I) becomes the holder of the statement it
introduces; the dialogue nodes (L, YA, TA) and locutions are kept in the map's metadata and written back.
What AIF has no field for (evidence types, notes, tags, strengths, sources...) travels in an ``argmap``
key on each node, which other AIF tools ignore, so argmap -> AIF -> argmap is lossless.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from argmap._util import paused_gc
from argmap.errors import FormatError, Problem
from argmap.formats import Format, register
from argmap.formats._interchange import Warner, infer_main_claim, load_json, repair_relations, short_value, validate_dropping
from argmap.model import ArgumentMap

__all__ = ["dump_aif", "parse_aif", "read_aif", "write_aif"]

_S_TYPES = {"RA": "support", "CA": "attack", "MA": "rephrase", "PA": "preference"}
_DIALOGUE = {"L", "YA", "TA"}
_DEFAULT_TEXT = {"support": "Default Inference", "attack": "Default Conflict", "undercut": "Default Conflict"}
_DEFAULT_TEXT |= {"rephrase": "Default Rephrase", "preference": "Default Preference"}
_DEFAULTS = {v.lower() for v in _DEFAULT_TEXT.values()} | {"", "default transition", "default illocuting", "ra", "ca", "ma", "pa"}
_MAX_SCHEME = 200
_TYPE_OF = {"support": "RA", "attack": "CA", "undercut": "CA", "rephrase": "MA", "preference": "PA"}
_STATEMENT_EXTRA = ("kind", "evidence_type", "title", "holder", "tags", "note", "anchors", "base_score", "data", "text")
_RELATION_EXTRA = ("strength", "note", "tags", "data")
_NOT_ID = re.compile(r"[^\w.:\-]+")


def _fail(message: str, path: str, filename: str | None) -> FormatError:
    return FormatError([Problem(message, path=path, file=filename)], summary=f"{filename or 'input'}: not valid AIF")


class _Reader:
    def __init__(self, aif: dict[str, Any], filename: str | None, prefix: str) -> None:
        self.aif, self.file, self.prefix = aif, filename, prefix
        self.warn = Warner(filename, "AIF")
        self.ids: dict[str, str] = {}
        self.taken: set[str] = set()
        self.nodes: dict[str, tuple[int, dict[str, Any]]] = {}
        self.edges: list[dict[str, Any]] = []  # the edges kept: both ends are known nodes
        self.into: dict[str, list[str]] = defaultdict(list)
        self.out: dict[str, list[str]] = defaultdict(list)
        self.paths: dict[str, str] = {}  # "statements[i]" -> JSON path of its node
        self.names: dict[str, str] = {}  # relation id -> "RA node '12' (nodes[4])", for warnings
        self.origin: dict[str, str] = {}  # relation id -> the nodeID of its S-node

    @staticmethod
    def key(raw: Any) -> str | None:
        """A node id as a string (AIF writes strings or numbers), or None for anything else."""
        kind = type(raw)
        if kind is str:
            return raw  # type: ignore[no-any-return]
        return str(raw) if kind is int else None

    def index(self) -> None:
        nodes, edges = self.aif.get("nodes"), self.aif.get("edges", [])
        if not isinstance(nodes, list):
            raise _fail("expected a list of nodes", f"{self.prefix}nodes", self.file)
        if not isinstance(edges, list):
            raise _fail("expected a list of edges", f"{self.prefix}edges", self.file)
        for i, node in enumerate(nodes):
            path = f"{self.prefix}nodes[{i}]"
            if not isinstance(node, dict):
                self.warn(f"{path}: expected a node object with nodeID, text and type; it is not kept")
                continue
            nid = self.key(node.get("nodeID"))
            ntype = node.get("type")
            if nid is None:
                got = short_value(node.get("nodeID"))
                self.warn(f"{path}.nodeID: expected a node id (string or number), got {got}; the node is not kept")
            elif not isinstance(ntype, str) or (ntype not in _S_TYPES and ntype not in _DIALOGUE and ntype != "I"):
                expected = "expected I, RA, CA, MA, PA, L, YA, TA"
                self.warn(f"{path}.type: unknown node type {short_value(ntype)} ({expected}); node '{nid}' is not kept")
            elif nid in self.nodes:
                first = f"{self.prefix}nodes[{self.nodes[nid][0]}]"
                self.warn(f"{path}.nodeID: duplicate nodeID '{nid}' (first at {first}); the later node is not kept")
            elif ntype == "I" and not (isinstance(node.get("text"), str) and node["text"].strip()):
                self.warn(f"{path}.text: I-node '{nid}' has no text; it is not kept")
            else:
                self.nodes[nid] = (i, node)
        if nodes and not self.nodes:
            raise _fail("no node could be read (see the warnings)", f"{self.prefix}nodes", self.file)
        known, key = self.nodes, self.key
        for j, edge in enumerate(edges):
            if type(edge) is dict and (src := key(edge.get("fromID"))) in known and (dst := key(edge.get("toID"))) in known:
                self.edges.append(edge)  # the usual case, checked cheaply; anything else is explained below
                self.out[src].append(dst)  # type: ignore[index]
                self.into[dst].append(src)  # type: ignore[index]
                continue
            path = f"{self.prefix}edges[{j}]"
            if not isinstance(edge, dict):
                self.warn(f"{path}: expected an edge object with fromID and toID; it is not kept")
                continue
            ends = [self.key(edge.get(end)) for end in ("fromID", "toID")]
            missing = [(end, raw) for end, raw in zip(("fromID", "toID"), ends, strict=True) if raw is None or raw not in self.nodes]
            if missing:
                end, raw = missing[0]
                what = f"unknown node '{raw}'" if raw is not None else f"no node id ({short_value(edge.get(end))})"
                self.warn(f"{path}.{end}: edge {short_value(edge.get('edgeID'))} points at {what}; the edge is not kept")
                continue
            src, dst = str(ends[0]), str(ends[1])
            self.edges.append(edge)
            self.out[src].append(dst)
            self.into[dst].append(src)

    def map_id(self, nid: str) -> str:
        if nid not in self.ids:
            base = nid if re.fullmatch(r"\w[\w.:\-]{0,127}", nid) else ("n" + _NOT_ID.sub("-", nid))[:120]
            new, n = base, 1
            while new in self.taken:
                n += 1
                new = f"{base}-{n}"
            self.taken.add(new)
            self.ids[nid] = new
        return self.ids[nid]

    def type_of(self, nid: str) -> str:
        return str(self.nodes[nid][1]["type"])

    def build(self, top: dict[str, Any]) -> dict[str, Any]:
        holders = self._speakers()
        statements: list[dict[str, Any]] = []
        relations: list[dict[str, Any]] = []
        for nid, (i, node) in self.nodes.items():
            if node["type"] != "I":
                continue
            extra = _extra(node)
            item: dict[str, Any] = {"id": self.map_id(nid), "kind": "claim", "text": node["text"]}
            if nid in holders:
                item["holder"] = holders[nid]
            item.update({k: extra[k] for k in _STATEMENT_EXTRA if k in extra})
            self.paths[f"statements[{len(statements)}]"] = f"{self.prefix}nodes[{i}]"
            statements.append(item)
        for nid, (i, node) in self.nodes.items():
            if node["type"] in _S_TYPES:
                relations += self._relations(nid, node, f"{self.prefix}nodes[{i}]")
        relations = repair_relations(relations, {st["id"] for st in statements}, self.names, self.warn)
        out: dict[str, Any] = {"statements": statements, "relations": relations}
        ext = top.get("argmap") if isinstance(top.get("argmap"), dict) else None
        if ext is not None:
            out.update({k: ext[k] for k in ("id", "title", "titles", "language", "main_claim", "sources", "metadata") if k in ext})
        elif (main := infer_main_claim(relations)) is not None:
            out["main_claim"] = main  # AIF has no main claim: the one conclusion that supports nothing
        kept = {self.origin[r["id"]] for r in relations} | {nid for nid, (_, n) in self.nodes.items() if n["type"] == "I"}
        metadata = dict(out.get("metadata") or {})
        dialogue = self._dialogue(kept)
        if dialogue:
            metadata["aif_dialogue"] = dialogue
        extra_keys = {k: v for k, v in self.aif.items() if k not in ("nodes", "edges", "locutions", "participants", "argmap")}
        if extra_keys:
            metadata["aif_extra"] = extra_keys
        if metadata:
            out["metadata"] = metadata
        return out

    def _relations(self, nid: str, node: dict[str, Any], path: str) -> list[dict[str, Any]]:
        rtype = _S_TYPES[node["type"]]
        premises: list[str] = []
        for src in self.into[nid]:
            kind = self.type_of(src)
            if kind == "I" or (kind in _S_TYPES and self._premise_edge(src, nid)):
                premises.append(self.map_id(src))
        targets = [
            dst for dst in self.out[nid] if self.type_of(dst) == "I" or (self.type_of(dst) in _S_TYPES and not self._premise_edge(nid, dst))
        ]
        name = f"{node['type']} node '{nid}' ({path})"
        if not premises or not targets:
            self.warn(f"{path}: {node['type']} node '{nid}' has no {'premises' if not premises else 'conclusion'}; it is not kept")
            return []
        if len(targets) > 1:
            self.warn(f"{path}: {node['type']} node '{nid}' has {len(targets)} conclusions; kept as one relation per conclusion")
        extra = _extra(node)
        scheme = node.get("scheme") if isinstance(node.get("scheme"), str) else node.get("text") if "scheme" not in node else None
        scheme = scheme.strip() if isinstance(scheme, str) and scheme.strip().lower() not in _DEFAULTS else None
        if scheme is not None and len(scheme) > _MAX_SCHEME:
            self.warn(f"{path}: the scheme name of {name} has {len(scheme):,} characters (limit {_MAX_SCHEME}); it is not kept")
            scheme = None
        items = []
        for k, target in enumerate(targets):
            kind = "undercut" if rtype == "attack" and self.type_of(target) in _S_TYPES else rtype
            item: dict[str, Any] = {"id": self.map_id(nid if k == 0 else f"{nid}.{k + 1}"), "type": kind, "premises": premises}
            self.names[item["id"]], self.origin[item["id"]] = name, nid
            item["target"] = self.map_id(target)
            if scheme:
                item["scheme"] = scheme
            item.update({key: extra[key] for key in _RELATION_EXTRA if key in extra})
            items.append(item)
        return items

    def _premise_edge(self, src: str, dst: str) -> bool:
        """Whether an edge between two S-nodes gives ``dst`` a premise (a relation preferred by a PA node).

        Otherwise it is the conclusion of ``src``: a CA node undercutting, a PA node preferring over a relation.
        """
        return self.type_of(dst) == "PA" and self.type_of(src) != "PA"

    def _speakers(self) -> dict[str, Any]:
        """Holder of each I-node introduced by a locution (L -> YA -> I), from its participant or its text."""
        people = {}
        for p in _objects(self.aif.get("participants")):
            if isinstance(p, dict) and "participantID" in p:
                full = " ".join(str(p.get(k) or "").strip() for k in ("firstname", "surname")).strip()
                if full:
                    people[str(p["participantID"])] = full
        speaker = {}
        for loc in _objects(self.aif.get("locutions")):
            if isinstance(loc, dict) and str(loc.get("personID")) in people:
                speaker[str(loc.get("nodeID"))] = people[str(loc["personID"])]
        holders: dict[str, Any] = {}
        for nid, (_, node) in self.nodes.items():
            if node["type"] != "L":
                continue
            name = speaker.get(nid)
            if name is None and isinstance(node.get("text"), str) and " : " in node["text"]:
                name = node["text"].split(" : ", 1)[0].strip()
            if not name:
                continue
            for ya in self.out[nid]:
                if self.type_of(ya) != "YA":
                    continue
                for target in self.out[ya]:
                    if self.type_of(target) == "I":
                        holders.setdefault(target, name)
        return holders

    def _dialogue(self, kept: set[str]) -> dict[str, Any]:
        """The dialogue nodes (L, YA, TA), their edges among themselves and to kept I- and S-nodes, locutions, participants."""

        def generated(item: Any) -> bool:
            return isinstance(item, dict) and isinstance(item.get("argmap"), dict) and bool(item["argmap"].get("generated"))

        nodes = [n for _, n in self.nodes.values() if n["type"] in _DIALOGUE and not generated(n)]
        keep = {str(n["nodeID"]) for n in nodes}
        edges = []
        for e in self.edges:
            ends = str(e.get("fromID")), str(e.get("toID"))
            if (ends[0] in keep or ends[1] in keep) and all(end in keep or end in kept for end in ends):
                edges.append(dict(e))
        out: dict[str, Any] = {}
        for key, items in (("nodes", nodes), ("edges", edges)):
            if items:
                out[key] = items
        for key in ("locutions", "participants"):
            items = [x for x in _objects(self.aif.get(key)) if not generated(x)]
            if items:
                out[key] = items
        return out


def parse_aif(text: str, *, filename: str | None = None, base_dir: str | None = None) -> ArgumentMap:
    """Parse AIF JSON, or OVA3/xAIF's ``{"AIF": ..., "OVA": ...}``, into a map.

    Examples
    --------
    >>> m = parse_aif('''{"nodes": [
    ...   {"nodeID": "1", "text": "Cats are good pets", "type": "I"},
    ...   {"nodeID": "2", "text": "Cats purr", "type": "I"},
    ...   {"nodeID": "3", "text": "Default Inference", "type": "RA"},
    ...   {"nodeID": "4", "text": "Bob : Cats purr", "type": "L"},
    ...   {"nodeID": "5", "text": "Asserting", "type": "YA"}],
    ...  "edges": [{"edgeID": "1", "fromID": "2", "toID": "3"}, {"edgeID": "2", "fromID": "3", "toID": "1"},
    ...            {"edgeID": "3", "fromID": "4", "toID": "5"}, {"edgeID": "4", "fromID": "5", "toID": "2"}],
    ...  "locutions": []}''')
    >>> m.relation("3").type, m.relation("3").premises, m.main_claim, m.statement("2").holder.label()
    ('support', ('2',), '1', 'Bob')
    """
    with paused_gc():  # many small objects, all kept: the collector would only walk them again and again
        return _parse(text, filename)


def _parse(text: str, filename: str | None) -> ArgumentMap:
    data = load_json(text, filename)
    prefix, top = "", data
    if isinstance(data, dict) and isinstance(data.get("AIF"), dict):
        prefix, top = "AIF.", data["AIF"]
    if not isinstance(top, dict):
        raise _fail("expected a JSON object with 'nodes' and 'edges'", prefix.rstrip("."), filename)
    reader = _Reader(top, filename, prefix)
    reader.index()
    out = reader.build(top)
    if prefix:
        envelope = {k: v for k, v in data.items() if k != "AIF"}
        out["metadata"] = {**(out.get("metadata") or {}), "ova": envelope}
    try:
        return validate_dropping(out, filename, "AIF does not make a valid argument map", reader.names, reader.warn, reader.paths)
    finally:
        reader.warn.close()


def _node(nid: str, text: str, ntype: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    node: dict[str, Any] = {"nodeID": nid, "text": text, "type": ntype}
    if extra:
        node["argmap"] = extra
    return node


def dump_aif(amap: ArgumentMap, *, indent: int | None = 2) -> str:
    """The map as AIF JSON (in the OVA envelope when it was read from one).

    Examples
    --------
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap.model_validate({"statements": [{"id": "c1", "claim": "A"}, {"id": "e1", "claim": "B"}],
    ...     "relations": [{"attack": "e1", "target": "c1"}]})
    >>> [n["type"] for n in json.loads(dump_aif(m))["nodes"]]
    ['I', 'I', 'CA']
    >>> parse_aif(dump_aif(m)) == m
    True
    """
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    locutions: list[dict[str, Any]] = []
    participants: list[dict[str, Any]] = []
    taken = {st.id for st in amap.statements} | {r.id for r in amap.relations}
    people: dict[str, str] = {}
    spoken = _spoken(amap.metadata.get("aif_dialogue"))
    kept = amap.metadata.get("aif_dialogue")
    taken |= {str(n.get("nodeID")) for n in _objects(kept.get("nodes") if isinstance(kept, dict) else None)}
    for st in amap.statements:
        dumped = st.model_dump(mode="json", exclude_none=True)
        extra = {k: dumped[k] for k in _STATEMENT_EXTRA if k in dumped and dumped[k] not in ([], {}, None)}
        extra.pop("text", None)
        extra.pop("holder", None)
        if st.kind == "claim":
            extra.pop("kind")
        if list(st.text) != [amap.language]:
            extra["text"] = dict(st.text)
        if not st.holder.is_author:
            extra["holder"] = {k: v for k, v in dumped["holder"].items() if v not in ({}, None)}
        text = st.text_in(amap.language)
        nodes.append(_node(st.id, text, "I", extra))
        if not st.holder.is_author and st.id not in spoken:
            name = st.holder.label()
            if name not in people:
                people[name] = str(len(people) + 1)
                participants.append({"participantID": people[name], "firstname": name, "surname": "", "argmap": {"generated": True}})
            lid, yid = _fresh(f"{st.id}.L", taken), _fresh(f"{st.id}.YA", taken)
            nodes += [_node(lid, f"{name} : {text}", "L", {"generated": True}), _node(yid, "Asserting", "YA", {"generated": True})]
            edges += [{"fromID": lid, "toID": yid}, {"fromID": yid, "toID": st.id}]
            locutions.append({"nodeID": lid, "personID": people[name], "argmap": {"generated": True}})
    for rel in amap.relations:
        dumped = rel.model_dump(mode="json", exclude_none=True)
        extra = {k: dumped[k] for k in _RELATION_EXTRA if k in dumped and dumped[k] not in ([], {}, None)}
        node = _node(rel.id, rel.scheme or _DEFAULT_TEXT[rel.type], _TYPE_OF[rel.type], extra)
        if rel.scheme:
            node["scheme"] = rel.scheme
        nodes.append(node)
        edges += [{"fromID": p, "toID": rel.id} for p in rel.premises]
        edges.append({"fromID": rel.id, "toID": rel.target})
    metadata = dict(amap.metadata)
    dialogue = metadata.pop("aif_dialogue", None)
    extra_keys = metadata.pop("aif_extra", None)
    envelope = metadata.pop("ova", None)
    if isinstance(dialogue, dict):
        nodes += _objects(dialogue.get("nodes"))
        edges += _objects(dialogue.get("edges"))
        locutions += _objects(dialogue.get("locutions"))
        participants += _objects(dialogue.get("participants"))
    written = {str(n.get("nodeID")) for n in nodes}
    edges = [e for e in edges if str(e.get("fromID")) in written and str(e.get("toID")) in written]  # never a dangling edge
    for k, edge in enumerate(edges):
        edge.setdefault("edgeID", f"e{k + 1}")
    aif: dict[str, Any] = {"nodes": nodes, "edges": edges, "locutions": locutions}
    if participants:
        aif["participants"] = participants
    if isinstance(extra_keys, dict):
        aif.update({k: v for k, v in extra_keys.items() if k not in aif})
    head = amap.model_dump(mode="json", include={"id", "title", "titles", "language", "main_claim", "sources"}, exclude_none=True)
    head["main_claim"] = amap.main_claim
    head = {k: v for k, v in head.items() if v not in ([], {})}
    if metadata:
        head["metadata"] = metadata
    aif["argmap"] = head
    out: dict[str, Any] = aif
    if isinstance(envelope, dict):
        out = {"AIF": aif, **{k: v for k, v in envelope.items() if k != "AIF"}}
    return json.dumps(out, ensure_ascii=False, indent=indent) + "\n"


def _spoken(dialogue: Any) -> set[str]:
    """The I-nodes that the kept dialogue already introduces by a locution (L -> YA -> I)."""
    if not isinstance(dialogue, dict):
        return set()
    ya = {str(n.get("nodeID")) for n in _objects(dialogue.get("nodes")) if n.get("type") == "YA"}
    return {str(e.get("toID")) for e in _objects(dialogue.get("edges")) if str(e.get("fromID")) in ya}


def _objects(value: Any) -> list[dict[str, Any]]:
    return [dict(x) for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def _extra(node: dict[str, Any]) -> dict[str, Any]:
    value = node.get("argmap")
    return value if isinstance(value, dict) else {}


def _fresh(base: str, taken: set[str]) -> str:
    new, n = base, 1
    while new in taken:
        n += 1
        new = f"{base}{n}"
    taken.add(new)
    return new


def read_aif(path: str | Path) -> ArgumentMap:
    """Read an AIF or OVA3 JSON file (see :func:`parse_aif`)."""
    from argmap.formats import load

    return load(path, format="aif")


def write_aif(amap: ArgumentMap, path: str | Path) -> Path:
    """Write the map as AIF JSON, atomically."""
    from argmap.formats import save

    return save(amap, path, format="aif")


def _sniff(text: str) -> bool:
    head = text.lstrip()[:4000]
    return head.startswith("{") and ('"AIF"' in head or ('"nodeID"' in head and '"nodes"' in head))


register(
    Format(
        "aif",
        (".aif.json", ".aif", ".ova.json", ".xaif.json"),
        "AIF JSON (AIFdb nodes, edges and locutions; OVA3/xAIF envelope)",
        parse_aif,
        dump_aif,
        _sniff,
        ("application/vnd.aif+json",),
    )
)
