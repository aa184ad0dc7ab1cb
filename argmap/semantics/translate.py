"""The translation of an argument map into a :class:`~argmap.semantics.framework.Framework`.

The rules (the reasons are in ``docs/decisions/map-to-framework.md``):

1. Every statement is an argument (indices ``0 .. k-1``, in map order, named by statement id).
2. A plain attack (one premise, not undercut) is an attack ``premise -> target``; a plain support is
   a support ``premise -> target``. The relation's ``strength`` is the edge weight (default 1.0),
   used by the gradual semantics only.
3. A relation that is *linked* (several premises) or *undercut* becomes an auxiliary argument named
   by the relation id, the way AIF and ASPIC+ treat an inference. It stands when all its premises
   stand and no undercut of it stands: each premise ``p`` gets one auxiliary argument ``¬p``
   (``p`` attacks ``¬p``), and every ``¬p`` attacks the relation's argument. So the relation's
   argument is OUT as soon as one premise is OUT (``¬p`` is then IN), IN when every premise is IN
   and nothing undercuts it, and UNDEC otherwise. The relation's argument then attacks (or supports)
   the target.
4. An undercut attacks the argument of the relation it targets (so an undercut defeats an attack's
   or a support's inference, never its premises or conclusion).
5. Rephrase and preference relations are not part of the framework.

Auxiliary arguments have base score 1.0; statements have their ``base_score`` or the default.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.model import ArgumentMap
from argmap.semantics.framework import Framework

__all__ = ["Translation", "inferences", "to_framework"]

_TRANSLATED = ("attack", "support", "undercut")
NEGATION = "¬"  # auxiliary "premise p does not stand" arguments are named "¬p"


@dataclass(frozen=True)
class Translation:
    """A map's framework and how its relations became arguments.

    ``relation_arguments`` maps the id of every linked or undercut relation to its auxiliary
    argument; ``sources`` maps every translated relation id to the argument that carries its
    force (its one premise, or its auxiliary argument).
    """

    framework: Framework
    relation_arguments: dict[str, int] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)
    negations: frozenset[int] = frozenset()


def to_framework(m: ArgumentMap, *, default_base_score: float = 0.5) -> Translation:
    """Translate a map into a framework by the rules in this module's docstring.

    Examples
    --------
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap.model_validate({"statements": [
    ...     {"id": "c", "claim": "C"}, {"id": "a", "claim": "A"}, {"id": "b", "claim": "B"},
    ...     {"id": "u", "claim": "U"}],
    ...     "relations": [{"id": "r1", "attack": ["a", "b"], "target": "c"},
    ...                   {"id": "r2", "undercut": "u", "target": "r1"}]})
    >>> t = to_framework(m)
    >>> list(t.framework.names)
    ['c', 'a', 'b', 'u', 'r1', '¬a', '¬b']
    >>> sorted(t.framework.attack_pairs())
    [('a', '¬a'), ('b', '¬b'), ('r1', 'c'), ('u', 'r1'), ('¬a', 'r1'), ('¬b', 'r1')]
    """
    if not 0.0 <= default_base_score <= 1.0:
        from argmap.errors import ArgmapError

        raise ArgmapError(f"default_base_score is {default_base_score}; it must be between 0 and 1")
    names: list[str] = [st.id for st in m.statements]
    base: list[float] = [default_base_score if st.base_score is None else st.base_score for st in m.statements]
    index = {nm: i for i, nm in enumerate(names)}
    relations = [r for r in m.relations if r.type in _TRANSLATED]
    translated_ids = {r.id for r in relations}
    undercut = {r.target for r in relations if r.type == "undercut" and r.target in translated_ids}

    def new_argument(name: str) -> int:
        index[name] = len(names)
        names.append(name)
        base.append(1.0)
        return index[name]

    attacks: list[tuple[int, int]] = []
    weights: list[float] = []
    relation_arguments: dict[str, int] = {}
    sources: dict[str, int] = {}
    negations: dict[str, int] = {}
    for rel in relations:
        if len(rel.premises) == 1 and rel.id not in undercut:
            sources[rel.id] = index[rel.premises[0]]
            continue
        node = new_argument(rel.id)
        relation_arguments[rel.id] = sources[rel.id] = node
        for p in rel.premises:
            neg = negations.get(p)
            if neg is None:
                neg = negations[p] = new_argument(NEGATION + p)
                attacks.append((index[p], neg))
                weights.append(1.0)
            attacks.append((neg, node))
            weights.append(1.0)
    supports: list[tuple[int, int]] = []
    support_weights: list[float] = []
    for rel in relations:
        weight = 1.0 if rel.strength is None else rel.strength
        if rel.type == "support":
            supports.append((sources[rel.id], index[rel.target]))
            support_weights.append(weight)
        else:  # attack on a statement, or undercut of a relation's argument
            target = relation_arguments.get(rel.target) if rel.type == "undercut" else index[rel.target]
            if target is None:  # undercut of a relation that is not translated (rephrase, preference)
                continue
            attacks.append((sources[rel.id], target))
            weights.append(weight)
    fw = Framework(
        names,
        attacks,
        supports=supports,
        base_scores=base,
        attack_weights=weights,
        support_weights=support_weights,
        n_statements=len(m.statements),
    )
    return Translation(fw, relation_arguments, sources, frozenset(negations.values()))


def inferences(tr: Translation) -> dict[int, tuple[list[int], list[tuple[int, float]]]]:
    """For each relation argument: its premises and its undercutters (with weights), for the gradual semantics.

    The gradual semantics score a relation argument as the product of its premises weakened by its
    undercuts only (see :mod:`argmap.semantics.gradual`), not through the ``¬p`` arguments the Dung
    semantics use.

    Examples
    --------
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap.model_validate({"statements": [{"id": "c", "claim": "C"}, {"id": "p", "claim": "P"},
    ...     {"id": "u", "claim": "U"}], "relations": [{"id": "r1", "support": "p", "target": "c"},
    ...     {"id": "r2", "undercut": "u", "target": "r1"}]})
    >>> inferences(to_framework(m))
    {3: ([1], [(2, 1.0)])}
    """
    fw = tr.framework
    if not tr.relation_arguments:
        return {}
    out: dict[int, tuple[list[int], list[tuple[int, float]]]] = {r: ([], []) for r in tr.relation_arguments.values()}
    weights = fw.attack_weights
    pairs = list(zip(fw.attack_from, fw.attack_to, strict=True))
    premise_of = {b: a for a, b in pairs if b in tr.negations}  # ¬p is attacked by p alone
    for k, (a, b) in enumerate(pairs):
        if b in out:
            if a in tr.negations:
                out[b][0].append(premise_of[a])
            else:
                out[b][1].append((a, 1.0 if weights is None else weights[k]))
    return out
