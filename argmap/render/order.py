"""The order in which a map is told on slides: the main claim, its pillars, then each line of argument.

A build is a list of steps; each step names the statements and relations it reveals. The rules
(checked by the tests on the essay and on random maps): step 1 is the main claim alone; step 2 adds
the pillars (what directly supports or attacks it); then each line of argument follows with its
evidence, in the map's order; every objection (an attack or undercut) is answered no later than
the step after the one that shows it; no step adds more than :data:`MAX_NEW` statements; no step adds
no statement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from argmap.model import ArgumentMap

__all__ = ["MAX_NEW", "step_order"]

MAX_NEW = 6  # statements a step may add: what an audience takes in at once
_ATTACKS = ("attack", "undercut")
_SUPPORTS = ("support", "rephrase")


def _main(m: ArgumentMap) -> str | None:
    if m.main_claim:
        return m.main_claim
    if not m.statements:
        return None
    premises = {p for rel in m.relations for p in rel.premises}
    counts = {st.id: 0 for st in m.statements}
    for rel in m.relations:
        if rel.target in counts:
            counts[rel.target] += 1
    roots = [sid for sid in counts if sid not in premises] or list(counts)
    return max(roots, key=lambda sid: counts[sid])


@dataclass
class _Teller:
    """Walks the map in the order of telling and collects units (a relation with its new premises)."""

    m: ArgumentMap
    into: dict[str, list[Any]] = field(default_factory=dict)
    shown: set[str] = field(default_factory=set)
    units: list[tuple[list[str], int, bool]] = field(default_factory=list)  # ids, new statements, break before

    def __post_init__(self) -> None:
        for rel in self.m.relations:
            if rel.type != "preference":
                self.into.setdefault(rel.target, []).append(rel)

    def unit(self, rel: Any, *, new_step: bool = False) -> list[str]:
        """Reveal one relation with its premises not shown yet; returns those premises."""
        self.shown.add(rel.id)
        new = [p for p in rel.premises if p not in self.shown and self.m.has_statement(p)]
        self.shown.update(new)
        self.units.append(([*new, rel.id], len(new), new_step))
        return new

    def tell(self, start: list[tuple[str, bool]], *, new_step: bool = False) -> None:
        """Tell everything below the given (element, answers first) pairs, depth first, without recursion."""
        stack: list[tuple[str, Any, bool]] = [("node", node, first) for node, first in reversed(start)]
        pending_break = new_step
        while stack:
            kind, item, first = stack.pop()
            if kind == "node":
                rels = [r for r in self.into.get(item, []) if r.id not in self.shown]
                supports = [r for r in rels if r.type in _SUPPORTS]
                attacks = [r for r in rels if r.type in _ATTACKS]
                ordered = attacks + supports if first else supports + attacks
                stack.extend(("rel", r, False) for r in reversed(ordered))
                continue
            rel = item
            if rel.id in self.shown:
                continue
            new = self.unit(rel, new_step=pending_break)
            pending_break = False
            if rel.type in _ATTACKS:  # an objection: its answers come first, right after it (also on premises shown before)
                follow = [(rel.id, True)] + [(p, True) for p in rel.premises if self.m.has_statement(p)]
            else:
                follow = [(p, False) for p in new] + [(rel.id, True)]
            stack.extend(("node", node, answers_first) for node, answers_first in reversed(follow))


@dataclass
class _Unit:
    statements: list[str]
    relations: list[str]
    new_step: bool
    answers: list[int] = field(default_factory=list)  # the units (objections) this one answers
    needs: set[int] = field(default_factory=set)  # the units that show what its relations connect
    pillar: bool = False


def _units(m: ArgumentMap, told: list[tuple[list[str], int, bool]], pillars: int) -> list[_Unit]:
    """Split the told units into at most MAX_NEW statements each and link every answer to its objections."""
    units: list[_Unit] = []
    unit_of: dict[str, int] = {}  # statement or relation id -> index of the unit that shows it
    for t, (ids, n, new_step) in enumerate(told):
        statements, rel_ids = ids[:n], ids[n:]
        chunks = [statements[k : k + MAX_NEW] for k in range(0, len(statements), MAX_NEW)] or [[]]
        for k, chunk in enumerate(chunks):
            last = k == len(chunks) - 1
            units.append(_Unit(chunk, rel_ids if last else [], new_step and k == 0, pillar=t < pillars))
            unit_of.update(dict.fromkeys(chunk, len(units) - 1))
        unit_of.update(dict.fromkeys(rel_ids, len(units) - 1))
    for i, u in enumerate(units):
        for rid in u.relations:
            if m.has_relation(rid):
                rel = m.relation(rid)
                u.needs.update(unit_of[x] for x in (*rel.premises, rel.target) if x in unit_of and unit_of[x] != i)
    for rel in m.relations:
        if rel.type not in _ATTACKS or rel.id not in unit_of:
            continue
        for other in m.relations:  # rel answers an objection that it attacks or whose premise it attacks
            hits = other.type in _ATTACKS and other.id != rel.id and (rel.target == other.id or rel.target in other.premises)
            if hits and other.id in unit_of and unit_of[other.id] != unit_of[rel.id]:
                units[unit_of[rel.id]].answers.append(unit_of[other.id])
    return units


def _pack(units: list[_Unit], first: list[str]) -> list[list[str]]:
    """Put units into steps of at most MAX_NEW new statements, in order; an answer due (its objection
    was shown on the step before) goes first on a step; a unit adding no statement joins the step it is reached on."""
    steps: list[list[str]] = [list(first)]
    step_of: dict[int, int] = {}
    answered_by: dict[int, list[int]] = {}
    for i, u in enumerate(units):
        for x in u.answers:
            answered_by.setdefault(x, []).append(i)
    last_step: list[int] = []  # the units placed on the step before
    nxt = 0  # the next unit in telling order
    while nxt < len(units):
        k = len(steps)
        steps.append([])
        count = 0
        due_load = 0  # statements of answers that this step's objections leave for the next step

        placed: list[int] = []

        def owed(i: int) -> int:
            return min(MAX_NEW, sum(len(units[a].statements) for a in answered_by.get(i, ()) if a not in step_of))

        def place(i: int, k: int = k, placed: list[int] = placed) -> None:
            nonlocal count, due_load
            steps[-1].extend(units[i].statements + units[i].relations)
            count += len(units[i].statements)
            due_load += owed(i)
            step_of[i] = k
            placed.append(i)

        # answers due now go first: one for each objection of the step before, then the others
        firsts = [next((a for a in answered_by.get(x, ()) if a not in step_of), None) for x in last_step]
        rest = [a for x in last_step for a in answered_by.get(x, ())]
        for i in dict.fromkeys([a for a in firsts if a is not None] + rest):
            ready = i not in step_of and all(n in step_of for n in units[i].needs)
            if ready and count + len(units[i].statements) <= MAX_NEW:
                place(i)
        while nxt < len(units):
            if nxt in step_of:
                nxt += 1
                continue
            u = units[nxt]
            full = count + len(u.statements) > MAX_NEW or (not u.pillar and due_load + owed(nxt) > MAX_NEW)
            if u.statements and count and (u.new_step or full):
                break  # (an objection whose answers would not fit on the next slide waits for a fresh one)
            place(nxt)
            nxt += 1
        last_step = placed
    relations = {r for u in units for r in u.relations}
    merged: list[list[str]] = []
    for ids in steps:  # a step of relations only joins the one before
        if merged and all(i in relations for i in ids):
            merged[-1].extend(ids)
        elif ids:
            merged.append(ids)
    return merged


def step_order(m: ArgumentMap) -> list[list[str]]:
    """The ids (statements and relations) revealed at each step of a slide build.

    Step 1 is the main claim; step 2 its pillars (the claims that directly support or attack it, the
    attacks last); then each line of argument with its evidence, objections and their answers, in
    the map's order. An objection's answers follow it directly, and an answer still due when its
    objection's step is over opens the next step, so every objection is answered on the same slide
    or the next one.
    No step adds more than :data:`MAX_NEW` statements and none adds only relations. Whatever is not
    connected to the main claim comes last.

    Examples
    --------
    >>> m = ArgumentMap.model_validate({"main_claim": "c", "statements": [{"id": "c", "claim": "C"},
    ...     {"id": "e", "evidence": "E"}, {"id": "o", "claim": "O"}, {"id": "x", "claim": "X"}],
    ...     "relations": [{"id": "s", "support": "e", "target": "c"}, {"id": "a", "attack": "o", "target": "c"},
    ...                   {"id": "b", "attack": "x", "target": "o"}]})
    >>> step_order(m)
    [['c'], ['e', 's', 'o', 'a'], ['x', 'b']]
    """
    main = _main(m)
    if main is None:
        return []
    teller = _Teller(m)
    teller.shown.add(main)
    pillars = teller.into.get(main, [])
    pillars = [r for r in pillars if r.type in _SUPPORTS] + [r for r in pillars if r.type in _ATTACKS]
    lines: list[tuple[Any, list[str]]] = []
    for n, rel in enumerate(pillars):
        lines.append((rel, teller.unit(rel, new_step=n == 0)))
    for rel, new in lines:
        answers = rel.type in _ATTACKS
        starts = [(rel.id, True)] + [(p, answers) for p in new] if answers else [(p, False) for p in new] + [(rel.id, True)]
        teller.tell(starts, new_step=True)
    rest = [st for st in m.statements if st.id not in teller.shown]
    for st in rest:  # what is not connected to the main claim: each piece told from its own top
        if st.id not in teller.shown:
            teller.shown.add(st.id)
            teller.units.append(([st.id], 1, False))
            teller.tell([(st.id, False)])
    leftover = [rel.id for rel in m.relations if rel.id not in teller.shown]
    if leftover:
        teller.units.append((leftover, 0, False))
    return _pack(_units(m, teller.units, len(pillars)), [main])
