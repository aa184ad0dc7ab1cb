"""Argdown: every construct read as documented, errors with line:column, and write -> read gives the same map."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from formats_strategies import maps_with_extras
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import argument_maps

import argmap
from argmap.errors import FormatError, FormatWarning
from argmap.formats.argdown import dump_argdown, parse_argdown, read_argdown, write_argdown
from argmap.model import ArgumentMap

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def constructs() -> ArgumentMap:
    return read_argdown(FIXTURES / "constructs.argdown")


def _rel(m: ArgumentMap, premises: tuple[str, ...], target: str) -> list[tuple[str, str | None]]:
    return [(r.type, r.scheme) for r in m.relations if r.premises == premises and r.target == target]


def test_front_matter_gives_title_language_main_claim_and_metadata(constructs: ArgumentMap) -> None:
    assert constructs.title == "Cats as pets"
    assert constructs.language == "en"
    assert constructs.main_claim == "Pets"
    assert constructs.metadata["author"] == "A. Nalyst"
    assert constructs.metadata["argdown_sections"] == [
        {"title": "Main debate", "level": 1},
        {"title": "Reconstructed arguments", "level": 2, "parent": "Main debate"},
    ]


def test_statements_tags_headings_and_data(constructs: ArgumentMap) -> None:
    pets = constructs.statement("Pets")
    assert pets.text == {"en": "Cats are good pets."}
    assert pets.tags == ("home", "family life", "Main debate")  # #tag, #(multi word), then the heading
    purr = constructs.statement("Purr")
    assert purr.kind == "evidence" and purr.evidence_type == "example"
    scratch = constructs.statement("Scratch")
    assert scratch.holder.label() == "critics" and scratch.data == {"source_page": 12}
    assert constructs.statement("Posts").tags == ("Reconstructed arguments",)
    # the untitled statement gets an id of its own
    assert [s.id for s in constructs.statements if s.text_in() == "Cats need little room."] == ["s7"]


def test_relation_tree_markers(constructs: ArgumentMap) -> None:
    assert _rel(constructs, ("Purr",), "Pets") == [("support", None)]  # <+
    assert _rel(constructs, ("Company",), "Pets") == [("support", None)]  # + <Argument> without premises: a statement
    assert _rel(constructs, ("s7",), "Pets") == [("support", None)]
    assert _rel(constructs, ("Scratch",), "Pets") == [("attack", None)]  # -
    assert _rel(constructs, ("Pets",), "Calm") == [("support", None)]  # +>
    assert _rel(constructs, ("Pets",), "Allergy") == [("attack", None)]  # ->
    # >< is two attacks, marked as a contradiction
    both = [r for r in constructs.relations if {r.premises[0], r.target} == {"Pets", "Dogs"}]
    assert [r.type for r in both] == ["attack", "attack"] and all(r.data == {"argdown": "contradiction"} for r in both)


def test_premise_conclusion_structure(constructs: ArgumentMap) -> None:
    inner = constructs.relation("Clean-1")  # the intermediary inference, with its scheme and explicit uses
    assert (inner.type, inner.premises, inner.target, inner.scheme) == ("support", ("Posts", "Learn"), "Trainable", "Practical reasoning")
    main = constructs.relation("Clean")  # the last inference carries the argument's name and description
    assert (main.premises, main.target, main.note) == (("Trainable", "s11"), "Pets", "Scratching can be trained away.")
    assert main.is_linked


def test_undercuts_both_directions(constructs: ArgumentMap) -> None:
    undercuts = sorted(r.premises[0] for r in constructs.relations if r.type == "undercut")
    assert undercuts == ["Scratch", "Stubborn"]  # "_> <Clean>" under Scratch, "_ [Stubborn]" under <Clean>
    assert {r.target for r in constructs.relations if r.type == "undercut"} == {"Clean"}


def test_argument_with_premises_and_target_is_one_relation(constructs: ArgumentMap) -> None:
    vet = constructs.relation("Vet")
    assert (vet.type, vet.premises, vet.target) == ("support", ("Study",), "Calm")
    assert (vet.scheme, vet.strength, vet.tags) == ("Argument from Expert Opinion", 0.8, ("expert",))


def test_counts(constructs: ArgumentMap) -> None:
    assert (len(constructs.statements), len(constructs.relations)) == (14, 13)


@pytest.mark.parametrize(
    ("text", "line", "column", "expected"),
    [
        ("+ [A]: a\n", 1, 1, "has no parent"),
        ("===\ntitle: [unclosed\n===\n[A]: a\n", 2, 17, "front matter: YAML syntax error"),
        ("===\ntitle: x\n", 1, 1, "never closed"),
        ("[A]: a {kind: [\n", 1, 16, "data {...}: YAML syntax error"),
        ("[A]: a {3}\n", 1, 8, "expected data as {key: value"),
        ("[A]: a /* open\n", 1, 8, "comment '/*' is never closed"),
        ("(1) [A]: a\n", 1, 1, "has premises but no inference line"),
        ("[: a\n", 1, 1, "expected a title"),
        ("<A>\n\n(1) [P]: p\n----\n", 4, 1, "has no conclusion"),
        ("[A]: a\n  + [B]: b\n  + [A]\n", 3, 3, "'A' cannot support itself"),
        ("[A]: a #(open\n", 1, 8, "never closed with ')'"),
        ("[A] more words\n", 1, 4, "text after the reference"),
        ("===\ntitle: x\nmain_claim: Z\n===\n[A]: a\n", 3, 1, "unknown statement 'Z'"),
    ],
)
def test_errors_name_line_and_column(text: str, line: int, column: int, expected: str) -> None:
    with pytest.raises(FormatError) as info:
        parse_argdown(text, filename="m.argdown")
    problems = [p for p in info.value.problems if expected in p.message]
    assert problems, str(info.value)
    assert (problems[0].file, problems[0].line, problems[0].column) == ("m.argdown", line, column)
    assert str(problems[0]).startswith(f"m.argdown:{line}:{column}: ")


def test_all_errors_reported_at_once() -> None:
    with pytest.raises(FormatError) as info:
        parse_argdown("[: a\n[B] more\n[C]: c #(open\n")
    assert len(info.value.problems) == 3


def test_redefinition_with_other_text_warns() -> None:
    with pytest.warns(FormatWarning, match=r"line 2, column 1: \[A\] is defined again with other text"):
        m = parse_argdown("[A]: first\n[A]: second\n")
    assert m.text_of("A") == "first"


def test_same_text_twice_is_quiet() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert parse_argdown("[A]: same\n[A]: same\n[B]: b\n  +> [A]\n").relations[0].target == "A"


def test_escapes_and_comments() -> None:
    m = parse_argdown("[A]: Not a \\#tag, a \\{brace\\}, a back\\\\slash /\\* and\\nnew line \\// kept // dropped\n// dropped\n")
    assert m.text_of("A") == "Not a #tag, a {brace}, a back\\slash /* and\nnew line // kept"


def test_written_text_reads_back_exactly() -> None:
    tricky = ' lead "quotes" #hash {brace} /* c */ back\\slash\ttab\nline [x] <y> + - _ ><  '
    m = ArgumentMap.model_validate({"statements": [{"id": "c1", "claim": tricky}]})
    assert parse_argdown(dump_argdown(m)).text_of("c1") == tricky


def test_every_relation_type_round_trips() -> None:
    m = ArgumentMap.model_validate(
        {
            "statements": [{"id": i, "claim": i.upper()} for i in ("a", "b", "c", "d")],
            "relations": [
                {"id": "r1", "type": "support", "premises": ["a", "b"], "target": "c", "scheme": "Linked", "strength": 0.5},
                {"id": "r2", "type": "attack", "premises": ["d"], "target": "c", "note": "why", "tags": ["t 1", "t2"]},
                {"id": "r3", "type": "undercut", "premises": ["d"], "target": "r1", "data": {"k": [1, "/*"]}},
                {"id": "r4", "type": "rephrase", "premises": ["a"], "target": "b"},
                {"id": "r5", "type": "preference", "premises": ["r1"], "target": "r2"},
            ],
        }
    )
    assert parse_argdown(dump_argdown(m)).model_dump() == m.model_dump()


PROPERTY = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(maps_with_extras())
def test_round_trip(m: ArgumentMap) -> None:
    text = dump_argdown(m)
    assert parse_argdown(text).model_dump() == m.model_dump()


def test_files_and_registry(tmp_path: Path, constructs: ArgumentMap) -> None:
    out = write_argdown(constructs, tmp_path / "m.argdown")
    assert argmap.load(out).model_dump() == constructs.model_dump()
    assert argmap.formats.sniff(out.read_text()).name == "argdown"  # type: ignore[union-attr]
    assert argmap.formats.get_format(".argdown").can_write


def test_text_goes_on_over_lines_until_a_blank_line() -> None:
    m = parse_argdown("[A]: first line\ngoes on #t {x: 1}\n[B]: b\n\nplain untitled\nsecond line\n  + [A]\n<X>: desc\nmore desc\n")
    assert m.text_of("A") == "first line goes on" and m.statement("A").tags == ("t",) and m.statement("A").data == {"x": 1}
    assert m.text_of("s3") == "plain untitled second line"
    assert m.text_of("X") == "desc more desc"
    assert [(r.premises, r.target) for r in m.relations] == [(("A",), "s3")]


def test_inference_over_several_lines() -> None:
    m = parse_argdown("<A>: a\n\n(1) [P]: p\n(2) [Q]: q\n--\nModus ponens\n{uses: [1, 2]}\n--\n(3) [C]: c\n")
    (rel,) = m.relations
    assert (rel.id, rel.premises, rel.target, rel.scheme, rel.note) == ("A", ("P", "Q"), "C", "Modus ponens", "a")
    with pytest.raises(FormatError, match=r"line 3, column 1: inference opened with '--' is never closed"):
        parse_argdown("<A>\n(1) [P]: p\n--\nx\n")


def test_undefined_references_are_empty_with_a_warning_or_an_error_when_strict() -> None:
    text = "[A]: a\n  + [B]\n  - <X>\n"
    with pytest.warns(FormatWarning, match=r"m.argdown:2:5: \[B\] is referenced but never defined") as caught:
        m = parse_argdown(text, filename="m.argdown")
    assert any("m.argdown:3:5: <X> is referenced but never defined" in str(w.message) for w in caught)
    assert m.text_of("B") == "B" and m.statement("X").data == {"argdown": "argument"}
    assert [(r.type, r.premises, r.target) for r in m.relations] == [("support", ("B",), "A"), ("attack", ("X",), "A")]
    with pytest.raises(FormatError, match=r"m.argdown:2:5: \[B\] is referenced but never defined"):
        parse_argdown(text, filename="m.argdown", strict_references=True)


def test_include_is_resolved_relative_to_the_file_and_bounded(tmp_path: Path) -> None:
    m = read_argdown(FIXTURES / "argdown" / "include-main.argdown")
    assert {s.id for s in m.statements} == {"A", "B", "C", "Two"}
    (tmp_path / "sub").mkdir()
    (tmp_path / "loop.argdown").write_text("[A]: a\n\n@include(loop.argdown)\n")
    (tmp_path / "sub" / "out.argdown").write_text("[A]: a\n\n@include(../../secret.argdown)\n")
    (tmp_path / "missing.argdown").write_text("@include(nothing.argdown)\n")
    for name, expected in [
        ("loop.argdown", r"loop.argdown:3:1: @include\(loop.argdown\): the file includes itself"),
        ("sub/out.argdown", r"outside the document's folder"),
        ("missing.argdown", r"missing.argdown:1:1: @include\(nothing.argdown\): no such file"),
    ]:
        with pytest.raises(FormatError, match=expected):
            read_argdown(tmp_path / name)
    with pytest.raises(FormatError, match=r"a document given as text cannot include files"):
        parse_argdown("@include(x.argdown)\n")


_SYNTAX = ["/*", "*/", "//", "===", "[", "]", "<", ">", "<!--", "-->", "*", "**", "_", "__", "#", "{", "}", "\\", "](x)", "@include(a)"]
_syntax_texts = st.lists(st.one_of(st.sampled_from(_SYNTAX), st.sampled_from(["a", " ", "b c", "(1)", "--", "+ ", "\n"])), min_size=1)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    argument_maps(max_statements=3, max_relations=3),
    st.lists(_syntax_texts.map("".join).filter(lambda t: bool(t.strip())), min_size=1, max_size=3),
)
def test_syntax_in_text_round_trips(m: ArgumentMap, tricky: list[str]) -> None:
    """Text full of Argdown syntax (comments, fences, brackets, emphasis, links, includes) reads back as written."""
    statements = [
        {**s.model_dump(mode="json", exclude_none=True), "text": {m.language: tricky[i % len(tricky)]}} for i, s in enumerate(m.statements)
    ]
    rich = ArgumentMap.model_validate({**m.model_dump(mode="json", exclude_none=True), "statements": statements})
    assert parse_argdown(dump_argdown(rich)).model_dump() == rich.model_dump()


def test_undercut_under_an_inference_or_a_conclusion_hits_that_step() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = read_argdown(FIXTURES / "argdown" / "undercut-inference.argdown")
    assert {(r.type, r.premises, r.target) for r in m.relations if r.type == "undercut"} == {
        ("undercut", ("N",), "A-1"),
        ("undercut", ("U",), "A"),
    }
    assert m.text_of("X") == "x goes on after a comment."


@pytest.mark.parametrize("text", ["[](x)", "[a](b) c", "x /* y", "a // b", "===", "*a* _b_", "<!-- c -->", "\\[x](y)"])
def test_syntax_characters_read_back(text: str) -> None:
    m = ArgumentMap.model_validate({"statements": [{"id": "c1", "claim": text}]})
    assert parse_argdown(dump_argdown(m)).text_of("c1") == text
