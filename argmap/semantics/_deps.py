"""The optional solver packages (clingo, python-sat, numpy), imported only where they are used.

``import argmap`` loads none of them; each is imported at its first use through :func:`require`,
which turns a missing package into an :class:`~argmap.errors.ArgmapError` naming the extra to install.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from argmap.errors import ArgmapError

__all__ = ["MissingSolverError", "require"]

_PACKAGES = {"clingo": "clingo", "pysat": "python-sat", "numpy": "numpy"}


class MissingSolverError(ArgmapError, ImportError):
    """A semantics needs a solver package that is not installed (``pip install 'argmap[solvers]'``)."""


def require(module: str) -> ModuleType:
    """The module ``module`` (``"clingo"``, ``"pysat.solvers"``, ``"numpy"``), or a clear error naming the extra.

    Examples
    --------
    >>> require("clingo").__name__
    'clingo'
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        top = module.partition(".")[0]
        package = _PACKAGES.get(top, top)
        raise MissingSolverError(
            f"this needs the {package} package, which is not installed: install argmap[solvers] (pip install 'argmap[solvers]')"
        ) from None
