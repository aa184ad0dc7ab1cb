"""The ``argmap`` command line: one typer app; each command group lives in its own module here.

Commands are thin: parse arguments, call the library, print. Errors the user can cause end in a
message and exit code 1 (invalid input) or 2 (usage), never a traceback.
"""

from __future__ import annotations

import importlib

from argmap.cli._app import app

__all__ = ["app", "main"]

# Each module registers its commands on ``app`` when imported.
for _module in ("core", "convert", "render", "deck", "evaluate", "iccma", "serve", "view"):
    try:
        importlib.import_module(f"argmap.cli.{_module}")
    except ModuleNotFoundError as _exc:
        if _exc.name != f"argmap.cli.{_module}":
            raise


def main() -> None:
    """Entry point of the ``argmap`` console script (and ``python -m argmap``).

    Standard output that cannot be written is one line, never a traceback: a full disk
    (``argmap schema > /dev/full``) is an error, exit code 1; a reader that stopped reading
    (``argmap show MAP | head -1``) ends the command quietly, exit code 1, as click does.
    """
    import sys

    code: int | str | None = 0
    try:
        app()
    except SystemExit as exc:
        code = exc.code
    except OSError as exc:  # raised while printing, outside a command's own error handling
        code = _output_failed(exc)
    try:
        sys.stdout.flush()  # what is still buffered: its failure would otherwise be a message at exit
    except OSError as exc:
        code = _output_failed(exc)
    sys.exit(code)


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
