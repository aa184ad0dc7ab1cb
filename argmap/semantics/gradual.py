"""Gradual semantics for weighted bipolar frameworks: DF-QuAD and the quadratic-energy (QE) model.

Both compute a strength in ``[0, 1]`` per argument from its base score and the strengths of its
attackers and supporters, iterating ``s <- s + step * (f(s) - s)`` from the base scores until no
strength moves by more than ``tolerance``. On an acyclic framework both reach their unique fixed
point; on cycles the result is reported with ``converged=False`` when ``max_iterations`` runs out.
An edge's weight (the relation's ``strength``, default 1) scales the force its source exerts.

*Inferences* (the auxiliary argument of a linked or undercut relation, see
:mod:`argmap.semantics.translate`) are not scored like statements: the force of an inference is the
product of its premises' strengths times ``1 - w*s(u)`` for each undercut ``u`` of weight ``w``. So an
undercut only ever weakens the inference it hits (one of strength 0 changes nothing), and an inference
nothing undercuts carries exactly its premise's strength, as the plain relation would.

DF-QuAD's plain iteration (step 1) can oscillate on cycles; when no ``step`` is given and it has not
converged after ``OSCILLATION_CHECK`` iterations, it starts again from the base scores with the damped
step 0.5. Convergence is always judged on the undamped residual ``max |f(s) - s|``, not on the
(damped) change of one iteration.

- **DF-QuAD** (Rago et al., KR 2016): ``va = 1 - prod(1 - w*s(b))`` over attackers, ``vs`` the same
  over supporters; the strength is ``t - t*(va - vs)`` when ``va >= vs`` and ``t + (1 - t)*(vs - va)``
  otherwise, for base score ``t``.
- **QE** (Potyka, KR 2018): energy ``E = sum(w*s(supporter)) - sum(w*s(attacker))``,
  ``h(x) = max(x, 0)**2 / (1 + max(x, 0)**2)``; the strength is ``t - t*h(-E) + (1 - t)*h(E)``.
  Its default step is 0.5 (an Euler step of Potyka's continuous model), which converges on cycles
  where the plain iteration can oscillate.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from argmap.errors import ArgmapError
from argmap.semantics.framework import Framework

__all__ = ["GRADUAL_SEMANTICS", "GradualResult", "dfquad", "quadratic_energy", "strengths"]

GRADUAL_SEMANTICS: tuple[str, ...] = ("dfquad", "qe")
DEFAULT_BASE_SCORE = 0.5
OSCILLATION_CHECK = 200  # undamped DF-QuAD iterations before falling back to the damped step
DAMPED_STEP = 0.5
Inferences = Mapping[int, tuple[Sequence[int], Sequence[tuple[int, float]]]]


@dataclass(frozen=True)
class GradualResult:
    """The strength of every argument, and how the iteration ended."""

    strengths: list[float]
    iterations: int
    converged: bool


def _edges(fw: Framework) -> tuple[list[list[tuple[int, float]]], list[list[tuple[int, float]]]]:
    n = len(fw)
    att: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    sup: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    aw, sw = fw.attack_weights, fw.support_weights
    for k, (a, b) in enumerate(zip(fw.attack_from, fw.attack_to, strict=True)):
        att[b].append((a, 1.0 if aw is None else aw[k]))
    for k, (a, b) in enumerate(zip(fw.support_from, fw.support_to, strict=True)):
        sup[b].append((a, 1.0 if sw is None else sw[k]))
    return att, sup


def _dfquad_step(t: float, s: list[float], att: list[tuple[int, float]], sup: list[tuple[int, float]]) -> float:
    keep_a = 1.0
    for b, w in att:
        keep_a *= 1.0 - w * s[b]
    keep_s = 1.0
    for b, w in sup:
        keep_s *= 1.0 - w * s[b]
    va, vs = 1.0 - keep_a, 1.0 - keep_s
    if va >= vs:
        return t - t * (va - vs)
    return t + (1.0 - t) * (vs - va)


def _h(x: float) -> float:
    if x <= 0.0:
        return 0.0
    x2 = x * x
    return x2 / (1.0 + x2)


def _qe_step(t: float, s: list[float], att: list[tuple[int, float]], sup: list[tuple[int, float]]) -> float:
    energy = 0.0
    for b, w in sup:
        energy += w * s[b]
    for b, w in att:
        energy -= w * s[b]
    return t - t * _h(-energy) + (1.0 - t) * _h(energy)


def strengths(
    fw: Framework,
    semantics: Literal["dfquad", "qe"] = "dfquad",
    *,
    step: float | None = None,
    tolerance: float = 1e-9,
    max_iterations: int = 10_000,
    inferences: Inferences | None = None,
) -> GradualResult:
    """The strength of every argument under DF-QuAD (``"dfquad"``) or quadratic energy (``"qe"``).

    Parameters
    ----------
    fw
        The framework; its ``base_scores`` (default 0.5 each) and edge weights (default 1) are used.
    step
        The damping of each update, in ``(0, 1]``; default 1 for DF-QuAD (0.5 if that oscillates)
        and 0.5 for QE.
    tolerance
        Converged when no strength is further than this from its update (the undamped residual).
    max_iterations
        Stop after this many iterations and report ``converged=False``.
    inferences
        For each inference argument: its premises and its undercutters with their weights
        (what :func:`argmap.semantics.translate.inferences` gives for a map).

    Examples
    --------
    >>> fw = Framework(["a", "b"], [("b", "a")])
    >>> r = strengths(fw, "dfquad")
    >>> [round(x, 4) for x in r.strengths], r.converged
    ([0.25, 0.5], True)
    >>> r = strengths(Framework(["a", "b"], [("a", "b"), ("b", "a")], base_scores=[1, 1]))
    >>> [round(x, 4) for x in r.strengths], r.converged  # step 1 oscillates; the damped step converges
    ([0.5, 0.5], True)
    """
    if semantics not in GRADUAL_SEMANTICS:
        raise ArgmapError(f"unknown gradual semantics '{semantics}'; choose one of {', '.join(GRADUAL_SEMANTICS)}")
    fallback = step is None and semantics == "dfquad"
    if step is None:
        step = 1.0 if semantics == "dfquad" else DAMPED_STEP
    if not 0.0 < step <= 1.0:
        raise ArgmapError(f"step is {step}; it must be in (0, 1]")
    if tolerance <= 0 or max_iterations < 1:
        raise ArgmapError("tolerance must be positive and max_iterations at least 1")
    first = min(max_iterations, OSCILLATION_CHECK) if fallback else max_iterations
    result = _iterate(fw, semantics, step, tolerance, first, inferences or {})
    if result.converged or not fallback or first >= max_iterations:
        return result
    damped = _iterate(fw, semantics, DAMPED_STEP, tolerance, max_iterations - first, inferences or {})
    return GradualResult(damped.strengths, first + damped.iterations, damped.converged)


def _iterate(fw: Framework, semantics: str, step: float, tolerance: float, max_iterations: int, inferences: Inferences) -> GradualResult:
    n = len(fw)
    base = [DEFAULT_BASE_SCORE] * n if fw.base_scores is None else list(fw.base_scores)
    att, sup = _edges(fw)
    update = _dfquad_step if semantics == "dfquad" else _qe_step
    active = [i for i in range(n) if (att[i] or sup[i]) and i not in inferences]  # the others keep their base score
    s = list(base)
    for r, (premises, _cuts) in inferences.items():
        s[r] = math.prod(base[p] for p in premises)
    for iteration in range(1, max_iterations + 1):
        new = list(s)
        residual = 0.0
        for i in active:
            target = update(base[i], s, att[i], sup[i])
            residual = max(residual, abs(target - s[i]))
            new[i] = s[i] + step * (target - s[i])
        for r, (premises, cuts) in inferences.items():
            target = math.prod(s[p] for p in premises)
            for u, w in cuts:
                target *= 1.0 - w * s[u]
            residual = max(residual, abs(target - s[r]))
            new[r] = s[r] + step * (target - s[r])
        if residual <= tolerance:
            return GradualResult(s, iteration, True)
        s = new
    return GradualResult(s, max_iterations, False)


def dfquad(fw: Framework, **options: float) -> GradualResult:
    """DF-QuAD strengths; options as for :func:`strengths`.

    Examples
    --------
    >>> fw = Framework(["a", "b", "c"], [("b", "a")], supports=[("c", "a")])
    >>> [round(x, 4) for x in dfquad(fw).strengths]
    [0.5, 0.5, 0.5]
    """
    return strengths(fw, "dfquad", **options)  # type: ignore[arg-type]


def quadratic_energy(fw: Framework, **options: float) -> GradualResult:
    """Quadratic-energy strengths; options as for :func:`strengths`.

    Examples
    --------
    >>> fw = Framework(["a", "b"], [], supports=[("b", "a")])
    >>> round(quadratic_energy(fw).strengths[0], 4)
    0.6
    """
    return strengths(fw, "qe", **options)  # type: ignore[arg-type]
