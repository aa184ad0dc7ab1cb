"""AIF JSON and the OVA3 envelope: the node mapping, speakers as holders, dialogue kept, errors by JSON path, round trips."""

from __future__ import annotations

import json
import time
import warnings
from pathlib import Path

import pytest
from formats_strategies import maps_with_extras
from hypothesis import HealthCheck, given, settings

import argmap
from argmap.errors import FormatError, FormatWarning
from argmap.formats.aif import dump_aif, parse_aif, read_aif, write_aif
from argmap.model import ArgumentMap

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def sample() -> ArgumentMap:
    return read_aif(FIXTURES / "sample.aif.json")


def test_node_types_map_to_relations(sample: ArgumentMap) -> None:
    rels = {r.id: (r.type, r.premises, r.target, r.scheme) for r in sample.relations}
    assert rels == {
        "10": ("support", ("2",), "1", "Argument from Positive Consequences"),  # RA, scheme name kept
        "11": ("attack", ("3",), "1", None),  # CA on an I-node; "Default Conflict" is no scheme
        "12": ("undercut", ("4",), "11", None),  # CA on an S-node
        "13": ("rephrase", ("5",), "1", None),  # MA
        "14": ("preference", ("10",), "11", None),  # PA between two S-nodes
    }
    assert [s.id for s in sample.statements] == ["1", "2", "3", "4", "5"]


def test_speakers_become_holders(sample: ArgumentMap) -> None:
    assert sample.statement("1").holder.label() == "Ann Archer"  # from the participant of the locution
    assert sample.statement("3").holder.label() == "Bob"
    assert sample.statement("2").holder.is_author


def test_main_claim_is_the_one_final_conclusion(sample: ArgumentMap) -> None:
    assert sample.main_claim == "1"


def test_dialogue_nodes_are_kept_and_written_back(sample: ArgumentMap) -> None:
    dialogue = sample.metadata["aif_dialogue"]
    assert isinstance(dialogue, dict)
    assert sorted(n["type"] for n in dialogue["nodes"]) == ["L", "L", "TA", "YA", "YA"]  # type: ignore[index,union-attr]
    assert len(dialogue["edges"]) == 6 and len(dialogue["locutions"]) == 2  # type: ignore[arg-type]
    again = json.loads(dump_aif(sample))
    original = json.loads((FIXTURES / "sample.aif.json").read_text())
    assert {n["nodeID"] for n in original["nodes"]} == {n["nodeID"] for n in again["nodes"]}
    assert {(e["fromID"], e["toID"]) for e in original["edges"]} == {(e["fromID"], e["toID"]) for e in again["edges"]}
    assert parse_aif(dump_aif(sample)).model_dump() == sample.model_dump()


def test_ova_envelope_read_and_written_back() -> None:
    m = read_aif(FIXTURES / "sample.ova.json")
    assert (m.relation("3").type, m.relation("3").premises, m.relation("3").target) == ("support", ("2",), "1")
    out = json.loads(dump_aif(m))
    assert set(out) == {"AIF", "OVA", "text"} and out["OVA"]["nodes"] == [{"nodeID": 1, "x": 10, "y": 20}]
    assert out["AIF"]["schemefulfillments"] == []
    assert parse_aif(dump_aif(m)).model_dump() == m.model_dump()


def test_holders_written_as_locutions() -> None:
    m = ArgumentMap.model_validate({"statements": [{"id": "c1", "claim": "A", "holder": "Geert Lovink"}, {"id": "c2", "claim": "B"}]})
    out = json.loads(dump_aif(m))
    assert [n["text"] for n in out["nodes"] if n["type"] == "L"] == ["Geert Lovink : A"]
    assert out["participants"][0]["firstname"] == "Geert Lovink"
    # a tool that knows only AIF sees the speaker through the L -> YA -> I chain
    plain = {"nodes": [{k: v for k, v in n.items() if k != "argmap"} for n in out["nodes"]], "edges": out["edges"]}
    assert parse_aif(json.dumps(plain)).statement("c1").holder.label() == "Geert Lovink"


def test_file_level_errors_name_the_json_path() -> None:
    for doc, path, expected in [
        ({"nodes": {}}, "nodes", "expected a list of nodes"),
        ({"nodes": [], "edges": 3}, "edges", "expected a list of edges"),
        ({"nodes": [{"nodeID": None, "type": "I"}]}, "nodes", "no node could be read"),
    ]:
        with pytest.raises(FormatError) as info, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parse_aif(json.dumps(doc), filename="x.aif.json")
        problem = info.value.problems[0]
        assert (problem.path, problem.file) == (path, "x.aif.json") and expected in problem.message


I = {"nodeID": "1", "text": "a", "type": "I"}  # noqa: E741


@pytest.mark.parametrize(
    ("nodes", "edges", "expected"),
    [
        ([I, {"nodeID": "2", "text": "x", "type": "XX"}], [], 'nodes[1].type: unknown node type "XX"'),
        ([I, {"nodeID": "2", "text": " ", "type": "I"}], [], "nodes[1].text: I-node '2' has no text; it is not kept"),
        ([I], [{"edgeID": 7, "fromID": "1", "toID": "10"}], "edges[0].toID: edge 7 points at unknown node '10'; the edge is not kept"),
        ([I, I], [], "nodes[1].nodeID: duplicate nodeID '1' (first at nodes[0]); the later node is not kept"),
        ([I, {"nodeID": None, "type": "I"}], [], "nodes[1].nodeID: expected a node id"),
        ([I, {"nodeID": ["x"], "type": ["I"]}], [], "nodes[1].nodeID: expected a node id"),
        ([I, {"nodeID": "2", "type": {"a": 1}}], [], 'nodes[1].type: unknown node type {"a": 1}'),
        ([I], [{"fromID": ["1"], "toID": {"x": 1}}], "edges[0].fromID: edge null points at no node id"),
        ([I, 5], [], "nodes[1]: expected a node object"),
    ],
)
def test_one_bad_node_or_edge_is_dropped_with_a_warning_naming_it(nodes: list[object], edges: list[object], expected: str) -> None:
    with pytest.warns(FormatWarning) as record:
        m = parse_aif(json.dumps({"nodes": nodes, "edges": edges}), filename="x.aif.json")
    assert [s.id for s in m.statements] == ["1"]  # the rest of the file is read
    assert any(expected in str(w.message) and str(w.message).startswith("x.aif.json: ") for w in record), [str(w.message) for w in record]


def _snodes(*specs: tuple[str, str, list[str], list[str]]) -> str:
    """I-nodes a, b, c and S-nodes given as (id, type, from ids, to ids)."""
    nodes = [{"nodeID": x, "text": f"text {x}", "type": "I"} for x in "abc"]
    edges = []
    for nid, ntype, srcs, dsts in specs:
        nodes.append({"nodeID": nid, "text": "Default", "type": ntype})
        edges += [{"fromID": s, "toID": nid} for s in srcs] + [{"fromID": nid, "toID": d} for d in dsts]
    return json.dumps({"nodes": nodes, "edges": edges})


@pytest.mark.parametrize(
    ("spec", "kept", "message"),
    [
        (("s", "RA", [], ["a"]), None, "nodes[3]: RA node 's' has no premises; it is not kept"),
        (("s", "RA", ["a"], []), None, "nodes[3]: RA node 's' has no conclusion; it is not kept"),
        (("s", "MA", ["a"], ["a"]), None, "MA node 's' (nodes[3]) has 'a' as its premise and its conclusion; it is not kept"),
        (
            ("s", "RA", ["a", "b"], ["a"]),
            ("b",),
            "RA node 's' (nodes[3]) has 'a' as a premise and its conclusion; kept without that premise",
        ),
        (("s", "RA", ["a", "a"], ["b"]), ("a",), None),
    ],
)
def test_malformed_s_nodes_are_handled_one_way(
    spec: tuple[str, str, list[str], list[str]], kept: tuple[str, ...] | None, message: str | None
) -> None:
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        m = parse_aif(_snodes(spec))
    assert len(m.statements) == 3  # never the whole file refused for one node
    assert [r.premises for r in m.relations] == ([kept] if kept else [])
    said = [str(w.message) for w in record]
    assert (any(message in s for s in said), len(said)) == ((True, 1) if message else (False, 0)), said


def test_relations_aimed_at_dropped_or_unrepresentable_nodes_go_with_a_warning() -> None:
    # r1 supports a; r2 is an RA pointing at RA r1; c1 undercuts r2; m1 is an empty MA; c2 undercuts m1
    text = _snodes(
        ("r1", "RA", ["b"], ["a"]),
        ("r2", "RA", ["c"], ["r1"]),
        ("c1", "CA", ["a"], ["r2"]),
        ("m1", "MA", [], ["a"]),
        ("c2", "CA", ["b"], ["m1"]),
    )
    with pytest.warns(FormatWarning) as record:
        m = parse_aif(text)
    said = "\n".join(str(w.message) for w in record)
    assert [r.id for r in m.relations] == ["r1"]
    assert "RA node 'r2' (nodes[4]) is a support aimed at another relation ('r1')" in said
    assert "CA node 'c1' (nodes[5]) undercuts 'r2', which is not a kept relation" in said
    assert "CA node 'c2' (nodes[7]) undercuts 'm1', which is not a kept relation" in said


def test_dialogue_edges_to_dropped_s_nodes_are_not_written_back() -> None:
    nodes = [{"nodeID": x, "text": f"text {x}", "type": "I"} for x in "ab"]
    nodes += [{"nodeID": "ra", "text": "Default Inference", "type": "RA"}, {"nodeID": "ya", "text": "Arguing", "type": "YA"}]
    nodes += [{"nodeID": "ta", "text": "Default Transition", "type": "TA"}]
    edges = [{"fromID": "a", "toID": "ra"}, {"fromID": "ra", "toID": "a"}, {"fromID": "ta", "toID": "ya"}, {"fromID": "ya", "toID": "ra"}]
    with pytest.warns(FormatWarning, match="RA node 'ra'"):
        m = parse_aif(json.dumps({"nodes": nodes, "edges": edges}))
    out = json.loads(dump_aif(m))
    ids = {n["nodeID"] for n in out["nodes"]}
    assert "ra" not in ids and all(e["fromID"] in ids and e["toID"] in ids for e in out["edges"])
    assert ("ta", "ya") in {(e["fromID"], e["toID"]) for e in out["edges"]}
    again = parse_aif(dump_aif(m))
    assert (again.statements, again.relations) == (m.statements, m.relations)
    assert parse_aif(dump_aif(again)).model_dump() == again.model_dump()


def test_hostile_json_ends_in_a_clear_error() -> None:
    cases = [
        ('{"nodes": [{"nodeID": ' + "9" * 5000 + ', "text": "a", "type": "I"}]}', "a number too large to read"),
        ('{"nodes": [' + "[" * 100_000 + "]" * 100_000 + "]}", "nested more than 200 levels deep"),
    ]
    for text, expected in cases:
        t0 = time.perf_counter()
        with pytest.raises(FormatError) as info:
            parse_aif(text, filename="h.json")
        assert expected in info.value.problems[0].message and time.perf_counter() - t0 < 5
    deep = "[" * 190 + "]" * 190  # readable JSON, kept in the map's metadata: fine, and written back
    m = parse_aif('{"AIF": {"nodes": [{"nodeID": 1, "text": "a", "type": "I"}]}, "OVA": ' + deep + "}")
    assert parse_aif(dump_aif(m)) == m
    m = parse_aif('{"nodes": [{"nodeID": ' + "9" * 900 + ', "text": "a", "type": "I"}]}')
    assert len(m.statements[0].id) <= 128  # a long numeric id becomes a valid argmap id


def test_syntax_error_has_line_and_column() -> None:
    with pytest.raises(FormatError) as info:
        parse_aif('{"nodes": [\n  {"nodeID": 1,,}]}', filename="x.aif.json")
    assert (info.value.problems[0].line, info.value.problems[0].column) == (2, 16)


def test_model_errors_point_at_the_node() -> None:
    doc = {"nodes": [{"nodeID": "1", "text": "a", "type": "I"}, {"nodeID": "2", "text": "b", "type": "I"}, {"nodeID": "3", "type": "RA"}]}
    doc["edges"] = [{"fromID": "1", "toID": "3"}, {"fromID": "3", "toID": "2"}]
    doc["nodes"][0]["argmap"] = {"evidence_type": "nonsense", "kind": "evidence"}
    with pytest.raises(FormatError) as info:
        parse_aif(json.dumps(doc))
    assert info.value.problems[0].path.startswith("nodes[0] (statements[0]")


def test_unrepresentable_parts_are_warned_not_dropped_silently() -> None:
    doc = {
        "nodes": [
            {"nodeID": "1", "text": "a", "type": "I"},
            {"nodeID": "2", "text": "b", "type": "I"},
            {"nodeID": "3", "text": "c", "type": "I"},
            {"nodeID": "4", "text": "Default Inference", "type": "RA"},
            {"nodeID": "5", "text": "Default Inference", "type": "RA"},
        ],
        "edges": [{"fromID": "1", "toID": "4"}, {"fromID": "4", "toID": "2"}, {"fromID": "4", "toID": "3"}, {"fromID": "5", "toID": "1"}],
    }
    with pytest.warns(FormatWarning) as record:
        m = parse_aif(json.dumps(doc))
    messages = [str(w.message) for w in record]
    assert any("RA node '4' has 2 conclusions" in s for s in messages)
    assert any("RA node '5' has no premises; it is not kept" in s for s in messages)
    assert [(r.id, r.target) for r in m.relations] == [("4", "2"), ("4.2", "3")]


def test_sniffed() -> None:
    assert argmap.formats.sniff((FIXTURES / "sample.aif.json").read_text()).name == "aif"  # type: ignore[union-attr]
    assert argmap.formats.sniff((FIXTURES / "sample.ova.json").read_text()).name == "aif"  # type: ignore[union-attr]


def test_write_file(tmp_path: Path, sample: ArgumentMap) -> None:
    out = write_aif(sample, tmp_path / "m.aif.json")
    assert argmap.load(out).model_dump() == sample.model_dump()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps_with_extras())
def test_round_trip(m: ArgumentMap) -> None:
    assert parse_aif(dump_aif(m)).model_dump() == m.model_dump()
