"""AIF JSON and the OVA3 envelope: the node mapping, speakers as holders, dialogue kept, errors by JSON path, round trips."""

from __future__ import annotations

import json
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


@pytest.mark.parametrize(
    ("doc", "path", "expected"),
    [
        ({"nodes": {}}, "nodes", "expected a list of nodes"),
        ({"nodes": [{"nodeID": "1", "text": "x", "type": "XX"}], "edges": []}, "nodes[0].type", "unknown node type"),
        ({"nodes": [{"nodeID": "1", "text": " ", "type": "I"}], "edges": []}, "nodes[0].text", "needs its text"),
        (
            {"nodes": [{"nodeID": "1", "text": "a", "type": "I"}], "edges": [{"fromID": "1", "toID": "9"}]},
            "edges[0].toID",
            "unknown node '9'",
        ),
        ({"nodes": [{"nodeID": "1", "text": "a", "type": "I"}] * 2, "edges": []}, "nodes[1].nodeID", "duplicate nodeID"),
        ({"AIF": {"nodes": [{"nodeID": None, "type": "I"}]}}, "AIF.nodes[0].nodeID", "expected a node id"),
    ],
)
def test_errors_name_the_json_path(doc: dict[str, object], path: str, expected: str) -> None:
    with pytest.raises(FormatError) as info:
        parse_aif(json.dumps(doc), filename="x.aif.json")
    problem = info.value.problems[0]
    assert problem.path == path and expected in problem.message and problem.file == "x.aif.json"


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
