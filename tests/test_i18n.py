"""Names and titles in several languages: a group holder's name and the map's title follow the label language."""

from __future__ import annotations

import pytest

import argmap
from argmap.model import Holder

YAML = """
title: Wat is er nog sociaal aan social media?
titles: {en: What is still social about social media?}
language: nl
main_claim: c1
statements:
  - {id: c1, claim: {nl: Het sociale zit in mensen., en: The social is in people.}}
  - id: o1
    claim: {nl: Gebruikers hebben niks te klagen., en: Users have nothing to complain about.}
    holder: {kind: group, name: critics, names: {nl: critici}}
relations:
  - {attack: o1, target: c1}
"""


def test_holder_label_follows_language_and_falls_back_to_name() -> None:
    h = Holder.model_validate({"kind": "group", "name": "critics", "names": {"nl": "critici"}})
    assert (h.label("nl"), h.label("en"), h.label()) == ("critici", "critics", "critics")
    assert Holder.model_validate("Geert Lovink").label("nl") == "Geert Lovink"


def test_holder_names_need_language_codes() -> None:
    with pytest.raises(argmap.InvalidMapError, match=r"statements\[0\]\.holder\.names"):
        argmap.parse("statements:\n  - id: a\n    claim: x\n    holder: {kind: group, name: c, names: {Dutch: critici}}\n", "yaml")


def test_map_title_in_language() -> None:
    m = argmap.parse(YAML, "yaml")
    assert m.title_in("en") == "What is still social about social media?"
    assert m.title_in("nl") == m.title_in("de") == "Wat is er nog sociaal aan social media?"


def test_round_trips_keep_translations() -> None:
    m = argmap.parse(YAML, "yaml")
    for fmt in ("yaml", "json"):
        assert argmap.parse(argmap.dump(m, fmt), fmt) == m
    assert argmap.from_networkx(argmap.to_networkx(m)) == m


def test_render_uses_translated_title_and_holder() -> None:
    m = argmap.parse(YAML, "yaml")
    nl = argmap.render(m, format="svg", lang="nl").decode()
    en = argmap.render(m, format="svg", lang="en").decode()
    assert "volgens critici" in nl and "critici" not in en
    assert "What is still social about social media?" in en
    assert "What is still social" not in nl
