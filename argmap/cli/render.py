"""The ``argmap render`` command: a map (or a folder of maps) to SVG, PNG, PDF or DOT, or a slide build."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Annotated, Any

import typer

from argmap.cli._app import app, console, err_console, say_warnings, user_errors
from argmap.cli._batch import expand_inputs, is_batch, output_stem, run_batch
from argmap.cli._load import FromOnlyOption, load_map
from argmap.errors import ArgmapError
from argmap.formats import formats
from argmap.model import ArgumentMap

__all__ = ["render_command"]

_SUFFIX_FORMATS = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot", ".html": "html", ".htm": "html"}


def _format_of(out: Path, given: str | None) -> str:
    if given:
        if given not in ("svg", "png", "pdf", "dot", "html"):
            raise ArgmapError(f"unknown output format '{given}'; choose svg, png, pdf, dot or html")
        return given
    fmt = _SUFFIX_FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise ArgmapError(f"{out}: cannot tell the output format from the suffix '{out.suffix}'; use .svg, .png, .pdf, .dot or .html")
    return fmt


def _overlay(m: ArgumentMap, semantics: str) -> dict[str, Any]:
    try:
        from argmap.semantics import evaluate
    except ImportError:
        raise ArgmapError("--evaluate needs the evaluation module (argmap.semantics), which is not installed in this build") from None
    result = evaluate(m, semantics=semantics)
    if result.labels is not None:
        return dict(result.labels)
    return dict(result.strengths or {})


def _render_one(path: Path, out: Path, fmt: str, options: dict[str, Any], evaluate: str | None, *, quiet: bool = False) -> None:
    if fmt == "html":  # the interactive view (argmap view): one offline page, evaluations for its overlay
        from argmap.cli.view import write_view_file

        write_view_file(path, out, options, evaluate)
        return
    from argmap.render import render

    m = load_map(path)
    opts = dict(options)
    if evaluate:
        opts["overlay"] = _overlay(m, evaluate)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = render(m, fmt, **opts)
    say_warnings(caught, f"{path}: " if quiet else "")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)


def _render_steps(path: Path, folder: Path, options: dict[str, Any], evaluate: str | None) -> list[Path]:
    from argmap.render import render_steps

    m = load_map(path)
    opts = dict(options)
    if evaluate:
        opts["overlay"] = _overlay(m, evaluate)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = render_steps(m, **opts)
    say_warnings(caught, "")
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    width = max(2, len(str(len(result.frames))))
    for n, frame in enumerate(result.frames, start=1):
        p = folder / f"step-{n:0{width}d}.svg"
        p.write_bytes(frame)
        written.append(p)
    combined = folder / "steps.svg"
    combined.write_bytes(result.combined)
    written.append(combined)
    return written


@app.command("render")
def render_command(
    map_path: Annotated[str, typer.Argument(metavar="MAP", help="A map file, or a folder or glob of maps.", show_default=False)],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Output file (.svg .png .pdf .dot .html); batch: a folder.", show_default=False)
    ] = None,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="svg, png, pdf, dot, html (default: suffix; svg in batch).")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Label language, e.g. nl or en (default: the map's).")] = None,
    theme: Annotated[str | None, typer.Option("--theme", help="light, dark, print, high-contrast, or a .yaml/.json theme file.")] = None,
    fit: Annotated[str | None, typer.Option("--fit", help="Shape the layout for a slide, e.g. 16:9.")] = None,
    preset: Annotated[
        str | None,
        typer.Option("--preset", help="presentation: fit 16:9 with a legend; overview: the whole map on one slide, titles only, >= 18 px."),
    ] = None,
    labels: Annotated[
        str | None, typer.Option("--labels", help="What a box shows: text (default), title, or both (the title in bold above the text).")
    ] = None,
    intrinsic_size: Annotated[
        bool, typer.Option("--intrinsic-size", help="Keep the SVG's natural size in pt instead of scaling to its container.")
    ] = False,
    focus: Annotated[str | None, typer.Option("--focus", help="Draw only the neighbourhood of this statement.")] = None,
    k: Annotated[int, typer.Option("-k", help="With --focus: how many relations away to include.", min=0)] = 1,
    highlight: Annotated[
        list[str] | None, typer.Option("--highlight", help="Statement ids to highlight (repeat or comma-separate); the rest is dimmed.")
    ] = None,
    legend: Annotated[
        bool | None, typer.Option("--legend/--no-legend", help="Draw a legend (default: with the presentation preset).")
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="A title above the map (default: the map's title).")] = None,
    no_title: Annotated[bool, typer.Option("--no-title", help="Draw no title.")] = False,
    steps: Annotated[
        Path | None,
        typer.Option("--steps", help="Write a slide build here: step-01.svg ... and steps.svg.", show_default=False),
    ] = None,
    evaluate: Annotated[
        str | None, typer.Option("--evaluate", help="Overlay an evaluation: grounded, preferred, ... (see `argmap evaluate`).")
    ] = None,
    max_statements: Annotated[int | None, typer.Option("--max-statements", help="Refuse maps larger than this.")] = None,
    timeout: Annotated[float | None, typer.Option("--timeout", help="Stop Graphviz after this many seconds.")] = None,
    from_: FromOnlyOption = None,
) -> None:
    """Draw an argument map as SVG, PNG, PDF or DOT; or a slide build with --steps.

    Examples: `argmap render essay.yaml -o essay.svg --preset presentation`;
    `argmap render essay.yaml -o overview.svg --preset overview`;
    `argmap render maps/ -o out/ -f png` (batch: one failure never stops the rest).
    """
    with user_errors():
        hl = [h.strip() for item in (highlight or []) for h in item.split(",") if h.strip()]
        options: dict[str, Any] = {
            "lang": lang,
            "theme": theme,
            "fit": fit,
            "preset": preset,
            "labels": labels,
            "focus": focus,
            "k": k,
            "legend": legend,
            "title": False if no_title else title,
            "max_statements": max_statements,
            "timeout": timeout,
        }
        if hl:
            options["highlight"] = hl
        if intrinsic_size:
            options["responsive"] = False
        options = {key: v for key, v in options.items() if v is not None}
        from argmap.render.options import options_from

        options_from(**options)  # bad options fail before any file is read
        if is_batch(map_path):
            _batch(map_path, output, fmt, steps, options, evaluate)
            return
        path = Path(map_path)
        if steps is not None:
            written = _render_steps(path, steps, options, evaluate)
            console.print(f"wrote {len(written) - 1} steps and steps.svg to {steps}", markup=False)
        if output is None:
            if steps is None:
                raise ArgmapError("give an output file with -o OUT (.svg .png .pdf .dot), or a folder with --steps DIR")
            return
        _render_one(path, output, _format_of(output, fmt), options, evaluate)
        console.print(f"wrote {output}", markup=False)


def _batch(pattern: str, output: Path | None, fmt: str | None, steps: Path | None, options: dict[str, Any], evaluate: str | None) -> None:
    if output is None and steps is None:
        raise ArgmapError("batch mode needs an output folder: -o OUT_DIR (or --steps DIR)")
    suffixes = [s for f in formats() if f.can_read for s in f.suffixes]
    files = expand_inputs(pattern, suffixes)
    if not files:
        raise ArgmapError(f"{pattern}: no map files found")
    kind = _format_of(Path("x." + (fmt or "svg")), None)
    root = Path(pattern) if Path(pattern).is_dir() else None

    def stem(path: Path) -> Path:
        return output_stem(path, root, suffixes)

    def job(path: Path) -> None:
        if steps is not None:
            _render_steps(path, steps / stem(path), options, evaluate)
        if output is not None:
            _render_one(path, output / stem(path).with_suffix("." + kind), kind, options, evaluate, quiet=True)

    result = run_batch(files, job, label="rendering", show=err_console.is_terminal)
    console.print(f"rendered {len(result.done)} of {len(files)} maps", markup=False)
    if result.failed:
        for path, reason in result.failed:
            err_console.print(f"[bold red]failed:[/] {path}: ", markup=True, end="")
            err_console.print(reason, markup=False, soft_wrap=True)
        raise typer.Exit(1)
