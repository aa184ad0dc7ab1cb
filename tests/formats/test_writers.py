"""Mermaid, GraphML and DOT writers: structure, escaping of hostile text, and what other tools read back."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from formats_strategies import maps_with_extras
from hypothesis import HealthCheck, given, settings

import argmap
from argmap.formats.graphml import dump_graphml, write_graphml
from argmap.formats.mermaid import dump_mermaid, escape_label, write_mermaid
from argmap.model import ArgumentMap

EVIL = 'He said "hi" <script>alert(1)</script> & #35; `code` [x] {y} (z) |pipe|\nline two'


@pytest.fixture(scope="module")
def evil_map() -> ArgumentMap:
    return ArgumentMap.model_validate(
        {
            "main_claim": "c1",
            "statements": [
                {"id": "c1", "claim": EVIL},
                {"id": "e-1.x", "evidence": "Fact", "evidence_type": "statistic", "holder": "critics"},
                {"id": "e2", "claim": "Other"},
            ],
            "relations": [
                {"id": "r1", "support": ["e-1.x", "e2"], "target": "c1"},
                {"id": "r2", "attack": "e2", "target": "c1"},
                {"id": "r3", "undercut": "e2", "target": "r1"},
            ],
        }
    )


def test_mermaid_labels_escaped(evil_map: ArgumentMap) -> None:
    text = dump_mermaid(evil_map)
    label = re.search(r's0\["(.*)"\]:::main', text)
    assert label is not None
    inner = label.group(1)
    assert '"' not in inner and "<script" not in inner and "`" not in inner
    assert inner.startswith("He said #quot;hi#quot; #lt;script#gt;") and "#amp; #35;35;" in inner
    assert "<br>line two" in inner  # the one markup allowed: a line break


def test_mermaid_structure(evil_map: ArgumentMap) -> None:
    lines = dump_mermaid(evil_map).splitlines()
    assert lines[0] == "flowchart BT"
    assert '  s1(["critics: Fact"]):::evidence' in lines  # evidence as a stadium, the holder shown
    assert '  r0(("supports")):::junction' in lines  # linked and undercut: a junction node
    assert {"  s1 --- r0", "  s2 --- r0", "  r0 --> s0"} <= set(lines)
    assert "  s2 -.->|attacks| s0" in lines  # a plain attack is an arrow
    assert "  s2 -.->|undercuts| r0" in lines
    # ids never reach the output: only s<n>/r<n> names do
    assert "e-1.x" not in "\n".join(lines)


def test_mermaid_direction_checked(evil_map: ArgumentMap) -> None:
    assert dump_mermaid(evil_map, direction="LR").startswith("flowchart LR")
    with pytest.raises(ValueError, match="direction"):
        dump_mermaid(evil_map, direction="UP; click")


def test_escape_label_entities() -> None:
    assert escape_label("a&b") == "a#amp;b"
    assert escape_label("x\r\ny") == "x<br>y"


def test_graphml_read_by_networkx(evil_map: ArgumentMap, tmp_path: Path) -> None:
    path = write_graphml(evil_map, tmp_path / "m.graphml")
    g = nx.read_graphml(path)
    assert g.nodes["c1"]["label"] == EVIL  # escaped in XML, exact after reading
    assert g.nodes["c1"]["main_claim"] is True and g.nodes["e-1.x"]["evidence_type"] == "statistic"
    assert g.nodes["e-1.x"]["holder"] == "critics"
    assert g.nodes["r1"]["node"] == "relation" and g.nodes["r3"]["type"] == "undercut"
    assert set(g.edges) == set(argmap.to_networkx(evil_map).edges)


def test_graphml_has_yed_labels(evil_map: ArgumentMap) -> None:
    root = ET.fromstring(dump_graphml(evil_map))
    labels = [el.text for el in root.iter("{http://www.yworks.com/xml/graphml}NodeLabel")]
    assert EVIL in labels and len(labels) == 6
    assert root.find("{http://graphml.graphdrawing.org/xmlns}key[@yfiles.type='nodegraphics']") is not None


def test_graphml_parses_for_gephi_style_reader(evil_map: ArgumentMap) -> None:
    g = nx.read_graphml(io.StringIO(dump_graphml(evil_map)))
    assert g.is_directed() and g.number_of_nodes() == 6


def test_dot_is_the_renderers_source(evil_map: ArgumentMap, tmp_path: Path) -> None:
    render = pytest.importorskip("argmap.render", reason="argmap.render (the teammate's renderer) is not importable yet")
    out = argmap.save(evil_map, tmp_path / "m.dot")
    text = out.read_text()
    assert text == render.to_dot(evil_map).source
    assert "<script>" not in text  # the renderer escapes labels; DOT output inherits that


def test_write_only_formats(evil_map: ArgumentMap, tmp_path: Path) -> None:
    for name in ("mermaid", "graphml", "dot"):
        fmt = argmap.formats.get_format(name)
        assert fmt.can_write and not fmt.can_read
    write_mermaid(evil_map, tmp_path / "m.mmd")
    assert (tmp_path / "m.mmd").read_text().startswith("flowchart")
    with pytest.raises(argmap.ArgmapError, match="can be written but not read"):
        argmap.load(tmp_path / "m.mmd")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps_with_extras())
def test_mermaid_and_graphml_properties(m: ArgumentMap) -> None:
    text = dump_mermaid(m)
    declared = set(re.findall(r"^  ([sr]\d+)[\[(]", text, re.MULTILINE))
    edges = re.findall(r"^  ([sr]\d+) [-=.]+>?(?:\|[^|]*\|)? ([sr]\d+)$", text, re.MULTILINE)
    assert len(edges) >= len(m.relations)
    assert {name for pair in edges for name in pair} <= declared
    for label in re.findall(r'"(.*?)"\]|"(.*?)"\)', text):
        assert "<" not in "".join(label).replace("<br>", "")
    assert len([ln for ln in text.splitlines() if re.match(r"  s\d+[\[(]", ln)]) == len(m.statements)
    g = nx.read_graphml(io.StringIO(dump_graphml(m)))
    assert {n: d["label"] for n, d in g.nodes(data=True) if d["node"] == "statement"} == {
        st.id: st.text_in(m.language) for st in m.statements
    }
    assert g.number_of_edges() == sum(len(r.premises) + 1 for r in m.relations)


def test_atomic_write_refuses_a_file_the_user_may_not_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As a plain write would: a read-only file is not silently replaced by a rename beside it.
    import errno
    import os

    from argmap import formats

    target = tmp_path / "locked.dot"
    target.write_bytes(b"old")
    real_access = os.access
    monkeypatch.setattr(formats.os, "access", lambda p, m: False if m == os.W_OK and Path(p) == target else real_access(p, m))
    with pytest.raises(PermissionError) as caught:
        formats.write_bytes_atomic(target, b"new")
    assert caught.value.errno == errno.EACCES and target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["locked.dot"]


def test_atomic_write_into_a_folder_it_may_not_write_writes_the_file_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A writable file in a read-only folder: no temporary file can be made beside it, so the file is written in place.
    import errno
    import os

    from argmap import formats

    target = tmp_path / "out.dot"
    target.write_bytes(b"old")
    inode = target.stat().st_ino
    real_open = os.open

    def no_new_files(p: object, flags: int, *args: object) -> int:
        if flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", str(p))
        return real_open(p, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(formats.os, "open", no_new_files)
    formats.write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"new" and target.stat().st_ino == inode
    with pytest.raises(PermissionError):  # a new file there is still refused
        formats.write_bytes_atomic(tmp_path / "other.dot", b"x")
