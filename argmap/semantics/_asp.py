"""ASP encodings (after ASPARTIX) of the complete, preferred, stable and semi-stable semantics, solved by clingo.

clingo is imported at the first solver call, not with this module (it is in the ``solvers`` extra).

Preferred and semi-stable use clingo's domain heuristics in ``domRec`` enumeration mode: it
enumerates only the models whose ``in/1`` (or ``range/1``) atoms are subset-maximal, so no
model is checked for maximality afterwards.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from argmap.errors import LimitExceededError
from argmap.semantics._deps import require
from argmap.semantics.framework import Framework

if TYPE_CHECKING:
    import clingo

__all__ = ["deadline_of", "exists", "left", "solve"]

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


def deadline_of(timeout: float | None) -> float | None:
    """The monotonic time by which a call given ``timeout`` seconds must be done (None: no bound)."""
    return None if timeout is None else time.monotonic() + timeout


def left(deadline: float | None, timeout: float | None) -> float | None:
    """Seconds left until ``deadline``; :class:`~argmap.errors.LimitExceededError` once it has passed."""
    if deadline is None:
        return None
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise LimitExceededError(f"did not finish within {timeout} s (pass a larger timeout)")
    return remaining


def _run(
    program: str,
    options: Sequence[str],
    atom: str,
    *,
    limit: int | None,
    deadline: float | None,
    timeout: float | None,
    models: int = 0,
) -> list[list[int]]:
    """Solve ``program`` and return, per model, the sorted arguments of the shown ``atom``/1 atoms.

    The deadline is checked between parsing, grounding and solving; the search itself is
    cancelled when it runs out. (Grounding cannot be interrupted: :mod:`argmap.semantics._bounded`
    runs large programs in a child process that is killed at the deadline.)
    """
    left(deadline, timeout)
    ctl = require("clingo").Control([f"--models={models}", *options], logger=lambda _code, _msg: None)
    ctl.add("base", [], program + f"#show {atom}/1.\n")
    left(deadline, timeout)
    ctl.ground([("base", [])])
    remaining = left(deadline, timeout)
    found: list[list[int]] = []
    over = threading.Event()

    def on_model(model: clingo.Model) -> bool:
        if limit is not None and len(found) >= limit:
            over.set()
            return False
        found.append(sorted(sym.arguments[0].number for sym in model.symbols(shown=True)))
        return True

    with ctl.solve(on_model=on_model, async_=True) as handle:  # type: ignore[union-attr]
        if not handle.wait(remaining):
            handle.cancel()
            raise LimitExceededError(f"the solver did not finish within {timeout} s (pass a larger timeout)")
        handle.get()
    if over.is_set():
        raise LimitExceededError(f"more than {limit} extensions (pass a larger limit, or limit=None)")
    return found


def solve(fw: Framework, semantics: str, *, limit: int | None = None, timeout: float | None = 60.0) -> list[list[int]]:
    """Every extension of ``fw`` under complete, preferred, stable or semi-stable, sorted.

    Examples
    --------
    >>> solve(Framework(["a", "b"], [("a", "b"), ("b", "a")]), "complete")
    [[], [0], [1]]
    """
    deadline = deadline_of(timeout)
    facts = _facts(fw)
    bounds = {"limit": limit, "deadline": deadline, "timeout": timeout}
    if semantics == "complete":
        exts = _run(facts + _BASE + _COMPLETE, [], "in", **bounds)  # type: ignore[arg-type]
    elif semantics == "stable":
        exts = _run(facts + _BASE + _STABLE, [], "in", **bounds)  # type: ignore[arg-type]
    elif semantics == "preferred":
        exts = _run(facts + _BASE + _COMPLETE + _MAXIMAL_IN, _DOM_REC, "in", **bounds)  # type: ignore[arg-type]
    elif semantics == "semi-stable":
        exts = _semi_stable(fw, facts, limit=limit, deadline=deadline, timeout=timeout)
    else:  # pragma: no cover - guarded by the callers
        raise ValueError(semantics)
    return sorted(exts, key=lambda e: (len(e), e))


def _semi_stable(fw: Framework, facts: str, *, limit: int | None, deadline: float | None, timeout: float | None) -> list[list[int]]:
    """Complete extensions of maximal range: first the maximal ranges, then the extensions of each."""
    program = facts + _BASE + _COMPLETE + _RANGE
    ranges = _run(program + _MAXIMAL_RANGE, _DOM_REC, "range", limit=limit, deadline=deadline, timeout=timeout)
    if len(ranges) == 1 and len(ranges[0]) == len(fw):  # a stable extension exists: semi-stable = stable
        return _run(facts + _BASE + _STABLE, [], "in", limit=limit, deadline=deadline, timeout=timeout)
    out: list[list[int]] = []
    for rng in ranges:
        fixed = "".join(f"r({x})." for x in rng) + "#defined r/1.\n:- range(X), not r(X).\n:- r(X), not range(X).\n"
        rest = None if limit is None else limit - len(out)
        out.extend(_run(program + fixed, [], "in", limit=rest, deadline=deadline, timeout=timeout))
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
    deadline = deadline_of(timeout)
    program = _facts(fw) + _BASE + (_STABLE if semantics == "stable" else _COMPLETE)
    if require_in is not None:
        program += f":- not in({require_in}).\n"
    if forbid_in is not None:
        program += f":- in({forbid_in}).\n"
    found = _run(program, [], "in", models=1, limit=None, deadline=deadline, timeout=timeout)
    return bool(found)


def one(
    fw: Framework,
    semantics: str,
    *,
    require_in: Sequence[int] = (),
    forbid_in: Sequence[int] = (),
    not_inside: Sequence[Sequence[int]] = (),
    range_covers: Sequence[int] = (),
    range_beyond: bool = False,
    range_not_inside: Sequence[Sequence[int]] = (),
    timeout: float | None = 60.0,
) -> list[int] | None:
    """One extension (a single solver model) under complete, stable, preferred or semi-stable, or None.

    ``require_in`` / ``forbid_in``: arguments it must contain / lack; ``not_inside``: sets it must
    not be a subset of. Under preferred (semi-stable) the model is subset-maximal in ``in`` (in
    range) among those meeting the constraints, by clingo's domain heuristic. The range (the
    arguments IN or attacked by one that is) must contain ``range_covers`` (and, with
    ``range_beyond``, more), and must not be a subset of any of ``range_not_inside``.

    Examples
    --------
    >>> fw = Framework(["a", "b", "c"], [("a", "b"), ("b", "a"), ("b", "c")])
    >>> one(fw, "preferred", forbid_in=[1]), one(fw, "stable", require_in=[1, 2])
    ([0, 2], None)
    """
    deadline = deadline_of(timeout)
    program = _facts(fw) + _BASE
    options: list[str] = []
    if semantics == "stable":
        program += _STABLE
    else:
        program += _COMPLETE
    if semantics == "preferred":
        program += _MAXIMAL_IN
        options = _DOM_REC
    elif semantics == "semi-stable":
        program += _MAXIMAL_RANGE
        options = _DOM_REC
    if semantics == "semi-stable" or range_covers or range_beyond or range_not_inside:
        program += _RANGE
    program += "".join(f":- not range({a}).\n" for a in range_covers)
    if range_beyond:
        program += "".join(f"c({x})." for x in range_covers) + "#defined c/1.\nwider :- range(X), not c(X).\n:- not wider.\n"
    for k, inside in enumerate(range_not_inside):
        program += "".join(f"q{k}({x})." for x in inside) + f"#defined q{k}/1.\nrout{k} :- range(X), not q{k}(X).\n:- not rout{k}.\n"
    program += "".join(f":- not in({a}).\n" for a in require_in)
    program += "".join(f":- in({a}).\n" for a in forbid_in)
    for k, inside in enumerate(not_inside):
        program += "".join(f"p{k}({x})." for x in inside) + f"#defined p{k}/1.\nout{k} :- in(X), not p{k}(X).\n:- not out{k}.\n"
    found = _run(program, options, "in", models=1, limit=None, deadline=deadline, timeout=timeout)
    return found[0] if found else None
