"""SADFace and Kialo: their fixtures read as documented, their errors, and the formats picked by sniffing."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

import argmap
from argmap.errors import FormatError, FormatWarning
from argmap.formats.kialo import parse_kialo, read_kialo
from argmap.formats.sadface import parse_sadface, read_sadface

FIXTURES = Path(__file__).parent / "fixtures"


def test_kialo_fixture() -> None:
    m = read_kialo(FIXTURES / "sample.kialo.txt")
    assert m.title == "Are cats good pets?" and m.main_claim == "k1"
    assert m.text_of("k1.2") == "Cats scratch the sofa\nand the curtains."  # continued on the next line
    assert m.text_of("k1.1.1") == "Purring can also mean pain, see this article (https://example.org/purr)."
    assert m.text_of("k1.2.2") == "Scratching can be trained away (mostly)."  # \( \) unescaped
    rels = {(r.type, r.premises, r.target) for r in m.relations}
    assert rels == {
        ("support", ("k1.1",), "k1"),
        ("attack", ("k1.1.1",), "k1.1"),
        ("attack", ("k1.2",), "k1"),
        ("support", ("k1.1.1",), "k1.2"),  # "-> See 1.1.1." reuses the claim, no copy
        ("attack", ("k1.2.2",), "k1.2"),
    }
    assert len(m.statements) == 5


def test_kialo_tab_after_the_number_reads_as_the_space() -> None:
    spaced = (FIXTURES / "sample.kialo.txt").read_text()
    tabbed = re.sub(r"^((?:\d+\.)+) ", "\\1\t", spaced, flags=re.MULTILINE)
    tabbed = re.sub(r"^((?:\d+\.)+\t(?:Pro|Con):) ", "\\1\t", tabbed, flags=re.MULTILINE)
    assert "1.1.\tPro:\t" in tabbed
    assert parse_kialo(tabbed).model_dump() == parse_kialo(spaced).model_dump()


def test_kialo_long_link_chains_and_deep_numbering_are_linear() -> None:
    n = 20_000
    chain = ["1. T"] + [f"1.{i}. Pro: -> See 1.{i + 1}." for i in range(1, n)] + [f"1.{n}. Pro: end"]
    t0 = time.perf_counter()
    m = parse_kialo("\n".join(chain))
    assert [r.premises for r in m.relations][:2] == [(f"k1.{n}",), (f"k1.{n}",)]  # every link stands for the claim at its end
    deep, number = ["1. Thesis"], "1."
    for d in range(2000):
        number += "1."
        deep.append(f"{number} Con: claim {d}")
    m = parse_kialo("\n".join(deep))
    assert len(m.statements) == 2001 and all(len(st.id) <= 128 for st in m.statements)  # a number too long for an id goes by its line
    assert m.statement("k-line2001").data["kialo"] == number
    assert time.perf_counter() - t0 < 10  # hang guard: this took over a minute when chains were followed per line


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("Discussion Title: x\n\n1. T\n1.1. Pro: -> See 1.9.\n", 4, "links to a claim that is not in the file"),
        ("Discussion Title: x\n\n1. T\n1.3.1. Con: y\n", 4, "is under 1.3., which is not in the file"),
        ("Discussion Title: x\n\n1. T\n1.1. y\n", 4, "expected 'Pro:' or 'Con:'"),
        ("Discussion Title: x\n\nnot numbered\n", 3, "expected 'Discussion Title"),
        ("Discussion Title: x\n\n", 1, "no numbered lines"),
        ("Discussion Title: x\n\n1. T\n1.1. Pro: -> See 1.2.\n1.2. Con: -> See 1.1.\n", 4, "links in a circle"),
        ("Discussion Title: x\n\n1. T\n1.1. Pro: -> See 1.\n", 4, "links to the claim it answers"),
        ("Discussion Title: x\n\n1. T\n1.1. Pro: a\n1.1. Con: b\n", 5, "1.1. is numbered twice (first at line 4)"),
    ],
)
def test_kialo_errors(text: str, line: int, expected: str) -> None:
    with pytest.raises(FormatError) as info:
        parse_kialo(text, filename="k.txt")
    problem = info.value.problems[0]
    assert expected in problem.message and (problem.file, problem.line) == ("k.txt", line)


def test_sadface_fixture() -> None:
    m = read_sadface(FIXTURES / "sample.sadface.json")
    assert m.title == "Pets debate"
    assert m.metadata == {"sadface": {"id": "94a975db", "analyst_name": "Ann", "created": "2024-01-01T10:00:00", "version": "0.2"}}
    rels = {r.id: (r.type, r.premises, r.target, r.scheme) for r in m.relations}
    assert rels == {
        "s1": ("support", ("a2",), "a1", None),
        "s2": ("attack", ("a3",), "a1", None),
        "s3": ("undercut", ("a4",), "s2", None),  # a conflict aimed at a scheme
        "s4": ("support", ("a2", "a4"), "a1", "Argument from Example"),  # other names are support schemes
    }
    (anchor,) = m.statement("a2").anchors
    assert (anchor.source, anchor.start, anchor.end) == ("res1", 20, 30)
    assert m.source("res1").title == "Notes"
    assert m.statement("a3").data == {"sadface": {"confidence": 0.5}}


def test_sadface_errors_and_warnings() -> None:
    with pytest.raises(FormatError) as info, pytest.warns(FormatWarning, match=r"nodes\[0\]\.type: unknown node type \"blob\""):
        parse_sadface(json.dumps({"nodes": [{"id": "a", "type": "blob"}]}), filename="s.json")
    assert info.value.problems[0].path == "nodes" and "no node could be read" in info.value.problems[0].message
    atom = {"id": "a", "type": "atom", "text": "x"}
    with pytest.warns(FormatWarning, match=r"edges\[0\]\.target_id: edge null points at unknown node 'q'; the edge is not kept"):
        assert parse_sadface(json.dumps({"nodes": [atom], "edges": [{"source_id": "a", "target_id": "q"}]})).statements
    doc = {"nodes": [atom, {"id": "s", "type": "scheme", "name": "support"}], "edges": []}
    with pytest.warns(FormatWarning, match="scheme 's' has no premises; it is not kept"):
        assert parse_sadface(json.dumps(doc)).relations == ()


@pytest.mark.parametrize(
    "edge",
    [{"target_id": "a"}, {"source_id": None, "target_id": "a"}, {"source_id": ["a"], "target_id": "a"}],
)
def test_sadface_edge_without_an_end_is_dropped_not_a_traceback(edge: dict[str, object]) -> None:
    doc = {"nodes": [{"id": "a", "type": "atom", "text": "x"}, {"id": "None", "type": "scheme"}], "edges": [edge]}
    with pytest.warns(FormatWarning, match=r"edges\[0\]\.source_id"):  # a node called 'None' once made this a KeyError
        assert [st.id for st in parse_sadface(json.dumps(doc)).statements] == ["a"]


def test_sadface_main_claim_inferred_as_in_aif() -> None:
    m = read_sadface(FIXTURES / "sample.sadface.json")
    assert m.main_claim == "a1"  # the one conclusion of a support that supports nothing itself
    two = {"nodes": [{"id": x, "type": "atom", "text": x} for x in "abcd"] + [{"id": s, "type": "scheme", "name": "support"} for s in "st"]}
    two["edges"] = [{"source_id": "b", "target_id": "s"}, {"source_id": "s", "target_id": "a"}]
    assert parse_sadface(json.dumps(two)).main_claim == "a"
    two["edges"] += [{"source_id": "d", "target_id": "t"}, {"source_id": "t", "target_id": "c"}]
    assert parse_sadface(json.dumps(two)).main_claim is None  # two candidates: none is guessed


def test_sadface_self_looping_scheme_is_dropped_with_a_warning() -> None:
    doc = {"nodes": [{"id": "a", "type": "atom", "text": "x"}, {"id": "b", "type": "atom", "text": "y"}, {"id": "s", "type": "scheme"}]}
    doc["edges"] = [{"source_id": "a", "target_id": "s"}, {"source_id": "s", "target_id": "a"}]
    with pytest.warns(FormatWarning, match="scheme 's' \\(nodes\\[2\\]\\) has 'a' as its premise and its conclusion; it is not kept"):
        m = parse_sadface(json.dumps(doc))
    assert len(m.statements) == 2 and m.relations == ()


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("constructs.argdown", "argdown"),
        ("sample.aif.json", "aif"),
        ("sample.ova.json", "aif"),
        ("sample.sadface.json", "sadface"),
        ("sample.kialo.txt", "kialo"),
    ],
)
def test_sniffing_picks_the_format(name: str, fmt: str, tmp_path: Path) -> None:
    text = (FIXTURES / name).read_text()
    assert argmap.formats.sniff(text).name == fmt  # type: ignore[union-attr]
    unnamed = tmp_path / "no-suffix"
    unnamed.write_text(text)
    assert argmap.load(unnamed).statements  # loaded by content alone


REAL = FIXTURES / "real"


def test_real_kialo_export_with_tabs() -> None:
    m = argmap.load(REAL / "kialo" / "hate-speech-10134-excerpt.txt")  # a .txt read by its content
    assert m.title == "Should Hate Speech Be Legally Protected?" and m.main_claim == "k1"
    assert (len(m.statements), len(m.relations)) == (24, 23)
    assert m.text_of("k1") == "Hate speech should be legally protected"  # no tab left in the text
    assert m.relation("rk1.1").type == "attack" and m.relation("rk1.2").type == "support"
    assert "(which is why it is)" in m.text_of("k1.1.2")


def test_real_sadface_documents() -> None:
    m = argmap.load(REAL / "sadface" / "hangback.json")  # a plain .json: SADFace by its content
    assert [(r.type, len(r.premises)) for r in m.relations] == [("support", 2), ("attack", 1)]
    assert m.main_claim == "9bfb7cdc-116f-47f5-b85d-ff7c5d329f45"
    empty = argmap.load(REAL / "sadface" / "minimal.json")  # no nodes at all: still SADFace, not native JSON
    assert empty.statements == () and empty.metadata["sadface"]["version"] == "0.2"  # type: ignore[index]
