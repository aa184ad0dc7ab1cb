"""argmap: argument maps of claims, evidence and rebuttals; query, evaluate and render them.

The model (:class:`ArgumentMap` and its parts) is at the bottom; graph conversion, queries, edits,
formats, evaluation and rendering are plain functions above it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap import (
    deck,  # noqa: F401 - argmap.deck.build_deck(m) without a further import
    query,  # noqa: F401 - argmap.query.<question>(m, ...) without a further import
)
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
from argmap.semantics import Evaluation, Explanation, Framework, evaluate, explain
from argmap.view import display

if TYPE_CHECKING:
    from argmap.render.pipeline import render
else:  # the package itself: callable as argmap.render(m), and argmap.render.render(m) works too
    from argmap import render

__version__ = "0.1.0"

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
