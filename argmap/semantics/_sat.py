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
superset of the current set until there is none. Semi-stable ones are complete ones of
subset-maximal *range* (the arguments IN or OUT): with ``ranges=True`` a variable ``range(a)``,
``2n + a + 1``, stands for ``in(a) or out(a)``, and the range is grown the same way. Credulous and
sceptical semi-stable acceptance are decided by counterexample-guided search
(:func:`semi_stable_accepts`), never by listing the extensions.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from typing import Any

from argmap.errors import LimitExceededError
from argmap.semantics._asp import left
from argmap.semantics._deps import require
from argmap.semantics.framework import Framework

__all__ = ["SOLVER", "Encoding", "credulous_set", "semi_stable_accepts"]

SOLVER = "glucose4"
QUICK_CONFLICTS = 1_000  # about this many conflicts (glucose checks at restarts) a SAT call on a small encoding may take
# before a timer thread watches the clock (never 0: to pysat a budget of 0 is no limit at all)
QUICK_CLAUSES = 20_000  # above, 1,000 conflicts can take tens of milliseconds, so the timer watches from the start
QUICK_LEFT = 0.1  # seconds: with less left than this, the timer watches from the start too
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

    def __init__(
        self, fw: Framework, encoding: str, *, deadline: float | None = None, timeout: float | None = None, ranges: bool = False
    ) -> None:
        solvers = require("pysat.solvers")
        self.n = n = len(fw)
        self.deadline, self.timeout = deadline, timeout
        self.encoding = encoding
        attackers = fw.attackers()
        clauses: list[list[int]] = []
        add = clauses.append
        if encoding == "stable":
            for a in range(n):
                if not a & 4095:
                    left(deadline, timeout)  # building a large encoding takes long: check the clock on the way
                att = attackers[a]
                add([a + 1, *(b + 1 for b in att)])
                for b in att:
                    add([-(a + 1), -(b + 1)])
        else:
            complete = encoding == "complete"
            for a in range(n):
                if not a & 4095:
                    left(deadline, timeout)
                i, o, att = a + 1, n + a + 1, attackers[a]
                add([-i, -o])
                add([-o, *(b + 1 for b in att)])  # out only when an attacker is in
                for b in att:
                    add([-i, n + b + 1])  # in: every attacker out
                if complete:
                    add([i, *(-(n + b + 1) for b in att)])  # every attacker out: in
                    for b in att:
                        add([-(b + 1), o])  # an attacker in: out
        self.ranges = ranges and encoding != "stable"
        if self.ranges:  # range(a) <-> in(a) or out(a)
            for a in range(n):
                r = 2 * n + a + 1
                add([-r, a + 1, n + a + 1])
                add([-(a + 1), r])
                add([-(n + a + 1), r])
        left(deadline, timeout)
        self._next = (3 if self.ranges else 2) * n + 1  # the next free variable (selectors)
        self.quick = len(clauses) <= QUICK_CLAUSES  # grows with selectors and blocking clauses; a bound, not a count
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
        model = self.model(assumptions)
        return None if model is None else [a for a in range(self.n) if model[a] > 0]

    def model(self, assumptions: Sequence[int] = ()) -> list[int] | None:
        """One whole model (every variable's literal) under ``assumptions``, or None when there is none."""
        remaining = left(self.deadline, self.timeout)
        solver = self.solver
        asked = list(assumptions)
        if remaining is None:
            found = solver.solve(assumptions=asked)
        else:
            found = self._quick(asked) if self.quick and remaining > QUICK_LEFT else None
            if found is None:  # past the quick budget (or not tried): on under the clock
                found = self._timed(asked)
        if not found:
            return None
        model: list[int] = solver.get_model()
        return model

    def _quick(self, assumptions: list[int]) -> bool | None:
        """The SAT call within about ``QUICK_CONFLICTS`` conflicts and no timer thread: True, False, or None when the
        budget ran out.

        Most questions take a few hundred conflicts, and starting the timer thread alone (about 0.3 ms) is
        most of the time on a small framework; ``expect_interrupt`` releases the GIL (other threads, the
        API's event loop, run on) and keeps pysat from taking over Ctrl-C.
        """
        self.solver.conf_budget(QUICK_CONFLICTS)
        try:
            found: bool | None = self.solver.solve_limited(assumptions=assumptions, expect_interrupt=True)
        finally:
            self.solver.conf_budget(-1)  # the budget stays set until it is turned off
        return found

    def _timed(self, assumptions: list[int]) -> bool:
        """The SAT call with a timer thread that interrupts it at the deadline (LimitExceededError then)."""
        remaining = left(self.deadline, self.timeout)
        assert remaining is not None  # only called under a deadline
        timer = threading.Timer(remaining, self.solver.interrupt)
        timer.start()
        try:
            found: bool | None = self.solver.solve_limited(assumptions=assumptions, expect_interrupt=True)
        finally:
            timer.cancel()
        if found is None:
            raise LimitExceededError(f"the SAT solver did not finish within {self.timeout} s (pass a larger timeout)")
        self.solver.clear_interrupt()
        return found

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

    # ------------------------------------------------------------------ ranges (semi-stable)

    def range_var(self, a: int) -> int:
        """The variable ``range(a)`` (only with ``ranges=True``)."""
        return 2 * self.n + a + 1

    def labelling(self, assumptions: Sequence[int] = ()) -> tuple[list[int], list[int]] | None:
        """The ``in`` arguments and the range (IN or OUT) of one model under ``assumptions``, or None."""
        model = self.model(assumptions)
        if model is None:
            return None
        n = self.n
        return [a for a in range(n) if model[a] > 0], [a for a in range(n) if model[a] > 0 or model[n + a] > 0]

    def _wider(self, covered: Sequence[int], assumptions: Sequence[int] = ()) -> tuple[list[int], list[int]] | None:
        """A labelling under ``assumptions`` whose range strictly contains ``covered``, or None."""
        inside = set(covered)
        rest = [self.range_var(a) for a in range(self.n) if a not in inside]
        if not rest:
            return None
        sel = self.selector()
        self.add([-sel, *rest])  # at least one more argument in the range, while sel is assumed
        bigger = self.labelling([sel, *assumptions, *(self.range_var(a) for a in covered)])
        self.add([-sel])  # the clause is off for good
        return bigger

    def grow_range(self, found: tuple[list[int], list[int]], assumptions: Sequence[int] = ()) -> tuple[list[int], list[int]]:
        """A labelling of subset-maximal range, among those under ``assumptions``, whose range contains ``found``'s."""
        while (bigger := self._wider(found[1], assumptions)) is not None:
            found = bigger
        return found

    def range_not_inside(self, guard: int, members: Sequence[int]) -> None:
        """While ``guard`` is assumed, every model's range has an argument outside ``members``."""
        inside = set(members)
        self.add([-guard, *(self.range_var(a) for a in range(self.n) if a not in inside)])

    def beyond(self, covered: Sequence[int]) -> tuple[list[int], list[int]] | None:
        """A labelling of subset-maximal range strictly containing ``covered``, or None when ``covered`` is maximal."""
        bigger = self._wider(covered)
        return None if bigger is None else self.grow_range(bigger)

    def semi_stable(self) -> Iterator[list[int]]:
        """Every semi-stable extension, lazily: a range not inside any found so far is grown to a maximal one,
        then every extension of that range is given."""
        guard = self.selector()  # assumed by the search for a new range only
        while True:
            found = self.labelling([guard])
            if found is None:
                return
            _, covered = self.grow_range(found)
            within = self.selector()
            fixed = [within, *(self.range_var(a) for a in covered)]
            while (ext := self.solve(fixed)) is not None:
                yield ext
                members = set(ext)
                self.add([-within, *(-(a + 1) if a in members else a + 1 for a in range(self.n))])
            self.add([-within])
            self.range_not_inside(guard, covered)

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
        if self.encoding != "stable" and self.solve([self.n + k]) is not None:
            return False  # a labelling with it OUT grows to a preferred extension without it
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


def semi_stable_accepts(enc: Encoding, literal: int) -> bool:
    """Whether some semi-stable extension satisfies ``literal`` (``in(a)``: credulous; ``-in(a)``: a counterexample
    to sceptical acceptance), by counterexample-guided search on an encoding with ``ranges=True``.

    A complete labelling meeting the literal is grown to a maximal range R among those meeting it.
    If no labelling at all has a range beyond R, it is semi-stable: yes. Otherwise the one beyond
    is grown to a maximal range R* (a semi-stable range); if a labelling of range R* meets the
    literal: yes. Else no semi-stable extension meeting the literal has its range inside R or R*
    (a maximal range inside R would be R, inside R* would be R*), so both are excluded from the
    next candidates; when none is left: no.
    """
    guard = enc.selector()
    while True:
        found = enc.labelling([guard, literal])
        if found is None:
            return False
        _, covered = enc.grow_range(found, [literal])
        beyond = enc.beyond(covered)
        if beyond is None:
            return True
        widest = beyond[1]
        if enc.solve([literal, *(enc.range_var(a) for a in widest)]) is not None:
            return True
        enc.range_not_inside(guard, covered)
        enc.range_not_inside(guard, widest)
