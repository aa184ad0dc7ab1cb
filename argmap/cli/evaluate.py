"""The ``evaluate`` command: which statements stand under a semantics, as a table or JSON, with an optional explanation."""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from argmap.cli._app import CliUsageError, app, console, user_errors
from argmap.cli._load import FromOption, chosen_format, load_map, map_language
from argmap.errors import FormatError, Problem

if TYPE_CHECKING:  # imported where used: `argmap --help` needs none of them
    from rich.table import Table
    from rich.text import Text

    from argmap.model import ArgumentMap
    from argmap.semantics import Evaluation, Framework

__all__ = ["evaluate_command"]


class SemanticsName(enum.StrEnum):
    grounded = "grounded"
    complete = "complete"
    preferred = "preferred"
    stable = "stable"
    semi_stable = "semi-stable"
    ideal = "ideal"
    dfquad = "dfquad"
    qe = "qe"


_STYLE = {"IN": "bold green", "OUT": "bold red", "UNDEC": "yellow"}


def _load(path: Path) -> ArgumentMap | Framework:
    from argmap.formats import format_for_path, formats
    from argmap.semantics import read_framework
    from argmap.semantics.iccma import FRAMEWORK_SUFFIXES

    if chosen_format() is None and path.suffix.lower() in FRAMEWORK_SUFFIXES:
        return read_framework(path)
    try:
        return load_map(path)
    except FormatError as exc:  # neither the suffix nor the content names a format: say which ones exist
        if chosen_format() is not None or format_for_path(path) is not None or not exc.problems[0].message.startswith("unknown file type"):
            raise
        maps = ", ".join(f.name for f in formats() if f.can_read)
        frameworks = ", ".join(sorted(FRAMEWORK_SUFFIXES))
        message = f"unknown format (suffix '{path.suffix}'); maps: {maps} (or --from FORMAT); frameworks: {frameworks}"
        raise FormatError([Problem(message, file=str(path))], summary=f"{path}: {message}") from None


def _table(subject: ArgumentMap | Framework, result: Evaluation, lang: str | None) -> Table:
    from rich.table import Table
    from rich.text import Text

    from argmap.model import ArgumentMap

    gradual = result.strengths is not None
    table = Table(title=f"{result.semantics} semantics", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("kind")
    table.add_column("strength" if gradual else "label", justify="right" if gradual else "left")
    if not gradual and result.extensions is not None and len(result.extensions) > 1:
        table.add_column("credulous")
    table.add_column("text", overflow="fold")
    values: dict[str, Any] = (result.strengths if gradual else result.labels) or {}
    credulous = set(result.credulous or ())
    many = not gradual and result.extensions is not None and len(result.extensions) > 1
    rows: list[tuple[str, str, str]]
    if isinstance(subject, ArgumentMap):
        rows = [(st.id, st.kind, st.text_in(lang or subject.language, fallback=subject.language)) for st in subject.statements]
    else:
        rows = [(name, "argument", "") for name in subject.statement_names()]
    for sid, kind, text in rows:
        value = values.get(sid)
        cell = _number(value) if gradual else Text(value or "-", style=_STYLE.get(value or "", ""))
        cells = [Text(sid), Text(kind), cell]
        if many:
            cells.append(Text("yes" if sid in credulous else "no"))
        cells.append(Text(text))  # user text as plain Text: never read as markup
        table.add_row(*cells)
    return table


def _number(value: float | None) -> Text:
    from rich.text import Text

    return Text("-" if value is None else f"{value:.3f}")


def _summary(result: Evaluation) -> str:
    if result.strengths is not None:
        state = "converged" if result.converged else "did NOT converge"
        return f"{state} after {result.iterations} iterations"
    exts = result.extensions or []
    if not exts:
        return f"no {result.semantics} extension exists; no labels"
    if len(exts) == 1:
        return f"1 {result.semantics} extension: {len(exts[0])} statements IN"
    return f"{len(exts)} {result.semantics} extensions; labels are sceptical (IN/OUT in every extension)"


def _print_task(subject: ArgumentMap | Framework, asked: Evaluation, as_json: bool, lang: str | None) -> None:
    """The answer to a DC, DS or SE task, with the explanation of the statement asked about."""
    from rich.text import Text

    from argmap.semantics import explain

    explanation = None
    if asked.argument is not None:
        explanation = explain(subject, asked.argument, asked.semantics, lang=lang)
    if as_json:
        payload: dict[str, Any] = asked.model_dump(mode="json", exclude_none=True)
        if explanation is not None:
            payload["explanation"] = explanation.model_dump(mode="json", exclude={"focus"})
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if asked.task == "SE":
        exts = asked.extensions or []
        console.print(
            Text(f"one {asked.semantics} extension: {', '.join(exts[0]) or '(empty)'}" if exts else f"no {asked.semantics} extension")
        )
        return
    mode = "credulously" if asked.task == "DC" else "sceptically"
    console.print(
        Text(f"{asked.task}: {asked.argument} is {'' if asked.answer else 'NOT '}{mode} accepted under {asked.semantics} semantics")
    )
    if explanation is not None:
        console.print(Text(explanation.text), soft_wrap=True)


@app.command("evaluate")
def evaluate_command(
    path: Annotated[
        Path, typer.Argument(metavar="MAP", help="A map file (- for standard input), or a framework (.apx, .tgf, .af).", show_default=False)
    ],
    semantics: Annotated[
        SemanticsName, typer.Option("--semantics", "-s", help="The semantics to evaluate under.")
    ] = SemanticsName.grounded,
    lang: Annotated[str | None, typer.Option("--lang", help="Language of the statement texts shown.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    explain_id: Annotated[str | None, typer.Option("--explain", metavar="ID", help="Explain why this statement has its label.")] = None,
    limit: Annotated[int, typer.Option("--limit", help="Most extensions to enumerate.")] = 1000,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds the solver may take.")] = 60.0,
    task: Annotated[str | None, typer.Option("--task", metavar="TASK", help="DC, DS or SE: one question, not enumerating.")] = None,
    argument: Annotated[str | None, typer.Option("--argument", metavar="ID", help="The statement DC or DS asks about.")] = None,
    from_: FromOption = None,
) -> None:
    """Evaluate which statements stand (grounded, preferred, ...) or how strongly (dfquad, qe); print a table.

    Exit code 0 on success, 1 when the map cannot be read or evaluated.
    """
    from rich.text import Text

    from argmap.model import ArgumentMap
    from argmap.semantics import evaluate, explain

    with user_errors():
        if task is not None and task.upper() not in ("DC", "DS", "SE"):
            raise CliUsageError(f"--task: unknown task '{task}'; choose DC, DS or SE (or leave it out for the full evaluation)")
        if task is not None and task.upper() in ("DC", "DS") and argument is None:
            raise CliUsageError(f"--task {task.upper()} needs --argument ID: the statement it asks about")
        subject = _load(path)
        if isinstance(subject, ArgumentMap):
            map_language(subject, lang)
        options: dict[str, Any] = {} if semantics.value in ("dfquad", "qe") else {"limit": limit, "timeout": timeout}
        if task is not None:
            asked = evaluate(subject, semantics.value, task=task, argument=argument, timeout=timeout)
            _print_task(subject, asked, as_json, lang)
            return
        result = evaluate(subject, semantics.value, **options)
        explanation = None
        if explain_id is not None:
            explanation = explain(subject, explain_id, semantics.value, lang=lang, **options)
    if as_json:
        payload: dict[str, Any] = result.model_dump(mode="json")
        if explanation is not None:
            payload["explanation"] = explanation.model_dump(mode="json", exclude={"focus"})
            focus = explanation.focus
            payload["explanation"]["focus"] = None if focus is None else focus.model_dump(mode="json", exclude_defaults=True)
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    console.print(_table(subject, result, lang))
    console.print(Text(_summary(result)))
    if result.relation_labels:
        rel = ", ".join(f"{k} {v}" for k, v in result.relation_labels.items())
        console.print(Text(f"linked/undercut relations: {rel}"), soft_wrap=True)
    if explanation is not None:
        console.print()
        console.print(Text(explanation.text), soft_wrap=True)
