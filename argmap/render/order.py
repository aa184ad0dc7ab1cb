"""The order in which a map's parts are told: the main claim, each line of argument, objections, rebuttals."""

from __future__ import annotations

from collections import deque
from typing import Any

from argmap.model import ArgumentMap

__all__ = ["step_order"]

_ATTACKS = ("attack", "undercut")
_SUPPORTS = ("support", "rephrase")


def _main(m: ArgumentMap) -> str | None:
    if m.main_claim:
        return m.main_claim
    if not m.statements:
        return None
    premises = {p for rel in m.relations for p in rel.premises}
    counts = {st.id: 0 for st in m.statements}
    for rel in m.relations:
        if rel.target in counts:
            counts[rel.target] += 1
    roots = [sid for sid in counts if sid not in premises] or list(counts)
    return max(roots, key=lambda sid: counts[sid])


def step_order(m: ArgumentMap) -> list[list[str]]:
    """The ids (statements and relations) revealed at each step of a slide build.

    First the main claim; then each line of argument for it (a support with its premises and
    everything supporting those, evidence included); then each objection (an attack or undercut on
    what is shown, with its own support); then the rebuttals of those objections, and so on. Whatever
    is not connected comes last.

    Examples
    --------
    >>> m = ArgumentMap.model_validate({"main_claim": "c", "statements": [{"id": "c", "claim": "C"},
    ...     {"id": "e", "evidence": "E"}, {"id": "o", "claim": "O"}, {"id": "x", "claim": "X"}],
    ...     "relations": [{"id": "s", "support": "e", "target": "c"}, {"id": "a", "attack": "o", "target": "c"},
    ...                   {"id": "b", "attack": "x", "target": "o"}]})
    >>> step_order(m)
    [['c'], ['s', 'e'], ['a', 'o'], ['b', 'x']]
    """
    main = _main(m)
    if main is None:
        return []
    into: dict[str, list[Any]] = {}
    for rel in m.relations:
        into.setdefault(rel.target, []).append(rel)
    shown: set[str] = {main}
    steps: list[list[str]] = [[main]]

    def reveal(rel: Any) -> list[str]:
        """The relation, its premises, and (transitively) the supports of those premises."""
        out: list[str] = []
        stack = deque([rel])
        while stack:
            r = stack.popleft()
            if r.id in shown:
                continue
            shown.add(r.id)
            out.append(r.id)
            for p in r.premises:
                if p not in shown:
                    shown.add(p)
                    out.append(p)
                    stack.extend(x for x in into.get(p, []) if x.type in _SUPPORTS)
        return out

    for rel in into.get(main, []):
        if rel.type in _SUPPORTS and rel.id not in shown:
            steps.append(reveal(rel))
    frontier = [i for step in steps for i in step]
    while frontier:
        # objections to what the last round showed, then (next round) their rebuttals
        new_frontier: list[str] = []
        for target in frontier:
            for rel in into.get(target, []):
                if rel.type in _ATTACKS and rel.id not in shown:
                    step = reveal(rel)
                    steps.append(step)
                    new_frontier.extend(step)
        frontier = new_frontier
    rest = [st.id for st in m.statements if st.id not in shown]
    rest += [rel.id for rel in m.relations if rel.id not in shown]
    if rest:
        steps.append(rest)
    return steps
