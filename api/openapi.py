"""The OpenAPI document: FastAPI's, made to say what the service does, for every route (present and future).

FastAPI's document lacks what the service adds around the routes; this module adds it from the routes
themselves, so a new router needs nothing of its own:

* the input schema of a map (``ArgumentMap-Input`` and its parts) for the bodies the routes read by hand;
* every error answer as ``application/problem+json`` with the ``ProblemDetails`` schema (FastAPI's
  ``HTTPValidationError`` is never sent), and the statuses each operation can give: 401 where a key is
  asked for, 429 where anonymous callers are rate-limited, 403/404 on a stored map, 412 with ``If-Match``,
  422 wherever there is input;
* optional authentication (``security: [{HTTPBearer: []}, {}]``) on the operations anonymous callers may use;
* links from each ``201 Created`` answer to the operations on what it created (``POST /maps`` to
  ``GET /maps/{map_id}`` and the rest), and from each answer with an ``ETag`` to the writes that take it
  in ``If-Match``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import iter_route_contexts

from argmap import ArgumentMap

from .deps import caller_dependency, writer_dependency
from .problems import PROBLEM_JSON, TITLES
from .schemas import ProblemDetails

__all__ = ["install_openapi"]

_PROBLEM = {"$ref": "#/components/schemas/ProblemDetails"}
_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


@dataclass(frozen=True)
class _Facts:
    """What a route's dependencies say about it: does it ask for a key, may anonymous callers use it."""

    writer: bool
    caller: bool


def _calls(dependant: Dependant) -> Iterator[Callable[..., Any]]:
    for dep in dependant.dependencies:
        if dep.call is not None:
            yield dep.call
        yield from _calls(dep)


def _facts(app: FastAPI) -> dict[tuple[str, str], _Facts]:
    facts = {}
    for route in iter_route_contexts(app.routes):  # included routers' routes too
        dependant = getattr(route, "dependant", None)
        if isinstance(dependant, Dependant) and route.path_format and route.methods:
            calls = set(_calls(dependant))
            fact = _Facts(writer=writer_dependency in calls, caller=caller_dependency in calls)
            for method in route.methods:
                facts[(route.path_format, method.lower())] = fact
    return facts


def _error(status: int) -> dict[str, Any]:
    return {"description": TITLES.get(status, "Error"), "content": {PROBLEM_JSON: {"schema": _PROBLEM}}}


def _statuses(path: str, op: dict[str, Any], fact: _Facts | None) -> set[int]:
    """The error statuses this operation can answer with, besides those the app gives every request (400, 408, 413, 503)."""
    out: set[int] = set()
    params = op.get("parameters", [])
    if params or "requestBody" in op:
        out.add(422)
    if any(p.get("in") == "path" for p in params):
        out.add(404)
    if "{map_id}" in path:
        out.add(409)  # the stored map's state refuses it (no main claim, a language it lacks, an edit it cannot take)
    if fact is not None and (fact.writer or fact.caller):
        out.add(401)  # a key that is not valid is refused even where none is needed
    if fact is not None and fact.caller and not fact.writer:
        out.add(429)  # anonymous callers are rate-limited
    if fact is not None and fact.writer and "{map_id}" in path:
        out.add(403)  # someone else's public map
    if any(p.get("in") == "header" and p.get("name", "").lower() == "if-match" for p in params):
        out.add(412)
    return out


def _not_null(param: dict[str, Any]) -> None:
    """A header, query or path value is a string or absent, never JSON null: drop FastAPI's ``{"type": "null"}`` branch.

    (A client that follows the schema would otherwise send the text ``null``.)
    """
    schema = param.get("schema", {})
    branches = schema.get("anyOf")
    if not branches:
        return
    kept = [b for b in branches if b != {"type": "null"}]
    if len(kept) == 1:
        del schema["anyOf"]
        schema.update({k: v for k, v in kept[0].items() if k not in schema})
    elif kept:
        schema["anyOf"] = kept


def _fix_operation(path: str, op: dict[str, Any], fact: _Facts | None) -> None:
    for param in op.get("parameters", []):
        _not_null(param)
    responses = op.setdefault("responses", {})
    for status in _statuses(path, op, fact):
        responses.setdefault(str(status), {})
    for code, response in responses.items():
        if code[0] in "45":
            description = response.get("description")
            response.clear()
            response.update(_error(int(code)))
            if description and description != "Validation Error":
                response["description"] = description
    # A request the HTTP server itself cannot parse (a request line or headers past its limits) never reaches the
    # app: uvicorn answers it with a plain-text 400.
    responses["400"]["content"]["text/plain"] = {"schema": {"type": "string"}}
    responses["400"]["description"] += "; as text/plain when the HTTP server cannot parse the request (too long a URL)"
    if fact is not None and fact.caller and not fact.writer and op.get("security"):
        op["security"] = [*op["security"], {}]  # a key is optional: without one, public maps only


def _success(op: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    for code in ("201", "200"):
        if code in op.get("responses", {}):
            return code, op["responses"][code]
    return None


def _body_schema(spec: dict[str, Any], response: dict[str, Any]) -> dict[str, Any]:
    schema = response.get("content", {}).get("application/json", {}).get("schema", {})
    ref = schema.get("$ref") or next((s["$ref"] for s in schema.get("anyOf", ()) if "$ref" in s), "")
    found: dict[str, Any] = spec["components"]["schemas"].get(ref.rsplit("/", 1)[-1], {}) if ref else {}
    return found


# Where an answer that holds a map gives the ids other operations take: its first statement, its first relation.
_IN_MAP = {
    "statement_id": "$response.body#/map/statements/0/id",
    "relation_id": "$response.body#/map/relations/0/id",
    "id": "$response.body#/map/statements/0/id",  # the queries' ?id= (a statement)
    "relation": "$response.body#/map/relations/0/id",  # ?relation= of undercutters
}


def _add_links(spec: dict[str, Any]) -> None:
    """Links from what creates a resource (201) to the operations on it, and from a read's ETag to the writes that take it."""
    operations = [(path, method, op) for path, item in spec["paths"].items() for method, op in item.items() if method in _METHODS]
    for path, method, op in operations:
        found = _success(op)
        if found is None:
            continue
        code, response = found
        props = _body_schema(spec, response).get("properties", {})
        links: dict[str, Any] = {}
        for other_path, other_method, other in operations:
            values: dict[str, str] = {}
            if method == "post" and code == "201" and other_path.startswith(path + "/{"):
                # POST /maps -> /maps/{map_id}...: the new resource's id is in the answer
                new = other_path[len(path) + 2 :].split("}", 1)[0]
                if "id" in props:
                    values[new] = "$response.body#/id"
                elif "item" in props:
                    values[new] = "$response.body#/item/id"
                else:
                    continue
            elif method == "get" and other_path == path and other_method in ("put", "patch", "delete") and {"map", "item"} & set(props):
                values["header.If-Match"] = "$response.header.ETag"  # a write based on what was read
            else:
                continue
            names = [p["name"] for p in other.get("parameters", []) if p.get("in") == "path"]
            if "map" in props:  # an answer holding a map names its statements and relations: the first of each
                values.update({n: _IN_MAP[n] for n in names if n in _IN_MAP and n not in values})
                values.update(
                    {
                        f"query.{p['name']}": _IN_MAP[p["name"]]
                        for p in other.get("parameters", [])
                        if p.get("in") == "query" and p["name"] in _IN_MAP
                    }
                )
            if any(n not in values and f"{{{n}}}" not in path for n in names):
                continue  # an id this answer does not give
            values.update({n: f"$request.path.{n}" for n in names if n not in values})
            links[other["operationId"]] = {"operationId": other["operationId"], "parameters": values}
        if links:
            response["links"] = links


_VERSIONED = {"MapOut", "MapSummary", "EditResult"}  # answers about one stored map's version: they carry its ETag


def _add_headers(spec: dict[str, Any]) -> None:
    """``ETag`` on every answer about one version of a stored map, ``Location`` on what a POST created."""
    etag = {"description": 'The map version\'s ETag ("v3"); send it back in If-Match.', "schema": {"type": "string"}}
    location = {"description": "The path of what was created.", "schema": {"type": "string"}}
    for item in spec["paths"].values():
        for method, op in item.items():
            if method not in _METHODS:
                continue
            for code, response in op.get("responses", {}).items():
                if not code.startswith("2"):
                    continue
                schema = response.get("content", {}).get("application/json", {}).get("schema", {})
                refs = [schema.get("$ref", "")] + [s.get("$ref", "") for s in schema.get("anyOf", ())]
                if any(r.rsplit("/", 1)[-1] in _VERSIONED for r in refs):
                    headers = response.setdefault("headers", {})
                    headers["ETag"] = etag
                    if code == "201" and method == "post":
                        headers["Location"] = location


def install_openapi(app: FastAPI) -> None:
    """Make ``app.openapi()`` say what the service does (see the module's docstring), once, when first asked."""
    default = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        spec = default()
        schema = ArgumentMap.model_json_schema(mode="validation", ref_template="#/components/schemas/{model}-Input")
        components = spec.setdefault("components", {}).setdefault("schemas", {})
        for name, part in schema.pop("$defs", {}).items():
            components[f"{name}-Input"] = part
        components["ArgumentMap-Input"] = schema
        components["ProblemDetails"] = ProblemDetails.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(components["ProblemDetails"].pop("$defs", {}))
        facts = _facts(app)
        for path, item in spec.get("paths", {}).items():
            for method, op in item.items():
                if method in _METHODS:
                    _fix_operation(path, op, facts.get((path, method)))
        for unused in ("HTTPValidationError", "ValidationError"):
            components.pop(unused, None)
        _add_links(spec)
        _add_headers(spec)
        app.openapi_schema = spec
        return spec

    app.openapi = openapi  # type: ignore[method-assign]
