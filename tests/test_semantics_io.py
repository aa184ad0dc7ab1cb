"""ICCMA formats (.apx, .tgf, p af) round trips and their line-numbered errors; the ``argmap evaluate`` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.errors import FormatError
from argmap.semantics import (
    Framework,
    dump_af,
    dump_apx,
    dump_tgf,
    extensions,
    parse_af,
    parse_apx,
    parse_tgf,
    read_framework,
    write_framework,
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "example.argmap.yaml"
FW = Framework(["a", "b", "c", "d"], [("a", "b"), ("b", "c"), ("c", "a"), ("d", "d"), ("a", "d")])


def same(x: Framework, y: Framework) -> bool:
    return list(x.names) == list(y.names) and sorted(x.attack_pairs()) == sorted(y.attack_pairs())


@pytest.mark.parametrize(("parse", "dump"), [(parse_apx, dump_apx), (parse_tgf, dump_tgf)])
def test_named_formats_round_trip(parse: object, dump: object) -> None:
    assert same(parse(dump(FW)), FW)  # type: ignore[operator]


def test_af_round_trips_by_position() -> None:
    back = parse_af(dump_af(FW))
    assert list(back.names) == ["1", "2", "3", "4"]
    assert sorted(back.attack_pairs()) == sorted((str(FW.index(a) + 1), str(FW.index(b) + 1)) for a, b in FW.attack_pairs())
    assert extensions(back, "preferred") == extensions(FW, "preferred")


def test_apx_quotes_odd_names_and_reads_them_back() -> None:
    fw = Framework(["x y", 'say "hi"', "Upper"], [("x y", 'say "hi"')])
    assert same(parse_apx(dump_apx(fw)), fw)


@pytest.mark.parametrize(
    ("parse", "text", "where", "message"),
    [
        (parse_apx, "arg(a).\narg(b).\natt(a,c).\n", "f.apx:3:5", "att names 'c', which no arg(...) declares"),
        (parse_apx, "arg(a).\n  argh(b).\n", "f.apx:2:3", "expected arg(x). or att(x,y). here"),
        (parse_apx, "arg(a). arg(a).\n", "f.apx:1:13", "argument 'a' is declared twice"),
        (parse_tgf, "a\nb\n#\na c\n", "f.apx:4:3", "attack names 'c'"),
        (parse_tgf, "a b\n#\na\n", "f.apx:3:1", "expected an attack 'a b', found 1 word"),
        (parse_af, "p af 2\n1 2\n2 3\n", "f.apx:3:3", "'3' is not an argument: expected a number from 1 to 2"),
        (parse_af, "# only a comment\n1 2\n", "f.apx:2:1", "expected the header 'p af N' first"),
        (parse_af, "", "f.apx:1:1", "no 'p af N' header"),
    ],
)
def test_parse_errors_name_file_line_and_column(parse: object, text: str, where: str, message: str) -> None:
    with pytest.raises(FormatError) as info:
        parse(text, filename="f.apx")  # type: ignore[operator]
    problem = str(info.value.problems[0])
    assert problem.startswith(where) and message in problem


def test_read_and_write_files_by_suffix(tmp_path: Path) -> None:
    for suffix in (".apx", ".tgf", ".af", ".i23"):
        path = tmp_path / f"fw{suffix}"
        write_framework(FW, path)
        assert extensions(read_framework(path), "stable") == extensions(FW, "stable")
    with pytest.raises(FormatError, match="unknown framework format"):
        read_framework(tmp_path / "fw.txt")
    with pytest.raises(FormatError, match="cannot read"):
        read_framework(tmp_path / "missing.apx")
    with pytest.raises(FormatError, match="white space"):
        dump_tgf(Framework(["a b"]))


# ------------------------------------------------------------------------------------------ CLI

runner = CliRunner()


def test_cli_prints_a_table_with_labels() -> None:
    result = runner.invoke(app, ["evaluate", str(EXAMPLE), "--semantics", "grounded"])
    assert result.exit_code == 0, result.output
    assert "grounded semantics" in result.output and "IN" in result.output and "OUT" in result.output
    assert "1 grounded extension" in result.output


def test_cli_json_with_explanation_matches_the_library() -> None:
    from argmap import evaluate, load

    m = load(EXAMPLE)
    sid = m.statements[0].id
    result = runner.invoke(app, ["evaluate", str(EXAMPLE), "-s", "preferred", "--json", "--explain", sid])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["labels"] == evaluate(m, "preferred").labels
    assert payload["explanation"]["statement"] == sid and payload["explanation"]["focus"]["statements"]


def test_cli_gradual_reports_convergence() -> None:
    result = runner.invoke(app, ["evaluate", str(EXAMPLE), "-s", "dfquad"])
    assert result.exit_code == 0 and "strength" in result.output and "converged after" in result.output


def test_cli_reads_framework_files(tmp_path: Path) -> None:
    path = tmp_path / "fw.tgf"
    write_framework(Framework(["a", "b", "c"], [("a", "b"), ("b", "c")]), path)
    result = runner.invoke(app, ["evaluate", str(path), "-s", "preferred", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["extensions"] == [["a", "c"]]
    table = runner.invoke(app, ["evaluate", str(path)])
    assert table.exit_code == 0 and "argument" in table.output


def test_cli_errors_exit_1_with_a_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.af"
    bad.write_text("p af 2\n1 5\n")
    result = runner.invoke(app, ["evaluate", str(bad)])
    assert result.exit_code == 1 and "bad.af:2:3" in result.output
    result = runner.invoke(app, ["evaluate", str(EXAMPLE), "--explain", "nope"])
    assert result.exit_code == 1 and "unknown statement 'nope'" in result.output


def test_cli_explains_an_argument_of_a_framework_file(tmp_path: Path) -> None:
    path = tmp_path / "fw.af"
    path.write_text("p af 3\n1 2\n2 3\n")
    result = runner.invoke(app, ["evaluate", str(path), "--explain", "3"])
    assert result.exit_code == 0, result.output
    assert "3 is IN under grounded semantics: every attacker is OUT." in result.output
    assert "2 is OUT, defeated by 1 (IN)." in result.output


def test_cli_solver_timeout_exits_1(tmp_path: Path) -> None:
    import numpy as np

    rng = np.random.default_rng(5)
    n = 1000
    pairs = {(int(a), int(b)) for a, b in zip(rng.integers(0, n, 6 * n), rng.integers(0, n, 6 * n), strict=True) if a != b}
    path = tmp_path / "hard.af"
    path.write_text(f"p af {n}\n" + "".join(f"{a + 1} {b + 1}\n" for a, b in sorted(pairs)))
    result = runner.invoke(app, ["evaluate", str(path), "-s", "stable", "--timeout", "0.2"])
    assert result.exit_code == 1 and "did not finish within 0.2 s" in result.output


# ------------------------------------------------------------------ reader holes (issues 17.6, 18.10, 16)


def test_a_byte_order_mark_is_read_past(tmp_path: Path) -> None:
    for suffix, text in ((".apx", "arg(a).\narg(b).\natt(a,b).\n"), (".tgf", "a\nb\n#\na b\n"), (".af", "p af 2\n1 2\n")):
        path = tmp_path / f"bom{suffix}"
        path.write_bytes(b"\xef\xbb\xbf" + text.encode())
        fw = read_framework(path)
        assert len(fw) == 2 and fw.n_attacks == 1 and "\ufeff" not in fw.names[0]


def test_tgf_reads_node_and_edge_labels_past() -> None:
    fw = parse_tgf("1 first\n2 the second one\n#\n1 2 a label\n")
    assert list(fw.names) == ["1", "2"] and list(fw.attack_pairs()) == [("1", "2")]


def test_a_huge_declared_argument_count_is_refused_before_allocating(tmp_path: Path) -> None:
    from argmap.errors import LimitExceededError

    path = tmp_path / "huge.af"
    path.write_text("p af 100000000000\n")
    with pytest.raises(LimitExceededError, match=r"huge.af:1: 'p af 100000000000' declares"):
        read_framework(path)
    assert len(parse_af("p af 1000000\n")) == 1_000_000  # isolated arguments up to the floor are fine


@pytest.mark.parametrize("token", ["²", "٣", "1_0", "+1", "0x1"])
def test_af_numbers_must_be_ascii_decimals(token: str) -> None:
    with pytest.raises(FormatError, match=r"f\.af:1:1: expected the header"):
        parse_af(f"p af {token}\n", filename="f.af")
    with pytest.raises(FormatError) as info:
        parse_af(f"p af 20\n1 2\n# c\n3 {token}\n", filename="f.af")
    assert str(info.value.problems[0]).startswith("f.af:4:3") and "is not an argument" in str(info.value.problems[0])


def test_af_fast_and_line_paths_agree() -> None:
    fast = parse_af("p af 4\n1 2\n 2\t3\r\n4 1\n\n")
    slow = parse_af("p af 4\n# comment forces the line path\n1 2\n 2\t3\r\n4 1\n\n")
    assert list(fast.attack_pairs()) == list(slow.attack_pairs()) == [("1", "2"), ("2", "3"), ("4", "1")]
    with pytest.raises(FormatError, match=r"f\.af:3:1: expected an attack 'i j', found 1 fields"):
        parse_af("p af 4\n1 2\n3\n", filename="f.af")


def test_apx_on_one_long_line_is_linear() -> None:
    import time

    n = 40_000
    text = "".join(f"arg(a{i}). " for i in range(n)) + " ".join(f"att(a{i},a{i + 1})." for i in range(n - 1))
    started = time.perf_counter()
    fw = parse_apx(text)
    assert len(fw) == n and fw.n_attacks == n - 1
    assert time.perf_counter() - started < 5  # hang guard: the quadratic parser took minutes here
    with pytest.raises(FormatError, match=r"<text>:1:\d+: expected arg\(x\)"):
        parse_apx(text + " att(a1 a2).")


def test_apx_comments_and_quoted_percent() -> None:
    fw = parse_apx('arg("50%"). % a comment att(x,y).\narg(b). att(b,"50%").\n')
    assert list(fw.names) == ["50%", "b"] and list(fw.attack_pairs()) == [("b", "50%")]


def test_reading_an_af_file_imports_no_numpy(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "big.af"
    path.write_text("p af 20000\n" + "".join(f"{i} {i + 1}\n" for i in range(1, 20000)))
    code = (
        "import sys; from argmap.semantics import read_framework; "
        f"fw = read_framework({str(path)!r}); print(fw.n_attacks, 'numpy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["19999", "False"]


def test_cli_unknown_suffix_says_unknown_format(tmp_path: Path) -> None:
    path = tmp_path / "f.xyz"
    path.write_text("1 2\n")
    result = runner.invoke(app, ["evaluate", str(path)])
    assert result.exit_code == 1
    assert "unknown format" in result.output and ".apx" in result.output and "yaml" in result.output
