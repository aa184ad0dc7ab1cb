"""How many drawings one API process makes at once: a bounded queue, a share per caller, and one `dot` per drawing.

* At most ``render_concurrency`` renders run (each in a worker thread of their own, so the
  threads that serve every other request are never taken by renders).
* At most ``render_queue`` more wait for a slot; past that the answer is **503** with ``Retry-After``.
* One caller (a key's owner, or an anonymous caller's address) has at most ``render_per_caller``
  renders running or waiting; past that **429** with ``Retry-After``.
* Single flight: requests for a drawing that is being made wait for that one run of ``dot``
  (they take no slot and no share).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from typing import TypeVar

import anyio
import anyio.to_thread

from .problems import ApiProblem
from .settings import Settings

__all__ = ["RenderGate"]

T = TypeVar("T")


class RenderGate:
    """The per-process bound on renders; ``run(key, caller, work)`` gives ``work()``'s result or raises its error."""

    def __init__(self, settings: Settings) -> None:
        self.slots = settings.render_concurrency
        self.queue = settings.render_queue
        self.per_caller = settings.render_per_caller
        self._limiter: anyio.CapacityLimiter | None = None  # made on the event loop, on first use
        self._admitted = 0
        self._by_caller: Counter[str] = Counter()
        self._flights: dict[str, asyncio.Future[bytes]] = {}
        self.runs = 0  # how many times work() ran: what single flight saves

    @property
    def busy(self) -> int:
        """Renders running or waiting for a slot."""
        return self._admitted

    async def run(self, key: str, caller: str, work: Callable[[], bytes]) -> bytes:
        flight = self._flights.get(key)
        if flight is not None:
            try:
                return await asyncio.shield(flight)
            except asyncio.CancelledError:
                if not flight.cancelled():
                    raise  # this request was cancelled
                return await self.run(key, caller, work)  # the one making it went away: make it ourselves
        if self._admitted >= self.slots + self.queue:
            raise ApiProblem(
                503,
                f"the server is drawing {self._admitted} maps (at most {self.slots} at once, {self.queue} waiting); try again shortly",
                slug="render-busy",
                headers={"Retry-After": "5"},
            )
        if self._by_caller[caller] >= self.per_caller:
            raise ApiProblem(
                429,
                f"you already have {self._by_caller[caller]} drawings being made (at most {self.per_caller}); wait for them",
                slug="too-many-renders",
                headers={"Retry-After": "5"},
            )
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.slots)
        future: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self._flights[key] = future
        self._admitted += 1
        self._by_caller[caller] += 1
        try:
            self.runs += 1
            result = await anyio.to_thread.run_sync(work, limiter=self._limiter)
        except asyncio.CancelledError:
            future.cancel()
            raise
        except BaseException as exc:
            if not future.done():
                future.set_exception(exc)
                future.exception()  # retrieved: no "exception never retrieved" warning when nobody else waited
            raise
        else:
            future.set_result(result)
            return result
        finally:
            self._flights.pop(key, None)
            self._admitted -= 1
            self._by_caller[caller] -= 1
            if self._by_caller[caller] <= 0:
                del self._by_caller[caller]
