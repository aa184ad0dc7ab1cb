"""The translation of linked attacks is exact: on random maps, the complete extensions argmap finds are the
complete labellings of the map read directly as a framework with joint attacks (a SETAF), by brute force.

A labelling of the statements is legal when, for every statement t: t is IN iff every attack on t
has a premise that is OUT; t is OUT iff some attack on t has all its premises IN. Enumerating all
3^n labellings of up to 6 statements gives the complete labellings without any auxiliary argument.
"""

from __future__ import annotations

import itertools
import random
from typing import Any

import pytest

from argmap import ArgumentMap
from argmap.semantics import evaluate

IN, OUT, UNDEC = "IN", "OUT", "UNDEC"


def random_map(seed: int) -> tuple[ArgumentMap, list[tuple[tuple[str, ...], str]]]:
    rng = random.Random(seed)
    n = rng.randint(2, 6)
    ids = [f"s{i}" for i in range(n)]
    attacks: list[tuple[tuple[str, ...], str]] = []
    for _ in range(rng.randint(1, 2 * n)):
        target = rng.choice(ids)
        others = [x for x in ids if x != target]
        premises = tuple(rng.sample(others, min(len(others), rng.choice([1, 1, 2, 3]))))
        attacks.append((premises, target))
    relations: list[dict[str, Any]] = [{"id": f"r{k}", "attack": list(p), "target": t} for k, (p, t) in enumerate(attacks)]
    m = ArgumentMap.model_validate({"statements": [{"id": s, "claim": s} for s in ids], "relations": relations})
    return m, attacks


def complete_labellings(ids: list[str], attacks: list[tuple[tuple[str, ...], str]]) -> list[dict[str, str]]:
    legal = []
    for combo in itertools.product((IN, OUT, UNDEC), repeat=len(ids)):
        lab = dict(zip(ids, combo, strict=True))
        ok = True
        for t in ids:
            on_t = [p for p, target in attacks if target == t]
            all_fail = all(any(lab[x] == OUT for x in p) for p in on_t)
            some_win = any(all(lab[x] == IN for x in p) for p in on_t)
            if (lab[t] == IN) != all_fail or (lab[t] == OUT) != some_win:
                ok = False
                break
        if ok:
            legal.append(lab)
    return legal


@pytest.mark.parametrize("seed", range(80))
def test_linked_attacks_translate_exactly(seed: int) -> None:
    m, attacks = random_map(seed)
    ids = [st.id for st in m.statements]
    legal = complete_labellings(ids, attacks)
    expected = sorted({tuple(sorted(s for s in ids if lab[s] == IN)) for lab in legal}, key=lambda e: (len(e), e))
    assert [tuple(e) for e in evaluate(m, "complete", limit=None).extensions or []] == expected
    # grounded is the complete labelling with the fewest IN; its labels match the brute-force one
    grounded = min(legal, key=lambda lab: sum(v == IN for v in lab.values()))
    assert evaluate(m).labels == grounded
    maximal = [e for e in expected if not any(set(e) < set(f) for f in expected)]
    assert [tuple(e) for e in evaluate(m, "preferred").extensions or []] == maximal
