"""Where commands write: a file (atomically, its mode kept), a folder (made when missing, and said), or ``-`` (stdout).

Every problem is one line naming the path: a folder where a file should be, a file where a folder
should be (``notes.txt/x.svg``), a place that cannot be written (``/proc/x.svg``). A missing output
folder is made, with a note on stderr (``created folder out/``), so that a mistyped folder is seen.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

from argmap.cli._app import CliUsageError, err_console
from argmap.errors import ArgmapError

__all__ = ["STDIO", "ensure_folder", "is_stdio", "prepare_output_file", "suffix_clash", "write_output"]

STDIO = "-"  # a file argument of "-" is standard input (to read) or standard output (to write)


def is_stdio(path: str | os.PathLike[str] | None) -> bool:
    """True when the path is ``-``: standard input or output."""
    return path is not None and os.fspath(path) == STDIO


def _blocking_file(folder: Path) -> Path | None:
    """The first part of ``folder``'s path that exists and is not a folder, or None."""
    for part in (folder, *folder.parents):
        if part.exists():
            return None if part.is_dir() else part
    return None


def ensure_folder(folder: Path, *, say: bool = True, for_file: Path | None = None) -> None:
    """Make ``folder`` (and its parents) when missing, saying so on stderr; a clear error when that cannot be.

    ``for_file`` is the file the folder is for: messages name it, as the user wrote it.
    """
    if folder.is_dir():
        return
    named = for_file if for_file is not None else folder
    blocker = _blocking_file(folder)
    if blocker is not None:
        raise ArgmapError(f"{named}: " + ("is a file, not a folder" if blocker == named else f"{blocker} is a file, not a folder"))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ArgmapError(f"{named}: cannot create the folder {folder}: {exc.strerror or exc}") from None
    if say:
        err_console.print(f"created folder {folder}", markup=False, soft_wrap=True)


def write_output(path: Path, data: bytes | str, *, binary: bool = False, say_folder: bool = True) -> None:
    """Write a command's result to ``path`` (``-``: standard output), atomically, keeping the file's mode.

    ``binary`` output (PNG, PDF) is refused on a terminal: it would only scramble it.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if is_stdio(path):
        if binary and sys.stdout.isatty():
            raise CliUsageError("will not write binary output (PNG, PDF) to a terminal; redirect it (> file) or give a file name")
        try:
            sys.stdout.flush()
            sys.stdout.buffer.write(raw)
            sys.stdout.buffer.flush()
        except OSError as exc:
            if exc.errno == errno.EPIPE:  # the reader stopped reading (| head): main() ends quietly
                raise
            raise ArgmapError(f"standard output: cannot write: {exc.strerror or exc}") from None
        return
    prepare_output_file(path, say=say_folder)
    from argmap.formats import write_bytes_atomic

    try:
        write_bytes_atomic(path, raw)
    except OSError as exc:
        raise ArgmapError(f"{path}: cannot write: {exc.strerror or exc}") from None


def suffix_clash(out: Path, chosen: str, chosen_suffixes: tuple[str, ...], suffix_format: str | None) -> str | None:
    """The usage error when ``out``'s suffix names another format than the one chosen (``-o x.svg -f png``), else None.

    ``suffix_format`` is the format the suffix names (None: a suffix no format claims, e.g. ``.txt``,
    which is fine). A suffix the chosen format also uses is fine (``--to aif`` into ``nodeset.json``).
    """
    if is_stdio(out) or suffix_format is None or suffix_format == chosen:
        return None
    if out.suffix.lower() in {Path("x" + s).suffix for s in chosen_suffixes}:
        return None
    return (
        f"{out}: the suffix '{out.suffix}' says {suffix_format} but the format chosen is {chosen}; "
        f"name the file {out.with_suffix(chosen_suffixes[0]).name if chosen_suffixes else 'to match'}, or leave out the format"
    )


def prepare_output_file(path: Path, *, say: bool = True) -> None:
    """Check, before any work, that a result can go to the file ``path``: not a folder, its folder made when missing.

    The messages are :func:`write_output`'s, naming the path as the user wrote it.
    """
    if path.is_dir():
        raise ArgmapError(f"{path}: is a folder; give a file name")
    ensure_folder(path.parent, say=say, for_file=path)
