"""Dung semantics against brute-force enumeration, and the textbook properties that tie them together.

Coverage, and why it is sound:

- every framework over 0 to 3 arguments (all 1 + 2 + 16 + 512 attack relations, self-attacks included);
- every framework over 4 arguments up to isomorphism: the 65,536 attack relations fall into 3,044
  classes under renaming, and every semantics here is invariant under renaming (checked below on
  random renamings), so one member per class stands for all of it. One clingo run costs ~0.4 ms;
  all 65,536 would take minutes, the 3,044 classes take seconds;
- random frameworks of up to 12 arguments (hypothesis), where brute force still enumerates 4,096 sets.
"""

from __future__ import annotations

import itertools
import random
from functools import cache

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.errors import ArgmapError, LimitExceededError
from argmap.semantics import Framework, extensions, grounded_labelling, is_accepted, labelling_of
from argmap.semantics import dung as dung_module
from argmap.semantics._fast import grounded_labelling_numpy

SEMANTICS = ("grounded", "complete", "preferred", "stable", "semi-stable", "ideal")

# ---------------------------------------------------------------------------------- brute force


def brute_force(n: int, attacks: list[tuple[int, int]]) -> dict[str, set[int]]:
    """Every semantics by enumerating all 2^n sets, as bitmasks; straight from the definitions."""
    att_in = [0] * n
    att_out = [0] * n
    for a, b in attacks:
        att_out[a] |= 1 << b
        att_in[b] |= 1 << a
    full = (1 << n) - 1

    def plus(s: int) -> int:
        out = 0
        for a in range(n):
            if s >> a & 1:
                out |= att_out[a]
        return out

    def defended(s: int) -> int:  # the characteristic function F(S)
        sp = plus(s)
        return sum(1 << a for a in range(n) if att_in[a] & ~sp == 0)

    conflict_free = [s for s in range(1 << n) if plus(s) & s == 0]
    admissible = [s for s in conflict_free if s & ~defended(s) == 0]
    complete = [s for s in conflict_free if defended(s) == s]
    stable = [s for s in conflict_free if s | plus(s) == full]
    grounded = 0
    while defended(grounded) != grounded:
        grounded = defended(grounded)
    preferred = [s for s in admissible if not any(t != s and t & s == s for t in admissible)]
    ranges = {s: s | plus(s) for s in complete}
    semi = [s for s in complete if not any(ranges[t] != ranges[s] and ranges[t] & ranges[s] == ranges[s] for t in complete)]
    common = full
    for p in preferred:
        common &= p
    inside = [s for s in admissible if s & ~common == 0]
    ideal = [s for s in inside if not any(t != s and t & s == s for t in inside)]
    assert len(ideal) == 1  # the ideal extension is unique
    return {
        "grounded": {grounded},
        "complete": set(complete),
        "preferred": set(preferred),
        "stable": set(stable),
        "semi-stable": set(semi),
        "ideal": set(ideal),
        "admissible": set(admissible),
    }


def solved(fw: Framework, semantics: str) -> set[int]:
    return {sum(1 << a for a in ext) for ext in extensions(fw, semantics, limit=None)}


def check_all(n: int, attacks: list[tuple[int, int]]) -> None:
    fw = Framework(n, attacks)
    expected = brute_force(n, attacks)
    for sem in SEMANTICS:
        assert solved(fw, sem) == expected[sem], (sem, n, attacks)


# ------------------------------------------------------------------------- exhaustive sweeps


def all_pairs(n: int) -> list[tuple[int, int]]:
    return [(a, b) for a in range(n) for b in range(n)]


@pytest.mark.parametrize("n", [0, 1, 2, 3])
def test_every_framework_up_to_three_arguments(n: int) -> None:
    pairs = all_pairs(n)
    for mask in range(1 << len(pairs)):
        check_all(n, [p for k, p in enumerate(pairs) if mask >> k & 1])


@cache
def four_argument_classes() -> list[int]:
    """One attack relation (a 16-bit mask) per isomorphism class over 4 arguments: the least in its class."""
    pairs = all_pairs(4)
    masks = np.arange(1 << 16, dtype=np.int64)
    canonical = masks.copy()
    for perm in itertools.permutations(range(4)):
        image = np.zeros_like(masks)
        for k, (a, b) in enumerate(pairs):
            image |= ((masks >> k) & 1) << pairs.index((perm[a], perm[b]))
        canonical = np.minimum(canonical, image)
    return sorted(set(canonical.tolist()))


def test_four_arguments_fall_into_3044_classes() -> None:
    # OEIS A000595: binary relations on 4 unlabeled points.
    assert len(four_argument_classes()) == 3044


@pytest.mark.parametrize("part", range(4))
def test_every_framework_over_four_arguments_up_to_renaming(part: int) -> None:
    pairs = all_pairs(4)
    for mask in four_argument_classes()[part::4]:
        check_all(4, [p for k, p in enumerate(pairs) if mask >> k & 1])


def test_semantics_are_invariant_under_renaming() -> None:
    rng = random.Random(7)
    for _ in range(30):
        n = rng.randint(2, 6)
        attacks = [(a, b) for a in range(n) for b in range(n) if rng.random() < 0.3]
        perm = list(range(n))
        rng.shuffle(perm)
        renamed = [(perm[a], perm[b]) for a, b in attacks]
        for sem in SEMANTICS:
            got = {frozenset(e) for e in extensions(Framework(n, attacks), sem)}
            moved = {frozenset(perm[a] for a in e) for e in got}
            assert {frozenset(e) for e in extensions(Framework(n, renamed), sem)} == moved


# --------------------------------------------------------------------------- random, up to 12


@st.composite
def frameworks(draw: st.DrawFn, max_n: int = 12) -> tuple[int, list[tuple[int, int]]]:
    n = draw(st.integers(0, max_n))
    density = draw(st.sampled_from([0.05, 0.1, 0.2, 0.35]))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = random.Random(seed)
    return n, [(a, b) for a in range(n) for b in range(n) if rng.random() < density]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frameworks())
def test_random_frameworks_match_brute_force(case: tuple[int, list[tuple[int, int]]]) -> None:
    check_all(*case)


@pytest.mark.parametrize("n", [10, 11, 12])
@pytest.mark.parametrize("density", [0.08, 0.15, 0.3])
def test_twelve_argument_frameworks_match_brute_force(n: int, density: float) -> None:
    rng = random.Random(n * 1000 + int(density * 100))
    check_all(n, [(a, b) for a in range(n) for b in range(n) if rng.random() < density])


@settings(max_examples=30, deadline=None)
@given(frameworks(max_n=9))
def test_textbook_properties(case: tuple[int, list[tuple[int, int]]]) -> None:
    n, attacks = case
    fw = Framework(n, attacks)
    ext = {sem: [frozenset(e) for e in extensions(fw, sem, limit=None)] for sem in SEMANTICS}
    (grounded,) = ext["grounded"]
    assert grounded in ext["complete"]  # grounded is complete ...
    assert all(grounded <= c for c in ext["complete"])  # ... and the least complete extension
    assert set(ext["stable"]) <= set(ext["preferred"])  # every stable extension is preferred
    assert set(ext["preferred"]) <= set(ext["complete"])
    admissible = {frozenset(a for a in range(n) if s >> a & 1) for s in brute_force(n, attacks)["admissible"]}
    maximal = {a for a in admissible if not any(a < b for b in admissible)}
    assert set(ext["preferred"]) == maximal  # preferred = maximal admissible
    (ideal,) = ext["ideal"]
    assert all(ideal <= p for p in ext["preferred"]) and grounded <= ideal
    assert set(ext["semi-stable"]) <= set(ext["preferred"])
    if ext["stable"]:
        assert set(ext["semi-stable"]) == set(ext["stable"])


@settings(max_examples=25, deadline=None)
@given(frameworks(max_n=7))
def test_credulous_and_sceptical_acceptance(case: tuple[int, list[tuple[int, int]]]) -> None:
    n, attacks = case
    fw = Framework(n, attacks)
    expected = brute_force(n, attacks)
    for sem in ("complete", "preferred", "stable", "grounded"):
        exts = expected[sem]
        for a in range(n):
            assert is_accepted(fw, a, sem, mode="credulous") == any(s >> a & 1 for s in exts), (sem, a)
            assert is_accepted(fw, a, sem, mode="sceptical") == all(s >> a & 1 for s in exts), (sem, a)


# ------------------------------------------------------------------------ labellings, grounded


@settings(max_examples=40, deadline=None)
@given(frameworks(max_n=10))
def test_complete_labellings_are_legal(case: tuple[int, list[tuple[int, int]]]) -> None:
    n, attacks = case
    fw = Framework(n, attacks)
    attackers = fw.attackers()
    for ext in extensions(fw, "complete", limit=None):
        lab = labelling_of(fw, ext)
        for a in range(n):
            if lab[a] == dung_module.IN:
                assert all(lab[b] == dung_module.OUT for b in attackers[a])
            elif lab[a] == dung_module.OUT:
                assert any(lab[b] == dung_module.IN for b in attackers[a])
            else:
                assert not any(lab[b] == dung_module.IN for b in attackers[a])
                assert not all(lab[b] == dung_module.OUT for b in attackers[a])


@pytest.mark.parametrize("shape", ["random", "chain", "tree", "cycles"])
def test_vectorised_grounded_equals_worklist(shape: str, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(3)
    n = 20_000
    if shape == "random":
        src, dst = rng.integers(0, n, 30_000), rng.integers(0, n, 30_000)
    elif shape == "chain":
        src, dst = np.arange(n - 1), np.arange(1, n)
    elif shape == "tree":  # every node attacks its parent
        src = np.arange(1, n)
        dst = (rng.random(n - 1) * src).astype(np.int64)
    else:
        n = 19_998
        src = np.arange(n)
        dst = (src // 3) * 3 + (src + 1) % 3  # odd cycles of three: all UNDEC
    fw = Framework.from_arrays(n, src, dst)
    fast = grounded_labelling_numpy(n, fw.attack_from, fw.attack_to)
    monkeypatch.setattr(dung_module, "_LARGE", 10**12)
    assert fast == grounded_labelling(fw)
    if shape == "cycles":
        assert set(fast) == {dung_module.UNDEC}
    if shape == "chain":
        assert fast[0] == dung_module.IN and fast[1] == dung_module.OUT and fast[-1] == (dung_module.IN if n % 2 else dung_module.OUT)


def test_large_frameworks_take_the_vectorised_path() -> None:
    n = 60_000
    fw = Framework.from_arrays(n, range(n - 1), range(1, n))
    lab = grounded_labelling(fw)
    assert lab[0] == dung_module.IN and lab[1] == dung_module.OUT and lab.count(dung_module.IN) == n // 2


# ------------------------------------------------------------------------------ limits, errors


def test_limits_and_bad_input_raise_clear_errors() -> None:
    fw = Framework(10, [(a, a + 1) for a in range(0, 10, 2)] + [(a + 1, a) for a in range(0, 10, 2)])
    assert len(extensions(fw, "preferred", limit=None)) == 32
    with pytest.raises(LimitExceededError, match="more than 5 extensions"):
        extensions(fw, "preferred", limit=5)
    with pytest.raises(ArgmapError, match="unknown semantics 'naive'"):
        extensions(fw, "naive")
    with pytest.raises(ArgmapError, match=r"outside 0\.\.9"):
        is_accepted(fw, 10)
    with pytest.raises(ArgmapError, match="unknown argument 'zz'"):
        Framework(["a"], [("a", "zz")])
    with pytest.raises(ArgmapError, match=r"outside 0\.\.2"):
        Framework.from_arrays(3, [0], [3])


def test_a_hard_framework_hits_the_timeout_with_a_clear_error() -> None:
    rng = np.random.default_rng(5)
    n = 1000
    src, dst = rng.integers(0, n, 6 * n), rng.integers(0, n, 6 * n)
    keep = src != dst
    fw = Framework.from_arrays(n, src[keep], dst[keep])  # dense random: most arguments UNDEC, a hard search
    with pytest.raises(LimitExceededError, match=r"did not finish within 0\.2 s"):
        extensions(fw, "stable", timeout=0.2)
