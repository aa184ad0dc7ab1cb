"""Errors a user can meet: what they say and where (file:line:column, field path, id); never a traceback."""

from __future__ import annotations

from pathlib import Path

import pydantic
import pytest

import argmap
from argmap.errors import (
    ArgmapError,
    FormatError,
    InvalidMapError,
    LimitExceededError,
    NotFoundError,
    Problem,
    format_loc,
    problems_from_pydantic,
)
from argmap.formats import read_text


def only_problem(exc: InvalidMapError) -> Problem:
    assert len(exc.problems) == 1, exc.problems
    return exc.problems[0]


# ------------------------------------------------------------------------------------ the classes


def test_problem_prints_file_line_column_and_path() -> None:
    p = Problem("unknown statement 'c9'", "relations[3].target", "m.yaml", 12, 5)
    assert str(p) == "m.yaml:12:5: relations[3].target: unknown statement 'c9'"
    assert str(Problem("bad", "title", line=3)) == "line 3: title: bad"
    assert str(Problem("bad", line=3, column=4)) == "line 3, column 4: bad"
    assert str(Problem("bad")) == "bad"
    assert Problem("bad", "x", "f").to_dict() == {"message": "bad", "path": "x", "file": "f"}


def test_invalid_map_error_lists_every_problem() -> None:
    exc = InvalidMapError([Problem("a", "x"), Problem("b", "y")])
    assert str(exc) == "invalid argument map: 2 problems\n  - x: a\n  - y: b"
    assert isinstance(exc, ValueError) and isinstance(exc, ArgmapError)
    assert str(InvalidMapError([Problem("a")], summary="m.yaml: invalid")) == "m.yaml: invalid\n  - a"
    assert issubclass(FormatError, InvalidMapError)


def test_not_found_error_is_a_key_error_without_quotes() -> None:
    exc = NotFoundError("unknown statement 'c9'", id="c9")
    assert str(exc) == "unknown statement 'c9'" and exc.id == "c9"
    assert isinstance(exc, KeyError)


def test_format_loc() -> None:
    assert format_loc(("relations", 3, "target")) == "relations[3].target"
    assert format_loc((0, "a")) == "[0].a"


def test_problems_from_pydantic_drops_union_tags() -> None:
    with pytest.raises(pydantic.ValidationError) as info:
        argmap.ArgumentMap.model_validate({"statements": [{"id": "e1", "kind": "evidence", "text": {"en": "x"}, "evidence_type": "poem"}]})
    [p] = problems_from_pydantic(info.value, file="m.json")
    assert p.path == "statements[0].evidence_type" and p.file == "m.json"


# ------------------------------------------------------------------------------- YAML, from a file


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_yaml_syntax_error_names_file_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "m.yaml", "statements:\n  - {id: c1, claim: x\n  - id: c2\n")
    with pytest.raises(FormatError) as info:
        argmap.load(path)
    p = only_problem(info.value)
    assert (p.file, p.line, p.column) == (str(path), 3, 7)
    assert p.message == "YAML syntax error: expected ',' or '}', but got ':' (while parsing a flow mapping)"
    assert str(info.value).startswith(f"{path}: not valid YAML")


def test_yaml_duplicate_keys_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "m.yaml", "statements:\n  - id: c1\n    claim: x\n    claim: y\n")
    with pytest.raises(FormatError) as info:
        argmap.load(path)
    p = only_problem(info.value)
    assert str(p) == f"{path}:4:5: duplicate key 'claim' (first at line 3)"


def test_yaml_yes_and_no_stay_text() -> None:
    """YAML 1.1 would read yes/no/on/off as booleans and lose the text; argmap keeps them as written."""
    m = argmap.parse("statements:\n  - {id: c1, claim: yes}\n  - {id: c2, claim: No}\n  - {id: c3, claim: off}\n", "yaml")
    assert [m.text_of(s) for s in ("c1", "c2", "c3")] == ["yes", "No", "off"]
    assert argmap.parse("statements: [{id: c1, claim: x, data: {ok: true}}]", "yaml").statement("c1").data == {"ok": True}


def test_dangling_reference_names_the_id_and_its_place(tmp_path: Path) -> None:
    path = write(tmp_path, "m.yaml", "statements:\n  - id: c1\n    claim: x\nrelations:\n  - id: r1\n    support: [c1]\n    target: c9\n")
    with pytest.raises(InvalidMapError) as info:
        argmap.load(path)
    assert str(only_problem(info.value)) == f"{path}:7:13: relations[0].target: unknown statement 'c9'"


def test_yaml_that_is_not_a_map() -> None:
    with pytest.raises(InvalidMapError) as info:
        argmap.parse("- a\n- b\n", "yaml", filename="m.yaml")
    assert str(only_problem(info.value)) == "m.yaml: expected a mapping with 'statements' and 'relations', got list"
    with pytest.raises(InvalidMapError, match="got nothing"):
        argmap.parse("", "yaml")


# ------------------------------------------------------------------------------- JSON, from a file


def test_json_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "m.json", '{"statements": [\n {"id": "c1", "kind": "claim", "text": {"en": "x"}},\n]}')
    with pytest.raises(FormatError) as info:
        argmap.load(path)
    assert str(only_problem(info.value)) == f"{path}:3:1: JSON syntax error: Expecting value"


def test_json_schema_error_names_path_line_and_column(tmp_path: Path) -> None:
    text = (
        '{"statements": [\n  {"id": "c1", "kind": "claim", "text": {"en": "x"}}],\n'
        ' "relations": [{"id": "r1", "type": "support", "premises": ["c1"], "target": "c9"}]}'
    )
    path = write(tmp_path, "m.json", text)
    with pytest.raises(InvalidMapError) as info:
        argmap.load(path)
    p = only_problem(info.value)
    assert (p.path, p.message, p.line) == ("relations[0].target", "unknown statement 'c9'", 3)
    assert text.splitlines()[2][p.column - 1 :].startswith('"c9"')  # type: ignore[operator]


# ------------------------------------------------------------------------------------ file errors


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ArgmapError, match=r"m\.yaml: no such file$"):
        argmap.load(tmp_path / "m.yaml")
    with pytest.raises(ArgmapError, match="is a folder, not a file"):
        argmap.load(tmp_path)


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "m.yaml", b"statements:\n  - {id: c1, claim: \xff}\n")
    with pytest.raises(FormatError) as info:
        argmap.load(path)
    assert str(only_problem(info.value)) == f"{path}:2: not UTF-8 text (byte 0xff)"


def test_size_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "m.yaml", "statements: []\n")
    with pytest.raises(LimitExceededError, match=r"15 bytes is over the limit of 10 bytes"):
        read_text(path, max_bytes=10)


def test_unknown_format_and_suffix(tmp_path: Path) -> None:
    with pytest.raises(ArgmapError, match=r"unknown format 'toml'; known formats: .*json.*yaml"):
        argmap.parse("x", "toml")
    path = write(tmp_path, "m.txt", "hello")
    with pytest.raises(FormatError, match="unknown file type"):
        argmap.load(path)
