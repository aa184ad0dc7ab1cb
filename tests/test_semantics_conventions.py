"""The conventions of issue 17: undercuts only weaken (every gradual semantics), DF-QuAD's damped fallback,
one answer for sceptical acceptance without extensions, explanations that name someone, a timeout that bounds."""

from __future__ import annotations

import random
import re
import time
from typing import Any

import pytest

from argmap import ArgumentMap
from argmap.errors import LimitExceededError
from argmap.semantics import Framework, accepted, dfquad, evaluate, explain, extensions, strengths
from argmap.semantics.gradual import _dfquad_step


def approx(x: float) -> object:
    return pytest.approx(x, abs=1e-6)


def support_map(undercut_base: float | None, kind: str = "support") -> ArgumentMap:
    statements: list[dict[str, Any]] = [{"id": "c", "claim": "C"}, {"id": "p", "claim": "P"}]
    relations: list[dict[str, Any]] = [{"id": "r", kind: "p", "target": "c"}]
    if undercut_base is not None:
        statements.append({"id": "u", "claim": "U", "base_score": undercut_base})
        relations.append({"id": "x", "undercut": "u", "target": "r"})
    return ArgumentMap.model_validate({"statements": statements, "relations": relations})


# ------------------------------------------------------------------------------ 4: undercuts only weaken


@pytest.mark.parametrize("semantics", ["qe", "dfquad"])
def test_issue_reproduction_an_undercut_never_strengthens(semantics: str) -> None:
    def c(base: float | None, kind: str) -> float:
        got = evaluate(support_map(base, kind), semantics).strengths
        assert got is not None
        return got["c"]

    for kind, weaker in (("support", True), ("attack", False)):
        plain = c(None, kind)
        assert c(0.0, kind) == approx(plain)  # an undercut of strength 0 changes nothing (QE gave 0.6355 vs 0.600)
        cut = c(0.1, kind)
        assert (cut < plain) if weaker else (cut > plain)  # it weakens the support / the attack
    assert c(None, "support") == approx(0.6) if semantics == "qe" else True


def random_acyclic_map(rng: random.Random) -> ArgumentMap:
    k = rng.randint(2, 7)
    statements = [{"id": f"s{i}", "claim": f"S{i}", "base_score": round(rng.random(), 2)} for i in range(k)]
    relations: list[dict[str, Any]] = []
    for j in range(rng.randint(1, 8)):
        target = rng.randrange(k - 1)
        pool = list(range(target + 1, k))  # premises come later: the map is acyclic
        premises = [f"s{i}" for i in rng.sample(pool, rng.randint(1, min(2, len(pool))))]
        rel: dict[str, Any] = {"id": f"r{j}", rng.choice(["support", "attack"]): premises, "target": f"s{target}"}
        if rng.random() < 0.3:
            rel["strength"] = round(rng.random(), 2)
        relations.append(rel)
    return ArgumentMap.model_validate({"statements": statements, "relations": relations})


def with_undercut(m: ArgumentMap, rid: str, base: float) -> ArgumentMap:
    data = m.model_dump(mode="json", exclude_none=True)
    data["statements"].append({"id": "uc", "claim": "U", "base_score": base})
    data["relations"].append({"id": "ux", "undercut": "uc", "target": rid})
    return ArgumentMap.model_validate(data)


@pytest.mark.parametrize("semantics", ["qe", "dfquad"])
@pytest.mark.parametrize("seed", range(40))
def test_property_undercuts_only_weaken_the_inference_they_hit(semantics: str, seed: int) -> None:
    rng = random.Random(seed)
    m = random_acyclic_map(rng)
    rel = rng.choice(m.relations)
    before = evaluate(m, semantics).strengths
    zero = evaluate(with_undercut(m, rel.id, 0.0), semantics)
    cut = evaluate(with_undercut(m, rel.id, rng.uniform(0.2, 1.0)), semantics)
    assert before is not None and zero.strengths is not None and cut.strengths is not None
    for sid, value in before.items():  # an unattacked relation argument changes no force
        assert zero.strengths[sid] == approx(value), (sid, m)
    target = rel.target
    if rel.type == "support":
        assert cut.strengths[target] <= before[target] + 1e-9
    else:
        assert cut.strengths[target] >= before[target] - 1e-9
    forces = cut.relation_strengths or {}
    assert forces[rel.id] <= (zero.relation_strengths or {})[rel.id] + 1e-9


# ---------------------------------------------------------------------------- 5: DF-QuAD oscillation


def test_issue_reproduction_mutual_attack_with_base_one_converges_damped() -> None:
    fw = Framework(["a", "b"], [("a", "b"), ("b", "a")], base_scores=[1.0, 1.0])
    undamped = dfquad(fw, step=1.0, max_iterations=1000)
    assert not undamped.converged  # step 1 flips between (1, 1) and (0, 0)
    result = dfquad(fw)
    assert result.converged and result.strengths == [approx(0.5), approx(0.5)]


@pytest.mark.parametrize("seed", range(30))
def test_dfquad_converges_on_the_undamped_residual(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(2, 6)
    pairs = [(a, b) for a in range(n) for b in range(n) if a != b and rng.random() < 0.4]
    sup = [(a, b) for a in range(n) for b in range(n) if a != b and rng.random() < 0.2]
    fw = Framework(n, pairs, supports=sup, base_scores=[rng.choice([0.3, 0.7, 1.0]) for _ in range(n)])
    result = strengths(fw, "dfquad", tolerance=1e-10)
    if not result.converged:
        return
    s = result.strengths
    att: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    spp: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for a, b in pairs:
        att[b].append((a, 1.0))
    for a, b in sup:
        spp[b].append((a, 1.0))
    base = list(fw.base_scores or [])
    residual = max(abs(_dfquad_step(base[i], s, att[i], spp[i]) - s[i]) for i in range(n) if att[i] or spp[i]) if pairs or sup else 0.0
    assert residual <= 1e-9


# ------------------------------------------------------------------- 1: explanations name somebody

EMPTY = re.compile(r"by\s+(\(|\.|;|$)|by  |\(\)|: \.", re.MULTILINE)
DUNG = ("grounded", "complete", "preferred", "stable", "semi-stable", "ideal")


def test_issue_reproduction_explanations_name_the_defenders_per_extension() -> None:
    fw = Framework(4, [(0, 1), (1, 0), (0, 2), (1, 2), (2, 3)])
    text = explain(fw, "4", "preferred").text
    assert "In extension 1 (1, 4)" in text and "3 is OUT, defeated by 1 (IN)" in text and "defeated by 2 (IN)" in text
    assert not EMPTY.search(text), text
    m = ArgumentMap.model_validate(
        {
            "statements": [{"id": s, "claim": s.upper()} for s in ("a", "b", "c", "d", "u")],
            "relations": [
                {"id": "ab", "attack": "a", "target": "b"},
                {"id": "ba", "attack": "b", "target": "a"},
                {"id": "ac", "attack": "a", "target": "c"},
                {"id": "bc", "attack": "b", "target": "c"},
                {"id": "cd", "attack": "c", "target": "d"},
                {"id": "ud", "attack": "u", "target": "d"},
                {"id": "x", "undercut": "a", "target": "ud"},
            ],
        }
    )
    for sid in ("c", "d"):
        text = explain(m, sid, "preferred").text
        assert not EMPTY.search(text), text
        assert "In extension 1" in text
    assert "undercut by undercut x from a" in explain(m, "u", "preferred").text  # the downstream line names the undercut


def random_framework(rng: random.Random) -> Framework:
    n = rng.randint(1, 7)
    return Framework(n, [(a, b) for a in range(n) for b in range(n) if rng.random() < rng.choice([0.15, 0.3])])


@pytest.mark.parametrize("seed", range(25))
def test_property_explanations_never_list_nobody(seed: int) -> None:
    rng = random.Random(seed)
    fw = random_framework(rng)
    m = random_acyclic_map(rng)
    data = m.model_dump(mode="json", exclude_none=True)  # add a mutual attack and an undercut: several extensions
    data["relations"] += [
        {"id": "m1", "type": "attack", "premises": ["s0"], "target": "s1"},
        {"id": "m2", "type": "attack", "premises": ["s1"], "target": "s0"},
        {"id": "m3", "type": "undercut", "premises": ["s0"], "target": data["relations"][0]["id"]},
    ]
    m = ArgumentMap.model_validate(data)
    for sem in DUNG:
        for name in fw.statement_names():
            text = explain(fw, name, sem).text
            assert not EMPTY.search(text), (sem, text)
        for st in m.statements:
            text = explain(m, st.id, sem).text
            assert not EMPTY.search(text), (sem, text)


# ------------------------------------------------------------- 3: one answer for sceptical acceptance


def test_issue_reproduction_odd_cycle_sceptical_agrees() -> None:
    fw = Framework(["a", "b", "c"], [("a", "b"), ("b", "c"), ("c", "a")])
    result = evaluate(fw, "stable")
    assert result.extensions == [] and result.credulous == []
    assert result.sceptical == ["a", "b", "c"]  # vacuously: in every one of no extensions
    assert accepted(fw, "a", "stable", mode="sceptical") is True
    assert evaluate(fw, "stable", task="DS", argument="a").answer is True
    assert evaluate(fw, "stable", task="DC", argument="a").answer is False


@pytest.mark.parametrize("seed", range(25))
def test_property_every_api_agrees_on_acceptance(seed: int) -> None:
    rng = random.Random(1000 + seed)
    fw = random_framework(rng)
    for sem in DUNG:
        result = evaluate(fw, sem, limit=None)
        for name in fw.statement_names():
            for mode, listed in (("sceptical", result.sceptical), ("credulous", result.credulous)):
                assert accepted(fw, name, sem, mode=mode) == (name in (listed or [])), (sem, mode, name)  # type: ignore[arg-type]
                task = "DS" if mode == "sceptical" else "DC"
                assert evaluate(fw, sem, task=task, argument=name).answer == (name in (listed or []))


# ---------------------------------------------------------------------- 2: a timeout bounds the call


def test_issue_reproduction_timeout_bounds_building_and_grounding() -> None:
    rng = random.Random(3)
    n = 100_000
    src = [rng.randrange(n) for _ in range(3 * n)]
    dst = [rng.randrange(n) for _ in range(3 * n)]
    fw = Framework.from_arrays(n, src, dst)
    started = time.monotonic()
    with pytest.raises(LimitExceededError) as info:
        extensions(fw, "stable", timeout=0.5)
    assert time.monotonic() - started < 5  # hang guard: it took 10 s before, grounding unbounded
    message = str(info.value)
    assert "Framework(100000 arguments" in message and "within 0.5 s" in message  # the user's input, not the reduced one


def test_a_timeout_on_a_map_names_the_map() -> None:
    rng = random.Random(5)
    k = 300
    rels = [{"id": f"r{j}", "attack": f"s{rng.randrange(k)}", "target": f"s{rng.randrange(k)}"} for j in range(6 * k)]
    rels = [r for r in rels if r["attack"] != r["target"]]
    m = ArgumentMap.model_validate({"id": "big", "statements": [{"id": f"s{i}", "claim": "x"} for i in range(k)], "relations": rels})
    with pytest.raises(LimitExceededError, match=r"map 'big' \(300 statements"):
        evaluate(m, "preferred", timeout=0.01)
