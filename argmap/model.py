"""The domain model: statements, relations, sources and the ArgumentMap, with every invariant checked.

All models are frozen pydantic v2 models. A statement is picked by its ``kind`` tag and a relation
by its ``type`` tag (discriminated unions). Hand-written input may use short forms, which the
``before`` validators expand:

- ``text: "..."`` is text in the map's language (a bare string at statement level means ``en``);
- ``claim: "..."`` / ``evidence: "..."`` give kind and text at once;
- ``holder: "critics"`` (a group) or ``holder: "Geert Lovink"`` (a person); ``author`` is the default;
- ``support: [e1, e2]`` / ``attack: x`` / ``undercut: x`` give type and premises at once;
- ``premises: e1`` for a single premise; a relation without ``id`` gets ``r1``, ``r2``, ...
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Iterator, Mapping
from itertools import chain, compress
from operator import attrgetter, contains, eq, getitem, le
from typing import Annotated, Any

from pydantic import Field, PrivateAttr, TypeAdapter, model_validator
from pydantic_core import PydanticCustomError

from argmap._parts import (
    Anchor,
    Attack,
    Claim,
    Evidence,
    Holder,
    Preference,
    Relation,
    Rephrase,
    Source,
    Statement,
    Support,
    Undercut,
)
from argmap._text import normalize_space
from argmap._types import ID_PATTERN, MAX_TEXT, Data, EvidenceType, Id, Language, RelationType, _Frozen
from argmap.errors import NotFoundError

__all__ = [
    "ID_PATTERN",
    "MAX_TEXT",
    "Anchor",
    "ArgumentMap",
    "Attack",
    "Claim",
    "Evidence",
    "EvidenceType",
    "Holder",
    "Preference",
    "Relation",
    "RelationType",
    "Rephrase",
    "Source",
    "Statement",
    "Support",
    "Undercut",
    "relation_from",
    "set_html_renderer",
    "set_svg_renderer",
    "statement_from",
]

_ID = attrgetter("id")
_ANCHORS = attrgetter("anchors")
_TYPE = attrgetter("type")
_TARGET = attrgetter("target")
_PREMISES = attrgetter("premises")
_PLAIN = frozenset({"support", "attack", "rephrase"})
_SOURCE = attrgetter("source")
_QUOTE = attrgetter("quote")
_START = attrgetter("start")
_END = attrgetter("end")
_SOURCE_TEXT = attrgetter("text")


def _references_hold(relations: tuple[Any, ...], statements: Mapping[str, Any], by_id: Mapping[str, Any]) -> bool:
    """True when no relation breaks a reference rule, found for the whole map in C (``map``, ``all``, ``compress``).

    Every premise a statement, no target among its relation's premises, a support's, attack's or rephrase's
    target a statement, an undercut's a relation other than itself. False (the rules are then checked one
    relation at a time, see :func:`_suspect_relations`) when any of this fails or the map has a preference.
    """
    types = list(map(_TYPE, relations))
    if "preference" in types:
        return False
    targets = list(map(_TARGET, relations))
    premises = list(map(_PREMISES, relations))
    is_statement = statements.__contains__
    if not all(map(is_statement, chain.from_iterable(premises))) or any(map(contains, premises, targets)):
        return False
    if _PLAIN.issuperset(types):
        return all(map(is_statement, targets))
    undercut = list(map(_UNDERCUT, types))
    plain = list(map(_PLAIN.__contains__, types))
    undercut_targets = list(compress(targets, undercut))
    return (
        all(map(is_statement, compress(targets, plain)))
        and all(map(by_id.__contains__, undercut_targets))
        and not any(map(eq, undercut_targets, compress(map(_ID, relations), undercut)))
    )


_UNDERCUT = "undercut".__eq__


def _anchors_hold(statements: tuple[Any, ...], sources: Mapping[str, Any]) -> bool:
    """True when every anchor names a known source with a text and has offsets that hold its quote.

    Checked for the whole map at once (slices and word lists compared in C, as :func:`_quote_at` compares
    them). False (each anchor is then checked on its own) when any anchor fails or lacks offsets, a source
    has no text, or a zero-width character makes the comparison need :func:`normalize_space`.
    """
    anchors = list(chain.from_iterable(map(_ANCHORS, statements)))
    if not anchors:
        return True
    try:
        texts = list(map(_SOURCE_TEXT, map(sources.__getitem__, map(_SOURCE, anchors))))
    except KeyError:
        return False
    starts = list(map(_START, anchors))
    ends = list(map(_END, anchors))
    if None in texts or None in starts or None in ends:
        return False
    if min(starts) < 0 or not all(map(le, starts, ends)) or not all(map(le, ends, map(len, texts))):
        return False
    found: list[str] = list(map(getitem, texts, map(slice, starts, ends)))
    quotes = list(map(_QUOTE, anchors))
    if found == quotes:
        return True
    joined = "".join(found) + "".join(quotes)
    if "\u200b" in joined or "\ufeff" in joined:  # the _ZERO_WIDTH characters (`in` a str is a C search)
        return False
    return list(map(str.split, found)) == list(map(str.split, quotes))


def _suspect_relations(relations: tuple[Any, ...], statements: Mapping[str, Any]) -> list[int]:
    """The indexes of the relations that may break a reference rule, in order; every other relation is fine.

    Fine means: a support, attack or rephrase whose premises and target are all statements, the target not
    among the premises. Checked for the whole map at once with set operations and ``map`` (in C), so that a
    100,000-relation map is not walked in Python; the few suspects are then checked one by one.
    """
    types = list(map(_TYPE, relations))
    targets = list(map(_TARGET, relations))
    premises = list(map(_PREMISES, relations))
    suspects: set[int] = {i for i, t in enumerate(types) if t not in _PLAIN} if not _PLAIN.issuperset(types) else set()
    missing = set(targets).difference(statements)
    if missing:
        suspects.update(i for i, t in enumerate(targets) if t in missing)
    unknown = set(chain.from_iterable(premises)).difference(statements)  # difference with a dict: no rehashing
    if unknown:
        suspects.update(i for i, ps in enumerate(premises) if not unknown.isdisjoint(ps))
    if any(map(contains, premises, targets)):
        suspects.update(i for i, (ps, t) in enumerate(zip(premises, targets, strict=True)) if t in ps)
    return sorted(suspects)


def _quote_at(text: str, quote: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is ``quote`` up to white space (as ``NormalizedText.matches_at``)."""
    if not 0 <= start <= end <= len(text):
        return False
    found = text[start:end]
    if found == quote:
        return True
    if _ZERO_WIDTH.isdisjoint(found) and _ZERO_WIDTH.isdisjoint(quote):
        # Without zero-width characters, normalize_space is " ".join(s.split()): split() and the pattern's \s
        # both mean str.isspace (NBSP and the other Unicode spaces included). Comparing the words is cheaper.
        return found.split() == quote.split()
    return normalize_space(found) == normalize_space(quote)


_ZERO_WIDTH = frozenset("\u200b\ufeff")


_STATEMENT_KINDS = {"claim", "evidence"}
_RELATION_TYPES = {"support", "attack", "undercut", "rephrase", "preference"}


def _expand_statement(item: Any, language: str) -> Any:
    if not isinstance(item, dict):
        return item
    if "kind" in item and not isinstance(item.get("text"), str):
        return item  # already in the long form: no copy (large maps load faster)
    item = dict(item)
    for kind in _STATEMENT_KINDS:
        if kind in item and "kind" not in item:
            item["kind"] = kind
            item.setdefault("text", item.pop(kind))
    if "kind" not in item:
        item["kind"] = "evidence" if "evidence_type" in item else "claim"
    if isinstance(item.get("text"), str):
        item["text"] = {language: item["text"]}
    return item


def _expand_relation(item: Any, index: int, taken: set[str]) -> Any:
    if not isinstance(item, dict):
        return item
    if "type" in item and "id" in item:
        return item
    item = dict(item)
    for rtype in _RELATION_TYPES:
        if rtype in item and "type" not in item:
            item["type"] = rtype
            item.setdefault("premises", item.pop(rtype))
    if "id" not in item:
        n = index + 1
        while f"r{n}" in taken:
            n += 1
        item["id"] = f"r{n}"
        taken.add(item["id"])
    return item


class ArgumentMap(_Frozen):
    """An argument map: statements, the relations between them, the sources they quote.

    Examples
    --------
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap.model_validate({
    ...     "title": "Tiny", "main_claim": "c1",
    ...     "statements": [{"id": "c1", "claim": "Cats are good pets."},
    ...                    {"id": "e1", "evidence": "They purr.", "evidence_type": "example"}],
    ...     "relations": [{"support": "e1", "target": "c1"}],
    ... })
    >>> m.relation("r1").type, m.statement("e1").kind
    ('support', 'evidence')
    """

    id: Id = "map"
    title: str | None = Field(None, max_length=500)
    titles: dict[Language, Annotated[str, Field(min_length=1, max_length=500)]] = Field(
        default_factory=dict,
        description="The title in other languages, for renders in those languages.",
        examples=[{"en": "What is still social about social media?"}],
    )
    language: Language = Field("en", description="The default language of texts given as bare strings.")
    main_claim: Id | None = None
    sources: tuple[Source, ...] = ()
    statements: tuple[Statement, ...] = ()
    relations: tuple[Relation, ...] = ()
    metadata: Data = Field(default_factory=dict)

    _statements: dict[str, Claim | Evidence] = PrivateAttr(default_factory=dict)
    _relations: dict[str, Support | Attack | Undercut | Rephrase | Preference] = PrivateAttr(default_factory=dict)
    _sources: dict[str, Source] = PrivateAttr(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _short_forms(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        language = data.get("language", "en")
        if not isinstance(language, str):
            return data
        data = dict(data)
        if isinstance(data.get("statements"), list):
            data["statements"] = [_expand_statement(s, language) for s in data["statements"]]
        if isinstance(data.get("relations"), list):
            taken = {r["id"] for r in data["relations"] if isinstance(r, dict) and isinstance(r.get("id"), str)}
            data["relations"] = [_expand_relation(r, i, taken) for i, r in enumerate(data["relations"])]
        return data

    @model_validator(mode="after")
    def _invariants(self) -> ArgumentMap:
        problems: list[tuple[str, str]] = []
        self._index(problems)
        self._check_references(problems)
        self._check_anchors(problems)
        if problems:
            raise PydanticCustomError(
                "map_invariant",
                "{summary}",
                {"summary": "; ".join(f"{p}: {m}" for p, m in problems[:20]), "problems": problems},
            )
        return self

    def _index(self, problems: list[tuple[str, str]]) -> None:
        statements = dict(zip(map(_ID, self.statements), self.statements, strict=True))  # map and zip run in C: no Python loop
        relations = dict(zip(map(_ID, self.relations), self.relations, strict=True))
        if len(statements) == len(self.statements) and len(relations) == len(self.relations) and statements.keys().isdisjoint(relations):
            self._statements, self._relations = statements, relations  # no duplicate: the common case, in C loops
        else:
            self._index_duplicates(problems)
        sources: dict[str, Source] = {}
        for i, src in enumerate(self.sources):
            if src.id in sources:
                problems.append((f"sources[{i}].id", f"duplicate source id '{src.id}'"))
            sources.setdefault(src.id, src)
        self._sources = sources

    def _index_duplicates(self, problems: list[tuple[str, str]]) -> None:
        seen: dict[str, str] = {}
        for field, items in (("statements", self.statements), ("relations", self.relations)):
            table: dict[str, Any] = {}
            for i, item in enumerate(items):
                where = f"{field}[{i}]"
                if item.id in seen:
                    problems.append((f"{where}.id", f"duplicate id '{item.id}' (first used at {seen[item.id]})"))
                else:
                    seen[item.id] = where
                table.setdefault(item.id, item)
            if field == "statements":
                self._statements = table
            else:
                self._relations = table

    def _check_references(self, problems: list[tuple[str, str]]) -> None:
        stmts, rels = self._statements, self._relations
        suspects = () if _references_hold(self.relations, stmts, rels) else _suspect_relations(self.relations, stmts)
        for i in suspects:
            rel = self.relations[i]
            where = f"relations[{i}]"
            for j, p in enumerate(rel.premises):
                if p in stmts:
                    continue
                if rel.type == "preference" and p in rels:
                    continue
                what = "is a relation; premises must be statements" if p in rels else "unknown statement"
                problems.append((f"{where}.premises[{j}]", f"{what} '{p}'" if p not in rels else f"'{p}' {what}"))
            if rel.type == "undercut":
                if rel.target == rel.id:
                    problems.append((f"{where}.target", f"undercut '{rel.id}' cannot target itself"))
                elif rel.target not in rels:
                    hint = " (a statement; an undercut targets a relation, use attack)" if rel.target in stmts else ""
                    problems.append((f"{where}.target", f"unknown relation '{rel.target}'{hint}"))
            elif rel.type == "preference":
                if rel.target not in stmts and rel.target not in rels:
                    problems.append((f"{where}.target", f"unknown statement or relation '{rel.target}'"))
            elif rel.target not in stmts:
                hint = f" ('{rel.target}' is a relation; use an undercut)" if rel.target in rels else ""
                problems.append((f"{where}.target", f"unknown statement '{rel.target}'{hint}"))
            if rel.target in rel.premises:
                problems.append((f"{where}.target", f"'{rel.target}' is both a premise and the target"))
        if self.main_claim is not None:
            main = stmts.get(self.main_claim)
            if main is None:
                problems.append(("main_claim", f"unknown statement '{self.main_claim}'"))
            elif main.kind != "claim":
                problems.append(("main_claim", f"'{self.main_claim}' is {main.kind}, not a claim"))

    def _check_anchors(self, problems: list[tuple[str, str]]) -> None:
        if _anchors_hold(self.statements, self._sources):
            return  # every anchor holds its quote and has its offsets: nothing to report or fill in
        fixed: dict[int, Claim | Evidence] = {}
        # Only the statements that quote a source (found in C: most have no anchor).
        for i, st in compress(enumerate(self.statements), map(_ANCHORS, self.statements)):
            new_anchors: list[Anchor] | None = None
            for j, anchor in enumerate(st.anchors):
                where = f"statements[{i}].anchors[{j}]"
                src = self._sources.get(anchor.source)
                if src is None:
                    problems.append((f"{where}.source", f"unknown source '{anchor.source}'"))
                    continue
                if src.text is None:
                    continue
                if anchor.start is not None and anchor.end is not None:
                    if not _quote_at(src.text, anchor.quote, anchor.start, anchor.end):  # needs no folded copy of the text
                        folded = src.normalized()
                        assert folded is not None
                        found = folded.find(anchor.quote)
                        hint = f"; the quote is at {found[0]}-{found[1]}" if found else ""
                        problems.append((where, f"offsets {anchor.start}-{anchor.end} do not hold the quote{hint}"))
                    continue
                folded = src.normalized()
                assert folded is not None
                span = folded.find(anchor.quote)
                if span is None:
                    short = anchor.quote if len(anchor.quote) <= 60 else anchor.quote[:57] + "..."
                    problems.append((f"{where}.quote", f"not found in source '{src.id}': {short!r}"))
                    continue
                if new_anchors is None:
                    new_anchors = list(st.anchors)
                new_anchors[j] = anchor.model_copy(update={"start": span[0], "end": span[1]})
            if new_anchors is not None:
                fixed[i] = st.model_copy(update={"anchors": tuple(new_anchors)})
        if fixed:
            statements = tuple(fixed.get(i, st) for i, st in enumerate(self.statements))
            object.__setattr__(self, "statements", statements)
            for st in fixed.values():
                self._statements[st.id] = st

    # ------------------------------------------------------------------ lookups
    # The indexes are read from __pydantic_private__ directly: `self._statements` would go through
    # pydantic's __getattr__, several times slower, and these look-ups sit in every hot loop.

    def statement(self, id: str) -> Claim | Evidence:  # noqa: A002
        """The statement with this id; :class:`~argmap.errors.NotFoundError` when there is none."""
        try:
            return self.__pydantic_private__["_statements"][id]  # type: ignore[index,no-any-return]
        except KeyError:
            raise NotFoundError(f"unknown statement '{id}'", id=id) from None

    def relation(self, id: str) -> Support | Attack | Undercut | Rephrase | Preference:  # noqa: A002
        """The relation with this id; :class:`~argmap.errors.NotFoundError` when there is none."""
        try:
            return self.__pydantic_private__["_relations"][id]  # type: ignore[index,no-any-return]
        except KeyError:
            raise NotFoundError(f"unknown relation '{id}'", id=id) from None

    def source(self, id: str) -> Source:  # noqa: A002
        try:
            return self._sources[id]
        except KeyError:
            raise NotFoundError(f"unknown source '{id}'", id=id) from None

    def has_statement(self, id: str) -> bool:  # noqa: A002
        return id in self.__pydantic_private__["_statements"]  # type: ignore[index]

    def has_relation(self, id: str) -> bool:  # noqa: A002
        return id in self.__pydantic_private__["_relations"]  # type: ignore[index]

    def __contains__(self, id: object) -> bool:  # noqa: A002
        private = self.__pydantic_private__
        return id in private["_statements"] or id in private["_relations"]  # type: ignore[index]

    def iter_statements(self) -> Iterator[Claim | Evidence]:
        return iter(self.statements)

    @property
    def languages(self) -> list[str]:
        """Every language any statement has text in, the map's default first."""
        langs = {self.language: None}
        for st in self.statements:
            langs.update(dict.fromkeys(st.text))
        return list(langs)

    def title_in(self, language: str | None = None) -> str | None:
        """The title in ``language`` when given in ``titles``, else ``title``."""
        if language and language in self.titles:
            return self.titles[language]
        return self.title

    def text_of(self, id: str, language: str | None = None) -> str:  # noqa: A002
        """The text of a statement in ``language`` (default: the map's), falling back to any."""
        return self.statement(id).text_in(language or self.language, fallback=self.language)

    # Jupyter shows a map as its rendered SVG. The renderer registers itself (set_svg_renderer) so
    # that the model never imports the renderer; ``import argmap`` loads it lazily, so it is loaded here by name.
    def _repr_svg_(self) -> str | None:
        if _svg_renderer is None and not _load_plugin("argmap.render"):
            return None
        if _svg_renderer is None:
            return None
        try:
            return _svg_renderer(self)
        except Exception:  # noqa: BLE001 - a notebook repr must never raise
            return None

    # ... and as inline responsive HTML (argmap.view registers it), which notebooks and nbconvert prefer.
    def _repr_html_(self) -> str | None:
        if _html_renderer is None and not _load_plugin("argmap.view"):
            return None
        if _html_renderer is None:
            return None
        try:
            return _html_renderer(self)
        except Exception:  # noqa: BLE001 - a notebook repr must never raise
            return None


_svg_renderer: Callable[[ArgumentMap], str] | None = None
_html_renderer: Callable[[ArgumentMap], str] | None = None


def _load_plugin(module: str) -> bool:
    """Import a module that registers a notebook renderer (by name: the model stays below it); False when it cannot."""
    try:
        importlib.import_module(module)
    except Exception:  # noqa: BLE001 - a notebook repr must never raise
        return False
    return True


def set_svg_renderer(renderer: Callable[[ArgumentMap], str] | None) -> None:
    """Install the function that ``ArgumentMap._repr_svg_`` uses (argmap.render does this on import)."""
    global _svg_renderer
    _svg_renderer = renderer


def set_html_renderer(renderer: Callable[[ArgumentMap], str] | None) -> None:
    """Install the function that ``ArgumentMap._repr_html_`` uses (argmap.view does this on import)."""
    global _html_renderer
    _html_renderer = renderer


# Built on first use, like the models (``defer_build``): importing the model validates nothing.
@functools.cache
def _statement_adapter() -> TypeAdapter[Claim | Evidence]:
    return TypeAdapter(Statement)


@functools.cache
def _relation_adapter() -> TypeAdapter[Support | Attack | Undercut | Rephrase | Preference]:
    return TypeAdapter(Relation)


def statement_from(data: Mapping[str, Any], language: str = "en") -> Claim | Evidence:
    """Validate one statement, short forms allowed, bare text in ``language``."""
    return _statement_adapter().validate_python(_expand_statement(dict(data), language), context={"language": language})


def relation_from(data: Mapping[str, Any], *, default_id: str = "r1") -> Support | Attack | Undercut | Rephrase | Preference:
    """Validate one relation, short forms allowed."""
    item = _expand_relation(dict(data), 0, set())
    if "id" not in data:
        item["id"] = default_id
    return _relation_adapter().validate_python(item)
