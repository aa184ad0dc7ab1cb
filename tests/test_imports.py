"""What importing argmap, and running a command, loads: only what is used (start-up time, issue 14).

Each check runs in a fresh interpreter, so that nothing this test process imported before counts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ESSAY = ROOT / "examples" / "social_media" / "social-media.argmap.yaml"

# Never loaded by `import argmap`: the heavy optional parts (solvers, graphs, the REST service).
HEAVY = ("networkx", "clingo", "numpy", "fastapi", "sqlalchemy", "pysat")
# Never loaded to draw a map: the solvers and graphs, the semantics, decks, the view, rich.
NOT_FOR_RENDER = (*HEAVY, "argmap.semantics", "argmap.deck", "argmap.view", "rich")


def loaded_after(code: str) -> set[str]:
    """The top-level names and argmap modules in ``sys.modules`` after running ``code`` in a fresh interpreter."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    return set(json.loads(out.splitlines()[-1]))


def imported_by_command(args: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run ``python -m argmap ARGS`` with ``-X importtime``; the process and every module it imported."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "argmap", *args], capture_output=True, text=True, cwd=cwd, env=env)
    modules = {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines() if line.startswith("import time:") and "|" in line}
    return done, modules


def hits(modules: set[str], names: tuple[str, ...]) -> list[str]:
    """The modules that are one of ``names`` or inside one of them."""
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


def test_import_argmap_loads_no_heavy_dependency() -> None:
    loaded = loaded_after("import argmap")
    assert hits(loaded, (*HEAVY, "argmap.semantics", "argmap.render", "pydantic")) == []


def test_every_public_name_imports_on_first_use_and_is_listed() -> None:
    names = loaded_after(
        "import argmap\n"
        "assert set(argmap.__all__) <= set(dir(argmap)), 'dir(argmap) misses public names'\n"
        "from argmap import *\n"
        "missing = [n for n in argmap.__all__ if n not in globals()]\n"
        "assert not missing, missing\n"
        "assert callable(argmap.render) and argmap.render.render is not None and argmap.deck.build_deck and argmap.query.search\n"
    )
    assert "argmap.semantics" in names  # evaluate/explain were asked for by the star import


def test_unknown_attribute_is_an_attribute_error() -> None:
    import argmap

    with pytest.raises(AttributeError, match="no attribute 'nosuch'"):
        argmap.nosuch  # noqa: B018


def test_loading_and_rendering_a_map_loads_neither_graphs_nor_solvers() -> None:
    loaded = loaded_after(f"import argmap\nm = argmap.load({str(ESSAY)!r})\nassert argmap.render(m).startswith(b'<')")
    assert hits(loaded, NOT_FOR_RENDER) == []


def test_argmap_render_imports_only_what_drawing_needs(tmp_path: Path) -> None:
    done, modules = imported_by_command(["render", str(ESSAY), "-o", "x.svg"], tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / "x.svg").read_bytes().startswith(b"<")
    assert "argmap.render" in modules
    assert hits(modules, NOT_FOR_RENDER) == []


def test_argmap_help_imports_neither_the_model_nor_rich(tmp_path: Path) -> None:
    done, modules = imported_by_command(["--help"], tmp_path)
    assert done.returncode == 0 and "render" in done.stdout and "evaluate" in done.stdout
    assert hits(modules, (*NOT_FOR_RENDER, "argmap.model", "argmap.formats", "argmap.render")) == []


def test_exit_codes_survive_the_fast_exit(tmp_path: Path) -> None:
    ok, _ = imported_by_command(["validate", str(ESSAY)], tmp_path)
    assert ok.returncode == 0 and "valid" in ok.stdout
    missing, _ = imported_by_command(["validate", "nosuch.yaml"], tmp_path)
    assert missing.returncode == 1 and "nosuch.yaml" in missing.stderr
    usage, _ = imported_by_command(["render", str(ESSAY)], tmp_path)
    assert usage.returncode == 2


def test_the_app_has_every_command() -> None:
    import typer.main

    from argmap.cli import app

    names = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    assert {"validate", "show", "query", "schema", "convert", "render", "deck", "evaluate", "iccma", "serve", "view", "keys", "db"} <= names


def test_only_the_native_yaml_format_claims_yaml_suffixes() -> None:
    """``format_for_path`` loads no other format module for .yaml/.yml (start-up time): that is right only while this holds."""
    from argmap.formats import _NATIVE_ONLY_SUFFIXES, formats

    claiming = {f.name for f in formats() for s in f.suffixes if s.endswith(_NATIVE_ONLY_SUFFIXES)}
    assert claiming == {"yaml"}


def test_the_built_in_themes_made_without_validation_are_valid() -> None:
    """The built-in themes skip validation at import (start-up time); validated, each is the same theme."""
    from argmap.render.theme import THEMES, Theme

    for name, theme in THEMES.items():
        assert Theme.model_validate(theme.model_dump()) == theme, name
        assert Theme.model_validate_json(theme.model_dump_json()).model_dump() == theme.model_dump(), name


def test_a_program_that_calls_main_keeps_its_finally_blocks_and_files(tmp_path: Path) -> None:
    # Only the console script ends the process without teardown; argmap.cli.main() raises SystemExit like click.
    log = tmp_path / "log.txt"
    code = (
        "import sys\n"
        "from argmap.cli import main\n"
        f"handle = open({str(log)!r}, 'w')\n"
        "handle.write('before\\n')\n"
        "sys.argv = ['argmap', '--version']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    print('exit', exc.code)\n"
        "finally:\n"
        "    print('finally ran')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "exit 0" in done.stdout and "finally ran" in done.stdout
    assert log.read_text() == "before\n"  # flushed when the interpreter ended normally
