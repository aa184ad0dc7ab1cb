"""The typer application and the helpers every command shares (error exit, console)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console

from argmap.errors import ArgmapError, InvalidMapError

app = typer.Typer(
    name="argmap",
    help="Argument maps of claims, evidence and rebuttals: validate, query, convert, evaluate and render them.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


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


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn argmap's errors into a clear message on stderr and exit code 1, never a traceback."""
    try:
        yield
    except InvalidMapError as exc:
        err_console.print(f"[bold red]error:[/] {exc.message.splitlines()[0]}", markup=True, soft_wrap=True)
        for problem in exc.problems:
            err_console.print(f"  - {problem}", markup=False, soft_wrap=True)
        raise typer.Exit(1) from None
    except ArgmapError as exc:
        err_console.print("[bold red]error:[/] ", markup=True, end="")
        err_console.print(str(exc), markup=False, soft_wrap=True)
        raise typer.Exit(1) from None


def say_warnings(caught: list[warnings.WarningMessage], where: str = "") -> None:
    """Print warnings caught around a library call, one line each, ``where`` (e.g. a file name) in front."""
    for w in caught:
        err_console.print(f"[yellow]warning:[/] {where}", markup=True, end="")
        err_console.print(str(w.message), markup=False, soft_wrap=True)
