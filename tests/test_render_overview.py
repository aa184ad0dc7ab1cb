"""The overview slide, measured from the SVG: the essay's whole map at >= 18 px at 1920x1080, 16:9 +-10%."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring

import argmap
from argmap.render import SlideFitWarning, render, slide_fit
from argmap.render.fit import OVERVIEW_MIN_PX

NS = "{http://www.w3.org/2000/svg}"
ESSAY = Path(__file__).resolve().parents[1] / "examples" / "social_media" / "social-media.argmap.yaml"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_essays_whole_map_is_one_legible_slide(lang: str) -> None:
    if not ESSAY.exists():
        pytest.skip("the essay map examples/social_media/social-media.argmap.yaml is not in this checkout")
    m = argmap.load(ESSAY)
    with warnings.catch_warnings():
        warnings.simplefilter("error", SlideFitWarning)
        svg = render(m, preset="overview", lang=lang)
    fit = slide_fit(svg, screen=(1920, 1080))
    assert abs(fit.aspect - 16 / 9) <= 0.10 * 16 / 9, f"aspect {fit.aspect:.3f}"
    assert fit.min_label_px >= OVERVIEW_MIN_PX, f"smallest label {fit.min_label_px:.1f} px"
    root = fromstring(svg)
    drawn = {g.get("data-id") for g in root.iter(NS + "g") if g.get("data-id")}
    assert {s.id for s in m.statements} <= drawn and {r.id for r in m.relations} <= drawn, "every statement and relation"


def test_a_map_too_big_for_the_overview_says_so() -> None:
    b = argmap.MapBuilder()
    c = b.claim("Main", main=True)
    for i in range(90):
        b.support(b.evidence(f"Evidence {i} with a few words."), c)
    with pytest.warns(SlideFitWarning, match=r"needs 18"), warnings.catch_warnings():
        warnings.simplefilter("ignore", argmap.render.MissingTitleWarning)
        render(b.build(), preset="overview")
