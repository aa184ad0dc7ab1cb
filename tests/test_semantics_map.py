"""From map to framework: linked attacks, undercuts, labels of statements only; explanations; the real maps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap import ArgumentMap
from argmap.errors import ArgmapError, NotFoundError
from argmap.semantics import SEMANTICS, Evaluation, Framework, accepted, evaluate, explain, to_framework

ROOT = Path(__file__).resolve().parents[1]
ESSAY = ROOT / "examples" / "social_media" / "social-media.argmap.yaml"
EXAMPLE = ROOT / "examples" / "example.argmap.yaml"


def amap(statements: list[str], relations: list[dict[str, Any]]) -> ArgumentMap:
    return ArgumentMap.model_validate({"statements": [{"id": s, "claim": s.upper()} for s in statements], "relations": relations})


def test_plain_attack_chain_reinstates() -> None:
    m = amap(["c", "o", "r"], [{"attack": "o", "target": "c"}, {"attack": "r", "target": "o"}])
    assert evaluate(m).labels == {"c": "IN", "o": "OUT", "r": "IN"}
    assert to_framework(m).framework.n_statements == len(to_framework(m).framework) == 3  # no auxiliary arguments


@pytest.mark.parametrize(
    ("extra", "expected_c", "expected_r"),
    [
        ([], "OUT", "IN"),  # both premises stand: the joint attack succeeds
        ([{"attack": "x", "target": "a"}], "IN", "OUT"),  # one premise defeated: the joint attack fails
        ([{"attack": "y", "target": "a"}, {"attack": "a", "target": "y"}], "UNDEC", "UNDEC"),  # one premise undecided
    ],
)
def test_linked_attack_needs_every_premise(extra: list[dict[str, Any]], expected_c: str, expected_r: str) -> None:
    m = amap(["c", "a", "b", "x", "y"], [{"id": "r", "attack": ["a", "b"], "target": "c"}, *extra])
    result = evaluate(m)
    assert result.labels is not None and result.labels["c"] == expected_c
    assert result.relation_labels == {"r": expected_r}


def test_undercut_defeats_the_inference_not_the_premise() -> None:
    m = amap(
        ["c", "o", "u"],
        [{"id": "r", "attack": "o", "target": "c"}, {"id": "k", "undercut": "u", "target": "r"}],
    )
    result = evaluate(m)
    assert result.labels == {"c": "IN", "o": "IN", "u": "IN"}
    assert result.relation_labels == {"r": "OUT"}
    # an undercut of the undercut restores the attack
    m2 = amap(
        ["c", "o", "u", "v"],
        [
            {"id": "r", "attack": "o", "target": "c"},
            {"id": "k", "undercut": "u", "target": "r"},
            {"id": "k2", "undercut": "v", "target": "k"},
        ],
    )
    result2 = evaluate(m2)
    assert result2.labels is not None and result2.labels["c"] == "OUT"
    assert result2.relation_labels == {"r": "IN", "k": "OUT"}


def test_supports_do_not_change_dung_labels_and_rephrase_is_ignored() -> None:
    relations = [{"attack": "o", "target": "c"}, {"support": "s", "target": "c"}, {"rephrase": "s", "target": "o"}]
    with_support = amap(["c", "o", "s"], relations)
    assert evaluate(with_support).labels == {"c": "OUT", "o": "IN", "s": "IN"}
    assert to_framework(with_support).framework.n_supports == 1


def test_multiple_extensions_give_sceptical_labels_and_credulous_lists() -> None:
    m = amap(["a", "b", "c"], [{"attack": "a", "target": "b"}, {"attack": "b", "target": "a"}, {"attack": "b", "target": "c"}])
    result = evaluate(m, "preferred")
    assert result.extensions == [["b"], ["a", "c"]]  # smallest first
    assert result.labels == {"a": "UNDEC", "b": "UNDEC", "c": "UNDEC"}
    assert result.credulous == ["a", "b", "c"] and result.sceptical == []
    assert accepted(m, "c", "preferred", mode="credulous") and not accepted(m, "c", "preferred")
    assert evaluate(m, "grounded").labels == {"a": "UNDEC", "b": "UNDEC", "c": "UNDEC"}


def test_no_stable_extension_means_no_labels() -> None:
    m = amap(["a", "b", "c"], [{"attack": "a", "target": "b"}, {"attack": "b", "target": "c"}, {"attack": "c", "target": "a"}])
    result = evaluate(m, "stable")
    assert result.extensions == [] and result.labels is None
    assert "no stable extension" in explain(m, "a", "stable").text


def test_evaluation_is_frozen_and_takes_a_plain_framework() -> None:
    result = evaluate(Framework(["x", "y"], [("x", "y")]), "complete")
    assert isinstance(result, Evaluation) and result.labels == {"x": "IN", "y": "OUT"}
    with pytest.raises(Exception, match="frozen"):
        result.semantics = "other"  # type: ignore[misc]
    assert result.overlay() == {"x": "IN", "y": "OUT"}
    with pytest.raises(ArgmapError, match="unknown semantics 'cf2'"):
        evaluate(Framework(1), "cf2")
    with pytest.raises(ArgmapError, match="expected an ArgumentMap or a Framework"):
        evaluate({"a": 1}, "grounded")  # type: ignore[arg-type]


def test_explain_in_names_the_defence_and_the_focus_map_shows_it() -> None:
    m = amap(["c", "o", "r", "z"], [{"id": "a1", "attack": "o", "target": "c"}, {"id": "a2", "attack": "r", "target": "o"}])
    e = explain(m, "c")
    assert e.label == "IN"
    assert "a1 from o" in e.text and "o is OUT, defeated by attack a2 from r" in e.text
    assert isinstance(e.focus, ArgumentMap)
    assert [st.id for st in e.focus.statements] == ["c", "o", "r"]  # z plays no part
    assert {r.id for r in e.focus.relations} == {"a1", "a2"}
    out = explain(m, "o")
    assert out.label == "OUT" and "a2 from r" in out.text and "stands (IN)" in out.text


def test_explain_linked_undercut_undec_and_gradual() -> None:
    m = amap(
        ["c", "a", "b", "u", "y"],
        [
            {"id": "r", "attack": ["a", "b"], "target": "c"},
            {"id": "k", "undercut": "u", "target": "r"},
            {"id": "q", "attack": "y", "target": "u"},
            {"id": "q2", "attack": "u", "target": "y"},
        ],
    )
    e = explain(m, "c")
    assert e.label == "UNDEC" and "attack r from a" in e.text and "UNDEC" in e.text
    g = explain(m, "c", "dfquad")
    assert g.label is None and g.strength is not None and "attacked by attack r" in g.text
    with pytest.raises(NotFoundError, match="unknown statement 'nope'"):
        explain(m, "nope")


# ------------------------------------------------------------------------------------ real maps


@pytest.mark.parametrize("path", [ESSAY, EXAMPLE], ids=["essay", "example"])
@pytest.mark.parametrize("semantics", SEMANTICS)
def test_the_essay_and_example_maps_evaluate_under_every_semantics(path: Path, semantics: str) -> None:
    m = argmap.load(path)
    result = evaluate(m, semantics)
    ids = {st.id for st in m.statements}
    if result.strengths is not None:
        assert set(result.strengths) == ids and all(0.0 <= v <= 1.0 for v in result.strengths.values())
        assert result.converged
    else:
        assert result.labels is not None and set(result.labels) == ids
        assert result.extensions and all(set(e) <= ids for e in result.extensions)
    assert m.main_claim is None or m.main_claim in ids


def test_the_users_are_the_product_objection_is_explained() -> None:
    m = argmap.load(ESSAY)
    objection = next(r for r in m.relations if r.type == "support" and "users-are-product" in r.premises).target
    e = explain(m, objection, lang="en")
    assert e.label == "OUT", e.text  # the author rebuts the critics' conclusion
    rebuttals = [r for r in m.relations if r.type == "attack" and r.target == objection]
    assert rebuttals and any(r.id in e.text for r in rebuttals)
    assert "stands (IN)" in e.text
    premise = explain(m, "users-are-product", lang="en")
    assert premise.label == "IN" and f"which is {e.label}" in premise.text
    assert objection in {st.id for st in premise.focus.statements}
    # the part keeps the map's titles: an English drawing of it is headed in English
    assert e.focus.title_in("en") == m.title_in("en") == "What is still social about social media?"
    assert e.focus.title_in("nl") == m.title


def test_explain_takes_a_plain_framework() -> None:
    fw = Framework(["a", "b", "c", "d", "e"], [("a", "b"), ("b", "c"), ("d", "e"), ("e", "d")], supports=[("a", "c")])
    assert explain(fw, "b").text == "b is OUT under grounded semantics: attacked by a (IN)."
    c = explain(fw, "c")
    assert c.label == "IN" and c.focus is None and c.ids == ["c", "b", "a"]
    assert explain(fw, "d").text == "d is UNDEC under grounded semantics: its attackers e are UNDEC."
    assert "in 1 of the 2 preferred extensions" in explain(fw, "d", "preferred").text
    g = explain(fw, "c", "dfquad")
    assert g.strength is not None and "attacked by b" in g.text and "supported by a" in g.text
    with pytest.raises(NotFoundError, match="unknown argument 'z'"):
        explain(fw, "z")
