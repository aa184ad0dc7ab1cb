"""arg-microtexts: the mapping on a small document, errors, and the whole corpus (224 files) with counts that match the XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

import argmap
from argmap.errors import FormatError
from argmap.formats.microtexts import parse_microtexts
from argmap.model import ArgumentMap

SMALL = """<?xml version='1.0' encoding='UTF-8'?>
<arggraph id="micro_t1" topic_id="pets" stance="pro">
  <edu id="e1"><![CDATA[Cats are good pets.]]></edu>
  <edu id="e2"><![CDATA[They purr,]]></edu>
  <edu id="e3"><![CDATA[for example when fed.]]></edu>
  <edu id="e4"><![CDATA[Some say they scratch.]]></edu>
  <edu id="e5"><![CDATA[But that is rare]]></edu>
  <edu id="e6"><![CDATA[and can be trained away.]]></edu>
  <adu id="a1" type="pro"/><adu id="a2" type="pro"/><adu id="a3" type="pro"/>
  <adu id="a4" type="opp"/><adu id="a5" type="pro"/><adu id="a6" type="pro"/>
  <edge id="s1" src="e1" trg="a1" type="seg"/><edge id="s2" src="e2" trg="a2" type="seg"/>
  <edge id="s3" src="e3" trg="a3" type="seg"/><edge id="s4" src="e4" trg="a4" type="seg"/>
  <edge id="s5" src="e5" trg="a5" type="seg"/><edge id="s6" src="e6" trg="a6" type="seg"/>
  <edge id="c1" src="a2" trg="a1" type="sup"/>
  <edge id="c2" src="a3" trg="a2" type="exa"/>
  <edge id="c3" src="a4" trg="a1" type="reb"/>
  <edge id="c4" src="a5" trg="c3" type="und"/>
  <edge id="c5" src="a6" trg="c4" type="add"/>
</arggraph>
"""


def test_mapping_of_every_edge_type() -> None:
    m = parse_microtexts(SMALL, filename="en/micro_t1.xml")
    rels = {r.id: (r.type, r.premises, r.target) for r in m.relations}
    assert rels == {
        "c1": ("support", ("a2",), "a1"),
        "c2": ("support", ("a3",), "a2"),
        "c3": ("attack", ("a4",), "a1"),
        "c4": ("undercut", ("a5", "a6"), "c3"),  # add: an extra, linked premise
    }
    assert m.statement("a3").kind == "evidence" and m.statement("a3").evidence_type == "example"
    assert m.main_claim == "a1"
    assert m.statement("a4").data == {"role": "opp"} and m.statement("a4").holder.label() == "opponents"
    assert m.statement("a1").data == {"role": "pro"} and m.statement("a1").holder.is_author
    assert m.language == "en" and m.metadata == {"corpus": "arg-microtexts", "topic_id": "pets", "stance": "pro"}


def test_edus_are_the_source_text_and_anchor_each_statement() -> None:
    m = parse_microtexts(SMALL)
    source = m.source("micro_t1")
    assert source.text is not None and source.text.startswith("Cats are good pets. They purr, for example")
    for st in m.statements:
        (anchor,) = st.anchors
        assert source.text[anchor.start : anchor.end] == st.text_in() == anchor.quote  # type: ignore[misc]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (('<edge id="c1" src="a2" trg="a1" type="sup"/>', '<edge id="c1" src="a2" trg="a1" type="zzz"/>'), "unknown edge type 'zzz'"),
        (('<adu id="a1" type="pro"/>', '<adu id="a1" type="maybe"/>'), "ADU type must be 'pro' or 'opp'"),
        (('trg="c3" type="und"', 'trg="a1" type="und"'), "an und edge targets"),
        (('trg="c4" type="add"', 'trg="a1" type="add"'), "an add edge joins"),
        (('<edge id="c1" src="a2" trg="a1" type="sup"/>', ""), "expected one central claim"),
        (("</arggraph>", "<x/></arggraph>"), "unknown element <x>"),
    ],
)
def test_errors(edit: tuple[str, str], expected: str) -> None:
    assert edit[0] in SMALL
    with pytest.raises(FormatError, match=expected):
        parse_microtexts(SMALL.replace(*edit), filename="t.xml")


def test_xml_syntax_error_has_line_and_column() -> None:
    with pytest.raises(FormatError) as info:
        parse_microtexts("<arggraph id='x'>\n  <edu id='e1'>text</adu>\n</arggraph>", filename="t.xml")
    assert (info.value.problems[0].file, info.value.problems[0].line) == ("t.xml", 2)


def test_entities_refused() -> None:
    with pytest.raises(FormatError, match="entities are not allowed"):
        parse_microtexts('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><arggraph id="a"/>')


def _xml_counts(path: Path) -> tuple[int, int, Counter[str], str]:
    """Count from the XML itself: ADUs, argumentative edges, edge types, and the ADU that is no edge's source."""
    root = ET.parse(path).getroot()
    adus = [a.get("id") for a in root.iter("adu")]
    edges = [e for e in root.iter("edge") if e.get("type") != "seg"]
    sources = {e.get("src") for e in edges}
    central = [a for a in adus if a not in sources]
    return len(adus), len([e for e in edges if e.get("type") != "add"]), Counter(e.get("type") for e in edges), str(central[0])


def test_whole_corpus_imports_validates_and_renders(shared_dir: Path) -> None:
    files = sorted((shared_dir / "corpora" / "microtexts" / "corpus").glob("*/*.xml"))
    assert len(files) == 224
    try:
        from argmap.render import render, to_dot
    except ImportError:  # pragma: no cover - the renderer is part of argmap; only a broken build lacks it
        render = to_dot = None  # type: ignore[assignment]
    for path in files:
        m = argmap.load(path)
        n_adus, n_relations, types, central = _xml_counts(path)
        assert len(m.statements) == n_adus, path
        assert len(m.relations) == n_relations, path
        kinds = Counter(str(r.data["microtexts"]) for r in m.relations)
        assert kinds == Counter({k: v for k, v in types.items() if k != "add"}), path
        # every add edge became one extra premise
        assert sum(len(r.premises) - 1 for r in m.relations) == types["add"], path
        assert sum(1 for s in m.statements if s.kind == "evidence") == len(
            {r.premises[0] for r in m.relations if r.data["microtexts"] == "exa"}
        )
        assert m.main_claim == central, path
        assert m.language == path.parent.name
        ArgumentMap.model_validate(m.model_dump())  # validates again from plain data
        if render is not None:
            svg = render(m, format="svg")
            assert svg.startswith(b"<?xml") or b"<svg" in svg[:500], path
            assert to_dot(m).source.count("->") >= len(m.relations)


_IMPLICIT = """<arggraph id="m">
  <edu id="e1">Cats are good pets.</edu>
  <edu id="e2" implicit="true">Animals that purr are good pets.</edu>
  <edu id="e3">They purr.</edu>
  <adu id="a1" type="pro"/><adu id="a2" type="pro"/><adu id="a3" type="pro"/>
  <edge id="c1" src="e1" trg="a1" type="seg"/><edge id="c2" src="e2" trg="a2" type="seg"/>
  <edge id="c3" src="e3" trg="a3" type="seg"/>
  <edge id="c4" src="a3" trg="a1" type="sup"/><edge id="c5" src="a2" trg="c4" type="add"/>
</arggraph>"""


def test_implicit_edu_is_an_implicit_statement_not_source_text() -> None:
    from argmap.formats.microtexts import parse_microtexts
    from argmap.formats.native import dump_json, dump_yaml, parse_json, parse_yaml

    m = parse_microtexts(_IMPLICIT)
    assert m.sources[0].text == "Cats are good pets. They purr."  # the author's words only
    a2 = m.statement("a2")
    assert a2.implicit and a2.text_in() == "Animals that purr are good pets." and a2.anchors == ()
    assert not m.statement("a1").implicit and m.statement("a3").anchors[0].quote == "They purr."
    assert m.relation("c4").premises == ("a3", "a2")
    # kept by the native writers; the default is not written
    assert parse_yaml(dump_yaml(m)).statement("a2").implicit
    assert parse_json(dump_json(m)).statement("a2").implicit
    assert dump_yaml(m).count("implicit") == 1


def test_ids_with_quotes_give_a_clean_error() -> None:
    from argmap.formats.microtexts import parse_microtexts

    with pytest.raises(FormatError, match="has no segment"):
        parse_microtexts("""<arggraph id="m"><edu id="e1">x</edu><adu id="a'1]" type="pro"/></arggraph>""")
