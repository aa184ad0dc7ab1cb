"""The ``argmap render`` command: a map (or a folder of maps) to SVG, PNG, PDF or DOT, or a slide build."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from argmap.cli._app import CliUsageError, app, console, err_console, say_warnings, user_errors
from argmap.cli._batch import batch_root, expand_inputs, is_batch, output_paths, run_batch
from argmap.cli._load import FromOnlyOption, check_semantics, load_map, map_language
from argmap.cli._output import ensure_folder, is_stdio, suffix_clash, write_output
from argmap.errors import ArgmapError

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["render_command"]

_KINDS = ("svg", "png", "pdf", "dot", "html")
_SUFFIX_FORMATS = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot", ".html": "html", ".htm": "html"}


def _format_of(out: Path, given: str | None) -> str:
    """The output format: ``-f``, else the suffix of ``-o`` (svg for ``-o -``); a clash of the two is a usage error."""
    if given is not None and given not in _KINDS:
        raise CliUsageError(f"unknown output format '{given}'; choose svg, png, pdf, dot or html")
    if out.is_dir():
        raise ArgmapError(f"{out}: is a folder; give a file name (or a map folder as MAP for a batch)")
    by_suffix = None if is_stdio(out) else _SUFFIX_FORMATS.get(out.suffix.lower())
    if given:
        clash = suffix_clash(out, given, _suffixes(given), by_suffix)
        if clash:
            raise CliUsageError(clash)
        fmt = given
    elif is_stdio(out):
        fmt = "svg"
    elif by_suffix is None:
        raise CliUsageError(f"{out}: cannot tell the output format from the suffix '{out.suffix}'; use .svg, .png, .pdf, .dot or .html")
    else:
        fmt = by_suffix
    if fmt == "html" and is_stdio(out):
        raise CliUsageError("the interactive view (html) is written to a file, not to standard output; give -o FILE.html")
    return fmt


def _suffixes(kind: str) -> tuple[str, ...]:
    return tuple(suffix for suffix, k in _SUFFIX_FORMATS.items() if k == kind)


def _overlay(m: ArgumentMap, semantics: str) -> dict[str, Any]:
    try:
        from argmap.semantics import evaluate
    except ImportError:
        raise ArgmapError("--evaluate needs the evaluation module (argmap.semantics), which is not installed in this build") from None
    result = evaluate(m, semantics=semantics)
    if result.labels is not None:
        return dict(result.labels)
    return dict(result.strengths or {})


def _hint(options: dict[str, Any], limit: str | None = None) -> str:
    """What to do about a map too big to draw (``limit``: the option it ran past) or to read on a slide, in flags.

    Never what the command line already says: a focused drawing is told a smaller ``-k``, an overview no ``--preset overview``.
    """
    ways = {"max_statements": ["raise --max-statements"], "timeout": ["raise --timeout"]}.get(limit or "", [])
    focus, k = options.get("focus"), options.get("k", 1)
    if not focus:
        ways.append("draw part of it with --focus ID -k 1")
    elif k > 0:
        ways.append(f"draw less of it with -k {k - 1}")
    if limit is None and options.get("preset") != "overview":
        ways.append("show titles only with --preset overview")
    return ", or ".join(ways)


def _said(caught: list[warnings.WarningMessage], options: dict[str, Any]) -> list[warnings.WarningMessage]:
    """The warnings to print: a slide too small to read gets the command line's hint."""
    from argmap.render import SlideFitWarning

    out = []
    for w in caught:
        hint = _hint(options) if isinstance(w.message, SlideFitWarning) and w.message.too_small else ""
        out.append(warnings.WarningMessage(f"{w.message}; {hint}", w.category, w.filename, w.lineno) if hint else w)
    return out


@contextmanager
def _limits(options: dict[str, Any]) -> Iterator[None]:
    """A render past a limit (``--max-statements``, ``--timeout``) is one line with what to do, in flags."""
    from argmap.render.options import RenderLimitError

    try:
        yield
    except RenderLimitError as exc:
        hint = _hint(options, exc.limit)
        raise ArgmapError(f"{exc}; {hint}" if hint else str(exc)) from None


def _render_one(path: Path, out: Path, fmt: str, options: dict[str, Any], evaluate: str | None, *, quiet: bool = False) -> None:
    if fmt == "html":  # the interactive view (argmap view): one offline page, evaluations for its overlay
        from argmap.cli.view import write_view_file

        if out.is_dir():
            raise ArgmapError(f"{out}: is a folder; give a file name")
        ensure_folder(out.parent, say=not quiet, for_file=out)
        write_view_file(path, out, options, evaluate)
        return
    from argmap.render import render

    m = load_map(path)
    map_language(m, options.get("lang"))
    opts = dict(options)
    if evaluate:
        opts["overlay"] = _overlay(m, evaluate)
    with warnings.catch_warnings(record=True) as caught, _limits(opts):
        warnings.simplefilter("always")
        data = render(m, fmt, **opts)
    say_warnings(_said(caught, opts), f"{path}: " if quiet else "")
    write_output(out, data, binary=fmt in ("png", "pdf"), say_folder=not quiet)


def _render_steps(path: Path, folder: Path, options: dict[str, Any], evaluate: str | None, *, say_folder: bool = True) -> list[Path]:
    from argmap.render import render_steps

    if is_stdio(folder):
        raise CliUsageError("--steps needs a folder, not standard output (-)")
    from argmap.render.dot import prepare_map
    from argmap.render.options import options_from

    m = load_map(path)
    map_language(m, options.get("lang"))
    with _limits(options):
        prepare_map(m, options_from(**options))  # ids to focus on or highlight, and the size limit: before any folder is made
    ensure_folder(folder, say=say_folder)  # before the drawing: a file in the way is said at once
    opts = dict(options)
    if evaluate:
        opts["overlay"] = _overlay(m, evaluate)
    with warnings.catch_warnings(record=True) as caught, _limits(opts):
        warnings.simplefilter("always")
        result = render_steps(m, **opts)
    say_warnings(_said(caught, opts), "")
    written: list[Path] = []
    width = max(2, len(str(len(result.frames))))
    for n, frame in enumerate(result.frames, start=1):
        p = folder / f"step-{n:0{width}d}.svg"
        write_output(p, frame)
        written.append(p)
    combined = folder / "steps.svg"
    write_output(combined, result.combined)
    written.append(combined)
    return written


@app.command("render")
def render_command(
    map_path: Annotated[
        str, typer.Argument(metavar="MAP", help="A map file, or a folder or glob of maps; - for standard input.", show_default=False)
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Output file (.svg .png .pdf .dot .html; - for standard output); batch: a folder.", show_default=False
        ),
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
    headers: Annotated[
        bool | None,
        typer.Option(
            "--headers/--no-headers", help="The line above each box: its kind, who holds it (default: shown; not with --preset overview)."
        ),
    ] = None,
    intrinsic_size: Annotated[
        bool, typer.Option("--intrinsic-size", help="Keep the SVG's natural size in pt instead of scaling to its container.")
    ] = False,
    focus: Annotated[str | None, typer.Option("--focus", help="Draw only the neighbourhood of this statement.")] = None,
    k: Annotated[
        int | None, typer.Option("-k", help="With --focus: how many relations away to include (default 1).", min=0, show_default=False)
    ] = None,
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
            "headers": headers,
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
        if k is not None and focus is None:
            raise CliUsageError(f"-k {k} needs --focus ID: it counts relations away from that statement")
        if fmt is not None and fmt not in _KINDS:
            raise CliUsageError(f"unknown output format '{fmt}'; choose svg, png, pdf, dot or html")
        if steps is not None and output is None and fmt not in (None, "svg"):
            raise CliUsageError(f"--steps writes SVG frames; -f {fmt} is the format of -o, which is not given (add -o OUT, or drop -f)")
        from argmap.errors import InvalidOptionError
        from argmap.render.options import options_from

        try:
            options_from(**options)  # bad options fail before any file is read
        except InvalidOptionError as exc:  # a value given on the command line: a usage error
            raise CliUsageError(f"--{exc.option.replace('_', '-')}: {exc.detail}") from None
        check_semantics(evaluate)
        if is_batch(map_path):
            _batch(map_path, output, fmt, steps, options, evaluate)
            return
        if output is None and steps is None:
            raise CliUsageError(
                "give an output file with -o OUT (.svg .png .pdf .dot .html; - for standard output), or a folder with --steps DIR"
            )
        kind = _format_of(output, fmt) if output is not None else None
        path = Path(map_path)
        if steps is not None:
            if is_stdio(path) and output is not None:
                raise CliUsageError("standard input (-) can be read once: give -o or --steps, not both")
            written = _render_steps(path, steps, options, evaluate)
            console.print(f"wrote {len(written) - 1} steps and steps.svg to {steps}", markup=False)
        if output is None or kind is None:
            return
        _render_one(path, output, kind, options, evaluate)
        if not is_stdio(output):
            console.print(f"wrote {output}", markup=False)


def _batch(pattern: str, output: Path | None, fmt: str | None, steps: Path | None, options: dict[str, Any], evaluate: str | None) -> None:
    if output is None and steps is None:
        raise CliUsageError("batch mode needs an output folder: -o OUT_DIR (or --steps DIR)")
    for folder in (output, steps):
        if folder is not None and (is_stdio(folder) or (folder.exists() and not folder.is_dir())):
            raise CliUsageError(f"{folder}: in batch mode the output must be a folder")
    if fmt is not None and fmt not in _KINDS:
        raise CliUsageError(f"unknown output format '{fmt}'; choose svg, png, pdf, dot or html")
    from argmap.formats import formats

    suffixes = [s for f in formats() if f.can_read for s in f.suffixes]
    files = expand_inputs(pattern, suffixes)
    if not files:
        raise ArgmapError(f"{pattern}: no map files found")
    kind = fmt or "svg"
    # As in convert: each output keeps its map's place below the folder (or the glob's common folder), all distinct.
    root = batch_root(pattern, files)
    drawings, notes = output_paths(files, root, suffixes, output, "." + kind) if output is not None else ({}, [])
    builds, more = output_paths(files, root, suffixes, steps, "") if steps is not None else ({}, [])
    for folder in (output, steps):
        if folder is not None:
            ensure_folder(folder)
    for note in dict.fromkeys(notes + more):
        err_console.print(f"note: {note}", markup=False, soft_wrap=True)

    def job(path: Path) -> None:
        if steps is not None:
            _render_steps(path, builds[path], options, evaluate, say_folder=False)
        if output is not None:
            _render_one(path, drawings[path], kind, options, evaluate, quiet=True)

    result = run_batch(files, job, label="rendering", show=err_console.is_terminal)
    console.print(f"rendered {len(result.done)} of {len(files)} maps", markup=False)
    if result.failed:
        for _, reason in result.failed:
            err_console.print("[bold red]failed:[/] ", markup=True, end="")
            err_console.print(reason, markup=False, soft_wrap=True)
        raise typer.Exit(1)
