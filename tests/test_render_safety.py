"""Hostile text never becomes markup: the SVG parses, has only the elements and attributes dot draws, and keeps the text."""

from __future__ import annotations

import re

import pytest
from defusedxml.ElementTree import fromstring
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.render import render, to_dot
from argmap.render._escape import HARD_BREAK, clean

NS = "{http://www.w3.org/2000/svg}"
ELEMENTS = {"svg", "g", "title", "desc", "polygon", "polyline", "path", "ellipse", "text", "style"}
ATTRIBUTES = {
    "width", "height", "viewBox", "role", "aria-labelledby", "id", "class", "transform", "fill", "stroke", "points", "d",
    "cx", "cy", "rx", "ry", "x", "y", "text-anchor", "font-family", "font-size", "font-weight", "font-style",
    "stroke-width", "stroke-dasharray", "data-id", "data-step", "fill-opacity", "stroke-opacity",
    "preserveAspectRatio",
}  # fmt: skip

HOSTILE = [
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert(document.cookie)",
    "]]><!ENTITY x SYSTEM 'file:///etc/passwd'>&x;",
    "back\\slash \\N \\G \\L \\E \\\\ end\\",
    "record {a|b} <port> | {x}",
    "&amp; &lt; &#60; &#x3C; & < > \" '",
    "line one\nline two\r\nthree\ttab",
    "ctrl \x00\x01\x08\x0b\x1f\x7f end",
    "a\ufeff\u200b\u202e right-to-left \u202c",
    '" URL="javascript:x" fontname="',
    "<<TABLE><TR><TD>inject</TD></TR></TABLE>>",
    "x" * 600,
]


def _hostile_map(texts: list[str], holder: str = '<img src=x onerror="alert(1)">', title: str = "<title>t</title>") -> argmap.ArgumentMap:
    statements = [{"id": f"s{i}", "claim": t} for i, t in enumerate(texts)]
    statements.append({"id": "h", "claim": "held", "holder": holder, "tags": ['"><script>x</script>', "a b", "class=evil"]})
    relations = [{"support": f"s{i}", "target": "h"} for i in range(len(texts))]
    return argmap.ArgumentMap.model_validate({"title": title, "main_claim": "h", "statements": statements, "relations": relations})


def _check(svg: bytes, m: argmap.ArgumentMap, *, texts: bool = True) -> None:
    root = fromstring(svg)  # parses: no broken markup, no entities
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1]
        assert tag in ELEMENTS, f"unexpected element <{tag}>"
        for name, value in el.attrib.items():
            local = name.rsplit("}", 1)[-1]
            assert local in ATTRIBUTES, f"unexpected attribute {local}={value!r} on <{tag}>"
            assert "javascript:" not in value.lower()
            assert "<" not in value
    groups = {g.get("data-id"): g for g in root.iter(NS + "g") if "statement" in g.get("class", "").split()}
    for s in m.statements if texts else ():
        words = "".join(" ".join(t.text or "" for t in groups[s.id].iter(NS + "text")).split())
        expected = "".join(clean(s.text_in("en")).split())
        if len(expected) < 300:  # longer texts are cut with an ellipsis
            assert words.endswith(expected), f"{s.id}: text changed in the drawing"


def test_hostile_labels_stay_text() -> None:
    m = _hostile_map(HOSTILE)
    svg = render(m, legend=True, overlay={"s0": "IN"})
    _check(svg, m)
    text = svg.decode()
    assert 'tag----script-x--script- tag-a-b tag-class-evil"' in text  # tags become safe class words
    assert "<script" not in text and "onload" not in text.replace("onload=alert(1)&gt;", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_hostile_text_in_dot_is_escaped() -> None:
    source = to_dot(_hostile_map(HOSTILE)).source
    assert "<script>" not in source and "&lt;script&gt;" in source
    assert 'URL="javascript' not in source
    assert "\\\\N" in source  # backslashes doubled, so \N is not the node name


def test_hostile_png_and_pdf_render() -> None:
    m = _hostile_map(HOSTILE[:6])
    assert render(m, "png").startswith(b"\x89PNG")
    assert render(m, "pdf").startswith(b"%PDF")


def test_only_a_very_long_unbreakable_piece_is_cut_so_nothing_overflows() -> None:
    m = _hostile_map(["https://example.org/" + "a" * 200])
    svg = render(m).decode()
    lines = re.findall(r"<text[^>]*>([^<>]*a{10,}[^<>]*)</text>", svg)
    assert len(lines) >= 5 and max(len(x) for x in lines) <= HARD_BREAK


def test_words_break_only_at_spaces_and_their_own_hyphens() -> None:
    text = "De Dot-com-investeerders en sociaal-democratische kennisorganisatiemedewerkers zagen dat"
    m = _hostile_map([text])
    root = fromstring(render(m, wrap=12, headers=False))
    box = next(g for g in root.iter(NS + "g") if g.get("data-id") == "s0")
    lines = [(t.text or "").strip() for t in box.iter(NS + "text")]
    words = set(text.split())
    assert len(lines) >= 5
    for line in lines:
        for piece in line.split(" "):
            assert (
                piece in words
                or any(w.startswith(piece) and piece.endswith("-") for w in words)
                or any(w.endswith(piece) and "-" in w for w in words)
            ), f"{piece!r} is a word broken in the middle"
    assert any("kennisorganisatiemedewerkers" in line for line in lines), "a long word without hyphens stays whole"


@pytest.mark.filterwarnings("ignore::argmap.render.MissingTitleWarning")
@pytest.mark.parametrize("line", ["]", "[", "][", "a ]", "] ]", "</TABLE>]", "<BR/>]"])
def test_a_label_line_that_is_a_bracket_renders(line: str) -> None:
    m = _hostile_map([line, "]"])
    data = m.model_dump(mode="json", exclude_none=True)
    for st_data in data["statements"]:
        st_data["title"] = {"en": line}  # hostile titles too
    titled = argmap.ArgumentMap.model_validate(data)
    for labels in ("text", "title", "both"):
        svg = render(titled, labels=labels)
        _check(svg, titled, texts=labels == "text")
        assert "]" in "".join(fromstring(svg).itertext())
        svg = render(m, labels=labels)
        _check(svg, m, texts=labels == "text")


_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=80).filter(lambda s: s.strip())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(_text, min_size=1, max_size=3), holder=_text.filter(lambda s: len(s) <= 200), title=_text)
def test_any_text_stays_text(texts: list[str], holder: str, title: str) -> None:
    m = _hostile_map(texts, holder=holder, title=title)
    _check(render(m), m)


def test_active_content_from_dot_is_refused() -> None:
    from argmap.errors import RenderError
    from argmap.render.dot import DotMeta
    from argmap.render.svg import finish_svg

    clean_svg = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><g id="x" class="node"><title>s0</title></g></svg>'
    assert b"<desc" in finish_svg(clean_svg, DotMeta())
    for bad in (b'<a xlink:href="javascript:x">', b'<g onclick="x">', b"<script>x</script>"):
        with pytest.raises(RenderError, match="active content"):
            finish_svg(clean_svg.replace(b"<title>", bad + b"<title>"), DotMeta())


def test_svg_keeps_its_default_namespace_after_a_graphml_export() -> None:
    # GraphML registers its own default XML namespace; the SVG written after it must still be plain <svg>.
    from argmap.formats import dump
    from argmap.render.svg import parse_svg, serialise

    m = argmap.ArgumentMap.model_validate({"statements": [{"id": "c1", "claim": "A"}]})
    dump(m, "graphml")
    out = serialise(parse_svg(b'<svg xmlns="http://www.w3.org/2000/svg"><g id="a"/></svg>'))
    assert b"<svg " in out and b"ns0:" not in out
