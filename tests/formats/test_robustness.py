"""Any input, however broken, ends in an argmap error (or a map), never in a traceback: fuzzing every reader."""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.errors import ArgmapError, InvalidMapError
from argmap.formats.aif import parse_aif
from argmap.formats.argdown import parse_argdown
from argmap.formats.kialo import parse_kialo
from argmap.formats.microtexts import parse_microtexts
from argmap.formats.sadface import parse_sadface
from argmap.model import ArgumentMap

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

_argdown_bits = [*"[]<>():+-_#{}/*\\\n =abc1.\t\"'", "----", "-- x --", "===\n", "(1) ", "  + ", "  <+ ", "_> ", "><", "{uses: [1]}"]
_argdown_bits += ["\n\n", "// ", "#(", "[A]: ", "<A>: ", "[A]", "<A>", "# H\n"]
_json_keys = ["nodes", "edges", "nodeID", "type", "text", "fromID", "toID", "AIF", "locutions", "participants", "personID"]
_json_keys += ["participantID", "firstname", "id", "source_id", "target_id", "name", "sources", "resource_id", "offset", "metadata"]
_json = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(-2, 5), st.sampled_from(["I", "RA", "CA", "PA", "L", "YA", "atom", "scheme", "1", "2"])
    ),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(_json_keys), inner, max_size=5)),
    max_leaves=30,
)
_kialo = st.lists(
    st.sampled_from(["Discussion Title: x\n", "1. ", "1.1. ", "1.1.1. ", "Pro: ", "Con: ", "-> See 1.", "-> See 1.1.", "t", "\n"])
)
_xml_parts = [
    '<edu id="e1">x</edu>',
    '<edu id="e2"></edu>',
    '<adu id="a1" type="pro"/>',
    '<adu id="a2" type="opp"/>',
    '<edge id="c1" src="e1" trg="a1" type="seg"/>',
    '<edge id="c2" src="a2" trg="a1" type="sup"/>',
    '<edge id="c3" src="a1" trg="c2" type="und"/>',
    '<edge id="c4" src="a2" trg="c1" type="add"/>',
    '<edge id="c5"/>',
    "<adu/>",
    "<",
]


def _survives(parse: Callable[[str], ArgumentMap], text: str, *, lines: bool = False) -> None:
    """A map comes out, or an argmap error whose every problem says what is wrong (and where, when it can)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            assert isinstance(parse(text), ArgumentMap)
        except InvalidMapError as exc:
            assert exc.problems and all(p.message for p in exc.problems)
            if lines:  # a text format: every problem has its line
                assert all(p.line is not None for p in exc.problems), exc
        except ArgmapError as exc:
            assert str(exc)


@FUZZ
@given(st.lists(st.sampled_from(_argdown_bits), max_size=50).map("".join))
def test_argdown_never_crashes(text: str) -> None:
    _survives(parse_argdown, text, lines=True)


@FUZZ
@given(_json)
@pytest.mark.parametrize("parse", [parse_aif, parse_sadface])
def test_json_readers_never_crash(parse: Callable[[str], ArgumentMap], data: object) -> None:
    _survives(parse, json.dumps(data))


@FUZZ
@given(_kialo.map("".join))
def test_kialo_never_crashes(text: str) -> None:
    _survives(parse_kialo, text, lines=True)


@FUZZ
@given(st.lists(st.sampled_from(_xml_parts), max_size=10).map(lambda parts: '<arggraph id="x">' + "".join(parts) + "</arggraph>"))
def test_microtexts_never_crashes(text: str) -> None:
    _survives(parse_microtexts, text)
