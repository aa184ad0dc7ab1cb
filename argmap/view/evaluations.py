"""Evaluations for the view's overlay switch, computed when the page is written."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from argmap.errors import ArgmapError, LimitExceededError
from argmap.model import ArgumentMap

__all__ = ["DEFAULT_SEMANTICS", "MAX_EXPLAINED", "evaluations_for"]

DEFAULT_SEMANTICS = ("grounded", "preferred", "dfquad")
MAX_EXPLAINED = 300  # explanations cost ~15 ms per statement; larger maps get the statuses only


def evaluations_for(
    m: ArgumentMap,
    semantics: Sequence[str] = DEFAULT_SEMANTICS,
    *,
    explain: bool | None = None,
    lang: str | None = None,
    timeout: float | None = None,
    limit: int | None = 1000,
) -> dict[str, dict[str, Any]]:
    """Evaluate ``m`` under each semantics, in the form :func:`argmap.view.build_view` takes.

    Parameters
    ----------
    m : ArgumentMap
        The map.
    semantics : sequence of str
        Names known to :func:`argmap.semantics.evaluate` (``grounded``, ``preferred``, ``dfquad``, ...).
    explain : bool, optional
        Add the explanation of every statement's status (default: for maps up to
        :data:`MAX_EXPLAINED` statements).
    lang : str, optional
        The language of the explanations' quotes.
    timeout : float, optional
        Seconds for the whole call (every semantics and every explanation); a semantics not done in the
        time left is left out with its reason, and explanations stop when the time is up. None: no bound.
    limit : int, optional
        Most extensions a semantics may enumerate (see :func:`argmap.semantics.evaluate`).

    Returns
    -------
    dict
        ``{name: {"values": {id: label or strength}, "explanations": {id: text}}}``. A semantics that
        fails (too many extensions, a timeout) is left out with its reason under ``"error"``.

    Examples
    --------
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap.model_validate({"statements": [{"id": "a", "claim": "A."}, {"id": "b", "claim": "B."}],
    ...     "relations": [{"attack": "b", "target": "a"}]})
    >>> evaluations_for(m, ["grounded"])["grounded"]["values"]
    {'a': 'OUT', 'b': 'IN'}
    """
    from argmap.semantics import evaluate
    from argmap.semantics import explain as explain_one
    from argmap.semantics.dung import DUNG_SEMANTICS

    want_explain = len(m.statements) <= MAX_EXPLAINED if explain is None else explain
    deadline = None if timeout is None else time.monotonic() + timeout
    out: dict[str, dict[str, Any]] = {}
    for name in semantics:
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0:
            out[name] = {"values": {}, "explanations": {}, "error": f"not evaluated: the {timeout:g} s for the overlay were used up"}
            continue
        try:
            result = evaluate(m, semantics=name, limit=limit, timeout=60.0 if left is None else left)
        except ArgmapError as exc:
            out[name] = {"values": {}, "explanations": {}, "error": str(exc)}
            continue
        values = result.overlay()
        explanations: dict[str, str] = {}
        if want_explain:
            for st in m.statements:
                bound: dict[str, Any] = {}
                if deadline is not None:
                    if time.monotonic() >= deadline:
                        break
                    if name in DUNG_SEMANTICS:  # each explanation labels the map again: within what is left
                        bound = {"timeout": max(deadline - time.monotonic(), 0.001), "limit": limit}
                try:
                    explanations[st.id] = explain_one(m, st.id, name, lang=lang, **bound).text
                except LimitExceededError:
                    break
                except ArgmapError:
                    continue
        out[name] = {"values": values, "explanations": explanations}
    return out
