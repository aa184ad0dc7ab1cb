"""``argmap render``: formats from the suffix, options, slide builds, evaluation overlay, batch mode."""

from __future__ import annotations

from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring
from typer.testing import CliRunner

import argmap
from argmap.cli import app
from argmap.render import render_steps, step_order

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "example.argmap.yaml"
NS = "{http://www.w3.org/2000/svg}"
runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("suffix", "magic"), [(".svg", b"<?xml"), (".png", b"\x89PNG"), (".pdf", b"%PDF"), (".dot", b"digraph")])
def test_format_comes_from_the_suffix(tmp_path: Path, suffix: str, magic: bytes) -> None:
    out = tmp_path / f"map{suffix}"
    code, _, err = _run("render", str(EXAMPLE), "-o", str(out), "--lang", "en", "--theme", "dark")
    assert code == 0, err
    assert out.read_bytes().startswith(magic)


def test_options_reach_the_drawing(tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    code, _, err = _run(
        "render",
        str(EXAMPLE),
        "-o",
        str(out),
        "--preset",
        "presentation",
        "--highlight",
        "c1,c2",
        "--focus",
        "c1",
        "-k",
        "1",
        "--no-legend",
    )
    assert code == 0, err
    root = fromstring(out.read_bytes())
    classes = {g.get("data-id"): g.get("class", "").split() for g in root.iter(NS + "g") if g.get("data-id")}
    assert "highlighted" in classes["c2"] and "dimmed" in classes["o1"]
    assert "e1" not in classes, "focus with k=1 leaves out evidence two steps away"
    assert not [g for g in root.iter(NS + "g") if g.get("id") == "legend"]


def test_bad_input_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    code, _, err = _run("render", str(EXAMPLE), "-o", str(tmp_path / "map.gif"))
    assert code == 2 and "cannot tell the output format" in err  # usage errors: exit code 2
    code, _, err = _run("render", str(EXAMPLE), "-o", str(tmp_path / "m.svg"), "--theme", "neon")
    assert code == 2 and "--theme: unknown theme 'neon'" in err
    code, _, err = _run("render", str(EXAMPLE))
    assert code == 2 and "-o OUT" in err
    code, _, err = _run("render", str(EXAMPLE), "-o", str(tmp_path / "m.svg"), "--focus", "nope")
    assert code == 1 and "nope" in err and "Traceback" not in err


def test_steps_write_numbered_frames_with_a_fixed_layout(tmp_path: Path) -> None:
    code, _, err = _run("render", str(EXAMPLE), "--steps", str(tmp_path / "steps"))
    assert code == 0, err
    frames = sorted((tmp_path / "steps").glob("step-*.svg"))
    order = step_order(argmap.load(EXAMPLE))
    assert len(frames) == len(order) >= 4
    boxes = {fromstring(f.read_bytes()).get("viewBox") for f in frames}
    assert len(boxes) == 1, "the layout never moves"
    first = fromstring(frames[0].read_bytes())
    shown = {g.get("data-id") for g in first.iter(NS + "g") if "statement" in g.get("class", "").split()}
    assert shown == {"c1"}
    combined = (tmp_path / "steps" / "steps.svg").read_text(encoding="utf-8")
    assert "step-2" in combined and "visibility: hidden" in combined


def test_step_order_is_main_pillars_then_lines_with_objections_answered_at_once() -> None:
    order = step_order(argmap.load(EXAMPLE))
    flat = [i for step in order for i in step]
    step = {i: n for n, ids in enumerate(order, start=1) for i in ids}
    assert order[0] == ["c1"]
    assert step["c2"] == step["o1"] == 2, "the pillars, the objection to the main claim among them"
    assert step["a1"] <= step["o1"] + 1, "the objection is answered on the next slide at the latest"
    assert flat.index("c2") < flat.index("e1"), "a line of argument comes with its evidence, after its pillar"
    assert sorted(flat) == sorted([s.id for s in argmap.load(EXAMPLE).statements] + [r.id for r in argmap.load(EXAMPLE).relations])


def test_render_steps_frames_grow() -> None:
    result = render_steps(argmap.load(EXAMPLE))
    sizes = [f.count(b'class="node statement ') for f in result.frames]
    assert sizes == sorted(sizes) and sizes[-1] == len(argmap.load(EXAMPLE).statements)


def test_evaluate_overlays_labels(tmp_path: Path) -> None:
    pytest.importorskip("argmap.semantics")
    out = tmp_path / "map.svg"
    code, _, err = _run("render", str(EXAMPLE), "-o", str(out), "--evaluate", "grounded")
    assert code == 0, err
    root = fromstring(out.read_bytes())
    labelled = [g for g in root.iter(NS + "g") if any(c.startswith("label-") for c in g.get("class", "").split())]
    assert len(labelled) == len(argmap.load(EXAMPLE).statements)


def test_batch_renders_the_good_and_reports_the_bad(tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "good.argmap.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (maps / "bad.argmap.yaml").write_text(
        "statements:\n  - id: a\n    claim: A\nrelations:\n  - support: zz\n    target: a\n", encoding="utf-8"
    )
    (maps / "also.yaml").write_text("statements:\n  - {id: x, claim: X}\n", encoding="utf-8")
    code, out, err = _run("render", str(maps), "-o", str(tmp_path / "out"), "-f", "png")
    assert code == 1
    assert "rendered 2 of 3 maps" in out
    assert "bad.argmap.yaml" in err and "zz" in err
    assert (tmp_path / "out" / "good.png").read_bytes().startswith(b"\x89PNG")
    assert (tmp_path / "out" / "also.png").exists()


def test_evaluate_without_the_semantics_module_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "argmap.semantics", None)  # importing it now raises ImportError
    code, _, err = _run("render", str(EXAMPLE), "-o", str(tmp_path / "m.svg"), "--evaluate", "grounded")
    assert code == 1 and "needs the evaluation module" in err


def test_labels_overview_and_intrinsic_size_from_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "titles.svg"
    code, _, err = _run("render", str(EXAMPLE), "-o", str(out), "--labels", "title", "--intrinsic-size")
    assert code == 0, err
    assert "have no title in" in err and "show their text cut short" in err, "the statements without a title are named"
    root = fromstring(out.read_bytes())
    assert root.get("width", "").endswith("pt"), "--intrinsic-size keeps dot's size"
    overview = tmp_path / "overview.svg"
    code, _, err = _run("render", str(EXAMPLE), "-o", str(overview), "--preset", "overview")
    assert code == 0, err
    fit = argmap.render.slide_fit(overview.read_bytes())
    assert fit.min_label_px >= 18 and abs(fit.aspect - 16 / 9) <= 0.1 * 16 / 9
    assert fromstring(overview.read_bytes()).get("width") == "100%"
    code, _, err = _run("render", str(EXAMPLE), "-o", str(tmp_path / "x.svg"), "--labels", "short")
    assert code != 0 and "labels must be text, title or both" in err


def test_batch_maps_of_one_name_get_distinct_drawings_and_builds(tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    (maps / "de").mkdir(parents=True)
    (maps / "debate.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (maps / "debate.argdown").write_text("[C]: Cats are good pets.\n  <+ [P]: They purr.\n", encoding="utf-8")
    (maps / "de" / "debate.yaml").write_text("statements:\n  - {id: x, claim: X}\n", encoding="utf-8")
    code, out, err = _run("render", str(maps / "**" / "debate.*"), "-o", str(tmp_path / "svgs"), "--steps", str(tmp_path / "builds"))
    assert code == 0, err
    assert "rendered 3 of 3 maps" in out
    svgs = sorted(p.relative_to(tmp_path / "svgs").as_posix() for p in (tmp_path / "svgs").rglob("*.svg"))
    assert svgs == ["de/debate.svg", "debate.argdown.svg", "debate.yaml.svg"]  # none drawn over another
    assert b"They purr." in (tmp_path / "svgs" / "debate.argdown.svg").read_bytes()
    builds = sorted(p.relative_to(tmp_path / "builds").as_posix() for p in (tmp_path / "builds").rglob("steps.svg"))
    assert builds == ["de/debate/steps.svg", "debate.argdown/steps.svg", "debate.yaml/steps.svg"]
    assert "share a name" in " ".join(err.split())


def test_no_headers_from_the_command_line_keeps_the_overlay(tmp_path: Path) -> None:
    out = tmp_path / "bare.svg"
    code, _, err = _run("render", str(EXAMPLE), "-o", str(out), "--no-headers", "--evaluate", "grounded", "--lang", "en")
    assert code == 0, err
    texts = [t.text or "" for t in fromstring(out.read_bytes()).iter(f"{NS}text")]
    assert any("IN" in t for t in texts) and any("OUT" in t for t in texts), "the badges are drawn"
    assert not any(t.strip().lower() in ("claim", "main claim", "statistic", "testimony") for t in texts), "no kind lines"
    code, _, _ = _run("render", str(EXAMPLE), "-o", str(tmp_path / "with.svg"), "--headers", "--lang", "en")
    with_headers = [t.text or "" for t in fromstring((tmp_path / "with.svg").read_bytes()).iter(f"{NS}text")]
    assert code == 0 and any(t.strip().lower() == "statistic" for t in with_headers)
