"""DF-QuAD and quadratic energy: known answers worked out by hand, convergence, and the options' errors."""

from __future__ import annotations

import pytest

from argmap import ArgumentMap
from argmap.errors import ArgmapError
from argmap.semantics import Framework, dfquad, evaluate, quadratic_energy, strengths


def approx(x: float) -> object:
    return pytest.approx(x, abs=1e-6)


# DF-QuAD, by hand: va = 1 - prod(1 - s(attacker)), vs likewise; s = t - t(va - vs) if va >= vs else t + (1 - t)(vs - va).
@pytest.mark.parametrize(
    ("fw", "expected"),
    [
        # one attacker at 0.5: va = 0.5, s = 0.5 - 0.25
        (Framework(["a", "b"], [("b", "a")]), {"a": 0.25, "b": 0.5}),
        # attacker and supporter balance: va = vs = 0.5
        (Framework(["a", "b", "c"], [("b", "a")], supports=[("c", "a")]), {"a": 0.5}),
        # two supporters: vs = 1 - 0.5 * 0.5 = 0.75, s = 0.5 + 0.5 * 0.75
        (Framework(["a", "b", "c"], supports=[("b", "a"), ("c", "a")]), {"a": 0.875}),
        # chain with base scores c=0.8 -> b=0.6 -> a=0.5: b = 0.6 - 0.6 * 0.8 = 0.12, a = 0.5 - 0.5 * 0.12
        (Framework(["a", "b", "c"], [("b", "a"), ("c", "b")], base_scores=[0.5, 0.6, 0.8]), {"b": 0.12, "a": 0.44}),
        # attackers 0.4 and 0.6, supporter 0.9, base 0.3: va = 1 - 0.6 * 0.4 = 0.76, vs = 0.9, s = 0.3 + 0.7 * 0.14
        (
            Framework(["a", "b", "c", "d"], [("b", "a"), ("c", "a")], supports=[("d", "a")], base_scores=[0.3, 0.4, 0.6, 0.9]),
            {"a": 0.398},
        ),
        # weighted attack: weight 0.5 on an attacker of 0.5 gives va = 0.25
        (Framework(["a", "b"], [("b", "a")], attack_weights=[0.5]), {"a": 0.375}),
        # a two-cycle: s = 0.5 - 0.5 s, so s = 1/3
        (Framework(["a", "b"], [("a", "b"), ("b", "a")]), {"a": 1 / 3, "b": 1 / 3}),
    ],
)
def test_dfquad_known_answers(fw: Framework, expected: dict[str, float]) -> None:
    result = dfquad(fw)
    assert result.converged
    for name, value in expected.items():
        assert result.strengths[fw.index(name)] == approx(value)


# QE, by hand: E = sum(supporters) - sum(attackers), h(x) = x^2 / (1 + x^2) for x > 0, s = t - t h(-E) + (1 - t) h(E).
@pytest.mark.parametrize(
    ("fw", "expected"),
    [
        # E = -0.5, h = 0.25 / 1.25 = 0.2, s = 0.5 - 0.1
        (Framework(["a", "b"], [("b", "a")]), {"a": 0.4}),
        # E = 1, h = 0.5, s = 0.5 + 0.25
        (Framework(["a", "b", "c"], supports=[("b", "a"), ("c", "a")]), {"a": 0.75}),
        # b = 0.6 - 0.6 h(0.8) = 0.6 / 1.64; a = 0.5 - 0.5 h(0.365853...) = 0.440976
        (Framework(["a", "b", "c"], [("b", "a"), ("c", "b")], base_scores=[0.5, 0.6, 0.8]), {"b": 0.6 / 1.64, "a": 0.4409759}),
        # a two-cycle: s = 0.5 - 0.5 s^2 / (1 + s^2), so s = 0.423854
        (Framework(["a", "b"], [("a", "b"), ("b", "a")]), {"a": 0.4238538}),
    ],
)
def test_quadratic_energy_known_answers(fw: Framework, expected: dict[str, float]) -> None:
    result = quadratic_energy(fw)
    assert result.converged
    for name, value in expected.items():
        assert result.strengths[fw.index(name)] == approx(value)


def test_iterations_are_reported_and_acyclic_frameworks_settle_in_depth_plus_one() -> None:
    chain = Framework(5, [(i + 1, i) for i in range(4)])
    result = dfquad(chain)
    assert result.converged and result.iterations == 5  # four changing rounds, one to see nothing moves
    assert strengths(Framework(3), "dfquad").iterations == 1


def test_non_convergence_is_reported_not_hidden() -> None:
    fw = Framework(["a", "b"], [("a", "b"), ("b", "a")])
    result = dfquad(fw, max_iterations=3)
    assert not result.converged and result.iterations == 3


def test_map_linked_support_multiplies_its_premises() -> None:
    m = ArgumentMap.model_validate(
        {
            "statements": [{"id": "c", "claim": "C"}, {"id": "a", "claim": "A"}, {"id": "b", "claim": "B", "base_score": 0.8}],
            "relations": [{"id": "r", "support": ["a", "b"], "target": "c"}],
        }
    )
    result = evaluate(m, "dfquad")
    # the relation's argument: base 1, attacked by "not a" (0.5) and "not b" (0.2): 1 - (1 - 0.5 * 0.8) = 0.4
    assert result.relation_strengths == {"r": approx(0.4)}
    assert result.strengths is not None and result.strengths["c"] == approx(0.5 + 0.5 * 0.4)
    assert set(result.strengths) == {"c", "a", "b"}  # auxiliary arguments are not statements


def test_map_base_scores_strengths_and_undercuts() -> None:
    m = ArgumentMap.model_validate(
        {
            "statements": [{"id": "c", "claim": "C", "base_score": 0.6}, {"id": "o", "claim": "O"}, {"id": "u", "claim": "U"}],
            "relations": [
                {"id": "r", "attack": "o", "target": "c", "strength": 0.5},
                {"id": "x", "undercut": "u", "target": "r"},
            ],
        }
    )
    # r's argument: base 1, attacked by "not o" (0.5) and u (0.5): 1 - (1 - 0.25) = 0.25; weighted 0.5 -> va = 0.125
    result = evaluate(m, "dfquad")
    assert result.strengths is not None and result.strengths["c"] == approx(0.6 - 0.6 * 0.125)
    assert evaluate(m, "dfquad", default_base_score=0.9).strengths["o"] == approx(0.9)  # type: ignore[index]


def test_bad_options_raise_clear_errors() -> None:
    fw = Framework(["a"])
    with pytest.raises(ArgmapError, match="step is 0"):
        strengths(fw, "dfquad", step=0)
    with pytest.raises(ArgmapError, match="unknown gradual semantics 'h-categoriser'"):
        strengths(fw, "h-categoriser")  # type: ignore[arg-type]
    with pytest.raises(ArgmapError, match="unknown option"):
        evaluate(fw, "qe", damping=0.5)
    with pytest.raises(ArgmapError, match=r"base_scores\[0\] is 1.5"):
        Framework(["a"], base_scores=[1.5])
    with pytest.raises(ArgmapError, match="default_base_score"):
        evaluate(ArgumentMap(), "dfquad", default_base_score=2.0)
