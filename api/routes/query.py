"""Questions about one stored map, answered by ``argmap.query``: neighbours, objections, chains, focus, search."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, ConfigDict

from argmap import ArgumentMap, query
from argmap._index import fold

from ..access import readable, readable_fast
from ..deps import CallerDep, StoreDep
from ..problems import plain_pattern, problem_responses
from ..store import MapHead, MapRecord

__all__ = ["router"]

router = APIRouter(prefix="/maps/{map_id}/query", tags=["query"])

ERRORS = problem_responses(401, 404, 422)
StatementId = Annotated[str, Query(alias="id", max_length=128, description="A statement id.", examples=["c1"])]
Lang = Annotated[str | None, Query(max_length=20, description="The language of the texts in the answer (default: the map's).")]

# One character that no regex engine counts as white space. Not ``\S``: the engines disagree on it (Python's and
# Rust's, which validates the query, count U+0085 as space; ECMA's, which clients read the schema with, counts
# U+FEFF but not U+0085, and Python's str.split also splits at U+001C-U+001F), so the schema's promise and the check
# would part. Listing the characters keeps them one.
NOT_ONLY_SPACES = plain_pattern(
    "[^\t-\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]", "must hold a word, not only white space"
)


class StatementBrief(BaseModel):
    """A statement in short: its id, kind, who holds it and its text in one language."""

    model_config = ConfigDict(frozen=True)
    id: str
    kind: str
    holder: str
    text: str


class Statements(BaseModel):
    """Statements that answer a question, in map order; ``version`` is the map version asked."""

    model_config = ConfigDict(frozen=True)
    map_id: str
    version: int
    items: list[StatementBrief]


class Objections(BaseModel):
    model_config = ConfigDict(frozen=True)
    map_id: str
    version: int
    items: list[query.Objection]


class Chains(BaseModel):
    model_config = ConfigDict(frozen=True)
    map_id: str
    version: int
    items: list[query.Chain]


class SearchHits(BaseModel):
    model_config = ConfigDict(frozen=True)
    map_id: str
    version: int
    items: list[query.SearchHit]


def _statements(rec: MapHead | MapRecord, amap: ArgumentMap, ids: list[str], lang: str | None) -> Response:
    items = []
    for sid in ids:
        st = amap.statement(sid)
        items.append(
            StatementBrief(id=sid, kind=st.kind, holder=st.holder.label(), text=st.text_in(lang or amap.language, fallback=amap.language))
        )
    return _json(Statements(map_id=rec.id, version=rec.version, items=items))


def _json(model: BaseModel) -> Response:
    return Response(model.model_dump_json(), media_type="application/json")


@router.get("/supporters", response_model=Statements, responses=ERRORS, summary="What supports a statement")
async def supporters(map_id: str, statement_id: StatementId, store: StoreDep, caller: CallerDep, lang: Lang = None) -> Response:
    """The premises of the support relations that target the statement."""
    rec, amap = await readable_fast(store, map_id, caller)
    return _statements(rec, amap, query.supporters(amap, statement_id), lang)


@router.get("/attackers", response_model=Statements, responses=ERRORS, summary="What attacks a statement")
async def attackers(map_id: str, statement_id: StatementId, store: StoreDep, caller: CallerDep, lang: Lang = None) -> Response:
    """The premises of the attack relations (rebuttals) that target the statement."""
    rec, amap = await readable_fast(store, map_id, caller)
    return _statements(rec, amap, query.attackers(amap, statement_id), lang)


@router.get("/undercutters", response_model=Statements, responses=ERRORS, summary="What undercuts a relation")
async def undercutters(
    map_id: str,
    relation: Annotated[str, Query(max_length=128, description="A relation id.", examples=["r1"])],
    store: StoreDep,
    caller: CallerDep,
    lang: Lang = None,
) -> Response:
    """The statements that attack the inference of the relation."""
    rec, amap = await readable_fast(store, map_id, caller)
    return _statements(rec, amap, query.undercutters(amap, relation), lang)


@router.get("/evidence", response_model=Statements, responses=ERRORS, summary="The evidence for a statement")
async def evidence(
    map_id: str,
    statement_id: StatementId,
    store: StoreDep,
    caller: CallerDep,
    transitive: Annotated[bool, Query(description="Follow chains of support, not only direct premises.")] = False,
    lang: Lang = None,
) -> Response:
    """The evidence that supports the statement, directly or (``transitive``) through chains of support."""
    rec, amap = await readable_fast(store, map_id, caller)
    return _statements(rec, amap, query.evidence_for(amap, statement_id, transitive=transitive), lang)


@router.get("/objections", response_model=Objections, responses=ERRORS, summary="Objections, answered or not")
def objections(
    map_id: str,
    store: StoreDep,
    caller: CallerDep,
    statement_id: Annotated[
        str | None, Query(alias="id", max_length=128, description="Only objections to this statement (default: all).")
    ] = None,
    answered: Annotated[bool | None, Query(description="Only answered (true) or unanswered (false) objections.")] = None,
) -> Response:
    """The attacks on a statement (or on any statement), each with whether and by what it is answered."""
    rec, amap = readable(store, map_id, caller, with_tags=False)
    if statement_id is not None:
        found = query.objections(amap, statement_id)
    elif answered is False:
        found = query.unanswered_objections(amap)
    else:
        found = [o for st in amap.statements for o in query.objections(amap, st.id)]
    if answered is not None:
        found = [o for o in found if o.answered == answered]
    return _json(Objections(map_id=rec.id, version=rec.version, items=found))


@router.get("/unsupported", response_model=Statements, responses=ERRORS, summary="Claims with no support")
async def unsupported(map_id: str, store: StoreDep, caller: CallerDep, lang: Lang = None) -> Response:
    """The claims that no support relation targets."""
    rec, amap = await readable_fast(store, map_id, caller)
    return _statements(rec, amap, query.unsupported_claims(amap), lang)


@router.get("/disconnected", response_model=Statements, responses=ERRORS, summary="Statements cut off from the main claim")
def disconnected(map_id: str, store: StoreDep, caller: CallerDep, lang: Lang = None) -> Response:
    """The statements with no path of relations to the main claim."""
    rec, amap = readable(store, map_id, caller, with_tags=False)
    return _statements(rec, amap, query.disconnected(amap), lang)


@router.get("/chains", response_model=Chains, responses=ERRORS, summary="Chains from a statement to the main claim")
def chains(
    map_id: str,
    statement_id: StatementId,
    store: StoreDep,
    caller: CallerDep,
    max_length: Annotated[int, Query(ge=1, le=50, description="Longest chain, in relations.")] = 12,
    limit: Annotated[int, Query(ge=1, le=1000, description="Most chains returned.")] = 100,
) -> Response:
    """Every chain of relations from the statement up to the main claim, with its stance (pro or con)."""
    rec, amap = readable(store, map_id, caller, with_tags=False)
    found = query.chains_to_main(amap, statement_id, max_length=max_length, limit=limit)
    return _json(Chains(map_id=rec.id, version=rec.version, items=found))


@router.get("/focus", response_model=ArgumentMap, responses=ERRORS, summary="The neighbourhood of a statement")
def focus(
    map_id: str,
    statement_id: StatementId,
    store: StoreDep,
    caller: CallerDep,
    k: Annotated[int, Query(ge=0, le=20, description="How many relations away to reach.")] = 1,
) -> Response:
    """The part of the map within ``k`` relations of the statement, as a map of its own."""
    _, amap = readable(store, map_id, caller, with_tags=False)
    return Response(query.focus(amap, statement_id, k=k).model_dump_json(), media_type="application/json")


@router.get("/search", response_model=SearchHits, responses=ERRORS, summary="Search the statements' text")
def search(
    map_id: str,
    store: StoreDep,
    caller: CallerDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=500,
            pattern=NOT_ONLY_SPACES,
            description="Words that must all occur (case and accents ignored); not only spaces.",
            examples=["purr"],
        ),
    ],
    lang: Annotated[list[str] | None, Query(max_length=20, description="Only texts in these languages.")] = None,
) -> Response:
    """The statements whose text or title holds every word of ``q``."""
    rec, amap = readable(store, map_id, caller, with_tags=False)
    # a q of only marks (a lone accent) has no words once they are dropped: nothing to find
    items = query.search(amap, q, languages=lang or None) if fold(q).split() else []
    return _json(SearchHits(map_id=rec.id, version=rec.version, items=items))


@router.get("/statistics", response_model=query.MapStatistics, responses=ERRORS, summary="Counts over the map")
def statistics(map_id: str, store: StoreDep, caller: CallerDep) -> Any:
    """How many statements, relations, sources; by kind, type, holder, language and depth."""
    _, amap = readable(store, map_id, caller, with_tags=False)
    return query.statistics(amap)
