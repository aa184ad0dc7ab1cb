"""Building maps in code and pure edits: each returns a new validated map and leaves its input alone."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap import MapBuilder
from argmap.edit import (
    add_relation,
    add_source,
    add_statement,
    remove_relation,
    remove_statement,
    set_main_claim,
    update_relation,
    update_statement,
)
from argmap.errors import ArgmapError, InvalidMapError, NotFoundError

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "example.argmap.yaml"
NBSP = "\u00a0"


@pytest.fixture
def m() -> argmap.ArgumentMap:
    return argmap.load(EXAMPLE)


def test_builder_expresses_what_real_maps_hold() -> None:
    """Linked argument, undercut of a support, critics' objection and its rebuttal, a Dutch source with NBSP."""
    b = MapBuilder(title="Sociale media", language="nl")
    b.source("essay", text=f"Sociale media zijn niet vanzelf{NBSP}sociaal.", language="nl")
    main = b.claim("Sociale media zijn niet vanzelf sociaal.", main=True)
    p1, p2 = b.claim("Platforms verdienen aan aandacht."), b.claim("Aandacht is geen gemeenschap.")
    linked = b.support([p1, p2], main)
    quote = b.evidence("Citaat uit het essay", type="quote", quote="niet vanzelf sociaal")
    support = b.support(quote, main)
    b.undercut(b.claim("Het citaat staat buiten zijn context."), support)
    objection = b.claim("Mensen vinden elkaar online wel.", holder="critics")
    b.attack(objection, main)
    rebuttal = b.attack(b.claim("Vinden is nog geen samenleven."), objection)
    m = b.build()
    assert m.main_claim == main and m.relation(linked).premises == (p1, p2)
    assert m.statement(objection).holder.label() == "critics"
    assert m.statement(m.relation(rebuttal).premises[0]).holder.is_author
    assert m.relation(rebuttal).target == objection
    anchor = m.statement(quote).anchors[0]
    assert m.source("essay").text[anchor.start : anchor.end] == f"niet vanzelf{NBSP}sociaal"  # type: ignore[index]


def test_builder_errors() -> None:
    b = MapBuilder()
    b.claim("A", id="a")
    with pytest.raises(ArgmapError, match="id 'a' is already used in this map"):
        b.claim("B", id="a")
    with pytest.raises(ArgmapError, match=r"a quote needs source=\.\.\. when the map has no single source"):
        b.evidence("E", quote="x")
    b.support("zz", "a")
    with pytest.raises(InvalidMapError, match=r"relations\[0\]\.premises\[0\]: unknown statement 'zz'"):
        b.build()


def test_add_statement_and_relation(m: argmap.ArgumentMap) -> None:
    m2 = add_statement(m, {"id": "e9", "evidence": "Nieuw bewijs", "evidence_type": "statistic"})
    m3 = add_relation(m2, {"support": "e9", "target": "c2"})
    new = m3.relations[-1]
    assert (new.type, new.premises, new.target) == ("support", ("e9",), "c2")
    assert not m.has_statement("e9") and len(m.relations) == 10  # the input is untouched
    with pytest.raises(InvalidMapError, match=r"relations\[10\]\.premises\[0\]: unknown statement 'c9'"):
        add_relation(m, {"support": "c9", "target": "c1"})
    with pytest.raises(InvalidMapError, match="duplicate id 'c1'"):
        add_statement(m, {"id": "c1", "claim": "again"})


def test_update_statement(m: argmap.ArgumentMap) -> None:
    m2 = update_statement(m, "c2", text={"nl": "Anders", "en": "Otherwise"}, holder={"kind": "person", "name": "Piet"})
    assert m2.text_of("c2", "en") == "Otherwise" and m2.statement("c2").holder.label() == "Piet"
    assert update_statement(m, "e1", kind="claim").statement("e1").kind == "claim"
    with pytest.raises(ArgmapError, match="statement 'c2': the id cannot be changed"):
        update_statement(m, "c2", id="c22")
    with pytest.raises(NotFoundError, match="unknown statement 'zz'"):
        update_statement(m, "zz", note="x")


def test_update_relation(m: argmap.ArgumentMap) -> None:
    assert update_relation(m, "r2", strength=0.9).relation("r2").strength == 0.9
    with pytest.raises(ArgmapError, match="relation 'r2': the id cannot be changed"):
        update_relation(m, "r2", id="r99")
    with pytest.raises(InvalidMapError, match=r"relations\[1\]\.strength: Input should be less than or equal to 1"):
        update_relation(m, "r2", strength=2)


def test_remove_statement(m: argmap.ArgumentMap) -> None:
    with pytest.raises(ArgmapError, match=r"statement 'c2' is used by relation\(s\) r1, r2; remove them first or cascade"):
        remove_statement(m, "c2")
    m2 = remove_statement(m, "c3", cascade=True)
    assert not m2.has_statement("c3")
    assert m2.relation("r3").premises == ("c4",)  # the linked argument keeps its other premise
    assert not m2.has_relation("r4") and not m2.has_relation("r5")  # its target went, and the undercut of it
    assert remove_statement(m, "c1", cascade=True).main_claim is None
    assert not remove_statement(m2, "e4").has_statement("e4")  # e4 is free once the undercut r5 is gone


def test_remove_relation(m: argmap.ArgumentMap) -> None:
    with pytest.raises(ArgmapError, match="relation 'r4' is targeted by r5; remove them first or cascade"):
        remove_relation(m, "r4")
    m2 = remove_relation(m, "r4", cascade=True)
    assert [r.id for r in m2.relations] == ["r1", "r2", "r3", "r6", "r7", "r8", "r9", "r10"]
    assert remove_relation(m, "r10").has_statement("o2")  # statements stay


def test_set_main_claim_and_add_source(m: argmap.ArgumentMap) -> None:
    assert set_main_claim(m, "c2").main_claim == "c2" and set_main_claim(m, None).main_claim is None
    with pytest.raises(NotFoundError, match="unknown statement 'zz'"):
        set_main_claim(m, "zz")
    with pytest.raises(InvalidMapError, match="main_claim: 'e1' is evidence, not a claim"):
        set_main_claim(m, "e1")
    m2 = add_source(m, {"id": "s2", "title": "Tweede bron", "text": "Meer tekst."})
    assert m2.source("s2").title == "Tweede bron"
    with pytest.raises(InvalidMapError, match=r"sources\[1\]\.id: duplicate source id 's1'"):
        add_source(m, {"id": "s1"})
