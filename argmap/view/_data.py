"""The map as the view's data: statements, relations and sources as plain JSON-ready dicts."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from argmap.model import ArgumentMap, Holder

__all__ = ["holder_name", "map_data", "script_json"]


def script_json(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>``: ``<``, ``>`` and ``&`` become ``\\u003c`` and so on.

    Examples
    --------
    >>> text = script_json({"label": "</script><b>"})
    >>> "<" in text, text.startswith('{"label":"\\\\u003c/script')
    (False, True)
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def holder_name(holder: Holder, lang: str) -> str:
    """The holder as a reader sees it: ``author``, or the group's or person's name in ``lang``."""
    if holder.kind == "author":
        return "author"
    return holder.names.get(lang) or holder.name or holder.kind


def map_data(
    m: ArgumentMap,
    languages: list[str],
    evaluations: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """Everything the page's script needs, as plain data.

    ``evaluations`` maps a semantics name to ``{"values": {id: label or strength}, "explanations": {id: text}}``.
    """
    incoming: dict[str, list[dict[str, Any]]] = {st.id: [] for st in m.statements}
    outgoing: dict[str, list[dict[str, Any]]] = {st.id: [] for st in m.statements}
    relations: list[dict[str, Any]] = []
    for rel in m.relations:
        relations.append({"id": rel.id, "type": rel.type, "premises": list(rel.premises), "target": rel.target, "scheme": rel.scheme})
        for p in rel.premises:
            if p in outgoing:
                outgoing[p].append({"rel": rel.id, "type": rel.type, "other": rel.target})
        if rel.target in incoming:
            incoming[rel.target].append({"rel": rel.id, "type": rel.type, "others": list(rel.premises)})
    statements: list[dict[str, Any]] = []
    for st in m.statements:
        item: dict[str, Any] = {
            "id": st.id,
            "kind": st.kind,
            "text": dict(st.text),
            "title": dict(st.title),
            "holder": {lang: holder_name(st.holder, lang) for lang in languages},
            "holder_key": st.holder.name or st.holder.kind,
            "tags": list(st.tags),
            "anchors": [{"source": a.source, "quote": a.quote, "start": a.start, "end": a.end} for a in st.anchors],
            "in": incoming[st.id],
            "out": outgoing[st.id],
        }
        if st.kind == "evidence":
            item["evidence_type"] = st.evidence_type
        if st.note:
            item["note"] = st.note
        if st.implicit:
            item["implicit"] = True
        statements.append(item)
    return {
        "id": m.id,
        "title": {lang: m.title_in(lang) or m.id for lang in languages},
        "language": m.language,
        "languages": languages,
        "main": m.main_claim,
        "statements": statements,
        "relations": relations,
        "sources": [{"id": s.id, "title": s.title, "has_text": s.text is not None} for s in m.sources],
        "evaluations": dict(evaluations or {}),
    }
