"""Run a solver call within a wall-clock and memory bound, in a child process when the framework is large.

clingo's search can be cancelled, but parsing and grounding a large program cannot; so a call on
a framework of ``IN_PROCESS`` or more arguments plus attacks runs in a child Python process
(``python -m argmap.semantics._bounded``, the job pickled on its stdin) that is killed at the
deadline, with its address space capped at ``ARGMAP_SOLVER_MEMORY_MB`` megabytes (default 4096).
Smaller frameworks ground in milliseconds and are solved in this process.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import time
from typing import Any

from argmap.errors import LimitExceededError
from argmap.semantics import _asp
from argmap.semantics.framework import Framework

__all__ = ["IN_PROCESS", "call"]

IN_PROCESS = 20_000


def _memory_mb() -> int:
    return int(os.environ.get("ARGMAP_SOLVER_MEMORY_MB", "4096"))


def call(name: str, fw: Framework, *, timeout: float | None, **kwargs: Any) -> Any:
    """``_asp.<name>(fw, timeout=..., **kwargs)``, bounded: at most ``timeout`` seconds in all, memory capped."""
    if timeout is None or len(fw) + fw.n_attacks < IN_PROCESS:
        return getattr(_asp, name)(fw, timeout=timeout, **kwargs)
    started = time.monotonic()
    job = pickle.dumps((name, len(fw), fw.attack_from.tobytes(), fw.attack_to.tobytes(), {**kwargs, "timeout": timeout}))
    proc = subprocess.Popen(
        [sys.executable, "-m", "argmap.semantics._bounded"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        out, _ = proc.communicate(job, timeout=max(0.0, timeout - (time.monotonic() - started)))
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise LimitExceededError(f"the solver did not finish within {timeout} s (pass a larger timeout)") from None
    if proc.returncode != 0 or not out:
        raise LimitExceededError(f"the solver stopped (out of memory? the cap is ARGMAP_SOLVER_MEMORY_MB={_memory_mb()})")
    status, value = pickle.loads(out)  # noqa: S301 - written by our own child process
    if status == "error":
        raise LimitExceededError(value)
    return value


def _main() -> None:  # pragma: no cover - runs in the child process
    import resource
    from array import array

    limit = _memory_mb() * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    name, n, src, dst, kwargs = pickle.loads(sys.stdin.buffer.read())  # noqa: S301 - from our parent
    a, b = array("q"), array("q")
    a.frombytes(src)
    b.frombytes(dst)
    fw = Framework(n)
    fw.attack_from, fw.attack_to = a, b
    try:
        result: tuple[str, Any] = ("ok", getattr(_asp, name)(fw, **kwargs))
    except MemoryError:
        result = ("error", f"the solver ran out of memory (over {_memory_mb()} MB; set ARGMAP_SOLVER_MEMORY_MB)")
    except LimitExceededError as exc:
        result = ("error", str(exc))
    sys.stdout.buffer.write(pickle.dumps(result))


if __name__ == "__main__":
    _main()
