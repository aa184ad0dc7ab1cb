"""AIF against real files and arguebuf 2.7.2: argmap -> AIF -> argmap holds; AIF -> argmap -> AIF loads in arguebuf, same counts.

The real files are under ``fixtures/real`` (see its README for where each comes from and its licence).
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from formats_strategies import maps_with_extras
from hypothesis import HealthCheck, given, settings

import argmap
from argmap.formats.aif import dump_aif, parse_aif
from argmap.model import ArgumentMap

arguebuf = pytest.importorskip("arguebuf", reason="arguebuf 2.7.2 is a test dependency (the dev extra): pip install -e '.[dev]'")

REAL = Path(__file__).parent / "fixtures" / "real"
FIXTURES = Path(__file__).parent / "fixtures"
AIF_FILES = [*sorted((REAL / "aif").glob("*.json")), FIXTURES / "sample.aif.json", FIXTURES / "sample.ova.json"]


def _arguebuf_counts(text: str, tmp_path: Path) -> tuple[int, int, int]:
    path = tmp_path / "graph.json"  # arguebuf picks its AIF loader by the .json suffix
    path.write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        graph = arguebuf.load.file(path)
    return len(graph.atom_nodes), len(graph.scheme_nodes), len(graph.edges)


def _counts(m: ArgumentMap) -> tuple[int, int, int]:
    return len(m.statements), len(m.relations), sum(len(r.premises) + 1 for r in m.relations)


def _argument_part(text: str) -> str:
    """Only the I- and S-nodes and their edges (arguebuf reads OVA's envelope differently; the argument is what counts)."""
    data = json.loads(text)
    aif = data.get("AIF", data)
    keep = {str(n["nodeID"]) for n in aif["nodes"] if n["type"] in ("I", "RA", "CA", "MA", "PA")}
    nodes = [n for n in aif["nodes"] if str(n["nodeID"]) in keep]
    edges = [e for e in aif["edges"] if str(e["fromID"]) in keep and str(e["toID"]) in keep]
    return json.dumps({"nodes": nodes, "edges": edges, "locutions": []})


@pytest.mark.parametrize("path", AIF_FILES, ids=lambda p: p.name)
def test_real_aif_through_argmap_loads_in_arguebuf_with_the_same_counts(path: Path, tmp_path: Path) -> None:
    m = argmap.load(path)  # by content: a plain .json with nodes/edges is AIF
    ours = dump_aif(m)
    written = json.loads(ours)
    aif = written.get("AIF", written)
    ids = {str(n["nodeID"]) for n in aif["nodes"]}
    assert all(str(e["fromID"]) in ids and str(e["toID"]) in ids for e in aif["edges"])  # never an edge to a node not written
    assert _arguebuf_counts(_argument_part(ours), tmp_path) == _counts(m)
    if path.parent.name == "aif":  # a real AIFdb file arguebuf reads itself: the same argument as argmap reads
        assert _arguebuf_counts(path.read_text(), tmp_path) == _counts(m)


@pytest.mark.parametrize("path", AIF_FILES, ids=lambda p: p.name)
def test_real_aif_round_trips(path: Path) -> None:
    m = argmap.load(path)
    assert parse_aif(dump_aif(m)).model_dump() == m.model_dump()  # argmap -> AIF -> argmap
    again = parse_aif(dump_aif(m))
    assert json.loads(dump_aif(again)) == json.loads(dump_aif(m))  # AIF -> argmap -> AIF is stable


def test_real_aifdb_file_reads_as_aifdb_means_it() -> None:
    m = argmap.load(REAL / "aif" / "nodeset6064.json")
    assert len(m.statements) == 9 and {r.type for r in m.relations} == {"support"}
    assert all(r.scheme is None for r in m.relations)  # "Default Inference" and "RA" name no scheme
    dialogue = m.metadata["aif_dialogue"]
    assert isinstance(dialogue, dict) and len(dialogue["locutions"]) == 13  # type: ignore[arg-type]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(maps_with_extras())
def test_any_map_written_as_aif_loads_in_arguebuf(tmp_path: Path, m: ArgumentMap) -> None:
    assert _arguebuf_counts(dump_aif(m), tmp_path) == _counts(m)


def test_a_real_file_with_a_self_looping_ra_keeps_the_rest_and_writes_what_arguebuf_reads(tmp_path: Path) -> None:
    data = json.loads((REAL / "aif" / "nodeset6064.json").read_text())
    for edge in data["edges"]:
        if edge["fromID"] == "111803":  # RA 111803: 29053 -> RA -> 29054; make it 29053 -> RA -> 29053
            edge["toID"] = "29053"
    with pytest.warns(argmap.errors.FormatWarning, match="RA node '111803' .* as its premise and its conclusion; it is not kept"):
        m = parse_aif(json.dumps(data))
    assert (len(m.statements), len(m.relations)) == (9, 4)
    ours = dump_aif(m)
    assert "111803" not in {str(e["fromID"]) for e in json.loads(ours)["edges"]} | {str(e["toID"]) for e in json.loads(ours)["edges"]}
    assert _arguebuf_counts(_argument_part(ours), tmp_path) == _counts(m)
    assert _arguebuf_counts(ours, tmp_path)[:2] == (9, 4)  # the whole file, dialogue included, loads in arguebuf
