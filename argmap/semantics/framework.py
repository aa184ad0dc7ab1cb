"""The compact, integer-indexed argumentation framework every semantics in argmap runs on.

A :class:`Framework` is a Dung framework (arguments and attacks) that may also carry supports,
edge weights and base scores, so one type serves the Dung, bipolar and gradual semantics.
Arguments are the integers ``0 .. n-1``; ``names[i]`` is the name of argument ``i``. The first
``n_statements`` arguments are the ones reported to a user (a map's statements); the rest are
auxiliary arguments made by the map translation (see :mod:`argmap.semantics.translate`).
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

from argmap.errors import ArgmapError, NotFoundError

__all__ = ["Framework"]


class _Numbered(Sequence[str]):
    """The names ``"1" .. "n"``, made on demand: a million-argument framework needs no name list."""

    __slots__ = ("_n",)

    def __init__(self, n: int) -> None:
        self._n = n

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[str]: ...
    def __getitem__(self, i: int | slice) -> str | Sequence[str]:
        if isinstance(i, slice):
            return [str(k + 1) for k in range(self._n)[i]]
        if not -self._n <= i < self._n:
            raise IndexError(i)
        return str((i % self._n) + 1)

    def __iter__(self) -> Iterator[str]:
        return map(str, range(1, self._n + 1))


def _ints(values: Iterable[int]) -> array[int]:
    if isinstance(values, array) and values.typecode == "q":
        return values
    if hasattr(values, "__array__"):  # a numpy array: copy its buffer, not its items one by one
        import numpy as np

        out: array[int] = array("q")
        out.frombytes(np.ascontiguousarray(values, dtype=np.int64).tobytes())
        return out
    return array("q", values)


class Framework:
    """An argumentation framework over the arguments ``0 .. n-1``, attacks and supports as integer arrays.

    Parameters
    ----------
    arguments
        The argument names (unique strings), or a count ``n`` for arguments named ``"1" .. "n"``.
    attacks
        ``(attacker, attacked)`` pairs, by name or by integer index.
    supports
        ``(supporter, supported)`` pairs; used by the gradual semantics only.
    base_scores
        The initial strength of each argument for the gradual semantics (default 0.5 each).
    attack_weights, support_weights
        A weight in ``[0, 1]`` per attack / support, in the order given (default 1.0 each).
    n_statements
        How many of the first arguments a user sees; the others are auxiliary (default: all).

    Examples
    --------
    >>> fw = Framework(["a", "b", "c"], [("a", "b"), ("b", "c")])
    >>> len(fw), fw.n_attacks, list(fw.attack_pairs())
    (3, 2, [('a', 'b'), ('b', 'c')])
    >>> Framework(3, [(0, 1)]).names[1]
    '2'
    """

    __slots__ = (
        "_index",
        "_out",
        "attack_from",
        "attack_to",
        "attack_weights",
        "base_scores",
        "n_statements",
        "names",
        "support_from",
        "support_to",
        "support_weights",
    )

    def __init__(
        self,
        arguments: int | Iterable[str],
        attacks: Iterable[tuple[int | str, int | str]] = (),
        *,
        supports: Iterable[tuple[int | str, int | str]] = (),
        base_scores: Sequence[float] | None = None,
        attack_weights: Sequence[float] | None = None,
        support_weights: Sequence[float] | None = None,
        n_statements: int | None = None,
    ) -> None:
        if isinstance(arguments, int):
            if arguments < 0:
                raise ArgmapError(f"a framework needs a non-negative number of arguments, not {arguments}")
            self.names: Sequence[str] = _Numbered(arguments)
        else:
            self.names = tuple(arguments)
        n = len(self.names)
        self._index: dict[str, int] | None = None
        self._out: list[list[int]] | None = None
        self.attack_from, self.attack_to = self._pairs(attacks, "attack")
        self.support_from, self.support_to = self._pairs(supports, "support")
        self.n_statements = n if n_statements is None else n_statements
        if not 0 <= self.n_statements <= n:
            raise ArgmapError(f"n_statements must be between 0 and {n}, not {self.n_statements}")
        self.base_scores = _unit_array(base_scores, n, "base_scores")
        self.attack_weights = _unit_array(attack_weights, len(self.attack_from), "attack_weights")
        self.support_weights = _unit_array(support_weights, len(self.support_from), "support_weights")

    @classmethod
    def from_arrays(
        cls,
        n: int,
        attack_from: Iterable[int],
        attack_to: Iterable[int],
        *,
        names: Sequence[str] | None = None,
    ) -> Framework:
        """A framework straight from two integer sequences, the fast path for large frameworks.

        Examples
        --------
        >>> fw = Framework.from_arrays(3, [0, 1], [1, 2])
        >>> fw.n_attacks, fw.names[2]
        (2, '3')
        """
        fw = cls(n if names is None else names)
        src, dst = _ints(attack_from), _ints(attack_to)
        if len(src) != len(dst):
            raise ArgmapError(f"attack_from has {len(src)} entries but attack_to has {len(dst)}")
        if len(src) and not (_within(src, n) and _within(dst, n)):
            raise ArgmapError(f"an attack names an argument outside 0..{n - 1}")
        fw.attack_from, fw.attack_to = src, dst
        return fw

    def _pairs(self, pairs: Iterable[tuple[int | str, int | str]], what: str) -> tuple[array[int], array[int]]:
        src: array[int] = array("q")
        dst: array[int] = array("q")
        n = len(self.names)
        for k, pair in enumerate(pairs):
            try:
                a, b = pair
            except (TypeError, ValueError):
                raise ArgmapError(f"{what} {k}: expected a pair (from, to), got {pair!r}") from None
            src.append(self._resolve(a, what, k, n))
            dst.append(self._resolve(b, what, k, n))
        return src, dst

    def _resolve(self, x: int | str, what: str, k: int, n: int) -> int:
        if isinstance(x, int) and not isinstance(x, bool):
            if 0 <= x < n:
                return x
            raise ArgmapError(f"{what} {k}: argument index {x} is outside 0..{n - 1}")
        try:
            return self.index(str(x))
        except NotFoundError:
            raise ArgmapError(f"{what} {k}: unknown argument {x!r}") from None

    # ------------------------------------------------------------------ lookups

    def __len__(self) -> int:
        return len(self.names)

    def __repr__(self) -> str:
        return f"Framework({len(self)} arguments, {self.n_attacks} attacks, {self.n_supports} supports)"

    @property
    def n_attacks(self) -> int:
        return len(self.attack_from)

    @property
    def n_supports(self) -> int:
        return len(self.support_from)

    def index(self, name: str) -> int:
        """The integer of the argument called ``name``; :class:`~argmap.errors.NotFoundError` if none."""
        if self._index is None:
            self._index = {nm: i for i, nm in enumerate(self.names)}
            if len(self._index) != len(self.names):
                seen: set[str] = set()
                dup = next(nm for nm in self.names if nm in seen or seen.add(nm))  # type: ignore[func-returns-value]
                raise ArgmapError(f"argument name {dup!r} is used twice")
        try:
            return self._index[name]
        except KeyError:
            raise NotFoundError(f"unknown argument '{name}'", id=name) from None

    def out_lists(self) -> list[list[int]]:
        """For each argument, the arguments it attacks (built once, then cached)."""
        if self._out is None:
            out: list[list[int]] = [[] for _ in range(len(self.names))]
            for a, b in zip(self.attack_from, self.attack_to, strict=True):
                out[a].append(b)
            self._out = out
        return self._out

    def attackers(self) -> list[list[int]]:
        """For each argument, the arguments attacking it."""
        inn: list[list[int]] = [[] for _ in range(len(self.names))]
        for a, b in zip(self.attack_from, self.attack_to, strict=True):
            inn[b].append(a)
        return inn

    def attack_pairs(self) -> Iterator[tuple[str, str]]:
        """The attacks as ``(attacker, attacked)`` name pairs."""
        names = self.names
        return ((names[a], names[b]) for a, b in zip(self.attack_from, self.attack_to, strict=True))

    def statement_names(self) -> Sequence[str]:
        """The names of the arguments a user sees (all of them for a plain framework)."""
        return self.names[: self.n_statements] if self.n_statements < len(self.names) else self.names


def _within(values: array[int], n: int) -> bool:
    """Whether every value is in ``0 .. n-1`` (with numpy for long arrays only when it is loaded: importing it costs more)."""
    if len(values) < 1_000_000 or "numpy" not in sys.modules:
        return min(values) >= 0 and max(values) < n
    import numpy as np

    view = np.frombuffer(values, dtype=np.int64)
    return bool(view.min() >= 0 and view.max() < n)


def _unit_array(values: Sequence[float] | None, n: int, what: str) -> array[float] | None:
    if values is None:
        return None
    out = array("d", values)
    if len(out) != n:
        raise ArgmapError(f"{what} has {len(out)} values for {n} items")
    for i, v in enumerate(out):
        if not 0.0 <= v <= 1.0:
            raise ArgmapError(f"{what}[{i}] is {v}; it must be between 0 and 1")
    return out
