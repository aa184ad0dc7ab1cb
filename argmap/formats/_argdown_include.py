"""``@include(file, ...)`` in Argdown: the named files' text in place of the line, resolved relative to the file.

Bounded: only files inside the folder of the document read (no ``..`` or absolute path out of it, no symbolic
link out of it), no cycles, at most :data:`MAX_DEPTH` levels and :data:`MAX_BYTES` in all. Text given without a
folder (e.g. to the REST API) may not include anything.
"""

from __future__ import annotations

import re
from pathlib import Path

from argmap.errors import Problem

__all__ = ["MAX_BYTES", "MAX_DEPTH", "expand_includes"]

MAX_DEPTH = 10
MAX_BYTES = 20_000_000
_INCLUDE = re.compile(r"[ \t]*@include\(([^()\n]*)\)[ \t]*")


def expand_includes(text: str, filename: str | None, base_dir: str | None) -> tuple[str, list[Problem]]:
    """The text with every ``@include`` line replaced by the included files' text, and the problems found."""
    if "@include(" not in text:
        return text, []
    problems: list[Problem] = []
    root = Path(base_dir).resolve() if base_dir else None
    budget = [MAX_BYTES - len(text)]
    here = (root / Path(filename).name).resolve() if root and filename else None
    out = _expand(text, filename, root, root, (here,) if here else (), budget, problems)
    return out, problems


def _expand(
    text: str, name: str | None, folder: Path | None, root: Path | None, stack: tuple[Path, ...], budget: list[int], problems: list[Problem]
) -> str:
    lines = text.split("\n")
    for no, line in enumerate(lines, 1):
        match = _INCLUDE.fullmatch(line.rstrip("\r"))
        if match is None:
            continue
        parts: list[str] = []
        for item in (p.strip() for p in match.group(1).split(",")):
            if not item:
                continue
            included = _read(item, name, no, folder, root, stack, budget, problems)
            if included is not None:
                path, content = included
                parts.append(_expand(content, str(path), path.parent, root, (*stack, path), budget, problems))
        lines[no - 1] = "\n\n".join(parts)
    return "\n".join(lines)


def _read(
    item: str,
    name: str | None,
    line: int,
    folder: Path | None,
    root: Path | None,
    stack: tuple[Path, ...],
    budget: list[int],
    problems: list[Problem],
) -> tuple[Path, str] | None:
    def fail(message: str) -> None:
        problems.append(Problem(f"@include({item}): {message}", file=name, line=line, column=1))

    if folder is None or root is None:
        fail("a document given as text cannot include files; read it from a file")
        return None
    if len(stack) > MAX_DEPTH:
        fail(f"includes are nested more than {MAX_DEPTH} deep")
        return None
    path = (folder / item).resolve()
    if not path.is_relative_to(root):
        fail(f"the file is outside the document's folder {root}")
        return None
    if path in stack:
        fail("the file includes itself (a cycle)")
        return None
    if not path.is_file():
        fail("no such file")
        return None
    size = path.stat().st_size
    if size > budget[0]:
        fail(f"the included files exceed {MAX_BYTES:,} bytes in all")
        return None
    budget[0] -= size
    try:
        return path, path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"cannot read it ({exc.__class__.__name__})")
        return None
