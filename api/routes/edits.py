"""Single-statement and single-relation edits (add, get, change, remove), each one new version of the map.

Each edit is an ``argmap.edit`` function applied to the current map; the result is validated by the
model, so an edit that would break an invariant is refused (422, the model's message and field path)
and changes nothing. A refused edit on the map's state (e.g. removing a statement a relation uses
without ``cascade``) is 409.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Query, Response

from argmap import (
    ArgmapError,
    ArgumentMap,
    add_relation,
    add_statement,
    remove_relation,
    remove_statement,
    update_relation,
    update_statement,
)

from ..access import IfMatch, etag, expected_version, readable, writable
from ..bodies import check_limits
from ..deps import Caller, CallerDep, SettingsDep, StoreDep, WriterDep
from ..problems import ApiProblem, problem_responses
from ..schemas import EditResult, ProblemItem
from ..settings import Settings
from ..store import MapRecord, StaleVersionError, Store

__all__ = ["router"]

router = APIRouter(prefix="/maps/{map_id}", tags=["edits"])

Cascade = Annotated[bool, Query(description="Also remove (or trim) the relations that use it.")]
EDIT_ERRORS = problem_responses(401, 403, 404, 409, 412, 413, 422)
RETRIES = 50

STATEMENT_EXAMPLES = {
    "claim": {"summary": "A claim (short form)", "value": {"id": "c2", "claim": "Dogs are good pets too."}},
    "evidence": {
        "summary": "Evidence, full form",
        "value": {"id": "e2", "kind": "evidence", "evidence_type": "statistic", "text": {"en": "38% of households own a dog."}},
    },
}
STATEMENT_CHANGE_EXAMPLES = {
    "text": {"summary": "New text", "value": {"text": {"en": "Cats are excellent pets."}}},
    "tags": {"summary": "Tags", "value": {"tags": ["pets"]}},
}
RELATION_EXAMPLES = {
    "support": {"summary": "A support (short form)", "value": {"id": "r9", "support": ["e1"], "target": "c1"}},
    "undercut": {"summary": "An undercut of relation r1", "value": {"type": "undercut", "premises": ["o1"], "target": "r1"}},
}
RELATION_CHANGE_EXAMPLES = {"strength": {"summary": "Strength and scheme", "value": {"strength": 0.8, "scheme": "Argument from Example"}}}


def apply_edit(
    store: Store, settings: Settings, caller: Caller, map_id: str, if_match: str | None, edit: Callable[[ArgumentMap], ArgumentMap]
) -> tuple[MapRecord, ArgumentMap]:
    """Apply ``edit`` to the current map and store the result as one new version.

    With ``If-Match`` a concurrent write makes this 412; without, the edit is re-applied to the
    newer map (it is a function of the map, so nothing another writer did is lost), after a short
    random back-off so that colliding writers spread out.
    """
    for attempt in range(RETRIES):
        if attempt:
            time.sleep(random.uniform(0, min(0.05, 0.002 * 2**attempt)))  # noqa: S311 - jitter, not secrecy
        rec, amap = writable(store, map_id, caller)
        expected = expected_version(if_match, rec.version)
        try:
            new = edit(amap)
        except ArgmapError as exc:
            if type(exc) is ArgmapError:  # the edit functions' plain errors are about the map's state
                raise ApiProblem(409, str(exc), slug="edit-conflict") from None
            raise
        check_limits(new, settings)
        try:
            return store.replace_map(map_id, new, expected=expected if expected is not None else rec.version), new
        except StaleVersionError:
            if if_match is not None:
                raise
    raise ApiProblem(503, "the map is being changed by many writers at once; try again", slug="busy", headers={"Retry-After": "1"})


def _answer(rec: MapRecord, item: dict[str, Any] | None, status: int = 200, location: str | None = None) -> Response:
    headers = {"ETag": etag(rec.version)}
    if location:
        headers["Location"] = location
    body = EditResult(map_id=rec.id, version=rec.version, item=item)
    return Response(body.model_dump_json(), status_code=status, media_type="application/json", headers=headers)


def _changes(changes: dict[str, Any], item_id: str, what: str) -> dict[str, Any]:
    """The fields to change, with ``id`` checked (it cannot change) and names the edit functions reserve refused."""
    changes = dict(changes)
    if changes.pop("id", item_id) != item_id:
        raise ApiProblem(409, f"{what} '{item_id}': the id cannot be changed; add a new {what} instead", slug="edit-conflict")
    if "amap" in changes:
        raise ApiProblem(
            422, f"{what}s have no field 'amap'", slug="invalid-map", errors=[ProblemItem(message="unknown field", path="amap")]
        )
    return changes


def _dump_statement(amap: ArgumentMap, sid: str) -> dict[str, Any]:
    return amap.statement(sid).model_dump(mode="json")


def _dump_relation(amap: ArgumentMap, rid: str) -> dict[str, Any]:
    return amap.relation(rid).model_dump(mode="json")


def _apply_add(
    store: Store,
    settings: Settings,
    caller: Caller,
    map_id: str,
    if_match: str | None,
    add: Callable[[ArgumentMap], ArgumentMap],
    field: Literal["statements", "relations"],
) -> tuple[MapRecord, ArgumentMap, str]:
    """Apply an edit that adds one item, and say the id it got (a relation's id may be made by the edit)."""
    before: list[ArgumentMap] = []

    def edit(m: ArgumentMap) -> ArgumentMap:
        before[:] = [m]  # the map the edit was finally applied to (it may be retried on a newer one)
        return add(m)

    rec, new = apply_edit(store, settings, caller, map_id, if_match, edit)
    old_ids = {x.id for x in getattr(before[0], field)}
    return rec, new, str(next(x.id for x in getattr(new, field) if x.id not in old_ids))


# ---------------------------------------------------------------------------------------- statements


@router.post("/statements", status_code=201, response_model=EditResult, responses=EDIT_ERRORS, summary="Add a statement")
def post_statement(
    map_id: str,
    statement: Annotated[dict[str, Any], Body(openapi_examples=STATEMENT_EXAMPLES)],
    store: StoreDep,
    settings: SettingsDep,
    caller: WriterDep,
    if_match: IfMatch = None,
) -> Response:
    """Add a claim or evidence (short forms allowed: ``{"id": "c2", "claim": "..."}``; a bare text is in the map's language)."""
    rec, new, sid = _apply_add(store, settings, caller, map_id, if_match, lambda m: add_statement(m, statement), "statements")
    return _answer(rec, _dump_statement(new, sid), 201, f"/maps/{map_id}/statements/{sid}")


@router.get("/statements/{statement_id}", response_model=EditResult, responses=problem_responses(401, 404), summary="Get a statement")
def get_statement(map_id: str, statement_id: str, store: StoreDep, caller: CallerDep) -> Response:
    """One statement in full form."""
    rec, amap = readable(store, map_id, caller)
    return _answer(rec, _dump_statement(amap, statement_id))


@router.patch("/statements/{statement_id}", response_model=EditResult, responses=EDIT_ERRORS, summary="Change a statement")
def patch_statement(
    map_id: str,
    statement_id: str,
    changes: Annotated[dict[str, Any], Body(openapi_examples=STATEMENT_CHANGE_EXAMPLES)],
    store: StoreDep,
    settings: SettingsDep,
    caller: WriterDep,
    if_match: IfMatch = None,
) -> Response:
    """Change some fields of a statement (``text``, ``tags``, ``holder``, ``kind``...); its id cannot change."""
    rec, new = apply_edit(
        store,
        settings,
        caller,
        map_id,
        if_match,
        lambda m: update_statement(m, statement_id, **_changes(changes, statement_id, "statement")),
    )
    return _answer(rec, _dump_statement(new, statement_id))


@router.delete("/statements/{statement_id}", response_model=EditResult, responses=EDIT_ERRORS, summary="Remove a statement")
def delete_statement(
    map_id: str,
    statement_id: str,
    store: StoreDep,
    settings: SettingsDep,
    caller: WriterDep,
    cascade: Cascade = False,
    if_match: IfMatch = None,
) -> Response:
    """Remove a statement; 409 while relations use it, unless ``cascade=true``."""
    rec, _ = apply_edit(store, settings, caller, map_id, if_match, lambda m: remove_statement(m, statement_id, cascade=cascade))
    return _answer(rec, None)


# ----------------------------------------------------------------------------------------- relations


@router.post("/relations", status_code=201, response_model=EditResult, responses=EDIT_ERRORS, summary="Add a relation")
def post_relation(
    map_id: str,
    relation: Annotated[dict[str, Any], Body(openapi_examples=RELATION_EXAMPLES)],
    store: StoreDep,
    settings: SettingsDep,
    caller: WriterDep,
    if_match: IfMatch = None,
) -> Response:
    """Add a support, attack, undercut, rephrase or preference (short forms allowed; an id is made when missing)."""
    rec, new, rid = _apply_add(store, settings, caller, map_id, if_match, lambda m: add_relation(m, relation), "relations")
    return _answer(rec, _dump_relation(new, rid), 201, f"/maps/{map_id}/relations/{rid}")


@router.get("/relations/{relation_id}", response_model=EditResult, responses=problem_responses(401, 404), summary="Get a relation")
def get_relation(map_id: str, relation_id: str, store: StoreDep, caller: CallerDep) -> Response:
    """One relation in full form."""
    rec, amap = readable(store, map_id, caller)
    return _answer(rec, _dump_relation(amap, relation_id))


@router.patch("/relations/{relation_id}", response_model=EditResult, responses=EDIT_ERRORS, summary="Change a relation")
def patch_relation(
    map_id: str,
    relation_id: str,
    changes: Annotated[dict[str, Any], Body(openapi_examples=RELATION_CHANGE_EXAMPLES)],
    store: StoreDep,
    settings: SettingsDep,
    caller: WriterDep,
    if_match: IfMatch = None,
) -> Response:
    """Change some fields of a relation (``premises``, ``target``, ``strength``, ``scheme``...); its id cannot change."""
    rec, new = apply_edit(
        store, settings, caller, map_id, if_match, lambda m: update_relation(m, relation_id, **_changes(changes, relation_id, "relation"))
    )
    return _answer(rec, _dump_relation(new, relation_id))


@router.delete("/relations/{relation_id}", response_model=EditResult, responses=EDIT_ERRORS, summary="Remove a relation")
def delete_relation(
    map_id: str,
    relation_id: str,
    store: StoreDep,
    settings: SettingsDep,
    caller: WriterDep,
    cascade: Cascade = False,
    if_match: IfMatch = None,
) -> Response:
    """Remove a relation; 409 while undercuts target it, unless ``cascade=true``."""
    rec, _ = apply_edit(store, settings, caller, map_id, if_match, lambda m: remove_relation(m, relation_id, cascade=cascade))
    return _answer(rec, None)
