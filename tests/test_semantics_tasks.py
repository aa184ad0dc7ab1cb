"""The ICCMA tasks (SE, EE, DC, DS, CE) against brute force: every framework up to 4 arguments (by
isomorphism class) and random ones up to 12; and the ``argmap iccma`` solver interface."""

from __future__ import annotations

import importlib.util
import json
import os
import random
from pathlib import Path

import pytest
from test_semantics_dung import SEMANTICS, brute_force, four_argument_classes
from typer.testing import CliRunner

from argmap import ArgumentMap
from argmap.cli import app
from argmap.semantics import Framework, evaluate, tasks

TASK_SEMANTICS = (*SEMANTICS, "admissible")


def check_tasks(n: int, attacks: list[tuple[int, int]]) -> None:
    """Every task, semantics and back end (SAT and ASP) against brute force on one framework."""
    fw = Framework(n, attacks)
    expected = brute_force(n, attacks)
    for backend in ("sat", "asp"):
        for sem in TASK_SEMANTICS:
            exts = expected[sem]
            where = (sem, backend, n, attacks)
            one = tasks.some_extension(fw, sem, backend=backend)
            if exts:
                assert one is not None and sum(1 << a for a in one) in exts, where
            else:
                assert one is None, where
            assert tasks.count(fw, sem, backend=backend) == len(exts), where
            found = [sum(1 << a for a in e) for e in tasks.extensions_iter(fw, sem, limit=None, backend=backend)]
            assert len(found) == len(set(found)) and set(found) == exts, where
            for a in range(n):
                cred = any(e >> a & 1 for e in exts)
                scep = all(e >> a & 1 for e in exts)  # vacuously true without extensions
                assert tasks.credulous(fw, a, sem, backend=backend) == cred, ("DC", a, *where)
                assert tasks.sceptical(fw, a, sem, backend=backend) == scep, ("DS", a, *where)


def masks_to_attacks(mask: int, n: int = 4) -> list[tuple[int, int]]:
    pairs = [(a, b) for a in range(n) for b in range(n)]
    return [p for k, p in enumerate(pairs) if mask >> k & 1]


FULL = os.environ.get("ARGMAP_FULL_SWEEP") == "1"


@pytest.mark.parametrize("n", [0, 1, 2])
def test_every_framework_up_to_two_arguments(n: int) -> None:
    pairs = [(a, b) for a in range(n) for b in range(n)]
    for mask in range(1 << len(pairs)):
        check_tasks(n, [p for k, p in enumerate(pairs) if mask >> k & 1])


def test_a_sample_of_the_four_argument_classes() -> None:
    classes = four_argument_classes()
    for mask in random.Random(4).sample(classes, 60):
        check_tasks(4, masks_to_attacks(mask))


@pytest.mark.skipif(not FULL, reason="all 3,044 four-argument classes take minutes; set ARGMAP_FULL_SWEEP=1 to run them")
@pytest.mark.parametrize("chunk", range(4))
def test_every_four_argument_class(chunk: int) -> None:
    for mask in four_argument_classes()[chunk::4]:
        check_tasks(4, masks_to_attacks(mask))


@pytest.mark.parametrize("seed", range(12))
def test_random_frameworks_up_to_twelve(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(5, 12)
    density = rng.choice([0.08, 0.15, 0.25])
    check_tasks(n, [(a, b) for a in range(n) for b in range(n) if rng.random() < density])


def test_the_cone_of_influence_is_what_reaches_the_argument() -> None:
    fw = Framework(["a", "b", "c", "d", "e"], [("a", "b"), ("b", "c"), ("d", "c"), ("c", "e"), ("e", "a")])
    sub, k = tasks.cone(fw, 1)  # b <- a <- e <- c <- (b, d): everything reaches b
    assert len(sub) == 5 and k == 1
    sub, k = tasks.cone(Framework(["a", "b", "c"], [("a", "b"), ("b", "c")]), 1)
    assert list(sub.names) == ["a", "b"] and list(sub.attack_pairs()) == [("a", "b")]


# ------------------------------------------------------------------------------ the solver interface

runner = CliRunner()
FOUR = "p af 4\n1 2\n2 1\n1 3\n2 3\n3 4\n"


def iccma(*args: str) -> str:
    result = runner.invoke(app, ["iccma", *args])
    assert result.exit_code == 0, result.output
    return result.output.strip()


def test_iccma_interface_lists_and_answers(tmp_path: Path) -> None:
    path = tmp_path / "f.af"
    path.write_text(FOUR)
    assert iccma("--formats") == "[i23,apx,tgf]"
    assert "DS-PR" in iccma("--problems") and "SE-ST" in iccma("--problems")
    assert iccma("-p", "DS-PR", "-f", str(path), "-a", "4") == "YES"
    assert iccma("-p", "DC-GR", "-f", str(path), "-a", "1") == "NO"
    assert iccma("-p", "SE-PR", "-f", str(path)) in ("w 1 4", "w 2 4")
    assert sorted(iccma("-p", "EE-PR", "-f", str(path)).splitlines()) == ["w 1 4", "w 2 4"]
    assert iccma("-p", "CE-CO", "-f", str(path)) == "3"
    for backend in ("sat", "asp"):
        assert iccma("-p", "EE-PR", "-f", str(path), "--backend", backend).splitlines() in (["w 1 4", "w 2 4"], ["w 2 4", "w 1 4"])
        assert iccma("-p", "DS-PR", "-f", str(path), "-a", "4", "--backend", backend) == "YES"
    cycle = tmp_path / "odd.apx"
    cycle.write_text("arg(a). arg(b). arg(c). att(a,b). att(b,c). att(c,a).\n")
    assert iccma("-p", "SE-ST", "-f", str(cycle)) == "NO"
    assert iccma("-p", "DS-ST", "-f", str(cycle), "-a", "a") == "YES"  # vacuously, as ICCMA has it
    assert iccma("-p", "EE-CO", "-f", str(cycle)) == "[[]]"


def test_iccma_errors_are_one_line(tmp_path: Path) -> None:
    path = tmp_path / "f.af"
    path.write_text(FOUR)
    for args, message in (
        (["-p", "DS-XX", "-f", str(path), "-a", "1"], "unknown problem 'DS-XX'"),
        (["-p", "DS-PR", "-f", str(path)], "needs the query argument"),
        (["-p", "DS-PR", "-f", str(path), "-a", "9"], "unknown argument '9'"),
        (["-p", "DS-PR", "-f", str(path), "-a", "1", "--backend", "z3"], "unknown backend 'z3'"),
    ):
        result = runner.invoke(app, ["iccma", *args])
        assert result.exit_code == 1 and message in result.output, result.output


def test_evaluate_task_from_a_map_with_the_explanation(tmp_path: Path) -> None:
    path = tmp_path / "f.af"
    path.write_text(FOUR)
    result = runner.invoke(app, ["evaluate", str(path), "-s", "preferred", "--task", "DS", "--argument", "4", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["answer"] is True and payload["task"] == "DS" and "defeated by 1 (IN)" in payload["explanation"]["text"]
    m = ArgumentMap.model_validate(
        {
            "statements": [{"id": "a", "claim": "A"}, {"id": "b", "claim": "B"}],
            "relations": [{"attack": "a", "target": "b"}, {"attack": "b", "target": "a"}],
        }
    )
    assert evaluate(m, "preferred", task="DC", argument="a").answer is True
    assert evaluate(m, "preferred", task="DS", argument="a").answer is False
    assert evaluate(m, "stable", task="SE").extensions in ([["a"]], [["b"]])


@pytest.mark.skipif(
    importlib.util.find_spec("pygarg") is None or importlib.util.find_spec("pysat") is None,
    reason="pygarg and python-sat are in the bench extra; not installed here",
)
@pytest.mark.parametrize("seed", range(6))
def test_against_pygarg_on_random_frameworks(seed: int, tmp_path: Path) -> None:
    from pygarg.dung import solver  # type: ignore[import-not-found,import-untyped]

    rng = random.Random(500 + seed)
    n = rng.randint(6, 14)
    attacks = [(a, b) for a in range(n) for b in range(n) if rng.random() < 0.15]
    fw = Framework(n, attacks)
    args = [str(i + 1) for i in range(n)]
    atts = [[str(a + 1), str(b + 1)] for a, b in attacks]
    for code, sem in (("CO", "complete"), ("PR", "preferred"), ("ST", "stable")):
        for a in range(n):
            assert tasks.credulous(fw, a, sem) == solver.credulous_acceptability(args, atts, str(a + 1), code)[0]
            assert tasks.sceptical(fw, a, sem) == solver.skeptical_acceptability(args, atts, str(a + 1), code)[0]
