"""Run Graphviz's ``dot`` on DOT text and return the drawing's bytes, with clear errors and a time limit."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from typing import Any, Literal

from argmap.errors import RenderError
from argmap.render._warn import warn

__all__ = ["FORMATS", "GraphvizWarning", "OutputFormat", "dot_binary", "finish_dot", "run_dot", "start_dot", "stop_dot"]

OutputFormat = Literal["svg", "png", "pdf", "plain", "dot"]
FORMATS: tuple[str, ...] = ("svg", "png", "pdf", "dot")
_DOT_FORMATS = {"svg": "svg", "png": "png", "pdf": "pdf", "plain": "plain", "dot": "dot", "json": "json"}
INSTALL_HINT = (
    "install Graphviz: `apt-get install graphviz` (Debian/Ubuntu), `brew install graphviz` (macOS), or see https://graphviz.org/download/"
)


class GraphvizWarning(UserWarning):
    """Graphviz drew the map but said something on the way (e.g. a label too large for its cell)."""


def _dot_messages(stderr: str) -> list[str]:
    """dot's warnings, one message each: continuation lines joined, repeats (and prefixes of longer ones) dropped.

    Examples
    --------
    >>> _dot_messages("Warning: cell size too small for content\\nWarning: cell size too small for content\\nin label of node legend\\n")
    ['cell size too small for content in label of node legend']
    """
    messages: list[str] = []
    for line in stderr.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith(("Warning:", "Error:")) or not messages:
            messages.append(line.removeprefix("Warning:").strip())
        else:
            messages[-1] += " " + line
    unique = list(dict.fromkeys(messages))
    return [m for m in unique if not any(o != m and o.startswith(m) for o in unique)]


def dot_binary() -> str:
    """The path of the ``dot`` program (``ARGMAP_DOT`` overrides); :class:`RenderError` when there is none.

    ``ARGMAP_DOT`` is a path (``/opt/graphviz/bin/dot``) or a name looked up on ``PATH``; the error says which
    was tried, and names the variable when it was set.
    """
    given = os.environ.get("ARGMAP_DOT")
    name = given or "dot"
    path = shutil.which(name)
    if path is not None:
        return path
    if not given:
        raise RenderError(f"Graphviz's `dot` program was not found on PATH; {INSTALL_HINT}")
    if os.sep in given or (os.altsep and os.altsep in given):
        why = "no such file" if not os.path.exists(given) else ("a folder" if os.path.isdir(given) else "not executable")
        raise RenderError(f"ARGMAP_DOT={given!r} names no `dot` program ({why}); point it at Graphviz's dot, or unset it")
    raise RenderError(f"ARGMAP_DOT={given!r}: no program of that name on PATH; give the path of Graphviz's dot, or {INSTALL_HINT}")


def _die_with_parent() -> Callable[[], None] | None:
    """On Linux, a ``preexec_fn`` that has the kernel kill ``dot`` when the process that started it dies (even by SIGKILL)."""
    if not sys.platform.startswith("linux"):
        return None
    libc = _libc()
    if libc is None:
        return None
    parent = os.getpid()

    def preexec() -> None:  # runs in the child, between fork and exec
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before the line above: nobody is waiting
            os._exit(1)

    return preexec


_PR_SET_PDEATHSIG = 1


@functools.cache
def _libc() -> Any:
    """The C library (for ``prctl``), loaded once; ``find_library`` (which runs ``ldconfig``) only when the usual name fails."""
    import ctypes
    import ctypes.util

    with contextlib.suppress(OSError):
        return ctypes.CDLL("libc.so.6", use_errno=True)
    name = ctypes.util.find_library("c")
    if name:
        with contextlib.suppress(OSError):
            return ctypes.CDLL(name, use_errno=True)
    return None


def start_dot(fmt: str = "svg") -> subprocess.Popen[bytes]:
    """Start ``dot -T<fmt>`` waiting for its input, so that it loads while the DOT text is being built."""
    if fmt not in _DOT_FORMATS:
        raise RenderError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")
    binary = dot_binary()
    try:
        return subprocess.Popen(
            [binary, f"-T{_DOT_FORMATS[fmt]}"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # a terminal's Ctrl-C reaches argmap, which stops dot itself (finish_dot)
            preexec_fn=_die_with_parent(),  # async-signal-safe: one prctl and one getppid
        )
    except OSError as exc:
        raise RenderError(f"cannot run {binary}: {exc.strerror}; {INSTALL_HINT}") from None


def finish_dot(proc: subprocess.Popen[bytes], source: str, fmt: str, *, timeout: float = 120.0) -> bytes:
    """Give a started ``dot`` its input and collect the drawing (errors as in :func:`run_dot`)."""
    try:
        out, err = proc.communicate(source.encode("utf-8"), timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(proc)
        from argmap.render.options import RenderLimitError  # a LimitExceededError naming the option; options load pydantic

        raise RenderLimitError(f"Graphviz took longer than {timeout:g} s (the timeout) and was stopped", limit="timeout") from None
    except BaseException:  # Ctrl-C (KeyboardInterrupt), SystemExit from a SIGTERM handler...: dot must not outlive the render
        _kill(proc)
        raise
    message = err.decode("utf-8", "replace").strip()
    if proc.returncode != 0:
        code = proc.returncode
        what = f"was killed by signal {-code}" if code < 0 else f"failed with exit code {code}"
        raise RenderError(f"Graphviz `dot -T{fmt}` {what}" + (f": {message}" if message else ""))
    if not out:
        raise RenderError(f"Graphviz `dot -T{fmt}` produced no output" + (f": {message}" if message else ""))
    for said in _dot_messages(message):
        warn(f"Graphviz: {said}", GraphvizWarning)
    result: bytes = out
    return result


def run_dot(source: str, fmt: str = "svg", *, timeout: float = 120.0) -> bytes:
    """Lay out and draw DOT text with ``dot -T<fmt>``.

    Raises :class:`~argmap.errors.RenderError` when ``dot`` is missing or fails (its stderr is in
    the message) and :class:`~argmap.errors.LimitExceededError` when it runs longer than ``timeout``
    seconds (the process is killed).

    Examples
    --------
    >>> run_dot("digraph { a -> b }", "svg")[:5]
    b'<?xml'
    """
    return finish_dot(start_dot(fmt), source, fmt, timeout=timeout)


def stop_dot(proc: subprocess.Popen[bytes]) -> None:
    """Stop a started ``dot`` that will not get its input (the render failed before)."""
    _kill(proc)


def _kill(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate()
