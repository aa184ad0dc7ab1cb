"""The solver back ends of the ICCMA tasks: SAT (python-sat) beside ASP (clingo), laziness, the ideal
extension without the preferred ones, missing solver packages, and pygarg on the real ICCMA sample.

Both back ends are checked against brute force in ``test_semantics_tasks.py`` (``check_tasks`` runs
every task under each); here is what is particular to them."""

from __future__ import annotations

import importlib.util
import itertools
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_semantics_dung import brute_force

from argmap.errors import ArgmapError, LimitExceededError
from argmap.semantics import Framework, dung, read_framework, tasks
from argmap.semantics import iccma as iccma_module
from argmap.semantics._deps import MissingSolverError

SAMPLE = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "iccma"


def pairs(k: int) -> Framework:
    """k disjoint mutual attacks: 2^k stable, preferred and (3^k) complete extensions."""
    attacks = [(2 * i, 2 * i + 1) for i in range(k)] + [(2 * i + 1, 2 * i) for i in range(k)]
    return Framework(2 * k, attacks)


def test_enumeration_is_lazy() -> None:
    fw = pairs(40)  # 2^40 stable extensions: only a lazy walk can hand out the first ones
    for sem in ("stable", "preferred", "complete", "admissible"):
        first = list(itertools.islice(tasks.extensions_iter(fw, sem, limit=None, backend="sat"), 5))
        assert len(first) == 5 and len({tuple(e) for e in first}) == 5, sem
    walk = tasks.extensions_iter(fw, "stable", limit=3, backend="sat")
    assert len([next(walk) for _ in range(3)]) == 3
    with pytest.raises(LimitExceededError, match="more than 3 extensions"):
        next(walk)


def test_one_extension_and_acceptance_do_not_enumerate() -> None:
    fw = pairs(60)  # 2^60 extensions
    for backend in ("sat", "asp"):
        assert len(tasks.some_extension(fw, "preferred", backend=backend) or []) == 60
        assert tasks.credulous(fw, 7, "stable", backend=backend) is True
        assert tasks.sceptical(fw, 7, "preferred", backend=backend) is False
    assert tasks.some_extension(fw, "ideal", backend="sat") == []


@pytest.mark.parametrize("seed", range(30))
def test_ideal_without_the_preferred_extensions(seed: int) -> None:
    rng = random.Random(900 + seed)
    n = rng.randint(2, 11)
    attacks = [(a, b) for a in range(n) for b in range(n) if rng.random() < rng.choice([0.1, 0.2, 0.3])]
    fw = Framework(n, attacks)
    (expected,) = brute_force(n, attacks)["ideal"]
    assert sum(1 << a for a in tasks.ideal_extension(fw)) == expected
    assert tasks.ideal_extension(fw) == dung.ideal(fw)


@pytest.mark.parametrize(
    ("quick", "clauses", "least_left", "timed"),
    [
        (1, 20_000, 0.1, True),  # one conflict allowed: the clock takes over
        (10**9, 20_000, 0.1, False),  # a billion: it never has to
        (10**9, 10, 0.1, True),  # a large encoding: the clock watches from the start
        (10**9, 20_000, 10**6, True),  # little time left: the clock watches from the start
    ],
)
def test_a_sat_call_past_its_quick_budget_runs_on_under_the_clock(
    quick: int, clauses: int, least_left: float, timed: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A SAT call under a deadline first runs a few conflicts without the timer thread (on a small encoding,
    with time to spare); past them it goes on with the timer (the budget is turned off again, else the second
    call would stop at once) and answers as the call without a deadline does."""
    from argmap.semantics import _sat

    monkeypatch.setattr(_sat, "QUICK_CONFLICTS", quick)
    monkeypatch.setattr(_sat, "QUICK_CLAUSES", clauses)
    monkeypatch.setattr(_sat, "QUICK_LEFT", least_left)
    timers = 0
    real = _sat.threading.Timer

    def counting(*args: object, **kwargs: object) -> object:
        nonlocal timers
        timers += 1
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(_sat.threading, "Timer", counting)
    rng = random.Random(31)
    n = 150  # dense enough that sceptical preferred needs conflicts (the small ones are solved without any)
    fw = Framework(n, [(a, b) for a in range(n) for b in range(n) if rng.random() < 0.1])
    for a in range(0, n, 15):
        on_clock = tasks.sceptical(fw, a, "preferred", backend="sat", timeout=60)
        assert on_clock == tasks.sceptical(fw, a, "preferred", backend="sat", timeout=None), a
    assert (timers > 0) is timed


def test_unknown_backend_and_semantics_are_named() -> None:
    fw = pairs(2)
    with pytest.raises(ArgmapError, match="unknown backend 'z3'"):
        tasks.some_extension(fw, "stable", backend="z3")
    with pytest.raises(ArgmapError, match="unknown semantics 'naive'"):
        tasks.credulous(fw, 0, "naive")


def test_the_sat_timeout_names_the_semantics_and_the_budget() -> None:
    rng = random.Random(7)
    n = 400
    fw = Framework(n, [(a, b) for a in range(n) for b in range(n) if a != b and rng.random() < 0.2])
    started = time.monotonic()
    with pytest.raises(LimitExceededError, match=r"preferred semantics on .*did not finish within 1e-06 s"):
        tasks.sceptical(fw, 0, "preferred", timeout=1e-6, backend="sat")
    assert time.monotonic() - started < 5


# ------------------------------------------------------------------------- missing solver packages


def test_a_missing_clingo_says_which_extra_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "clingo", None)  # importing it now raises ImportError
    with pytest.raises(MissingSolverError, match=r"clingo package.*install argmap\[solvers\]"):
        tasks.some_extension(pairs(3), "stable", backend="asp")
    assert tasks.some_extension(pairs(3), "stable", backend="sat") is not None  # SAT needs no clingo
    assert dung.grounded(pairs(3)) == []  # grounded needs no solver at all


def test_a_missing_python_sat_says_which_extra_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pysat", None)
    monkeypatch.setitem(sys.modules, "pysat.solvers", None)
    with pytest.raises(MissingSolverError, match=r"python-sat package.*install argmap\[solvers\]") as info:
        tasks.sceptical(pairs(3), 0, "preferred", backend="sat")
    assert isinstance(info.value, ArgmapError)
    assert tasks.sceptical(pairs(3), 0, "preferred", backend="asp") is False


def test_grounded_and_reading_work_without_numpy(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    rng = random.Random(3)
    n = 3000
    src = [rng.randrange(n) for _ in range(2 * n)]
    dst = [rng.randrange(n) for _ in range(2 * n)]
    path = tmp_path / "big.af"
    path.write_text(f"p af {n}\n" + "".join(f"{a + 1} {b + 1}\n" for a, b in zip(src, dst, strict=True)))
    expected = read_framework(path)
    labelling = dung.grounded_labelling(expected)
    monkeypatch.setitem(sys.modules, "numpy", None)
    monkeypatch.setitem(sys.modules, "argmap.semantics._fast", None)
    monkeypatch.setattr(iccma_module, "_NUMPY_BYTES", 0)  # the numpy path, which must fall back
    monkeypatch.setattr(dung, "_LARGE", 10)
    fw = read_framework(path)
    assert list(fw.attack_from) == list(expected.attack_from) and list(fw.attack_to) == list(expected.attack_to)
    assert dung.grounded_labelling(fw) == labelling


def test_the_numpy_reader_agrees_with_the_split(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pytest.importorskip("numpy")
    path = tmp_path / "f.af"
    path.write_text("p af 5\n1 2\r\n2\t3\n\n5 5\n4 1\n")
    monkeypatch.setattr(iccma_module, "_NUMPY_BYTES", 0)
    monkeypatch.setattr(iccma_module, "_NUMPY_LOADED_BYTES", 0)
    fw = read_framework(path)
    assert list(fw.attack_pairs()) == [("1", "2"), ("2", "3"), ("5", "5"), ("4", "1")]
    for bad, where in (("p af 3\n1 2\n2 4\n", ":3:3"), ("p af 3\n1 2\n2\n", ":3:1"), ("p af 3\n1 99999999999999999999999\n", ":2:3")):
        path.write_text(bad)
        with pytest.raises(ArgmapError, match=where):
            read_framework(path)


def test_importing_the_semantics_loads_no_solver() -> None:
    code = (
        "import sys, argmap, argmap.semantics\n"
        "from argmap.semantics import Framework, grounded, parse_af\n"
        "fw = parse_af('p af 3\\n1 2\\n2 3\\n')\n"
        "assert grounded(fw) == [0, 2]\n"
        "print(sorted(m for m in ('clingo', 'pysat', 'numpy') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# ------------------------------------------------------------------------- pygarg on the real sample


@pytest.mark.skipif(importlib.util.find_spec("pygarg") is None, reason="pygarg is a benchmark peer; not installed here")
@pytest.mark.parametrize("name", ["admbuster_1000.af"])
def test_against_pygarg_on_the_iccma_sample(name: str) -> None:
    from pygarg.dung import solver  # type: ignore[import-not-found,import-untyped]

    fw = read_framework(SAMPLE / name)
    args = list(fw.names)
    atts = [[a, b] for a, b in fw.attack_pairs()]
    queries = [args[0], args[1], args[2], args[len(args) // 2], args[-2], args[-1]]
    for code, sem in (("PR", "preferred"), ("ST", "stable")):
        for q in queries:
            for backend in ("sat", "asp"):
                assert tasks.credulous(fw, fw.index(q), sem, backend=backend) == solver.credulous_acceptability(args, atts, q, code)[0]
                assert tasks.sceptical(fw, fw.index(q), sem, backend=backend) == solver.skeptical_acceptability(args, atts, q, code)[0]
        theirs = solver.compute_some_extension(args, atts, code)
        ours = tasks.some_extension(fw, sem)
        assert (ours is None) == (theirs in (None, "NO", []) and sem == "stable")
