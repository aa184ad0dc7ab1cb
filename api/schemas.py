"""HTTP shapes by direction: what requests carry in, what responses carry out (the map itself is argmap's model)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from argmap import ArgumentMap

__all__ = [
    "EXAMPLE_MAP",
    "EXAMPLE_MAP_YAML",
    "EditResult",
    "ExtensionAnswer",
    "FormatInfo",
    "Health",
    "MapList",
    "MapOut",
    "MapSettings",
    "MapSummary",
    "ProblemDetails",
    "ProblemItem",
    "TaskAnswer",
    "TaskExplanation",
]

_OUT = ConfigDict(frozen=True)

EXAMPLE_MAP: dict[str, Any] = {
    "title": "Pets",
    "language": "en",
    "main_claim": "c1",
    "metadata": {"tags": ["demo"]},
    "statements": [
        {"id": "c1", "claim": "Cats are good pets."},
        {"id": "e1", "evidence": "Most cats purr when stroked.", "evidence_type": "example"},
        {"id": "o1", "claim": "Cats scratch furniture.", "holder": "critics"},
    ],
    "relations": [{"support": "e1", "target": "c1"}, {"attack": "o1", "target": "c1"}],
}

EXAMPLE_MAP_YAML = """title: Pets
main_claim: c1
statements:
  - {id: c1, claim: Cats are good pets.}
  - {id: e1, evidence: Most cats purr when stroked., evidence_type: example}
  - {id: o1, claim: Cats scratch furniture., holder: critics}
relations:
  - {support: e1, target: c1}
  - {attack: o1, target: c1}
"""


class ProblemItem(BaseModel):
    """One problem with the input: what is wrong and where (a field path such as ``relations[3].target``)."""

    model_config = _OUT
    message: str
    path: str = ""
    line: int | None = None
    column: int | None = None


class ProblemDetails(BaseModel):
    """An RFC 9457 problem: every error answer has this shape, as ``application/problem+json``."""

    model_config = ConfigDict(
        frozen=True,
        json_schema_extra={
            "examples": [
                {
                    "type": "urn:argmap:problem:invalid-map",
                    "title": "Unprocessable content",
                    "status": 422,
                    "detail": "invalid argument map: 1 problem",
                    "instance": "/maps/4f1c2a9b3e7d/relations",
                    "errors": [{"message": "unknown statement 'c9'", "path": "relations[2].target"}],
                }
            ]
        },
    )
    type: str = Field("about:blank", description="A URI naming the kind of problem (urn:argmap:problem:<name>).")
    title: str = Field(description="The HTTP status in words.")
    status: int = Field(ge=100, le=599)
    detail: str = Field(description="What went wrong, for a human.")
    instance: str | None = Field(None, description="The request path.")
    errors: list[ProblemItem] | None = Field(None, description="For validation problems: each problem with its field path.")


class MapSummary(BaseModel):
    """A stored map without its content."""

    model_config = _OUT
    id: str = Field(description="The server's id of the stored map (not the map's own `id` field).", examples=["4f1c2a9b3e7d"])
    owner: str
    title: str | None
    tags: list[str] = Field(description="From the map's `metadata.tags`.")
    public: bool = Field(description="Anyone may read a public map; only its owner may change it.")
    version: int = Field(ge=1, description='Goes up by one with every change; the ETag is `"v<version>"`.')
    statements: int = Field(ge=0)
    created_at: dt.datetime
    updated_at: dt.datetime


class MapOut(MapSummary):
    """A stored map with its content."""

    map: ArgumentMap


class MapList(BaseModel):
    """One page of maps, newest first."""

    model_config = _OUT
    items: list[MapSummary]
    total: int = Field(ge=0, description="How many maps match in all.")
    limit: int
    offset: int


class MapSettings(BaseModel):
    """Change a stored map's settings: who may read it, and its main claim. Fields left out stay as they are."""

    # strict: the schema says boolean, so 0, 1 and "yes" are refused rather than read as false and true
    model_config = ConfigDict(extra="forbid", strict=True, json_schema_extra={"examples": [{"public": True}, {"main_claim": "c1"}]})
    public: bool | None = None
    main_claim: str | None = Field(None, max_length=128, description="A claim's id; null clears it.")


class EditResult(BaseModel):
    """The result of one edit: the map's new version and the item as stored (absent after a removal)."""

    model_config = _OUT
    map_id: str
    version: int
    item: dict[str, Any] | None = Field(None, description="The statement or relation as stored, in full form.")


class FormatInfo(BaseModel):
    """A map format the service can read (on create/replace) or write (on get)."""

    model_config = _OUT
    name: str
    description: str
    suffixes: list[str]
    media_types: list[str]
    can_read: bool
    can_write: bool


class Health(BaseModel):
    """The service is up; ``database`` says which store it uses and whether it answers."""

    model_config = _OUT
    status: Literal["ok", "degraded"]
    database: str
    version: str


class TaskExplanation(BaseModel):
    """Why the statement asked about has its label: the text, and the statements and relations it names."""

    model_config = _OUT

    statement: str
    label: Literal["IN", "OUT", "UNDEC"] | None = Field(None, description="Its sceptical label under the semantics.")
    text: str
    ids: list[str] = Field(description="The statements the text names.")
    relations: list[str] = Field(description="The relations the text names.")


class TaskAnswer(BaseModel):
    """A DC or DS question about a stored map, answered without enumerating the extensions it does not need."""

    model_config = _OUT

    semantics: str
    task: Literal["DC", "DS"] = Field(description="DC: is the statement in some extension? DS: in every one?")
    argument: str = Field(description="The statement asked about.")
    answer: bool
    explanation: TaskExplanation | None = Field(None, description="Why the statement has its label.")
    explanation_omitted: str | None = Field(None, description="Why there is no explanation, when there is none.")


class ExtensionAnswer(BaseModel):
    """SE: one extension of a stored map, or none (stable may have none), found with a single solver model."""

    model_config = _OUT

    semantics: str
    task: Literal["SE"] = "SE"
    exists: bool = Field(description="Whether the semantics has an extension here (stable may have none).")
    extension: list[str] | None = Field(None, description="The statements of one extension, when there is one.")
