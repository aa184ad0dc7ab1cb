"""``--from FORMAT`` on every command that reads a map, and ``.json`` files read by their content with no option."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import argmap
from argmap.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner()

# every command that reads a map file, with what it needs besides the file
COMMANDS = {
    "validate": lambda f, out: ["validate", f],
    "show": lambda f, out: ["show", f],
    "query": lambda f, out: ["query", f, "statistics"],
    "evaluate": lambda f, out: ["evaluate", f],
    "render": lambda f, out: ["render", f, "-o", str(out / "m.dot")],
    "convert": lambda f, out: ["convert", f, str(out / "m.yaml")],
}


def _run(args: list[str]) -> tuple[int, str]:
    result = runner.invoke(app, args)
    return result.exit_code, " ".join((result.stdout + result.stderr).split())


def test_every_map_reading_command_has_from() -> None:
    import typer.main

    group = typer.main.get_command(app)
    commands = dict(group.commands)  # type: ignore[attr-defined]
    commands |= {f"keys {n}": c for n, c in commands.pop("keys").commands.items()}
    takes_a_map = {
        name
        for name, cmd in commands.items()
        if any(p.param_type_name == "argument" and p.name in ("file", "files", "path", "map_path", "source") for p in cmd.params)
    }
    reading = {name for name, cmd in commands.items() if any("--from" in p.opts for p in cmd.params)}
    assert set(COMMANDS) <= takes_a_map and takes_a_map <= reading, (takes_a_map, reading)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_from_reads_a_file_whose_name_says_nothing(command: str, tmp_path: Path) -> None:
    path = tmp_path / "debate.txt"  # no suffix argmap knows
    shutil.copy(FIXTURES / "sample.sadface.json", path)
    code, out = _run([*COMMANDS[command](str(path), tmp_path), "--from", "sadface"])
    assert code == 0, out
    code, out = _run([*COMMANDS[command](str(path), tmp_path), "--from", "kialo"])  # the wrong format: a clear error, no traceback
    assert code == 1 and "Traceback" not in out and "Discussion Title" in out


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_unknown_format_is_one_line_listing_the_known_ones_exit_2(command: str, tmp_path: Path) -> None:
    path = str(FIXTURES / "sample.aif.json")
    result = runner.invoke(app, [*COMMANDS[command](path, tmp_path), "--from", "klingon"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "unknown input format 'klingon'" in lines[0]
    assert all(name in lines[0] for name in ("aif", "argdown", "json", "kialo", "sadface", "yaml"))
    result = runner.invoke(app, [*COMMANDS[command](path, tmp_path), "--from", "mermaid"])
    assert result.exit_code == 2 and "can be written but not read" in result.stderr


def test_format_is_an_alias_where_it_does_not_clash(tmp_path: Path) -> None:
    path = tmp_path / "m.txt"
    shutil.copy(FIXTURES / "sample.aif.json", path)
    for command in ("validate", "show", "query", "evaluate"):
        code, out = _run([*COMMANDS[command](str(path), tmp_path), "--format", "aif"])
        assert code == 0, (command, out)


def test_from_loads_a_framework_suffix_as_a_map(tmp_path: Path) -> None:
    path = tmp_path / "m.tgf"  # a framework suffix; --from says it is AIF after all
    shutil.copy(FIXTURES / "sample.aif.json", path)
    code, out = _run(["evaluate", str(path), "--from", "aif", "--json"])
    assert code == 0 and '"semantics"' in out


@pytest.mark.parametrize(("fixture", "fmt"), [("sample.aif.json", "aif"), ("sample.ova.json", "aif"), ("sample.sadface.json", "sadface")])
def test_a_plain_json_file_is_read_by_its_content(fixture: str, fmt: str, tmp_path: Path) -> None:
    path = tmp_path / "nodeset123.json"
    shutil.copy(FIXTURES / fixture, path)
    assert argmap.load(path) == argmap.load(FIXTURES / fixture, format=fmt)
    code, out = _run(["validate", str(path)])
    assert code == 0 and "valid" in out


def test_native_json_with_aif_metadata_stays_native(tmp_path: Path) -> None:
    m = argmap.load(FIXTURES / "sample.aif.json")  # keeps AIF dialogue nodes (nodeID...) in its metadata
    path = tmp_path / "map.json"
    argmap.save(m, path, format="json")
    assert json.loads(path.read_text())["metadata"]["aif_dialogue"]["nodes"][0]["nodeID"]
    assert argmap.formats.json_kind(path.read_text()) == "json"
    assert argmap.load(path) == m


def test_content_sniffing_of_json_is_bounded() -> None:
    from argmap.formats import json_kind

    assert json_kind('{"x": ' + "[" * 50_000 + "]" * 50_000 + ', "statements": []}') is None  # too deep: the reader says so
    assert json_kind('{"n": ' + "9" * 10_000 + ', "nodes": [{"nodeID": 1}]}') is None
    assert json_kind("[1, 2]") is None and json_kind("") is None
    assert json_kind('{"edges": [{"id": "e", "source_id": "a", "target_id": "b"}], "nodes": []}') == "sadface"
    assert json_kind('{"OVA": {}, "AIF": {"nodes": []}}') == "aif"
