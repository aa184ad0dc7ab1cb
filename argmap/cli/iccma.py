"""``argmap iccma``: the ICCMA solver interface (2023, and the 2019 ``-fo`` format option), so argmap runs in the competition's harness.

``argmap iccma`` alone prints the solver's name and version; ``--formats`` and ``--problems`` list
what it takes; ``-p TASK -f FILE [-a ARG]`` solves one problem and prints the answer as the
competition expects (EE one line per extension, printed as found): ``YES``/``NO`` for DC and DS; for SE ``w 1 3`` (2023, ``p af`` files) or
``[a,c]`` (2019, ``.apx``/``.tgf``) and ``NO`` when there is no extension; for EE the 2019 list of
lists (or one ``w`` line per extension); for CE the number. DS with no extension is ``YES``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from argmap.cli._app import app, err_console, user_errors
from argmap.errors import ArgmapError

if TYPE_CHECKING:  # imported where used: `argmap --help` needs none of them
    from argmap.semantics import Framework

__all__ = ["iccma_command"]

SEMANTICS = {"CO": "complete", "PR": "preferred", "ST": "stable", "SST": "semi-stable", "GR": "grounded", "ID": "ideal"}
TASKS = ("DC", "DS", "SE", "EE", "CE")
PROBLEMS = [f"{t}-{s}" for t in TASKS for s in SEMANTICS]
FORMATS = {"i23": "af", "apx": "apx", "tgf": "tgf"}


def _names(fw: Framework, ext: list[int]) -> list[str]:
    return [fw.names[i] for i in ext]


def solve(problem: str, fw: Framework, argument: str | None, *, style: str, timeout: float | None = None, backend: str = "auto") -> str:
    """The competition's output for ``problem`` (``"DS-PR"``, ...) on ``fw``, in the 2023 or 2019 ``style``."""
    return "\n".join(answer_lines(problem, fw, argument, style=style, timeout=timeout, backend=backend))


def answer_lines(
    problem: str, fw: Framework, argument: str | None, *, style: str, timeout: float | None = None, backend: str = "auto"
) -> Iterator[str]:
    """The output lines of :func:`solve`, one by one: EE prints each extension as soon as it is found."""
    from argmap.semantics import tasks

    task, _, code = problem.upper().partition("-")
    if task not in TASKS or code not in SEMANTICS:
        raise ArgmapError(f"unknown problem '{problem}'; argmap solves {', '.join(PROBLEMS)}")
    semantics = SEMANTICS[code]
    if task in ("DC", "DS"):
        if argument is None:
            raise ArgmapError(f"{problem} needs the query argument: -a ARG")
        idx = fw.index(argument)
        call = tasks.credulous if task == "DC" else tasks.sceptical
        yield "YES" if call(fw, idx, semantics, timeout=timeout, backend=backend) else "NO"
        return
    if task == "SE":
        one = tasks.some_extension(fw, semantics, timeout=timeout, backend=backend)
        if one is None:
            yield "NO"
        else:
            yield " ".join(["w", *_names(fw, one)]) if style == "2023" else "[" + ",".join(_names(fw, one)) + "]"
        return
    if task == "CE":
        yield str(tasks.count(fw, semantics, limit=None, timeout=timeout, backend=backend))
        return
    exts = tasks.extensions_iter(fw, semantics, limit=None, timeout=timeout, backend=backend)
    if style == "2023":
        found = False
        for ext in exts:
            found = True
            yield " ".join(["w", *_names(fw, ext)])
        if not found:
            yield "NO"
        return
    yield "[" + ",".join("[" + ",".join(_names(fw, e)) + "]" for e in exts) + "]"


@app.command("iccma")
def iccma_command(
    problem: Annotated[str | None, typer.Option("-p", "--problem", metavar="TASK", help="A problem such as DS-PR.")] = None,
    file: Annotated[Path | None, typer.Option("-f", "--file", metavar="FILE", help="The framework file.")] = None,
    argument: Annotated[str | None, typer.Option("-a", "--argument", metavar="ARG", help="The query argument (DC, DS).")] = None,
    fmt: Annotated[str | None, typer.Option("-fo", "--fo", metavar="FORMAT", help="i23, apx or tgf (default: by suffix).")] = None,
    formats: Annotated[bool, typer.Option("--formats", help="List the file formats and exit.")] = False,
    problems: Annotated[bool, typer.Option("--problems", help="List the problems and exit.")] = False,
    timeout: Annotated[float | None, typer.Option("--timeout", help="Seconds in all (default: none, as in the competition).")] = None,
    backend: Annotated[str, typer.Option("--backend", help="auto (the faster per task), sat (python-sat) or asp (clingo).")] = "auto",
) -> None:
    """Solve one ICCMA problem on a framework file, speaking the competition's solver interface."""
    from argmap.semantics import read_framework

    if formats:
        typer.echo("[" + ",".join(FORMATS) + "]")
        return
    if problems:
        typer.echo("[" + ",".join(PROBLEMS) + "]")
        return
    if problem is None or file is None:
        from argmap import __version__

        typer.echo(f"argmap {__version__}\nthe argmap project")
        if problem is not None or file is not None:
            err_console.print("error: give both -p TASK and -f FILE", markup=False)
            raise typer.Exit(2)
        return
    with user_errors():
        if fmt is not None and fmt not in FORMATS:
            raise ArgmapError(f"unknown format '{fmt}'; argmap reads {', '.join(FORMATS)}")
        fw = read_framework(file, format=None if fmt is None else FORMATS[fmt])
        style = "2023" if (fmt or FORMATS.get(file.suffix.lstrip(".").lower(), "af")) in ("i23", "af") else "2019"
        for line in answer_lines(problem, fw, argument, style=style, timeout=timeout, backend=backend):
            typer.echo(line)
