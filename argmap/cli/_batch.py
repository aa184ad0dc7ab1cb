"""Run one job over many files with a progress bar; one bad file never stops the batch."""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from argmap.errors import ArgmapError, InvalidMapError

__all__ = ["BatchResult", "expand_inputs", "is_batch", "output_stem", "run_batch"]


@dataclass
class BatchResult:
    done: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)  # (file, the reason: a line that starts with the file's name)

    @property
    def ok(self) -> bool:
        return not self.failed


def is_batch(arg: str) -> bool:
    """True when the argument names a folder or a glob pattern rather than one file."""
    return os.path.isdir(arg) or any(c in arg for c in "*?[")


def expand_inputs(arg: str, suffixes: Iterable[str] | None = None) -> list[Path]:
    """The files a folder (recursively, filtered by suffix) or a glob pattern names, sorted."""
    if os.path.isdir(arg):
        wanted = tuple(s.lower() for s in suffixes) if suffixes else None
        files = [p for p in Path(arg).rglob("*") if p.is_file() and (wanted is None or p.name.lower().endswith(wanted))]
    else:
        files = [Path(p) for p in glob.glob(arg, recursive=True) if os.path.isfile(p)]
    return sorted(files)


def output_stem(path: Path, root: Path | None, suffixes: Iterable[str]) -> Path:
    """Where a batch writes ``path``'s output: its place below ``root`` (or its name), without its map suffix.

    Keeping the place below the input folder means ``de/x.xml`` and ``en/x.xml`` do not collide.
    """
    rel = path.relative_to(root) if root is not None else Path(path.name)
    name = rel.name
    for suffix in sorted(suffixes, key=len, reverse=True):
        if name.lower().endswith(suffix.lower()):
            name = name[: -len(suffix)]
            break
    return rel.with_name(name)


def _reason(exc: BaseException, path: Path) -> str:
    """Why a file failed, as one line that starts with the file's name (once: a problem's ``file:line:column`` is kept)."""
    if isinstance(exc, InvalidMapError):
        first = exc.problems[0] if exc.problems else None
        more = f" (+{len(exc.problems) - 1} more)" if len(exc.problems) > 1 else ""
        reason = f"{first}{more}" if first else exc.message
    elif isinstance(exc, OSError) and not isinstance(exc, ArgmapError):
        reason = f"{exc.filename}: {exc.strerror}" if exc.filename and exc.strerror else str(exc) or type(exc).__name__
    else:
        reason = str(exc) or type(exc).__name__
    return reason if reason.startswith(f"{path}:") else f"{path}: {reason}"


def run_batch(files: list[Path], job: Callable[[Path], object], *, label: str = "working", show: bool = True) -> BatchResult:
    """Call ``job`` on every file under a progress bar, collecting failures with their reason."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    result = BatchResult()
    columns = (TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[name]}"), TimeRemainingColumn())
    with Progress(*columns, disable=not show, transient=False) as progress:
        task = progress.add_task(label, total=len(files), name="")
        for path in files:
            progress.update(task, name=path.name)
            try:
                job(path)
            except (ArgmapError, OSError, ValueError) as exc:
                result.failed.append((path, _reason(exc, path)))
            except Exception as exc:  # noqa: BLE001 - one file's unexpected failure must not stop the batch
                result.failed.append((path, f"internal error: {type(exc).__name__}: {exc}"))
            else:
                result.done.append(path)
            progress.advance(task)
    return result
