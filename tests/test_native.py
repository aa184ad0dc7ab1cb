"""The native JSON and YAML formats: short forms in, short forms out, files beside the map, load and save."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

import argmap
from argmap.errors import ArgmapError, FormatError, InvalidMapError
from argmap.formats import format_for_path, get_format, sniff
from argmap.formats.native import dump_json, dump_yaml, parse_json, parse_yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "example.argmap.yaml"
NBSP = "\u00a0"

HAND_WRITTEN = """\
title: Pets
language: en
main_claim: c1
statements:
  - {id: c1, claim: Cats are good pets.}
  - {id: e1, evidence: They purr., evidence_type: example}
  - id: e2
    evidence: {en: Purring calms people., nl: Spinnen kalmeert mensen.}
  - {id: o1, claim: Cats scratch furniture., holder: critics}
  - {id: o2, claim: Cats cause allergies., holder: Ada Lovelace}
relations:
  - {support: [e1, e2], target: c1}
  - {attack: o1, target: c1}
  - {id: u1, undercut: o2, target: r1}
"""


def test_short_forms_are_expanded() -> None:
    m = parse_yaml(HAND_WRITTEN)
    assert m.statement("c1").kind == "claim" and m.statement("c1").text == {"en": "Cats are good pets."}
    e1 = m.statement("e1")
    assert e1.kind == "evidence" and e1.evidence_type == "example"
    assert m.statement("e2").text == {"en": "Purring calms people.", "nl": "Spinnen kalmeert mensen."}
    assert m.statement("e2").evidence_type == "other"  # type: ignore[union-attr]
    assert m.statement("o1").holder.model_dump() == {"kind": "group", "name": "critics", "names": {}}
    assert m.statement("o2").holder.model_dump() == {"kind": "person", "name": "Ada Lovelace", "names": {}}
    assert [(r.id, r.type, r.premises, r.target) for r in m.relations] == [
        ("r1", "support", ("e1", "e2"), "c1"),
        ("r2", "attack", ("o1",), "c1"),
        ("u1", "undercut", ("o2",), "r1"),
    ]


def test_yaml_is_written_in_the_short_forms() -> None:
    text = dump_yaml(parse_yaml(HAND_WRITTEN))
    data = yaml.safe_load(text)
    assert data["statements"][0] == {"id": "c1", "claim": "Cats are good pets."}
    assert data["statements"][3] == {"id": "o1", "claim": "Cats scratch furniture.", "holder": "critics"}
    assert data["statements"][2]["evidence"] == {"en": "Purring calms people.", "nl": "Spinnen kalmeert mensen."}
    assert data["relations"][0] == {"id": "r1", "support": ["e1", "e2"], "target": "c1"}
    assert data["relations"][1] == {"id": "r2", "attack": "o1", "target": "c1"}
    assert "holder: author" not in text and "evidence_type: other" not in text


def test_json_is_the_long_form_without_defaults() -> None:
    data = json.loads(dump_json(parse_yaml(HAND_WRITTEN)))
    assert "id" not in data  # the default map id is left out
    assert data["statements"][0] == {"id": "c1", "text": {"en": "Cats are good pets."}, "kind": "claim"}
    assert data["relations"][0] == {"id": "r1", "premises": ["e1", "e2"], "target": "c1", "type": "support"}
    assert parse_json(json.dumps(data)) == parse_yaml(HAND_WRITTEN)


def test_a_person_named_like_a_group_keeps_the_long_form() -> None:
    m = parse_yaml("statements: [{id: c1, claim: x, holder: {kind: person, name: critics}}]")
    assert "kind: person" in dump_yaml(m)
    assert parse_yaml(dump_yaml(m)) == m


def test_nbsp_and_curly_quotes_survive_yaml_and_json() -> None:
    text = f"Hij zei: “niet{NBSP}vanzelf”.\nTweede regel."
    m = argmap.ArgumentMap.model_validate(
        {
            "sources": [{"id": "s1", "text": text}],
            "statements": [{"id": "c1", "claim": f"“x{NBSP}y”", "anchors": [{"source": "s1", "quote": "niet vanzelf"}]}],
        }
    )
    for back in (parse_yaml(dump_yaml(m)), parse_json(dump_json(m))):
        assert back.source("s1").text == text
        assert back.text_of("c1") == f"“x{NBSP}y”"
        assert back == m


def test_source_text_from_a_file_beside_the_map(tmp_path: Path) -> None:
    (tmp_path / "essay.txt").write_text(f"Het is 68{NBSP}% waar.", encoding="utf-8")
    (tmp_path / "m.yaml").write_text(
        "sources: [{id: s1, file: essay.txt}]\nstatements: [{id: c1, claim: x, anchors: [{source: s1, quote: 68 %}]}]\n"
    )
    m = argmap.load(tmp_path / "m.yaml")
    assert m.source("s1").text == f"Het is 68{NBSP}% waar."
    assert m.statement("c1").anchors[0].start == 7
    assert "essay.txt" in dump_yaml(m) and "waar" not in dump_yaml(m)  # the reference is written, not the text
    (tmp_path / "m.json").write_text(dump_json(m), encoding="utf-8")
    assert argmap.load(tmp_path / "m.json") == m
    # JSON carries the text, so it stands alone: parsed without its folder (as the REST API does) it is whole
    assert "waar" in dump_json(m) and argmap.parse(dump_json(m), "json") == m


def test_source_file_must_be_beside_the_map(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text("sources: [{id: s1, file: ../secret.txt}]\nstatements: [{id: c1, claim: x}]\n")
    with pytest.raises(FormatError, match=r"sources\[0\]\.file: source file '\.\./secret\.txt' is outside the map's folder"):
        argmap.load(tmp_path / "m.yaml")
    (tmp_path / "m.yaml").write_text("sources: [{id: s1, file: gone.txt}]\nstatements: [{id: c1, claim: x}]\n")
    with pytest.raises(FormatError, match=r"source file 'gone\.txt' not found beside the map"):
        argmap.load(tmp_path / "m.yaml")


def test_parse_never_reads_files() -> None:
    """Text from the network (the REST API) may not make argmap read a file: only load() does."""
    m = parse_yaml("sources: [{id: s1, file: /etc/passwd}]\nstatements: [{id: c1, claim: x}]\n")
    assert m.source("s1").text is None


def test_formats_by_suffix_and_by_content() -> None:
    assert get_format(".yml").name == "yaml" and get_format("JSON").name == "json"
    assert format_for_path("m.argmap.json").name == "json"  # type: ignore[union-attr]
    assert format_for_path("m.YAML").name == "yaml"  # type: ignore[union-attr]
    assert format_for_path("m.txt") is None
    m = argmap.load(EXAMPLE)
    assert sniff(dump_json(m)).name == "json"  # type: ignore[union-attr]
    assert sniff(dump_yaml(m)).name == "yaml"  # type: ignore[union-attr]
    assert argmap.parse(dump_yaml(m)) == m  # no format named: sniffed


def test_save_and_load_by_suffix(tmp_path: Path) -> None:
    m = argmap.load(EXAMPLE)
    for name in ("out.json", "out.argmap.yaml", "sub/dir/out.yml"):
        path = argmap.save(m, tmp_path / name)
        assert argmap.load(path) == m
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["main_claim"] == "c1"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary files left
    with pytest.raises(ArgmapError, match="cannot tell the format from the suffix"):
        argmap.save(m, tmp_path / "out.txt")


def test_save_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure while writing leaves the old file as it was and no temporary file behind."""
    path = tmp_path / "m.json"
    path.write_text("old", encoding="utf-8")

    def broken(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("argmap.formats.os.replace", broken)
    with pytest.raises(OSError, match="disk full"):
        argmap.save(argmap.load(EXAMPLE), path)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["m.json"]


def test_the_example_holds_what_the_issue_asks_for() -> None:
    m = argmap.load(EXAMPLE)
    assert m.main_claim == "c1" and set(m.languages) == {"nl", "en"}
    assert any(r.type == "support" and r.is_linked for r in m.relations)
    assert any(r.type == "undercut" and m.relation(r.target).type == "support" for r in m.relations)
    objection = next(r for r in m.relations if r.type == "attack" and m.statement(r.premises[0]).holder.label() == "critics")
    assert any(
        r.type == "attack" and r.target == objection.premises[0] and m.statement(r.premises[0]).holder.is_author for r in m.relations
    )
    types = {s.evidence_type for s in m.statements if s.kind == "evidence"}  # type: ignore[union-attr]
    assert len(types) >= 4
    text = m.source("s1").text or ""
    assert NBSP in text and "“" in text
    for st in m.statements:
        for a in st.anchors:
            assert a.start is not None and a.end is not None
            assert " ".join(text[a.start : a.end].split()) == " ".join(a.quote.split())


# ------------------------------------------------------------------ bounded reading (issues 15 and 18)


_OK_YAML = "statements:\n- id: a\n  claim: A claim.\nrelations: []\n"


@pytest.mark.parametrize(
    ("extra", "message", "line"),
    [
        ("metadata:\n  n: " + "9" * 5000 + "\n", "an integer with 5,000 characters", 6),
        ("metadata:\n  ? [a, b]\n  : 1\n", "a key must be text or a number, not a list", 6),
        ("metadata: {? {a: 1} : 2}\n", "not a mapping", 5),
        ("metadata: !!python/object/apply:os.system ['true']\n", "asks for a Python object", 5),
        ("metadata: &m\n  self: *m\n", "recursive alias", 5),
        ("metadata: {x: " + "[" * 300 + "]" * 300 + "}\n", "nested more than 200 levels deep", 5),
        ("metadata: {x: " + "[" * 5000 + "]" * 5000 + "}\n", "nested more than 1,000 levels deep", 5),
    ],
)
def test_yaml_limits_each_have_their_own_message_and_place(extra: str, message: str, line: int) -> None:
    from argmap.errors import InputLimitError, LimitExceededError

    with pytest.raises(InputLimitError, match=re.escape(message)) as info:
        parse_yaml(_OK_YAML + extra, filename="m.yaml")
    problem = info.value.problems[0]
    assert (problem.file, problem.line) == ("m.yaml", line) and problem.column is not None
    assert isinstance(info.value, LimitExceededError) and "Error" not in str(info.value)


def test_yaml_limits_can_be_set_lower_for_a_server() -> None:
    from argmap._yaml import YamlLimits, load_yaml
    from argmap.errors import InputLimitError

    text = "big: &b " + "x" * 10_000 + "\n" + "".join(f"c{i}: *b\n" for i in range(99))
    assert len(load_yaml(text)) == 100  # within the defaults
    with pytest.raises(InputLimitError, match="characters of text"):
        load_yaml(text, limits=YamlLimits(max_chars=500_000))
    with pytest.raises(InputLimitError, match="more than 50 values"):
        load_yaml("a: [" + ", ".join(["1"] * 60) + "]", limits=YamlLimits(max_nodes=50))


def test_yaml_loader_keeps_dates_as_text_and_refuses_duplicate_keys() -> None:
    from argmap._yaml import load_yaml

    assert load_yaml("d: 2024-01-01\nb: yes") == {"d": "2024-01-01", "b": True}
    with pytest.raises(FormatError, match=r"duplicate key 'd' \(first at line 1\)"):
        load_yaml("d: 1\nd: 2", unique_keys=True)
    assert load_yaml("x: 1", line_offset=10) == {"x": 1}
    with pytest.raises(FormatError) as info:
        load_yaml("x: [", file="f.argdown", line_offset=10)
    assert info.value.problems[0].line == 11  # line 1 of the YAML is line 11 of the file


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"statements": [], "relations": [], "metadata": {"x": ' + "[" * 5000 + "]" * 5000 + "}}", "nested more than 200 levels"),
        ('{"statements": [], "relations": [], "metadata": {"x": ' + "9" * 5000 + "}}", "a number too large to read"),
    ],
)
def test_json_depth_and_number_limits(text: str, message: str) -> None:
    from argmap.errors import InputLimitError

    with pytest.raises(InputLimitError, match=message) as info:
        parse_json(text, filename="m.json")
    assert info.value.problems[0].line == 1 and info.value.problems[0].column


def test_many_problems_are_located_in_one_pass_and_capped() -> None:
    import time

    from argmap._validate import MAX_PROBLEMS

    statements = [{"id": f"s{i}", "kind": "bogus", "text": "x" * 1500} for i in range(300)]
    text = json.dumps({"statements": statements, "relations": []}, indent=1)
    assert len(text) > 450_000
    for parse, body in ((parse_json, text), (parse_yaml, text)):  # JSON is YAML too
        start = time.process_time()
        with pytest.raises(InvalidMapError) as info:
            parse(body, filename="big")
        assert time.process_time() - start < 5  # a hang guard: 46 s before the locator composed once
        problems = info.value.problems
        assert len(problems) == MAX_PROBLEMS + 1 and problems[-1].message.startswith("and 250 more problems")
        assert problems[0].line == 3 and problems[49].line is not None and problems[49].line > problems[0].line


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"text": {"en": "A\ud800B"}}, "statements[0].text"),
        ({"tags": ["t\udc00"]}, "statements[0].tags"),
        ({"data": {"k": ["ok", "b\ud800"]}}, "statements[0].data"),
        ({"note": "n\ud800"}, "statements[0].note"),
    ],
)
def test_lone_surrogates_are_refused_naming_the_field(change: dict[str, object], field: str) -> None:
    from argmap._validate import validate_map

    data = {"statements": [{"id": "a", "kind": "claim", "text": "x", **change}], "relations": []}
    with pytest.raises(InvalidMapError) as info:
        validate_map(data)
    assert [p.path for p in info.value.problems] == [field]
    assert "surrogate" in str(info.value) or "unicode" in str(info.value)


def test_surrogates_in_metadata_and_source_text_and_nan_in_data_are_refused() -> None:
    from argmap._validate import validate_map

    base = {"statements": [{"id": "a", "kind": "claim", "text": "x"}], "relations": []}
    for extra, path in (({"metadata": {"k\ud800": 1}}, "metadata"), ({"sources": [{"id": "s", "text": "t\ud800"}]}, "sources[0].text")):
        with pytest.raises(InvalidMapError, match="lone surrogate") as info:
            validate_map({**base, **extra})
        assert info.value.problems[0].path == path
    with pytest.raises(InvalidMapError, match="NaN and Infinity are not JSON numbers"):
        validate_map({**base, "metadata": {"x": [1, float("nan")]}})
