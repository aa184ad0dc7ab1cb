"""What a deck shows: the lines of argument (pillars with their evidence) and the objections with their answers.

Pure functions on the model: each returns the ids a slide shows and, per id, the build (1, 2, ...) in
which it appears on that slide.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from argmap.model import ArgumentMap, Attack, Preference, Rephrase, Support, Undercut

_Rel = Support | Attack | Undercut | Rephrase | Preference

__all__ = ["Part", "main_claim", "plan", "split"]

_ATTACKS = ("attack", "undercut")
_SUPPORTS = ("support", "rephrase")


@dataclass
class Part:
    """One slide's share of the map: a line of argument or an objection.

    ``builds`` maps every statement and relation id on the slide to the build it is revealed in.
    ``focus`` is the statement the slide is about (the pillar, or the objection's first premise);
    ``relation`` is the relation that ties it to the rest (its support of the main claim, or the attack).
    """

    kind: str  # "line" | "objection"
    focus: str
    relation: str
    builds: dict[str, int] = field(default_factory=dict)
    answered: bool = True

    @property
    def statements(self) -> list[str]:
        return list(self.builds)


def main_claim(m: ArgumentMap) -> str | None:
    """The main claim, else the statement most relations point at."""
    if m.main_claim:
        return m.main_claim
    if not m.statements:
        return None
    counts = {st.id: 0 for st in m.statements}
    for rel in m.relations:
        if rel.target in counts:
            counts[rel.target] += 1
    return max(counts, key=lambda sid: counts[sid])


class _Index:
    def __init__(self, m: ArgumentMap) -> None:
        self.into: dict[str, list[_Rel]] = {}
        self.rels = {r.id: r for r in m.relations}
        for rel in m.relations:
            self.into.setdefault(rel.target, []).append(rel)

    def rel_into(self, target: str, kinds: tuple[str, ...]) -> list[_Rel]:
        return [r for r in self.into.get(target, []) if r.type in kinds]

    def supports_closure(self, start: Iterable[str], seen: set[str]) -> list[str]:
        """The statements and support relations under ``start`` (premises, their evidence, transitively)."""
        out: list[str] = []
        stack = list(start)
        while stack:
            sid = stack.pop(0)
            for rel in self.rel_into(sid, _SUPPORTS):
                rid = rel.id
                if rid in seen:
                    continue
                seen.add(rid)
                out.append(rid)
                for p in rel.premises:
                    if p not in seen:
                        seen.add(p)
                        out.append(p)
                        stack.append(p)
        return out


def _is_answer(m: ArgumentMap, idx: _Index, rel_id: str) -> bool:
    """An attack is an answer when it hits an attack relation or a premise of an attack."""
    rel = idx.rels[rel_id]
    if rel.target in idx.rels:
        return idx.rels[rel.target].type in _ATTACKS  # an undercut of an attack answers it; of a support, objects
    return any(rel.target in r.premises for r in m.relations if r.type in _ATTACKS)


def _objection(m: ArgumentMap, idx: _Index, rel_id: str) -> Part:
    """Build 1: the attacked statement, the attack, its premises and their support; build 2: the answers."""
    rel = idx.rels[rel_id]
    builds: dict[str, int] = {}
    seen: set[str] = set()
    target = rel.target
    if target in idx.rels:  # an undercut: show the relation it hits with its ends
        hit = idx.rels[target]
        for sid in (*hit.premises, hit.target):
            builds.setdefault(sid, 1)
        builds[hit.id] = 1
    else:
        builds[target] = 1
    builds[rel.id] = 1
    for p in rel.premises:
        builds.setdefault(p, 1)
    seen.update(builds)
    for item in idx.supports_closure(rel.premises, seen):
        builds.setdefault(item, 1)
    # answers: attacks on the objection's statements or on the attack itself, each with its own support,
    # and answers to those answers, revealed one build later each round
    frontier = [i for i, b in builds.items() if b == 1 and i != target]
    level = 2
    answered = False
    while frontier and level <= 6:
        new: list[str] = []
        for item in frontier:
            for ans in idx.rel_into(item, _ATTACKS):
                aid = ans.id
                if aid in builds:
                    continue
                answered = answered or level == 2
                builds[aid] = level
                new.append(aid)
                for p in ans.premises:
                    if p not in builds:
                        builds[p] = level
                        new.append(p)
                seen.update(builds)
                for extra in idx.supports_closure(ans.premises, seen):
                    builds.setdefault(extra, level)
                    new.append(extra)
        frontier = new
        level += 1
    return Part(kind="objection", focus=rel.premises[0], relation=rel.id, builds=builds, answered=answered)


def _line(idx: _Index, rel_id: str, max_statements: int) -> list[Part]:
    """A line of argument: the pillar, then each reason under it (one build each); the main claim is on the overview.

    A line with more than ``max_statements`` statements is split: one slide per reason under the pillar.
    """
    rel = idx.rels[rel_id]
    pillar = rel.premises[0]
    head: dict[str, int] = {**{p: 1 for p in rel.premises}}  # the main claim is on the overview; here the pillar leads
    branches: list[list[str]] = []
    seen = set(head)
    for p in rel.premises:
        for sub in idx.rel_into(p, _SUPPORTS):
            sid = sub.id
            if sid in seen:
                continue
            seen.add(sid)
            items = [sid]
            for q in sub.premises:
                if q not in seen:
                    seen.add(q)
                    items.append(q)
            items += idx.supports_closure(sub.premises, seen)
            branches.append(items)
    statements = {i for b in branches for i in b if i not in idx.rels} | {i for i in head if i not in idx.rels}
    if len(statements) <= max_statements or len(branches) < 2:
        builds = dict(head)
        for n, branch in enumerate(branches, start=2):
            builds.update(dict.fromkeys(branch, min(n, 9)))
        return [Part(kind="line", focus=pillar, relation=rel.id, builds=builds)]
    # split: greedily pack branches into slides of at most max_statements statements (with the head)
    groups: list[list[list[str]]] = [[]]
    size = len([i for i in head if i not in idx.rels])
    base = size
    for branch in branches:
        n = len([i for i in branch if i not in idx.rels])
        if groups[-1] and size + n > max_statements:
            groups.append([])
            size = base
        groups[-1].append(branch)
        size += n
    parts = []
    for group in groups:
        builds = dict(head)
        for n, branch in enumerate(group, start=2):
            builds.update(dict.fromkeys(branch, n))
        parts.append(Part(kind="line", focus=pillar, relation=rel.id, builds=builds))
    return parts


def split(part: Part) -> list[Part]:
    """A line of argument halved: the head (build 1) on both slides, its reasons (builds 2...) shared out.

    A part with one reason only comes back as it was.
    """
    head = {i: b for i, b in part.builds.items() if b == 1}
    branches = sorted({b for b in part.builds.values() if b > 1})
    if part.kind != "line" or len(branches) < 2:
        return [part]
    half = len(branches) // 2
    out = []
    for chosen in (branches[:half], branches[half:]):
        builds = dict(head)
        for n, b in enumerate(chosen, start=2):
            builds.update({i: n for i, x in part.builds.items() if x == b})
        out.append(Part(kind="line", focus=part.focus, relation=part.relation, builds=builds))
    return out


def plan(m: ArgumentMap, *, max_statements: int = 9) -> list[Part]:
    """The deck's parts in the order a speaker tells them.

    For each relation into the main claim, in the map's order: a support gives the line of argument
    (split over several slides when it has more than ``max_statements`` statements), followed by the
    objections raised against that line; an attack on the main claim gives an objection slide. Every
    objection comes once, with its answers; objections not reached that way come last.

    Examples
    --------
    >>> m = ArgumentMap.model_validate({"main_claim": "c", "statements": [{"id": "c", "claim": "C"},
    ...     {"id": "p", "claim": "P"}, {"id": "e", "evidence": "E"}, {"id": "o", "claim": "O"}, {"id": "x", "claim": "X"}],
    ...     "relations": [{"id": "s", "support": "p", "target": "c"}, {"id": "s2", "support": "e", "target": "p"},
    ...                   {"id": "a", "attack": "o", "target": "p"}, {"id": "b", "attack": "x", "target": "o"}]})
    >>> [(p.kind, p.focus, p.builds) for p in plan(m)]
    [('line', 'p', {'p': 1, 's2': 2, 'e': 2}), ('objection', 'o', {'p': 1, 'a': 1, 'o': 1, 'b': 2, 'x': 2})]
    """
    main = main_claim(m)
    if main is None:
        return []
    idx = _Index(m)
    objections = [r.id for r in m.relations if r.type in _ATTACKS and not _is_answer(m, idx, r.id)]
    placed: set[str] = set()
    parts: list[Part] = []
    for rel in idx.into.get(main, []):
        rid = rel.id
        kind = rel.type
        if kind in _SUPPORTS:
            lines = _line(idx, rid, max_statements)
            parts.extend(lines)
            inside = {i for p in lines for i in p.builds if i != main}
            for oid in objections:
                if oid not in placed and (idx.rels[oid].target in inside):
                    placed.add(oid)
                    parts.append(_objection(m, idx, oid))
        elif rid in objections and rid not in placed:
            placed.add(rid)
            parts.append(_objection(m, idx, rid))
    parts.extend(_objection(m, idx, oid) for oid in objections if oid not in placed)
    # attacks shown nowhere yet (answers in a ring of mutual attacks, with no first objection) get a slide too
    shown = {i for p in parts for i in p.builds}
    for rel in m.relations:
        if rel.type in _ATTACKS and rel.id not in shown:
            part = _objection(m, idx, rel.id)
            parts.append(part)
            shown.update(part.builds)
    return parts
