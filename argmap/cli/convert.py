"""The ``argmap convert`` command: a map (or a folder or glob of maps) from one format to another, or to SVG/PNG/PDF."""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Annotated

import typer

from argmap.cli._app import app, console, err_console, user_errors
from argmap.cli._batch import expand_inputs, is_batch, output_stem, run_batch
from argmap.cli._load import FromOnlyOption, load_map
from argmap.errors import ArgmapError
from argmap.formats import Format, format_for_path, formats, get_format, read_text, sniff, write_text_atomic
from argmap.model import ArgumentMap

__all__ = ["convert_command"]

_IMAGES = {"svg": ".svg", "png": ".png", "pdf": ".pdf"}


def _target(out: Path, to: str | None) -> tuple[str, str]:
    """(format name or image kind, suffix) for the output, from --to or the output's suffix."""
    if to:
        key = to.lower().lstrip(".")
        if key in _IMAGES:
            return key, _IMAGES[key]
        fmt = get_format(key)
        if not fmt.can_write:
            raise ArgmapError(_cannot_write(fmt))
        return fmt.name, fmt.suffixes[0]
    if out.suffix.lower().lstrip(".") in _IMAGES:
        kind = out.suffix.lower().lstrip(".")
        return kind, _IMAGES[kind]
    by_suffix = format_for_path(out)
    if by_suffix is None:
        raise ArgmapError(f"{out}: cannot tell the output format from its suffix; name it with --to (e.g. --to argdown)")
    if not by_suffix.can_write:
        raise ArgmapError(_cannot_write(by_suffix))
    return by_suffix.name, by_suffix.suffixes[0]


def _cannot_write(fmt: Format) -> str:
    writable = ", ".join(sorted([f.name for f in formats() if f.can_write] + list(_IMAGES)))
    return f"format '{fmt.name}' can be read but not written; write one of: {writable}"


def _read(path: Path, source: str | None) -> ArgumentMap:
    if source:
        return load_map(path, format=source)
    if format_for_path(path) is None and sniff(read_text(path)) is None:
        raise ArgmapError(f"{path}: cannot tell the input format from its suffix or content; name it with --from")
    return load_map(path)


def _convert_one(path: Path, out: Path, source: str | None, target: str, *, prefix: str = "") -> list[str]:
    """Convert one file; returns the warnings met (also printed)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        m = _read(path, source)
        if target in _IMAGES:
            from argmap.render import render

            data = render(m, format=target)
        else:
            text = get_format(target).dump(m)  # type: ignore[misc]  # _target checked it can write
    said = [str(w.message) for w in caught]
    for message in said:
        err_console.print(f"[yellow]warning:[/] {prefix}", markup=True, end="")
        err_console.print(message, markup=False, soft_wrap=True)
    if target in _IMAGES:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.name}.tmp")
        tmp.write_bytes(data)
        tmp.replace(out)
    else:
        write_text_atomic(out, text)
    return said


@app.command("convert")
def convert_command(
    source: Annotated[str, typer.Argument(metavar="IN", help="A map file, or a folder or glob of them.", show_default=False)],
    output: Annotated[
        Path, typer.Argument(metavar="OUT", help="The output file; a folder when IN is a folder or glob.", show_default=False)
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
        note = f" ({len(said)} warning{'s' if len(said) != 1 else ''})" if said else ""
        console.print(f"wrote {output}{note}", markup=False, soft_wrap=True)


def _batch(pattern: str, output: Path, source: str | None, to: str | None) -> None:
    if to is None:
        raise ArgmapError("batch mode needs the output format: --to argdown (or aif, mermaid, svg, ...)")
    if output.exists() and not output.is_dir():
        raise ArgmapError(f"{output}: in batch mode the output must be a folder")
    target, suffix = _target(Path("x"), to)
    suffixes = [s for f in formats() if f.can_read for s in f.suffixes]
    files = expand_inputs(pattern, None if source else suffixes)
    if not files:
        raise ArgmapError(f"{pattern}: no map files found")
    # Output paths keep the input's place below the folder (or the glob's common folder): no two collide.
    root = Path(pattern) if Path(pattern).is_dir() else Path(os.path.commonpath([f.parent for f in files]))
    warned: list[str] = []

    def job(path: Path) -> None:
        out = output / output_stem(path, root, suffixes)
        said = _convert_one(path, out.with_name(out.name + suffix), source, target, prefix=f"{path}: ")
        warned.extend(said)

    result = run_batch(files, job, label="converting", show=err_console.is_terminal)
    more = f", {len(warned)} warning{'s' if len(warned) != 1 else ''}" if warned else ""
    console.print(f"converted {len(result.done)} of {len(files)} files to {output}{more}", markup=False, soft_wrap=True)
    if result.failed:
        err_console.print(f"[bold red]{len(result.failed)} failed:[/]", markup=True)
        for path, reason in result.failed:
            err_console.print(f"  {path}: ", markup=False, end="")
            err_console.print(reason, markup=False, soft_wrap=True)
        raise typer.Exit(1)
