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


def semi_stable_cases(count: int) -> list[tuple[int, list[tuple[int, int]]]]:
    """Random frameworks up to 10 arguments on which semi-stable differs from stable (none exists) and from
    preferred: where the range search has work to do."""
    rng = random.Random(77)
    found: list[tuple[int, list[tuple[int, int]]]] = []
    while len(found) < count:
        n = rng.randint(3, 10)
        density = rng.choice([0.15, 0.25, 0.35])
        attacks = [(a, b) for a in range(n) for b in range(n) if rng.random() < density]
        exts = brute_force(n, attacks)
        if not exts["stable"] and exts["semi-stable"] != exts["preferred"]:
            found.append((n, attacks))
    return found


def test_semi_stable_where_it_differs_from_stable_and_preferred() -> None:
    """SE, EE, DC and DS under semi-stable, on both back ends, where the counterexample search must exclude ranges."""
    for n, attacks in semi_stable_cases(40):
        fw = Framework(n, attacks)
        exts = brute_force(n, attacks)["semi-stable"]
        for backend in ("sat", "asp"):
            where = (backend, n, attacks)
            one = tasks.some_extension(fw, "semi-stable", backend=backend)
            assert one is not None and sum(1 << a for a in one) in exts, where
            found = [sum(1 << a for a in e) for e in tasks.extensions_iter(fw, "semi-stable", limit=None, backend=backend)]
            assert len(found) == len(set(found)) and set(found) == exts, where
            for a in range(n):
                assert tasks.credulous(fw, a, "semi-stable", backend=backend) == any(e >> a & 1 for e in exts), ("DC", a, *where)
                assert tasks.sceptical(fw, a, "semi-stable", backend=backend) == all(e >> a & 1 for e in exts), ("DS", a, *where)


def range_gadget(m: int) -> tuple[int, list[tuple[int, int]]]:
    """A framework on which the semi-stable counterexample search needs more than one round.

    ``k`` and ``k'`` attack each other; so do the choices ``u1 .. um`` and ``v``. Each of ``P``,
    ``Q``, ``T``, ``Z1 .. Zm`` is an odd cycle, in the range only when something IN attacks it:
    ``k'`` attacks P, ``k`` and every ``ui`` attack Q, ``v`` attacks T, ``ui`` attacks ``Zi``. With ``k``
    and ``ui`` IN the range (Q, Zi) is maximal among the labellings with ``k`` IN but not overall (``k'``
    and ``ui`` add P); with ``k`` IN only ``k`` and ``v`` is semi-stable (``k'`` with ``v`` or with a ``ui``
    is too). A search that stops after its first excluded range answers some of these questions
    wrongly, on both back ends (checked against brute force; which question needs the second round
    depends on the solver's order of models).
    """
    names: list[str] = []
    attacks: list[tuple[int, int]] = []

    def new(name: str) -> int:
        names.append(name)
        return len(names) - 1

    def odd_cycle(prefix: str) -> int:
        c = [new(f"{prefix}{i}") for i in range(3)]
        attacks.extend([(c[0], c[1]), (c[1], c[2]), (c[2], c[0])])
        return c[0]

    k, k2 = new("k"), new("k'")
    attacks += [(k, k2), (k2, k)]
    choices = [new(f"u{i}") for i in range(m)] + [new("v")]
    attacks += [(a, b) for a in choices for b in choices if a != b]
    attacks += [(k2, odd_cycle("p")), (k, q := odd_cycle("q")), (choices[-1], odd_cycle("t"))]
    for i, u in enumerate(choices[:-1]):
        attacks += [(u, q), (u, odd_cycle(f"z{i}_"))]
    return len(names), attacks


@pytest.mark.parametrize("m", [1, 2])  # m = 2 already takes two rounds on both back ends
def test_semi_stable_search_over_several_rounds(m: int) -> None:
    n, attacks = range_gadget(m)
    exts = brute_force(n, attacks)["semi-stable"]
    fw = Framework(n, attacks)
    for backend in ("sat", "asp"):
        for a in (0, 1):  # k and k'
            assert tasks.credulous(fw, a, "semi-stable", backend=backend) == any(e >> a & 1 for e in exts), (backend, a)
            assert tasks.sceptical(fw, a, "semi-stable", backend=backend) == all(e >> a & 1 for e in exts), (backend, a)


def test_semi_stable_questions_list_no_extensions(monkeypatch: pytest.MonkeyPatch) -> None:
    """DC, DS and SE under semi-stable never enumerate: every enumerating call is made to fail."""
    from argmap.semantics import _asp, _sat, dung

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("enumerated the extensions")

    for target, name in ((dung, "extensions"), (_asp, "solve"), (_sat.Encoding, "enumerate"), (_sat.Encoding, "semi_stable")):
        monkeypatch.setattr(target, name, refuse)
    for n, attacks in semi_stable_cases(8):
        fw = Framework(n, attacks)
        exts = brute_force(n, attacks)["semi-stable"]
        for backend in ("sat", "asp"):
            assert tasks.some_extension(fw, "semi-stable", backend=backend) is not None
            for a in range(n):
                assert tasks.credulous(fw, a, "semi-stable", backend=backend) == any(e >> a & 1 for e in exts)
                assert tasks.sceptical(fw, a, "semi-stable", backend=backend) == all(e >> a & 1 for e in exts)


@pytest.mark.parametrize("sat_first", [0.0, 30.0])
def test_auto_tries_sat_first_then_clingo(sat_first: float, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under ``auto``, a question the table gives to clingo gets SAT_FIRST seconds on SAT first: with none, clingo
    answers every one; with plenty, SAT does and clingo is never called; the answers are right either way."""
    from argmap.semantics import dung

    calls: list[str] = []
    real = dung.solver_call

    def counted(name: str, *args: object, **kwargs: object) -> object:
        calls.append(name)
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(dung, "solver_call", counted)
    monkeypatch.setattr(tasks, "SAT_BELOW", 0)  # every question is "large": the table's choice applies
    monkeypatch.setattr(tasks, "SAT_FIRST", sat_first)
    for n, attacks in semi_stable_cases(6):
        fw = Framework(n, attacks)
        expected = brute_force(n, attacks)
        for sem in ("preferred", "stable", "semi-stable"):
            exts = expected[sem]
            one = tasks.some_extension(fw, sem)
            assert (one is None) == (not exts) and (one is None or sum(1 << a for a in one) in exts)
            for a in range(n):
                assert tasks.credulous(fw, a, sem) == any(e >> a & 1 for e in exts), (sem, a)
                assert tasks.sceptical(fw, a, sem) == all(e >> a & 1 for e in exts), (sem, a)
    assert (len(calls) > 0) == (sat_first == 0.0), calls[:5]


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
    odd = tmp_path / "odd.af"
    odd.write_text("p af 3\n1 2\n2 3\n3 1\n")
    for problem in ("SE-SST", "SE-CO", "EE-SST"):  # the empty extension is a bare "w", no trailing space
        assert runner.invoke(app, ["iccma", "-p", problem, "-f", str(odd)]).output == "w\n"
    assert iccma("-p", "DS-SST", "-f", str(odd), "-a", "1") == "NO" and iccma("-p", "CE-SST", "-f", str(odd)) == "1"


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
    for code, sem in (("CO", "complete"), ("PR", "preferred"), ("ST", "stable"), ("SST", "semi-stable")):
        for a in range(n):
            assert tasks.credulous(fw, a, sem) == solver.credulous_acceptability(args, atts, str(a + 1), code)[0]
            assert tasks.sceptical(fw, a, sem) == solver.skeptical_acceptability(args, atts, str(a + 1), code)[0]
