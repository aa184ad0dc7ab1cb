"""The grounded labelling of a large framework, vectorised with numpy round by round.

Each round labels IN every argument whose attackers are all OUT, then OUT everything those
attack, then counts down the live attackers of what the new OUT arguments attack. A round costs
O(arguments and attacks it touches), so the whole is O(n + m), in C. When the rounds thin out
(a long chain: many rounds in a row with a small frontier), the rest is finished by the plain
worklist, which has no per-round overhead.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["grounded_labelling_numpy"]

UNDEC, IN, OUT = 0, 1, 2
_THIN = 64  # a frontier smaller than this is a thin round ...
_THIN_ROUNDS = 256  # ... and after this many thin rounds in a row (a long chain) the Python worklist finishes


def _gather(off: Any, tgt: Any, nodes: Any) -> Any:
    """The targets of all out-edges of ``nodes`` (a CSR gather without a Python loop)."""
    starts = off[nodes]
    counts = off[nodes + 1] - starts
    total = int(counts.sum())
    if total == 0:
        return tgt[:0]
    ends = np.cumsum(counts)
    idx = np.repeat(starts - ends + counts, counts) + np.arange(total)
    return tgt[idx]


def _distinct(values: Any, stamp: Any) -> Any:
    """``values`` without repeats, in O(len(values)) with a scratch array (no sort, no hash table)."""
    if values.size < 2:
        return values
    order = np.arange(values.size)
    stamp[values] = order  # where a value repeats, the last write wins ...
    return values[stamp[values] == order]  # ... and only that occurrence is kept


def grounded_labelling_numpy(n: int, attack_from: Any, attack_to: Any) -> bytearray:
    """The grounded labelling (``IN``=1, ``OUT``=2, ``UNDEC``=0 per argument) from two int64 arrays."""
    src = np.frombuffer(attack_from, dtype=np.int64)
    dst = np.frombuffer(attack_to, dtype=np.int64)
    order = np.argsort(src.astype(np.int32) if n < 2**31 else src)  # any order within a source will do
    tgt = dst[order]
    off = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(src, minlength=n), out=off[1:])
    alive = np.bincount(dst, minlength=n)
    label = np.zeros(n, dtype=np.int8)
    stamp = np.empty(n, dtype=np.int64)
    frontier = np.flatnonzero(alive == 0)
    thin = 0
    while frontier.size and thin < _THIN_ROUNDS:
        thin = thin + 1 if frontier.size < _THIN else 0
        label[frontier] = IN
        hit = _gather(off, tgt, frontier)
        hit = _distinct(hit[label[hit] != OUT], stamp)
        label[hit] = OUT
        down = _gather(off, tgt, hit)
        if down.size > n // 8:
            dec = np.bincount(down, minlength=n)
            alive -= dec
            cand = np.flatnonzero(dec)
        else:
            np.subtract.at(alive, down, 1)
            cand = _distinct(down, stamp)
        frontier = cand[(alive[cand] == 0) & (label[cand] == UNDEC)]
    result = bytearray(label.tobytes())
    if frontier.size == 0:
        return result
    return _finish(frontier.tolist(), off.tolist(), tgt.tolist(), alive.tolist(), result)


def _finish(queue: list[int], off: list[int], tgt: list[int], alive: list[int], label: bytearray) -> bytearray:
    """The plain worklist from a partial labelling (``queue``: arguments whose attackers are all OUT)."""
    for a in queue:  # the list grows while it is walked
        label[a] = IN
        for j in range(off[a], off[a + 1]):
            b = tgt[j]
            if label[b] != OUT:
                label[b] = OUT
                for k in range(off[b], off[b + 1]):
                    c = tgt[k]
                    alive[c] -= 1
                    if not alive[c] and not label[c]:
                        queue.append(c)
    return label
