"""The interactive view in a real browser: Debian's chromium driven by playwright (no browser download).

Skipped, with the reason, where chromium or the playwright package is missing. Screenshots are kept
as test artefacts in pytest's tmp_path and, with ``ARGMAP_GALLERY=1``, written to ``docs/gallery/view/``.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap.view import evaluations_for, write_view

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ESSAY = Path(__file__).parent.parent / "examples" / "social_media" / "social-media.argmap.yaml"
GALLERY = Path(__file__).parent.parent / "docs" / "gallery" / "view"
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed (pip install -e '.[dev]')")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, chromium_sandbox=False, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def essay_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    m = argmap.load(ESSAY)
    ev = evaluations_for(m, ["grounded", "dfquad"], explain=False)
    ev["grounded"]["explanations"] = {"thesis": "thesis is IN: every attack on it fails."}
    return write_view(m, tmp_path_factory.mktemp("view") / "essay.view.html", evaluations=ev)


@pytest.fixture
def page(browser: Any, essay_page: Path) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 850}, offline=True)  # no network at all
    pg = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("request", lambda r: requests.append(r.url) if not r.url.startswith("file:") else None)
    pg.set_default_timeout(5000)
    pg.goto(essay_page.as_uri())
    pg.wait_for_selector('g.statement[data-id="thesis"]')
    yield pg
    assert errors == [], errors
    assert requests == [], f"the page asked the network for {requests}"
    context.close()


def _in_view(pg: Any, selector: str, pane: str) -> bool:
    return bool(
        pg.evaluate(
            """([sel, pane]) => { const r = document.querySelector(sel).getBoundingClientRect();
             const p = document.querySelector(pane).getBoundingClientRect();
             return r.height > 0 && r.top >= p.top - 1 && r.bottom <= p.bottom + 1; }""",
            [selector, pane],
        )
    )


def test_clicking_a_statement_highlights_its_quote_and_scrolls_it_into_view(page: Any, tmp_path: Path) -> None:
    quote = 'mark[data-ids~="hold-on"]'
    assert not _in_view(page, quote, "#sources")  # the quote is far down the essay at first
    page.click('g.statement[data-id="hold-on"]')
    assert page.eval_on_selector('g.statement[data-id="hold-on"]', "g => g.classList.contains('selected')")
    assert page.eval_on_selector_all(quote, "ms => ms.every(m => m.classList.contains('on'))")
    assert page.eval_on_selector_all("mark.on", "ms => ms.length") == page.eval_on_selector_all(quote, "ms => ms.length")
    assert _in_view(page, "mark.on", "#sources")
    details = page.inner_text("#details")
    assert "hold-on" in details and "Quoted from the source" in details and "supports" in details
    page.screenshot(path=str(tmp_path / "statement-selected.png"))


def test_clicking_a_passage_selects_and_centres_its_statement(page: Any, tmp_path: Path) -> None:
    page.click('mark[data-id="lovink"]')
    assert page.evaluate("argmapView.state().selected") == "lovink"
    assert "Geert Lovink" in page.inner_text("#details")
    centre = page.evaluate(
        """() => { const r = document.querySelector('g.statement[data-id="lovink"]').getBoundingClientRect();
                   const m = document.getElementById('map').getBoundingClientRect();
                   return [(r.left + r.right) / 2 - (m.left + m.right) / 2, (r.top + r.bottom) / 2 - (m.top + m.bottom) / 2]; }"""
    )
    assert abs(centre[0]) < 5 and abs(centre[1]) < 5, centre
    page.screenshot(path=str(tmp_path / "passage-clicked.png"))


def test_switching_language_changes_the_labels_and_keeps_the_selection(page: Any, tmp_path: Path) -> None:
    label = 'g.statement[data-id="thesis"]'
    assert "Het sociale" in page.text_content(label)
    fitted = page.evaluate("argmapView.state().viewBox")
    page.click(label)
    page.select_option("#lang", "en")
    assert "The social in social media" in page.text_content(label) and "Het sociale" not in page.text_content(label)
    assert page.inner_text("#map-title") == "What is still social about social media?"
    assert page.evaluate("argmapView.state()")["selected"] == "thesis"
    assert page.eval_on_selector(label, "g => g.classList.contains('selected')")
    page.screenshot(path=str(tmp_path / "english.png"))
    page.select_option("#lang", "nl")
    assert "Het sociale" in page.text_content(label)
    page.evaluate("argmapView.fit()")
    assert page.evaluate("argmapView.state().viewBox") == pytest.approx(fitted)  # the same drawing, fitted the same
    # back in a drawing shown before, a statement is still centred where it is drawn
    page.click('mark[data-id="lovink"]')
    centre = page.evaluate(
        """() => { const r = document.querySelector('g.statement[data-id="lovink"]').getBoundingClientRect();
                   const m = document.getElementById('map').getBoundingClientRect();
                   return [(r.left + r.right) / 2 - (m.left + m.right) / 2, (r.top + r.bottom) / 2 - (m.top + m.bottom) / 2]; }"""
    )
    assert abs(centre[0]) < 5 and abs(centre[1]) < 5, centre


def test_search_filters_and_focus_fade_the_rest(page: Any) -> None:
    page.fill("#search", "Lovink")
    hits = page.eval_on_selector_all("g.statement.hit", "gs => gs.map(g => g.dataset.id)")
    assert "lovink" in hits and "thesis" not in hits
    assert page.eval_on_selector('g.statement[data-id="thesis"]', "g => g.classList.contains('faded')")
    assert page.inner_text("#count") == f"{len(hits)} of 51 shown"
    page.fill("#search", "")
    page.select_option("#f-holder", "critics")
    faded = page.eval_on_selector_all("g.statement:not(.faded)", "gs => gs.map(g => g.dataset.id)")
    assert "critics-product" in faded and "thesis" not in faded
    page.select_option("#f-holder", "")
    page.click('g.statement[data-id="thesis"]')
    page.check("#focus")
    page.fill("#k", "1")
    near = set(page.eval_on_selector_all("g.statement:not(.faded)", "gs => gs.map(g => g.dataset.id)"))
    assert near == {"thesis", "sharing-lost", "not-tools", "mentality", "hold-on", "lovink"}


def test_keyboard_moves_between_connected_statements_and_zooms(page: Any) -> None:
    fitted = page.evaluate("argmapView.state().viewBox.w")
    page.click('g.statement[data-id="thesis"]')
    page.focus("#map")
    page.keyboard.press("ArrowDown")
    below = page.evaluate("argmapView.state().selected")
    assert below in {"sharing-lost", "not-tools", "mentality", "hold-on", "lovink"}
    page.keyboard.press("ArrowUp")
    assert page.evaluate("argmapView.state().selected") == "thesis"
    width = page.evaluate("argmapView.state().viewBox.w")
    page.keyboard.press("+")
    assert page.evaluate("argmapView.state().viewBox.w") < width
    assert width < fitted  # moving to a statement too small to read zoomed in on it
    page.keyboard.press("0")
    assert page.evaluate("argmapView.state().viewBox.w") == pytest.approx(fitted, rel=0.01)
    page.keyboard.press("Escape")
    assert page.evaluate("argmapView.state().selected") is None


def test_the_overlay_colours_statements_and_explains_the_selected_one(page: Any) -> None:
    page.select_option("#overlay", "grounded")
    assert page.eval_on_selector('g.statement[data-id="thesis"]', "g => g.classList.contains('ov-in')")
    page.click('g.statement[data-id="thesis"]')
    assert "every attack on it fails" in page.inner_text("#details")
    page.select_option("#overlay", "dfquad")
    fill = page.eval_on_selector('g.statement[data-id="thesis"] > rect', "p => p.style.fill")  # the box, a <rect> in the page
    assert fill.startswith("rgb(") or fill.startswith("hsl(")
    assert "strength 0." in page.inner_text("#details")


def test_an_unanchored_statement_says_so(browser: Any, tmp_path: Path) -> None:
    m = argmap.ArgumentMap.model_validate(
        {
            "sources": [{"id": "s", "text": "Cats purr. Dogs bark."}],
            "statements": [
                {"id": "c", "claim": "Cats purr.", "anchors": [{"source": "s", "quote": "Cats purr."}]},
                {"id": "u", "claim": "An analyst's premise."},
            ],
            "relations": [{"support": "u", "target": "c"}],
        }
    )
    pg = browser.new_page()
    pg.goto(write_view(m, tmp_path / "small.html", evaluations={}).as_uri() + "#u")
    assert pg.evaluate("argmapView.state().selected") == "u"
    assert "Not anchored" in pg.inner_text("#details")
    pg.close()


COLLAPSIBLE = {
    "main_claim": "m",
    "statements": [
        {"id": "m", "claim": "The main claim."},
        {"id": "x", "claim": "A reason."},
        {"id": "y", "claim": "Another reason."},
        {"id": "a", "claim": "Why x holds."},
        {"id": "b", "claim": "Why a holds."},
        {"id": "c", "claim": "Supports x and y both."},
        {"id": "o", "claim": "An objection to x."},
        {"id": "u", "claim": "Undercuts a's support of x."},
    ],
    "relations": [
        {"id": "rx", "support": "x", "target": "m"},
        {"id": "ry", "support": "y", "target": "m"},
        {"id": "ra", "support": "a", "target": "x"},
        {"id": "rb", "support": "b", "target": "a"},
        {"id": "rcx", "support": "c", "target": "x"},
        {"id": "rcy", "support": "c", "target": "y"},
        {"id": "ro", "attack": "o", "target": "x"},
        {"id": "ru", "undercut": "u", "target": "ra"},
    ],
}


def _boxes(pg: Any, ids: list[str]) -> dict[str, list[float]]:
    return dict(
        pg.evaluate(
            """(ids) => Object.fromEntries(ids.map(id => {
             const r = document.querySelector(`g.statement[data-id="${id}"] > rect`).getBoundingClientRect();
             return [id, [r.x, r.y, r.width, r.height]]; }))""",
            ids,
        )
    )


def _visible(pg: Any) -> set[str]:
    return set(
        pg.eval_on_selector_all("g.statement", "gs => gs.filter(g => getComputedStyle(g).visibility !== 'hidden').map(g => g.dataset.id)")
    )


def test_collapsing_hides_only_what_argues_for_the_statement_alone_and_nothing_moves(browser: Any, tmp_path: Path) -> None:
    m = argmap.ArgumentMap.model_validate(COLLAPSIBLE)
    pg = browser.new_page(viewport={"width": 1200, "height": 800})
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(write_view(m, tmp_path / "collapse.html", evaluations={}).as_uri())
    everyone = {s["id"] for s in COLLAPSIBLE["statements"]}  # type: ignore[union-attr]
    assert _visible(pg) == everyone
    assert pg.is_disabled("#collapse")  # nothing selected
    before = _boxes(pg, ["m", "x", "y", "c"])
    pg.click('g.statement[data-id="x"]')
    pg.focus("#map")
    pg.keyboard.press("c")
    # a, b (below a), o and u (undercutting a's support) only argue about x; c also supports y and stays
    assert _visible(pg) == {"m", "x", "y", "c"}
    state = pg.evaluate("argmapView.state()")
    assert state["collapsed"] == ["x"] and set(state["hidden"]) == {"a", "b", "o", "u"}
    assert pg.text_content('g.statement[data-id="x"] g.badge > text') == "+4"
    assert pg.inner_text("#collapse") == "Expand" and pg.get_attribute("#collapse", "aria-pressed") == "true"
    assert "4 statements below it are hidden" in pg.inner_text("#details")
    assert "4 collapsed" in pg.inner_text("#count")
    hidden_edges = pg.eval_on_selector_all(
        "g.relation.collapsed-away, g.relation-part.collapsed-away", "gs => gs.map(g => g.dataset.id).sort()"
    )
    assert set(hidden_edges) == {"ra", "rb", "ro", "ru"}
    assert _boxes(pg, ["m", "x", "y", "c"]) == before  # the layout stays put
    pg.screenshot(path=str(tmp_path / "collapsed.png"))
    # the arrow keys skip what is hidden
    pg.keyboard.press("ArrowDown")
    assert pg.evaluate("argmapView.state().selected") == "c"
    # clicking the badge expands
    pg.click('g.statement[data-id="x"] g.badge')
    assert _visible(pg) == everyone and pg.query_selector("g.badge") is None
    assert pg.evaluate("argmapView.state().collapsed") == []
    # collapsing the main claim hides everything but what has a way out (nothing here); the button does it too
    pg.click('g.statement[data-id="m"]')
    pg.click("#collapse")
    assert _visible(pg) == {"m"} and pg.text_content('g.statement[data-id="m"] g.badge > text') == "+7"
    pg.click("#collapse")
    assert _visible(pg) == everyone
    assert errors == []
    pg.close()


def test_collapse_in_the_essay_keeps_the_selected_statement_and_survives_a_language_switch(page: Any, tmp_path: Path) -> None:
    page.click('g.statement[data-id="sharing-lost"]')
    page.click("#collapse")
    hidden = set(page.evaluate("argmapView.state().hidden"))
    assert {"instagram-twitter", "users-lose", "boxes"} <= hidden and "thesis" not in hidden
    assert not (hidden & _visible(page))
    page.select_option("#lang", "en")
    assert set(page.evaluate("argmapView.state().hidden")) == hidden and not (hidden & _visible(page))
    assert page.query_selector('g.statement[data-id="sharing-lost"] g.badge') is not None
    page.screenshot(path=str(tmp_path / "essay-collapsed.png"))
    page.click("#collapse")
    assert page.evaluate("argmapView.state().hidden") == []


def _shot(pg: Any, tmp_path: Path, name: str) -> None:
    pg.screenshot(path=str(tmp_path / name))
    if os.environ.get("ARGMAP_GALLERY") == "1":
        pg.screenshot(path=str(GALLERY / name))


def test_a_passage_too_small_to_read_opens_its_statement_legibly(page: Any, tmp_path: Path) -> None:
    _shot(page, tmp_path, "essay-nl.png")
    legible = "() => { const s = argmapView.state(); return 15 * document.getElementById('map').clientWidth / s.viewBox.w; }"
    assert page.evaluate(legible) < 9  # fitted, the essay's 15-pt text is a few pixels high
    page.click('mark[data-id="mentality"]')
    assert page.evaluate("argmapView.state().selected") == "mentality"
    assert page.evaluate(legible) >= 9  # centred and zoomed in to a size one can read
    assert page.eval_on_selector_all('mark[data-ids~="mentality"]', "ms => ms.length >= 2 && ms.every(m => m.classList.contains('on'))")
    _shot(page, tmp_path, "essay-nl-selected.png")
    page.select_option("#lang", "en")
    page.select_option("#overlay", "grounded")
    assert "Organisations must change" in page.inner_text("#details")
    _shot(page, tmp_path, "essay-en-grounded.png")
    page.select_option("#overlay", "")
    page.fill("#search", "organisations")
    assert page.eval_on_selector_all("g.statement.hit", "gs => gs.length") >= 3
    _shot(page, tmp_path, "essay-en-search.png")
    page.fill("#search", "")
    page.select_option("#lang", "nl")
    page.click('g.statement[data-id="not-tools"]')
    page.keyboard.press("c")
    assert page.evaluate("argmapView.state().collapsed") == ["not-tools"]
    _shot(page, tmp_path, "essay-nl-collapsed.png")


def test_a_large_map_keeps_only_what_is_near_the_view_and_draws_text_only_when_legible(browser: Any, tmp_path: Path) -> None:
    n = 700  # above the 500 statements from which the page virtualises and drops text when it is too small
    m = argmap.ArgumentMap.model_validate(
        {
            "main_claim": "s0",
            "language": "en",
            "sources": [{"id": "src", "text": " ".join(f"Statement number {i} says something." for i in range(n))}],
            "statements": [
                {
                    "id": f"s{i}",
                    "claim": {"en": f"Statement number {i} says something.", "nl": f"Stelling {i}."},
                    "anchors": [{"source": "src", "quote": f"number {i} says"}],
                }
                for i in range(n)
            ],
            "relations": [{"id": f"r{i}", "support": f"s{i}", "target": f"s{(i - 1) // 4}"} for i in range(1, n)],
        }
    )
    path = write_view(m, tmp_path / "large.html", evaluations={})
    assert 'class="map lod"' in path.read_text(encoding="utf-8")  # opens without text: fitted, it would be sub-pixel
    pg = browser.new_page(viewport={"width": 1400, "height": 850})
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(path.as_uri())
    pg.wait_for_function("window.argmapView && window.argmapView.ready")
    attached = "() => document.querySelectorAll('#map g.statement').length"
    assert pg.evaluate("document.getElementById('map').classList.contains('lod')")
    assert pg.evaluate(attached) == n  # fitted, everything is near the view
    assert pg.evaluate("getComputedStyle(document.querySelector('#map g.statement > text')).display") == "none"
    # a passage opens its statement at a legible size; far-away statements leave the document, text is drawn
    pg.click('mark[data-id="s650"]')
    assert pg.evaluate("argmapView.state().selected") == "s650"
    assert not pg.evaluate("document.getElementById('map').classList.contains('lod')")
    near = pg.evaluate(attached)
    assert 0 < near < n / 2, near
    assert pg.evaluate("getComputedStyle(document.querySelector('g.statement[data-id=\"s650\"] > text')).display") != "none"
    # a statement far away comes back into the document when selected, centred on screen
    pg.evaluate("argmapView.select('s3', {centre: true})")
    centre = pg.evaluate(
        """() => { const r = document.querySelector('g.statement[data-id="s3"] > rect').getBoundingClientRect();
                   const m = document.getElementById('map').getBoundingClientRect();
                   return [(r.left + r.right) / 2 - (m.left + m.right) / 2, (r.top + r.bottom) / 2 - (m.top + m.bottom) / 2]; }"""
    )
    assert abs(centre[0]) < 5 and abs(centre[1]) < 5, centre
    # dragging moves the drawing with the pointer, also past the margin drawn around the view
    before = pg.evaluate("document.querySelector('g.statement[data-id=\"s3\"] > rect').getBoundingClientRect().x")
    box = pg.locator("#map").bounding_box()
    assert box is not None
    x, y = box["x"] + 200, box["y"] + 200
    pg.mouse.move(x, y)
    pg.mouse.down()
    for i in range(1, 21):
        pg.mouse.move(x + 10 * i, y)
    pg.mouse.up()
    pg.wait_for_timeout(50)
    after = pg.evaluate("document.querySelector('g.statement[data-id=\"s3\"] > rect').getBoundingClientRect().x")
    assert after - before == pytest.approx(200, abs=2)
    pg.evaluate("argmapView.zoom(0.5)")
    width = pg.evaluate("argmapView.state().viewBox.w")
    pg.mouse.move(x, y)
    pg.mouse.down()
    for i in range(1, 41):
        pg.mouse.move(x + 60 * i, y)  # 2,400 px: more than the screen of margin
    pg.mouse.up()
    assert pg.evaluate("argmapView.state().viewBox.w") == width
    # collapsing on a large map: the badge sits on the statement's box
    pg.evaluate("argmapView.select('s1', {centre: true})")
    assert pg.evaluate("argmapView.collapse('s1')") > 100
    corner = "(sel) => { const r = document.querySelector(sel).getBoundingClientRect(); return [r.x, r.y, r.right, r.top]; }"
    badge = pg.evaluate(corner, 'g.statement[data-id="s1"] g.badge')
    rect = pg.evaluate(corner, 'g.statement[data-id="s1"] > rect')[2:]
    assert abs(badge[1] + 12 - rect[1]) < 20 and abs(badge[0] - rect[0]) < 60, (badge, rect)
    # another language and back: every part of the drawing comes back with it
    pg.select_option("#lang", "nl")
    assert "Stelling 1." in pg.text_content('g.statement[data-id="s1"]')
    pg.select_option("#lang", "en")
    pg.evaluate("argmapView.expand('s1'); argmapView.fit()")
    assert pg.evaluate(attached) == n
    assert errors == []
    pg.close()


def _chain_is_real(m: argmap.ArgumentMap, chain: list[str]) -> bool:
    """Each statement of the chain argues for the next (directly, or by undercutting a relation into it); it ends at the main claim."""
    rels = {r.id: r for r in m.relations}

    def up(r: Any) -> str:
        while r.target in rels:
            r = rels[r.target]
        return str(r.target)

    return chain[-1] == m.main_claim and all(
        any(a in r.premises and up(r) == b for r in m.relations if r.type != "preference") for a, b in itertools.pairwise(chain)
    )


_MINI_PIXEL = """([x, y]) => Array.from(document.getElementById('minimap').getContext('2d')
  .getImageData(Math.round(x), Math.round(y), 1, 1).data.slice(0, 3))"""
_MINI_PATH_PIXELS = """() => { const c = document.getElementById('minimap');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i] === 245 && d[i + 1] === 159 && d[i + 2] === 0) n++; return n; }"""


def test_the_minimap_and_the_map_show_the_path_from_a_deep_statement_to_the_main_claim(page: Any, tmp_path: Path) -> None:
    m = argmap.load(ESSAY)
    page.evaluate("() => window.argmapView.fit()")
    page.wait_for_timeout(150)
    assert page.evaluate(_MINI_PATH_PIXELS) == 0  # nothing selected: no path
    page.click('g.statement[data-id="blocked"]')  # five levels down, under an undercut
    page.wait_for_timeout(150)
    chain = page.evaluate("() => window.argmapView.state().path")
    assert chain == ["blocked", "reality", "work", "mentality", "thesis"] and _chain_is_real(m, chain)
    marked = page.eval_on_selector_all("g.statement.on-path", "gs => gs.map(g => g.dataset.id)")
    assert sorted(marked) == sorted(chain[1:])  # the selected statement is marked as selected, not as path
    assert page.eval_on_selector('g.statement[data-id="blocked"]', "g => g.classList.contains('selected')")
    edges = set(page.eval_on_selector_all("g.edge.on-path, g.on-path[id^='relation-']", "gs => gs.map(g => g.id)"))
    assert {"relation-blocked.reality", "relation-reality.mission", "relation-mission.work-target", "relation-work.mentality"} <= edges
    assert "relation-mission.work-premise-0" not in edges  # the undercut relation's premise (mission) is not on the path
    on_path = ("relation-blocked.", "relation-reality.", "relation-mission.work", "relation-work.", "relation-mentality.")
    assert all(e.startswith(on_path) for e in edges), edges
    # the minimap: every box on the path in the path's colour, the selected one in the accent, others grey
    accent, path_colour, grey = [217, 72, 15], [245, 159, 0], [134, 142, 150]
    for sid in chain:
        xy = page.evaluate("id => window.argmapView.miniAt(id)", sid)
        assert page.evaluate(_MINI_PIXEL, xy) == (accent if sid == "blocked" else path_colour), sid
    assert page.evaluate(_MINI_PIXEL, page.evaluate("id => window.argmapView.miniAt(id)", "hashtag-spam")) == grey
    assert page.evaluate(_MINI_PATH_PIXELS) > 30  # boxes and the line between them
    details = page.inner_text("#details")
    assert "Up to the main claim: thesis \u203a mentality \u203a work \u203a reality" in details
    _shot(page, tmp_path, "essay-nl-path.png")
    page.evaluate("() => window.argmapView.setLang('en')")  # the new drawing is marked; nothing stale is left
    page.wait_for_timeout(150)
    assert sorted(page.eval_on_selector_all("g.statement.on-path", "gs => gs.map(g => g.dataset.id)")) == sorted(chain[1:])
    page.evaluate("() => window.argmapView.fit()")
    page.wait_for_timeout(150)
    page.click('g.statement[data-id="thesis"]')  # the main claim itself: no path
    page.wait_for_timeout(150)
    assert page.evaluate("() => window.argmapView.state().path") == ["thesis"]
    assert page.eval_on_selector_all(".on-path", "gs => gs.length") == 0 and page.evaluate(_MINI_PATH_PIXELS) == 0
    page.click('g.statement[data-id="we-move-on"]')
    page.keyboard.press("Escape")
    assert page.eval_on_selector_all(".on-path", "gs => gs.length") == 0
