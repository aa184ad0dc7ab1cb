"""ASP encodings (after ASPARTIX) of the complete, preferred, stable and semi-stable semantics, solved by clingo.

Preferred and semi-stable use clingo's domain heuristics in ``domRec`` enumeration mode: it
enumerates only the models whose ``in/1`` (or ``range/1``) atoms are subset-maximal, so no
model is checked for maximality afterwards.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import clingo

from argmap.errors import LimitExceededError
from argmap.semantics.framework import Framework

__all__ = ["exists", "solve"]

_BASE = """
#defined att/2.
#defined arg/1.
{ in(X) } :- arg(X).
:- in(X), in(Y), att(X, Y).
defeated(X) :- in(Y), att(Y, X).
"""
_COMPLETE = """
undefended(X) :- att(Y, X), not defeated(Y).
:- in(X), undefended(X).
:- arg(X), not in(X), not undefended(X).
"""
_STABLE = """
:- arg(X), not in(X), not defeated(X).
"""
_RANGE = """
range(X) :- in(X).
range(X) :- defeated(X).
"""
_MAXIMAL_IN = "#heuristic in(X) : arg(X). [1, true]\n"
_MAXIMAL_RANGE = "#heuristic range(X) : arg(X). [1, true]\n"
_DOM_REC = ["--heuristic=Domain", "--enum-mode=domRec"]


def _facts(fw: Framework) -> str:
    parts = [f"arg(0..{len(fw) - 1}).\n"] if len(fw) else []
    parts.extend(f"att({a},{b})." for a, b in zip(fw.attack_from, fw.attack_to, strict=True))
    return "".join(parts)


def _run(
    program: str,
    options: Sequence[str],
    atom: str,
    *,
    limit: int | None,
    timeout: float | None,
    what: str,
    models: int = 0,
) -> list[list[int]]:
    """Solve ``program`` and return, per model, the sorted arguments of the shown ``atom``/1 atoms."""
    ctl = clingo.Control([f"--models={models}", *options], logger=lambda _code, _msg: None)
    ctl.add("base", [], program + f"#show {atom}/1.\n")
    ctl.ground([("base", [])])
    found: list[list[int]] = []
    over = threading.Event()

    def on_model(model: clingo.Model) -> bool:
        if limit is not None and len(found) >= limit:
            over.set()
            return False
        found.append(sorted(sym.arguments[0].number for sym in model.symbols(shown=True)))
        return True

    with ctl.solve(on_model=on_model, async_=True) as handle:  # type: ignore[union-attr]
        if not handle.wait(timeout):
            handle.cancel()
            raise LimitExceededError(f"{what}: the solver did not finish within {timeout} s (pass a larger timeout)")
        handle.get()
    if over.is_set():
        raise LimitExceededError(f"{what}: more than {limit} extensions (pass a larger limit, or limit=None)")
    return found


def solve(fw: Framework, semantics: str, *, limit: int | None = None, timeout: float | None = 60.0) -> list[list[int]]:
    """Every extension of ``fw`` under complete, preferred, stable or semi-stable, sorted.

    Examples
    --------
    >>> solve(Framework(["a", "b"], [("a", "b"), ("b", "a")]), "complete")
    [[], [0], [1]]
    """
    facts = _facts(fw)
    what = f"{semantics} extensions of {fw!r}"
    if semantics == "complete":
        exts = _run(facts + _BASE + _COMPLETE, [], "in", limit=limit, timeout=timeout, what=what)
    elif semantics == "stable":
        exts = _run(facts + _BASE + _STABLE, [], "in", limit=limit, timeout=timeout, what=what)
    elif semantics == "preferred":
        exts = _run(facts + _BASE + _COMPLETE + _MAXIMAL_IN, _DOM_REC, "in", limit=limit, timeout=timeout, what=what)
    elif semantics == "semi-stable":
        exts = _semi_stable(fw, facts, limit=limit, timeout=timeout, what=what)
    else:  # pragma: no cover - guarded by the callers
        raise ValueError(semantics)
    return sorted(exts, key=lambda e: (len(e), e))


def _semi_stable(fw: Framework, facts: str, *, limit: int | None, timeout: float | None, what: str) -> list[list[int]]:
    """Complete extensions of maximal range: first the maximal ranges, then the extensions of each."""
    program = facts + _BASE + _COMPLETE + _RANGE
    ranges = _run(program + _MAXIMAL_RANGE, _DOM_REC, "range", limit=limit, timeout=timeout, what=what)
    if len(ranges) == 1 and len(ranges[0]) == len(fw):  # a stable extension exists: semi-stable = stable
        return _run(facts + _BASE + _STABLE, [], "in", limit=limit, timeout=timeout, what=what)
    out: list[list[int]] = []
    for rng in ranges:
        fixed = "".join(f"r({x})." for x in rng) + "#defined r/1.\n:- range(X), not r(X).\n:- r(X), not range(X).\n"
        left = None if limit is None else limit - len(out)
        out.extend(_run(program + fixed, [], "in", limit=left, timeout=timeout, what=what))
    return out


def exists(
    fw: Framework,
    semantics: str,
    *,
    require_in: int | None = None,
    forbid_in: int | None = None,
    timeout: float | None = 60.0,
) -> bool:
    """Whether a complete or stable extension exists that contains ``require_in`` / lacks ``forbid_in``.

    Examples
    --------
    >>> fw = Framework(["a", "b"], [("a", "b")])
    >>> exists(fw, "stable", require_in=1), exists(fw, "stable", forbid_in=1)
    (False, True)
    """
    program = _facts(fw) + _BASE + (_STABLE if semantics == "stable" else _COMPLETE)
    if require_in is not None:
        program += f":- not in({require_in}).\n"
    if forbid_in is not None:
        program += f":- in({forbid_in}).\n"
    found = _run(program, [], "in", models=1, limit=None, timeout=timeout, what=f"{semantics} acceptance in {fw!r}")
    return bool(found)
