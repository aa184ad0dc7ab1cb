"""Where drawings, and drawings that failed, are kept: in this process (cachetools), or in Redis for every process.

A rendering is kept under a hash of (map id, version, format, options): a version never changes, so an
entry never goes stale. A render that failed is kept too, for ``render_failure_ttl`` seconds, so that
asking again for a drawing Graphviz refuses (or that ran out of time) costs no new ``dot`` run.

With ``ARGMAP_REDIS_URL`` set, every API process (workers, or servers on one store) shares one cache:
a drawing made by one is a hit in all the others.
"""

from __future__ import annotations

import json
import logging
import threading
from typing import Any, Protocol

import cachetools

from .settings import Settings

__all__ = ["Failure", "MemoryRenderCache", "RedisRenderCache", "RenderCache", "new_render_cache"]

log = logging.getLogger("argmap.api")

Failure = dict[str, Any]  # {"status": int, "detail": str, "slug": str | None, "retry_after": int | None}


class RenderCache(Protocol):
    """What the render route needs from a cache; keys are hex digests."""

    hits: int
    misses: int

    def get(self, key: str) -> bytes | None: ...

    def put(self, key: str, data: bytes) -> None: ...

    def failure(self, key: str) -> Failure | None: ...

    def remember_failure(self, key: str, failure: Failure) -> None: ...


class MemoryRenderCache:
    """The in-process cache: drawings by total size (LRU), failures for a while (TTL).

    Examples
    --------
    >>> c = MemoryRenderCache(max_bytes=10, failure_ttl=60)
    >>> c.put("a", b"12345"); c.put("b", b"123456")
    >>> c.get("a") is None, c.get("b")
    (True, b'123456')
    >>> c.remember_failure("x", {"status": 422, "detail": "no"}); c.failure("x")["status"]
    422
    """

    def __init__(self, max_bytes: int, failure_ttl: float) -> None:
        self._data: cachetools.LRUCache[str, bytes] = cachetools.LRUCache(maxsize=max(max_bytes, 1), getsizeof=len)
        self._failures: cachetools.TTLCache[str, Failure] | None = (
            cachetools.TTLCache(maxsize=4096, ttl=failure_ttl) if failure_ttl > 0 else None
        )
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> bytes | None:
        with self._lock:
            data = self._data.get(key)
            if data is None:
                self.misses += 1
            else:
                self.hits += 1
            return data

    def put(self, key: str, data: bytes) -> None:
        with self._lock:
            if len(data) <= self._data.maxsize:  # larger than the whole cache: not worth evicting everything for
                self._data[key] = data

    def failure(self, key: str) -> Failure | None:
        if self._failures is None:
            return None
        with self._lock:
            return self._failures.get(key)

    def remember_failure(self, key: str, failure: Failure) -> None:
        if self._failures is not None:
            with self._lock:
                self._failures[key] = failure


class RedisRenderCache:
    """The shared cache in Redis: drawings expire after ``ttl`` seconds (Redis's own eviction bounds memory), failures sooner.

    A Redis that does not answer costs a miss, never a failed request: the drawing is made and served.
    """

    def __init__(self, url: str, *, max_item_bytes: int, failure_ttl: float, ttl: int = 24 * 3600) -> None:
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self._max_item, self._failure_ttl, self._ttl = max_item_bytes, failure_ttl, ttl
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> bytes | None:
        try:
            data = self._redis.get(f"argmap:render:{key}")
        except Exception as exc:  # noqa: BLE001 - see the class docstring
            log.warning("the render cache in Redis does not answer: %r", exc)
            data = None
        if isinstance(data, bytes):
            self.hits += 1
            return data
        self.misses += 1
        return None

    def put(self, key: str, data: bytes) -> None:
        if len(data) > self._max_item:
            return
        try:
            self._redis.set(f"argmap:render:{key}", data, ex=self._ttl)
        except Exception as exc:  # noqa: BLE001
            log.warning("the render cache in Redis does not answer: %r", exc)

    def failure(self, key: str) -> Failure | None:
        if self._failure_ttl <= 0:
            return None
        try:
            raw = self._redis.get(f"argmap:render-failed:{key}")
        except Exception:  # noqa: BLE001
            return None
        if not isinstance(raw, bytes):
            return None
        found: Failure = json.loads(raw)
        return found

    def remember_failure(self, key: str, failure: Failure) -> None:
        if self._failure_ttl <= 0:
            return
        try:
            self._redis.set(f"argmap:render-failed:{key}", json.dumps(failure), px=max(int(self._failure_ttl * 1000), 1))
        except Exception as exc:  # noqa: BLE001
            log.warning("the render cache in Redis does not answer: %r", exc)


def new_render_cache(settings: Settings) -> RenderCache:
    """Redis when ``redis_url`` is set, else the in-process cache."""
    if settings.redis_url:
        return RedisRenderCache(settings.redis_url, max_item_bytes=settings.render_cache_bytes, failure_ttl=settings.render_failure_ttl)
    return MemoryRenderCache(settings.render_cache_bytes, settings.render_failure_ttl)
