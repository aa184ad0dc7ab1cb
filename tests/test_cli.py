"""The core commands: validate, show, query, schema; their output and exit codes (0 ok, 1 invalid, 2 usage)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import argmap
from argmap.cli import app
from argmap.cli.core import json_schema

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = str(ROOT / "examples" / "example.argmap.yaml")
SCHEMA_FILE = ROOT / "docs" / "schema" / "argmap.schema.json"

runner = CliRunner()

BROKEN_YAML = "statements:\n  - {id: c1, claim: x\n  - id: c2\n"
DANGLING = """\
main_claim: c1
statements:
  - {id: c1, claim: A claim}
  - {id: e1, evidence: Some evidence}
relations:
  - {id: r1, support: e1, target: c9}
  - {id: r2, attack: e7, target: c1}
"""


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def broken(tmp_path: Path) -> dict[str, str]:
    files = {"yaml": tmp_path / "broken.yaml", "dangling": tmp_path / "dangling.yaml"}
    files["yaml"].write_text(BROKEN_YAML, encoding="utf-8")
    files["dangling"].write_text(DANGLING, encoding="utf-8")
    return {k: str(v) for k, v in files.items()}


# ------------------------------------------------------------------------------------ validate


def test_validate_a_valid_map() -> None:
    code, out, err = run("validate", EXAMPLE)
    assert code == 0 and err == ""
    assert out == f"{EXAMPLE}: valid (12 statements, 10 relations)\n"


def test_validate_lists_every_problem_with_its_place(broken: dict[str, str]) -> None:
    code, out, err = run("validate", broken["dangling"])
    path = broken["dangling"]
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"{path}: invalid: 2 problems",
        f"  {path}:6:35: relations[0].target: unknown statement 'c9'",
        f"  {path}:7:5: relations[1].premises[0]: unknown statement 'e7'",
    ]
    assert "Traceback" not in err


def test_validate_broken_yaml_names_the_line(broken: dict[str, str]) -> None:
    code, _, err = run("validate", broken["yaml"])
    assert code == 1
    assert f"{broken['yaml']}:3:7: YAML syntax error: expected ',' or '}}', but got ':'" in err


def test_validate_many_files_and_folders(broken: dict[str, str], tmp_path: Path) -> None:
    code, out, err = run("validate", EXAMPLE, broken["yaml"], broken["dangling"])
    assert code == 1 and out.count(": valid") == 1 and err.count(": invalid") == 2
    assert err.rstrip().endswith("2 of 3 files invalid")
    good = tmp_path / "good"
    good.mkdir()
    shutil.copy(EXAMPLE, good / "a.argmap.yaml")
    (good / "notes.txt").write_text("not a map")
    code, out, _ = run("validate", str(good))
    assert code == 0 and out.count(": valid") == 1  # the .txt file is not a map file
    code, out, _ = run("validate", str(good / "*.yaml"), "-q")
    assert code == 0 and out == ""


def test_validate_missing_file_and_empty_glob(tmp_path: Path) -> None:
    code, _, err = run("validate", str(tmp_path / "nope.yaml"))
    assert code == 1 and err == f"error: {tmp_path / 'nope.yaml'}: no such file\n"
    code, _, err = run("validate", str(tmp_path / "*.json"))
    assert code == 1 and "no map files found" in err


def test_validate_usage_error() -> None:
    code, _, err = run("validate")
    assert code == 2 and "Missing argument 'FILE'" in err


# ---------------------------------------------------------------------------------------- show


def _flat(out: str) -> str:
    """The outline's text without the tree's guides and line breaks (rich wraps long lines at the terminal's width)."""
    return " ".join(re.sub(r"[│├└─]", " ", out).split())


def test_show_outlines_the_map_in_dutch_for_people() -> None:
    """The default is for reading: statements and their signs, no statement or relation ids."""
    code, out, _ = run("show", EXAMPLE)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Telefoons in de klas") and "(12 statements, 10 relations; nl)" in lines[0]
    assert lines[1].endswith("★ Telefoons horen tijdens de les in een kluisje.")
    assert any(line.endswith("+ together:") for line in lines)  # the linked argument
    assert any("✗ undercut: [example] " in line for line in lines)
    assert any("− Leerlingen hebben hun telefoon nodig" in line for line in lines)
    assert any("(critici)" in line for line in lines) and any("(Anja de Vries)" in line for line in lines)
    # a scheme and a strength follow the statement, named (the lines wrap at the terminal's width)
    flat = _flat(out)
    assert "Telefoons in de klas leiden leerlingen af. · Argument from Consequences" in flat
    assert "in de les afleiden. · strength 0.7" in flat
    # no id of a statement (c1, e4, o1, ...) or relation (r1 ... r10) anywhere
    ids = {"c1", "c2", "c3", "c4", "e1", "e2", "e3", "e4", "e5", "o1", "o2", "a1"} | {f"r{i}" for i in range(1, 11)}
    assert not ids & set(out.replace(":", " ").replace("(", " ").replace(")", " ").split())
    # the rebuttal sits under the objection it answers
    o1 = next(i for i, line in enumerate(lines) if "− Leerlingen" in line)
    a1 = next(i for i, line in enumerate(lines) if "− De school" in line)
    assert o1 < a1 <= o1 + 2 and lines[a1].index("−") > lines[o1].index("−")


def test_show_with_ids_names_every_statement_and_relation() -> None:
    code, out, _ = run("show", EXAMPLE, "--ids")
    assert code == 0
    lines = out.splitlines()
    assert "★ c1 Telefoons horen tijdens de les in een kluisje." in lines[1]
    assert any("+ together (r3):" in line for line in lines)
    assert any("✗ undercut r5: e4 [example]" in line for line in lines)
    assert any("− r7: o1 Leerlingen hebben hun telefoon nodig" in line for line in lines)
    assert any("+ r2 · 0.7: e1 [statistic]" in line for line in lines)
    assert any("+ r1 · Argument from Consequences: c2 " in line for line in lines)


def test_show_in_english_and_unknown_language() -> None:
    code, out, _ = run("show", EXAMPLE, "--lang", "en")
    assert code == 0 and "★ Phones belong in a locker during lessons." in out
    code, _, err = run("show", EXAMPLE, "--lang", "fr")
    assert code == 1 and err == "error: --lang: the map has no text in 'fr'; its languages: nl, en\n"


def test_show_names_a_statement_met_again_by_its_title(tmp_path: Path) -> None:
    """A statement under two others is shown in full once, then by its title (or the start of its text) after ↑."""
    path = tmp_path / "m.json"
    long_text = "A long reason that bears on two claims at once, and says so at length."
    statements = [
        {"id": "c", "claim": "The main claim."},
        {"id": "p1", "claim": "The first pillar."},
        {"id": "p2", "claim": "The second pillar."},
        {"id": "s", "claim": "A shared reason for both pillars.", "title": "Shared reason"},
        {"id": "t", "claim": long_text},
    ]
    pairs = [("p1", "c"), ("p2", "c"), ("s", "p1"), ("s", "p2"), ("t", "p1"), ("t", "p2")]
    relations = [{"support": a, "target": b} for a, b in pairs]
    path.write_text(json.dumps({"main_claim": "c", "statements": statements, "relations": relations}), encoding="utf-8")
    code, out, _ = run("show", str(path))
    flat = _flat(out)
    assert code == 0
    assert flat.count("A shared reason for both pillars.") == 1 and "+ ↑ Shared reason" in flat
    assert flat.count(long_text) == 1 and "+ ↑ " + long_text[:59].rstrip() + "…" in flat
    assert "(see above)" not in out
    code, out, _ = run("show", str(path), "--ids")
    flat = _flat(out)
    assert code == 0 and flat.count("s A shared reason for both pillars.") == 2 and flat.count("(see above)") == 2


def test_show_user_text_is_not_markup(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text('statements:\n  - {id: c1, claim: "[bold red]not markup[/] and [link=x]y[/link]"}\n', encoding="utf-8")
    code, out, _ = run("show", str(path))
    assert code == 0 and "[bold red]not markup[/] and [link=x]y[/link]" in out


def test_show_a_map_without_main_claim_and_with_a_cycle(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "statements: [{id: a, claim: A}, {id: b, claim: B}, {id: c, claim: C}]\n"
        "relations: [{attack: a, target: b}, {attack: b, target: a}]\n",
        encoding="utf-8",
    )
    code, out, _ = run("show", str(path))
    assert code == 0
    assert "↑ A" in out and out.count("\n") == 5 and "(see above)" not in out
    code, out, _ = run("show", str(path), "--ids")
    assert code == 0
    assert "(see above)" in out and "c C" in out and out.count("a A") == 2


def test_show_and_chains_on_a_very_deep_map(tmp_path: Path) -> None:
    """A chain of 600 statements: show stops at a bounded depth (no RecursionError), chains need --max-length."""
    n = 600
    data = {
        "main_claim": "s0",
        "statements": [{"id": f"s{i}", "claim": f"C{i}"} for i in range(n)],
        "relations": [{"support": f"s{i + 1}", "target": f"s{i}"} for i in range(n - 1)],
    }
    path = tmp_path / "deep.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = run("show", str(path))
    assert code == 0 and "deeper levels not shown" in out
    code, out, _ = run("query", str(path), "chains", f"s{n - 1}")
    assert code == 0 and out == "none\n"  # beyond the default bound of 12 relations
    code, out, _ = run("query", str(path), "chains", f"s{n - 1}", "--max-length", "1000", "--json")
    assert code == 0 and len(json.loads(out)[0]["relations"]) == n - 1


def test_show_invalid_file(broken: dict[str, str]) -> None:
    code, _, err = run("show", broken["dangling"])
    assert code == 1 and "relations[0].target: unknown statement 'c9'" in err


# --------------------------------------------------------------------------------------- query


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["supporters", "c1"], ["c2", "c3", "c4"]),
        (["attackers", "c1"], ["o1", "o2"]),
        (["undercutters", "r4"], ["e4"]),
        (["evidence", "c2"], ["e1"]),
        (["evidence", "c1", "--transitive"], ["e1", "e3", "e2"]),
        (["unsupported"], ["o1", "o2"]),
        (["disconnected"], []),
        (["cycles"], []),
    ],
)
def test_query_id_lists_as_json(args: list[str], expected: list[str]) -> None:
    code, out, _ = run("query", EXAMPLE, *args, "--json")
    assert code == 0 and json.loads(out) == expected


def test_query_structured_answers_as_json() -> None:
    _, out, _ = run("query", EXAMPLE, "objections", "c1", "--json")
    assert [(o["statement"], o["answered"], o["answered_by"]) for o in json.loads(out)] == [("o1", True, ["a1"]), ("o2", False, [])]
    _, out, _ = run("query", EXAMPLE, "unanswered", "--json")
    assert [o["relation"] for o in json.loads(out)] == ["r8", "r10"]
    _, out, _ = run("query", EXAMPLE, "chains", "e1", "--json")
    assert json.loads(out) == [{"statements": ["e1", "c2", "c1"], "relations": ["r2", "r1"], "stance": "pro"}]
    _, out, _ = run("query", EXAMPLE, "search", "tablets", "--lang", "en", "--json")
    assert [h["statement"] for h in json.loads(out)] == ["a1"]
    _, out, _ = run("query", EXAMPLE, "statistics", "--json")
    assert json.loads(out)["by_depth"] == {"0": 1, "1": 5, "2": 4, "3": 2}
    _, out, _ = run("query", EXAMPLE, "focus", "o1", "--json")
    sub = argmap.parse(out, "json")
    assert [s.id for s in sub.statements] == ["c1", "o1", "a1"] and sub.main_claim == "c1"


def test_query_readable_answers() -> None:
    _, out, _ = run("query", EXAMPLE, "objections", "c1")
    assert out.splitlines()[0].startswith("r7: o1 Leerlingen hebben hun telefoon nodig voor digitale opdrachten.  (critici)")
    assert "→ c1: answered by a1 (r8)" in out and "→ c1: unanswered" in out
    _, out, _ = run("query", EXAMPLE, "chains", "e5", "--lang", "en")
    assert out == "pro: e5 -support(r9)-> a1 -attack(r8)-> o1 -attack(r7)-> c1\n"
    _, out, _ = run("query", EXAMPLE, "supporters", "c2", "--lang", "en")
    assert out.startswith("e1 [statistic] 68 % of pupils say")
    _, out, _ = run("query", EXAMPLE, "disconnected")
    assert out == "none\n"
    _, out, _ = run("query", EXAMPLE, "statistics")
    assert "linked_arguments: 1" in out
    _, out, _ = run("query", EXAMPLE, "focus", "e5", "-k", "0")
    assert argmap.parse(out, "yaml").statements[0].id == "e5"


def test_query_errors() -> None:
    code, _, err = run("query", EXAMPLE, "supporters", "zz")
    assert code == 1 and err == "error: unknown statement 'zz'\n"
    code, _, err = run("query", EXAMPLE, "supporters")
    assert code == 2 and "'supporters' needs an id" in err
    code, _, err = run("query", EXAMPLE, "statistics", "c1")
    assert code == 2 and "'statistics' takes no id (got 'c1')" in err
    code, _, err = run("query", EXAMPLE, "wisdom")
    assert code == 2 and "'wisdom' is not one of" in err
    code, _, err = run("query", EXAMPLE, "focus", "c1", "-k", "1000")
    assert code == 2


# -------------------------------------------------------------------------------------- schema


def test_schema_is_the_published_file() -> None:
    code, out, _ = run("schema")
    assert code == 0
    assert json.loads(out) == json_schema()
    assert out == SCHEMA_FILE.read_text(encoding="utf-8"), "docs/schema is stale: run `argmap schema > docs/schema/argmap.schema.json`"


def test_schema_describes_the_long_form_json_we_write() -> None:
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["properties"]) == {
        "id",
        "title",
        "titles",
        "language",
        "main_claim",
        "sources",
        "statements",
        "relations",
        "metadata",
    }
    assert schema["additionalProperties"] is False
    assert set(schema["$defs"]) >= {"Claim", "Evidence", "Support", "Attack", "Undercut", "Source", "Anchor", "Holder"}


# -------------------------------------------------------------------------------- the real thing


def test_console_script_runs_in_a_subprocess(broken: dict[str, str]) -> None:
    exe = Path(sys.executable).parent / "argmap"
    command = [str(exe)] if exe.exists() else [sys.executable, "-c", "from argmap.cli import main; main()"]
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    ok = subprocess.run([*command, "validate", EXAMPLE], capture_output=True, text=True, timeout=60, env=env)
    assert ok.returncode == 0 and ok.stdout.strip().endswith("valid (12 statements, 10 relations)")
    bad = subprocess.run([*command, "validate", broken["dangling"]], capture_output=True, text=True, timeout=60, env=env)
    assert bad.returncode == 1 and "unknown statement 'c9'" in bad.stderr and "Traceback" not in bad.stderr
    usage = subprocess.run([*command, "query"], capture_output=True, text=True, timeout=60, env=env)
    assert usage.returncode == 2
