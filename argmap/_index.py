"""Adjacency indexes over a map (who targets what, who is a premise of what), built once per map."""

from __future__ import annotations

import threading
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass, field

from argmap._text import normalize_space
from argmap.model import ArgumentMap, Attack, Claim, Evidence, Preference, Rephrase, Support, Undercut

AnyRelation = Support | Attack | Undercut | Rephrase | Preference

_CACHE_SIZE = 4
_cache: OrderedDict[int, tuple[ArgumentMap, MapIndex]] = OrderedDict()
_lock = threading.Lock()


def fold(text: str) -> str:
    """Text for matching: accents dropped, case folded, white space (NBSP too) folded to one space.

    >>> fold("Één  École\u00a0ÉTÉ")
    'een ecole ete'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return normalize_space(bare.casefold())


@dataclass(slots=True)
class MapIndex:
    """``into[x]``: relations whose target is ``x``; ``out_of[x]``: relations that have ``x`` as a premise.

    ``statements`` and ``relations`` map ids to items: plain dicts, for the hot loops (the map's own
    look-ups go through pydantic's attribute machinery and cost several times more per call).
    """

    statements: dict[str, Claim | Evidence] = field(default_factory=dict)
    relations: dict[str, AnyRelation] = field(default_factory=dict)
    into: dict[str, list[AnyRelation]] = field(default_factory=dict)
    out_of: dict[str, list[AnyRelation]] = field(default_factory=dict)
    folded: dict[str, list[tuple[str, str]]] | None = None  # statement id -> [(language, folded text)]


def index_of(amap: ArgumentMap) -> MapIndex:
    """The index of ``amap``, from a small cache of recently used maps (maps are frozen, so it never goes stale)."""
    key = id(amap)
    with _lock:
        hit = _cache.get(key)
        if hit is not None and hit[0] is amap:
            _cache.move_to_end(key)
            return hit[1]
    idx = MapIndex(statements={st.id: st for st in amap.statements}, relations={rel.id: rel for rel in amap.relations})
    into, out_of = idx.into, idx.out_of
    for rel in amap.relations:
        into.setdefault(rel.target, []).append(rel)
        for p in rel.premises:
            out_of.setdefault(p, []).append(rel)
    with _lock:
        _cache[key] = (amap, idx)  # the entry holds the map, so its id cannot be reused while cached
        _cache.move_to_end(key)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return idx


def folded_texts(amap: ArgumentMap, idx: MapIndex) -> dict[str, list[tuple[str, str]]]:
    """Every statement's texts (and title, under the key ``"title"``), folded for search; built once."""
    if idx.folded is None:
        table: dict[str, list[tuple[str, str]]] = {}
        for st in amap.statements:
            entries = [(lang, fold(text)) for lang, text in st.text.items()]
            entries += [("title", fold(title)) for title in st.title.values()]
            table[st.id] = entries
        idx.folded = table
    return idx.folded
