"""Health: a bare liveness answer (the benchmark's baseline) and a readiness check that asks the database."""

from __future__ import annotations

from fastapi import APIRouter, Response

from ..deps import StoreDep
from ..problems import problem_responses
from ..schemas import Health

__all__ = ["router"]

router = APIRouter(tags=["health"])


@router.get("/health/live", summary="Liveness: does nothing")
async def live() -> Response:
    """Answers at once, touching nothing (on the event loop, so no busy worker thread delays it): the latency floor."""
    return Response(b'{"status":"ok"}', media_type="application/json")


@router.get("/health", response_model=Health, responses=problem_responses(503), summary="Readiness: the database answers")
def health(store: StoreDep) -> Health:
    """``ok`` when the database answers a query; 503 when it does not."""
    from argmap import __version__

    from ..problems import ApiProblem

    try:
        store.ping()
    except Exception as exc:  # noqa: BLE001 - any database failure is "not ready"
        raise ApiProblem(503, f"the database does not answer: {type(exc).__name__}", slug="database-down") from None
    return Health(status="ok", database=store.dialect, version=__version__)
