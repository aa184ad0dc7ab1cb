"""``argmap convert``: one file by suffix or --from/--to, folders and globs in batch, warnings shown, failures summed up."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import argmap
from argmap.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    # rich wraps long lines at the terminal's width: compare words, not line breaks
    return result.exit_code, " ".join(result.stdout.split()), " ".join(result.stderr.split())


def test_convert_by_suffix(tmp_path: Path) -> None:
    out = tmp_path / "m.aif.json"
    code, stdout, _ = _run("convert", str(FIXTURES / "constructs.argdown"), str(out))
    assert code == 0 and f"wrote {out}" in stdout
    assert json.loads(out.read_text())["nodes"][0]["text"] == "Cats are good pets."
    back = tmp_path / "back.argdown"
    assert _run("convert", str(out), str(back))[0] == 0
    assert argmap.load(back).model_dump() == argmap.load(FIXTURES / "constructs.argdown").model_dump()


def test_convert_with_from_and_to(tmp_path: Path) -> None:
    src = tmp_path / "debate.txt"
    shutil.copy(FIXTURES / "sample.kialo.txt", src)
    out = tmp_path / "debate.out"
    code, _, _ = _run("convert", str(src), str(out), "--from", "kialo", "--to", "mermaid")
    assert code == 0 and out.read_text().startswith("flowchart BT")


def test_warnings_are_printed(tmp_path: Path) -> None:
    src = tmp_path / "twice.argdown"
    src.write_text("[A]: one\n[A]: two\n")
    code, stdout, stderr = _run("convert", str(src), str(tmp_path / "t.mmd"))
    assert code == 0 and "(1 warning)" in stdout
    assert "warning:" in stderr and "[A] is defined again with other text" in stderr


def test_errors_exit_1_with_place(tmp_path: Path) -> None:
    src = tmp_path / "bad.kialo.txt"
    src.write_text("Discussion Title: x\n\n1. T\n1.3.1. Con: y\n")
    code, _, stderr = _run("convert", str(src), str(tmp_path / "x.aif.json"))
    assert code == 1 and f"{src}:4:1: 1.3.1. is under 1.3., which is not in the file" in stderr
    assert "Traceback" not in stderr
    # an output format that cannot be written or told is a usage error (docs/cli.md): exit code 2
    code, _, stderr = _run("convert", str(FIXTURES / "constructs.argdown"), str(tmp_path / "x.xml"))
    assert code == 2 and "can be read but not written" in stderr
    code, _, stderr = _run("convert", str(FIXTURES / "constructs.argdown"), str(tmp_path / "x.unknown"))
    assert code == 2 and "--to" in stderr


def test_batch_folder_with_a_bad_file(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    shutil.copy(FIXTURES / "constructs.argdown", src / "a.argdown")
    shutil.copy(FIXTURES / "sample.aif.json", src / "sub" / "b.aif.json")
    (src / "bad.kialo.txt").write_text("Discussion Title: x\n\n1. T\n1.1. y\n")
    out = tmp_path / "out"
    code, stdout, stderr = _run("convert", str(src), str(out), "--to", "argdown")
    assert code == 1
    assert "converted 2 of 3 files" in stdout
    assert "1 failed" in stderr and "bad.kialo.txt:4:6: expected 'Pro:' or 'Con:' after 1.1." in stderr
    assert (out / "a.argdown").is_file() and (out / "sub" / "b.argdown").is_file()


def test_batch_needs_to(tmp_path: Path) -> None:
    code, _, stderr = _run("convert", str(FIXTURES), str(tmp_path / "o"))
    assert code == 2 and "--to" in stderr  # a usage error


def test_batch_glob_keeps_folders_apart(tmp_path: Path) -> None:
    for lang in ("de", "en"):
        (tmp_path / "in" / lang).mkdir(parents=True)
        shutil.copy(FIXTURES / "sample.ova.json", tmp_path / "in" / lang / "x.ova.json")
    code, stdout, _ = _run("convert", str(tmp_path / "in" / "*" / "*.json"), str(tmp_path / "out"), "--to", "yaml")
    assert code == 0 and "converted 2 of 2" in stdout
    assert (tmp_path / "out" / "de" / "x.argmap.yaml").is_file() and (tmp_path / "out" / "en" / "x.argmap.yaml").is_file()


def _debates(folder: Path) -> dict[str, Path]:
    """Five maps in ``folder``, three of them named ``debate`` (in Argdown, argmap YAML and AIF): input name -> file."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = {
        "debate.argdown": FIXTURES / "constructs.argdown",
        "debate.yaml": Path(__file__).parents[2] / "examples" / "example.argmap.yaml",
        "debate.aif.json": FIXTURES / "sample.aif.json",
        "nodeset123.json": FIXTURES / "sample.aif.json",
        "s.json": FIXTURES / "sample.sadface.json",
    }
    for name, source in sources.items():
        shutil.copy(source, folder / name)
    return {name: folder / name for name in sources}


def test_batch_inputs_of_one_name_get_distinct_outputs_and_a_true_count(tmp_path: Path) -> None:
    inputs = _debates(tmp_path / "in")
    out = tmp_path / "out"
    code, stdout, stderr = _run("convert", str(tmp_path / "in"), str(out), "--to", "yaml")
    assert code == 0, stderr
    written = sorted(p.name for p in out.iterdir())
    assert "converted 5 of 5 files" in stdout and len(written) == 5, written
    # the three debates keep their own suffix; the others keep the short name
    expected = {
        "debate.argdown": "debate.argdown.argmap.yaml",
        "debate.yaml": "debate.yaml.argmap.yaml",
        "debate.aif.json": "debate.aif.json.argmap.yaml",
        "nodeset123.json": "nodeset123.argmap.yaml",
        "s.json": "s.argmap.yaml",
    }
    assert written == sorted(expected.values())
    for name, output in expected.items():  # each output holds its own input's map
        assert argmap.load(out / output).model_dump() == argmap.load(inputs[name]).model_dump(), name
    assert "share a name" in stderr and "debate.argdown.argmap.yaml" in stderr  # said, not silent


def _cli(*args: str, cwd: Path) -> tuple[int, str, str]:
    """``python -m argmap ARGS`` in a real process: (exit code, stdout, stderr)."""
    env = {**os.environ, "COLUMNS": "400", "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-m", "argmap", *args], cwd=cwd, capture_output=True, text=True, timeout=120, env=env)
    return proc.returncode, proc.stdout, proc.stderr


def test_batch_refuses_outputs_that_would_still_coincide_before_writing_anything(tmp_path: Path) -> None:
    # x.argdown and x.yaml share a name and keep their suffixes: x.argdown -> x.argdown.argmap.yaml, which is
    # also the output of the input x.argdown.yaml (its map suffix .yaml taken off). Refused, naming all three.
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FIXTURES / "constructs.argdown", folder / "x.argdown")
    for name in ("x.yaml", "x.argdown.yaml"):
        shutil.copy(Path(__file__).parents[2] / "examples" / "example.argmap.yaml", folder / name)
    code, stdout, stderr = _cli("convert", "in", "out", "--to", "yaml", cwd=tmp_path)
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert code == 1 and len(lines) == 1 and lines[0].startswith("error: "), stderr
    assert "Traceback" not in stderr
    for name in ("x.argdown", "x.argdown.yaml"):
        assert str(Path("in") / name) in lines[0]
    assert "same output" in lines[0] and "x.argdown.argmap.yaml" in lines[0]
    assert not (tmp_path / "out").exists() and "converted" not in stdout  # nothing written, no count


def test_batch_never_writes_over_an_input(tmp_path: Path) -> None:
    folder = tmp_path / "maps"
    folder.mkdir()
    shutil.copy(Path(__file__).parents[2] / "examples" / "example.argmap.yaml", folder / "a.argmap.yaml")
    before = (folder / "a.argmap.yaml").read_bytes()
    code, _, stderr = _cli("convert", "maps", "maps", "--to", "yaml", cwd=tmp_path)
    assert code == 1 and stderr.startswith("error: ") and "over an input" in stderr and "a.argmap.yaml" in stderr, stderr
    assert (folder / "a.argmap.yaml").read_bytes() == before


def test_corpus_file_to_every_output(shared_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("argmap.render", reason="argmap.render is not importable yet: SVG output needs it")
    src = shared_dir / "corpora" / "microtexts" / "corpus" / "en" / "micro_b001.xml"
    for name in ("b.argdown", "b.aif.json", "b.mmd", "b.graphml", "b.svg", "b.dot"):
        code, _, stderr = _run("convert", str(src), str(tmp_path / name))
        assert code == 0, stderr
    assert b"<svg" in (tmp_path / "b.svg").read_bytes()[:2000]
    original = argmap.load(src)
    for name in ("b.argdown", "b.aif.json"):
        assert argmap.load(tmp_path / name).model_dump() == original.model_dump()


def test_convert_reads_a_plain_json_aif_file_and_warns_of_dropped_nodes(tmp_path: Path) -> None:
    data = json.loads((FIXTURES / "real" / "aif" / "nodeset6064.json").read_text())
    data["nodes"].append({"nodeID": "999", "text": "Default Inference", "type": "RA"})  # no premises, no conclusion
    data["edges"].append({"edgeID": "1", "fromID": "29045", "toID": "12345"})  # to a node that is not there
    src = tmp_path / "nodeset6064.json"
    src.write_text(json.dumps(data))
    code, out, err = _run("convert", str(src), str(tmp_path / "m.argmap.yaml"))
    assert code == 0 and "(2 warnings)" in out, err
    assert "nodes[52]: RA node '999' has no premises; it is not kept" in err
    assert "edges[54].toID: edge \"1\" points at unknown node '12345'; the edge is not kept" in err
    assert len(argmap.load(tmp_path / "m.argmap.yaml").statements) == 9
