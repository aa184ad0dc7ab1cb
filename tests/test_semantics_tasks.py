"""The ICCMA tasks (SE, EE, DC, DS, CE) against brute force: every framework up to 4 arguments (by
isomorphism class) and random ones up to 12; and the ``argmap iccma`` solver interface."""

from __future__ import annotations

import os
import random

import pytest
from test_semantics_dung import SEMANTICS, brute_force, four_argument_classes

from argmap.semantics import Framework, tasks


def check_tasks(n: int, attacks: list[tuple[int, int]]) -> None:
    fw = Framework(n, attacks)
    expected = brute_force(n, attacks)
    for sem in SEMANTICS:
        exts = expected[sem]
        one = tasks.some_extension(fw, sem)
        if exts:
            assert one is not None and sum(1 << a for a in one) in exts, (sem, n, attacks)
        else:
            assert one is None, (sem, n, attacks)
        assert tasks.count(fw, sem) == len(exts)
        assert {sum(1 << a for a in e) for e in tasks.extensions_iter(fw, sem, limit=None)} == exts
        for a in range(n):
            cred = any(e >> a & 1 for e in exts)
            scep = all(e >> a & 1 for e in exts)  # vacuously true without extensions
            assert tasks.credulous(fw, a, sem) == cred, ("DC", sem, a, n, attacks)
            assert tasks.sceptical(fw, a, sem) == scep, ("DS", sem, a, n, attacks)


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
