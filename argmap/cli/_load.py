"""The ``--from FORMAT`` option and the map loading every command that reads a map file shares.

A command declares ``from_: FromOption = None`` (or :data:`FromOnlyOption` where ``--format`` already
means the output format) and reads its files with :func:`load_map`. The option's callback checks the
name before any file is read (an unknown one: a one-line error listing the readable formats, exit 2)
and remembers it for :func:`load_map`, so helpers several calls deep (batch jobs, slide builds) need
no extra argument.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from argmap.cli._app import CliUsageError, err_console
from argmap.errors import ArgmapError, FormatError, LimitExceededError, Problem

if TYPE_CHECKING:  # the formats (and the model, pydantic) are imported when a map is read, not by `argmap --help`
    from argmap.model import ArgumentMap

__all__ = [
    "STDIN_NAME",
    "FromOnlyOption",
    "FromOption",
    "check_semantics",
    "chosen_format",
    "display_name",
    "load_map",
    "map_language",
    "read_stdin",
]

_HELP = "Input format, e.g. aif, sadface, kialo, argdown, yaml (default: by suffix, then by content)."
_chosen: str | None = None


def _readable() -> str:
    from argmap.formats import formats

    return ", ".join(f.name for f in formats() if f.can_read)


def _remember(value: str | None) -> str | None:
    """Check the format name (exit 2 with one line when unknown or not readable) and remember it."""
    global _chosen
    if value is not None:
        from argmap.formats import get_format

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


STDIN_NAME = "<stdin>"  # how standard input is named in messages (file:line:column)


def read_stdin(max_bytes: int | None = None) -> str:
    """Standard input as text (UTF-8), with the size limit of a map file (``MAX_INPUT_BYTES``) unless given."""
    if max_bytes is None:
        from argmap.formats import MAX_INPUT_BYTES

        max_bytes = MAX_INPUT_BYTES
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise LimitExceededError(f"{STDIN_NAME}: more than the limit of {max_bytes:,} bytes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise FormatError([Problem(f"not UTF-8 text (byte 0x{data[exc.start]:02x})", file=STDIN_NAME, line=line)]) from None


def load_map(path: str | os.PathLike[str], format: str | None = None) -> ArgumentMap:  # noqa: A002
    """Load a map file in ``format``, else the ``--from`` format, else by suffix and content; ``-`` is standard input.

    Standard input's format is ``--from``'s, else sniffed from the content; when neither tells,
    a usage error (exit code 2) asks for ``--from``.
    """
    from argmap.formats import get_format, load, sniff

    name = format or _chosen
    if os.fspath(path) != "-":
        return load(path, format=name)
    text = read_stdin()
    fmt = get_format(name) if name else sniff(text)
    if fmt is None or fmt.parse is None:
        raise CliUsageError(f"{STDIN_NAME}: cannot tell the format of standard input from its content; name it with --from FORMAT")
    return fmt.parse(text, filename=STDIN_NAME)


def map_language(amap: ArgumentMap, lang: str | None) -> str:
    """``lang`` when the map has text in it (else the one error every command gives, listing its languages); the map's by default.

    The same rule, and message, as the renderer's (``argmap._types.check_language``).
    """
    from argmap._types import check_language, is_language

    if lang is not None and not is_language(lang):
        raise CliUsageError(f"--lang: {lang!r} is not a language code (use ISO 639 codes such as 'nl' or 'en')")
    check_language(lang, amap.languages)
    return lang or amap.language


def check_semantics(name: str | None, option: str = "--evaluate") -> None:
    """An unknown semantics named on the command line is a usage error (exit 2), found before any file is read."""
    if name is None:
        return
    try:
        from argmap.semantics import SEMANTICS
    except ImportError:
        raise ArgmapError(f"{option} needs the evaluation module (argmap.semantics), which is not installed in this build") from None
    if name not in SEMANTICS:
        raise CliUsageError(f"{option}: unknown semantics '{name}'; choose one of {', '.join(SEMANTICS)}")


def display_name(path: str | os.PathLike[str]) -> str:
    """How a file argument is named in messages: ``<stdin>`` for ``-``."""
    return STDIN_NAME if os.fspath(path) == "-" else os.fspath(path)
