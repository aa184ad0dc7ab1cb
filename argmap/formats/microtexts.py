"""The arg-microtexts corpus XML (``<arggraph>`` with edu, adu and edge elements), read.

EDUs are the source text (a :class:`~argmap.model.Source` holding them joined by spaces); each ADU becomes
a statement whose text is its segments joined, anchored at those segments. An EDU marked ``implicit="true"``
(added by the annotators, not written by the author) is not part of the source text: its ADU's statement is
marked ``implicit`` and has no anchor for it. ``pro``/``opp`` is kept in the
statement's ``data["role"]``, and an ``opp`` ADU is held by the ``opponents`` group. Edges: ``sup`` ->
support, ``exa`` -> support whose premise is example evidence, ``reb`` -> attack, ``und`` -> undercut of
the targeted relation, ``add`` -> an extra premise of the targeted relation (a linked argument). The ADU
that is no edge's source is the central claim and becomes the main claim.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from argmap.errors import FormatError, InvalidMapError, Problem
from argmap.formats import Format, register
from argmap.formats._validate import validate_map
from argmap.model import ArgumentMap

__all__ = ["parse_microtexts", "read_microtexts"]

_RELATION_OF = {"sup": "support", "exa": "support", "reb": "attack", "und": "undercut"}
_EDGE_TYPES = {*_RELATION_OF, "seg", "add"}
_SURROGATE = re.compile("[\ud800-\udfff]")
_GERMAN = re.compile(r"\b(und|die|der|nicht|ist|dass|sollte|werden)\b", re.IGNORECASE)
_ENGLISH = re.compile(r"\b(and|the|not|is|that|should|be)\b", re.IGNORECASE)


def _language(filename: str | None, text: str) -> str:
    if filename:
        folder = Path(filename).parent.name.lower()
        if folder in ("de", "en"):
            return folder
    return "de" if len(_GERMAN.findall(text)) > len(_ENGLISH.findall(text)) else "en"


def parse_microtexts(text: str, *, filename: str | None = None, base_dir: str | None = None) -> ArgumentMap:
    """Parse one arg-microtexts ``<arggraph>`` document into a map.

    Examples
    --------
    >>> m = parse_microtexts('''<arggraph id="micro_x">
    ...   <edu id="e1">Cats are good pets.</edu><edu id="e2">They purr.</edu><edu id="e3">Not at night.</edu>
    ...   <adu id="a1" type="pro"/><adu id="a2" type="pro"/><adu id="a3" type="opp"/>
    ...   <edge id="c1" src="e1" trg="a1" type="seg"/><edge id="c2" src="e2" trg="a2" type="seg"/>
    ...   <edge id="c3" src="e3" trg="a3" type="seg"/>
    ...   <edge id="c4" src="a2" trg="a1" type="sup"/><edge id="c5" src="a3" trg="c4" type="und"/>
    ... </arggraph>''')
    >>> m.main_claim, m.relation("c5").type, m.relation("c5").target, m.statement("a3").holder.label()
    ('a1', 'undercut', 'c4', 'opponents')
    """
    name = filename or "input"

    def fail(message: str, element: ET.Element | None = None) -> FormatError:
        eid = element.get("id") if element is not None else None
        where = "" if element is None else f'<{element.tag} id="{eid[:80]}">' if eid else f"<{element.tag}>"
        return FormatError([Problem(message, path=where, file=filename)], summary=f"{name}: not a valid arg-microtexts file")

    if "<!DOCTYPE" in text[:2000] or "<!ENTITY" in text:
        raise fail("document type declarations and entities are not allowed")
    lone = _SURROGATE.search(text)
    if lone is not None:
        line = text.count("\n", 0, lone.start()) + 1
        column = lone.start() - (text.rfind("\n", 0, lone.start()) + 1) + 1
        raise FormatError(
            [Problem("a lone surrogate (U+D800 to U+DFFF) is not text", file=filename, line=line, column=column)],
            summary=f"{name}: not valid XML",
        )
    try:
        root = ET.fromstring(text)  # noqa: S314 - no DTD or entities (refused above)
    except ET.ParseError as exc:
        line, col = exc.position
        raise FormatError(
            [Problem(f"XML syntax error: {exc.msg}", file=filename, line=line, column=col + 1)], summary=f"{name}: not valid XML"
        ) from None
    if root.tag != "arggraph":
        raise fail(f"expected an <arggraph> root element, found <{root.tag}>")
    edus: dict[str, str] = {}
    implicit: set[str] = set()  # EDUs an annotator added (implicit="true"): not the author's words
    adu_elements: dict[str, ET.Element] = {}
    adus: dict[str, str] = {}
    edges: dict[str, ET.Element] = {}
    for el in root:
        eid = el.get("id")
        if el.tag not in ("edu", "adu", "edge"):
            raise fail(f"unknown element <{el.tag}>; expected edu, adu or edge", el)
        if not eid:
            raise fail(f"<{el.tag}> has no id", el)
        if eid in edus or eid in adus or eid in edges:
            raise fail(f"duplicate id '{eid}'", el)
        if el.tag == "edu":
            edus[eid] = " ".join((el.text or "").split())
            if el.get("implicit", "").strip().lower() == "true":
                implicit.add(eid)
        elif el.tag == "adu":
            if el.get("type") not in ("pro", "opp"):
                raise fail(f"ADU type must be 'pro' or 'opp', not {el.get('type')!r}", el)
            adus[eid] = str(el.get("type"))
            adu_elements[eid] = el
        else:
            if el.get("type") not in _EDGE_TYPES:
                raise fail(f"unknown edge type {el.get('type')!r}; expected one of {', '.join(sorted(_EDGE_TYPES))}", el)
            edges[eid] = el

    # The source: the EDUs joined by spaces, with each EDU's offsets.
    spans: dict[str, tuple[int, int]] = {}
    pieces, pos = [], 0
    for eid, edu_text in edus.items():
        if eid in implicit:
            continue
        spans[eid] = (pos, pos + len(edu_text))
        pieces.append(edu_text)
        pos += len(edu_text) + 1
    source_text = " ".join(pieces)
    source_id = root.get("id") or "text"
    language = _language(filename, source_text)

    segments: dict[str, list[str]] = {a: [] for a in adus}
    for el in edges.values():
        if el.get("type") != "seg":
            continue
        src, trg = el.get("src", ""), el.get("trg", "")
        if src not in edus or trg not in adus:
            raise fail("a seg edge joins an EDU (src) to an ADU (trg)", el)
        segments[trg].append(src)
    extra_premises: dict[str, list[str]] = {}
    for el in edges.values():
        if el.get("type") == "add":
            src, trg = el.get("src", ""), el.get("trg", "")
            if src not in adus or trg not in edges or edges[trg].get("type") in ("seg", "add"):
                raise fail("an add edge joins an ADU (src) to a sup, exa, reb or und edge (trg)", el)
            extra_premises.setdefault(trg, []).append(src)

    examples = {el.get("src") for el in edges.values() if el.get("type") == "exa"}
    order = {e: i for i, e in enumerate(edus)}
    statements: list[dict[str, Any]] = []
    for aid, role in adus.items():
        if not segments[aid]:
            raise fail(f"ADU '{aid}' has no segment (no seg edge from an EDU)", adu_elements[aid])
        segs = sorted(segments[aid], key=order.__getitem__)
        item: dict[str, Any] = {"id": aid, "kind": "claim", "text": " ".join(edus[e] for e in segs), "data": {"role": role}}
        item["anchors"] = [{"source": source_id, "quote": edus[e], "start": spans[e][0], "end": spans[e][1]} for e in segs if e in spans]
        if any(e in implicit for e in segs):
            item["implicit"] = True
        if role == "opp":
            item["holder"] = {"kind": "group", "name": "opponents"}
        if aid in examples:
            item.update(kind="evidence", evidence_type="example")
        statements.append(item)

    relations: list[dict[str, Any]] = []
    sources_of_edges = set()
    for eid, el in edges.items():
        etype = el.get("type", "")
        if etype in ("seg", "add"):
            if etype == "add":
                sources_of_edges.add(el.get("src"))
            continue
        src, trg = el.get("src", ""), el.get("trg", "")
        if src not in adus:
            raise fail(f"a {etype} edge starts at an ADU, not '{src}'", el)
        if etype == "und" and (trg not in edges or edges[trg].get("type") in ("seg", "add")):
            raise fail("an und edge targets a sup, exa, reb or und edge", el)
        if etype != "und" and trg not in adus:
            raise fail(f"a {etype} edge targets an ADU, not '{trg}'", el)
        sources_of_edges.add(src)
        rel: dict[str, Any] = {"id": eid, "type": _RELATION_OF[etype], "premises": [src, *extra_premises.get(eid, [])], "target": trg}
        rel["data"] = {"microtexts": etype}
        relations.append(rel)
    central = [a for a in adus if a not in sources_of_edges]
    if len(central) != 1:
        raise fail(f"expected one central claim (an ADU that is no edge's source), found {len(central)}: {', '.join(central) or 'none'}")
    metadata = {k: v for k, v in root.attrib.items() if k != "id"}
    data = {
        "id": source_id,
        "title": source_id,
        "language": language,
        "main_claim": central[0],
        "sources": [{"id": source_id, "title": source_id, "language": language, "text": source_text}],
        "statements": statements,
        "relations": relations,
        "metadata": {"corpus": "arg-microtexts", **metadata},
    }
    try:
        return validate_map(data, file=filename)
    except InvalidMapError as exc:
        raise FormatError(exc.problems, summary=f"{name}: does not make a valid argument map") from None


def read_microtexts(path: str | Path) -> ArgumentMap:
    """Read one arg-microtexts XML file (see :func:`parse_microtexts`)."""
    from argmap.formats import load

    return load(path, format="microtexts")


def _sniff(text: str) -> bool:
    return "<arggraph" in text[:1000]


register(
    Format(
        "microtexts", (".microtexts.xml", ".xml"), "arg-microtexts corpus XML (read)", parse_microtexts, None, _sniff, ("application/xml",)
    )
)
