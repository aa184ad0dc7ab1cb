"""Every query, on the example map and on small maps made for the edge cases."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import argument_maps

import argmap
from argmap import query as q
from argmap._validate import validate_map
from argmap.errors import ArgmapError, NotFoundError

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "example.argmap.yaml"
NBSP = "\u00a0"
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def m() -> argmap.ArgumentMap:
    return argmap.load(EXAMPLE)


def small(relations: list[dict[str, Any]], *ids: str, main: str | None = None, **extra: Any) -> argmap.ArgumentMap:
    return validate_map({"main_claim": main, "statements": [{"id": i, "claim": i.upper()} for i in ids], "relations": relations, **extra})


# ------------------------------------------------------------------------------------ neighbours


def test_supporters_attackers_undercutters(m: argmap.ArgumentMap) -> None:
    assert q.supporters(m, "c1") == ["c2", "c3", "c4"]  # r1, then both premises of the linked r3
    assert q.attackers(m, "c1") == ["o1", "o2"]
    assert q.attackers(m, "o1") == ["a1"]
    assert q.supporters(m, "e1") == [] and q.attackers(m, "e1") == []
    assert q.undercutters(m, "r4") == ["e4"] and q.undercutters(m, "r1") == []


def test_a_statement_in_two_relations_is_listed_once() -> None:
    amap = small([{"support": "a", "target": "c"}, {"support": ["a", "b"], "target": "c"}], "a", "b", "c")
    assert q.supporters(amap, "c") == ["a", "b"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda m: q.supporters(m, "zz"), "unknown statement 'zz'"),
        (lambda m: q.attackers(m, "r1"), "unknown statement 'r1'"),
        (lambda m: q.undercutters(m, "c1"), "unknown relation 'c1'"),
        (lambda m: q.evidence_for(m, "zz"), "unknown statement 'zz'"),
        (lambda m: q.objections(m, "zz"), "unknown statement 'zz'"),
        (lambda m: q.chains_to_main(m, "zz"), "unknown statement 'zz'"),
        (lambda m: q.focus(m, "zz"), "unknown statement or relation 'zz'"),
    ],
)
def test_unknown_ids_raise_not_found_naming_the_id(m: argmap.ArgumentMap, call: Any, message: str) -> None:
    with pytest.raises(NotFoundError) as info:
        call(m)
    assert str(info.value) == message
    assert info.value.id in message


def test_evidence_direct_and_transitive(m: argmap.ArgumentMap) -> None:
    assert q.evidence_for(m, "c1") == []
    assert q.evidence_for(m, "c2") == ["e1"]
    # through c2 (e1), through the linked c3 (e3) and c4 (e2); not e4 (an undercut) nor e5 (it supports a rebuttal)
    assert q.evidence_for(m, "c1", transitive=True) == ["e1", "e3", "e2"]


def test_transitive_evidence_survives_cycles() -> None:
    amap = validate_map(
        {
            "statements": [{"id": "a", "claim": "A"}, {"id": "b", "claim": "B"}, {"id": "e", "evidence": "E"}],
            "relations": [{"support": "a", "target": "b"}, {"support": "b", "target": "a"}, {"support": "e", "target": "b"}],
        }
    )
    assert q.evidence_for(amap, "a", transitive=True) == ["e"]


# ------------------------------------------------------------------------------------ objections


def test_objections_answered_by_an_attack(m: argmap.ArgumentMap) -> None:
    o1, o2 = q.objections(m, "c1")
    assert o1 == q.Objection(
        relation="r7", target="c1", statement="o1", premises=("o1",), answered=True, answered_by=("a1",), answering_relations=("r8",)
    )
    assert (o2.statement, o2.answered, o2.answered_by) == ("o2", False, ())


def test_objection_answered_by_an_undercut() -> None:
    amap = small(
        [
            {"id": "r1", "attack": ["o", "p"], "target": "c"},
            {"id": "u", "undercut": "x", "target": "r1"},
            {"id": "r3", "attack": "y", "target": "p"},
        ],
        "c",
        "o",
        "p",
        "x",
        "y",
    )
    [obj] = q.objections(amap, "c")
    assert obj.premises == ("o", "p") and obj.statement == "o"
    assert obj.answered and obj.answering_relations == ("r3", "u") and obj.answered_by == ("y", "x")


def test_a_support_of_the_objection_does_not_answer_it() -> None:
    amap = small([{"id": "r1", "attack": "o", "target": "c"}, {"id": "r2", "support": "s", "target": "o"}], "c", "o", "s")
    assert [o.relation for o in q.unanswered_objections(amap)] == ["r1"]


def test_unanswered_objections_across_the_map(m: argmap.ArgumentMap) -> None:
    # o2's attack on c1, and a1's attack on o1 (nobody answers the rebuttal)
    assert [(o.relation, o.statement, o.target) for o in q.unanswered_objections(m)] == [("r8", "a1", "o1"), ("r10", "o2", "c1")]


def test_unsupported_claims(m: argmap.ArgumentMap) -> None:
    assert q.unsupported_claims(m) == ["o1", "o2"]  # evidence is never listed; c1..c4 and a1 have support


# -------------------------------------------------------------------------------------- chains


def test_chains_to_main(m: argmap.ArgumentMap) -> None:
    [chain] = q.chains_to_main(m, "e1")
    assert chain == q.Chain(statements=("e1", "c2", "c1"), relations=("r2", "r1"), stance="pro")
    assert [c.stance for c in q.chains_to_main(m, "o1")] == ["con"]
    assert [c.stance for c in q.chains_to_main(m, "e5")] == ["pro"]  # support of a rebuttal of an objection
    assert q.chains_to_main(m, "e4") == []  # an undercut bears on an inference, not on a statement
    assert q.chains_to_main(m, "c1") == [q.Chain(statements=("c1",), relations=(), stance="pro")]


def test_every_simple_path_is_found_and_bounded() -> None:
    # a ladder: from x there are 2**4 paths to c
    rels: list[dict[str, Any]] = []
    levels = [["x"], ["a1", "b1"], ["a2", "b2"], ["a3", "b3"], ["a4", "b4"], ["c"]]
    for lower, upper in itertools.pairwise(levels):
        rels.extend({"support": u, "target": v} for u in lower for v in upper)
    amap = small(rels, *[s for level in levels for s in level], main="c")
    chains = q.chains_to_main(amap, "x")
    assert len(chains) == 16 and len({c.statements for c in chains}) == 16
    assert all(len(c.relations) == 5 and c.stance == "pro" for c in chains)
    assert len(q.chains_to_main(amap, "x", limit=3)) == 3
    assert q.chains_to_main(amap, "x", max_length=4) == []


def test_chains_skip_cycles() -> None:
    amap = small(
        [{"support": "a", "target": "b"}, {"support": "b", "target": "a"}, {"support": "b", "target": "c"}], "a", "b", "c", main="c"
    )
    assert [c.statements for c in q.chains_to_main(amap, "a")] == [("a", "b", "c")]


def test_no_main_claim_is_an_error() -> None:
    amap = small([], "a")
    for call in (lambda: q.chains_to_main(amap, "a"), lambda: q.disconnected(amap)):
        with pytest.raises(ArgmapError, match="map 'map' has no main claim; set main_claim first"):
            call()


def test_disconnected() -> None:
    amap = small(
        [{"id": "r1", "support": "a", "target": "c"}, {"id": "u", "undercut": "x", "target": "r1"}, {"support": "y", "target": "z"}],
        "c",
        "a",
        "x",
        "y",
        "z",
        "alone",
        main="c",
    )
    assert q.disconnected(amap) == ["y", "z", "alone"]  # x is connected through the undercut


# --------------------------------------------------------------------------------------- focus


def test_focus_one_hop(m: argmap.ArgumentMap) -> None:
    sub = q.focus(m, "c1")
    assert [s.id for s in sub.statements] == ["c1", "c2", "c3", "c4", "o1", "o2"]
    assert [r.id for r in sub.relations] == ["r1", "r3", "r7", "r10"]
    assert sub.main_claim == "c1" and sub.sources == m.sources and sub.title == m.title


def test_focus_keeps_undercuts_of_relations_it_crosses(m: argmap.ArgumentMap) -> None:
    sub = q.focus(m, "c3", k=1)
    assert {s.id for s in sub.statements} == {"c3", "c4", "c1", "e3", "e4"}
    assert {r.id for r in sub.relations} == {"r3", "r4", "r5"}
    assert sub.main_claim == "c1"


def test_focus_drops_the_main_claim_out_of_reach(m: argmap.ArgumentMap) -> None:
    sub = q.focus(m, "e5", k=1)
    assert [s.id for s in sub.statements] == ["a1", "e5"] and sub.main_claim is None
    assert [r.id for r in sub.relations] == ["r9"]


def test_focus_on_a_relation_and_k_zero(m: argmap.ArgumentMap) -> None:
    assert {s.id for s in q.focus(m, "r4", k=0).statements} == {"e3", "c3", "e4"}
    assert [s.id for s in q.focus(m, "o1", k=0).statements] == ["o1"]
    assert q.focus(m, "o1", k=0).relations == ()
    assert q.focus(m, "c1", k=10) == m  # everything is within reach
    with pytest.raises(ArgmapError, match="k must be 0 or more, not -1"):
        q.focus(m, "c1", k=-1)


def test_focus_drops_an_undercut_whose_relation_is_dropped() -> None:
    amap = small(
        [
            {"id": "r1", "support": "a", "target": "c"},
            {"id": "u1", "undercut": "x", "target": "r1"},
            {"id": "u2", "undercut": "y", "target": "u1"},
        ],
        "c",
        "a",
        "x",
        "y",
        main="c",
    )
    sub = q.focus(amap, "y", k=0)
    assert [s.id for s in sub.statements] == ["y"] and sub.relations == ()


@PROPERTY
@given(argument_maps())
def test_focus_is_always_a_valid_map_and_grows_with_k(amap: argmap.ArgumentMap) -> None:
    sid = amap.statements[0].id
    sizes = []
    for k in (0, 1, 2):
        sub = q.focus(amap, sid, k=k)
        assert sub.has_statement(sid)
        kept = {s.id for s in sub.statements}
        for rel in sub.relations:  # every relation kept has all its ends kept
            assert all(p in kept or sub.has_relation(p) for p in (*rel.premises, rel.target))
        sizes.append(len(sub.statements))
    assert sizes == sorted(sizes)


# -------------------------------------------------------------------------------------- cycles


def test_cycles() -> None:
    amap = small(
        [{"attack": "a", "target": "b"}, {"attack": "b", "target": "a"}, {"support": "b", "target": "c"}, {"support": "c", "target": "a"}],
        "a",
        "b",
        "c",
    )
    assert sorted(q.cycles(amap)) == [["a", "b"], ["a", "b", "c"]]
    assert q.cycles(amap, max_length=2) == [["a", "b"]]
    assert len(q.cycles(amap, limit=1)) == 1


def test_no_cycles(m: argmap.ArgumentMap) -> None:
    assert q.cycles(m) == []


# -------------------------------------------------------------------------------------- search


def test_search_ignores_case_accents_and_nbsp() -> None:
    amap = validate_map(
        {
            "language": "nl",
            "statements": [
                {"id": "a", "text": {"nl": f"De ENQUÊTE zegt 68{NBSP}%", "en": "The survey says 68 %"}},
                {"id": "b", "text": {"nl": "Een café", "en": "A coffee shop"}, "title": "Enquête"},
                {"id": "c", "claim": "Niets"},
            ],
        }
    )
    assert [(h.statement, h.languages) for h in q.search(amap, "enquete")] == [("a", ("nl",)), ("b", ("title",))]
    assert [h.statement for h in q.search(amap, "68 %")] == ["a"]
    assert [h.statement for h in q.search(amap, "CAFE")] == ["b"]
    assert [h.statement for h in q.search(amap, "zegt enquete")] == ["a"]  # every word, in any order
    assert q.search(amap, "survey", languages=["nl"]) == []
    [hit] = q.search(amap, "survey", languages=["en"])
    assert hit == q.SearchHit(statement="a", languages=("en",), text="The survey says 68 %")
    with pytest.raises(ArgmapError, match="search text is empty"):
        q.search(amap, f" {NBSP} ")


def test_search_the_example(m: argmap.ArgumentMap) -> None:
    assert [h.statement for h in q.search(m, "tablet")] == ["a1", "e5"]
    assert [h.statement for h in q.search(m, "Tablets", languages=["en"])] == ["a1"]


# ---------------------------------------------------------------------------------- statistics


def test_statistics(m: argmap.ArgumentMap) -> None:
    s = q.statistics(m)
    assert (s.statements, s.relations, s.sources, s.anchors, s.linked_arguments) == (12, 10, 1, 3, 1)
    assert s.by_kind == {"claim": 7, "evidence": 5}
    assert s.by_evidence_type == {"statistic": 1, "testimony": 1, "historical_fact": 1, "example": 1, "analogy": 1}
    assert s.by_relation_type == {"support": 6, "undercut": 1, "attack": 3}
    assert s.by_holder == {"author": 9, "Anja de Vries": 1, "critics": 1, "ouders": 1}
    assert s.by_language == {"nl": 12, "en": 12}
    # depth 1: c2 c3 c4 o1 o2; 2: e1 e2 e3 a1; 3: e4 (undercut below r4) and e5
    assert s.by_depth == {0: 1, 1: 5, 2: 4, 3: 2} and s.max_depth == 3 and s.disconnected == 0


def test_statistics_without_main_claim_and_as_json() -> None:
    s = q.statistics(small([{"support": "a", "target": "b"}], "a", "b"))
    assert s.max_depth is None and s.by_depth == {} and s.disconnected == 0
    assert q.MapStatistics.model_validate_json(s.model_dump_json()) == s


def test_results_are_frozen(m: argmap.ArgumentMap) -> None:
    obj = q.objections(m, "c1")[0]
    with pytest.raises(ValueError, match="frozen"):
        obj.answered = False  # type: ignore[misc]


def test_queries_see_a_new_map_after_an_edit(m: argmap.ArgumentMap) -> None:
    """The per-map index is cached; an edit makes a new map, which must get its own index."""
    assert q.attackers(m, "c2") == []
    m2 = argmap.add_relation(m, {"attack": "o2", "target": "c2"})
    assert q.attackers(m2, "c2") == ["o2"] and q.attackers(m, "c2") == []
