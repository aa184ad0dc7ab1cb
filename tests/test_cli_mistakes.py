"""A newcomer's mistakes on the command line: each is one line naming the path or option and the documented exit code.

docs/cli.md promises: 0 done; 1 an input invalid, an id or language unknown, a file that cannot be read or
written; 2 a usage error; never a traceback. The exit codes and the absence of tracebacks are checked in a
real process (``python -m argmap``), as a user meets them.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import argmap
from argmap.cli import app
from argmap.errors import ArgmapError, InvalidMapError, InvalidOptionError, UnknownOptionError

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = str(ROOT / "examples" / "example.argmap.yaml")
ONE = "statements:\n  - {id: c1, claim: Hello}\n"


def argmap_cli(*args: str, cwd: Path, stdin: str | bytes | None = None, stdout: object = subprocess.PIPE) -> tuple[int, bytes, str]:
    """Run ``python -m argmap ARGS`` in ``cwd``: (exit code, stdout bytes, stderr text)."""
    data = stdin.encode() if isinstance(stdin, str) else stdin
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "argmap", *args], cwd=cwd, input=data, stdout=stdout, stderr=subprocess.PIPE, timeout=120, env=env
    )
    return proc.returncode, proc.stdout or b"", proc.stderr.decode("utf-8", "replace")


def one_error_line(err: str) -> str:
    """The stderr of a refused command: exactly one line, ``error: ...``, no traceback."""
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    return lines[0]


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A folder with a file where a folder might be expected (notes.txt) and folders where a file might be (maps/, maps.html/)."""
    (tmp_path / "notes.txt").write_text("my notes\n", encoding="utf-8")
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps.html").mkdir()
    (tmp_path / "maps" / "a.yaml").write_text(ONE, encoding="utf-8")
    return tmp_path


# ------------------------------------------------------------------------------------- output paths (exit 1)

OUTPUT_MISTAKES = [
    # (command line, the path the message must name, what it must say)
    (["render", EXAMPLE, "-o", "notes.txt/x.svg"], "notes.txt/x.svg", "notes.txt is a file, not a folder"),
    (["render", EXAMPLE, "-o", "notes.txt/x.html"], "notes.txt/x.html", "notes.txt is a file, not a folder"),
    (["render", EXAMPLE, "--steps", "notes.txt"], "notes.txt", "is a file, not a folder"),
    (["render", EXAMPLE, "--steps", "notes.txt/steps"], "notes.txt/steps", "notes.txt is a file, not a folder"),
    (["render", EXAMPLE, "-o", "maps", "-f", "svg"], "maps", "is a folder"),
    (["convert", EXAMPLE, "notes.txt/x.yaml"], "notes.txt/x.yaml", "notes.txt is a file, not a folder"),
    (["convert", EXAMPLE, "notes.txt/x.svg"], "notes.txt/x.svg", "notes.txt is a file, not a folder"),
    (["convert", EXAMPLE, "maps", "--to", "yaml"], "maps", "is a folder"),
    (["deck", EXAMPLE, "-o", "notes.txt/talk.html"], "notes.txt/talk.html", "notes.txt is a file, not a folder"),
    (["deck", EXAMPLE, "-o", "talk.html", "-o", "notes.txt/talk.pdf"], "notes.txt/talk.pdf", "notes.txt is a file, not a folder"),
    (["deck", EXAMPLE, "-o", "maps.html"], "maps.html", "is a folder"),
    (["view", EXAMPLE, "--no-open", "-o", "notes.txt/v.html"], "notes.txt/v.html", "notes.txt is a file, not a folder"),
    (["view", EXAMPLE, "--no-open", "-o", "maps"], "maps", "is a folder"),
    (["validate", "nosuch.yaml"], "nosuch.yaml", "no such file"),
    (["show", "nosuch.yaml"], "nosuch.yaml", "no such file"),
    (["render", "nosuch.yaml", "-o", "x.svg"], "nosuch.yaml", "no such file"),
    (["convert", "nosuch.yaml", "x.json"], "nosuch.yaml", "no such file"),
    (["deck", "nosuch.yaml", "-o", "x.html"], "nosuch.yaml", "no such file"),
    (["view", "nosuch.yaml", "--no-open", "-o", "x.html"], "nosuch.yaml", "no such file"),
]


@pytest.mark.parametrize(("args", "path", "says"), OUTPUT_MISTAKES, ids=[" ".join(a[:1] + a[2:]) for a, _, _ in OUTPUT_MISTAKES])
def test_an_output_path_mistake_is_one_line_naming_the_path_exit_1(work: Path, args: list[str], path: str, says: str) -> None:
    code, _, err = argmap_cli(*args, cwd=work)
    line = one_error_line(err)
    assert code == 1, err
    assert path in line and says in line, line
    assert (work / "notes.txt").read_text(encoding="utf-8") == "my notes\n"  # and nothing was written in its place


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc, where no file can be made")
@pytest.mark.parametrize(
    "command",
    [
        ["render", EXAMPLE, "-o", "/proc/x.svg"],
        ["convert", EXAMPLE, "/proc/x.yaml"],
        ["deck", EXAMPLE, "-o", "/proc/x.html"],
        ["view", EXAMPLE, "--no-open", "-o", "/proc/x.html"],
    ],
)
def test_a_place_that_cannot_be_written_is_one_line(work: Path, command: list[str]) -> None:
    code, _, err = argmap_cli(*command, cwd=work)
    line = one_error_line(err)
    assert code == 1 and command[-1] in line and "cannot write" in line, err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "command", [["schema"], ["show", EXAMPLE], ["convert", EXAMPLE, "-", "--to", "yaml"], ["render", EXAMPLE, "-o", "-"]]
)
def test_a_full_disk_on_standard_output_is_one_line(work: Path, command: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        code, _, err = argmap_cli(*command, cwd=work, stdout=full)
    line = one_error_line(err)
    assert code == 1 and line.startswith("error: standard output: ") and "No space left on device" in line, err


@pytest.mark.parametrize(
    "command", [["schema"], ["show", EXAMPLE, "--ids"], ["render", EXAMPLE, "-o", "-"], ["convert", EXAMPLE, "-", "--to", "json"]]
)
def test_a_reader_that_stops_reading_ends_the_command_quietly(work: Path, command: list[str]) -> None:
    """``argmap show MAP | head -1``: the pipe closes early; no BrokenPipeError, no message, exit 1 (as click does)."""
    env = {**os.environ, "COLUMNS": "200"}
    proc = subprocess.Popen([sys.executable, "-m", "argmap", *command], cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before the command has printed anything: every write meets a closed pipe
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 1
    assert err == "", err


def test_a_missing_output_folder_is_made_and_said(work: Path) -> None:
    code, _, err = argmap_cli("render", EXAMPLE, "-o", "new/sub/map.svg", cwd=work)
    assert code == 0, err
    assert err.strip() == f"created folder {Path('new/sub')}" and (work / "new" / "sub" / "map.svg").read_bytes().startswith(b"<?xml")
    code, _, err = argmap_cli("convert", EXAMPLE, "other/map.argdown", cwd=work)
    assert code == 0 and "created folder other" in err and (work / "other" / "map.argdown").is_file()


# ------------------------------------------------------------------------------------------- usage (exit 2)

USAGE_MISTAKES = [
    (["render", EXAMPLE], "-o OUT"),
    (["render", EXAMPLE, "-o", "x.svg", "--evaluate", "magic"], "unknown semantics 'magic'"),
    (["render", EXAMPLE, "-o", "x.svg", "-f", "png"], "x.svg: the suffix '.svg' says svg but the format chosen is png"),
    (["render", EXAMPLE, "-o", "x.gif"], "x.gif: cannot tell the output format"),
    (["render", EXAMPLE, "-o", "x.svg", "--theme", "neon"], "--theme: unknown theme 'neon'"),
    (["render", EXAMPLE, "-o", "x.svg", "--lang", "!!"], "--lang: '!!' is not a language code"),
    (["show", EXAMPLE, "--lang", "!!"], "--lang: '!!' is not a language code"),
    (["query", EXAMPLE, "unanswered", "--lang", "!!"], "--lang: '!!' is not a language code"),
    (["deck", EXAMPLE, "-o", "talk.html", "--lang", "!!"], "--lang: '!!' is not a language code"),
    (["render", EXAMPLE, "-o", "x.svg", "--preset", "poster"], "--preset: unknown preset 'poster'"),
    (["render", "maps", "-o", "notes.txt"], "notes.txt: in batch mode the output must be a folder"),
    (["render", "-", "-o", "-", "-f", "html"], "the interactive view (html) is written to a file"),
    (["convert", EXAMPLE, "x.yaml", "--to", "argdown"], "x.yaml: the suffix '.yaml' says yaml but the format chosen is argdown"),
    (["convert", EXAMPLE, "-"], "standard output (-) needs the format: --to"),
    (["convert", EXAMPLE, "x.json", "--to", "nosuch"], "--to: unknown format 'nosuch'"),
    (["convert", EXAMPLE, "x.kialo"], "format 'kialo' can be read but not written"),
    (["convert", "maps", "out"], "batch mode needs the output format"),
    (["deck", EXAMPLE, "-o", "talk.odp"], "talk.odp: cannot tell the deck's format"),
    (["deck", EXAMPLE, "-o", "talk.html", "--evaluate", "magic"], "unknown semantics 'magic'"),
    (["deck", EXAMPLE, "-o", "talk.html", "--theme", "neon"], "--theme: unknown theme 'neon'"),
    (["deck", EXAMPLE, "-o", "talk.html", "-o", "talk.key"], "talk.key: cannot tell the deck's format"),
    (["view", EXAMPLE, "--no-open", "--evaluate", "magic"], "--evaluate: unknown semantics 'magic'"),
    (["view", EXAMPLE, "--no-open", "--evaluate", "grounded,magic"], "--evaluate: unknown semantics 'magic'"),
    (["view", EXAMPLE, "--no-open", "-o", "-"], "the interactive view is written to a file"),
    (["view", EXAMPLE, "--no-open", "--theme", "neon"], "--theme: unknown theme 'neon'"),
    (["view", EXAMPLE, "--no-open", "--lang", "!!"], "--lang: '!!' is not a language code"),
    (["evaluate", EXAMPLE, "--task", "XX"], "--task: unknown task 'XX'"),
    (["evaluate", EXAMPLE, "--task", "DC"], "--task DC needs --argument ID"),
    (["serve", "--auth", "maybe"], "--auth must be 'on' or 'off', not 'maybe'"),
    (["validate", "--from", "nosuch", EXAMPLE], "unknown input format 'nosuch'"),
]


@pytest.mark.parametrize(("args", "says"), USAGE_MISTAKES, ids=[" ".join(a[:1] + a[2:]) for a, _ in USAGE_MISTAKES])
def test_a_usage_mistake_is_one_line_exit_2(work: Path, args: list[str], says: str) -> None:
    code, _, err = argmap_cli(*args, cwd=work, stdin="")
    line = one_error_line(err)
    assert code == 2, err
    assert says in line, line
    assert not (work / "x.svg").exists() and not (work / "x.yaml").exists()  # refused before anything was written
    assert not (work / "talk.html").exists() and not (work / "-").exists()


def test_standard_input_whose_format_cannot_be_told_asks_for_from(work: Path) -> None:
    code, _, err = argmap_cli("validate", "-", cwd=work, stdin="just some words\n")
    assert code == 2 and "<stdin>: cannot tell the format" in one_error_line(err) and "--from" in err
    code, out, err = argmap_cli("validate", "-", "--from", "yaml", cwd=work, stdin=ONE)
    assert code == 0 and out.decode() == "<stdin>: valid (1 statement, 0 relations)\n", err


def test_typers_own_usage_errors_exit_2_without_a_traceback(work: Path) -> None:
    for args in (["validate"], ["query", EXAMPLE, "magic"], ["schema", "extra"], ["render", EXAMPLE, "-o", "x.svg", "-k", "-1"]):
        code, _, err = argmap_cli(*args, cwd=work)
        assert code == 2 and "Traceback" not in err, (args, err)


# ------------------------------------------------------------------------------------ input problems (exit 1)


def test_invalid_input_and_unknown_ids_exit_1(work: Path) -> None:
    (work / "bad.yaml").write_text("statements:\n  - {id: c1, claim: x}\nrelations:\n  - {support: c1, target: c9}\n", encoding="utf-8")
    for args in (
        ["validate", "bad.yaml"],
        ["render", "bad.yaml", "-o", "x.svg"],
        ["query", EXAMPLE, "supporters", "zz"],
        ["render", EXAMPLE, "-o", "x.svg", "--focus", "zz"],
        ["evaluate", EXAMPLE, "--explain", "zz"],
    ):
        code, _, err = argmap_cli(*args, cwd=work)
        assert code == 1 and "Traceback" not in err and ("c9" in err or "zz" in err), (args, err)


# ------------------------------------------------------------------------------------------ one language rule


@pytest.mark.parametrize(
    "command",
    [
        ["show", EXAMPLE],
        ["query", EXAMPLE, "unanswered"],
        ["render", EXAMPLE, "-o", "x.svg"],
        ["render", EXAMPLE, "--steps", "steps"],
        ["evaluate", EXAMPLE],
        ["deck", EXAMPLE, "-o", "talk.html"],
        ["view", EXAMPLE, "--no-open", "-o", "talk.html"],
    ],
)
def test_a_language_the_map_lacks_is_refused_alike_by_every_command(work: Path, command: list[str]) -> None:
    code, _, err = argmap_cli(*command, "--lang", "fr", cwd=work)
    assert code == 1
    assert one_error_line(err) == "error: --lang: the map has no text in 'fr'; its languages: nl, en"
    assert not (work / "x.svg").exists() and not (work / "talk.html").exists()


def test_render_refuses_a_language_the_map_lacks_and_one_that_is_no_code() -> None:
    m = argmap.load(EXAMPLE)
    with pytest.raises(InvalidOptionError, match=r"the map has no text in 'fr'; its languages: nl, en") as info:
        argmap.render(m, lang="fr")
    assert info.value.option == "lang"
    with pytest.raises(ValueError, match=r"'!!' is not a language code") as bad:
        argmap.render(m, lang="!!")
    assert isinstance(bad.value, ArgmapError) and not isinstance(bad.value, InvalidMapError) and bad.value.option == "lang"
    with pytest.raises(InvalidOptionError, match="no text in 'fr'"):
        argmap.render.render_steps(m, lang="fr")


def test_an_unknown_render_option_is_a_type_error_naming_it_not_an_invalid_map() -> None:
    m = argmap.load(EXAMPLE)
    with pytest.raises(TypeError, match="unknown render option: colour") as info:
        argmap.render(m, colour="red")
    assert isinstance(info.value, UnknownOptionError) and isinstance(info.value, ArgmapError)
    assert not isinstance(info.value, InvalidMapError) and info.value.option == "colour"


def test_the_example_names_its_groups_in_the_drawings_language() -> None:
    m = argmap.load(EXAMPLE)
    nl = argmap.render(m, "dot").decode()
    en = argmap.render(m, "dot", lang="en").decode()
    assert "volgens critici" in nl and "volgens critics" not in nl
    assert "according to critics" in en and "according to parents" in en and "according to ouders" not in en


# ------------------------------------------------------------------------------------------ standard streams


def test_dash_reads_standard_input_and_writes_standard_output(work: Path) -> None:
    text = Path(EXAMPLE).read_text(encoding="utf-8")
    code, out, err = argmap_cli("convert", "-", "-", "--to", "json", cwd=work, stdin=text)
    assert code == 0 and err == ""
    assert argmap.parse(out.decode(), "json") == argmap.load(EXAMPLE)
    code, out, err = argmap_cli("render", "-", "-o", "-", cwd=work, stdin=text)  # svg by default
    assert code == 0 and out.startswith(b"<?xml") and b"Telefoons" in out and err == ""
    code, out, _ = argmap_cli("render", EXAMPLE, "-o", "-", "-f", "png", cwd=work)
    assert code == 0 and out.startswith(b"\x89PNG")
    code, out, _ = argmap_cli("show", "-", cwd=work, stdin=text)
    assert code == 0 and out.decode().startswith("Telefoons in de klas  (12 statements, 10 relations; nl)")
    argdown = "===\ntitle: T\n===\n\n[Main]: The main claim.\n  + <Why>: Because.\n"
    code, out, err = argmap_cli("convert", "-", "-", "--from", "argdown", "--to", "yaml", cwd=work, stdin=argdown)
    assert code == 0 and "The main claim." in out.decode(), err
    assert not (work / "-").exists()  # never a file named "-"


# --------------------------------------------------------------------------------------------- file modes


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_save_and_convert_keep_the_mode_of_the_file_they_replace(work: Path) -> None:
    m = argmap.load(EXAMPLE)
    target = work / "m.yaml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    argmap.save(m, target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640 and argmap.load(target) == m
    target.chmod(0o604)
    code, _, err = argmap_cli("convert", EXAMPLE, "m.yaml", cwd=work)
    assert code == 0, err
    assert stat.S_IMODE(target.stat().st_mode) == 0o604


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes and inodes")
@pytest.mark.parametrize(
    ("command", "name"),
    [(["view", EXAMPLE, "--no-open", "-o", "page.html"], "page.html"), (["deck", EXAMPLE, "-o", "talk.pdf"], "talk.pdf")],
)
def test_view_and_deck_replace_a_file_atomically_keeping_its_mode(work: Path, command: list[str], name: str) -> None:
    """Written beside and renamed into place: a reader holding the old file still reads all of it, never half a new one."""
    target = work / name
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o604)
    with target.open(encoding="utf-8") as reader:
        code, _, err = argmap_cli(*command, cwd=work)
        assert code == 0, err
        assert reader.read() == "old\n"  # an in-place write would have truncated it
    assert stat.S_IMODE(target.stat().st_mode) == 0o604 and target.stat().st_size > 1000
    assert not [p.name for p in work.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_a_new_file_gets_the_mode_the_umask_gives(work: Path, umask: int) -> None:
    m = argmap.load(EXAMPLE)
    old = os.umask(umask)
    try:
        argmap.save(m, work / "new.json")
    finally:
        os.umask(old)
    assert stat.S_IMODE((work / "new.json").stat().st_mode) == 0o666 & ~umask
    assert not [p.name for p in work.iterdir() if p.name.endswith(".tmp")]  # no temporary file left behind


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_saving_through_a_symbolic_link_replaces_the_file_it_points_to(work: Path) -> None:
    m = argmap.load(EXAMPLE)
    (work / "real.yaml").write_text("old\n", encoding="utf-8")
    (work / "link.yaml").symlink_to("real.yaml")
    argmap.save(m, work / "link.yaml")
    assert (work / "link.yaml").is_symlink() and argmap.load(work / "real.yaml") == m


# ---------------------------------------------------------------------------------------- errors for Python


def test_loading_a_missing_file_raises_an_error_that_is_both_kinds(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as info:
        argmap.load(tmp_path / "nosuch.yaml")
    exc = info.value
    assert isinstance(exc, ArgmapError) and exc.filename == str(tmp_path / "nosuch.yaml")
    assert str(exc) == f"{tmp_path / 'nosuch.yaml'}: no such file"
    with pytest.raises(ArgmapError):
        argmap.load("nosuch.yaml")


# ---------------------------------------------------------------------------------------- small things


runner = CliRunner()


def test_counts_are_plural_only_when_more_than_one(tmp_path: Path) -> None:
    (tmp_path / "one.yaml").write_text(
        "statements:\n  - {id: c1, claim: A}\n  - {id: e1, evidence: B}\nrelations:\n  - {support: e1, target: c1}\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["validate", str(tmp_path / "one.yaml")])
    assert result.exit_code == 0 and result.stdout.strip().endswith("valid (2 statements, 1 relation)")
    result = runner.invoke(app, ["show", str(tmp_path / "one.yaml")])
    assert "(2 statements, 1 relation; en)" in result.stdout


def test_a_failed_file_in_a_batch_is_named_once(work: Path) -> None:
    (work / "maps" / "b.yaml").write_text("statements:\n  - {id: c1, claim: x\n", encoding="utf-8")
    code, _, err = argmap_cli("render", "maps", "-o", "out", cwd=work)
    assert code == 1
    failed = [line for line in err.splitlines() if line.startswith("failed:")]
    assert len(failed) == 1 and failed[0].count("b.yaml") == 1 and failed[0].startswith(f"failed: {Path('maps/b.yaml')}:"), err
    code, _, err = argmap_cli("convert", "maps", "conv", "--to", "json", cwd=work)
    assert code == 1 and [line.count("b.yaml") for line in err.splitlines() if "b.yaml" in line] == [1], err


def test_graphviz_warnings_are_shown_not_swallowed() -> None:
    from argmap.render.output import GraphvizWarning, run_dot

    label = '<<TABLE><TR><TD WIDTH="5" HEIGHT="5" FIXEDSIZE="TRUE">far too much text for this cell</TD></TR></TABLE>>'
    with pytest.warns(GraphvizWarning, match="cell size too small for content in label of node a"):
        run_dot(f"digraph {{ a [label={label}] }}", "svg")


def test_the_legend_draws_without_a_graphviz_warning(work: Path) -> None:
    code, _, err = argmap_cli("render", EXAMPLE, "-o", "legend.svg", "--legend", cwd=work)
    assert code == 0 and err == "", err


def test_shell_completion_is_offered(work: Path) -> None:
    code, out, err = argmap_cli("--show-completion", "bash", cwd=work)
    assert code == 0 and b"complete -o default -F _python_margmap_completion python -m argmap" in out, err
    assert "--install-completion" in runner.invoke(app, ["--help"]).stdout
    # what the installed script asks: the words so far, the one to complete
    env = {**os.environ, "_ARGMAP_COMPLETE": "complete_bash", "COMP_WORDS": "argmap render map.yaml --th", "COMP_CWORD": "3"}
    script = Path(sys.executable).with_name("argmap")  # the console script the completion is installed for
    if not script.exists():
        pytest.skip("the argmap console script is not installed beside this Python")
    proc = subprocess.run([str(script)], env=env, capture_output=True, timeout=60, cwd=work)
    assert proc.stdout.decode().split() == ["--theme"], proc.stderr


def test_db_upgrade_makes_the_schema_where_argmap_is_installed(tmp_path: Path) -> None:
    pytest.importorskip("argmap_api")
    pytest.importorskip("alembic")
    import sqlite3

    db = tmp_path / "store.db"
    result = runner.invoke(app, ["db", "upgrade", "--database-url", f"sqlite:///{db}"])
    assert result.exit_code == 0, result.output
    assert "schema up to date (revision " in result.stdout
    tables = {row[0] for row in sqlite3.connect(db).execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"maps", "api_keys", "alembic_version"} <= tables
    again = runner.invoke(app, ["db", "upgrade", "--database-url", f"sqlite:///{db}"])
    assert again.exit_code == 0 and again.stdout == result.stdout


def test_json_schema_still_prints(work: Path) -> None:
    code, out, _ = argmap_cli("schema", cwd=work)
    assert code == 0 and json.loads(out)["$schema"].startswith("https://json-schema.org/")


# ------------------------------------------------------------- render, serve and db: what a newcomer's QA pass found


def _big_map(folder: Path, n: int = 60) -> str:
    """A map of ``n`` titled pieces of evidence for one claim: too many for one legible slide, even as an overview."""
    lines = ["main_claim: c", "statements:", "  - {id: c, claim: The main claim, title: Main}"]
    lines += [f"  - {{id: e{i}, evidence: Evidence number {i} with a few words of text in it, title: Evidence {i}}}" for i in range(n)]
    lines += ["relations:"] + [f"  - {{support: e{i}, target: c}}" for i in range(n)]
    (folder / "big.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "big.yaml"


RENDER_USAGE_MISTAKES = [
    (["render", EXAMPLE, "-o", "x.svg", "-k", "2"], "-k 2 needs --focus ID"),  # was silently ignored
    (["render", "maps", "-o", "out", "-k", "0"], "-k 0 needs --focus ID"),
    (["render", EXAMPLE, "--steps", "steps", "-f", "png"], "--steps writes SVG frames; -f png is the format of -o"),  # -f was ignored
    (["render", "maps", "--steps", "steps", "-f", "pdf"], "--steps writes SVG frames; -f pdf is the format of -o"),
    (["db", "upgrade", "--database-url", "mysql://x"], "--database-url: only SQLite and PostgreSQL are supported, not 'mysql'"),
    (["keys", "list", "--database-url", "nonsense"], "--database-url: 'nonsense' is not a database URL"),
]


@pytest.mark.parametrize(("args", "says"), RENDER_USAGE_MISTAKES, ids=[" ".join(a[:1] + a[2:]) for a, _ in RENDER_USAGE_MISTAKES])
def test_render_and_database_usage_mistakes_are_one_line_exit_2(work: Path, args: list[str], says: str) -> None:
    code, _, err = argmap_cli(*args, cwd=work)
    line = one_error_line(err)
    assert code == 2 and says in line, err
    assert not [p.name for p in work.iterdir() if p.name in ("x.svg", "out", "steps")]  # refused before anything was written


def test_a_database_the_store_cannot_use_from_the_environment_exits_1(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("argmap_api")
    monkeypatch.setenv("ARGMAP_DATABASE_URL", "mysql://x")
    code, _, err = argmap_cli("db", "upgrade", cwd=work)
    assert code == 1 and "ARGMAP_DATABASE_URL: only SQLite and PostgreSQL are supported" in one_error_line(err)
    assert "ModuleNotFoundError" not in err


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["-o", "x.svg", "--highlight", "nobody"], "error: unknown statement or relation 'nobody' to highlight"),
        (["-o", "x.svg", "--highlight", "c1,nobody,zz"], "error: unknown statements or relations to highlight: 'nobody', 'zz'"),
        (["--steps", "steps", "--highlight", "nobody"], "error: unknown statement or relation 'nobody' to highlight"),
        (
            ["-o", "x.svg", "--max-statements", "3"],
            "limit is 3; raise --max-statements, or draw part of it with --focus ID -k 1",
        ),
        (["-o", "x.svg", "--max-statements", "3", "--focus", "c1", "-k", "2"], "raise --max-statements, or draw less of it with -k 1"),
    ],
)
def test_render_refuses_what_it_cannot_draw_as_asked_in_one_line_exit_1(work: Path, args: list[str], says: str) -> None:
    code, _, err = argmap_cli("render", EXAMPLE, *args, cwd=work)
    line = one_error_line(err)
    assert code == 1 and says in line, err
    assert "max_statements" not in line and "focus=" not in line, "command-line flags, not Python's parameters"
    assert not (work / "x.svg").exists() and not list(work.glob("steps/*.svg"))


def test_argmap_dot_is_named_as_the_path_it_is(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGMAP_DOT", "/nope")
    code, _, err = argmap_cli("render", EXAMPLE, "-o", "x.svg", cwd=work)
    line = one_error_line(err)
    assert code == 1 and "ARGMAP_DOT='/nope'" in line and "no such file" in line and "PATH" not in line, err


@pytest.mark.parametrize(
    ("args", "hint", "never"),
    [
        (["--steps", "steps"], "; draw part of it with --focus ID -k 1, or show titles only with --preset overview", ["--steps"]),
        (["-o", "x.svg", "--fit", "16:9", "--focus", "c", "-k", "1"], "; draw less of it with -k 0, or show titles", ["--focus ID"]),
        (
            ["-o", "x.svg", "--preset", "overview"],
            "(needs 18); the SVG keeps its natural size; draw part of it with --focus ID -k 1",
            ["--preset"],
        ),
    ],
    ids=["steps", "focus", "overview"],
)
def test_a_slide_too_small_to_read_gets_a_hint_in_flags_never_one_already_given(
    work: Path, args: list[str], hint: str, never: list[str]
) -> None:
    code, _, err = argmap_cli("render", _big_map(work), *args, cwd=work)
    assert code == 0, err
    warned = [line for line in err.splitlines() if line.startswith("warning: ")]
    assert len(warned) == 1 and "too big for one legible 16:9 slide" in warned[0] and hint in warned[0], err
    for flag in [*never, "focus=", "k=1", "`"]:
        assert flag not in warned[0], (flag, warned[0])


def test_labels_both_shows_whole_texts_so_nothing_is_said_cut_short(work: Path) -> None:
    code, _, err = argmap_cli("render", EXAMPLE, "-o", "both.svg", "--labels", "both", "--lang", "en", cwd=work)
    assert code == 0 and err == "", err
    code, _, err = argmap_cli("render", EXAMPLE, "-o", "title.svg", "--labels", "title", "--lang", "en", cwd=work)
    assert code == 0 and "show their text cut short" in err


def test_serve_on_a_busy_port_is_one_line_exit_1_before_anything_is_made(work: Path) -> None:
    pytest.importorskip("argmap_api")
    pytest.importorskip("uvicorn")
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, out, err = argmap_cli("serve", "--port", str(port), "--database-url", f"sqlite:///{work / 'store.db'}", cwd=work)
    line = one_error_line(err)
    assert code == 1 and f"port {port} on 127.0.0.1 is already in use" in line and "--port" in line, err
    assert out == b"" and not (work / "store.db").exists()  # no banner, no store, no first key
