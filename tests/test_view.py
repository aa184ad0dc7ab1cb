"""The interactive view as a file: self-contained, escaped, the quotes marked, the CLI and the notebook display."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

import argmap
from argmap.cli import app
from argmap.view import MapView, build_view, evaluations_for, map_html, write_view
from argmap.view._source import source_html

ESSAY = Path(__file__).parent.parent / "examples" / "social_media" / "social-media.argmap.yaml"
EVIL = "</script><script>alert(1)</script><img src=x onerror=alert(2)>&amp;"


def _evil_map() -> argmap.ArgumentMap:
    return argmap.ArgumentMap.model_validate(
        {
            "title": EVIL,
            "main_claim": "c",
            "language": "en",
            "sources": [{"id": "s", "title": EVIL, "text": f"Intro {EVIL} and more. Cats purr."}],
            "statements": [
                {
                    "id": "c",
                    "claim": {"en": EVIL, "nl": "Katten <zijn> goed."},
                    "note": EVIL,
                    "tags": ["x"],
                    "anchors": [{"source": "s", "quote": EVIL}],
                },
                {
                    "id": "e",
                    "evidence": "Cats purr.",
                    "evidence_type": "example",
                    "holder": EVIL,
                    "anchors": [{"source": "s", "quote": "Cats purr."}],
                },
                {"id": "u", "claim": "Unanchored."},
            ],
            "relations": [{"support": "e", "target": "c"}, {"attack": "u", "target": "c"}],
        }
    )


def _data(page: str) -> dict:  # type: ignore[type-arg]
    match = re.search(r'<script id="argmap-data" type="application/json">(.*?)</script>', page, re.S)
    assert match
    return json.loads(match.group(1))  # type: ignore[no-any-return]


def test_page_is_self_contained_and_user_text_never_becomes_markup() -> None:
    page = build_view(_evil_map(), evaluations=evaluations_for(_evil_map(), ["grounded"]))
    assert "alert(1)</script>" not in page and "<img src=x" not in page
    # exactly two script elements: the data and the view's own script; no external resource at all
    assert page.count("<script") == 2 and page.count("</script>") == 2
    assert not re.search(r'\b(?:src|href)="(?:https?:)?//', page) and "@import" not in page
    data = _data(page)
    assert data["statements"][0]["text"]["en"] == EVIL  # the JSON keeps the text exactly
    assert data["evaluations"]["grounded"]["values"] == {"c": "OUT", "e": "IN", "u": "IN"}
    assert "<title>&lt;/script&gt;" in page  # the page title is escaped too


def test_quotes_are_marked_at_their_offsets_and_escaped() -> None:
    m = _evil_map()
    text = source_html(m, "s")
    marks = re.findall(r'<mark data-id="([^"]+)" data-ids="[^"]+" tabindex="0">(.*?)</mark>', text)
    assert marks == [
        ("c", "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&amp;amp;"),
        ("e", "Cats purr."),
    ]
    assert re.sub(r"<[^>]+>", "", text).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == m.sources[0].text


def test_overlapping_anchors_mark_each_piece_with_every_statement() -> None:
    m = argmap.ArgumentMap.model_validate(
        {
            "sources": [{"id": "s", "text": "one two three four"}],
            "statements": [
                {"id": "a", "claim": "A.", "anchors": [{"source": "s", "quote": "one two three"}]},
                {"id": "b", "claim": "B.", "anchors": [{"source": "s", "quote": "two"}]},
            ],
        }
    )
    assert source_html(m, "s") == (
        '<mark data-id="a" data-ids="a" tabindex="0">one </mark><mark data-id="b" data-ids="b a" tabindex="0">two</mark>'
        '<mark data-id="a" data-ids="a" tabindex="0"> three</mark> four'
    )


def test_every_language_is_drawn_by_the_renderer() -> None:
    m = argmap.load(ESSAY)
    page = build_view(m, evaluations={})
    assert '<template id="drawing-en">' in page and 'lang="nl"' in page
    assert page.count('data-id="thesis"') >= 3  # the Dutch drawing, the English one, and its quote in the source
    assert 'class="node statement claim main" data-id="thesis"' in page
    shown, english = page[page.index('id="map"') : page.index("<template")], page[page.index("<template") : page.index("</template>")]
    assert "Het sociale in social" in shown and "The social in social" not in shown
    assert "The social in social" in english and "Het sociale in social" not in english


def test_cli_view_writes_the_page_and_prints_its_path(tmp_path: Path) -> None:
    out = tmp_path / "essay.view.html"
    result = CliRunner().invoke(app, ["view", str(ESSAY), "-o", str(out), "--no-open", "--evaluate", "grounded,dfquad"])
    assert result.exit_code == 0, result.output
    assert str(out.resolve()) in result.output.replace("\n", "")
    data = _data(out.read_text(encoding="utf-8"))
    assert set(data["evaluations"]) == {"grounded", "dfquad"}
    assert "IN under grounded" in data["evaluations"]["grounded"]["explanations"]["thesis"]
    assert data["languages"] == ["nl", "en"]


def test_cli_view_names_an_unknown_semantics(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["view", str(ESSAY), "-o", str(tmp_path / "x.html"), "--no-open", "--evaluate", "nonsense"])
    assert result.exit_code == 2 and "--evaluate: unknown semantics 'nonsense'" in result.output  # a usage error, as for render
    assert not (tmp_path / "x.html").exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes and inodes")
def test_the_view_replaces_a_page_atomically_keeping_its_mode(tmp_path: Path) -> None:
    """The page is made whole beside the old one and renamed into place: a reader of the old page never sees half of it."""
    m = argmap.load(ESSAY)
    out = tmp_path / "essay.html"
    out.write_text("old page\n", encoding="utf-8")
    out.chmod(0o640)
    with out.open(encoding="utf-8") as reader:  # opened before the write: an in-place write would truncate what it reads
        write_view(m, out, evaluations={})
        assert reader.read() == "old page\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    out.write_text("older page\n", encoding="utf-8")
    out.chmod(0o604)
    with out.open(encoding="utf-8") as reader:  # and so does argmap view -o
        result = CliRunner().invoke(app, ["view", str(ESSAY), "-o", str(out), "--no-open", "--evaluate", "none"])
        assert result.exit_code == 0, result.output
        assert reader.read() == "older page\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o604 and "argmap-data" in out.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["essay.html"]  # no temporary file left behind


def test_cli_view_without_output_uses_a_temporary_file(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    result = CliRunner().invoke(app, ["view", str(ESSAY), "--evaluate", "none"])
    assert result.exit_code == 0, result.output
    assert len(opened) == 1 and opened[0].startswith("file://") and opened[0].endswith(".html")
    path = Path(opened[0].removeprefix("file://"))
    assert path.exists() and "argmap-data" in path.read_text(encoding="utf-8")
    path.unlink()


def test_notebook_repr_is_inline_responsive_svg_with_a_title() -> None:
    m = _evil_map()
    page = m._repr_html_()
    assert page is not None and page.startswith('<figure class="argmap"')
    assert re.search(r'<svg[^>]* width="100%"', page) and '<title id="argmap-title">' in page and "<?xml" not in page
    assert "<img src=x" not in page
    dutch = map_html(m, lang="nl")
    assert "Katten &lt;zijn&gt; goed." in dutch and "Katten <zijn>" not in dutch


def test_display_outside_ipython_returns_the_interactive_view() -> None:
    view = argmap.display(_evil_map(), lang="nl", interactive=True)
    assert isinstance(view, MapView)
    frame = view._repr_html_()
    assert frame.startswith('<iframe srcdoc="') and "<script" not in frame  # the page is escaped into the attribute
    assert "&lt;script id=&quot;argmap-data&quot;" in frame


def test_render_to_html_writes_the_view(tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    result = CliRunner().invoke(app, ["render", str(ESSAY), "-o", str(out), "--evaluate", "grounded", "--lang", "en"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert list(_data(page)["evaluations"]) == ["grounded"] and _data(page)["languages"] == ["en", "nl"]


def test_evaluation_results_display_as_tables() -> None:
    m = argmap.ArgumentMap.model_validate(
        {
            "statements": [{"id": "a", "claim": "A."}, {"id": "b", "claim": "B."}, {"id": "c", "claim": "C."}],
            "relations": [{"attack": "b", "target": "a"}, {"attack": "c", "target": "b"}, {"attack": "b", "target": "c"}],
        }
    )
    grounded = argmap.evaluate(m, "grounded")
    assert [(r["statement"], r["label"]) for r in grounded.rows()] == [("a", "UNDEC"), ("b", "UNDEC"), ("c", "UNDEC")]
    table = grounded._repr_html_()
    assert table.startswith('<table class="argmap-evaluation"><caption>grounded semantics</caption>')
    assert table.count("<tr>") == 4 and "<td>UNDEC</td>" in table
    preferred = argmap.evaluate(m, "preferred")
    assert [r["credulous"] for r in preferred.rows()] == [True, True, True]
    strengths = argmap.evaluate(m, "dfquad")
    assert f"<td>{strengths.rows()[0]['strength']:.3f}</td>" in strengths._repr_html_()


def test_to_pandas_needs_pandas_or_says_so() -> None:
    result = argmap.evaluate(argmap.ArgumentMap.model_validate({"statements": [{"id": "a", "claim": "A."}]}), "grounded")
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError, match="needs pandas"):
            result.to_pandas()
    else:
        frame = result.to_pandas()
        assert list(frame.index) == ["a"] and frame.loc["a", "label"] == "IN"


def test_the_overlays_explanations_stay_within_the_time_given(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each explanation labels the map again: under a Dung semantics it gets what is left of the overlay's time,
    # and one that runs out ends the explanations (they were unbounded: 60 s each by default).
    import argmap.semantics

    m = argmap.load(Path(__file__).resolve().parents[1] / "examples" / "example.argmap.yaml")
    seen: list[dict[str, object]] = []
    real = argmap.semantics.explain

    def spy(m: object, id: str, semantics: str, **options: object) -> object:  # noqa: A002
        seen.append({"semantics": semantics, **options})
        if len(seen) == 3:
            raise argmap.LimitExceededError("out of time")
        return real(m, id, semantics, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(argmap.semantics, "explain", spy)
    out = evaluations_for(m, ["grounded", "dfquad"], timeout=20.0, limit=50)
    grounded = [s for s in seen if s["semantics"] == "grounded"]
    assert len(grounded) == 3 and len(out["grounded"]["explanations"]) == 2  # stopped at the one that ran out
    assert all(0 < float(s["timeout"]) <= 20.0 and s["limit"] == 50 for s in grounded)  # type: ignore[arg-type]
    assert [s for s in seen if s["semantics"] == "dfquad"] and all("timeout" not in s for s in seen if s["semantics"] == "dfquad")
    assert out["dfquad"]["explanations"]
