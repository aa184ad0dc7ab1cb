"""Dung's semantics on a Framework: grounded by an O(n + m) worklist, the others through clingo.

Results are extensions (sorted lists of argument indices) or labellings (a ``bytearray`` of
``IN``/``OUT``/``UNDEC`` codes, one per argument). Grounded needs no solver; complete, preferred,
stable, semi-stable and ideal are solved by the ASP encodings in :mod:`argmap.semantics._asp`.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from typing import Literal

from argmap.errors import ArgmapError, LimitExceededError
from argmap.semantics import _asp, _bounded
from argmap.semantics.framework import Framework

__all__ = [
    "DUNG_SEMANTICS",
    "IN",
    "OUT",
    "UNDEC",
    "extensions",
    "grounded",
    "grounded_labelling",
    "ideal",
    "is_accepted",
    "labelling_of",
]

UNDEC, IN, OUT = 0, 1, 2
_LARGE = 50_000  # from this many arguments + attacks on, grounded runs vectorised (argmap.semantics._fast)
DungSemantics = Literal["grounded", "complete", "preferred", "stable", "semi-stable", "ideal"]
DUNG_SEMANTICS: tuple[str, ...] = ("grounded", "complete", "preferred", "stable", "semi-stable", "ideal")


def grounded_labelling(fw: Framework) -> bytearray:
    """The grounded labelling: one code (``IN``=1, ``OUT``=2, ``UNDEC``=0) per argument, in O(n + m).

    An argument is IN once all its attackers are OUT, and OUT once one attacker is IN. The
    worklist keeps, for each argument, how many of its attackers are not (yet) OUT. Large
    frameworks run the same rounds vectorised with numpy.

    Examples
    --------
    >>> fw = Framework(["a", "b", "c", "d"], [("a", "b"), ("b", "c"), ("d", "d")])
    >>> list(grounded_labelling(fw))
    [1, 2, 1, 0]
    """
    n = len(fw)
    if n + fw.n_attacks >= _LARGE:
        try:
            from argmap.semantics._fast import grounded_labelling_numpy
        except ImportError:  # numpy only speeds this up
            pass
        else:
            return grounded_labelling_numpy(n, fw.attack_from, fw.attack_to)
    out = fw.out_lists()
    alive = [0] * n  # attackers not yet OUT
    for b in fw.attack_to:
        alive[b] += 1
    label = bytearray(n)
    queue = [a for a in range(n) if not alive[a]]
    for a in queue:  # the list grows while it is walked
        label[a] = IN
        for b in out[a]:
            if label[b] != OUT:
                label[b] = OUT
                for c in out[b]:
                    alive[c] -= 1
                    if not alive[c] and not label[c]:
                        queue.append(c)
    return label


def grounded(fw: Framework) -> list[int]:
    """The grounded extension, as sorted argument indices.

    Examples
    --------
    >>> grounded(Framework(["a", "b", "c"], [("a", "b"), ("b", "c")]))
    [0, 2]
    """
    labelling = grounded_labelling(fw)
    if len(labelling) >= _LARGE and "numpy" in sys.modules:
        import numpy as np

        return list(np.flatnonzero(np.frombuffer(labelling, dtype=np.int8) == IN).tolist())
    return [i for i, code in enumerate(labelling) if code == IN]


def labelling_of(fw: Framework, extension: Iterable[int]) -> bytearray:
    """The labelling of an extension: IN its members, OUT what they attack, UNDEC the rest.

    Examples
    --------
    >>> list(labelling_of(Framework(3, [(0, 1)]), [0]))
    [1, 2, 0]
    """
    label = bytearray(len(fw))
    members = list(extension)
    for a in members:
        label[a] = IN
    out = fw.out_lists()
    for a in members:
        for b in out[a]:
            label[b] = OUT
    return label


def ideal(fw: Framework, *, timeout: float | None = 60.0, label: str | None = None) -> list[int]:
    """The ideal extension: the largest admissible set inside every preferred extension.

    Starts from the intersection of the preferred extensions and, until nothing changes, drops
    every argument the remaining set no longer defends; what is left is admissible and contains
    every admissible subset of the intersection.

    Examples
    --------
    >>> fw = Framework(["a", "b"], [("a", "b"), ("b", "a"), ("b", "b")])  # b attacks itself
    >>> ideal(fw), grounded(fw)
    ([0], [])
    """
    preferred = _solve_reduced(fw, "preferred", limit=None, timeout=timeout, label=label)
    common = set(range(len(fw)))
    for ext in preferred:
        common &= set(ext)
    attackers = fw.attackers()
    out = fw.out_lists()
    current = common
    while True:
        hit = {b for a in current for b in out[a]}
        keep = {a for a in current if all(x in hit for x in attackers[a])}
        if keep == current:
            return sorted(current)
        current = keep


def extensions(
    fw: Framework,
    semantics: str = "grounded",
    *,
    limit: int | None = 1000,
    timeout: float | None = 60.0,
    label: str | None = None,
) -> list[list[int]]:
    """All extensions of ``fw`` under ``semantics``, each a sorted list of argument indices.

    Parameters
    ----------
    semantics
        One of ``grounded``, ``complete``, ``preferred``, ``stable``, ``semi-stable``, ``ideal``.
    limit
        At most this many extensions; more raise :class:`~argmap.errors.LimitExceededError`
        (``None``: no limit).
    timeout
        Seconds the whole call may take (reducing, building the program, grounding, solving);
        longer raises :class:`~argmap.errors.LimitExceededError`.
    label
        How an error names the input (default: the framework, e.g. ``Framework(3 arguments, ...)``).

    Examples
    --------
    >>> fw = Framework(["a", "b"], [("a", "b"), ("b", "a")])
    >>> extensions(fw, "preferred"), extensions(fw, "grounded")
    ([[0], [1]], [[]])
    """
    if semantics == "grounded":
        return [grounded(fw)]
    if semantics == "ideal":
        return [ideal(fw, timeout=timeout, label=label)]
    if semantics not in DUNG_SEMANTICS:
        raise ArgmapError(f"unknown semantics '{semantics}'; choose one of {', '.join(DUNG_SEMANTICS)}")
    return _solve_reduced(fw, semantics, limit=limit, timeout=timeout, label=label)


def solver_call(
    name: str, fw: Framework, semantics: str, *, deadline: float | None, budget: float | None, label: str, **kwargs: object
) -> object:
    """``_asp.<name>`` by ``deadline`` through :mod:`argmap.semantics._bounded`, its errors naming ``label`` and ``budget``."""
    try:
        rest = None if deadline is None else deadline - time.monotonic()
        if rest is not None and rest <= 0:
            raise LimitExceededError("out of time")
        return _bounded.call(name, fw, semantics=semantics, timeout=rest, **kwargs)
    except LimitExceededError as exc:
        reason = str(exc)
        if deadline is not None and ("within" in reason or reason == "out of time"):
            reason = f"did not finish within {budget} s (pass a larger timeout)"
        raise LimitExceededError(f"{semantics} semantics on {label}: {reason}") from None


def _solve_reduced(fw: Framework, semantics: str, *, limit: int | None, timeout: float | None, label: str | None) -> list[list[int]]:
    """Solve only the part the grounded labelling leaves UNDEC, then add the grounded extension back.

    Every complete labelling agrees with the grounded one on its IN and OUT arguments, and an
    UNDEC argument is never attacked by a grounded IN one; so the complete labellings of the
    framework are the grounded labelling joined with the complete labellings of the framework
    restricted to the UNDEC arguments. That bijection keeps inclusion and range, so it holds for
    preferred, stable and semi-stable too. On most real and random frameworks little is left.
    """
    deadline = _asp.deadline_of(timeout)
    lab = grounded_labelling(fw)
    undec = [a for a, code in enumerate(lab) if code == UNDEC]
    base = [a for a, code in enumerate(lab) if code == IN]
    if not undec:
        return [base]
    position = dict(zip(undec, range(len(undec)), strict=True))
    src: list[int] = []
    dst: list[int] = []
    for a, b in zip(fw.attack_from, fw.attack_to, strict=True):
        if lab[a] == UNDEC and lab[b] == UNDEC:
            src.append(position[a])
            dst.append(position[b])
    sub = Framework.from_arrays(len(undec), src, dst)
    found: list[list[int]] = solver_call(  # type: ignore[assignment]
        "solve", sub, semantics, limit=limit, deadline=deadline, budget=timeout, label=label or repr(fw)
    )
    return sorted((sorted(base + [undec[k] for k in ext]) for ext in found), key=lambda e: (len(e), e))


def is_accepted(
    fw: Framework,
    argument: int,
    semantics: str = "grounded",
    *,
    mode: Literal["credulous", "sceptical"] = "sceptical",
    timeout: float | None = 60.0,
    label: str | None = None,
) -> bool:
    """Whether ``argument`` is in some (credulous) or every (sceptical) extension under ``semantics``.

    Solved as in :mod:`argmap.semantics.tasks`, without enumerating the extensions (except
    semi-stable). Sceptical acceptance when there is no extension (stable only) is true, vacuously.

    Examples
    --------
    >>> fw = Framework(["a", "b", "c"], [("a", "b"), ("b", "a"), ("b", "c")])
    >>> is_accepted(fw, 0, "preferred", mode="credulous"), is_accepted(fw, 0, "preferred")
    (True, False)
    """
    if not 0 <= argument < len(fw):
        raise ArgmapError(f"argument index {argument} is outside 0..{len(fw) - 1}")
    if mode not in ("credulous", "sceptical"):
        raise ArgmapError(f"mode must be 'credulous' or 'sceptical', not {mode!r}")
    from argmap.semantics import tasks

    if mode == "credulous":
        return tasks.credulous(fw, argument, semantics, timeout=timeout, label=label)
    return tasks.sceptical(fw, argument, semantics, timeout=timeout, label=label)
