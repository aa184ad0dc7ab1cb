"""Which statements of a stored map stand: ``argmap.semantics.evaluate`` over HTTP."""

from __future__ import annotations

import time
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from argmap import ArgumentMap, LimitExceededError
from argmap.semantics import Evaluation, evaluate

from ..access import readable
from ..deps import CallerDep, StoreDep
from ..problems import ApiProblem, problem_responses

__all__ = ["SemanticsName", "evaluate_bounded", "router"]

router = APIRouter(tags=["query"])

SemanticsName = Literal["grounded", "complete", "preferred", "stable", "semi-stable", "ideal", "dfquad", "qe"]
EVALUATION_TIMEOUT = 20.0


def evaluate_bounded(amap: ArgumentMap, semantics: str, *, limit: int = 100) -> Evaluation:
    """Evaluate under the service's time bound; running out of time is 503, too many extensions 422."""
    start = time.monotonic()
    try:
        return evaluate(amap, semantics, limit=limit, timeout=EVALUATION_TIMEOUT)
    except LimitExceededError:
        if time.monotonic() - start >= EVALUATION_TIMEOUT:
            raise ApiProblem(
                503, f"evaluating took longer than {EVALUATION_TIMEOUT:g} s and was stopped; try 'grounded'", slug="evaluation-timeout"
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
