"""The core commands: ``validate``, ``show``, ``query`` and ``schema``."""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from argmap.cli._app import CliUsageError, app, console, err_console, plural, user_errors
from argmap.cli._batch import expand_inputs, is_batch
from argmap.cli._load import FromOption, display_name, load_map, map_language
from argmap.errors import ArgmapError, InvalidMapError

# rich, pydantic, the formats, the model and the queries are imported where used: `argmap --help` needs none.
if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["json_schema", "query", "schema", "show", "validate"]

SCHEMA_ID = "urn:argmap:schema:map"  # no hosted copy yet: a URN names it without a placeholder host


# ------------------------------------------------------------------------------------------- validate


def _inputs(args: list[str]) -> list[Path]:
    from argmap.formats import formats

    suffixes = [s for f in formats() if f.can_read for s in f.suffixes]
    paths: list[Path] = []
    for arg in args:
        if arg == "-":
            paths.append(Path(arg))
        elif is_batch(arg):
            found = expand_inputs(arg, suffixes)
            if not found:
                raise ArgmapError(f"{arg}: no map files found")
            paths.extend(found)
        else:
            paths.append(Path(arg))
    return paths


@app.command()
def validate(
    files: Annotated[
        list[str], typer.Argument(metavar="FILE", help="Map files, folders or glob patterns; - for standard input.", show_default=False)
    ],
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the problems.")] = False,
    from_: FromOption = None,
) -> None:
    """Check map files against every rule of the model; list every problem with file:line:column.

    Exit code 0 when all are valid, 1 when any is not, 2 on a usage error.
    """
    from rich.text import Text

    with user_errors():
        paths = _inputs(files)
        bad = _validate_all(paths, quiet)
    if bad:
        if len(paths) > 1:
            err_console.print(Text(f"{bad} of {len(paths)} files invalid", style="bold red"), soft_wrap=True)
        raise typer.Exit(1)


def _validate_all(paths: list[Path], quiet: bool) -> int:
    """Check each file, print what was found; returns how many are invalid."""
    from rich.text import Text

    bad = 0
    for path in paths:
        name = display_name(path)
        try:
            amap = load_map(path)
        except InvalidMapError as exc:
            bad += 1
            count = len(exc.problems)
            err_console.print(Text(f"{name}: invalid: {plural(count, 'problem')}", style="bold red"), soft_wrap=True)
            for problem in exc.problems:
                err_console.print(Text(f"  {problem}"), soft_wrap=True)
        except CliUsageError:
            raise
        except ArgmapError as exc:
            bad += 1
            err_console.print(Text("error: ", style="bold red") + Text(str(exc)), soft_wrap=True)
        else:
            if not quiet:
                line = f"{name}: valid ({plural(len(amap.statements), 'statement')}, {plural(len(amap.relations), 'relation')})"
                console.print(Text(line, style="green"), soft_wrap=True)
    return bad


# ----------------------------------------------------------------------------------------------- show


@app.command()
def show(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The map file; - for standard input.", show_default=False)],
    lang: Annotated[str | None, typer.Option("--lang", "-l", help="Language of the texts, e.g. nl or en (default: the map's).")] = None,
    from_: FromOption = None,
    ids: Annotated[bool, typer.Option("--ids", help="Show statement and relation ids (for editing and queries).")] = False,
) -> None:
    """Print the map as an outline: the main claim, its support, objections, rebuttals and undercuts.

    + supports, − attacks, ✗ undercuts (attacks the inference above it), & premises that hold
    only together; evidence shows its type in brackets and a holder other than the author follows
    in parentheses. A statement shown before appears again by its title only, after ↑.
    """
    from argmap.cli._outline import outline

    with user_errors():
        amap = load_map(file)
        tree = outline(amap, lang=map_language(amap, lang), width=console.width, ids=ids)
    console.print(tree)


# ---------------------------------------------------------------------------------------------- query


class Question(enum.StrEnum):
    supporters = "supporters"
    attackers = "attackers"
    undercutters = "undercutters"
    evidence = "evidence"
    objections = "objections"
    unanswered = "unanswered"
    unsupported = "unsupported"
    chains = "chains"
    disconnected = "disconnected"
    focus = "focus"
    cycles = "cycles"
    search = "search"
    statistics = "statistics"


_NEEDS_ID = {"supporters", "attackers", "undercutters", "evidence", "objections", "chains", "focus", "search"}


def _answer(amap: ArgumentMap, question: str, arg: str | None, *, transitive: bool, k: int, max_length: int, lang: list[str] | None) -> Any:
    from argmap import query as q

    a = arg or ""
    if question == "supporters":
        return q.supporters(amap, a)
    if question == "attackers":
        return q.attackers(amap, a)
    if question == "undercutters":
        return q.undercutters(amap, a)
    if question == "evidence":
        return q.evidence_for(amap, a, transitive=transitive)
    if question == "objections":
        return q.objections(amap, a)
    if question == "unanswered":
        return q.unanswered_objections(amap)
    if question == "unsupported":
        return q.unsupported_claims(amap)
    if question == "chains":
        return q.chains_to_main(amap, a, max_length=max_length)
    if question == "disconnected":
        return q.disconnected(amap)
    if question == "focus":
        return q.focus(amap, a, k=k)
    if question == "cycles":
        return q.cycles(amap)
    if question == "search":
        return q.search(amap, a, languages=lang)
    return q.statistics(amap)


def _jsonable(value: Any) -> Any:
    from pydantic import BaseModel

    from argmap.formats import dump
    from argmap.model import ArgumentMap

    if isinstance(value, ArgumentMap):
        return json.loads(dump(value, "json"))
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def _print_ids(amap: ArgumentMap, ids: list[str], lang: str) -> None:
    from argmap.cli._outline import statement_label

    for sid in ids:
        console.print(statement_label(amap, amap.statement(sid), lang), soft_wrap=True)


def _print_answer(amap: ArgumentMap, question: str, answer: Any, lang: str) -> None:
    from rich.text import Text

    from argmap import query as q
    from argmap.cli._outline import statement_label
    from argmap.formats import dump
    from argmap.model import ArgumentMap

    if isinstance(answer, ArgumentMap):
        typer.echo(dump(answer, "yaml"), nl=False)
        return
    if isinstance(answer, q.MapStatistics):
        for name, value in answer.model_dump().items():
            console.print(Text(f"{name}: ", style="bold") + Text(str(value)), soft_wrap=True)
        return
    if not answer:
        console.print(Text("none", style="dim"))
        return
    for item in answer:
        if isinstance(item, str):
            _print_ids(amap, [item], lang)
        elif isinstance(item, q.Objection):
            state = f"answered by {', '.join(item.answered_by)} ({', '.join(item.answering_relations)})" if item.answered else "unanswered"
            line = Text(f"{item.relation}: ", style="dim") + statement_label(amap, amap.statement(item.statement), lang)
            line.append(f"  → {item.target}: {state}", style="green" if item.answered else "red")
            console.print(line, soft_wrap=True)
        elif isinstance(item, q.Chain):
            steps = Text(item.statements[0])
            for rel, sid in zip(item.relations, item.statements[1:], strict=True):
                steps.append(f" -{amap.relation(rel).type}({rel})-> ", style="dim")
                steps.append(sid)
            console.print(Text(f"{item.stance}: ", style="green" if item.stance == "pro" else "red") + steps, soft_wrap=True)
        elif isinstance(item, q.SearchHit):
            console.print(
                statement_label(amap, amap.statement(item.statement), lang) + Text(f"  [{', '.join(item.languages)}]", style="dim")
            )
        else:  # a cycle: a list of statement ids
            console.print(Text(" -> ".join([*item, item[0]])), soft_wrap=True)


@app.command()
def query(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The map file; - for standard input.", show_default=False)],
    question: Annotated[Question, typer.Argument(metavar="QUESTION", help="What to ask.", show_default=False)],
    arg: Annotated[
        str | None, typer.Argument(metavar="ID", help="The statement (or relation) id; for search, the text.", show_default=False)
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
    transitive: Annotated[bool, typer.Option("--transitive", "-t", help="evidence: follow chains of support.")] = False,
    k: Annotated[int, typer.Option("--k", "-k", min=0, max=100, help="focus: how many hops around ID.")] = 1,
    max_length: Annotated[int, typer.Option("--max-length", min=1, max=1000, help="chains: the most relations in one chain.")] = 12,
    lang: Annotated[
        str | None, typer.Option("--lang", "-l", help="Language of printed texts; for search, the only language searched.")
    ] = None,
    from_: FromOption = None,
) -> None:
    """Ask a question about a map.

    With an id: supporters, attackers, undercutters (of a relation), evidence [-t], objections, chains, focus [-k N].
    With a text: search [--lang L].
    Without: unanswered, unsupported, disconnected, cycles, statistics.
    """
    name = question.value
    if name in _NEEDS_ID and not arg:
        what = "the text to search for" if name == "search" else "an id"
        raise typer.BadParameter(f"'{name}' needs {what}", param_hint="ID")
    if name not in _NEEDS_ID and arg:
        raise typer.BadParameter(f"'{name}' takes no id (got '{arg}')", param_hint="ID")
    with user_errors():
        amap = load_map(file)
        language = map_language(amap, lang)
        only = [lang] if lang and name == "search" else None
        answer = _answer(amap, name, arg, transitive=transitive, k=k, max_length=max_length, lang=only)
        if as_json:
            typer.echo(json.dumps(_jsonable(answer), ensure_ascii=False, indent=2))
        else:
            _print_answer(amap, name, answer, language)


# --------------------------------------------------------------------------------------------- schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the native format (the model's long form), as ``argmap schema`` prints it."""
    from argmap.model import ArgumentMap

    schema = ArgumentMap.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


@app.command()
def schema() -> None:
    """Print the JSON Schema of argmap's native JSON/YAML format (the long form; short forms are argmap's own sugar)."""
    typer.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))
