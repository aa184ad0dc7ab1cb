"""Every example script runs to the end without error, so the examples cannot rot.

Scripts are discovered (``examples/*.py`` and ``examples/*.sh``): a new example is tested by being there.
Each runs in its own process with a time limit, writing into a temporary folder given as its first argument.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
TIMEOUT = 120  # seconds per script
SCRIPTS = sorted([*EXAMPLES.glob("*.py"), *EXAMPLES.glob("*.sh")])


# What some examples promise to write into their output folder: file -> words it must contain.
PROMISES: dict[str, dict[str, str | tuple[str, ...]]] = {
    "build_in_python.py": {
        "critics.svg": ("Zo simpel is het niet.", "Niks te klagen?"),
        "critics.en.svg": ("It is not that simple.", "Nothing to complain about?"),  # the text and the title in English
    },
    "evaluate_map.py": {"objection.bare.svg": "What is still social about social media?"},  # the part keeps the English title
    "presentation.sh": {
        "overview.nl.svg": "Het sociale zit niet in de",
        "overview.en.svg": "The social is not in the",
        "pillar-1-sharing-lost.svg": "Delen en samenwerken",
        "pillar-4-hold-on.svg": "tweede kans",
        "objection.nl.svg": "niks te klagen",
        "objection.en.svg": "What is still social about social media?",
        "steps/step-01.svg": "Het sociale in social media",
        "steps/steps.svg": "step-2",  # the combined build holds every step (their number follows the build)
    },
}


def _command(script: Path, out: Path) -> list[str]:
    if script.suffix == ".py":
        return [sys.executable, str(script), str(out)]
    return ["bash", str(script), str(out)]


def test_examples_are_found() -> None:
    names = {s.name for s in SCRIPTS}
    assert {"build_in_python.py", "presentation.sh"} <= names


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.name for s in SCRIPTS])
def test_example_runs(script: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    try:
        done = subprocess.run(_command(script, out), cwd=tmp_path, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{script.name} did not finish within {TIMEOUT} s")
    assert done.returncode == 0, f"{script.name} exited {done.returncode}\n--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"
    assert "Traceback" not in done.stderr
    # every SVG an example writes is a real, complete SVG; an example that promises files delivers them
    for svg in out.rglob("*.svg") if out.exists() else []:
        text = svg.read_text(encoding="utf-8")
        assert "<svg" in text and text.rstrip().endswith("</svg>"), svg
    for name, promised in PROMISES.get(script.name, {}).items():
        path = out / name
        assert path.is_file(), f"{script.name} did not write {name}"
        for words in (promised,) if isinstance(promised, str) else promised:
            assert words in _svg_text(path), f"{name} lacks {words!r}"


def _svg_text(path: Path) -> str:
    """The text of an SVG with its markup and entities undone (labels may be split into several tspans)."""
    import html
    import re

    return " ".join(html.unescape(t) for t in re.findall(r">([^<>]+)<", path.read_text(encoding="utf-8")))


# ------------------------------------------------------------------------------ the tutorial's code


TUTORIAL = ROOT / "docs" / "tutorial.md"


def _blocks(language: str, page: Path = TUTORIAL) -> list[str]:
    import re

    return re.findall(rf"^```{language}\n(.*?)^```", page.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)


def test_readme_code_runs_as_written(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (block,) = _blocks("python", ROOT / "README.md")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {}
    exec(compile(block, "README.md", "exec"), namespace)
    m = namespace["m"]
    import argmap

    assert [o.statement for o in argmap.query.unanswered_objections(m)] == ["c2"]
    assert namespace["svg"].startswith(b"<?xml") and b"Cats scratch the furniture." in namespace["svg"]
    assert argmap.load(tmp_path / "pets.argmap.yaml") == m


def test_home_page_code_runs_and_says_true(monkeypatch: pytest.MonkeyPatch) -> None:
    (block,) = _blocks("python", ROOT / "docs" / "index.md")
    monkeypatch.chdir(ROOT)
    namespace: dict[str, Any] = {}
    exec(compile(block, "docs/index.md", "exec"), namespace)
    query, m = namespace["query"], namespace["m"]
    assert query.evidence_for(m, "sharing-lost") == ["instagram-twitter"]
    assert query.disconnected(m) == []
    assert namespace["svg"].startswith(b"<?xml") and b"complain" in namespace["svg"]  # English labels


def test_tutorial_yaml_and_python_run_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The tutorial's YAML steps, put together, make a valid map; its Python blocks run and print what it says."""
    import textwrap

    import yaml

    import argmap

    first, *additions = _blocks("yaml")
    data = yaml.safe_load(first)
    for block in additions:
        items = yaml.safe_load(textwrap.dedent(block))
        key = "statements" if all("claim" in i or "evidence" in i for i in items) else "relations"
        data[key].extend(items)
    (tmp_path / "social-media.nl.txt").write_bytes((EXAMPLES / "social_media" / "social-media.nl.txt").read_bytes())
    (tmp_path / "passage.argmap.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    m = argmap.load(tmp_path / "passage.argmap.yaml")
    assert len(m.statements) == 7 and m.statement("critics-product").holder.name == "critics"
    assert m.relation("critics.reasons").is_linked

    monkeypatch.chdir(tmp_path)
    python = _blocks("python")
    assert len(python) == 3
    namespace: dict[str, object] = {}  # the blocks build on each other, as in a reader's session
    for block in python:
        exec(compile(block, str(TUTORIAL), "exec"), namespace)
    printed = capsys.readouterr().out.splitlines()
    assert printed[:4] == ["739", "['content-grab']", "[]", "['not-so-simple']"]
    assert printed[4] == "['critics-product']"
    assert printed[5] == "7 statements; critics"
    assert argmap.load(tmp_path / "passage-from-python.argmap.yaml").statement("e1").anchors[0].start == 739

    # the shell commands, as written, with the argmap of this environment
    commands = [line.split("#")[0].split() for block in _blocks("bash") for line in block.splitlines() if line.startswith("argmap ")]
    assert len(commands) == 4
    cli = Path(sys.executable).parent / "argmap"
    for command in commands:
        done = subprocess.run([str(cli), *command[1:]], cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT, check=False)
        assert done.returncode == 0, f"{' '.join(command)}: {done.stderr}"
    assert "nothing to complain about" in _svg_text(tmp_path / "passage.en.svg")
    assert "niks te klagen" in _svg_text(tmp_path / "slide.svg")
