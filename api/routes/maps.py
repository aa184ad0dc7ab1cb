"""The maps resource: list, create, get (as JSON or exported), replace, change settings, delete."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, Query, Request, Response

from argmap import ArgumentMap, set_main_claim
from argmap.formats import formats

from ..access import IfMatch, etag, expected_version, not_modified, readable, readable_json, writable
from ..bodies import MAP_BODY_OPENAPI, export_format, export_map, format_names, parse_map, read_body
from ..deps import CallerDep, SettingsDep, StoreDep, WriterDep
from ..problems import ApiProblem, problem_responses
from ..schemas import MapList, MapOut, MapSettings, MapSummary
from ..store import MapRecord, StaleVersionError

__all__ = ["router"]

router = APIRouter(prefix="/maps", tags=["maps"])


def _format_param(*, reading: bool) -> Any:
    return Query(
        alias="format",
        max_length=40,
        description=(
            "Name the format (see GET /formats) instead of using Content-Type."
            if reading
            else "Name the format to export in (see GET /formats) instead of using Accept."
        ),
        examples=["yaml"],
        json_schema_extra={"enum": format_names(reading=reading)},
    )


def _export_media_types() -> list[str]:
    """The media type each writable format is exported as (``text/plain`` for one without its own), as in ``get_map``."""
    return sorted({(f.media_types[0] if f.media_types else "text/plain") for f in formats() if f.can_write and f.name != "json"})


ReadFormatParam = Annotated[str | None, _format_param(reading=True)]
WriteFormatParam = Annotated[str | None, _format_param(reading=False)]
IfNoneMatch = Annotated[str | None, Header(description="An ETag you hold: 304 when the map is still at it.")]
Body_ = Annotated[bytes, Depends(read_body)]


def summary(rec: MapRecord) -> MapSummary:
    return MapSummary(
        id=rec.id,
        owner=rec.owner,
        title=rec.title,
        tags=list(rec.tags or ()),
        public=rec.public,
        version=rec.version,
        statements=rec.statements,
        created_at=rec.created_at,
        updated_at=rec.updated_at,
    )


def map_out(rec: MapRecord, amap: ArgumentMap) -> MapOut:
    return MapOut(**summary(rec).model_dump(), map=amap)


def _json(model: MapOut | MapSummary, rec: MapRecord, status: int = 200, location: bool = False) -> Response:
    headers = {"ETag": etag(rec.version)}
    if location:
        headers["Location"] = f"/maps/{rec.id}"
    return Response(model.model_dump_json(), status_code=status, media_type="application/json", headers=headers)


@router.get("", response_model=MapList, responses=problem_responses(401, 422), summary="List the maps you may read")
def list_maps(
    store: StoreDep,
    caller: CallerDep,
    settings: SettingsDep,
    title: Annotated[str | None, Query(max_length=200, description="Only maps whose title contains this (any case).")] = None,
    tag: Annotated[str | None, Query(max_length=100, description="Only maps with this tag (in `metadata.tags`).")] = None,
    mine: Annotated[bool, Query(description="Only your own maps, not others' public ones.")] = False,
    limit: Annotated[int, Query(ge=1, le=1000, description="Page size (capped by the server's page_size_max).")] = 20,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> MapList:
    """Your own maps and everyone's public maps, newest first, one page at a time."""
    limit = min(limit, settings.page_size_max)
    records, total = store.list_maps(viewer=caller.owner, title=title, tag=tag, mine=mine, limit=limit, offset=offset)
    return MapList(items=[summary(r) for r in records], total=total, limit=limit, offset=offset)


@router.post(
    "",
    status_code=201,
    response_model=MapOut,
    responses=problem_responses(401, 413, 415, 422),
    openapi_extra=MAP_BODY_OPENAPI,
    summary="Store a new map",
)
def create_map(
    request: Request,
    body: Body_,
    store: StoreDep,
    caller: WriterDep,
    settings: SettingsDep,
    format_name: ReadFormatParam = None,
    public: Annotated[bool, Query(description="Let anyone read it (only you may change it).")] = False,
) -> Response:
    """Validate and store a map; it is yours, private unless ``public=true``. Answers with its id, ``Location`` and ``ETag``."""
    amap = parse_map(body, request.headers.get("content-type"), format_name, settings)
    assert caller.owner is not None
    rec = store.create_map(caller.owner, amap, public=public)
    return _json(map_out(rec, amap), rec, 201, location=True)


@router.get(
    "/{map_id}",
    responses={
        **problem_responses(401, 404, 406, 422),
        200: {
            "description": "The map with its stored details; with ?format=json, the map alone.",
            "content": {
                "application/json": {
                    "schema": {"anyOf": [{"$ref": "#/components/schemas/MapOut"}, {"$ref": "#/components/schemas/ArgumentMap"}]}
                },
                **{
                    media: {"schema": {"type": "object" if media.endswith(("json", "yaml")) else "string"}}
                    for media in _export_media_types()
                },
            },
        },
        304: {"description": "Not modified: your copy (If-None-Match) is current."},
    },
    summary="Get a map, as JSON or exported",
)
def get_map(
    map_id: str,
    store: StoreDep,
    caller: CallerDep,
    format_name: WriteFormatParam = None,
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """The map with its stored details; or, with ``?format=`` or an ``Accept`` media type, the map alone in that format.

    The JSON answer holds the map as it was stored (validated when written): it is neither parsed nor dumped again.
    """
    fmt = export_format(format_name, accept)
    if fmt is None:
        rec, body = readable_json(store, map_id, caller)
        if not_modified(if_none_match, etag(rec.version)):
            return Response(status_code=304, headers={"ETag": etag(rec.version)})
        head = summary(rec).model_dump_json()  # the same fields as MapOut, in its order, with "map" last
        return Response(f'{head[:-1]},"map":{body}}}', media_type="application/json", headers={"ETag": etag(rec.version)})
    rec, amap = readable(store, map_id, caller)
    tag = etag(rec.version, fmt.name)
    if not_modified(if_none_match, tag):
        return Response(status_code=304, headers={"ETag": tag})
    media = fmt.media_types[0] if fmt.media_types else "text/plain"
    return Response(export_map(amap, fmt), media_type=f"{media}; charset=utf-8", headers={"ETag": tag})


@router.put(
    "/{map_id}",
    response_model=MapOut,
    responses=problem_responses(401, 403, 404, 412, 413, 415, 422),
    openapi_extra=MAP_BODY_OPENAPI,
    summary="Replace a map",
)
def replace_map(
    map_id: str,
    request: Request,
    body: Body_,
    store: StoreDep,
    caller: WriterDep,
    settings: SettingsDep,
    format_name: ReadFormatParam = None,
    if_match: IfMatch = None,
) -> Response:
    """Replace the map's content (one new version). With ``If-Match`` the write is refused (412) if someone wrote first."""
    rec, _ = writable(store, map_id, caller)
    # the request itself first (?format=, the body): a malformed request is a 4xx of its own, whatever If-Match says
    amap = parse_map(body, request.headers.get("content-type"), format_name, settings)
    expected = expected_version(if_match, rec.version)
    for _ in range(10):
        try:
            new = store.replace_map(map_id, amap, expected=expected if expected is not None else rec.version)
            return _json(map_out(new, amap), new)
        except StaleVersionError:
            if if_match is not None:
                raise
            rec, _ = writable(store, map_id, caller)  # no If-Match: replace whatever is there now
    raise ApiProblem(503, "the map is being changed by many writers at once; try again", slug="busy", headers={"Retry-After": "1"})


@router.patch(
    "/{map_id}",
    response_model=MapSummary,
    responses=problem_responses(401, 403, 404, 409, 412, 422),
    summary="Change a map's settings",
)
def patch_map(
    map_id: str,
    changes: Annotated[
        MapSettings,
        Body(
            openapi_examples={
                "share": {"summary": "Make it public", "value": {"public": True}},
                "main": {"summary": "Set the main claim", "value": {"main_claim": "c1"}},
            }
        ),
    ],
    store: StoreDep,
    caller: WriterDep,
    if_match: IfMatch = None,
) -> Response:
    """Make the map public or private, or set its main claim (null clears it)."""
    for _ in range(10):
        rec, amap = writable(store, map_id, caller)
        expected = expected_version(if_match, rec.version)
        version = expected if expected is not None else rec.version
        try:
            if "main_claim" in changes.model_fields_set:
                rec = store.replace_map(map_id, set_main_claim(amap, changes.main_claim), expected=version, public=changes.public)
            elif changes.public is not None:
                rec = store.set_public(map_id, changes.public, expected=version)
            return _json(summary(rec), rec)
        except StaleVersionError:
            if if_match is not None:
                raise
    raise StaleVersionError(map_id, -1, -1)  # pragma: no cover - ten writers in a row beat this one


@router.delete("/{map_id}", status_code=204, responses=problem_responses(401, 403, 404, 412), summary="Delete a map")
def delete_map(map_id: str, store: StoreDep, caller: WriterDep, if_match: IfMatch = None) -> Response:
    """Delete the map for good (with ``If-Match``, only if unchanged since you read it)."""
    rec, _ = writable(store, map_id, caller)
    expected = expected_version(if_match, rec.version)
    store.delete_map(map_id, expected=expected)
    return Response(status_code=204)
