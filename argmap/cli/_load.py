"""The ``--from FORMAT`` option and the map loading every command that reads a map file shares.

A command declares ``from_: FromOption = None`` (or :data:`FromOnlyOption` where ``--format`` already
means the output format) and reads its files with :func:`load_map`. The option's callback checks the
name before any file is read (an unknown one: a one-line error listing the readable formats, exit 2)
and remembers it for :func:`load_map`, so helpers several calls deep (batch jobs, slide builds) need
no extra argument.
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

from argmap.cli._app import err_console
from argmap.errors import ArgmapError
from argmap.formats import formats, get_format, load
from argmap.model import ArgumentMap

__all__ = ["FromOnlyOption", "FromOption", "chosen_format", "load_map"]

_HELP = "Input format, e.g. aif, sadface, kialo, argdown, yaml (default: by suffix, then by content)."
_chosen: str | None = None


def _readable() -> str:
    return ", ".join(f.name for f in formats() if f.can_read)


def _remember(value: str | None) -> str | None:
    """Check the format name (exit 2 with one line when unknown or not readable) and remember it."""
    global _chosen
    if value is not None:
        try:
            fmt = get_format(value)
        except ArgmapError:
            err_console.print(f"error: unknown input format '{value}'; known formats: {_readable()}", markup=False, soft_wrap=True)
            raise typer.Exit(2) from None
        if not fmt.can_read:
            message = f"error: format '{fmt.name}' can be written but not read; read one of: {_readable()}"
            err_console.print(message, markup=False, soft_wrap=True)
            raise typer.Exit(2)
        value = fmt.name
    _chosen = value
    return value


FromOption = Annotated[str | None, typer.Option("--from", "--format", metavar="FORMAT", help=_HELP, callback=_remember, show_default=False)]
FromOnlyOption = Annotated[str | None, typer.Option("--from", metavar="FORMAT", help=_HELP, callback=_remember, show_default=False)]


def chosen_format() -> str | None:
    """The format named with ``--from`` in this command line, or None."""
    return _chosen


def load_map(path: str | os.PathLike[str], format: str | None = None) -> ArgumentMap:  # noqa: A002
    """Load a map file in ``format``, else the ``--from`` format, else by suffix and content."""
    return load(path, format=format or _chosen)
