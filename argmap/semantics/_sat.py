"""SAT encodings (after Cerutti et al.'s labelling encodings) of the admissible, complete and stable semantics, solved by python-sat.

One incremental solver (Glucose 4) per question: assumptions pick the arguments that must be in or
out, and *selector* variables switch temporary clauses off again, so a search that asks many
questions (growing a set to a preferred extension, the counterexample loop of sceptical
preferred) reuses one solver and everything it has learnt.

Variables: ``in(a)`` is ``a + 1`` and ``out(a)`` is ``n + a + 1`` for the arguments ``0 .. n-1``.

- admissible: ``in(a) -> out(b)`` for every attacker ``b`` of ``a``; ``out(b) -> in(c)`` for some
  attacker ``c`` of ``b``; never both ``in`` and ``out``;
- complete: also ``in(a)`` when every attacker is ``out``, and ``out(a)`` when an attacker is ``in``;
- stable: only ``in`` variables: conflict-free, and every argument in or attacked by one that is.

Preferred extensions are subset-maximal complete ones, found by growing: ask for a strict
superset of the current set until there is none.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from typing import Any

from argmap.errors import LimitExceededError
from argmap.semantics._asp import left
from argmap.semantics._deps import require
from argmap.semantics.framework import Framework

__all__ = ["SOLVER", "Encoding"]

SOLVER = "glucose4"
ENCODINGS = ("admissible", "complete", "stable")


class Encoding:
    """A framework under one encoding (``admissible``, ``complete`` or ``stable``) in an incremental SAT solver.

    Parameters
    ----------
    fw
        The framework.
    encoding
        ``admissible``, ``complete`` or ``stable``.
    deadline, timeout
        The monotonic time every call must be done by, and the budget to name in the error.

    Examples
    --------
    >>> enc = Encoding(Framework(["a", "b"], [("a", "b"), ("b", "a")]), "stable")
    >>> sorted(map(tuple, enc.enumerate()))
    [(0,), (1,)]
    """

    def __init__(self, fw: Framework, encoding: str, *, deadline: float | None = None, timeout: float | None = None) -> None:
        solvers = require("pysat.solvers")
        self.n = n = len(fw)
        self.deadline, self.timeout = deadline, timeout
        self.encoding = encoding
        attackers = fw.attackers()
        clauses: list[list[int]] = []
        add = clauses.append
        if encoding == "stable":
            for a in range(n):
                att = attackers[a]
                add([a + 1, *(b + 1 for b in att)])
                for b in att:
                    add([-(a + 1), -(b + 1)])
        else:
            complete = encoding == "complete"
            for a in range(n):
                i, o, att = a + 1, n + a + 1, attackers[a]
                add([-i, -o])
                add([-o, *(b + 1 for b in att)])  # out only when an attacker is in
                for b in att:
                    add([-i, n + b + 1])  # in: every attacker out
                if complete:
                    add([i, *(-(n + b + 1) for b in att)])  # every attacker out: in
                    for b in att:
                        add([-(b + 1), o])  # an attacker in: out
        left(deadline, timeout)
        self._next = 2 * n + 1  # the next free variable (selectors)
        self.solver: Any = solvers.Solver(name=SOLVER, bootstrap_with=clauses)
        left(deadline, timeout)

    def close(self) -> None:
        """Free the solver."""
        self.solver.delete()

    def __enter__(self) -> Encoding:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ primitives

    def selector(self) -> int:
        """A fresh variable to switch a temporary clause on (assume it) and off (add its negation)."""
        self._next += 1
        return self._next - 1

    def add(self, clause: Sequence[int]) -> None:
        """Add a clause for good."""
        self.solver.add_clause(list(clause))

    def solve(self, assumptions: Sequence[int] = ()) -> list[int] | None:
        """The ``in`` arguments of one model under ``assumptions`` (literals), or None when there is none."""
        remaining = left(self.deadline, self.timeout)
        solver = self.solver
        if remaining is None:
            found = solver.solve(assumptions=list(assumptions))
        else:
            timer = threading.Timer(remaining, solver.interrupt)
            timer.start()
            try:
                found = solver.solve_limited(assumptions=list(assumptions), expect_interrupt=True)
            finally:
                timer.cancel()
            if found is None:
                raise LimitExceededError(f"the SAT solver did not finish within {self.timeout} s (pass a larger timeout)")
            solver.clear_interrupt()
        if not found:
            return None
        model = solver.get_model()
        return [a for a in range(self.n) if model[a] > 0]

    def one(self, *, require_in: Sequence[int] = (), forbid_in: Sequence[int] = ()) -> list[int] | None:
        """One extension (the encoding's) with ``require_in`` and without ``forbid_in``, or None."""
        return self.solve([*(a + 1 for a in require_in), *(-(a + 1) for a in forbid_in)])

    def not_inside(self, members: Sequence[int]) -> None:
        """From now on, every model has an argument outside ``members``."""
        inside = set(members)
        self.add([a + 1 for a in range(self.n) if a not in inside])

    def grow(self, ext: list[int], assumptions: Sequence[int] = ()) -> list[int]:
        """A subset-maximal extension containing ``ext`` (preferred, when the encoding is complete or admissible)."""
        while True:
            members = set(ext)
            rest = [a + 1 for a in range(self.n) if a not in members]
            if not rest:
                return ext
            sel = self.selector()
            self.add([-sel, *rest])  # at least one more argument in, while sel is assumed
            bigger = self.solve([sel, *assumptions, *(a + 1 for a in ext)])
            self.add([-sel])  # the clause is off for good
            if bigger is None:
                return ext
            ext = bigger

    # ------------------------------------------------------------------ tasks

    def enumerate(self) -> Iterator[list[int]]:
        """Every extension of the encoding, one per distinct set of ``in`` arguments, lazily."""
        while True:
            found = self.solve()
            if found is None:
                return
            yield found
            members = set(found)
            self.add([-(a + 1) if a in members else a + 1 for a in range(self.n)])

    def preferred(self) -> Iterator[list[int]]:
        """Every preferred extension, lazily: a set not inside any found so far, grown to a maximal one."""
        while True:
            found = self.solve()
            if found is None:
                return
            grown = self.grow(found)
            yield grown
            self.not_inside(grown)

    def sceptical_preferred(self, argument: int) -> bool:
        """Whether ``argument`` is in every preferred extension, by counterexample-guided search.

        If no extension contains it, the answer is no (a preferred extension always exists). Else:
        an extension without it, not inside any preferred extension found so far, is grown to a
        preferred one; if that lacks the argument the answer is no, otherwise it is blocked and
        the search goes on. When no candidate is left, the answer is yes.
        """
        k = argument + 1
        first = self.solve([k])
        if first is None:
            return False
        self.not_inside(self.grow(first))
        while True:
            candidate = self.solve([-k])
            if candidate is None:
                return True
            grown = self.grow(candidate)
            if argument not in grown:
                return False
            self.not_inside(grown)


def credulous_set(fw: Framework, *, deadline: float | None, timeout: float | None) -> set[int]:
    """The arguments in at least one admissible (so preferred) extension: each model settles many at once."""
    accepted: set[int] = set()
    rejected: set[int] = set()
    with Encoding(fw, "admissible", deadline=deadline, timeout=timeout) as enc:
        for a in range(len(fw)):
            if a in accepted or a in rejected:
                continue
            found = enc.solve([a + 1])
            if found is None:
                rejected.add(a)
                enc.add([-(a + 1)])
            else:
                accepted.update(enc.grow(found))
    return accepted
