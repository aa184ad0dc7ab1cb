"""The ``argmap`` command line: one typer app; each command group lives in its own module here.

Commands are thin: parse arguments, call the library, print. Errors the user can cause end in a
message and exit code 1 (invalid input) or 2 (usage), never a traceback.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from argmap.cli._app import app

__all__ = ["app", "console_main", "main"]

# Each module registers its commands on the typer app when imported, in this order (that of ``--help``).
_MODULES = ("core", "convert", "render", "deck", "evaluate", "iccma", "serve", "view")
# The module of each command: ``argmap render ...`` imports only what ``render`` needs (start-up time).
_COMMANDS = {
    "validate": "core",
    "show": "core",
    "query": "core",
    "schema": "core",
    "convert": "convert",
    "render": "render",
    "deck": "deck",
    "evaluate": "evaluate",
    "iccma": "iccma",
    "serve": "serve",
    "keys": "serve",
    "db": "serve",
    "view": "view",
}


def _register(modules: tuple[str, ...] = _MODULES) -> Any:
    """Import the command modules (each adds its commands to the app) and return the app."""
    for module in modules:
        try:
            importlib.import_module(f"argmap.cli.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"argmap.cli.{module}":
                raise
    from argmap.cli._app import app

    return app


def __getattr__(name: str) -> Any:
    """``argmap.cli.app``: the app with every command (PEP 562, so that ``main`` can register fewer)."""
    if name == "app":
        return _register()
    raise AttributeError(f"module 'argmap.cli' has no attribute '{name}'")


def _command_app(argv: list[str]) -> Any:
    """The app with the commands this command line can run: only the named command's module when it is a known one.

    Help, completion, ``--version`` and unknown names get every command (so that click lists them all).
    """
    words = [a for a in argv if not a.startswith("-")]
    module = _COMMANDS.get(words[0]) if words else None
    if module is None or any(k.endswith("_COMPLETE") for k in os.environ):
        return _register()
    return _register((module,))


def main() -> None:
    """Run the command line on ``sys.argv``; ends with :class:`SystemExit` carrying the exit code.

    Standard output that cannot be written is one line, never a traceback: a full disk
    (``argmap schema > /dev/full``) is an error, exit code 1; a reader that stopped reading
    (``argmap show MAP | head -1``) ends the command quietly, exit code 1, as click does.
    A program may call it: its ``finally`` blocks and open files are left alone.
    """
    sys.exit(_run())


def console_main() -> None:
    """Entry point of the ``argmap`` console script and ``python -m argmap``: :func:`main`, then the process ends
    without the interpreter's teardown (see :func:`_exit`). Only for a process that is nothing but the command line."""
    _exit(_run())


def _run() -> int | str | None:
    """The command line's work; returns the exit code."""
    _fast_start()
    code: int | str | None = 0
    try:
        _command_app(sys.argv[1:])()
    except SystemExit as exc:
        code = exc.code
    except OSError as exc:  # raised while printing, outside a command's own error handling
        code = _output_failed(exc)
    try:
        sys.stdout.flush()  # what is still buffered: its failure would otherwise be a message at exit
    except OSError as exc:
        code = _output_failed(exc)
    return code


def _fast_start() -> None:
    """What the command line sets before it starts (never the library): no scan for pydantic plugins.

    pydantic looks through every installed distribution for plugins the first time it builds a validator
    (about 20 ms). A command line has no use for them; ``PYDANTIC_DISABLE_PLUGINS`` set by the user wins,
    and the REST service (``argmap serve``) keeps them.
    """
    words = [a for a in sys.argv[1:] if not a.startswith("-")]
    if not words or words[0] not in ("serve", "keys", "db"):
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def _exit(code: int | str | None) -> None:
    """End the process with ``code`` as ``sys.exit`` would, without the interpreter's teardown.

    Tearing down (freeing every module and object one by one) costs about as much CPU as rendering a map.
    Exit handlers still run and standard output and error are flushed first. A command that left a thread
    running (none does) ends the normal way.
    """
    import atexit
    import threading

    if threading.active_count() > 1:
        sys.exit(code)
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # stdout was dealt with above; nothing more can be said
            stream.flush()
    os._exit(status & 0xFF)


def _output_failed(exc: OSError) -> int:
    """Say (unless the reader just stopped reading) that output failed; stdout then goes nowhere, so exit is quiet."""
    import errno
    import os
    import sys

    from argmap.cli._app import os_error_message

    if exc.errno != errno.EPIPE:
        print(f"error: {os_error_message(exc, 'standard output')}", file=sys.stderr)
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # pragma: no cover - no real stdout
        pass
    return 1
