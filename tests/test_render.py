"""argmap.render: the drawing's structure, themes, options, errors, and the SVG a designer gets."""

from __future__ import annotations

import os
import re
import stat
import zlib
from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring

import argmap
from argmap.errors import InvalidMapError, InvalidOptionError, LimitExceededError, NotFoundError, RenderError
from argmap.render import THEMES, Theme, get_theme, load_theme, render, to_dot
from argmap.render.output import run_dot

NS = "{http://www.w3.org/2000/svg}"
OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999", "#000000"}


@pytest.fixture(scope="module")
def debate() -> argmap.ArgumentMap:
    b = argmap.MapBuilder(title="Cats", language="en")
    c1 = b.claim({"en": "Cats are good pets.", "nl": "Katten zijn goede huisdieren."}, id="c1", main=True)
    e1 = b.evidence("Most owners say their cat lowers their stress.", type="statistic", id="e1")
    b.support(e1, c1, id="r1")
    p1 = b.claim("Cats are cheap to keep.", id="p1")
    p2 = b.claim("Cheap pets suit students.", id="p2")
    b.support([p1, p2], c1, id="r2")
    e2 = b.evidence("Vet bills can be high.", type="example", id="e2")
    b.undercut(e2, "r2", id="u1")
    o1 = b.claim("Cats scratch furniture.", holder="critics", id="o1")
    b.attack(o1, c1, id="a1")
    t1 = b.evidence("A scratching post solves it.", type="testimony", holder="Dr. Jane Roe", id="t1")
    b.attack(t1, o1, id="a2")
    return b.build()


def svg_root(data: bytes):  # type: ignore[no-untyped-def]
    return fromstring(data)


def group(root, svg_id: str):  # type: ignore[no-untyped-def]
    found = [g for g in root.iter(NS + "g") if g.get("id") == svg_id]
    assert len(found) == 1, f"expected one <g id={svg_id!r}>, found {len(found)}"
    return found[0]


def texts(el) -> str:  # type: ignore[no-untyped-def]
    return " ".join((t.text or "") for t in el.iter(NS + "text"))


# ------------------------------------------------------------------------------------------ structure


def test_svg_has_stable_ids_classes_title_and_desc(debate: argmap.ArgumentMap) -> None:
    root = svg_root(render(debate))
    assert root[0].tag == NS + "title" and root[0].text == "Cats"
    assert root[1].tag == NS + "desc" and "Main claim: Cats are good pets." in (root[1].text or "")
    assert root.get("role") == "img"
    main = group(root, "statement-c1")
    assert {"statement", "claim", "main"} <= set(main.get("class", "").split())
    assert main.get("data-id") == "c1"
    assert main.find(NS + "title").text.startswith("MAIN CLAIM: Cats are good pets.")
    assert {"statement", "evidence", "statistic"} <= set(group(root, "statement-e1").get("class", "").split())
    assert {"relation", "attack"} <= set(group(root, "relation-a1").get("class", "").split())
    assert {"relation", "support"} <= set(group(root, "relation-r1").get("class", "").split())
    # node text stays text: the statement's words are in <text> elements, not paths
    assert "Cats are good pets." in texts(main)


def test_linked_argument_joins_at_one_junction_and_undercut_points_at_it(debate: argmap.ArgumentMap) -> None:
    source = to_dot(debate).source
    junction = re.search(r'^\s*(r\d+) \[[^\n]*id="relation-r2"', source, re.M)
    assert junction, "the linked relation r2 has a junction node"
    jname = junction.group(1)
    premise_edges = re.findall(rf"^\s*s\d+ -> {jname} \[[^\n]*arrowhead=\"none\"", source, re.M)
    assert len(premise_edges) == 2
    undercut = re.search(r"^\s*(\S+) -> (\S+) \[[^\n]*id=\"relation-u1\"", source, re.M)
    assert undercut and undercut.group(2) == jname, "the undercut ends on r2's junction"
    root = svg_root(render(debate))
    assert "junction" in group(root, "relation-r2").get("class", "").split()
    assert group(root, "relation-r2-premise-1").get("data-id") == "r2"


def test_holder_and_evidence_type_are_shown(debate: argmap.ArgumentMap) -> None:
    root = svg_root(render(debate))
    assert "according to critics" in texts(group(root, "statement-o1"))
    assert "TESTIMONY · according to Dr. Jane Roe" in texts(group(root, "statement-t1"))
    assert "held-by-other" in group(root, "statement-o1").get("class", "")
    assert "STATISTIC" in texts(group(root, "statement-e1"))


@pytest.mark.parametrize("name", sorted(THEMES))
def test_relation_types_differ_by_more_than_colour(name: str) -> None:
    theme = get_theme(name)
    looks = {(theme.edge(t).style, theme.edge(t).arrowhead) for t in ("support", "attack", "undercut")}
    assert len(looks) == 3


def test_light_theme_uses_the_okabe_ito_palette_for_relations() -> None:
    theme = get_theme("light")
    assert {theme.edge(t).color for t in ("support", "attack", "undercut", "rephrase")} <= OKABE_ITO


def test_language_option_picks_the_label_language(debate: argmap.ArgumentMap) -> None:
    nl = render(debate, lang="nl").decode()
    assert "Katten zijn goede huisdieren." in nl and "HOOFDSTELLING" in nl
    assert "Cats are good pets." in render(debate, lang="en").decode()


def test_title_can_be_replaced_or_dropped(debate: argmap.ArgumentMap) -> None:
    assert ">Other title<" in render(debate, title="Other title").decode()
    assert "Cats" in [t.text for t in svg_root(render(debate)).iter(NS + "text")]
    assert "Cats" not in [t.text for t in svg_root(render(debate, title=False)).iter(NS + "text")]


def test_focus_draws_only_the_neighbourhood(debate: argmap.ArgumentMap) -> None:
    root = svg_root(render(debate, focus="o1", k=1))
    ids = {g.get("data-id") for g in root.iter(NS + "g") if "statement" in g.get("class", "").split()}
    assert ids == {"o1", "c1", "t1"}
    with pytest.raises(NotFoundError):
        render(debate, focus="nope")


def test_highlight_dims_the_rest(debate: argmap.ArgumentMap) -> None:
    root = svg_root(render(debate, highlight=["c1", "e1"]))
    assert "highlighted" in group(root, "statement-c1").get("class", "").split()
    assert "dimmed" in group(root, "statement-o1").get("class", "").split()
    assert "dimmed" not in group(root, "relation-r1").get("class", "").split()
    assert "dimmed" in group(root, "relation-a1").get("class", "").split()


def test_overlay_draws_labels_and_strengths_as_badges(debate: argmap.ArgumentMap) -> None:
    root = svg_root(render(debate, overlay={"c1": "IN", "o1": "out", "e1": 0.25}))
    assert "IN" in texts(group(root, "statement-c1")).split()
    assert "label-out" in group(root, "statement-o1").get("class", "").split()
    assert "0.25" in texts(group(root, "statement-e1")).split()


@pytest.mark.parametrize(
    ("options", "needle"),
    [
        ({"overlay": {"c1": "MAYBE"}}, "IN, OUT or UNDEC"),
        ({"overlay": {"c1": 1.5}}, "in [0, 1]"),
        ({"fit": "wide"}, "16:9"),
        ({"preset": "poster"}, "presentation"),
        ({"colour": "red"}, "unknown render option"),
        ({"theme": "neon"}, "unknown theme 'neon'"),
        ({"tag_colors": {"x": "red;fontname=evil"}}, "tag_colors"),
        ({"k": -1}, "k must be"),
    ],
)
def test_bad_options_are_clear_errors(debate: argmap.ArgumentMap, options: dict[str, object], needle: str) -> None:
    with pytest.raises(InvalidOptionError, match=re.escape(needle)) as info:  # not InvalidMapError: the map is fine
        render(debate, "dot", **options)
    assert not isinstance(info.value, InvalidMapError) and info.value.option == next(iter(options))


def test_tag_colors_fill_statements() -> None:
    m = argmap.ArgumentMap.model_validate({"statements": [{"id": "a", "claim": "A", "tags": ["policy"]}]})
    assert 'fillcolor="#ABCDEF"' in to_dot(m, tag_colors={"policy": "#ABCDEF"}).source


# ------------------------------------------------------------------------------------------- themes


@pytest.mark.parametrize("name", sorted(THEMES))
def test_every_builtin_theme_renders(debate: argmap.ArgumentMap, name: str) -> None:
    root = svg_root(render(debate, theme=name, legend=True))
    assert group(root, "statement-c1") is not None
    assert group(root, "legend") is not None


def _colours(svg: bytes) -> set[str]:
    return set(re.findall(rb'(?:fill|stroke)="(#[0-9a-fA-F]{6})"', svg)) | {c for c in re.findall(rb'(?:fill|stroke)="([a-z]+)"', svg)}


def test_print_theme_is_monochrome(debate: argmap.ArgumentMap) -> None:
    for colour in _colours(render(debate, theme="print", legend=True)):
        if colour.startswith(b"#"):
            r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
            assert r == g == b, f"colour {colour!r} in the print theme"
        else:
            assert colour in (b"black", b"white", b"none", b"transparent")


def test_custom_theme_from_yaml_keeps_the_base_and_changes_fields(tmp_path: Path) -> None:
    path = tmp_path / "brand.yaml"
    path.write_text("base: dark\nfont_size: 18\nattack:\n  color: '#FF00FF'\ntag_colors:\n  policy: '#123456'\n", encoding="utf-8")
    theme = load_theme(path)
    assert theme.attack.color == "#FF00FF" and theme.attack.style == "dashed"
    assert theme.background == THEMES["dark"].background and theme.font_size == 18
    assert get_theme(str(path)) == theme


def test_custom_theme_errors_name_the_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"attack": {"color": "red\\" URL=\\"javascript:x"}}', encoding="utf-8")
    with pytest.raises(InvalidMapError) as info:
        load_theme(path)
    assert "attack.color" in str(info.value) and "bad.json" in str(info.value)
    with pytest.raises(InvalidMapError, match="unknown base theme"):
        Theme  # noqa: B018 - the model is public
        get_theme(_write(tmp_path / "b.yaml", "base: neon\n"))


def _write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


# ------------------------------------------------------------------------------------ formats, errors


def test_png_pdf_and_dot_output(debate: argmap.ArgumentMap) -> None:
    assert render(debate, "png").startswith(b"\x89PNG\r\n\x1a\n")
    assert render(debate, "pdf").startswith(b"%PDF")
    assert render(debate, "dot").startswith(b"digraph argmap {")
    with pytest.raises(RenderError, match="unknown output format"):
        render(debate, "gif")


def _pdf_unicode(pdf: bytes) -> str:
    """The text of every (deflated) stream: cairo's ToUnicode maps list the characters drawn."""
    out = []
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            out.append(zlib.decompress(m.group(1)).decode("latin-1"))
        except zlib.error:
            continue
    return "\n".join(out)


def test_dutch_diacritics_and_curly_quotes_survive_svg_pdf_and_png() -> None:
    text = "Wat is er nog ‘sociaal’ aan “social media”? Gecreëerd, café, reünie."
    m = argmap.ArgumentMap.model_validate({"language": "nl", "statements": [{"id": "c1", "claim": text}]})
    root = svg_root(render(m))
    assert "".join(texts(group(root, "statement-c1")).split()).endswith("".join(text.split()))
    maps = _pdf_unicode(render(m, "pdf")).upper()
    for ch in "ëé‘’“”ü":
        assert f"<{ord(ch):04X}>" in maps, f"{ch!r} missing from the PDF's ToUnicode map"
    assert len(render(m, "png")) > 1000


def test_statement_limit(debate: argmap.ArgumentMap) -> None:
    with pytest.raises(LimitExceededError, match="render limit is 3"):
        render(debate, max_statements=3)


def _fake_dot(tmp_path: Path, body: str) -> str:
    path = tmp_path / "fake-dot"
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_missing_dot_says_how_to_install(monkeypatch: pytest.MonkeyPatch, debate: argmap.ArgumentMap) -> None:
    monkeypatch.setenv("ARGMAP_DOT", "no-such-dot-program")
    with pytest.raises(RenderError, match=r"apt-get install graphviz"):
        render(debate)


def test_failing_dot_reports_its_stderr(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, debate: argmap.ArgumentMap) -> None:
    monkeypatch.setenv("ARGMAP_DOT", _fake_dot(tmp_path, "cat >/dev/null; echo 'Error: trouble in layout' >&2; exit 3"))
    with pytest.raises(RenderError, match=r"exit code 3: Error: trouble in layout"):
        render(debate)


def test_slow_dot_is_stopped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ARGMAP_DOT", _fake_dot(tmp_path, "sleep 20"))
    with pytest.raises(LimitExceededError, match=r"longer than 0\.3 s"):
        run_dot("digraph {}", "svg", timeout=0.3)


def test_ortho_is_never_the_default(debate: argmap.ArgumentMap) -> None:
    assert "ortho" not in to_dot(debate).source
    statements = [{"id": f"s{i}", "claim": f"S {i}"} for i in range(400)]
    relations = [{"support": f"s{i}", "target": "s0"} for i in range(1, 400)]
    big = argmap.ArgumentMap.model_validate({"statements": statements, "relations": relations})
    assert "ortho" not in to_dot(big).source


def test_notebook_repr_is_the_svg(debate: argmap.ArgumentMap) -> None:
    svg = debate._repr_svg_()
    assert svg is not None and 'id="statement-c1"' in svg
    assert os.environ.get("ARGMAP_DOT") is None


def test_highlighting_an_unknown_id_is_refused_not_dimming_everything(debate: argmap.ArgumentMap) -> None:
    with pytest.raises(NotFoundError, match=r"unknown statement or relation 'nobody' to highlight") as info:
        render(debate, highlight=["nobody"])
    assert info.value.id == "nobody"
    with pytest.raises(NotFoundError, match=r"unknown statements or relations to highlight: 'nobody', 'zz'"):
        argmap.render(debate, highlight=["c1", "zz", "nobody"])
    with pytest.raises(NotFoundError, match="nobody"):
        argmap.render.render_steps(debate, highlight="nobody")
    # a relation id is a real one; so is a statement outside the focus (it is simply not drawn)
    root = fromstring(render(debate, highlight=["r1"], focus="o1", k=1, fit=None))
    assert {g.get("data-id") for g in root.iter(NS + "g") if "dimmed" in g.get("class", "").split()} >= {"o1", "t1"}
    frames = argmap.render.render_steps(debate, focus="o1", k=1, highlight=["e1"]).frames
    assert b"statement-o1" in frames[-1] and b"statement-e1" not in frames[-1]


def test_argmap_dot_names_the_variable_and_the_path_it_was_given(monkeypatch: pytest.MonkeyPatch, debate: argmap.ArgumentMap) -> None:
    monkeypatch.setenv("ARGMAP_DOT", "/nope/dot")
    with pytest.raises(RenderError) as info:
        render(debate)
    message = str(info.value)
    assert "ARGMAP_DOT='/nope/dot'" in message and "no such file" in message and "PATH" not in message
    monkeypatch.setenv("ARGMAP_DOT", os.path.dirname(os.path.abspath(__file__)))  # a folder, not a program
    with pytest.raises(RenderError, match=r"ARGMAP_DOT=.*names no `dot` program \(a folder\)"):
        render(debate)
    monkeypatch.delenv("ARGMAP_DOT")
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(RenderError, match=r"`dot` program was not found on PATH; install Graphviz") as missing:
        render(debate)
    assert "ARGMAP_DOT" not in str(missing.value)


def test_a_limit_error_names_the_limit_and_says_what_in_no_interfaces_words(debate: argmap.ArgumentMap) -> None:
    from argmap.render.options import RenderLimitError

    n, near = len(debate.statements), len(argmap.query.focus(debate, "c1", k=1).statements)
    assert n > near > 3
    with pytest.raises(LimitExceededError, match=rf"^the map has {n} statements; the render limit is 3$") as info:
        render(debate, max_statements=3)
    assert isinstance(info.value, RenderLimitError) and info.value.limit == "max_statements"
    with pytest.raises(
        RenderLimitError, match=rf"^the part of the map around 'c1' has {near} statements; the render limit is 3$"
    ) as focused:
        render(debate, max_statements=3, focus="c1", k=1)
    assert focused.value.limit == "max_statements"


@pytest.mark.parametrize(
    "call",
    [
        lambda m: argmap.render(m, preset="overview"),  # the module called as a function: one more frame of argmap's
        lambda m: argmap.render.render(m, labels="title"),
        lambda m: argmap.render.render_steps(m, labels="title"),
    ],
    ids=["argmap.render()", "argmap.render.render()", "render_steps()"],
)
def test_a_warning_points_at_the_callers_line_not_at_argmap(debate: argmap.ArgumentMap, call: object) -> None:
    import warnings

    from argmap.render import MissingTitleWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        call(debate)  # type: ignore[operator]
    titles = [w for w in caught if issubclass(w.category, MissingTitleWarning)]
    assert titles and {w.filename for w in titles} == {__file__}, [(w.filename, w.lineno) for w in titles]


def test_the_slide_fit_warning_points_at_the_callers_line() -> None:
    import warnings

    from argmap.render import SlideFitWarning

    b = argmap.MapBuilder()
    c = b.claim("Main", main=True)
    for i in range(40):
        b.support(b.evidence(f"Evidence {i} with a few words of text."), c)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        argmap.render(b.build(), preset="presentation")
    fits = [w for w in caught if issubclass(w.category, SlideFitWarning)]
    assert fits and {w.filename for w in fits} == {__file__}
