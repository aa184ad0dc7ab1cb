"""Round-trip properties: map -> JSON -> map, map -> YAML -> map and map -> networkx -> map are identities."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from strategies import argument_maps

import argmap
from argmap.formats.native import dump_json, dump_yaml, parse_json, parse_yaml
from argmap.model import ArgumentMap

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "example.argmap.yaml"
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _same(a: ArgumentMap, b: ArgumentMap) -> None:
    assert a.model_dump() == b.model_dump()
    assert a == b


@PROPERTY
@given(argument_maps())
def test_json_round_trip(m: ArgumentMap) -> None:
    _same(parse_json(dump_json(m)), m)


@PROPERTY
@given(argument_maps())
def test_json_round_trip_compact(m: ArgumentMap) -> None:
    text = dump_json(m, indent=None)
    assert "\n" not in text.rstrip("\n")
    _same(parse_json(text), m)


@PROPERTY
@given(argument_maps())
def test_yaml_round_trip(m: ArgumentMap) -> None:
    _same(parse_yaml(dump_yaml(m)), m)


@PROPERTY
@given(argument_maps())
def test_networkx_round_trip(m: ArgumentMap) -> None:
    G = argmap.to_networkx(m)
    assert G.number_of_nodes() == len(m.statements) + len(m.relations)
    assert G.number_of_edges() == sum(len(r.premises) + 1 for r in m.relations)
    _same(argmap.from_networkx(G), m)


@PROPERTY
@given(argument_maps())
def test_yaml_and_json_agree(m: ArgumentMap) -> None:
    """The two native syntaxes hold the same data: YAML read back and dumped as JSON gives the same JSON."""
    assert json.loads(dump_json(parse_yaml(dump_yaml(m)))) == json.loads(dump_json(m))


def test_example_round_trips() -> None:
    m = argmap.load(EXAMPLE)
    _same(parse_yaml(dump_yaml(m)), m)
    _same(parse_json(dump_json(m)), m)
    _same(argmap.from_networkx(argmap.to_networkx(m)), m)
