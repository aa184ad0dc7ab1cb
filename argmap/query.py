"""Read-only questions about a map: who supports or attacks what, objections, chains, focus, search, statistics.

Every function takes the map first and answers from an index built once per map (see
``argmap._index``), so each call is linear in the size of the map or better. The path questions
(:func:`chains_to_main`, :func:`disconnected`, :func:`focus`, :func:`cycles`) live in
:mod:`argmap.paths` and are re-exported here. An id that names no
statement (or relation) raises :class:`~argmap.errors.NotFoundError` naming it. Structured
answers are small frozen pydantic models, the same shapes the REST API returns.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field

from argmap._index import fold, folded_texts, index_of
from argmap.errors import ArgmapError
from argmap.model import ArgumentMap, Evidence
from argmap.paths import Chain, chains_to_main, cycles, disconnected, focus

__all__ = [
    "Chain",
    "MapStatistics",
    "Objection",
    "SearchHit",
    "attackers",
    "chains_to_main",
    "cycles",
    "disconnected",
    "evidence_for",
    "focus",
    "objections",
    "search",
    "statistics",
    "supporters",
    "unanswered_objections",
    "undercutters",
    "unsupported_claims",
]

_RESULT = ConfigDict(frozen=True, extra="forbid")


class Objection(BaseModel):
    """An attack on a statement, and whether it has been answered.

    ``statement`` is the (first) attacking statement, ``premises`` all of them (a linked attack has
    several). The objection is *answered* when an attacking statement is itself attacked, or the
    attack is undercut; ``answered_by`` lists the answering statements, ``answering_relations``
    the relations that carry the answers.
    """

    model_config = _RESULT

    relation: str
    target: str
    statement: str
    premises: tuple[str, ...]
    answered: bool
    answered_by: tuple[str, ...] = ()
    answering_relations: tuple[str, ...] = ()


class SearchHit(BaseModel):
    """A statement that matched a search, the languages it matched in, and its text in the first of them."""

    model_config = _RESULT

    statement: str
    languages: tuple[str, ...]
    text: str


class MapStatistics(BaseModel):
    """Counts over a whole map. ``by_depth`` counts statements by their distance (in relations) from the main claim."""

    model_config = _RESULT

    statements: int
    relations: int
    sources: int
    anchors: int
    by_kind: dict[str, int] = Field(description="Statements by kind: claim, evidence.")
    by_evidence_type: dict[str, int]
    by_relation_type: dict[str, int]
    by_holder: dict[str, int] = Field(description="Statements by who holds them: 'author', a group or a person.")
    by_language: dict[str, int] = Field(description="Statements with text in each language.")
    linked_arguments: int = Field(description="Relations with more than one premise.")
    max_depth: int | None = Field(description="The largest depth below the main claim; None without a main claim.")
    by_depth: dict[int, int]
    disconnected: int = Field(description="Statements not connected to the main claim (0 without one).")


# ------------------------------------------------------------------------------------------ neighbours


def _premises_of(amap: ArgumentMap, target: str, rtype: str) -> list[str]:
    idx = index_of(amap)
    seen: dict[str, None] = {}
    for rel in idx.into.get(target, ()):
        if rel.type == rtype:
            seen.update(dict.fromkeys(p for p in rel.premises if p in idx.statements))
    return list(seen)


def supporters(amap: ArgumentMap, id: str) -> list[str]:  # noqa: A002
    """The statements that support statement ``id`` (premises of support relations targeting it), in map order.

    Examples
    --------
    >>> import argmap
    >>> from argmap.query import supporters
    >>> m = argmap.ArgumentMap.model_validate({"statements": [{"id": "c", "claim": "C"}, {"id": "a", "claim": "A"},
    ...     {"id": "b", "claim": "B"}], "relations": [{"support": ["a", "b"], "target": "c"}]})
    >>> supporters(m, "c")
    ['a', 'b']
    """
    amap.statement(id)
    return _premises_of(amap, id, "support")


def attackers(amap: ArgumentMap, id: str) -> list[str]:  # noqa: A002
    """The statements that attack (rebut) statement ``id``.

    Examples
    --------
    >>> import argmap
    >>> from argmap.query import attackers
    >>> m = argmap.ArgumentMap.model_validate({"statements": [{"id": "c", "claim": "C"}, {"id": "o", "claim": "O"}],
    ...     "relations": [{"attack": "o", "target": "c"}]})
    >>> attackers(m, "c"), attackers(m, "o")
    (['o'], [])
    """
    amap.statement(id)
    return _premises_of(amap, id, "attack")


def undercutters(amap: ArgumentMap, relation_id: str) -> list[str]:
    """The statements that undercut relation ``relation_id`` (attack its inference, not its conclusion).

    Examples
    --------
    >>> import argmap
    >>> from argmap.query import undercutters
    >>> m = argmap.ArgumentMap.model_validate({"statements": [{"id": "c", "claim": "C"}, {"id": "e", "claim": "E"},
    ...     {"id": "u", "claim": "U"}], "relations": [{"id": "r1", "support": "e", "target": "c"},
    ...     {"undercut": "u", "target": "r1"}]})
    >>> undercutters(m, "r1")
    ['u']
    """
    amap.relation(relation_id)
    return _premises_of(amap, relation_id, "undercut")


def evidence_for(amap: ArgumentMap, id: str, *, transitive: bool = False) -> list[str]:  # noqa: A002
    """The evidence that supports statement ``id``: directly, or (``transitive``) through chains of support.

    Transitive search follows support relations backwards from ``id`` through every premise,
    claim or evidence, and lists each evidence statement found once, nearest first.

    Examples
    --------
    >>> import argmap
    >>> from argmap.query import evidence_for
    >>> m = argmap.ArgumentMap.model_validate({"statements": [{"id": "c", "claim": "C"}, {"id": "s", "claim": "S"},
    ...     {"id": "e1", "evidence": "E1"}, {"id": "e2", "evidence": "E2"}],
    ...     "relations": [{"support": ["s", "e1"], "target": "c"}, {"support": "e2", "target": "s"}]})
    >>> evidence_for(m, "c"), evidence_for(m, "c", transitive=True)
    (['e1'], ['e1', 'e2'])
    """
    amap.statement(id)
    idx = index_of(amap)
    into, statements = idx.into, idx.statements
    found: dict[str, None] = {}
    seen = {id}
    queue = deque([id])
    while queue:
        current = queue.popleft()
        for rel in into.get(current, ()):
            if rel.type != "support":
                continue
            for p in rel.premises:
                if p in seen or p not in statements:
                    continue
                seen.add(p)
                if statements[p].kind == "evidence":
                    found[p] = None
                if transitive:
                    queue.append(p)
    return list(found)


# ------------------------------------------------------------------------------------------ objections


def _objection(amap: ArgumentMap, rel_id: str, target: str, premises: tuple[str, ...]) -> Objection:
    into = index_of(amap).into
    answering: dict[str, None] = {}
    by: dict[str, None] = {}
    for p in premises:
        for r in into.get(p, ()):
            if r.type == "attack":
                answering[r.id] = None
                by.update(dict.fromkeys(r.premises))
    for r in into.get(rel_id, ()):
        if r.type == "undercut":
            answering[r.id] = None
            by.update(dict.fromkeys(r.premises))
    return Objection(
        relation=rel_id,
        target=target,
        statement=premises[0],
        premises=premises,
        answered=bool(answering),
        answered_by=tuple(by),
        answering_relations=tuple(answering),
    )


def objections(amap: ArgumentMap, id: str) -> list[Objection]:  # noqa: A002
    """The objections to statement ``id`` (the attacks on it), each marked answered or not.

    Examples
    --------
    >>> import argmap
    >>> from argmap.query import objections
    >>> m = argmap.ArgumentMap.model_validate({"statements": [{"id": "c", "claim": "C"},
    ...     {"id": "o1", "claim": "O1", "holder": "critics"}, {"id": "o2", "claim": "O2"}, {"id": "a", "claim": "A"}],
    ...     "relations": [{"id": "r1", "attack": "o1", "target": "c"}, {"id": "r2", "attack": "o2", "target": "c"},
    ...                   {"id": "r3", "attack": "a", "target": "o1"}]})
    >>> [(o.statement, o.answered, o.answered_by) for o in objections(m, "c")]
    [('o1', True, ('a',)), ('o2', False, ())]
    """
    amap.statement(id)
    return [_objection(amap, r.id, id, r.premises) for r in index_of(amap).into.get(id, ()) if r.type == "attack"]


def unanswered_objections(amap: ArgumentMap) -> list[Objection]:
    """Every attack on a statement, anywhere in the map, that no attack or undercut answers; in map order.

    Examples
    --------
    >>> import argmap
    >>> from argmap.query import unanswered_objections
    >>> m = argmap.ArgumentMap.model_validate({"statements": [{"id": "c", "claim": "C"}, {"id": "o", "claim": "O"}],
    ...     "relations": [{"id": "r1", "attack": "o", "target": "c"}]})
    >>> [o.relation for o in unanswered_objections(m)]
    ['r1']
    """
    out = []
    statements = index_of(amap).statements
    for rel in amap.relations:
        if rel.type == "attack" and rel.target in statements:
            obj = _objection(amap, rel.id, rel.target, rel.premises)
            if not obj.answered:
                out.append(obj)
    return out


def unsupported_claims(amap: ArgumentMap) -> list[str]:
    """The claims that no support relation targets, in map order (the main claim included).

    Examples
    --------
    >>> import argmap
    >>> from argmap.query import unsupported_claims
    >>> m = argmap.ArgumentMap.model_validate({"statements": [{"id": "c", "claim": "C"}, {"id": "d", "claim": "D"},
    ...     {"id": "e", "evidence": "E"}], "relations": [{"support": "e", "target": "c"}]})
    >>> unsupported_claims(m)
    ['d']
    """
    into = index_of(amap).into
    return [st.id for st in amap.statements if st.kind == "claim" and not any(r.type == "support" for r in into.get(st.id, ()))]


# ------------------------------------------------------------------------------------- search and stats


def search(amap: ArgumentMap, text: str, languages: Iterable[str] | None = None) -> list[SearchHit]:
    """The statements whose text (or title) holds every word of ``text``, ignoring case, accents and white space.

    ``languages`` limits the search to texts in those languages; by default every language is
    searched (a title is searched whatever the filter).

    Examples
    --------
    >>> import argmap
    >>> from argmap.query import search
    >>> m = argmap.ArgumentMap.model_validate({"statements": [{"id": "c", "text": {"nl": "Één café", "en": "One café"}},
    ...     {"id": "d", "claim": "Tea"}]})
    >>> [(h.statement, h.languages) for h in search(m, "CAFE")]
    [('c', ('nl', 'en'))]
    >>> [h.statement for h in search(m, "een cafe", languages=["en"])]
    []
    """
    words = fold(text).split()
    if not words:
        raise ArgmapError("search text is empty")
    wanted = set(languages) if languages is not None else None
    hits: list[SearchHit] = []
    for sid, entries in folded_texts(amap, index_of(amap)).items():
        matched = tuple(
            lang for lang, folded in entries if (wanted is None or lang in wanted or lang == "title") and all(w in folded for w in words)
        )
        if matched:
            st = amap.statement(sid)
            first = next((lang for lang in matched if lang != "title"), None)
            hits.append(SearchHit(statement=sid, languages=matched, text=st.text_in(first, fallback=amap.language)))
    return hits


def _depths(amap: ArgumentMap, main: str) -> dict[str, int]:
    """Relations between each statement and the main claim (an undercut sits one below what it undercuts)."""
    into = index_of(amap).into
    depth: dict[str, int] = {main: 0}
    queue = deque([main])
    while queue:
        node = queue.popleft()
        for rel in into.get(node, ()):
            if rel.id in depth:
                continue
            d = depth[node] + 1
            depth[rel.id] = d
            queue.append(rel.id)
            for p in rel.premises:
                if p not in depth:
                    depth[p] = d
                    queue.append(p)
    statements = index_of(amap).statements
    return {k: v for k, v in depth.items() if k in statements}


def statistics(amap: ArgumentMap) -> MapStatistics:
    """Counts over the map: statements by kind, evidence type, holder and language; relations by type; depth.

    Examples
    --------
    >>> import argmap
    >>> from argmap.query import statistics
    >>> m = argmap.ArgumentMap.model_validate({"main_claim": "c", "statements": [{"id": "c", "claim": "C"},
    ...     {"id": "e", "evidence": "E", "evidence_type": "statistic"}, {"id": "o", "claim": "O", "holder": "critics"}],
    ...     "relations": [{"support": "e", "target": "c"}, {"attack": "o", "target": "e"}]})
    >>> s = statistics(m)
    >>> s.by_kind, s.by_holder, s.by_depth, s.max_depth
    ({'claim': 2, 'evidence': 1}, {'author': 2, 'critics': 1}, {0: 1, 1: 1, 2: 1}, 2)
    """
    by_lang: Counter[str] = Counter()
    for st in amap.statements:
        by_lang.update(st.text.keys())
    depths: dict[int, int] = {}
    unreached = 0
    if amap.main_claim is not None:
        depths = dict(sorted(Counter(_depths(amap, amap.main_claim).values()).items()))
        unreached = len(disconnected(amap))
    return MapStatistics(
        statements=len(amap.statements),
        relations=len(amap.relations),
        sources=len(amap.sources),
        anchors=sum(len(st.anchors) for st in amap.statements),
        by_kind=dict(Counter(st.kind for st in amap.statements)),
        by_evidence_type=dict(Counter(st.evidence_type for st in amap.statements if isinstance(st, Evidence))),
        by_relation_type=dict(Counter(r.type for r in amap.relations)),
        by_holder=dict(Counter(st.holder.label() for st in amap.statements)),
        by_language=dict(by_lang),
        linked_arguments=sum(r.is_linked for r in amap.relations),
        max_depth=max(depths) if depths else None,
        by_depth=depths,
        disconnected=unreached,
    )
