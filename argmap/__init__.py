"""argmap: argument maps of claims, evidence and rebuttals; query, evaluate and render them.

The model (:class:`ArgumentMap` and its parts) is at the bottom; graph conversion, queries, edits,
formats, evaluation and rendering are plain functions above it.

Every public name is imported on first use (PEP 562): ``import argmap`` alone loads none of networkx,
pydantic's models, Graphviz or the solvers, so that a command pays only for what it uses.
``argmap.X`` and ``from argmap import X`` work for every name of ``__all__``, and for the subpackages
``argmap.render`` (callable: ``argmap.render(m)``), ``argmap.deck``, ``argmap.query`` and the rest.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from argmap import deck as deck
    from argmap import query as query
    from argmap.edit import (
        MapBuilder,
        add_relation,
        add_source,
        add_statement,
        remove_relation,
        remove_statement,
        set_main_claim,
        update_relation,
        update_statement,
    )
    from argmap.errors import (
        ArgmapError,
        FormatError,
        FormatWarning,
        InvalidMapError,
        LimitExceededError,
        NotFoundError,
        Problem,
        RenderError,
    )
    from argmap.formats import dump, load, parse, save
    from argmap.graph import from_networkx, statement_graph, to_networkx
    from argmap.model import (
        Anchor,
        ArgumentMap,
        Attack,
        Claim,
        Evidence,
        Holder,
        Preference,
        Rephrase,
        Source,
        Support,
        Undercut,
    )
    from argmap.render import RenderOptions, SlideFitWarning, Theme, to_dot
    from argmap.render.pipeline import render
    from argmap.semantics import Evaluation, Explanation, Framework, evaluate, explain
    from argmap.view import display

__version__ = "0.1.0"

# Where each public name lives; it is imported from there the first time it is asked for.
_LAZY: dict[str, str] = {
    **dict.fromkeys(
        (
            "MapBuilder",
            "add_relation",
            "add_source",
            "add_statement",
            "remove_relation",
            "remove_statement",
            "set_main_claim",
            "update_relation",
            "update_statement",
        ),
        "argmap.edit",
    ),
    **dict.fromkeys(
        (
            "ArgmapError",
            "FormatError",
            "FormatWarning",
            "InvalidMapError",
            "LimitExceededError",
            "NotFoundError",
            "Problem",
            "RenderError",
        ),
        "argmap.errors",
    ),
    **dict.fromkeys(("dump", "load", "parse", "save"), "argmap.formats"),
    **dict.fromkeys(("from_networkx", "statement_graph", "to_networkx"), "argmap.graph"),
    **dict.fromkeys(
        ("Anchor", "ArgumentMap", "Attack", "Claim", "Evidence", "Holder", "Preference", "Rephrase", "Source", "Support", "Undercut"),
        "argmap.model",
    ),
    **dict.fromkeys(("RenderOptions", "SlideFitWarning", "Theme", "to_dot"), "argmap.render"),
    **dict.fromkeys(("Evaluation", "Explanation", "Framework", "evaluate", "explain"), "argmap.semantics"),
    "display": "argmap.view",
}

# Subpackages reachable as attributes without an import of their own (``argmap.render`` is callable).
_SUBMODULES = ("deck", "query", "render")

__all__ = [
    "Anchor",
    "ArgmapError",
    "ArgumentMap",
    "Attack",
    "Claim",
    "Evaluation",
    "Evidence",
    "Explanation",
    "FormatError",
    "FormatWarning",
    "Framework",
    "Holder",
    "InvalidMapError",
    "LimitExceededError",
    "MapBuilder",
    "NotFoundError",
    "Preference",
    "Problem",
    "RenderError",
    "RenderOptions",
    "Rephrase",
    "SlideFitWarning",
    "Source",
    "Support",
    "Theme",
    "Undercut",
    "__version__",
    "add_relation",
    "add_source",
    "add_statement",
    "display",
    "dump",
    "evaluate",
    "explain",
    "from_networkx",
    "load",
    "parse",
    "remove_relation",
    "remove_statement",
    "render",
    "save",
    "set_main_claim",
    "statement_graph",
    "to_dot",
    "to_networkx",
    "update_relation",
    "update_statement",
]


def __getattr__(name: str) -> Any:
    """Import a public name (or subpackage) on first use, and keep it as the package's attribute."""
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f"argmap.{name}")
    else:
        raise AttributeError(f"module 'argmap' has no attribute '{name}'")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, *_SUBMODULES})
