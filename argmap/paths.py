"""Paths through a map: chains of reasons to the main claim, what is cut off from it, focus subgraphs, cycles.

These are part of :mod:`argmap.query` (which re-exports them); they live here to keep each module small.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Literal

import networkx as nx
from pydantic import BaseModel, ConfigDict

from argmap._index import index_of
from argmap.errors import ArgmapError, NotFoundError
from argmap.model import ArgumentMap

__all__ = ["Chain", "chains_to_main", "cycles", "disconnected", "focus"]

_RESULT = ConfigDict(frozen=True, extra="forbid")
_ALONG = ("support", "attack")  # the relation types a chain to the main claim may follow
_MAX_STEPS = 1_000_000  # bounds the path search of chains_to_main on dense maps


class Chain(BaseModel):
    """A path from a statement to the main claim: ``statements[i]`` bears on ``statements[i+1]`` by ``relations[i]``.

    ``stance`` is ``"pro"`` when the chain has an even number of attacks (it speaks for the main
    claim), ``"con"`` otherwise.
    """

    model_config = _RESULT

    statements: tuple[str, ...]
    relations: tuple[str, ...]
    stance: Literal["pro", "con"]


def _main(amap: ArgumentMap) -> str:
    if amap.main_claim is None:
        raise ArgmapError(f"map '{amap.id}' has no main claim; set main_claim first")
    return amap.main_claim


def chains_to_main(amap: ArgumentMap, id: str, *, max_length: int = 12, limit: int = 100) -> list[Chain]:  # noqa: A002
    """Every simple path from statement ``id`` to the main claim along support and attack relations.

    At most ``limit`` chains of at most ``max_length`` relations are returned (shortest search
    bound first: only statements that can reach the main claim are explored). A statement that is
    the main claim has one chain of length 0.

    Examples
    --------
    >>> import argmap
    >>> from argmap.query import chains_to_main
    >>> m = argmap.ArgumentMap.model_validate({"main_claim": "c", "statements": [{"id": "c", "claim": "C"},
    ...     {"id": "o", "claim": "O"}, {"id": "a", "claim": "A"}],
    ...     "relations": [{"id": "r1", "attack": "o", "target": "c"}, {"id": "r2", "attack": "a", "target": "o"}]})
    >>> [(ch.statements, ch.relations, ch.stance) for ch in chains_to_main(m, "a")]
    [(('a', 'o', 'c'), ('r2', 'r1'), 'pro')]
    """
    amap.statement(id)
    main = _main(amap)
    idx = index_of(amap)
    # Statements from which the main claim can be reached: a reverse search from it, bounded by max_length.
    dist = {main: 0}
    queue = deque([main])
    while queue:
        node = queue.popleft()
        if dist[node] >= max_length:
            continue
        for rel in idx.into.get(node, ()):
            if rel.type in _ALONG:
                for p in rel.premises:
                    if p not in dist:
                        dist[p] = dist[node] + 1
                        queue.append(p)
    if id not in dist:
        return []
    if id == main:
        return [Chain(statements=(id,), relations=(), stance="pro")]
    chains: list[Chain] = []
    path_s: list[str] = [id]
    path_r: list[str] = []
    on_path = {id}
    stack: list[Iterator[tuple[str, str]]] = [_steps(amap, id)]
    steps = 0
    while stack and len(chains) < limit and steps < _MAX_STEPS:
        steps += 1
        step = next(stack[-1], None)
        if step is None:
            stack.pop()
            on_path.discard(path_s.pop())
            if path_r:
                path_r.pop()
            continue
        rel_id, nxt = step
        budget = max_length - len(path_r) - 1  # relations still allowed after this one
        if nxt in on_path or nxt not in dist or dist[nxt] > budget:
            continue
        if nxt == main:
            rels = (*path_r, rel_id)
            attacks = sum(idx.relations[r].type == "attack" for r in rels)
            chains.append(Chain(statements=(*path_s, nxt), relations=rels, stance="con" if attacks % 2 else "pro"))
            continue
        path_s.append(nxt)
        path_r.append(rel_id)
        on_path.add(nxt)
        stack.append(_steps(amap, nxt))
    return chains


def _steps(amap: ArgumentMap, node: str) -> Iterator[tuple[str, str]]:
    for rel in index_of(amap).out_of.get(node, ()):
        if rel.type in _ALONG:
            yield rel.id, rel.target


def _component(amap: ArgumentMap, start: Iterable[str]) -> set[str]:
    """Every statement and relation connected to ``start`` through relations, in any direction."""
    idx = index_of(amap)
    into, out_of, relations = idx.into, idx.out_of, idx.relations
    seen = set(start)
    stack = list(seen)
    while stack:
        node = stack.pop()
        rel = relations.get(node)
        if rel is not None:
            for n in (*rel.premises, rel.target):
                if n not in seen:
                    seen.add(n)
                    stack.append(n)
        for table in (into, out_of):
            for r in table.get(node, ()):
                if r.id not in seen:
                    seen.add(r.id)
                    stack.append(r.id)
    return seen


def disconnected(amap: ArgumentMap) -> list[str]:
    """The statements with no path of relations (in any direction) to the main claim, in map order.

    Examples
    --------
    >>> import argmap
    >>> from argmap.query import disconnected
    >>> m = argmap.ArgumentMap.model_validate({"main_claim": "c", "statements": [{"id": "c", "claim": "C"},
    ...     {"id": "e", "claim": "E"}, {"id": "x", "claim": "X"}], "relations": [{"support": "e", "target": "c"}]})
    >>> disconnected(m)
    ['x']
    """
    reached = _component(amap, [_main(amap)])
    return [st.id for st in amap.statements if st.id not in reached]


def focus(amap: ArgumentMap, id: str, k: int = 1) -> ArgumentMap:  # noqa: A002
    """A new, valid map of the statements within ``k`` hops of ``id`` (a statement or a relation).

    One hop crosses one relation, together with the undercuts of that relation: the supporters,
    attackers and targets of a statement are one hop away, and so are the undercutters of the
    relations it takes part in. A relation is kept only when all its premises and its target are
    kept. The main claim is kept when it is in the neighbourhood (else the new map has none);
    sources are all kept.

    Examples
    --------
    >>> import argmap
    >>> from argmap.query import focus
    >>> m = argmap.ArgumentMap.model_validate({"main_claim": "c", "statements": [{"id": "c", "claim": "C"},
    ...     {"id": "e", "claim": "E"}, {"id": "f", "claim": "F"}],
    ...     "relations": [{"support": "e", "target": "c"}, {"support": "f", "target": "e"}]})
    >>> sub = focus(m, "c", k=1)
    >>> [s.id for s in sub.statements], [r.id for r in sub.relations], sub.main_claim
    (['c', 'e'], ['r1'], 'c')
    """
    if k < 0:
        raise ArgmapError(f"k must be 0 or more, not {k}")
    idx = index_of(amap)
    if id in idx.statements:
        seeds = [id]
    elif id in idx.relations:
        seeds = [s for s in _group_statements(amap, _root(amap, id)) if s in idx.statements]
    else:
        raise NotFoundError(f"unknown statement or relation '{id}'", id=id)
    dist = dict.fromkeys(seeds, 0)
    queue = deque(seeds)
    done_groups: set[str] = set()
    while queue:
        node = queue.popleft()
        if dist[node] >= k:
            continue
        for rel in [*idx.into.get(node, ()), *idx.out_of.get(node, ())]:
            root = _root(amap, rel.id)
            if root in done_groups:
                continue
            done_groups.add(root)
            for s in _group_statements(amap, root):
                if s not in dist and s in idx.statements:
                    dist[s] = dist[node] + 1
                    queue.append(s)
    return _submap(amap, set(dist))


def _root(amap: ArgumentMap, rel_id: str) -> str:
    """The relation an undercut (of an undercut...) finally bears on; a relation that targets a statement is its own root."""
    relations = index_of(amap).relations
    seen = {rel_id}
    current = relations[rel_id]
    while current.target in relations and current.target not in seen:
        seen.add(current.target)
        current = relations[current.target]
    return current.id


def _group_statements(amap: ArgumentMap, root: str) -> list[str]:
    """The premises and targets of ``root`` and of every relation that targets it, transitively."""
    idx = index_of(amap)
    into, relations = idx.into, idx.relations
    out: list[str] = []
    seen = {root}
    queue = deque([root])
    while queue:
        rel = relations[queue.popleft()]
        out.extend(rel.premises)
        out.append(rel.target)
        for r in into.get(rel.id, ()):
            if r.id not in seen:
                seen.add(r.id)
                queue.append(r.id)
    return out


def _submap(amap: ArgumentMap, keep: set[str]) -> ArgumentMap:
    """The map restricted to the statements in ``keep`` and every relation whose ends are all kept."""
    relations = index_of(amap).relations
    dependants: dict[str, list[str]] = {}
    kept = set()
    for rel in amap.relations:
        ends = (*rel.premises, rel.target)
        if all(e in keep or e in relations for e in ends):
            kept.add(rel.id)
        for e in ends:
            if e in relations:
                dependants.setdefault(e, []).append(rel.id)
    # A relation that rests on a dropped relation is dropped too (the largest consistent set is kept).
    dropped = deque(r.id for r in amap.relations if r.id not in kept)
    while dropped:
        for d in dependants.get(dropped.popleft(), ()):
            if d in kept:
                kept.discard(d)
                dropped.append(d)
    return ArgumentMap.model_validate(
        {
            "id": amap.id,
            "title": amap.title,
            "titles": amap.titles,
            "language": amap.language,
            "main_claim": amap.main_claim if amap.main_claim in keep else None,
            "sources": list(amap.sources),
            "statements": [s for s in amap.statements if s.id in keep],
            "relations": [r for r in amap.relations if r.id in kept],
            "metadata": amap.metadata,
        }
    )


def cycles(amap: ArgumentMap, *, max_length: int | None = None, limit: int = 1000) -> list[list[str]]:
    """Cycles of support and attack among statements (each a list of statement ids), at most ``limit`` of them.

    Examples
    --------
    >>> import argmap
    >>> from argmap.query import cycles
    >>> m = argmap.ArgumentMap.model_validate({"statements": [{"id": "a", "claim": "A"}, {"id": "b", "claim": "B"}],
    ...     "relations": [{"attack": "a", "target": "b"}, {"attack": "b", "target": "a"}]})
    >>> cycles(m)
    [['a', 'b']]
    """
    edges = list(dict.fromkeys((p, rel.target) for rel in amap.relations if rel.type in _ALONG for p in rel.premises))
    G = nx.DiGraph(_cyclic_core(edges))
    found = islice(nx.simple_cycles(G, length_bound=max_length), limit)
    return [_rotate(c) for c in found]


def _cyclic_core(edges: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The edges left after peeling off, again and again, every node without incoming or outgoing edges.

    No node peeled off can lie on a cycle, and argument maps are mostly trees, so what is left (and
    handed to networkx) is usually tiny; the peeling is linear in the number of edges.
    """
    succ: dict[str, list[str]] = {}
    pred: dict[str, list[str]] = {}
    for u, v in edges:
        succ.setdefault(u, []).append(v)
        pred.setdefault(v, []).append(u)
    indeg = {n: len(pred.get(n, ())) for n in {*succ, *pred}}
    outdeg = {n: len(succ.get(n, ())) for n in indeg}
    gone: set[str] = set()
    stack = [n for n in indeg if indeg[n] == 0 or outdeg[n] == 0]
    while stack:
        n = stack.pop()
        if n in gone:
            continue
        gone.add(n)
        for v in succ.get(n, ()):
            indeg[v] -= 1
            if indeg[v] == 0 and v not in gone:
                stack.append(v)
        for u in pred.get(n, ()):
            outdeg[u] -= 1
            if outdeg[u] == 0 and u not in gone:
                stack.append(u)
    return [(u, v) for u, v in edges if u not in gone and v not in gone]


def _rotate(cycle: list[str]) -> list[str]:
    i = cycle.index(min(cycle))
    return cycle[i:] + cycle[:i]
