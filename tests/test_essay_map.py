"""The essay's map is faithful: rejected views held by others and rebutted, key evidence typed, quotes verbatim."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap import ArgumentMap, Evidence
from argmap._text import normalize_space
from argmap.query import disconnected

HERE = Path(__file__).resolve().parents[1] / "examples" / "social_media"
MAP_PATH = HERE / "social-media.argmap.yaml"
DUTCH = HERE / "social-media.nl.txt"
ENGLISH = HERE / "social-media.en.txt"


@pytest.fixture(scope="module")
def essay_map() -> ArgumentMap:
    return argmap.load(MAP_PATH)


@pytest.fixture(scope="module")
def dutch() -> str:
    return DUTCH.read_text(encoding="utf-8")


def _folded(text: str) -> str:
    return normalize_space(text)


def test_the_source_is_the_dutch_text_beside_the_map(essay_map: ArgumentMap, dutch: str) -> None:
    assert essay_map.language == "nl"
    (source,) = essay_map.sources
    assert source.file == "social-media.nl.txt"
    assert source.language == "nl"
    assert source.text == dutch
    assert essay_map.title == "Wat is er nog sociaal aan social media?"
    # the copies keep the original's typography (curly quotes, non-breaking spaces)
    assert "\u2018Social media\u2019" in dutch and "\u00a0" in dutch
    assert "Geert Lovink" in ENGLISH.read_text(encoding="utf-8")


def test_main_thesis_is_the_authors_claim(essay_map: ArgumentMap) -> None:
    assert essay_map.main_claim == "thesis"
    thesis = essay_map.statement("thesis")
    assert thesis.kind == "claim" and thesis.holder.is_author
    assert "mensen" in thesis.text["nl"] and "people" in thesis.text["en"]


def _attackers(m: ArgumentMap, target: str) -> list[str]:
    return [p for r in m.relations if r.type == "attack" and r.target == target for p in r.premises]


@pytest.mark.parametrize(
    ("view", "kind", "holder", "words"),
    [
        ("critics-product", "group", "critics", "niks te klagen"),
        ("lovink", "person", "Geert Lovink", "Connect persons to data objects to persons"),
    ],
)
def test_rejected_views_are_held_by_others_and_rebutted_by_the_author(
    essay_map: ArgumentMap, view: str, kind: str, holder: str, words: str
) -> None:
    st = essay_map.statement(view)
    assert st.holder.kind == kind and st.holder.name == holder
    assert any(words in a.quote for a in st.anchors)
    rebuttals = _attackers(essay_map, view)
    assert rebuttals, f"nobody answers {view}"
    assert all(essay_map.statement(r).holder.is_author for r in rebuttals)
    # and the view itself bears against one of the author's own statements
    targets = [r.target for r in essay_map.relations if r.type == "attack" and view in r.premises]
    assert targets and all(essay_map.statement(t).holder.is_author for t in targets)


def test_lovink_is_a_quote(essay_map: ArgumentMap) -> None:
    st = essay_map.statement("lovink")
    assert isinstance(st, Evidence) and st.evidence_type == "quote"


def test_critics_reasons_are_linked_and_the_money_point_is_conceded(essay_map: ArgumentMap) -> None:
    reasons = [r for r in essay_map.relations if r.type == "support" and r.target == "critics-product"]
    assert len(reasons) == 1 and reasons[0].is_linked
    assert set(reasons[0].premises) == {"users-are-product", "platforms-must-earn"}
    for premise in reasons[0].premises:
        assert essay_map.statement(premise).holder.name == "critics"
    # the author grants the money premise ("Dat bestrijd ik niet") ...
    concessions = [r for r in essay_map.relations if r.type == "support" and r.target == "platforms-must-earn"]
    assert [p for r in concessions for p in r.premises] == ["concede-money"]
    assert essay_map.statement("concede-money").holder.is_author
    assert essay_map.statement("concede-money").anchors[0].quote == "Dat bestrijd ik niet"
    # ... and rebuts the conclusion, not the premise
    assert _attackers(essay_map, "critics-product") == ["not-so-simple"]
    assert _attackers(essay_map, "platforms-must-earn") == []
    assert "zo simpel" in essay_map.statement("not-so-simple").anchors[0].quote


@pytest.mark.parametrize(
    ("sid", "etype", "words"),
    [
        ("stat-71", "statistic", "71% van de bedrijven"),
        ("instagram-twitter", "example", "strijd tussen Instagram en Twitter"),
        ("crm", "analogy", "Zoals CRM niet automatisch leidde"),
        ("heertje", "testimony", "Arnold Heertje omschreef dat in 2009"),
        ("groupware", "historical_fact", "jaren \u201980 al voor \u2018groupware\u2019"),
        ("dotcom", "historical_fact", "investeerden in nerds"),
        ("means-at-hand", "example", "het kampvuur, de postduif, een rooksignaal"),
    ],
)
def test_key_evidence_has_the_right_type(essay_map: ArgumentMap, sid: str, etype: str, words: str) -> None:
    st = essay_map.statement(sid)
    assert isinstance(st, Evidence)
    assert st.evidence_type == etype
    assert any(words in _folded(a.quote) for a in st.anchors)


def test_every_quote_is_verbatim_and_its_offsets_slice_it_back(essay_map: ArgumentMap, dutch: str) -> None:
    folded_text = _folded(dutch)
    checked = 0
    for st in essay_map.statements:
        for anchor in st.anchors:
            assert anchor.source == "essay"
            assert _folded(anchor.quote) in folded_text, f"{st.id}: quote not in the Dutch text"
            assert anchor.start is not None and anchor.end is not None
            assert _folded(dutch[anchor.start : anchor.end]) == _folded(anchor.quote), st.id
            checked += 1
    assert checked >= 40


def test_offsets_are_written_in_the_file_and_checked_by_the_model(tmp_path: Path) -> None:
    text = MAP_PATH.read_text(encoding="utf-8")
    assert text.count("start:") >= 40
    shifted = text.replace("end: 7188\n", "end: 7187\n", 1)  # the Lovink quote, one character short
    assert shifted != text
    (tmp_path / DUTCH.name).write_bytes(DUTCH.read_bytes())
    (tmp_path / MAP_PATH.name).write_text(shifted, encoding="utf-8")
    with pytest.raises(argmap.InvalidMapError, match=r"offsets 7118-7187 do not hold the quote; the quote is at 7118-7188"):
        argmap.load(tmp_path / MAP_PATH.name)


def test_every_evidence_statement_and_rejected_view_is_anchored(essay_map: ArgumentMap) -> None:
    for st in essay_map.statements:
        if st.kind == "evidence" or not st.holder.is_author:
            assert st.anchors, f"{st.id} has no anchor in the essay"


def test_no_statement_is_cut_off_from_the_main_thesis(essay_map: ArgumentMap) -> None:
    assert disconnected(essay_map) == []


def test_every_statement_speaks_dutch_and_english(essay_map: ArgumentMap) -> None:
    for st in essay_map.statements:
        assert set(st.text) == {"nl", "en"}, st.id
        assert st.text["nl"] != st.text["en"] or st.id == "lovink", st.id


def test_each_line_of_argument_is_mapped(essay_map: ArgumentMap) -> None:
    lines = {"sharing", "history", "where-social", "web20", "social-beings", "work", "outlook-2013"}
    tagged = {tag for st in essay_map.statements for tag in st.tags}
    assert lines <= tagged
    for line in lines:
        members = [st for st in essay_map.statements if line in st.tags]
        assert len(members) >= 2, line


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_gallery_shows_the_maps_current_labels(essay_map: ArgumentMap, lang: str) -> None:
    """The docs' full-map SVGs are re-rendered when a label changes (docs/gallery.md says how)."""
    import html
    import re

    svg = (HERE.parents[1] / "docs" / "gallery" / "essay" / f"social-media.{lang}.svg").read_text(encoding="utf-8")
    drawn = re.sub(r"\s+", "", "".join(html.unescape(t) for t in re.findall(r">([^<>]+)<", svg)))
    stale = [st.id for st in essay_map.statements if re.sub(r"\s+", "", st.text[lang]) not in drawn]
    assert stale == [], f"docs/gallery/essay/social-media.{lang}.svg is out of date for {stale}"


def test_the_granted_mission_is_undercut_not_denied(essay_map: ArgumentMap) -> None:
    """'Daar ligt vast ook een missie ... Maar de werkelijkheid is anders': the step is denied, not the mission."""
    undercut = essay_map.relation("reality.mission")
    assert undercut.type == "undercut" and undercut.premises == ("blocked",)
    bearing = essay_map.relation(undercut.target)
    assert (bearing.type, bearing.premises, bearing.target) == ("attack", ("mission",), "work")
    assert _attackers(essay_map, "mission") == []
    assert essay_map.statement("mission").holder.is_author


def test_every_statement_has_a_chain_to_the_thesis(essay_map: ArgumentMap) -> None:
    """Stronger than being connected: each statement bears on the thesis through some chain of relations."""
    from argmap.query import chains_to_main

    without = [st.id for st in essay_map.statements if st.id != "thesis" and not chains_to_main(essay_map, st.id)]
    assert without == []
