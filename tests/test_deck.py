"""The deck: slide order for the essay, speaker notes with quotes, offline escaped HTML, 16:9 PDF pages, PPTX read back."""

from __future__ import annotations

import io
import re
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from strategies import argument_maps
from typer.testing import CliRunner

import argmap
from argmap.cli import app
from argmap.deck import Deck, build_deck, to_html, write_deck
from argmap.deck._plan import main_claim, plan
from argmap.deck.output import pdf_bytes, pptx_bytes
from argmap.errors import RenderError

ESSAY = Path(__file__).resolve().parents[1] / "examples" / "social_media" / "social-media.argmap.yaml"


@pytest.fixture(scope="module")
def essay() -> argmap.ArgumentMap:
    return argmap.load(ESSAY)


@pytest.fixture(scope="module")
def deck(essay: argmap.ArgumentMap) -> Deck:
    return build_deck(essay, lang="en", evaluation=argmap.evaluate(essay, "grounded").overlay(), semantics="grounded")


def _pillars(m: argmap.ArgumentMap) -> list[str]:
    return [r.premises[0] for r in m.relations if r.target == m.main_claim and r.type == "support"]


def test_essay_slides_come_in_the_order_of_the_argument(deck: Deck, essay: argmap.ArgumentMap) -> None:
    kinds = deck.kinds
    assert kinds[:2] == ["title", "overview"] and kinds[-2:] == ["evaluation", "sources"]
    assert set(kinds[2:-2]) == {"line", "objection"}
    assert deck.slides[0].heading == "What is still social about social media?"
    assert deck.slides[0].subheading == "Source: Wat is er nog sociaal aan social media?"
    # every pillar leads a line of argument, in the map's order, and is on its own line slides
    lines = [s for s in deck.slides if s.kind == "line"]
    firsts = list(dict.fromkeys(s.statements[0] for s in lines))
    assert firsts == _pillars(essay) == ["sharing-lost", "not-tools", "mentality", "hold-on"]
    # every objection of the map has exactly one slide, right after the line it attacks
    objections = [s.heading for s in deck.slides if s.kind == "objection"]
    assert len(objections) == len(set(objections)) == 6  # lovink, critics, dot-com, mission, expectations, not intended
    order = [s.statements[0] if s.kind == "line" else s.heading for s in deck.slides[2:-2]]
    critics = next(n for n, h in enumerate(order) if "Nothing to complain about" in h)
    assert order.index("sharing-lost") < critics < order.index("not-tools")
    assert "Lovink" in order[-1]  # the attack on the thesis itself comes after the four lines


def test_every_objection_slide_shows_its_answer_one_build_later(deck: Deck) -> None:
    critics = next(s for s in deck.slides if s.kind == "objection" and "Nothing to complain about" in s.heading)
    assert critics.builds == 2 and critics.svg is not None
    svg = critics.svg.decode()
    assert re.search(r'data-id="critics-product"[^>]*data-build="1"|class="[^"]*build-1"[^>]*data-id="critics-product"', svg)
    assert re.search(r'class="[^"]*build-2"[^>]*data-id="not-so-simple"', svg)  # the answer
    unanswered = [s for s in deck.slides if s.kind == "objection" and s.builds == 1]
    assert [s.subheading for s in unanswered] == ["not answered in the map"]


def test_map_slides_are_legible_at_18_px(deck: Deck) -> None:
    maps = [s for s in deck.slides if s.kind in ("line", "objection")]
    small = {s.heading: round(s.min_label_px or 0, 1) for s in maps if (s.min_label_px or 0) < 18}
    assert not small, f"slides with labels under 18 px at 1920x1080: {small}"


def test_notes_carry_statement_notes_and_quotes(deck: Deck, essay: argmap.ArgumentMap) -> None:
    for slide in deck.slides:
        if slide.kind not in ("line", "objection"):
            continue
        for sid in slide.statements:
            st = essay.statement(sid)
            for anchor in st.anchors:
                assert f"“{anchor.quote}”" in slide.notes, (slide.heading, sid)
            if st.note:
                assert st.note in slide.notes
    assert "Wat is er nog sociaal aan social media?" in deck.slides[2].notes  # the source of each quote


def test_html_is_one_offline_file(deck: Deck) -> None:
    page = to_html(deck)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.IGNORECASE)
    assert "@import" not in page and "url(" not in page
    assert page.count("<script") == 1 and page.count("<section") == len(deck.slides)
    assert page.count("<svg") == sum(1 for s in deck.slides if s.svg is not None)
    assert "@page { size: 1920px 1080px" in page and 'data-builds="2"' in page
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "ids repeat across slides"


def test_html_escapes_hostile_labels() -> None:
    evil = '<script>alert(1)</script><img src=x onerror=alert(2)>'
    m = argmap.ArgumentMap.model_validate({
        "title": "</title><script>alert(3)</script>", "main_claim": "c",
        "statements": [{"id": "c", "claim": evil, "title": "</h1><b onclick=x>"}, {"id": "p", "claim": "P & <Q>", "note": "</pre><script>"},
                       {"id": "o", "claim": "O", "holder": "<i>critics</i>"}],
        "relations": [{"support": "p", "target": "c"}, {"attack": "o", "target": "p"}],
        "sources": [{"id": "s", "title": "<svg onload=alert(4)>", "url": "javascript:alert(5)"}],
    })
    page = to_html(build_deck(m))
    assert page.count("<script") == 1
    for raw in ("<img", "<b onclick", "</pre><script>", "<svg onload", "<i>critics", "</title><script>"):
        assert raw not in page
    assert "&lt;/h1&gt;&lt;b onclick=x&gt;" in page and "javascript:alert(5)" not in re.findall(r'href="([^"]*)"', page)


def _few(deck: Deck) -> Deck:
    """The first slides and the last two (title, overview, a line, an objection, ..., evaluation, sources): quicker to write."""
    return replace(deck, slides=(*deck.slides[:4], *deck.slides[-2:]))


def test_pdf_has_one_16_9_page_per_slide(deck: Deck) -> None:
    deck = _few(deck)
    pypdf = pytest.importorskip("pypdf", reason="the 'deck' extra (pypdf) is not installed")
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(deck)))
    assert len(reader.pages) == len(deck.slides)
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width / height - 16 / 9) < 0.01
    assert "Sharing seems gone" in reader.pages[2].extract_text()


def test_pptx_has_the_slides_pictures_and_notes(deck: Deck) -> None:
    deck = _few(deck)
    pptx = pytest.importorskip("pptx", reason="the 'deck' extra (python-pptx) is not installed")
    prs = pptx.Presentation(io.BytesIO(pptx_bytes(deck)))
    assert len(prs.slides) == len(deck.slides)
    assert abs(prs.slide_width / prs.slide_height - 16 / 9) < 0.01
    for ours, theirs in zip(deck.slides, prs.slides, strict=True):
        pictures = [sh for sh in theirs.shapes if sh.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
        assert len(pictures) == (1 if ours.svg is not None else 0)
        for pic in pictures:  # the picture has twice the pixels of the place it fills on a 1920x1080 slide
            px_wide = pic.width / prs.slide_width * 1920
            assert pic.image.size[0] >= 1.9 * px_wide
        if ours.notes:
            assert theirs.notes_slide.notes_text_frame.text == ours.notes
    critics = next(n for n, s in enumerate(deck.slides) if "Nothing to complain about" in s.heading)
    assert "niks te klagen" in prs.slides[critics].notes_slide.notes_text_frame.text


def test_missing_extra_is_a_clear_error(deck: Deck, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pptx", None)  # import pptx now raises ImportError
    with pytest.raises(RenderError, match=r"needs the 'deck' extra .*pip install 'argmap\[deck\]'"):
        pptx_bytes(deck)


def test_unknown_suffix_is_refused(deck: Deck, tmp_path: Path) -> None:
    with pytest.raises(RenderError, match=r"use \.html, \.pdf or \.pptx"):
        write_deck(deck, tmp_path / "talk.key")


def test_cli_writes_a_deck_in_the_maps_language(tmp_path: Path) -> None:
    src = tmp_path / "pets.argmap.yaml"
    src.write_text(
        "title: Huisdieren\nlanguage: nl\nmain_claim: c\nstatements:\n  - {id: c, claim: Katten zijn goede huisdieren.}\n"
        "  - {id: o, claim: Katten krabben., holder: critici}\n  - {id: x, claim: Koop een krabpaal.}\n"
        "relations:\n  - {attack: o, target: c}\n  - {attack: x, target: o}\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    out = tmp_path / "talk.html"
    done = runner.invoke(app, ["deck", str(src), "-o", str(out), "--theme", "dark", "--evaluate", "grounded"])
    assert done.exit_code == 0, done.output
    page = out.read_text(encoding="utf-8")
    assert '<html lang="nl">' in page and "Het hele betoog" in page and "Bezwaar: Katten krabben. (critici)" in page
    assert "Katten zijn goede huisdieren.: blijven staan" in page  # the evaluation slide, from --evaluate
    assert "--bg: #" in page and "--bg: white" not in page  # the dark theme's background
    bad = runner.invoke(app, ["deck", str(src), "-o", str(tmp_path / "talk.odp")])
    assert bad.exit_code == 2 and "use .html, .pdf or .pptx" in bad.output and "Traceback" not in bad.output  # a usage error


@settings(max_examples=60, deadline=None)
@given(argument_maps(max_statements=10, max_relations=14))
def test_plan_shows_every_attack_and_every_line_on_random_maps(m: argmap.ArgumentMap) -> None:
    parts = plan(m, max_statements=4)
    shown = {i for p in parts for i in p.builds}
    main = main_claim(m)
    for rel in m.relations:
        if rel.type in ("attack", "undercut"):
            assert rel.id in shown, f"attack {rel.id} on no slide"
        if rel.target == main and rel.type == "support":
            assert any(p.kind == "line" and p.relation == rel.id for p in parts)
    for p in parts:
        assert all(isinstance(b, int) and b >= 1 for b in p.builds.values())
        assert min(p.builds.values()) == 1  # every slide shows something at its first build
        if p.kind == "objection":
            assert p.builds[p.relation] == 1 and p.builds[p.focus] == 1


def test_cli_builds_one_deck_for_several_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import argmap.deck

    built: list[Deck] = []

    def counting_build(*args: object, **kwargs: object) -> Deck:
        built.append(build_deck(*args, **kwargs))  # type: ignore[arg-type]
        return built[-1]

    monkeypatch.setattr(argmap.deck, "build_deck", counting_build)
    outs = [tmp_path / "talk.html", tmp_path / "talk.pdf", tmp_path / "talk.pptx"]
    args = ["deck", str(ESSAY), "--lang", "en", *(a for o in outs for a in ("-o", str(o)))]
    done = CliRunner().invoke(app, args)
    assert done.exit_code == 0, done.output
    assert len(built) == 1  # one deck, written three times
    slides = len(built[0].slides)
    assert done.output.split("\n")[:3] == [f"wrote {o} ({slides} slides)" for o in outs]
    assert outs[0].read_text(encoding="utf-8") == to_html(built[0])
    import pptx
    import pypdf

    assert len(pypdf.PdfReader(outs[1]).pages) == slides and len(pptx.Presentation(str(outs[2])).slides) == slides
    one = tmp_path / "one.html"  # a single -o as before
    done = CliRunner().invoke(app, ["deck", str(ESSAY), "--lang", "en", "-o", str(one)])
    assert done.exit_code == 0 and one.read_text(encoding="utf-8") == outs[0].read_text(encoding="utf-8")
