"""The slide rule, computed from the SVG: aspect ratio within 16:9 +-30%, every label >= 14 px at 1920x1080."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import argmap
from argmap.render import SlideFitWarning, render, slide_fit
from argmap.render.fit import MIN_LABEL_PX

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "example.argmap.yaml"


def _example() -> argmap.ArgumentMap:
    return argmap.load(EXAMPLE)


def _measure(svg: bytes) -> tuple[float, float]:
    fit = slide_fit(svg, screen=(1920, 1080))
    return fit.aspect, fit.min_label_px


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_example_map_fits_a_slide(lang: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", SlideFitWarning)
        svg = render(_example(), preset="presentation", lang=lang)
    aspect, px = _measure(svg)
    assert abs(aspect - 16 / 9) <= 0.3 * 16 / 9, f"aspect {aspect:.2f}"
    assert px >= MIN_LABEL_PX, f"smallest label {px:.1f} px"


def test_without_fit_a_wide_map_breaks_the_rule_and_fit_repairs_it() -> None:
    b = argmap.MapBuilder(title="Many reasons")
    c = b.claim("The main claim of a wide map.", main=True)
    for i in range(9):
        b.support(b.evidence(f"Reason number {i} stands beside the others."), c)
    m = b.build()
    aspect, _ = _measure(render(m))
    assert aspect > 16 / 9 * 1.3, "nine reasons in a row are wider than a slide"
    with warnings.catch_warnings():
        warnings.simplefilter("error", SlideFitWarning)
        fitted = render(m, fit="16:9")
    aspect, px = _measure(fitted)
    assert abs(aspect - 16 / 9) <= 0.3 * 16 / 9 and px >= MIN_LABEL_PX


def test_a_map_too_big_for_one_slide_says_so_instead_of_shrinking() -> None:
    b = argmap.MapBuilder()
    c = b.claim("Main", main=True)
    for i in range(60):
        b.support(b.evidence(f"Evidence {i} with a few words of text."), c)
    with pytest.warns(SlideFitWarning, match=r"\(61 statements\) is too big for one legible 16:9 slide.*needs 14") as caught:
        svg = render(b.build(), fit="16:9")
    warning = next(w.message for w in caught if isinstance(w.message, SlideFitWarning))
    assert warning.too_small  # the command line adds its hint (--focus ID -k 1) to this one
    assert "--" not in str(warning) and "`" not in str(warning), "no command-line wording in Python's warning"
    fit = slide_fit(svg)
    assert fit.min_font >= 12, "the fonts keep their size; nothing is shrunk"


def test_slide_fit_measures_the_viewbox_and_smallest_text() -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 960 540"><text font-size="7">a</text><text font-size="20">b</text></svg>'
    fit = slide_fit(svg)
    assert fit.scale == 2.0 and fit.min_label_px == 14.0 and fit.ok()
    assert not slide_fit(svg.replace(b"540", b"1540")).aspect_ok()


def test_stagger_folds_a_wide_fan_of_evidence() -> None:
    b = argmap.MapBuilder()
    c = b.claim("Main", main=True)
    for i in range(12):
        b.support(b.evidence(f"Evidence {i}."), c)
    m = b.build()
    flat, folded = slide_fit(render(m)), slide_fit(render(m, stagger=3))
    assert folded.aspect < flat.aspect / 2
    assert 'minlen="3"' in argmap.to_dot(m, stagger=3).source
