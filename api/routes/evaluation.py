"""Which statements of a stored map stand: ``argmap.semantics.evaluate`` over HTTP."""

from __future__ import annotations

import time
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from argmap import ArgumentMap, LimitExceededError
from argmap._types import LANGUAGE_PATTERN
from argmap.semantics import Evaluation, evaluate, explain

from ..access import readable
from ..deps import CallerDep, StoreDep
from ..problems import ApiProblem, problem_responses, require_language
from ..schemas import ExtensionAnswer, TaskAnswer, TaskExplanation

__all__ = ["DungName", "SemanticsName", "evaluate_bounded", "router"]

router = APIRouter(tags=["query"])

SemanticsName = Literal["grounded", "complete", "preferred", "stable", "semi-stable", "ideal", "dfquad", "qe"]
DungName = Literal["grounded", "complete", "preferred", "stable", "semi-stable", "ideal"]
EVALUATION_TIMEOUT = 20.0
EXPLAINED = 2_000  # statements: larger maps get the answer without the explanation (it evaluates the whole map)
EXPLAINED_EXTENSIONS = 100  # the explanation lists the extensions (the answer does not): at most this many


def evaluate_bounded(
    amap: ArgumentMap, semantics: str, *, limit: int = 100, task: str | None = None, argument: str | None = None
) -> Evaluation:
    """Evaluate (or answer one task) under the service's time bound; running out of time is 503, too many
    extensions 422."""
    start = time.monotonic()
    try:
        return evaluate(amap, semantics, limit=limit, timeout=EVALUATION_TIMEOUT, task=task, argument=argument)
    except LimitExceededError:
        if time.monotonic() - start >= EVALUATION_TIMEOUT:
            advice = "" if task else "; try 'grounded'"
            raise ApiProblem(
                503, f"evaluating took longer than {EVALUATION_TIMEOUT:g} s and was stopped{advice}", slug="evaluation-timeout"
            ) from None
        raise


@router.get(
    "/maps/{map_id}/evaluation",
    response_model=Evaluation,
    responses=problem_responses(401, 404, 422, 503),
    summary="Which statements stand",
)
def evaluation(
    map_id: str,
    store: StoreDep,
    caller: CallerDep,
    semantics: Annotated[
        SemanticsName, Query(description="A Dung semantics (labels IN/OUT/UNDEC) or a gradual one (strengths).")
    ] = "grounded",
    limit: Annotated[int, Query(ge=1, le=1000, description="Most extensions to enumerate.")] = 100,
) -> Response:
    """Labels (IN, OUT, UNDEC) or strengths per statement under the chosen semantics."""
    _, amap = readable(store, map_id, caller, with_tags=False)
    return Response(evaluate_bounded(amap, semantics, limit=limit).model_dump_json(exclude_none=True), media_type="application/json")


@router.get(
    "/maps/{map_id}/evaluation/SE",
    response_model=ExtensionAnswer,
    response_model_exclude_none=True,
    responses=problem_responses(401, 404, 422, 503),
    summary="One extension (SE)",
)
def evaluation_extension(
    map_id: str,
    store: StoreDep,
    caller: CallerDep,
    semantics: Annotated[DungName, Query(description="A Dung semantics.")] = "preferred",
) -> ExtensionAnswer:
    """One extension of the map under `semantics`, from a single solver model (preferred and semi-stable: grown
    to a maximal one), without enumerating the others; `exists` is false when there is none (stable only)."""
    _, amap = readable(store, map_id, caller, with_tags=False)
    found = evaluate_bounded(amap, semantics, task="SE").extensions or []
    return ExtensionAnswer(semantics=semantics, exists=bool(found), extension=found[0] if found else None)


@router.get(
    "/maps/{map_id}/evaluation/{task}",
    response_model=TaskAnswer,
    response_model_exclude_none=True,
    responses=problem_responses(401, 404, 409, 422, 503),
    summary="One question: is a statement in some (DC) or every (DS) extension",
)
def evaluation_task(
    map_id: str,
    task: Literal["DC", "DS"],
    store: StoreDep,
    caller: CallerDep,
    argument: Annotated[str, Query(min_length=1, max_length=200, description="The id of the statement asked about.")],
    semantics: Annotated[DungName, Query(description="A Dung semantics.")] = "preferred",
    lang: Annotated[str | None, Query(max_length=20, pattern=LANGUAGE_PATTERN, description="The language of the explanation.")] = None,
) -> TaskAnswer:
    """DC (is `argument` in some extension?) or DS (in every one?), answered without listing the extensions it
    does not need, with the explanation of the statement's label. The explanation does list them (at most 100)
    and shares the answer's time bound; where it cannot be given, `explanation_omitted` says why."""
    _, amap = readable(store, map_id, caller, with_tags=False)
    if not amap.has_statement(argument):
        raise ApiProblem(404, f"unknown statement {argument!r}", slug="unknown-id")  # as the queries' ?id= has it
    require_language(amap, lang)
    started = time.monotonic()
    asked = evaluate_bounded(amap, semantics, task=task, argument=argument)
    explanation, omitted = None, None
    left = EVALUATION_TIMEOUT - (time.monotonic() - started)  # the answer and its explanation share one time bound
    if len(amap.statements) > EXPLAINED:
        omitted = f"the map has more than {EXPLAINED:,} statements; the explanation evaluates it whole"
    elif left <= 0.1:
        omitted = f"the answer took most of the {EVALUATION_TIMEOUT:g} s allowed; no time was left to explain it"
    else:
        try:
            why = explain(amap, argument, semantics, lang=lang, timeout=left, limit=EXPLAINED_EXTENSIONS)
            explanation = TaskExplanation(statement=why.statement, label=why.label, text=why.text, ids=why.ids, relations=why.relations)
        except LimitExceededError as exc:
            omitted = (
                f"the explanation lists the {semantics} extensions, and this map has more than {EXPLAINED_EXTENSIONS}"
                if "extensions" in str(exc)
                else f"the explanation did not finish within the {EVALUATION_TIMEOUT:g} s allowed"
            )
    assert asked.answer is not None
    return TaskAnswer(
        semantics=semantics, task=task, argument=argument, answer=asked.answer, explanation=explanation, explanation_omitted=omitted
    )
