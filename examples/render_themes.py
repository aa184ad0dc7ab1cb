"""Render the example map in every built-in theme and a custom one, check it fits a slide, and build it in steps.

Run it from the repository root:

    .venv/bin/python examples/render_themes.py [OUT_DIR]

It writes into OUT_DIR (default: ``out/themes``): ``example.<theme>.svg`` and ``.png`` for light, dark, print
and high-contrast, ``example.brand.svg`` (a custom theme from a YAML file), ``example.focus.svg`` (one
objection with an evaluation-style overlay), and ``steps/`` (a slide build: ``step-01.svg`` ...).
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import argmap
from argmap.render import THEMES, SlideFitWarning, render, render_steps, slide_fit

EXAMPLE = Path(__file__).resolve().parent / "example.argmap.yaml"

BRAND_THEME = """\
# A custom theme: start from light, change the fonts' size and the colours of two kinds of things.
base: light
font_size: 16
main: {fill: "#3B1F5C", border: "#1E0F30"}
attack: {color: "#B2182B"}
tag_colors: {beleid: "#E8DFF5"}
"""


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    m = argmap.load(EXAMPLE)
    for name in THEMES:
        with warnings.catch_warnings():
            warnings.simplefilter("error", SlideFitWarning)  # the example map must fit a slide
            svg = render(m, theme=name, preset="presentation")
        fit = slide_fit(svg)
        (out / f"example.{name}.svg").write_bytes(svg)
        (out / f"example.{name}.png").write_bytes(render(m, "png", theme=name, preset="presentation"))
        print(f"{name:>13}: aspect {fit.aspect:.2f}, smallest text {fit.min_label_px:.1f} px at 1920x1080")

    theme_file = out / "brand.yaml"
    theme_file.write_text(BRAND_THEME, encoding="utf-8")
    (out / "example.brand.svg").write_bytes(render(m, theme=theme_file, lang="en", legend=True))

    # One objection and what answers it, with an overlay as an evaluation would give it.
    overlay = {"c1": "IN", "o1": "OUT", "a1": "IN", "e5": 0.8}
    (out / "example.focus.svg").write_bytes(render(m, focus="o1", k=2, overlay=overlay, highlight=["o1", "a1"]))

    build = render_steps(m, preset="presentation")
    (out / "steps").mkdir(exist_ok=True)
    for n, frame in enumerate(build.frames, start=1):
        (out / "steps" / f"step-{n:02d}.svg").write_bytes(frame)
    (out / "steps" / "steps.svg").write_bytes(build.combined)
    print(f"slide build: {len(build.frames)} steps: " + " | ".join(", ".join(step) for step in build.order))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("out/themes"))
