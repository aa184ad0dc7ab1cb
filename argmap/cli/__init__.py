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
    """Entry point of the ``argmap`` console script."""
    app()
