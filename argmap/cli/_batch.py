"""Run one job over many files with a progress bar; one bad file never stops the batch."""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from argmap.errors import ArgmapError, InvalidMapError

__all__ = ["BatchResult", "batch_root", "expand_inputs", "is_batch", "output_paths", "output_stem", "run_batch"]


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


def batch_root(pattern: str, files: list[Path]) -> Path:
    """The folder below which a batch's outputs keep their place: the input folder, or a glob's common folder."""
    return Path(pattern) if os.path.isdir(pattern) else Path(os.path.commonpath([f.parent for f in files]))


def output_paths(files: list[Path], root: Path, suffixes: Iterable[str], folder: Path, suffix: str) -> tuple[dict[Path, Path], list[str]]:
    """Each input's output file (``folder`` / its place below ``root`` / its name without the map suffix, + ``suffix``), all distinct.

    Inputs that would share an output (``debate.argdown`` and ``debate.yaml`` both to ``debate.argmap.yaml``)
    keep their whole name instead (``debate.argdown.argmap.yaml``, ``debate.yaml.argmap.yaml``). Names are
    compared without case (a case-insensitive disk would make ``A.yaml`` and ``a.yaml`` one file). Returns the
    outputs and one note per group of renamed inputs; an :class:`ArgmapError` listing the inputs when
    outputs would still coincide, so that nothing is written over silently.
    """

    def out(rel: Path) -> Path:
        return folder / rel.with_name(rel.name + suffix)

    def key(p: Path) -> str:
        return str(p).casefold()

    chosen = {f: out(output_stem(f, root, suffixes)) for f in files}
    groups: dict[str, list[Path]] = {}
    for f in files:
        groups.setdefault(key(chosen[f]), []).append(f)
    notes: list[str] = []
    for group in groups.values():
        if len(group) > 1:
            for f in group:
                chosen[f] = out(f.relative_to(root))
            names = ", ".join(chosen[f].name for f in group)
            notes.append(f"{_listed(group)} share a name, so each output keeps its input's suffix: {names}")
    final: dict[str, list[Path]] = {}
    for f in files:
        final.setdefault(key(chosen[f]), []).append(f)
    clashes = [group for group in final.values() if len(group) > 1]
    if clashes:
        said = "; ".join(f"{_listed(group)} -> {chosen[group[0]]}" for group in clashes)
        raise ArgmapError(f"inputs would be written to the same output file, so nothing was written (rename one of each): {said}")
    inputs = {key(f.resolve()) for f in files}
    over = [f for f in files if key(chosen[f].resolve()) in inputs]
    if over:
        said = "; ".join(f"{f} -> {chosen[f]}" for f in over)
        raise ArgmapError(f"an output would be written over an input, so nothing was written (choose another output folder): {said}")
    return chosen, notes


def _listed(paths: list[Path]) -> str:
    names = [str(p) for p in paths]
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]


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
