"""Who am I: the owner the caller's API key acts as (keys themselves are made on the command line)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from ..deps import SettingsDep, WriterDep
from ..problems import problem_responses

__all__ = ["router"]

router = APIRouter(tags=["keys"])


class Me(BaseModel):
    """The owner your key acts as, and whether the server checks keys at all."""

    model_config = ConfigDict(frozen=True)
    owner: str
    auth: str


@router.get("/me", response_model=Me, responses=problem_responses(401), summary="Who your key acts as")
async def me(caller: WriterDep, settings: SettingsDep) -> Me:
    """Check a key: the owner it acts as (maps you create belong to this owner). 401 without a valid key."""
    assert caller.owner is not None
    return Me(owner=caller.owner, auth=settings.auth)
