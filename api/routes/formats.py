"""The formats resource: which map formats the service reads (create/replace) and writes (get)."""

from __future__ import annotations

from fastapi import APIRouter

from argmap.formats import formats

from ..schemas import FormatInfo

__all__ = ["router"]

router = APIRouter(tags=["formats"])


@router.get("/formats", response_model=list[FormatInfo], summary="The map formats")
def list_formats() -> list[FormatInfo]:
    """Every registered format, with the media types that pick it on create (Content-Type) and get (Accept)."""
    return [
        FormatInfo(
            name=f.name,
            description=f.description,
            suffixes=list(f.suffixes),
            media_types=list(f.media_types),
            can_read=f.can_read,
            can_write=f.can_write,
        )
        for f in formats()
    ]
