"""SADFace and Kialo: their fixtures read as documented, their errors, and the formats picked by sniffing."""

from __future__ import annotations

import json
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
    with pytest.raises(FormatError) as info:
        parse_sadface(json.dumps({"nodes": [{"id": "a", "type": "blob"}]}), filename="s.json")
    assert info.value.problems[0].path == "nodes[0].type"
    with pytest.raises(FormatError) as info:
        parse_sadface(json.dumps({"nodes": [{"id": "a", "type": "atom", "text": "x"}], "edges": [{"source_id": "a", "target_id": "q"}]}))
    assert info.value.problems[0].path == "edges[0].target_id"
    doc = {"nodes": [{"id": "a", "type": "atom", "text": "x"}, {"id": "s", "type": "scheme", "name": "support"}], "edges": []}
    with pytest.warns(FormatWarning, match="scheme 's' has no premises; it is not kept"):
        assert parse_sadface(json.dumps(doc)).relations == ()


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
