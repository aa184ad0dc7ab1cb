"""The one adapter between ArgumentMap and networkx: the AIF-style bipartite graph and the statement view.

``to_networkx`` draws the map the way AIF does: statement nodes and relation nodes, with edges
``premise -> relation -> target``. An undercut's target edge points into the relation node it
undercuts. ``from_networkx`` turns such a graph back into the same map.

``statement_graph`` is the everyday view: one edge ``premise -> target`` per premise of every
support, attack and rephrase relation, keyed by relation id (a ``MultiDiGraph``).
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from argmap._util import paused_gc
from argmap._validate import validate_map
from argmap.errors import InvalidMapError, Problem
from argmap.model import ArgumentMap

__all__ = ["from_networkx", "statement_graph", "to_networkx"]

STATEMENT = "statement"
RELATION = "relation"

_MAP_KEYS = ("id", "title", "titles", "language", "main_claim", "sources", "metadata")


def to_networkx(amap: ArgumentMap) -> nx.DiGraph:
    """Return the map as a bipartite ``networkx.DiGraph`` of statement and relation nodes.

    Every node has ``node`` (``"statement"`` or ``"relation"``) and the fields of its model as
    attributes (``kind``, ``text``, ``holder``... or ``type``, ``scheme``, ``strength``...). Premise
    edges carry ``role="premise"`` and their ``index``; target edges carry ``role="target"``.
    ``G.graph`` holds the map's own fields (title, language, main claim, sources, metadata).

    Examples
    --------
    >>> import argmap
    >>> m = argmap.ArgumentMap.model_validate({"statements": [{"id": "a", "claim": "A"},
    ...     {"id": "b", "claim": "B"}], "relations": [{"id": "r", "attack": "b", "target": "a"}]})
    >>> G = argmap.to_networkx(m)
    >>> list(G.edges("b")), list(G.edges("r"))
    ([('b', 'r')], [('r', 'a')])
    """
    G = nx.DiGraph()
    with paused_gc():
        G.graph.update(amap.model_dump(include=set(_MAP_KEYS), mode="python"))
        G.add_nodes_from(
            (st.id, {"node": STATEMENT, **st.model_dump(exclude={"id"}, exclude_defaults=True), "kind": st.kind}) for st in amap.statements
        )
        for rel in amap.relations:
            attrs = rel.model_dump(exclude={"id", "premises", "target"}, exclude_defaults=True)
            G.add_node(rel.id, node=RELATION, **attrs, type=rel.type)
            G.add_edges_from((p, rel.id, {"role": "premise", "index": i}) for i, p in enumerate(rel.premises))
            G.add_edge(rel.id, rel.target, role="target")
    return G


def from_networkx(G: nx.DiGraph) -> ArgumentMap:
    """Build a map from a graph in the shape :func:`to_networkx` gives; the inverse of it.

    Raises :class:`~argmap.errors.InvalidMapError` naming the node when the graph is not of
    that shape (a node without ``node`` attribute, a relation without a target, ...), and when
    the map it describes breaks a rule of the model.
    """
    problems: list[Problem] = []
    statements: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    with paused_gc():
        for n, attrs in G.nodes(data=True):
            role = attrs.get("node")
            data = {k: v for k, v in attrs.items() if k != "node"}
            if role == STATEMENT:
                statements.append({"id": n, **data})
            elif role == RELATION:
                premises = sorted((d.get("index", 0), u) for u, _, d in G.in_edges(n, data=True) if d.get("role", "premise") == "premise")
                targets = [v for _, v, d in G.out_edges(n, data=True) if d.get("role", "target") == "target"]
                if len(targets) != 1:
                    problems.append(Problem(f"relation node has {len(targets)} target edges; it needs exactly one", path=f"nodes['{n}']"))
                    continue
                relations.append({"id": n, **data, "premises": [u for _, u in premises], "target": targets[0]})
            else:
                problems.append(Problem(f"node attribute 'node' is {role!r}; expected 'statement' or 'relation'", path=f"nodes['{n}']"))
        if problems:
            raise InvalidMapError(problems)
        payload = {k: G.graph[k] for k in _MAP_KEYS if k in G.graph}
        payload["statements"] = statements
        payload["relations"] = relations
        return validate_map(payload)


def statement_graph(amap: ArgumentMap, *, types: tuple[str, ...] = ("support", "attack", "rephrase")) -> nx.MultiDiGraph:
    """The statement-to-statement view: an edge ``premise -> target`` per premise of each relation.

    Edges are keyed by relation id and carry ``type`` and ``relation``. Only relations whose
    target is a statement and whose type is in ``types`` appear; undercuts are listed on the
    edges of the relation they undercut, as ``undercut_by`` (a tuple of relation ids).

    Examples
    --------
    >>> import argmap
    >>> m = argmap.ArgumentMap.model_validate({"statements": [{"id": "a", "claim": "A"},
    ...     {"id": "b", "claim": "B"}], "relations": [{"id": "r", "support": "b", "target": "a"}]})
    >>> list(argmap.statement_graph(m).edges(keys=True, data="type"))
    [('b', 'a', 'r', 'support')]
    """
    undercut_by: dict[str, list[str]] = {}
    for rel in amap.relations:
        if rel.type == "undercut":
            undercut_by.setdefault(rel.target, []).append(rel.id)
    G = nx.MultiDiGraph(main_claim=amap.main_claim)
    for st in amap.statements:
        G.add_node(st.id, kind=st.kind)
    for rel in amap.relations:
        if rel.type not in types or not amap.has_statement(rel.target):
            continue
        extra = {"undercut_by": tuple(undercut_by[rel.id])} if rel.id in undercut_by else {}
        for p in rel.premises:
            if amap.has_statement(p):
                G.add_edge(p, rel.target, key=rel.id, type=rel.type, relation=rel.id, **extra)
    return G
