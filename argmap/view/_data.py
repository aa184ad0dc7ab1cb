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
    """Everything the page's script needs, as plain data, each fact once.

    A statement's empty fields are left out (no ``title``, ``tags``, ``anchors`` or ``holder`` when it has
    none; ``holder`` is absent for the author), and the relations in and out of each statement are not
    repeated: the page's script derives them from ``relations``. ``evaluations`` maps a semantics name
    to ``{"values": {id: label or strength}, "explanations": {id: text}}``.

    Examples
    --------
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap.model_validate({"statements": [{"id": "a", "claim": "A."}, {"id": "b", "claim": "B.", "holder": "critics"}],
    ...     "relations": [{"attack": "b", "target": "a"}]})
    >>> d = map_data(m, ["en"])
    >>> d["statements"][0]
    {'id': 'a', 'kind': 'claim', 'text': {'en': 'A.'}}
    >>> d["statements"][1]["holder"], d["statements"][1]["holder_key"]
    ({'en': 'critics'}, 'critics')
    >>> d["relations"]
    [{'id': 'r1', 'type': 'attack', 'premises': ['b'], 'target': 'a'}]
    """
    relations: list[dict[str, Any]] = []
    for rel in m.relations:
        item: dict[str, Any] = {"id": rel.id, "type": rel.type, "premises": list(rel.premises), "target": rel.target}
        if rel.scheme:
            item["scheme"] = rel.scheme
        relations.append(item)
    statements: list[dict[str, Any]] = []
    for st in m.statements:
        item = {"id": st.id, "kind": st.kind, "text": dict(st.text)}
        if st.title:
            item["title"] = dict(st.title)
        if st.holder.kind != "author":
            item["holder"] = {lang: holder_name(st.holder, lang) for lang in languages}
            item["holder_key"] = st.holder.name or st.holder.kind
        if st.tags:
            item["tags"] = list(st.tags)
        if st.anchors:
            item["anchors"] = [{"source": a.source, "quote": a.quote, "start": a.start, "end": a.end} for a in st.anchors]
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
