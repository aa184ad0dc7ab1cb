"""The essay's map is faithful: rejected views held by others and rebutted, key evidence typed, quotes verbatim."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import argmap
from argmap import ArgumentMap, Evidence
from argmap._text import normalize_space
from argmap.query import chains_to_main, disconnected, objections

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
        ("dotcom", "group", "dot-com investors", "iets voor hippies"),
        ("not-intended", "group", "organisations", "Dat was niet de bedoeling"),
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
        ("smartphone", "historical_fact", "komst van de smartphone"),
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
    assert undercut.type == "undercut" and undercut.premises == ("reality",)
    assert essay_map.statement("reality").anchors[0].quote == "Maar de werkelijkheid is anders."
    bearing = essay_map.relation(undercut.target)
    assert (bearing.type, bearing.premises, bearing.target) == ("attack", ("mission",), "work")
    assert _attackers(essay_map, "mission") == []
    assert essay_map.statement("mission").holder.is_author
    # what is forbidden and monitored at work is evidence for that sentence, not an undercut of its own
    assert [r.target for r in essay_map.relations if "blocked" in r.premises] == ["reality"]
    assert [r.id for r in essay_map.relations if r.type == "undercut"] == ["reality.mission"]


PILLARS = {"sharing-lost", "not-tools", "mentality", "hold-on"}


def _above(m: ArgumentMap, sid: str) -> set[str]:
    """Every statement ``sid`` bears on, through supports, attacks and undercuts (of the relation into a statement)."""
    seen: set[str] = set()
    todo = [sid]
    while todo:
        current = todo.pop()
        for rel in m.relations:
            if current in rel.premises:
                target = rel.target if m.has_statement(rel.target) else m.relation(rel.target).target
                if target not in seen:
                    seen.add(target)
                    todo.append(target)
    return seen


def _pillars(m: ArgumentMap, sid: str) -> set[str]:
    """The pillars (the statements right under the thesis) that ``sid`` bears on."""
    return _above(m, sid) & PILLARS


def test_every_statement_has_a_chain_to_the_thesis(essay_map: ArgumentMap) -> None:
    """Stronger than being connected: each statement bears on the thesis through some chain of relations."""
    without = [st.id for st in essay_map.statements if st.id != "thesis" and "thesis" not in _above(essay_map, st.id)]
    assert without == []
    # along supports and attacks alone, only what argues about the mission's bearing on work stays off the chains
    off = {st.id for st in essay_map.statements if st.id != "thesis" and not chains_to_main(essay_map, st.id)}
    assert off == {"reality", "blocked"}


def test_four_pillars_and_one_objection_under_the_thesis(essay_map: ArgumentMap) -> None:
    into = [r for r in essay_map.relations if r.target == "thesis"]
    assert {p for r in into if r.type == "support" for p in r.premises} == PILLARS
    assert [p for r in into if r.type == "attack" for p in r.premises] == ["lovink"]
    # each line of argument stays small enough for a slide
    for pillar in PILLARS:
        under = [st.id for st in essay_map.statements if pillar in _above(essay_map, st.id)]
        assert 4 <= len(under) <= 16, (pillar, len(under))
    assert len(essay_map.statements) <= 55


@pytest.mark.parametrize(
    "sid",
    [
        "web20-partly",
        "afraid",
        "advisers",
        "stat-71",
        "work",
        "blocked",
        "business-risk",
        "agencies",
        "business-as-usual",
        "twitter-ads",
        "hashtag-spam",
        "tools-over-relations",
    ],
)
def test_the_evidence_about_organisations_bears_on_their_mentality(essay_map: ArgumentMap, sid: str) -> None:
    """'Niet zozeer bij de gewone gebruiker ..., maar bij de organisaties': what organisations do is under `mentality`."""
    assert _pillars(essay_map, sid) == {"mentality"}


def test_the_platforms_line_is_about_the_platforms(essay_map: ArgumentMap) -> None:
    under = {st.id for st in essay_map.statements if st.id != "sharing-lost" and _pillars(essay_map, st.id) == {"sharing-lost"}}
    assert {"instagram-twitter", "users-lose", "content-grab", "boxes", "critics-product"} <= under
    assert not under & {"stat-71", "advisers", "afraid", "business-as-usual", "web20-partly"}
    assert "lijken" in essay_map.statement("sharing-lost").text["nl"]
    # anchored on the assertion ("dan lijkt dat verleden tijd"), not on the rhetorical question before it
    assert [a.quote.endswith("lijkt dat verleden tijd.") for a in essay_map.statement("sharing-lost").anchors] == [True]


def test_lovink_is_a_view_the_author_rejects_against_the_thesis(essay_map: ArgumentMap) -> None:
    st = essay_map.statement("lovink")
    assert not isinstance(st, Evidence) and st.kind == "claim"
    assert (st.holder.kind, st.holder.name) == ("person", "Geert Lovink")
    assert [r.target for r in essay_map.relations if r.type == "attack" and "lovink" in r.premises] == ["thesis"]
    (objection,) = [o for o in objections(essay_map, "thesis") if o.statement == "lovink"]
    assert objection.answered and objection.answered_by == ("connected-organisation",)
    answer = essay_map.statement("connected-organisation")
    quotes = [a.quote for a in answer.anchors]
    assert "In die gedachte wil ik niet met hem mee gaan." in quotes
    assert any("waarbij technologie faciliteert en mensen het verschil maken" in q for q in quotes)
    assert answer.holder.is_author and "Lovink" in answer.text["nl"] and "Lovink" in answer.text["en"]


def test_the_failed_expectations_count_against_holding_on(essay_map: ArgumentMap) -> None:
    """'Die verwachtingen zijn niet uitgekomen. Toch blijf ik bijna tegen beter weten ... vasthouden.'"""
    against = [r for r in essay_map.relations if r.type == "attack" and r.target == "hold-on"]
    failed = [r for r in against if "expectations-failed" in r.premises]
    assert len(failed) == 1 and set(failed[0].premises) == {"crisis", "expectations-failed"}
    # nothing that failed is a reason for holding on; people and the second chance are
    reasons = {p for r in essay_map.relations if r.type == "support" and r.target == "hold-on" for p in r.premises}
    assert reasons == {"keep-social", "second-chance"}
    assert _pillars(essay_map, "social-beings") == {"hold-on"}
    assert essay_map.relation("social-beings.keep-social").target == "keep-social"
    assert "heertje" in {p for r in essay_map.relations if r.target == "crisis" for p in r.premises}


def test_the_history_line_keeps_the_technology(essay_map: ArgumentMap) -> None:
    """The networks arose 'onvermijdelijk door een veelvoud aan technologische ontwikkelingen', despite the investors."""
    dotcom = essay_map.statement("dotcom")
    assert dotcom.kind == "claim" and "rejected" in dotcom.tags
    assert _attackers(essay_map, "dotcom") == ["networks"]
    networks = essay_map.statement("networks")
    assert "onvermijdelijk" in networks.text["nl"] and "technologische" in networks.text["nl"]
    assert "inevitable" in networks.text["en"] and "technological" in networks.text["en"]
    assert [r.target for r in essay_map.relations if "networks" in r.premises] == ["dotcom"]
    smartphone = essay_map.statement("smartphone")
    assert any("officiële begin van sociale media" in a.quote for a in smartphone.anchors)


@pytest.mark.parametrize(
    ("sid", "words"),
    [
        ("content-grab", ["pech"]),
        ("mentality", ["niet zozeer"]),
        ("hold-on", ["bijna tegen beter weten", "iets van", "niet vanwege de technologie"]),
        ("boxes", ["willen"]),
        ("sharing-lost", ["lijken"]),
        ("afraid", ["lijken"]),
        ("history-repeats", ["Misschien"]),
        ("business-as-usual", ["Als we niet uitkijken"]),
        ("not-so-simple", ["mijns inziens"]),
        ("mission", ["vast"]),
        ("we-dont-mind", ["lijken"]),
    ],
)
def test_the_authors_hedges_are_kept(essay_map: ArgumentMap, sid: str, words: list[str]) -> None:
    text = essay_map.statement(sid).text["nl"]
    assert all(w in text for w in words), (sid, text)


@pytest.mark.parametrize(
    ("sid", "quote"),
    [
        ("we-dont-mind", "Het gekke is dat we hun asociale gedrag niet eens echt erg lijken te vinden."),
        ("hold-on", "Niet vanwege de technologie, verre van dat."),
        ("smartphone", "Dat moment wordt veelal gezien als het officiële begin van sociale media."),
        ("not-intended", "Dat was niet de bedoeling."),
        ("own-intention", "Wat mij betreft was en is dat nog altijd de bedoeling"),
        ("keep-social", "Dat ik geen afstand wil doen van de term \u2018social\u2019 is omdat mensen sociale wezens zijn."),
        ("reality", "Maar de werkelijkheid is anders."),
    ],
)
def test_the_essays_claims_are_all_there(essay_map: ArgumentMap, sid: str, quote: str) -> None:
    assert quote in [a.quote for a in essay_map.statement(sid).anchors]


def test_the_ironic_not_intended_is_answered_by_the_authors_own_intention(essay_map: ArgumentMap) -> None:
    assert _attackers(essay_map, "not-intended") == ["own-intention"]
    assert [r.target for r in essay_map.relations if "not-intended" in r.premises] == ["hold-on"]


def test_schemes_only_where_the_text_reasons_so(essay_map: ArgumentMap) -> None:
    schemes = {r.id: r.scheme for r in essay_map.relations if r.scheme}
    assert schemes == {
        "instagram-twitter.sharing-lost": "Argument from Example",  # "Als je kijkt naar ..."
        "crm.not-tools": "Argument from Analogy",  # "Zoals CRM ... zorgen sociale media niet"
        "advisers.afraid": "Argument from Sign",  # "beschouw ik als een teken aan de wand"
        "means-at-hand.social-beings": "Argument from Example",  # "Vroeger was dat het kampvuur ..."
    }
    assert essay_map.statement("hashtag-spam").evidence_type == "example"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_statement_has_a_short_title(essay_map: ArgumentMap, lang: str) -> None:
    for st in essay_map.statements:
        title = st.title.get(lang)
        assert title, f"{st.id} has no title in {lang}"
        assert len(title.split()) <= 5 and len(title) <= 32, (st.id, title)
    titles = [st.title[lang] for st in essay_map.statements]
    assert len(set(titles)) == len(titles), "two statements share a title"


# Openings that lean on the sentence before ("I do not dispute that.", "Those expectations ...").
_LEANING = ("Dat ", "Die ", "Deze ", "Daar", "Ook daar", "That ", "Those ", "This ", "These ", "There, too")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_label_is_a_sentence_that_stands_alone(essay_map: ArgumentMap, lang: str) -> None:
    for st in essay_map.statements:
        text = st.text[lang]
        assert text[0].isupper() or text[0].isdigit(), (st.id, text)
        assert text.endswith((".", "?", "!")), (st.id, text)
        assert len(text.split()) >= 5, (st.id, text)
        assert not text.startswith(_LEANING), (st.id, text)
    assert not re.search(r"\boven\b", " ".join(st.text[lang] for st in essay_map.statements))  # the dropped metaphor
