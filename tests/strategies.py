"""Hypothesis strategies that build valid random argument maps (for round-trip and property tests).

``argument_maps()`` draws maps with texts in one or two languages (unicode, curly quotes, NBSP,
newlines), claims and evidence of every type, holders of every kind, sources whose text the
statements quote by anchors (with or without offsets), and support, attack, rephrase, linked
(several premises) and undercut relations. Every map it gives has passed the model's validation.

    from tests.strategies import argument_maps

    @given(argument_maps())
    def test_something(m): ...
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from argmap.model import ArgumentMap

__all__ = ["argument_maps", "ids", "texts"]

EVIDENCE_TYPES = ("statistic", "example", "quote", "testimony", "analogy", "historical_fact", "other")
NBSP = "\u00a0"

# Letters from several scripts, digits, punctuation, curly quotes, NBSP and line breaks: what real text holds.
_alphabet = st.one_of(
    st.sampled_from("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 .,;:!?-'\"“”‘’«»()%&#é€ĳüßçøŁ中文語😀" + NBSP + "\n"),
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
)


def texts(*, min_size: int = 1, max_size: int = 40) -> st.SearchStrategy[str]:
    """Non-blank unicode text (NBSP, curly quotes and newlines included)."""
    return st.text(_alphabet, min_size=min_size, max_size=max_size).filter(lambda t: bool(t.strip()))


def ids() -> st.SearchStrategy[str]:
    """Valid ids (``ID_PATTERN``), including some that YAML would read as other types if left unquoted."""
    plain = st.from_regex(r"\A[A-Za-z_][A-Za-z0-9_.:\-]{0,12}\Z")
    tricky = st.sampled_from(["1", "0.5", "true", "null", "yes", "no", "on", "off", "1e3", "2024-01-01", "c1", "ı", "é.1", "x:y"])
    return st.one_of(plain, tricky)


def _language_texts(languages: list[str]) -> st.SearchStrategy[dict[str, str]]:
    return st.lists(st.sampled_from(languages), min_size=1, max_size=len(languages), unique=True).flatmap(
        lambda langs: st.fixed_dictionaries({lang: texts() for lang in langs})
    )


_holders = st.one_of(
    st.just({"kind": "author"}),
    st.builds(lambda n: {"kind": "group", "name": n}, st.sampled_from(["critics", "others", "ouders", "tegenstanders"])),
    st.just({"kind": "group", "name": "critics", "names": {"nl": "critici"}}),
    st.builds(lambda n: {"kind": "person", "name": n}, texts(max_size=30).map(str.strip).filter(bool)),
)
_unit = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
_tags = st.lists(st.sampled_from(["beleid", "policy", "k:1", "tag with space", "ü"]), max_size=2).map(tuple)


@st.composite
def _anchor(draw: st.DrawFn, sources: list[dict[str, Any]]) -> dict[str, Any]:
    src = draw(st.sampled_from(sources))
    text: str = src["text"]
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, min(len(text), start + 25)))
    quote = text[start:end]
    if not quote.strip():
        quote = text.strip()[:20] or text
        found = text.find(quote)
        start, end = found, found + len(quote)
    anchor: dict[str, Any] = {"source": src["id"], "quote": quote}
    if draw(st.booleans()):
        anchor.update(start=start, end=end)
    elif draw(st.booleans()):
        anchor["quote"] = quote.replace(NBSP, " ")  # the quote typed with a plain space still matches
    return anchor


@st.composite
def argument_maps(draw: st.DrawFn, *, max_statements: int = 8, max_relations: int = 10) -> ArgumentMap:
    """A valid random :class:`ArgumentMap`."""
    language = draw(st.sampled_from(["en", "nl"]))
    languages = [language, "en" if language == "nl" else "nl"]
    names = draw(st.lists(ids(), min_size=1, max_size=max_statements + max_relations + 3, unique=True))
    n_statements = draw(st.integers(1, min(max_statements, len(names))))
    statement_ids, rest = names[:n_statements], names[n_statements:]
    n_sources = draw(st.integers(0, min(2, len(rest))))
    source_ids, relation_ids = rest[:n_sources], rest[n_sources:]

    sources: list[dict[str, Any]] = []
    for sid in source_ids:
        body = draw(texts(min_size=5, max_size=120)) + draw(st.sampled_from(["", f"“quoted{NBSP}words”", f"68{NBSP}%"]))
        source: dict[str, Any] = {"id": sid, "text": body}
        if draw(st.booleans()):
            source.update(title=draw(texts(max_size=30)), author=draw(st.sampled_from(["Geert Lovink", "Anne Ü"])))
            source.update(date=draw(st.dates()).isoformat(), language=draw(st.sampled_from(languages)))
        sources.append(source)

    statements: list[dict[str, Any]] = []
    for sid in statement_ids:
        item: dict[str, Any] = {"id": sid, "text": draw(_language_texts(languages)), "holder": draw(_holders)}
        if draw(st.booleans()):
            item.update(kind="evidence", evidence_type=draw(st.sampled_from(EVIDENCE_TYPES)))
        else:
            item["kind"] = "claim"
        if draw(st.integers(0, 3)) == 0:
            item.update(tags=draw(_tags), note=draw(texts()), title=draw(texts(max_size=20)), base_score=draw(_unit))
        if sources and draw(st.booleans()):
            item["anchors"] = draw(st.lists(_anchor(sources), min_size=1, max_size=2))
        statements.append(item)

    relations: list[dict[str, Any]] = []
    if len(statement_ids) >= 2:
        for rid in relation_ids[: draw(st.integers(0, max_relations))]:
            undercuttable = [r["id"] for r in relations]
            rtype = draw(st.sampled_from(["support", "support", "attack", "attack", "rephrase", "undercut"]))
            if rtype == "undercut" and not undercuttable:
                rtype = "attack"
            if rtype == "undercut":
                target = draw(st.sampled_from(undercuttable))
                pool = statement_ids
            else:
                target = draw(st.sampled_from(statement_ids))
                pool = [s for s in statement_ids if s != target]
            premises = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=min(3, len(pool)), unique=True))
            rel: dict[str, Any] = {"id": rid, "type": rtype, "premises": premises, "target": target}
            if draw(st.integers(0, 2)) == 0:
                rel.update(scheme=draw(st.sampled_from(["Argument from Expert Opinion", "Argument from Analogy"])), strength=draw(_unit))
            if draw(st.integers(0, 4)) == 0:
                rel.update(note=draw(texts()), tags=draw(_tags))
            relations.append(rel)

    claims = [s["id"] for s in statements if s["kind"] == "claim"]
    data: dict[str, Any] = {
        "id": draw(st.one_of(st.just("map"), ids())),
        "title": draw(st.one_of(st.none(), texts(max_size=40))),
        "titles": draw(st.one_of(st.just({}), st.builds(lambda t: {languages[1]: t}, texts(max_size=40).filter(str.strip)))),
        "language": language,
        "main_claim": draw(st.one_of(st.none(), st.sampled_from(claims))) if claims else None,
        "sources": sources,
        "statements": statements,
        "relations": relations,
        "metadata": draw(st.dictionaries(st.sampled_from(["topic", "year", "draft"]), st.one_of(texts(max_size=10), st.integers(0, 3000)))),
    }
    return ArgumentMap.model_validate(data)


@st.composite
def argument_trees(draw: st.DrawFn, *, max_statements: int = 30) -> ArgumentMap:
    """A random tree-shaped map around a main claim: supports, attacks, undercuts, linked premises, titles.

    Each new statement (or linked pair) supports or attacks an earlier statement, or undercuts an
    earlier relation, as the maps people draw of one argument do.
    """
    n = draw(st.integers(1, max_statements))
    statements: list[dict[str, Any]] = [{"id": "s0", "claim": "The main claim.", "title": "Main"}]
    relations: list[dict[str, Any]] = []
    i = 1
    while i < n:
        linked = i + 1 < n and draw(st.integers(0, 5)) == 0
        new = [f"s{i}", f"s{i + 1}"] if linked else [f"s{i}"]
        for sid in new:
            item: dict[str, Any] = {"id": sid, "claim": f"Statement {sid} says something about the one above it."}
            if draw(st.booleans()):
                item["title"] = f"Title {sid}"
            statements.append(item)
        kind = draw(st.sampled_from(["support", "support", "support", "attack", "attack", "undercut"]))
        if kind == "undercut" and relations:
            target = draw(st.sampled_from([r["id"] for r in relations]))
        else:
            kind = "attack" if kind == "undercut" else kind
            target = draw(st.sampled_from([s["id"] for s in statements if s["id"] not in new]))
        relations.append({"id": f"r{len(relations)}", "type": kind, "premises": new, "target": target})
        i += len(new)
    return ArgumentMap.model_validate({"main_claim": "s0", "statements": statements, "relations": relations})
