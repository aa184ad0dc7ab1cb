"""The ICCMA reasoning tasks on one framework, each without enumerating what it does not need.

- ``some_extension`` (SE): one extension or None; a single solver model, or a short growing search
  for preferred (grounded: no solver).
- ``extensions_iter`` (EE): the extensions one by one, lazily, up to a limit.
- ``credulous`` (DC) and ``sceptical`` (DS): whether one argument is in some / every extension.
- ``count`` (CE): how many extensions (enumerated, so only where that is cheap).

Two back ends: SAT (python-sat, :mod:`argmap.semantics._sat`: labelling encodings in one incremental
solver) and ASP (clingo, :mod:`argmap.semantics._asp`: one model per call). ``backend="auto"`` takes
the one measured faster for the task (``AUTO``; see docs/performance.md). Every task first takes the
grounded labelling (every complete labelling agrees with it on IN and OUT), so only the arguments it
leaves UNDEC reach the solver. Under the directional semantics (grounded, complete, preferred,
admissible) DC and DS look only at the query's *cone of influence*, the arguments from which an
attack path leads to it. Preferred DS is decided by counterexample-guided search: a complete
extension without the argument, not inside any preferred extension found so far, is grown to a
preferred one; if that lacks the argument the answer is no, otherwise it blocks the next candidates.
Semi-stable DC and DS are decided the same way on ranges
(:func:`argmap.semantics._sat.semi_stable_accepts`, on either back end): a labelling meeting the
query grown to a maximal range among those that do; if some labelling's range is wider, the widest
one is tried, and both ranges are excluded from the next candidates. Ideal is the greatest
admissible subset of the credulously accepted arguments that no credulously accepted argument
attacks (Dunne), so it needs one SAT call per argument at most, not the preferred extensions.
Sceptical acceptance with no extension at all (stable on an odd cycle) is *true*, vacuously: the
ICCMA convention, which :func:`argmap.evaluate` follows too.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from typing import TypeVar

from argmap.errors import ArgmapError, LimitExceededError
from argmap.semantics import _asp, dung
from argmap.semantics._sat import Encoding, credulous_set, semi_stable_accepts
from argmap.semantics.framework import Framework

__all__ = [
    "AUTO",
    "BACKENDS",
    "SAT_BELOW",
    "SEMANTICS",
    "TASKS",
    "cone",
    "count",
    "credulous",
    "extensions_iter",
    "sceptical",
    "some_extension",
]

TASKS: tuple[str, ...] = ("SE", "EE", "DC", "DS", "CE")
SEMANTICS: tuple[str, ...] = (*dung.DUNG_SEMANTICS, "admissible")
BACKENDS: tuple[str, ...] = ("auto", "sat", "asp")
_DIRECTIONAL = ("grounded", "complete", "preferred", "admissible")
_SAT_SEMANTICS = ("complete", "preferred", "stable", "semi-stable", "admissible", "ideal")
# The back end ``auto`` takes per (task, semantics): the faster one on the benchmark's instances
# (benchmarks/bench_semantics.py --tasks --backends, recorded in docs/performance.md).
AUTO: dict[tuple[str, str], str] = {
    ("SE", "preferred"): "asp",  # clingo's domain heuristic finds a maximal model in one call
    ("SE", "stable"): "asp",
    ("DC", "complete"): "asp",
    ("DC", "preferred"): "asp",
    ("DC", "stable"): "asp",
    ("DS", "stable"): "asp",
}  # everything else: SAT (DS-PR's counterexample loop in one incremental solver, EE lazily, ideal)


def _check(fw: Framework, semantics: str, argument: int | None = None, backend: str = "auto") -> None:
    if semantics not in SEMANTICS:
        raise ArgmapError(f"unknown semantics '{semantics}'; choose one of {', '.join(SEMANTICS)}")
    if backend not in BACKENDS:
        raise ArgmapError(f"unknown backend '{backend}'; choose one of {', '.join(BACKENDS)}")
    if argument is not None and not 0 <= argument < len(fw):
        raise ArgmapError(f"argument index {argument} is outside 0..{len(fw) - 1}")


SAT_BELOW = 1_000  # under ``auto``, a solver question on fewer attacks (after the grounded reduction) goes to SAT:
# it has no program to build and ground, which is most of clingo's time on small frameworks
SAT_FIRST = 0.25  # seconds: under ``auto``, a question the table sends to clingo is first given this long on SAT,
# which answers most of them sooner than clingo has built its program; where SAT needs longer, a SAT-based solver
# such as pygarg mostly needs about as long (not always: docs/decisions/two-solvers.md)
SAT_FIRST_BELOW = 100_000  # attacks: above, straight to clingo (in a child process with its memory cap)
SMALL = 32  # arguments: below, DC and DS skip the cone of influence (finding it costs more than it saves)
T = TypeVar("T")


def _backend(task: str, semantics: str, backend: str, attacks: int = 0) -> str:
    """The back end a task runs on: SAT or ASP."""
    if semantics not in _SAT_SEMANTICS:
        return "asp"
    if backend == "auto":
        return "sat" if attacks < SAT_BELOW else AUTO.get((task, semantics), "sat")
    return backend


def _stable_first(fw: Framework, timeout: float | None, label: str, backend: str) -> tuple[list[int] | None, float | None]:
    """A stable extension of ``fw``, or None (where there is one, the semi-stable extensions are the stable ones), and
    the time left.

    Asked first by every semi-stable task: one stable question (SAT, or clingo where it is faster) often
    settles the semi-stable one, and a search over ranges is much harder than it.
    """
    started = time.monotonic()
    try:
        stable = some_extension(fw, "stable", timeout=timeout, label=label, backend=backend)
    except LimitExceededError as exc:  # the question asked is the semi-stable one
        raise LimitExceededError(str(exc).replace("stable semantics on", "semi-stable semantics on", 1)) from None
    return stable, None if timeout is None else max(timeout - (time.monotonic() - started), 1e-3)


def _solve_on(
    task: str,
    semantics: str,
    backend: str,
    attacks: int,
    timeout: float | None,
    label: str,
    sat: Callable[[float | None], T],
    asp: Callable[[float | None], T],
) -> T:
    """Run ``sat`` or ``asp`` (each given the deadline) on the back end chosen for the task.

    Under ``auto``, a question the table gives to clingo first gets ``SAT_FIRST`` seconds on SAT
    (a sequential portfolio): an easy question is answered there before clingo would have built
    its program, and a hard one loses about that much before clingo takes it (building the
    encoding checks the clock every 4,096 arguments; above ``SAT_FIRST_BELOW`` attacks clingo
    takes it at once, in its memory-capped child process).
    """
    engine = _backend(task, semantics, backend, attacks)
    deadline = _asp.deadline_of(timeout)
    if engine == "sat":
        with _named(semantics, label, timeout):
            return sat(deadline)
    if backend == "auto" and semantics in _SAT_SEMANTICS and attacks < SAT_FIRST_BELOW:
        first = time.monotonic() + SAT_FIRST
        if deadline is None or first < deadline:
            with contextlib.suppress(LimitExceededError):
                return sat(first)
    return asp(deadline)


@contextlib.contextmanager
def _named(semantics: str, label: str, timeout: float | None) -> Iterator[None]:
    """Errors of the SAT back end name the semantics, the input and the time budget, as the ASP ones do."""
    try:
        yield
    except LimitExceededError as exc:
        reason = str(exc)
        if "within" in reason:
            reason = f"did not finish within {timeout} s (pass a larger timeout)"
        raise LimitExceededError(f"{semantics} semantics on {label}: {reason}") from None


class _Reduced:
    """The framework restricted to what the grounded labelling leaves UNDEC."""

    def __init__(self, fw: Framework) -> None:
        self.label = dung.grounded_labelling(fw)
        lab = self.label
        self.undec = [a for a, code in enumerate(lab) if code == dung.UNDEC]
        self.base = [a for a, code in enumerate(lab) if code == dung.IN]
        self.position = dict(zip(self.undec, range(len(self.undec)), strict=True))
        if len(self.undec) == len(fw):  # nothing decided: the framework itself (no copy)
            self.sub = fw
            return
        src: list[int] = []
        dst: list[int] = []
        pos = self.position
        for a, b in zip(fw.attack_from, fw.attack_to, strict=True):
            if lab[a] == dung.UNDEC and lab[b] == dung.UNDEC:
                src.append(pos[a])
                dst.append(pos[b])
        self.sub = Framework.from_arrays(len(self.undec), src, dst)

    def lift(self, ext: list[int]) -> list[int]:
        return sorted(self.base + [self.undec[k] for k in ext])


def cone(fw: Framework, argument: int) -> tuple[Framework, int]:
    """The sub-framework of the arguments with an attack path to ``argument``, and its index there.

    Examples
    --------
    >>> sub, k = cone(Framework(["a", "b", "c", "d"], [("a", "b"), ("b", "c"), ("c", "d")]), 1)
    >>> list(sub.names), k
    (['a', 'b'], 1)
    """
    attackers = fw.attackers()
    seen = {argument}
    todo = [argument]
    for x in todo:
        for y in attackers[x]:
            if y not in seen:
                seen.add(y)
                todo.append(y)
    if len(seen) == len(fw):
        return fw, argument
    keep = sorted(seen)
    pos = {a: i for i, a in enumerate(keep)}
    src = [pos[a] for a, b in zip(fw.attack_from, fw.attack_to, strict=True) if b in pos]
    dst = [pos[b] for b in fw.attack_to if b in pos]
    return Framework.from_arrays(len(keep), src, dst, names=[fw.names[a] for a in keep]), pos[argument]


IDEAL_FEW = 16  # preferred extensions: up to this many, ideal starts from their intersection (else from Dunne's set)


def _sceptical_preferred_set(fw: Framework, deadline: float | None, timeout: float | None) -> set[int] | None:
    """The arguments in every preferred extension, when there are at most ``IDEAL_FEW`` of them (else None).

    Where the preferred extensions are few, listing them takes fewer SAT calls than asking of every
    argument whether it is credulously accepted, and their intersection is a tighter start.
    """
    common: set[int] | None = None
    with Encoding(fw, "complete", deadline=deadline, timeout=timeout) as enc:
        for count, ext in enumerate(enc.preferred(), 1):
            if count > IDEAL_FEW:
                return None
            common = set(ext) if common is None else common & set(ext)
    return common or set()


def ideal_extension(fw: Framework, *, timeout: float | None = 60.0, label: str | None = None) -> list[int]:
    """The ideal extension: the greatest admissible subset of the arguments in every preferred extension, where
    there are at most ``IDEAL_FEW`` of them; otherwise, without them, of the arguments that are credulously
    accepted and attacked by none that is (Dunne 2009). On what the grounded labelling leaves UNDEC.

    Examples
    --------
    >>> ideal_extension(Framework(["a", "b"], [("a", "b"), ("b", "a"), ("b", "b")]))
    [0]
    """
    red = _Reduced(fw)
    if not red.undec:
        return red.base
    sub = red.sub
    deadline = _asp.deadline_of(timeout)
    attackers = sub.attackers()
    with _named("ideal", label or repr(fw), timeout):
        common = _sceptical_preferred_set(sub, deadline, timeout)
        if common is not None:  # few preferred extensions: the ideal one is inside their intersection
            current = common
        else:
            accepted = credulous_set(sub, deadline=deadline, timeout=timeout)
            current = {x for x in accepted if not any(y in accepted for y in attackers[x])}
    out = sub.out_lists()
    while True:  # the greatest subset that defends itself
        hit = {b for a in current for b in out[a]}
        keep = {a for a in current if all(x in hit for x in attackers[a])}
        if keep == current:
            return red.lift(sorted(current))
        current = keep


def some_extension(
    fw: Framework, semantics: str, *, timeout: float | None = 60.0, label: str | None = None, backend: str = "auto"
) -> list[int] | None:
    """One extension of ``fw`` under ``semantics`` (sorted indices), or None when there is none (stable only).

    Examples
    --------
    >>> some_extension(Framework(["a", "b", "c"], [("a", "b"), ("b", "c"), ("c", "a")]), "stable") is None
    True
    >>> some_extension(Framework(["a", "b"], [("a", "b"), ("b", "a")]), "preferred") in ([0], [1])
    True
    """
    _check(fw, semantics, backend=backend)
    label = label or repr(fw)
    if semantics in ("grounded", "complete", "admissible"):
        return dung.grounded(fw)  # the grounded extension is complete (so admissible)
    if semantics == "ideal":
        engine = _backend("SE", semantics, backend)
        return ideal_extension(fw, timeout=timeout, label=label) if engine == "sat" else dung.ideal(fw, timeout=timeout, label=label)
    red = _Reduced(fw)
    if not red.undec:
        return red.base
    if semantics == "semi-stable":  # asked of the reduced framework, as DC and DS ask it: one grounded labelling
        stable, timeout = _stable_first(red.sub, timeout, label, backend)
        if stable is not None:
            return red.lift(stable)  # a stable extension is semi-stable
    encoding = semantics if semantics == "stable" else "complete"
    ranges = semantics == "semi-stable"

    def on_sat(deadline: float | None) -> list[int] | None:
        with Encoding(red.sub, encoding, deadline=deadline, timeout=timeout, ranges=ranges) as enc:
            if ranges:  # a complete labelling's range grown to a maximal one
                found = enc.labelling()
                assert found is not None
                return enc.grow_range(found)[0]
            one = enc.solve()
            return enc.grow(one) if one is not None and semantics == "preferred" else one

    def on_asp(deadline: float | None) -> list[int] | None:
        return dung.solver_call("one", red.sub, semantics, deadline=deadline, budget=timeout, label=label)  # type: ignore[return-value]

    one = _solve_on("SE", semantics, backend, red.sub.n_attacks, timeout, label, on_sat, on_asp)
    return None if one is None else red.lift(one)


def extensions_iter(
    fw: Framework,
    semantics: str,
    *,
    limit: int | None = 1000,
    timeout: float | None = 60.0,
    label: str | None = None,
    backend: str = "auto",
) -> Iterator[list[int]]:
    """The extensions one by one, lazily (each sorted; in the solver's order), at most ``limit`` of them.

    One more than ``limit`` raises :class:`~argmap.errors.LimitExceededError` (``None``: no limit);
    ``timeout`` bounds the whole walk. On clingo (``backend="asp"``) complete, preferred, stable and
    semi-stable are enumerated in one call, then handed out.

    Examples
    --------
    >>> sorted(extensions_iter(Framework(["a", "b"], [("a", "b"), ("b", "a")]), "complete"))
    [[], [0], [1]]
    """
    _check(fw, semantics, backend=backend)
    label = label or repr(fw)
    engine = _backend("EE", semantics, backend)
    if semantics == "semi-stable":
        stable, timeout = _stable_first(fw, timeout, label, backend)
        if stable is not None:  # the semi-stable extensions are the stable ones
            yield from extensions_iter(fw, "stable", limit=limit, timeout=timeout, label=label, backend=backend)
            return
    if semantics in ("grounded", "ideal"):
        yield some_extension(fw, semantics, timeout=timeout, label=label, backend=backend) or []
        return
    if engine == "asp" and semantics != "admissible":
        yield from dung.extensions(fw, semantics, limit=limit, timeout=timeout, label=label)
        return
    deadline = _asp.deadline_of(timeout)
    if semantics == "admissible":  # admissible sets need not contain the grounded extension: no reduction
        red, sub = None, fw
    else:
        red = _Reduced(fw)
        if not red.undec:
            yield red.base
            return
        sub = red.sub
    encoding = "complete" if semantics in ("preferred", "semi-stable") else semantics
    given = 0
    ranges = semantics == "semi-stable"
    with _named(semantics, label, timeout), Encoding(sub, encoding, deadline=deadline, timeout=timeout, ranges=ranges) as enc:
        walk = enc.preferred() if semantics == "preferred" else enc.semi_stable() if ranges else enc.enumerate()
        for ext in walk:
            if limit is not None and given >= limit:
                raise LimitExceededError(f"more than {limit} extensions (pass a larger limit, or limit=None)")
            given += 1
            yield ext if red is None else red.lift(ext)


def count(
    fw: Framework,
    semantics: str,
    *,
    limit: int | None = None,
    timeout: float | None = 60.0,
    label: str | None = None,
    backend: str = "auto",
) -> int:
    """The number of extensions (by enumeration: cheap for grounded and ideal, bounded by ``limit`` otherwise)."""
    _check(fw, semantics, backend=backend)
    if semantics in ("grounded", "ideal"):
        return 1
    return sum(1 for _ in extensions_iter(fw, semantics, limit=limit, timeout=timeout, label=label, backend=backend))


def credulous(
    fw: Framework, argument: int, semantics: str, *, timeout: float | None = 60.0, label: str | None = None, backend: str = "auto"
) -> bool:
    """Whether ``argument`` is in at least one extension (DC).

    Examples
    --------
    >>> fw = Framework(["a", "b", "c"], [("a", "b"), ("b", "a"), ("b", "c")])
    >>> credulous(fw, 2, "preferred"), credulous(fw, 2, "grounded")
    (True, False)
    """
    _check(fw, semantics, argument, backend)
    label = label or repr(fw)
    if semantics in _DIRECTIONAL and len(fw) > SMALL:  # a small one whole costs less than finding the cone
        fw, argument = cone(fw, argument)
    if semantics in ("grounded", "ideal"):
        return argument in (some_extension(fw, semantics, timeout=timeout, label=label, backend=backend) or [])
    red = _Reduced(fw)
    code = red.label[argument]
    if code == dung.OUT:
        return False
    if code == dung.IN:
        return semantics != "stable" or some_extension(fw, "stable", timeout=timeout, label=label, backend=backend) is not None
    k = red.position[argument]
    if semantics == "semi-stable":
        stable, rest = _stable_first(red.sub, timeout, label, backend)
        if stable is not None:  # the semi-stable extensions are the stable ones
            return credulous(red.sub, k, "stable", timeout=rest, label=label, backend=backend)
        return _semi_stable_accepts(red.sub, k, True, "DC", backend, rest, label)
    # in some preferred <=> in some complete <=> in some admissible; the complete encoding propagates more and
    # finds it faster than the admissible one (ICCMA A-2-stb_428_430: 0.21 s against 0.62 s), for a few more clauses
    encoding = "stable" if semantics == "stable" else "complete"

    def on_sat(deadline: float | None) -> bool:
        with Encoding(red.sub, encoding, deadline=deadline, timeout=timeout) as enc:
            return enc.one(require_in=[k]) is not None

    def on_asp(deadline: float | None) -> bool:
        return dung.solver_call("one", red.sub, encoding, deadline=deadline, budget=timeout, label=label, require_in=[k]) is not None

    return _solve_on("DC", semantics, backend, red.sub.n_attacks, timeout, label, on_sat, on_asp)


def sceptical(
    fw: Framework, argument: int, semantics: str, *, timeout: float | None = 60.0, label: str | None = None, backend: str = "auto"
) -> bool:
    """Whether ``argument`` is in every extension (DS); true when there is no extension at all.

    Examples
    --------
    >>> fw = Framework(["a", "b", "c", "d"], [("a", "b"), ("b", "a"), ("a", "c"), ("b", "c"), ("c", "d")])
    >>> sceptical(fw, 3, "preferred"), sceptical(fw, 0, "preferred")
    (True, False)
    >>> sceptical(Framework(["a", "b", "c"], [("a", "b"), ("b", "c"), ("c", "a")]), 0, "stable")
    True
    """
    _check(fw, semantics, argument, backend)
    label = label or repr(fw)
    if semantics == "admissible":
        return False  # the empty set is admissible
    if semantics in _DIRECTIONAL and len(fw) > SMALL:  # a small one whole costs less than finding the cone
        fw, argument = cone(fw, argument)
    if semantics in ("grounded", "complete"):  # the grounded extension is the intersection of the complete ones
        return argument in dung.grounded(fw)
    if semantics == "ideal":
        return argument in (some_extension(fw, semantics, timeout=timeout, label=label, backend=backend) or [])
    red = _Reduced(fw)
    code = red.label[argument]
    if code == dung.IN:
        return True
    if code == dung.OUT and semantics != "stable":
        return False
    if semantics == "semi-stable":  # no semi-stable extension lacks it
        stable, rest = _stable_first(red.sub, timeout, label, backend)
        if stable is not None:  # the semi-stable extensions are the stable ones
            return sceptical(red.sub, red.position[argument], "stable", timeout=rest, label=label, backend=backend)
        return not _semi_stable_accepts(red.sub, red.position[argument], False, "DS", backend, rest, label)
    forbid = [] if code == dung.OUT else [red.position[argument]]

    def on_sat(deadline: float | None) -> bool:
        with Encoding(red.sub, "stable" if semantics == "stable" else "complete", deadline=deadline, timeout=timeout) as enc:
            if semantics == "stable":  # no stable extension lacks it (vacuously true when there is none)
                return enc.one(forbid_in=forbid) is None
            return enc.sceptical_preferred(red.position[argument])

    def on_asp(deadline: float | None) -> bool:
        bounds = {"deadline": deadline, "budget": timeout, "label": label}
        if semantics == "stable":
            return dung.solver_call("one", red.sub, "stable", forbid_in=forbid, **bounds) is None  # type: ignore[arg-type]
        k = red.position[argument]
        blocked: list[list[int]] = []
        while True:
            candidate = dung.solver_call("one", red.sub, "complete", forbid_in=[k], not_inside=blocked, **bounds)  # type: ignore[arg-type]
            if candidate is None:
                return True
            grown = dung.solver_call("one", red.sub, "preferred", require_in=candidate, **bounds)  # type: ignore[arg-type]
            assert isinstance(grown, list)
            if k not in grown:
                return False
            blocked.append(grown)

    return _solve_on("DS", semantics, backend, red.sub.n_attacks, timeout, label, on_sat, on_asp)


def _in_range(fw: Framework, members: list[int]) -> list[int]:
    """The range of a set: its members and every argument one of them attacks."""
    inside = set(members)
    hit = inside | {b for a, b in zip(fw.attack_from, fw.attack_to, strict=True) if a in inside}
    return sorted(hit)


def _semi_stable_accepts(sub: Framework, k: int, member: bool, task: str, backend: str, timeout: float | None, label: str) -> bool:
    """Whether some semi-stable extension of ``sub`` contains (``member``) or lacks argument ``k``, without listing them.

    SAT: :func:`~argmap.semantics._sat.semi_stable_accepts` in one incremental solver. ASP: the same
    search in single-model clingo calls (a maximal range among the labellings meeting the query, by
    the domain heuristic; one beyond it; one of the widest range meeting the query).
    """

    def on_sat(deadline: float | None) -> bool:
        with Encoding(sub, "complete", deadline=deadline, timeout=timeout, ranges=True) as enc:
            return semi_stable_accepts(enc, k + 1 if member else -(k + 1))

    def on_asp(deadline: float | None) -> bool:
        return _semi_stable_accepts_asp(sub, k, member, deadline, timeout, label)

    return _solve_on(task, "semi-stable", backend, sub.n_attacks, timeout, label, on_sat, on_asp)


def _semi_stable_accepts_asp(sub: Framework, k: int, member: bool, deadline: float | None, timeout: float | None, label: str) -> bool:
    """:func:`_semi_stable_accepts` in single-model clingo calls."""
    side = {"require_in": [k]} if member else {"forbid_in": [k]}
    bounds = {"deadline": deadline, "budget": timeout, "label": label}
    blocked: list[list[int]] = []
    while True:
        found = dung.solver_call("one", sub, "semi-stable", range_not_inside=blocked, **side, **bounds)  # type: ignore[arg-type]
        if found is None:
            return False
        covered = _in_range(sub, found)  # type: ignore[arg-type]
        wider = dung.solver_call("one", sub, "semi-stable", range_covers=covered, range_beyond=True, **bounds)  # type: ignore[arg-type]
        if wider is None:
            return True
        widest = _in_range(sub, wider)  # type: ignore[arg-type]
        if dung.solver_call("one", sub, "complete", range_covers=widest, **side, **bounds) is not None:  # type: ignore[arg-type]
            return True
        blocked += [covered, widest]
