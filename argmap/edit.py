"""Pure edits that return a new, re-validated map, and a builder for making maps in code.

Every function here leaves its input untouched and returns a new :class:`ArgumentMap`, or raises
:class:`~argmap.errors.InvalidMapError` (the model's message) / :class:`~argmap.errors.NotFoundError`
and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from argmap._validate import validate_map
from argmap.errors import ArgmapError, NotFoundError
from argmap.model import ArgumentMap, Claim, Evidence, EvidenceType, Relation, Source

__all__ = [
    "MapBuilder",
    "add_relation",
    "add_source",
    "add_statement",
    "remove_relation",
    "remove_statement",
    "set_main_claim",
    "update_relation",
    "update_statement",
]

AnyStatement = Claim | Evidence


def _rebuild(amap: ArgumentMap, **changes: Any) -> ArgumentMap:
    data = amap.model_dump(mode="python")
    data.update(changes)
    return validate_map(data)


def _dump_all(items: Iterable[Any]) -> list[dict[str, Any]]:
    return [i.model_dump(mode="python") for i in items]


def add_statement(amap: ArgumentMap, statement: AnyStatement | Mapping[str, Any]) -> ArgumentMap:
    """A new map with the statement added (a mapping may use the short forms)."""
    item = statement.model_dump(mode="python") if not isinstance(statement, Mapping) else dict(statement)
    return _rebuild(amap, statements=[*_dump_all(amap.statements), item])


def update_statement(amap: ArgumentMap, id: str, /, **changes: Any) -> ArgumentMap:  # noqa: A002
    """A new map in which statement ``id`` has the given fields changed (``id`` itself cannot change)."""
    amap.statement(id)
    if "id" in changes and changes["id"] != id:
        raise ArgmapError(f"statement '{id}': the id cannot be changed; add a new statement instead")
    items = [({**s.model_dump(mode="python"), **changes} if s.id == id else s.model_dump(mode="python")) for s in amap.statements]
    if "kind" in changes and changes["kind"] == "claim":
        for item in items:
            if item["id"] == id:
                item.pop("evidence_type", None)
    return _rebuild(amap, statements=items)


def remove_statement(amap: ArgumentMap, id: str, *, cascade: bool = False) -> ArgumentMap:  # noqa: A002
    """A new map without statement ``id``.

    Relations that use it are an error unless ``cascade`` is true; then a relation loses the
    statement as a premise (and is removed when none is left, or when it was the target), and
    undercuts of removed relations go too.
    """
    amap.statement(id)
    relations = list(amap.relations)
    if not cascade:
        users = [r.id for r in relations if id in r.premises or r.target == id]
        if users:
            raise ArgmapError(f"statement '{id}' is used by relation(s) {', '.join(users)}; remove them first or cascade")
    kept: list[dict[str, Any]] = []
    removed: set[str] = set()
    for r in relations:
        premises = [p for p in r.premises if p != id]
        if r.target == id or not premises:
            removed.add(r.id)
        else:
            kept.append({**r.model_dump(mode="python"), "premises": premises})
    kept = _drop_dangling(kept, removed)
    main = None if amap.main_claim == id else amap.main_claim
    return _rebuild(amap, statements=_dump_all(s for s in amap.statements if s.id != id), relations=kept, main_claim=main)


def _drop_dangling(relations: list[dict[str, Any]], removed: set[str]) -> list[dict[str, Any]]:
    # an undercut (or preference) whose target relation is gone goes too, transitively
    changed = True
    while changed:
        changed = False
        for r in list(relations):
            if r["target"] in removed:
                relations.remove(r)
                removed.add(r["id"])
                changed = True
    return relations


def add_relation(amap: ArgumentMap, relation: Relation | Mapping[str, Any]) -> ArgumentMap:
    """A new map with the relation added (a mapping may use the short forms: ``{"support": [...], "target": ...}``)."""
    item = relation.model_dump(mode="python") if not isinstance(relation, Mapping) else dict(relation)
    if "id" not in item:
        item["id"] = _fresh_id(amap, "r")
    return _rebuild(amap, relations=[*_dump_all(amap.relations), item])


def update_relation(amap: ArgumentMap, id: str, /, **changes: Any) -> ArgumentMap:  # noqa: A002
    """A new map in which relation ``id`` has the given fields changed."""
    amap.relation(id)
    if "id" in changes and changes["id"] != id:
        raise ArgmapError(f"relation '{id}': the id cannot be changed; add a new relation instead")
    items = [({**r.model_dump(mode="python"), **changes} if r.id == id else r.model_dump(mode="python")) for r in amap.relations]
    return _rebuild(amap, relations=items)


def remove_relation(amap: ArgumentMap, id: str, *, cascade: bool = False) -> ArgumentMap:  # noqa: A002
    """A new map without relation ``id``; undercuts of it are an error unless ``cascade`` is true."""
    amap.relation(id)
    dependants = [r.id for r in amap.relations if r.target == id]
    if dependants and not cascade:
        raise ArgmapError(f"relation '{id}' is targeted by {', '.join(dependants)}; remove them first or cascade")
    kept = _drop_dangling([r.model_dump(mode="python") for r in amap.relations if r.id != id], {id})
    return _rebuild(amap, relations=kept)


def set_main_claim(amap: ArgumentMap, id: str | None) -> ArgumentMap:  # noqa: A002
    """A new map whose main claim is ``id`` (a claim), or none."""
    if id is not None:
        amap.statement(id)
    return _rebuild(amap, main_claim=id)


def add_source(amap: ArgumentMap, source: Source | Mapping[str, Any]) -> ArgumentMap:
    """A new map with the source added."""
    item = source.model_dump(mode="python") if isinstance(source, Source) else dict(source)
    return _rebuild(amap, sources=[*_dump_all(amap.sources), item])


def _fresh_id(amap: ArgumentMap, prefix: str) -> str:
    n = len(amap.statements) + len(amap.relations) + 1
    while f"{prefix}{n}" in amap:
        n += 1
    return f"{prefix}{n}"


class MapBuilder:
    """Build a map in code, fluently; :meth:`build` validates it once at the end.

    Each method that adds a statement or relation returns its id, so it can be used at once.

    Examples
    --------
    >>> from argmap import MapBuilder
    >>> b = MapBuilder(title="Pets", titles={"nl": "Huisdieren"}, language="en")
    >>> c = b.claim("Cats are good pets.", id="c1", main=True)
    >>> e1 = b.evidence("They purr.", type="example")
    >>> e2 = b.evidence("Purring calms people.")
    >>> r = b.support([e1, e2], c)        # a linked argument: both premises together
    >>> o = b.claim("Cats scratch furniture.", holder="critics")
    >>> a = b.attack(o, c)
    >>> m = b.build()
    >>> len(m.statements), m.relation(r).is_linked, m.statement(o).holder.label(), m.title_in("nl")
    (4, True, 'critics', 'Huisdieren')
    """

    def __init__(
        self,
        *,
        title: str | None = None,
        titles: Mapping[str, str] | None = None,
        language: str = "en",
        id: str = "map",  # noqa: A002
        **metadata: Any,
    ) -> None:
        self.title = title
        self.titles = dict(titles or {})  # the title in other languages: {"en": "Nothing to complain about?"}
        self.language = language
        self.id = id
        self.metadata = dict(metadata)
        self.main_claim: str | None = None
        self._statements: list[dict[str, Any]] = []
        self._relations: list[dict[str, Any]] = []
        self._sources: list[dict[str, Any]] = []
        self._ids: set[str] = set()
        self._counter = {"c": 0, "e": 0, "r": 0}

    def _next(self, prefix: str) -> str:
        while True:
            self._counter[prefix] += 1
            candidate = f"{prefix}{self._counter[prefix]}"
            if candidate not in self._ids:
                return candidate

    def _take(self, id: str | None, prefix: str) -> str:  # noqa: A002
        new = id or self._next(prefix)
        if new in self._ids:
            raise ArgmapError(f"id '{new}' is already used in this map")
        self._ids.add(new)
        return new

    def _text(self, text: str | Mapping[str, str]) -> dict[str, str]:
        return {self.language: text} if isinstance(text, str) else dict(text)

    def source(self, id: str, *, text: str | None = None, **fields: Any) -> str:  # noqa: A002
        """Add a source document (``title``, ``author``, ``url``, ``date``, ``language``)."""
        self._sources.append({"id": id, "text": text, **fields})
        return id

    def claim(self, text: str | Mapping[str, str], *, id: str | None = None, main: bool = False, **fields: Any) -> str:  # noqa: A002
        """Add a claim; ``main=True`` makes it the map's main claim. Fields: holder, tags, note, anchors..."""
        sid = self._take(id, "c")
        self._statements.append({"id": sid, "kind": "claim", "text": self._text(text), **fields})
        if main:
            self.main_claim = sid
        return sid

    def evidence(
        self,
        text: str | Mapping[str, str],
        *,
        type: EvidenceType = "other",  # noqa: A002
        id: str | None = None,  # noqa: A002
        quote: str | None = None,
        source: str | None = None,
        **fields: Any,
    ) -> str:
        """Add evidence; ``quote`` with ``source`` anchors it in that source's text."""
        sid = self._take(id, "e")
        item: dict[str, Any] = {"id": sid, "kind": "evidence", "evidence_type": type, "text": self._text(text), **fields}
        if quote is not None:
            src = source or (self._sources[0]["id"] if len(self._sources) == 1 else None)
            if src is None:
                raise ArgmapError("a quote needs source=... when the map has no single source")
            item.setdefault("anchors", []).append({"source": src, "quote": quote})
        self._statements.append(item)
        return sid

    def _relation(self, rtype: str, premises: str | Iterable[str], target: str, id: str | None, fields: dict[str, Any]) -> str:  # noqa: A002
        rid = self._take(id, "r")
        plist = [premises] if isinstance(premises, str) else list(premises)
        self._relations.append({"id": rid, "type": rtype, "premises": plist, "target": target, **fields})
        return rid

    def support(self, premises: str | Iterable[str], target: str, *, id: str | None = None, **fields: Any) -> str:  # noqa: A002
        """Premises (jointly, when several) support the target statement. Fields: scheme, strength, note."""
        return self._relation("support", premises, target, id, fields)

    def attack(self, premises: str | Iterable[str], target: str, *, id: str | None = None, **fields: Any) -> str:  # noqa: A002
        """Premises rebut the target statement."""
        return self._relation("attack", premises, target, id, fields)

    def undercut(self, premises: str | Iterable[str], relation: str, *, id: str | None = None, **fields: Any) -> str:  # noqa: A002
        """Premises attack the inference of ``relation`` (a relation id), not its conclusion."""
        return self._relation("undercut", premises, relation, id, fields)

    def build(self) -> ArgumentMap:
        """Validate and return the map; :class:`~argmap.errors.InvalidMapError` lists every problem."""
        data = {
            "id": self.id,
            "title": self.title,
            "titles": self.titles,
            "language": self.language,
            "main_claim": self.main_claim,
            "sources": self._sources,
            "statements": self._statements,
            "relations": self._relations,
            "metadata": self.metadata,
        }
        return validate_map(data)


def get(amap: ArgumentMap, id: str) -> AnyStatement | Relation:  # noqa: A002
    """The statement or relation with this id."""
    if amap.has_statement(id):
        return amap.statement(id)
    if amap.has_relation(id):
        return amap.relation(id)
    raise NotFoundError(f"unknown id '{id}'", id=id)
