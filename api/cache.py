"""A small thread-safe LRU cache, bounded by entry count or by total size in bytes."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["LRUCache"]

V = TypeVar("V")


class LRUCache(Generic[V]):
    """Least-recently-used cache; ``size`` weighs an entry (1 by default, so ``limit`` counts entries).

    Examples
    --------
    >>> c: LRUCache[bytes] = LRUCache(10, size=len)
    >>> c.put("a", b"12345"); c.put("b", b"123456")
    >>> c.get("a") is None, c.get("b")
    (True, b'123456')
    """

    def __init__(self, limit: int, *, size: Callable[[V], int] | None = None) -> None:
        self.limit = limit
        self._size = size or (lambda _v: 1)
        self._data: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self._total = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            item = self._data.get(key)
            if item is None:
                self.misses += 1
                return None
            self._data.move_to_end(key)
            self.hits += 1
            return item[0]

    def put(self, key: Hashable, value: V) -> None:
        weight = self._size(value)
        if weight > self.limit:
            return  # larger than the whole cache: not worth evicting everything for
        with self._lock:
            old = self._data.pop(key, None)
            if old is not None:
                self._total -= old[1]
            self._data[key] = (value, weight)
            self._total += weight
            while self._total > self.limit and self._data:
                _, (_, w) = self._data.popitem(last=False)
                self._total -= w

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self._total = 0

    def __len__(self) -> int:
        return len(self._data)
