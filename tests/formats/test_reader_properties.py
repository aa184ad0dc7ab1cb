"""Round-trip properties for the read-only formats: random documents written the peer's way read back into what they say.

Kialo and microtexts documents are drawn as random trees; SADFace documents are drawn from random maps.
Each test builds the document and the map it must give side by side, then compares.
"""

from __future__ import annotations

import json
from typing import Any

from formats_strategies import maps_with_extras
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.formats.kialo import parse_kialo
from argmap.formats.microtexts import parse_microtexts
from argmap.formats.sadface import parse_sadface
from argmap.model import ArgumentMap

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_words = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz ÄéüßABC,.;!?'\"%&<>"), min_size=1, max_size=30).map(str.strip).filter(bool)


@st.composite
def kialo_documents(draw: st.DrawFn) -> tuple[str, dict[str, str], set[tuple[str, str, str]]]:
    """(text, {id: claim text}, {(type, premise, target)})."""
    numbers = ["1."]
    texts = {"k1": draw(_words)}
    lines = ["Discussion Title: " + draw(_words), "", f"1. {texts['k1']}"]
    relations: set[tuple[str, str, str]] = set()
    links: dict[str, str] = {}

    def claim(number: str) -> str:
        while number in links:
            number = links[number]
        return "k" + number[:-1]

    for _ in range(draw(st.integers(0, 12))):
        parent = draw(st.sampled_from(numbers))
        number = f"{parent}{sum(1 for n in numbers if n.startswith(parent) and n.count('.') == parent.count('.') + 1) + 1}."
        stance = draw(st.sampled_from(["Pro", "Con"]))
        kind = "support" if stance == "Pro" else "attack"
        others = [n for n in numbers if n != parent]
        if others and draw(st.integers(0, 4)) == 0:
            linked = draw(st.sampled_from(others))
            lines.append(f"{number} {stance}: -> See {linked}")
            links[number] = linked
            if claim(number) == claim(parent):
                return draw(kialo_documents())  # a link back to its own parent: Kialo never writes one
            relations.add((kind, claim(number), claim(parent)))
        else:
            text = draw(_words)
            if draw(st.integers(0, 3)) == 0:
                second = draw(_words)
                lines += [f"{number} {stance}: {text}", second]
                text = f"{text}\n{second}"
            else:
                lines.append(f"{number} {stance}: {text}")
            texts["k" + number[:-1]] = text
            relations.add((kind, "k" + number[:-1], claim(parent)))
        numbers.append(number)
    return "\n".join(lines) + "\n", texts, relations


@PROPERTY
@given(kialo_documents())
def test_kialo_trees(doc: tuple[str, dict[str, str], set[tuple[str, str, str]]]) -> None:
    text, texts, relations = doc
    m = parse_kialo(text)
    assert {s.id: s.text_in() for s in m.statements} == texts
    assert {(r.type, r.premises[0], r.target) for r in m.relations} == relations
    assert m.main_claim == "k1"


@st.composite
def microtexts_documents(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """(XML, expected counts and relations)."""
    n = draw(st.integers(1, 8))
    roles = [draw(st.sampled_from(["pro", "opp"])) for _ in range(n)]
    texts = [draw(_words) for _ in range(n)]
    edges: list[tuple[str, str, str, str]] = []  # (id, src, trg, type)
    free = list(range(2, n + 1))  # ADUs that still have no outgoing edge; a1 is the central claim
    count = 0
    while free:
        a = free.pop(0)
        count += 1
        argumentative = [e for e in edges if e[3] in ("sup", "exa", "reb", "und")]
        choice = draw(st.sampled_from(["sup", "exa", "reb", "und", "add"]))
        if choice in ("und", "add") and argumentative:
            target = draw(st.sampled_from(argumentative))[0]
        else:
            choice = choice if choice in ("sup", "exa", "reb") else "sup"
            target = f"a{draw(st.integers(1, a - 1))}"
        edges.append((f"c{count}", f"a{a}", target, choice))
    body = [f'<arggraph id="micro_x{n}">']
    body += [f'  <edu id="e{i + 1}"><![CDATA[{t}]]></edu>' for i, t in enumerate(texts)]
    body += [f'  <adu id="a{i + 1}" type="{r}"/>' for i, r in enumerate(roles)]
    body += [f'  <edge id="s{i + 1}" src="e{i + 1}" trg="a{i + 1}" type="seg"/>' for i in range(n)]
    body += [f'  <edge id="{i}" src="{s}" trg="{t}" type="{k}"/>' for i, s, t, k in edges]
    body.append("</arggraph>")
    expected = {
        "texts": {f"a{i + 1}": " ".join(t.split()) for i, t in enumerate(texts)},  # the reader folds white space in EDUs
        "relations": {i: (k, s, t) for i, s, t, k in edges if k != "add"},
        "adds": {(s, t) for i, s, t, k in edges if k == "add"},
        "examples": {s for i, s, t, k in edges if k == "exa"},
        "opp": {f"a{i + 1}" for i, r in enumerate(roles) if r == "opp"},
    }
    return "\n".join(body), expected


@PROPERTY
@given(microtexts_documents())
def test_microtexts_graphs(doc: tuple[str, dict[str, Any]]) -> None:
    xml, expected = doc
    m = parse_microtexts(xml)
    assert {s.id: s.text_in() for s in m.statements} == expected["texts"]
    kinds = {"sup": "support", "exa": "support", "reb": "attack", "und": "undercut"}
    assert {r.id: (r.type, r.premises[0], r.target) for r in m.relations} == {
        i: (kinds[k], s, t) for i, (k, s, t) in expected["relations"].items()
    }
    assert {(p, r.id) for r in m.relations for p in r.premises[1:]} == expected["adds"]
    assert {s.id for s in m.statements if s.kind == "evidence"} == expected["examples"]
    assert {s.id for s in m.statements if not s.holder.is_author} == expected["opp"]
    assert m.main_claim == "a1"


def _sadface(m: ArgumentMap) -> str:
    nodes: list[dict[str, Any]] = [{"id": s.id, "type": "atom", "text": s.text_in(m.language), "metadata": {}} for s in m.statements]
    names = {"support": "support", "attack": "attack", "undercut": "attack", "rephrase": "rephrase", "preference": "preference"}
    edges = []
    for r in m.relations:
        nodes.append({"id": r.id, "type": "scheme", "name": r.scheme if r.type == "support" and r.scheme else names[r.type]})
        edges += [{"id": f"{p}>{r.id}", "source_id": p, "target_id": r.id} for p in r.premises]
        edges.append({"id": f"{r.id}>{r.target}", "source_id": r.id, "target_id": r.target})
    return json.dumps({"metadata": {"core": {"title": m.title or "untitled"}}, "resources": [], "nodes": nodes, "edges": edges})


@PROPERTY
@given(maps_with_extras())
def test_sadface_from_random_maps(m: ArgumentMap) -> None:
    back = parse_sadface(_sadface(m))
    assert {s.id: s.text_in() for s in back.statements} == {s.id: s.text_in(m.language).strip() for s in m.statements}
    assert {r.id: (r.type, r.premises, r.target, r.scheme) for r in back.relations} == {
        r.id: (r.type, r.premises, r.target, r.scheme if r.type == "support" else None) for r in m.relations
    }
