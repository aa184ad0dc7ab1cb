"""The networkx adapter: the AIF-style bipartite graph, its inverse, and the statement view."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

import argmap
from argmap.errors import InvalidMapError

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "example.argmap.yaml"


@pytest.fixture(scope="module")
def m() -> argmap.ArgumentMap:
    return argmap.load(EXAMPLE)


def test_statement_and_relation_nodes(m: argmap.ArgumentMap) -> None:
    G = argmap.to_networkx(m)
    assert G.nodes["c1"]["node"] == "statement" and G.nodes["c1"]["kind"] == "claim"
    assert G.nodes["c1"]["text"]["en"] == "Phones belong in a locker during lessons."
    assert G.nodes["e1"]["evidence_type"] == "statistic"
    assert G.nodes["o1"]["holder"] == {"kind": "group", "name": "critics", "names": {"nl": "critici"}}
    assert G.nodes["r1"] == {"node": "relation", "type": "support", "scheme": "Argument from Consequences"}
    assert G.graph["main_claim"] == "c1" and G.graph["language"] == "nl"
    assert nx.is_bipartite(G.to_undirected())


def test_edges_run_premise_relation_target(m: argmap.ArgumentMap) -> None:
    G = argmap.to_networkx(m)
    # the linked argument: both premises into one relation node, in order
    assert sorted((u, d["index"]) for u, _, d in G.in_edges("r3", data=True)) == [("c3", 0), ("c4", 1)]
    assert list(G.out_edges("r3", data="role")) == [("r3", "c1", "target")]
    # the undercut points into the relation node it undercuts
    assert list(G.out_edges("r5")) == [("r5", "r4")]
    assert G.edges["e4", "r5"]["role"] == "premise"


def test_from_networkx_inverts_to_networkx(m: argmap.ArgumentMap) -> None:
    assert argmap.from_networkx(argmap.to_networkx(m)) == m


def test_from_networkx_names_the_bad_node(m: argmap.ArgumentMap) -> None:
    G = argmap.to_networkx(m)
    G.add_node("x", node="banana")
    G.remove_edge("r1", "c1")
    with pytest.raises(InvalidMapError) as info:
        argmap.from_networkx(G)
    assert sorted(str(p) for p in info.value.problems) == [
        "nodes['r1']: relation node has 0 target edges; it needs exactly one",
        "nodes['x']: node attribute 'node' is 'banana'; expected 'statement' or 'relation'",
    ]


def test_from_networkx_checks_the_model_rules(m: argmap.ArgumentMap) -> None:
    G = argmap.to_networkx(m)
    G.graph["main_claim"] = "e1"
    with pytest.raises(InvalidMapError, match="main_claim: 'e1' is evidence, not a claim"):
        argmap.from_networkx(G)


def test_statement_graph(m: argmap.ArgumentMap) -> None:
    S = argmap.statement_graph(m)
    assert isinstance(S, nx.MultiDiGraph) and S.graph["main_claim"] == "c1"
    assert S.number_of_nodes() == len(m.statements)
    assert S.edges["c3", "c1", "r3"]["type"] == "support" and S.edges["c4", "c1", "r3"]["type"] == "support"
    assert S.edges["e3", "c3", "r4"]["undercut_by"] == ("r5",)
    assert S.edges["o1", "c1", "r7"]["type"] == "attack"
    assert not S.has_edge("e4", "e3")  # an undercut has no statement target
    supports_only = argmap.statement_graph(m, types=("support",))
    assert {d for _, _, d in supports_only.edges(data="type")} == {"support"}
