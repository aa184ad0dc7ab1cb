"""The typer application and the helpers every command shares (error exit, console).

Exit codes (docs/cli.md): 0 done; 1 an input is invalid, an id unknown, or a file cannot be read or
written; 2 a usage error (a missing, unknown or conflicting argument or option). Never a traceback.
"""

from __future__ import annotations

import errno
import shutil
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, cast

import typer

from argmap.errors import ArgmapError, InvalidMapError, InvalidOptionError

if TYPE_CHECKING:
    from rich.console import Console

app = typer.Typer(
    name="argmap",
    help="Argument maps of claims, evidence and rebuttals: validate, query, convert, evaluate and render them.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # click's plain help and usage errors: rich's panels cost ~50 ms at every start
    add_completion=True,  # --install-completion / --show-completion for bash, zsh, fish and PowerShell
)


class _LazyConsole:
    """A ``rich`` console made on first use: importing rich costs about 40 ms, which a command that prints one
    plain line (``wrote x.svg``) need not pay.

    ``print`` of plain text (no markup, no ``:emoji:`` codes, printable, short or soft-wrapped) is written as
    rich would write it, without rich; anything else goes to the real console.
    """

    def __init__(self, *, stderr: bool = False) -> None:
        self._stderr = stderr
        self._console: Console | None = None

    def _real(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=self._stderr, highlight=False)
        return self._console

    def print(self, *objects: Any, markup: bool | None = None, soft_wrap: bool | None = None, end: str = "\n", **options: Any) -> None:
        if self._console is None and markup is False and not options and len(objects) == 1 and isinstance(objects[0], str):
            text = objects[0]
            short = text.isascii() and len(text) < min(80, shutil.get_terminal_size().columns)  # rich would not wrap it
            if text.isprintable() and ":" not in text and (soft_wrap or short):
                stream = sys.stderr if self._stderr else sys.stdout
                stream.write(text + end)
                return
        self._real().print(*objects, markup=markup, soft_wrap=soft_wrap, end=end, **options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real(), name)


console = cast("Console", _LazyConsole())
err_console = cast("Console", _LazyConsole(stderr=True))


def _print_version(value: bool) -> None:
    if value:
        from argmap import __version__

        typer.echo(f"argmap {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", help="Print argmap's version and exit.", callback=_print_version, is_eager=True),
) -> None:
    """Argument maps of claims, evidence and rebuttals: validate, query, convert, evaluate and render them."""


class CliUsageError(ArgmapError):
    """The command line itself is wrong (a missing, conflicting or unknown value): one line, exit code 2."""


def plural(count: int, word: str) -> str:
    """``1 relation``, ``2 relations``."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def os_error_message(exc: OSError, what: str = "") -> str:
    """One line for an ``OSError``: the path, then what went wrong (``notes.txt/x.svg: Not a directory``)."""
    where = exc.filename if exc.filename is not None else what
    reason = exc.strerror or str(exc) or type(exc).__name__
    return f"{where}: {reason}" if where else reason


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn argmap's errors (and a file that cannot be read or written) into one clear message on stderr, never a traceback.

    Exit code 2 for a :class:`CliUsageError`, 1 for everything else.
    """
    try:
        yield
    except CliUsageError as exc:
        err_console.print("[bold red]error:[/] ", markup=True, end="")
        err_console.print(str(exc), markup=False, soft_wrap=True)
        raise typer.Exit(2) from None
    except InvalidOptionError as exc:  # named as on the command line: --lang, --max-statements
        err_console.print("[bold red]error:[/] ", markup=True, end="")
        err_console.print(f"--{exc.option.replace('_', '-')}: {exc.detail}", markup=False, soft_wrap=True)
        raise typer.Exit(1) from None
    except InvalidMapError as exc:
        err_console.print(f"[bold red]error:[/] {exc.message.splitlines()[0]}", markup=True, soft_wrap=True)
        for problem in exc.problems:
            err_console.print(f"  - {problem}", markup=False, soft_wrap=True)
        raise typer.Exit(1) from None
    except ArgmapError as exc:
        err_console.print("[bold red]error:[/] ", markup=True, end="")
        err_console.print(str(exc), markup=False, soft_wrap=True)
        raise typer.Exit(1) from None
    except OSError as exc:  # a file or folder argmap could not read or write; a closed stdout is left to main()
        if exc.errno == errno.EPIPE:
            raise
        err_console.print("[bold red]error:[/] ", markup=True, end="")
        err_console.print(os_error_message(exc), markup=False, soft_wrap=True)
        raise typer.Exit(1) from None


def say_warnings(caught: list[warnings.WarningMessage], where: str = "") -> list[str]:
    """Print warnings caught around a library call, one line each (a repeat once), ``where`` (e.g. a file name) in front.

    Returns the messages printed.
    """
    said = list(dict.fromkeys(str(w.message) for w in caught))
    for message in said:
        err_console.print(f"[yellow]warning:[/] {where}", markup=True, end="")
        err_console.print(message, markup=False, soft_wrap=True)
    return said
