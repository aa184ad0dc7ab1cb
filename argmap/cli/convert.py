"""The ``argmap convert`` command: a map (or a folder or glob of maps) from one format to another, or to SVG/PNG/PDF."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from argmap.cli._app import CliUsageError, app, console, err_console, plural, say_warnings, user_errors
from argmap.cli._batch import batch_root, expand_inputs, is_batch, output_paths, run_batch
from argmap.cli._load import FromOnlyOption, load_map
from argmap.cli._output import ensure_folder, is_stdio, suffix_clash, write_output
from argmap.errors import ArgmapError

if TYPE_CHECKING:  # the formats (and the model, pydantic) are imported when a command runs, not by `argmap --help`
    from argmap.formats import Format
    from argmap.model import ArgumentMap

__all__ = ["convert_command"]

_IMAGES = {"svg": ".svg", "png": ".png", "pdf": ".pdf"}


def _target(out: Path, to: str | None) -> tuple[str, str]:
    """(format name or image kind, suffix) for the output, from --to or the output's suffix.

    A --to that the output's suffix contradicts (``x.yaml --to argdown``) is a usage error, and so is
    standard output (``-``) without --to.
    """
    from argmap.formats import get_format

    by_suffix = None if is_stdio(out) else _suffix_target(out)
    if to:
        key = to.lower().lstrip(".")
        suffixes: tuple[str, ...]
        if key in _IMAGES:
            chosen, suffixes = key, (_IMAGES[key],)
        else:
            try:
                fmt = get_format(key)
            except ArgmapError as exc:
                raise CliUsageError(f"--to: {exc}") from None
            if not fmt.can_write:
                raise CliUsageError(_cannot_write(fmt))
            chosen, suffixes = fmt.name, fmt.suffixes
        clash = suffix_clash(out, chosen, suffixes, by_suffix)
        if clash:
            raise CliUsageError(clash)
        return chosen, suffixes[0]
    if is_stdio(out):
        raise CliUsageError("writing to standard output (-) needs the format: --to yaml (or argdown, aif, json, mermaid, svg, ...)")
    if by_suffix is None:
        raise CliUsageError(f"{out}: cannot tell the output format from its suffix; name it with --to (e.g. --to argdown)")
    if by_suffix in _IMAGES:
        return by_suffix, _IMAGES[by_suffix]
    fmt = get_format(by_suffix)
    if not fmt.can_write:
        raise CliUsageError(f"{out}: {_cannot_write(fmt)}")
    return fmt.name, fmt.suffixes[0]


def _suffix_target(out: Path) -> str | None:
    """The image kind or format name ``out``'s suffix names, or None."""
    from argmap.formats import format_for_path

    kind = out.suffix.lower().lstrip(".")
    if kind in _IMAGES:
        return kind
    fmt = format_for_path(out)
    return fmt.name if fmt else None


def _cannot_write(fmt: Format) -> str:
    from argmap.formats import formats

    writable = ", ".join(sorted([f.name for f in formats() if f.can_write] + list(_IMAGES)))
    return f"format '{fmt.name}' can be read but not written; write one of: {writable}"


def _read(path: Path, source: str | None) -> ArgumentMap:
    from argmap.formats import format_for_path, read_text, sniff

    if source or is_stdio(path):
        return load_map(path, format=source)
    if format_for_path(path) is None and sniff(read_text(path)) is None:
        raise ArgmapError(f"{path}: cannot tell the input format from its suffix or content; name it with --from")
    return load_map(path)


def _convert_one(path: Path, out: Path, source: str | None, target: str, *, prefix: str = "") -> list[str]:
    """Convert one file; returns the warnings met (also printed)."""
    from argmap.formats import get_format

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        m = _read(path, source)
        if target in _IMAGES:
            from argmap.render import render

            data = render(m, format=target)
        else:
            text = get_format(target).dump(m)  # type: ignore[misc]  # _target checked it can write
    said = say_warnings(caught, prefix)
    if target in _IMAGES:
        write_output(out, data, binary=target != "svg", say_folder=not prefix)
    else:
        write_output(out, text, say_folder=not prefix)
    return said


@app.command("convert")
def convert_command(
    source: Annotated[
        str, typer.Argument(metavar="IN", help="A map file, or a folder or glob of them; - for standard input.", show_default=False)
    ],
    output: Annotated[
        Path,
        typer.Argument(
            metavar="OUT", help="The output file (- for standard output); a folder when IN is a folder or glob.", show_default=False
        ),
    ],
    from_: FromOnlyOption = None,
    to: Annotated[
        str | None, typer.Option("--to", help="Output format: argdown, aif, json, yaml, mermaid, graphml, dot, svg, png, pdf.")
    ] = None,
) -> None:
    """Convert argument maps between formats, or draw them as SVG, PNG or PDF.

    Examples: `argmap convert debate.argdown debate.aif.json`; `argmap convert micro_b001.xml b001.mmd`;
    `argmap convert corpus/en out/ --to argdown` (batch: a progress bar, and a summary of what failed and why).
    """
    with user_errors():
        if is_batch(source):
            _batch(source, output, from_, to)
            return
        target, _ = _target(output, to)
        said = _convert_one(Path(source), output, from_, target)
        if not is_stdio(output):
            note = f" ({plural(len(said), 'warning')})" if said else ""
            console.print(f"wrote {output}{note}", markup=False, soft_wrap=True)


def _batch(pattern: str, output: Path, source: str | None, to: str | None) -> None:
    from argmap.formats import formats

    if to is None:
        raise CliUsageError("batch mode needs the output format: --to argdown (or aif, mermaid, svg, ...)")
    if is_stdio(output) or (output.exists() and not output.is_dir()):
        raise CliUsageError(f"{output}: in batch mode the output must be a folder")
    target, suffix = _target(Path("x"), to)
    suffixes = [s for f in formats() if f.can_read for s in f.suffixes]
    files = expand_inputs(pattern, None if source else suffixes)
    if not files:
        raise ArgmapError(f"{pattern}: no map files found")
    # Output paths keep the input's place below the folder (or the glob's common folder), and are all distinct:
    # inputs of one name (debate.argdown, debate.yaml) keep their suffix; a clash left is refused before anything is written.
    outputs, notes = output_paths(files, batch_root(pattern, files), suffixes, output, suffix)
    ensure_folder(output)
    for note in notes:
        err_console.print(f"note: {note}", markup=False, soft_wrap=True)
    warned: list[str] = []

    def job(path: Path) -> None:
        said = _convert_one(path, outputs[path], source, target, prefix=f"{path}: ")
        warned.extend(said)

    result = run_batch(files, job, label="converting", show=err_console.is_terminal)
    more = f", {plural(len(warned), 'warning')}" if warned else ""
    console.print(f"converted {len(result.done)} of {len(files)} files to {output}{more}", markup=False, soft_wrap=True)
    if result.failed:
        err_console.print(f"[bold red]{len(result.failed)} failed:[/]", markup=True)
        for _, reason in result.failed:
            err_console.print(f"  {reason}", markup=False, soft_wrap=True)
        raise typer.Exit(1)
