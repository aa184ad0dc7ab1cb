"""The ICCMA reasoning tasks on one framework, each without enumerating what it does not need.

- ``some_extension`` (SE): one extension or None; a single solver model (grounded: no solver).
- ``extensions_iter`` (EE): the extensions one by one, up to a limit.
- ``credulous`` (DC) and ``sceptical`` (DS): whether one argument is in some / every extension.
- ``count`` (CE): how many extensions (enumerated, so only where that is cheap).

Every task first takes the grounded labelling (every complete labelling agrees with it on IN
and OUT), so only the arguments it leaves UNDEC reach the solver. Under the directional
semantics (grounded, complete, preferred) DC and DS look only at the query's *cone of
influence*, the arguments from which an attack path leads to it. Preferred DS is decided by
counterexample-guided search: a complete extension without the argument, not inside any preferred
extension found so far, is grown to a preferred one; if that lacks the argument the answer is no,
otherwise it blocks the next candidates. Sceptical acceptance with no extension at all (stable on an
odd cycle) is *true*, vacuously: the ICCMA convention, which :func:`argmap.evaluate` follows too.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.errors import ArgmapError
from argmap.semantics import _asp, dung
from argmap.semantics.framework import Framework

__all__ = ["TASKS", "count", "credulous", "extensions_iter", "sceptical", "some_extension"]

TASKS: tuple[str, ...] = ("SE", "EE", "DC", "DS", "CE")
_DIRECTIONAL = ("grounded", "complete", "preferred")


def _check(fw: Framework, semantics: str, argument: int | None = None) -> None:
    if semantics not in dung.DUNG_SEMANTICS:
        raise ArgmapError(f"unknown semantics '{semantics}'; choose one of {', '.join(dung.DUNG_SEMANTICS)}")
    if argument is not None and not 0 <= argument < len(fw):
        raise ArgmapError(f"argument index {argument} is outside 0..{len(fw) - 1}")


class _Reduced:
    """The framework restricted to what the grounded labelling leaves UNDEC."""

    def __init__(self, fw: Framework) -> None:
        self.label = dung.grounded_labelling(fw)
        lab = self.label
        self.undec = [a for a, code in enumerate(lab) if code == dung.UNDEC]
        self.base = [a for a, code in enumerate(lab) if code == dung.IN]
        self.position = dict(zip(self.undec, range(len(self.undec)), strict=True))
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


def _call(name: str, fw: Framework, semantics: str, timeout: float | None, label: str | None, **kwargs: object) -> object:
    deadline = _asp.deadline_of(timeout)
    return dung.solver_call(name, fw, semantics, deadline=deadline, budget=timeout, label=label or repr(fw), **kwargs)


def some_extension(fw: Framework, semantics: str, *, timeout: float | None = 60.0, label: str | None = None) -> list[int] | None:
    """One extension of ``fw`` under ``semantics`` (sorted indices), or None when there is none (stable only).

    Examples
    --------
    >>> some_extension(Framework(["a", "b", "c"], [("a", "b"), ("b", "c"), ("c", "a")]), "stable") is None
    True
    >>> some_extension(Framework(["a", "b"], [("a", "b"), ("b", "a")]), "preferred")
    [0]
    """
    _check(fw, semantics)
    if semantics in ("grounded", "complete"):
        return dung.grounded(fw)  # the grounded extension is complete
    if semantics == "ideal":
        return dung.ideal(fw, timeout=timeout, label=label)
    red = _Reduced(fw)
    if not red.undec:
        return red.base
    found = _call("one", red.sub, semantics, timeout, label or repr(fw))
    return None if found is None else red.lift(found)  # type: ignore[arg-type]


def extensions_iter(
    fw: Framework, semantics: str, *, limit: int | None = 1000, timeout: float | None = 60.0, label: str | None = None
) -> Iterator[list[int]]:
    """The extensions one by one (sorted by size, then members), at most ``limit`` of them."""
    _check(fw, semantics)
    exts = dung.extensions(fw, semantics, limit=limit, timeout=timeout, label=label)
    yield from exts


def count(fw: Framework, semantics: str, *, limit: int | None = None, timeout: float | None = 60.0, label: str | None = None) -> int:
    """The number of extensions (by enumeration: cheap for grounded and ideal, bounded by ``limit`` otherwise)."""
    _check(fw, semantics)
    if semantics in ("grounded", "ideal"):
        return 1
    return len(dung.extensions(fw, semantics, limit=limit, timeout=timeout, label=label))


def credulous(fw: Framework, argument: int, semantics: str, *, timeout: float | None = 60.0, label: str | None = None) -> bool:
    """Whether ``argument`` is in at least one extension (DC).

    Examples
    --------
    >>> fw = Framework(["a", "b", "c"], [("a", "b"), ("b", "a"), ("b", "c")])
    >>> credulous(fw, 2, "preferred"), credulous(fw, 2, "grounded")
    (True, False)
    """
    _check(fw, semantics, argument)
    label = label or repr(fw)
    if semantics in _DIRECTIONAL:
        fw, argument = cone(fw, argument)
    if semantics in ("grounded", "ideal"):
        return argument in dung.extensions(fw, semantics, timeout=timeout, label=label)[0]
    red = _Reduced(fw)
    code = red.label[argument]
    if code == dung.OUT:
        return False
    if code == dung.IN:
        return semantics != "stable" or some_extension(fw, "stable", timeout=timeout, label=label) is not None
    k = red.position[argument]
    if semantics in ("complete", "preferred", "stable"):  # in some preferred <=> in some complete (admissible)
        return _call("one", red.sub, semantics if semantics == "stable" else "complete", timeout, label, require_in=[k]) is not None
    return any(argument in e for e in dung.extensions(fw, semantics, limit=None, timeout=timeout, label=label))


def sceptical(fw: Framework, argument: int, semantics: str, *, timeout: float | None = 60.0, label: str | None = None) -> bool:
    """Whether ``argument`` is in every extension (DS); true when there is no extension at all.

    Examples
    --------
    >>> fw = Framework(["a", "b", "c", "d"], [("a", "b"), ("b", "a"), ("a", "c"), ("b", "c"), ("c", "d")])
    >>> sceptical(fw, 3, "preferred"), sceptical(fw, 0, "preferred")
    (True, False)
    >>> sceptical(Framework(["a", "b", "c"], [("a", "b"), ("b", "c"), ("c", "a")]), 0, "stable")
    True
    """
    _check(fw, semantics, argument)
    label = label or repr(fw)
    deadline = _asp.deadline_of(timeout)
    if semantics in _DIRECTIONAL:
        fw, argument = cone(fw, argument)
    if semantics in ("grounded", "complete", "ideal"):  # complete: the grounded extension is their intersection
        sem = "ideal" if semantics == "ideal" else "grounded"
        return argument in dung.extensions(fw, sem, timeout=timeout, label=label)[0]
    red = _Reduced(fw)
    code = red.label[argument]
    if code == dung.IN:
        return True
    if semantics == "stable":  # no stable extension lacks it (vacuously true when there is none)
        forbid = [] if code == dung.OUT else [red.position[argument]]
        return dung.solver_call("one", red.sub, "stable", deadline=deadline, budget=timeout, label=label, forbid_in=forbid) is None
    if code == dung.OUT:
        return False
    if semantics == "semi-stable":
        return all(argument in e for e in dung.extensions(fw, semantics, limit=None, timeout=timeout, label=label))
    k = red.position[argument]
    blocked: list[list[int]] = []
    while True:
        bounds = {"deadline": deadline, "budget": timeout, "label": label}
        candidate = dung.solver_call("one", red.sub, "complete", forbid_in=[k], not_inside=blocked, **bounds)  # type: ignore[arg-type]
        if candidate is None:
            return True
        grown = dung.solver_call("one", red.sub, "preferred", require_in=candidate, **bounds)  # type: ignore[arg-type]
        assert isinstance(grown, list)
        if k not in grown:
            return False
        blocked.append(grown)
