"""Label modes (text, title, both), the legend of what a map holds, responsive SVG, preferences between relations."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring

import argmap
from argmap.render import MissingTitleWarning, render

NS = "{http://www.w3.org/2000/svg}"
FIXTURES = Path(__file__).resolve().parent / "formats" / "fixtures"
LONG = "Organisations change slowly, and social media show it more clearly than anything else does today."


def _map() -> argmap.ArgumentMap:
    return argmap.ArgumentMap.model_validate(
        {
            "language": "en",
            "main_claim": "c",
            "statements": [
                {"id": "c", "claim": {"en": "The social is in people.", "nl": "Het sociale zit in mensen."},
                 "title": {"en": "People", "nl": "Mensen"}},
                {"id": "e", "evidence": "Tool after tool, the same story.", "title": "Same story"},
                {"id": "u", "claim": LONG},
                {"id": "o", "claim": "It is the tools after all.", "holder": "critics", "title": "Tools"},
            ],
            "relations": [
                {"id": "s1", "support": "e", "target": "c"},
                {"id": "a1", "attack": "o", "target": "c"},
                {"id": "s2", "support": "u", "target": "o"},
            ],
        }
    )  # fmt: skip


def _texts(svg: bytes, sid: str) -> list[str]:
    root = fromstring(svg)
    box = next(g for g in root.iter(NS + "g") if g.get("data-id") == sid and "statement" in g.get("class", ""))
    return [(t.text or "").strip() for t in box.iter(NS + "text")]


def _bold(svg: bytes, sid: str) -> list[str]:
    root = fromstring(svg)
    box = next(g for g in root.iter(NS + "g") if g.get("data-id") == sid and "statement" in g.get("class", ""))
    return [(t.text or "").strip() for t in box.iter(NS + "text") if t.get("font-weight") == "bold"]


def test_title_mode_shows_titles_in_the_language_and_warns_about_the_rest() -> None:
    with pytest.warns(MissingTitleWarning, match=r"1 of 4 statements have no title in 'en'.*: u "):
        svg = render(_map(), labels="title")
    assert "People" in _texts(svg, "c") and not any("social is in people" in t for t in _texts(svg, "c"))
    cut = " ".join(_texts(svg, "u")[1:])
    assert cut.endswith("…") and LONG.startswith(cut[:-1].strip()), "an untitled statement shows its text cut at a word"
    assert LONG.split()[len(cut[:-1].split()) - 1] == cut[:-1].split()[-1], "the cut falls between whole words"
    with warnings.catch_warnings():
        warnings.simplefilter("error", MissingTitleWarning)
        svg_nl = render(_map().model_copy(), labels="title", lang="nl", focus="c", k=0)
    assert "Mensen" in _texts(svg_nl, "c")


def test_both_mode_puts_the_bold_title_above_the_text() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MissingTitleWarning)
        svg = render(_map(), labels="both")
    lines = _texts(svg, "e")
    assert lines[0] == "EVIDENCE" and lines[1] == "Same story" and "Tool after tool, the same story." in " ".join(lines[2:])
    assert _bold(svg, "e") == ["Same story"]


def test_both_mode_does_not_warn_of_text_cut_short_it_shows_whole() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        svg = render(_map(), labels="both")
    assert not [w for w in caught if issubclass(w.category, MissingTitleWarning)], [str(w.message) for w in caught]
    assert LONG.split()[-1] in " ".join(_texts(svg, "u")), "the untitled statement shows its whole text"
    with pytest.warns(MissingTitleWarning):  # title mode, where the text is cut, still says so
        render(_map(), labels="title")


def test_text_mode_is_the_default_and_overview_drops_the_kind_line() -> None:
    svg = render(_map())
    assert "Same story" not in " ".join(_texts(svg, "e"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        overview = render(_map(), preset="overview")
    assert _texts(overview, "e") == ["Same story"]


def test_bad_label_mode_is_a_clear_error() -> None:
    with pytest.raises(argmap.errors.InvalidOptionError, match="labels must be text, title or both"):
        render(_map(), labels="titles")


def test_legend_shows_only_what_the_map_holds_and_names_what_an_undercut_hits() -> None:
    data = _map().model_dump(mode="json", exclude_none=True)
    data["statements"].append({"id": "x", "claim": "Not for that reason."})
    data["relations"].append({"id": "uc", "undercut": "x", "target": "a1"})
    m = argmap.ArgumentMap.model_validate(data)
    legend = " ".join(fromstring(render(m, legend=True)).find(f".//{NS}g[@id='legend']").itertext())
    assert "undercuts an attack's inference" in legend and "undercuts a support" not in legend
    assert "evidence" in legend and "held by others" in legend and "main claim" in legend
    assert "rephrases" not in legend and "linked premises" not in legend
    nl = " ".join(fromstring(render(m, legend=True, lang="nl")).find(f".//{NS}g[@id='legend']").itertext())
    assert "ondermijnt de gevolgtrekking van een aanval" in nl
    data["statements"] = [s for s in data["statements"] if s["id"] != "o"] + [{"id": "o", "claim": "Tools."}]
    data["relations"] = [{"id": "s1", "support": ["e", "u"], "target": "c"}, {"id": "a1", "attack": "o", "target": "c"}]
    linked = " ".join(fromstring(render(argmap.ArgumentMap.model_validate(data), legend=True)).find(f".//{NS}g[@id='legend']").itertext())
    assert "linked premises: they count only together" in linked
    assert "held by others" not in linked and "undercuts" not in linked


def test_svg_scales_to_its_container_unless_asked_to_keep_its_size() -> None:
    root = fromstring(render(_map()))
    assert root.get("width") == "100%" and root.get("height") is None and root.get("viewBox")
    assert root.get("preserveAspectRatio") == "xMidYMid meet"
    fixed = fromstring(render(_map(), responsive=False))
    assert fixed.get("width", "").endswith("pt") and fixed.get("height", "").endswith("pt")


def test_responsive_svg_still_converts_to_a_sensible_png() -> None:
    cairosvg = pytest.importorskip("cairosvg")
    from PIL import Image

    svg = render(_map())
    box = [float(v) for v in fromstring(svg).get("viewBox").split()]
    png = Image.open(io.BytesIO(cairosvg.svg2png(bytestring=svg)))
    assert abs(png.width - box[2]) <= 2 and abs(png.height - box[3]) <= 2
    assert render(_map(), "png")[:4] == b"\x89PNG"


def test_a_preference_between_two_relations_renders() -> None:
    m = argmap.load(FIXTURES / "sample.aif.json")
    prefs = [r for r in m.relations if r.type == "preference"]
    assert prefs and any(m.has_relation(p) for r in prefs for p in r.premises)
    root = fromstring(render(m, legend=True))
    for r in prefs:
        drawn = {f"relation-{r.id}-premise-0", f"relation-{r.id}"} & {g.get("id") for g in root.iter(NS + "g")}
        assert drawn, f"preference {r.id} is drawn"
    assert "is preferred to" in " ".join(root.find(f".//{NS}g[@id='legend']").itertext())
    data = {"statements": [{"id": "a", "claim": "A"}, {"id": "b", "claim": "B"}, {"id": "c", "claim": "C"}],
            "relations": [{"id": "r1", "support": "a", "target": "c"}, {"id": "r2", "attack": "b", "target": "c"},
                          {"id": "r3", "type": "preference", "premises": "r1", "target": "r2"}]}  # fmt: skip
    svg = render(argmap.ArgumentMap.model_validate(data))
    ids = {g.get("id") for g in fromstring(svg).iter(NS + "g")}
    assert {"relation-r1", "relation-r2", "relation-r3"} <= ids


@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_legend_draws_through_cairo_without_graphviz_complaints(fmt: str) -> None:
    # The legend's swatches once held a 1 pt space, which Pango refuses in PNG and PDF ("Pango-CRITICAL").
    from argmap.render.output import GraphvizWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = render(_map(), fmt, legend=True)
    assert out.startswith(b"\x89PNG" if fmt == "png" else b"%PDF")
    assert not [w for w in caught if issubclass(w.category, GraphvizWarning)], [str(w.message)[:200] for w in caught]


@pytest.mark.parametrize("legend", [True, False])
@pytest.mark.parametrize("headers", [True, False])
@pytest.mark.parametrize("labels", ["text", "title", "both"])
@pytest.mark.parametrize("overlay", [None, {"c": "IN", "o": "OUT", "u": "UNDEC"}, {"c": 0.9, "e": 0.1}])
def test_every_label_option_combination_draws(legend: bool, headers: bool, labels: str, overlay: dict[str, object] | None) -> None:
    # Graphviz refuses an empty <FONT></FONT>: an overlay badge without headers once made every render fail
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MissingTitleWarning)
        root = fromstring(render(_map(), headers=headers, labels=labels, overlay=overlay, legend=legend))
    statements = [g for g in root.iter(f"{NS}g") if "statement" in (g.get("class") or "")]
    groups = {g.get("data-id"): "".join(t.text or "" for t in g.iter(f"{NS}text")) for g in statements}
    assert set(groups) == {"c", "e", "u", "o"}
    assert ("EVIDENCE" in groups["e"].upper()) is headers and ("critics" in groups["o"]) is headers
    for key, value in (overlay or {}).items():
        assert (value if isinstance(value, str) else f"{value:.2f}") in groups[key]
    assert any("Legend" in (t.text or "") for t in root.iter(f"{NS}text")) is legend
