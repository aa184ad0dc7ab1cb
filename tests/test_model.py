"""Every rule of the model: each invariant gives its exact message at its exact field path."""

from __future__ import annotations

from typing import Any

import pydantic
import pytest

from argmap import ArgumentMap, InvalidMapError, NotFoundError
from argmap._validate import validate_map
from argmap.model import MAX_TEXT, Holder, relation_from, statement_from

NBSP = "\u00a0"


def problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    """The (path, message) of every problem validate_map finds; fails the test when the map is valid."""
    with pytest.raises(InvalidMapError) as info:
        validate_map(data)
    return [(p.path, p.message) for p in info.value.problems]


def claim(id: str = "c1", text: str = "A claim.", **fields: Any) -> dict[str, Any]:  # noqa: A002
    return {"id": id, "claim": text, **fields}


def two(**relation: Any) -> dict[str, Any]:
    """A map of claims c1, c2 and one relation."""
    return {"statements": [claim("c1"), claim("c2")], "relations": [relation]}


# ------------------------------------------------------------------------------------------ texts


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ({}, "needs text in at least one language, e.g. {'en': '...'}"),
        ({"EN": "x"}, "'EN' is not a language code (use ISO 639 codes such as 'nl' or 'en')"),
        ({"en": " \u00a0 "}, "text in 'en' is empty"),
        ({"en": "x" * (MAX_TEXT + 1)}, f"text in 'en' has {MAX_TEXT + 1} characters; the limit is {MAX_TEXT}"),
    ],
)
def test_text_rules(text: dict[str, str], message: str) -> None:
    assert problems({"statements": [{"id": "c1", "text": text}]}) == [("statements[0].text", message)]


def test_bare_text_is_in_the_map_language() -> None:
    m = validate_map({"language": "nl", "statements": [claim(text="Hallo"), {"id": "c2", "text": "Dag"}]})
    assert m.statement("c1").text == {"nl": "Hallo"}
    assert m.statement("c2").text == {"nl": "Dag"}
    assert m.text_of("c1") == "Hallo" and m.text_of("c1", "en") == "Hallo"  # falls back


def test_map_language_must_be_a_code() -> None:
    assert ("language", "'English' is not a language code (use ISO 639 codes such as 'nl' or 'en')") in problems(
        {"language": "English", "statements": [claim()]}
    )


# ------------------------------------------------------------------------------------ ids and tags


def test_id_pattern() -> None:
    assert problems({"statements": [claim("c 1")]}) == [
        ("statements[0].id", "'c 1' is not a valid id: use letters, digits, '_', '.', ':' or '-' (no spaces), at most 128 characters")
    ]


def test_tag_rules() -> None:
    assert problems({"statements": [claim(tags=["ok", ""])]}) == [("statements[0].tags", "tag '' must be 1 to 100 characters")]
    assert validate_map({"statements": [claim(tags="one")]}).statement("c1").tags == ("one",)


def test_unknown_fields_are_refused() -> None:
    assert problems({"statements": [claim()], "bogus": 1}) == [("bogus", "Extra inputs are not permitted")]
    assert problems({"statements": [claim(colour="red")]}) == [("statements[0].colour", "Extra inputs are not permitted")]


def test_unknown_kind_and_evidence_type() -> None:
    assert problems({"statements": [{"id": "c1", "kind": "opinion", "text": "x"}]}) == [
        ("statements[0]", "Input tag 'opinion' found using 'kind' does not match any of the expected tags: 'claim', 'evidence'")
    ]
    assert problems({"statements": [{"id": "e1", "evidence": "x", "evidence_type": "anecdote"}]}) == [
        (
            "statements[0].evidence_type",
            "Input should be 'statistic', 'example', 'quote', 'testimony', 'analogy', 'historical_fact' or 'other'",
        )
    ]


def test_duplicate_ids_across_statements_and_relations() -> None:
    data = {
        "statements": [claim("c1"), claim("c2"), claim("c1")],
        "relations": [{"id": "c2", "support": "c1", "target": "c2"}],
    }
    assert problems(data) == [
        ("statements[2].id", "duplicate id 'c1' (first used at statements[0])"),
        ("relations[0].id", "duplicate id 'c2' (first used at statements[1])"),
    ]


def test_duplicate_source_ids() -> None:
    assert problems({"sources": [{"id": "s1"}, {"id": "s1"}], "statements": [claim()]}) == [("sources[1].id", "duplicate source id 's1'")]


# ---------------------------------------------------------------------------------------- holders


def test_holder_short_forms() -> None:
    assert Holder.model_validate("critics") == Holder(kind="group", name="critics")
    assert Holder.model_validate("Geert Lovink") == Holder(kind="person", name="Geert Lovink")
    assert Holder.model_validate("author").is_author
    assert Holder(kind="group").name == "others"
    assert Holder.model_validate("tegenstanders").label() == "tegenstanders"


def test_person_holder_needs_a_name() -> None:
    assert problems({"statements": [claim(holder={"kind": "person"})]}) == [("statements[0].holder", "a person holder needs a name")]


# -------------------------------------------------------------------------------------- relations


def test_relation_short_forms_and_automatic_ids() -> None:
    m = validate_map(
        {
            "statements": [claim("c1"), claim("c2"), claim("c3")],
            "relations": [
                {"support": ["c2", "c3"], "target": "c1"},
                {"id": "r1", "attack": "c3", "target": "c2"},
                {"attack": "c1", "target": "c3"},
            ],
        }
    )
    assert [(r.id, r.type, r.premises) for r in m.relations] == [
        ("r2", "support", ("c2", "c3")),  # r1 is taken by the second relation
        ("r1", "attack", ("c3",)),
        ("r3", "attack", ("c1",)),
    ]
    assert m.relation("r2").is_linked and not m.relation("r1").is_linked


def test_premises_rules() -> None:
    assert problems(two(support=["c2", "c2"], target="c1")) == [("relations[0].premises", "premise 'c2' is listed twice")]
    assert problems(two(support=[], target="c1")) == [
        ("relations[0].premises", "Tuple should have at least 1 item after validation, not 0")
    ]


def test_unknown_premise_and_target() -> None:
    assert problems(two(support=["c2", "c9"], target="c1")) == [("relations[0].premises[1]", "unknown statement 'c9'")]
    assert problems(two(attack="c2", target="c9")) == [("relations[0].target", "unknown statement 'c9'")]


def test_a_relation_is_no_premise() -> None:
    data = {
        "statements": [claim("c1"), claim("c2")],
        "relations": [{"id": "r1", "support": "c2", "target": "c1"}, {"id": "r2", "attack": "r1", "target": "c2"}],
    }
    assert problems(data) == [("relations[1].premises[0]", "'r1' is a relation; premises must be statements")]


def test_support_and_attack_target_statements() -> None:
    data = {
        "statements": [claim("c1"), claim("c2"), claim("c3")],
        "relations": [{"id": "r1", "support": "c2", "target": "c1"}, {"id": "r2", "attack": "c3", "target": "r1"}],
    }
    assert problems(data) == [("relations[1].target", "unknown statement 'r1' ('r1' is a relation; use an undercut)")]


def test_undercut_targets_a_relation() -> None:
    base = {"statements": [claim("c1"), claim("c2"), claim("c3")], "relations": [{"id": "r1", "support": "c2", "target": "c1"}]}
    on_statement = {**base, "relations": [*base["relations"], {"id": "u", "undercut": "c3", "target": "c1"}]}
    assert problems(on_statement) == [
        ("relations[1].target", "unknown relation 'c1' (a statement; an undercut targets a relation, use attack)")
    ]
    unknown = {**base, "relations": [*base["relations"], {"id": "u", "undercut": "c3", "target": "r9"}]}
    assert problems(unknown) == [("relations[1].target", "unknown relation 'r9'")]
    itself = {**base, "relations": [*base["relations"], {"id": "u", "undercut": "c3", "target": "u"}]}
    assert problems(itself) == [("relations[1].target", "undercut 'u' cannot target itself")]
    ok = validate_map({**base, "relations": [*base["relations"], {"id": "u", "undercut": "c3", "target": "r1"}]})
    assert ok.relation("u").target == "r1"


def test_preference_may_name_relations() -> None:
    data = {
        "statements": [claim("c1"), claim("c2"), claim("c3")],
        "relations": [
            {"id": "r1", "support": "c2", "target": "c1"},
            {"id": "r2", "attack": "c3", "target": "c1"},
            {"id": "p", "preference": "r1", "target": "r2"},
        ],
    }
    assert validate_map(data).relation("p").premises == ("r1",)
    data["relations"][2] = {"id": "p", "preference": "r1", "target": "zz"}
    assert problems(data) == [("relations[2].target", "unknown statement or relation 'zz'")]


def test_target_is_not_a_premise() -> None:
    assert problems(two(support=["c2", "c1"], target="c1")) == [("relations[0].target", "'c1' is both a premise and the target")]


def test_strength_is_in_unit_interval() -> None:
    assert problems(two(support="c2", target="c1", strength=1.5)) == [("relations[0].strength", "Input should be less than or equal to 1")]


# ------------------------------------------------------------------------------------- main claim


def test_main_claim_exists_and_is_a_claim() -> None:
    assert problems({"main_claim": "c9", "statements": [claim()]}) == [("main_claim", "unknown statement 'c9'")]
    assert problems({"main_claim": "e1", "statements": [{"id": "e1", "evidence": "x"}]}) == [
        ("main_claim", "'e1' is evidence, not a claim")
    ]


# ---------------------------------------------------------------------------------------- anchors

SOURCE_TEXT = f"Hij zei: “Sociale media zijn niet\nvanzelf sociaal.” Dat is 68{NBSP}% waar."


def anchored(**anchor: Any) -> dict[str, Any]:
    return {"sources": [{"id": "s1", "language": "nl", "text": SOURCE_TEXT}], "statements": [claim(anchors=[{"source": "s1", **anchor}])]}


def test_anchor_offsets_are_computed_into_the_original_text() -> None:
    m = validate_map(anchored(quote="“Sociale media zijn niet vanzelf sociaal.”"))
    a = m.statement("c1").anchors[0]
    assert SOURCE_TEXT[a.start : a.end] == "“Sociale media zijn niet\nvanzelf sociaal.”"


def test_anchor_quote_matches_across_nbsp() -> None:
    a = validate_map(anchored(quote="68 % waar")).statement("c1").anchors[0]
    assert SOURCE_TEXT[a.start : a.end] == f"68{NBSP}% waar"


def test_anchor_with_right_offsets() -> None:
    start = SOURCE_TEXT.index("Dat")
    m = validate_map(anchored(quote="Dat is", start=start, end=start + 6))
    assert m.statement("c1").anchors[0].start == start


def test_anchor_with_wrong_offsets_says_where_the_quote_is() -> None:
    start = SOURCE_TEXT.index("Dat")
    assert problems(anchored(quote="Dat is", start=0, end=6)) == [
        ("statements[0].anchors[0]", f"offsets 0-6 do not hold the quote; the quote is at {start}-{start + 6}")
    ]


def test_anchor_quote_not_in_source() -> None:
    assert problems(anchored(quote="Twitter")) == [("statements[0].anchors[0].quote", "not found in source 's1': 'Twitter'")]


def test_anchor_unknown_source() -> None:
    data = anchored(quote="Dat")
    data["statements"][0]["anchors"][0]["source"] = "s9"
    assert problems(data) == [("statements[0].anchors[0].source", "unknown source 's9'")]


def test_anchor_offsets_come_in_pairs() -> None:
    assert problems(anchored(quote="Dat", start=3)) == [("statements[0].anchors[0]", "give both start and end, or neither")]
    assert problems(anchored(quote="Dat", start=3, end=2)) == [("statements[0].anchors[0]", "end (2) must be greater than start (3)")]


def test_anchor_without_source_text_is_not_checked() -> None:
    m = validate_map({"sources": [{"id": "s1"}], "statements": [claim(anchors=[{"source": "s1", "quote": "anything"}])]})
    assert m.statement("c1").anchors[0].start is None


# ------------------------------------------------------------------------------- the whole map


def test_every_problem_is_listed_not_only_the_first() -> None:
    data = {
        "main_claim": "zz",
        "statements": [claim("c1"), claim("c1")],
        "relations": [{"support": "c9", "target": "c8"}],
    }
    assert problems(data) == [
        ("statements[1].id", "duplicate id 'c1' (first used at statements[0])"),
        ("relations[0].premises[0]", "unknown statement 'c9'"),
        ("relations[0].target", "unknown statement 'c8'"),
        ("main_claim", "unknown statement 'zz'"),
    ]


def test_model_validate_raises_pydantic_validation_error() -> None:
    with pytest.raises(pydantic.ValidationError, match=r"relations\[0\]\.target: unknown statement 'c9'"):
        ArgumentMap.model_validate(two(support="c2", target="c9"))


def test_lookups() -> None:
    m = validate_map(two(id="r1", support="c2", target="c1"))
    assert m.statement("c1").kind == "claim" and m.relation("r1").type == "support"
    assert "c1" in m and "r1" in m and "zz" not in m
    assert m.has_statement("c1") and not m.has_statement("r1") and m.has_relation("r1")
    for lookup, what in ((m.statement, "statement"), (m.relation, "relation"), (m.source, "source")):
        with pytest.raises(NotFoundError, match=f"unknown {what} 'zz'") as info:
            lookup("zz")
        assert info.value.id == "zz"


def test_models_are_frozen() -> None:
    m = validate_map({"statements": [claim()]})
    with pytest.raises(pydantic.ValidationError, match="frozen"):
        m.title = "x"  # type: ignore[misc]
    with pytest.raises(pydantic.ValidationError, match="frozen"):
        m.statement("c1").id = "c2"  # type: ignore[misc]


def test_languages_default_first() -> None:
    m = validate_map({"language": "nl", "statements": [{"id": "c1", "text": {"en": "Hi", "de": "Hallo"}}]})
    assert m.languages == ["nl", "en", "de"]
    assert m.statement("c1").text_in("fr", fallback="de") == "Hallo"


def test_single_statement_and_relation_helpers() -> None:
    assert statement_from({"id": "e1", "evidence": "Tekst", "evidence_type": "statistic"}, "nl").text == {"nl": "Tekst"}
    rel = relation_from({"attack": "a", "target": "b"}, default_id="r7")
    assert (rel.id, rel.type, rel.premises) == ("r7", "attack", ("a",))


def test_a_language_key_with_a_trailing_newline_is_not_a_language() -> None:
    # re.match with '$' also matches before a final newline; the fast JSON path (Rust regex) already refused it.
    with pytest.raises(pydantic.ValidationError, match="is not a language code"):
        ArgumentMap.model_validate({"language": "nl", "statements": [{"id": "a", "kind": "claim", "text": {"en\n": "x"}}]})
