"""``explain``: why a statement is IN, OUT or UNDEC (or this strong), as text and as the focus map that shows it."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from argmap.errors import ArgmapError
from argmap.model import ArgumentMap, Attack, Preference, Rephrase, Support, Undercut
from argmap.semantics import dung, gradual
from argmap.semantics.evaluation import SEMANTICS, Label, dung_labelling, prepare
from argmap.semantics.framework import Framework
from argmap.semantics.translate import Translation, inferences

__all__ = ["Explanation", "explain"]

AnyRelation = Support | Attack | Undercut | Rephrase | Preference
_WORD: dict[int, Label] = {dung.IN: "IN", dung.OUT: "OUT", dung.UNDEC: "UNDEC"}


class Explanation(BaseModel):
    """Why one statement has its label (or strength): a text, the ids it mentions, and the map that shows it."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    statement: str
    semantics: str
    label: Label | None = None
    strength: float | None = None
    text: str
    ids: list[str]
    relations: list[str]
    focus: ArgumentMap | None = None

    def __str__(self) -> str:
        return self.text


def _quote(m: ArgumentMap, sid: str, lang: str | None) -> str:
    text = m.text_of(sid, lang)
    return f"{sid} ({text if len(text) <= 70 else text[:67] + '...'!r})"


class _Explainer:
    def __init__(self, m: ArgumentMap, tr: Translation, lang: str | None) -> None:
        self.m, self.tr, self.lang = m, tr, lang
        self.names = tr.framework.names
        self.into: dict[str, list[AnyRelation]] = {}
        for rel in m.relations:
            if rel.id in tr.sources:
                self.into.setdefault(rel.target, []).append(rel)
        self.statements: dict[str, None] = {}
        self.relations: dict[str, None] = {}

    def show(self, rel: AnyRelation) -> str:
        self.relations[rel.id] = None
        self.statements.update(dict.fromkeys(rel.premises))
        who = " + ".join(_quote(self.m, p, self.lang) for p in rel.premises)
        return f"{rel.type} {rel.id} from {who}"

    def attacks_on(self, target: str) -> list[AnyRelation]:
        return [r for r in self.into.get(target, []) if r.type in ("attack", "undercut")]

    def supports_of(self, target: str) -> list[AnyRelation]:
        return [r for r in self.into.get(target, []) if r.type == "support"]


def explain(
    m: ArgumentMap | Framework,
    id: str,  # noqa: A002 - the domain word
    semantics: str = "grounded",
    *,
    lang: str | None = None,
    **options: Any,
) -> Explanation:
    """Explain the status of statement ``id`` under ``semantics``.

    For a Dung semantics: an OUT statement names the attacks that defeat it; an IN statement
    names, for each attack on it, why that attack fails (its premise is defeated, and by what;
    or an undercut stands); an UNDEC statement names the attacks left undecided. For a gradual
    semantics: the base score and each attacker's and supporter's strength. ``focus`` is the
    part of the map the text mentions, a new :class:`~argmap.model.ArgumentMap` (``None`` when
    ``m`` is a plain :class:`~argmap.semantics.framework.Framework`, explained in argument names).

    Examples
    --------
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap.model_validate({"statements": [{"id": "c", "claim": "C"},
    ...     {"id": "o", "claim": "Objection"}, {"id": "r", "claim": "Reply"}],
    ...     "relations": [{"id": "a1", "attack": "o", "target": "c"}, {"id": "a2", "attack": "r", "target": "o"}]})
    >>> e = explain(m, "c")
    >>> e.label, e.ids
    ('IN', ['c', 'o', 'r'])
    >>> print(e.text)
    c ('C') is IN under grounded semantics: every attack on it fails.
      - attack a1 from o ('Objection') fails: o is OUT, defeated by attack a2 from r ('Reply') (IN).
    >>> print(explain(Framework(["a", "b", "c"], [("a", "b"), ("b", "c")]), "c").text)
    c is IN under grounded semantics: every attacker is OUT.
      - b is OUT, defeated by a (IN).
    """
    if semantics not in SEMANTICS:
        raise ArgmapError(f"unknown semantics '{semantics}'; choose one of {', '.join(SEMANTICS)}")
    if isinstance(m, Framework):
        from argmap.semantics._explain_af import explain_framework

        fields = explain_framework(m, id, semantics, options)
        return Explanation(statement=id, semantics=semantics, relations=[], focus=None, **fields)
    if not isinstance(m, ArgumentMap):
        raise ArgmapError(f"explain needs an ArgumentMap or a Framework, not {type(m).__name__}")
    m.statement(id)  # NotFoundError for an unknown id
    tr = prepare(m, default_base_score=options.pop("default_base_score", 0.5))
    ex = _Explainer(m, tr, lang)
    ex.statements[id] = None
    if semantics in gradual.GRADUAL_SEMANTICS:
        text, label, strength = _explain_gradual(ex, id, semantics, options), None, None
        res = gradual.strengths(tr.framework, semantics, inferences=inferences(tr), **options)  # type: ignore[arg-type]
        strength = res.strengths[tr.framework.index(id)]
    else:
        text, label = _explain_dung(ex, id, semantics, options)
        strength = None
    focus = _submap(m, list(ex.statements), list(ex.relations))
    return Explanation(
        statement=id,
        semantics=semantics,
        label=label,
        strength=strength,
        text=text,
        ids=list(ex.statements),
        relations=list(ex.relations),
        focus=focus,
    )


_SHOWN_EXTENSIONS = 4  # per-extension explanations beyond this many are summed up in one line


def _explain_dung(ex: _Explainer, sid: str, semantics: str, options: dict[str, Any]) -> tuple[str, Label | None]:
    fw = ex.tr.framework
    exts, lab = dung_labelling(fw, semantics, limit=options.get("limit", 1000), timeout=options.get("timeout", 60.0))
    head = f"{_quote(ex.m, sid, ex.lang)}"
    if lab is None:
        return f"{head} has no label: the framework has no {semantics} extension (an odd cycle of attacks, for instance).", None
    idx = fw.index(sid)
    word = _WORD[lab[idx]]
    if len(exts) <= 1:
        summary, lines = _reasons(ex, sid, lab)
        text = "\n".join([f"{head} is {word} under {semantics} semantics: {summary}", *lines, *_downstream(ex, sid, lab)])
        return text, word
    count = sum(1 for e in exts if idx in e)
    parts = [f"{head} is {word} under {semantics} semantics (sceptical label): in {count} of the {len(exts)} {semantics} extensions."]
    for k, ext in enumerate(exts[:_SHOWN_EXTENSIONS], 1):
        one = dung.labelling_of(fw, ext)  # a complete labelling: every IN and OUT has its reason in it
        members = ", ".join(fw.names[i] for i in ext if i < fw.n_statements) or "nothing"
        summary, lines = _reasons(ex, sid, one)
        parts.append(f"  In extension {k} ({members}) it is {_WORD[one[idx]]}: {summary}")
        parts.extend("  " + line for line in [*lines, *_downstream(ex, sid, one)])
    if len(exts) > _SHOWN_EXTENSIONS:
        parts.append(f"  ... and {len(exts) - _SHOWN_EXTENSIONS} more extensions.")
    return "\n".join(parts), word


def _reasons(ex: _Explainer, sid: str, lab: bytearray) -> tuple[str, list[str]]:
    """Why ``sid`` has its label in the (complete or sceptical) labelling ``lab``: a summary and one line per attack."""
    fw = ex.tr.framework

    def status(rel: AnyRelation) -> int:
        return lab[ex.tr.sources[rel.id]]

    def why_out(rel: AnyRelation) -> str:
        """Why the force of an attack (or undercut) relation is OUT."""
        if rel.id in ex.tr.relation_arguments:
            out_premises = [p for p in rel.premises if lab[fw.index(p)] == dung.OUT]
            if out_premises:
                if len(out_premises) == 1:
                    return f"its premise {out_premises[0]} is OUT"
                return "its premises " + ", ".join(out_premises[:-1]) + f" and {out_premises[-1]} are OUT"
            cuts = [u for u in ex.attacks_on(rel.id) if status(u) == dung.IN]
            if cuts:
                return "it is undercut by " + "; ".join(ex.show(u) + " (IN)" for u in cuts)
            return "it is defeated in every extension, by different undercuts"
        premise = rel.premises[0]
        winners = [a for a in ex.attacks_on(premise) if status(a) == dung.IN]
        if not winners:
            return f"{premise} is OUT in every extension, defeated by a different attack in each"
        return f"{premise} is OUT, defeated by " + "; ".join(ex.show(a) + " (IN)" for a in winners)

    attacks = ex.attacks_on(sid)
    word = _WORD[lab[fw.index(sid)]]
    if word == "IN":
        summary = "nothing attacks it." if not attacks else "every attack on it fails."
        return summary, [f"  - {ex.show(r)} fails: {why_out(r)}." for r in attacks]
    if word == "OUT":
        winners = [r for r in attacks if status(r) == dung.IN]
        if winners:
            return "it is defeated.", [f"  - {ex.show(r)} stands (IN)." for r in winners]
        return "it is defeated in every extension, though by different attacks.", [
            f"  - {ex.show(r)} ({_WORD[status(r)]})." for r in attacks
        ]
    open_ = [r for r in attacks if status(r) == dung.UNDEC]
    if open_:
        return "no attack on it is settled either way.", [f"  - {ex.show(r)} is itself UNDEC." for r in open_]
    return "it is accepted in some extensions and rejected in others.", [f"  - {ex.show(r)} ({_WORD[status(r)]})." for r in attacks]


def _downstream(ex: _Explainer, sid: str, lab: bytearray) -> list[str]:
    """What ``sid`` bears on, with the undercuts of those relations: what its status means downstream."""
    fw = ex.tr.framework
    lines: list[str] = []
    for rel in ex.m.relations:
        if sid not in rel.premises or rel.type not in ("support", "attack", "undercut") or rel.id not in ex.tr.sources:
            continue
        ex.relations[rel.id] = None
        ex.statements.update(dict.fromkeys(rel.premises))
        cuts = [u for u in ex.attacks_on(rel.id) if u.type == "undercut"]
        cut_text = "".join(f", undercut by {ex.show(u)} ({_WORD[lab[ex.tr.sources[u.id]]]})" for u in cuts)
        if rel.type == "undercut":
            inner = ex.tr.relation_arguments.get(rel.target)
            state = "" if inner is None else f", which is {_WORD[lab[inner]]}"
            lines.append(f"  - it undercuts relation {rel.target} ({rel.type} {rel.id}{cut_text}){state}.")
            continue
        ex.statements[rel.target] = None
        verb = "supports" if rel.type == "support" else "attacks"
        status_of_target = _WORD[lab[fw.index(rel.target)]]
        lines.append(f"  - it {verb} {_quote(ex.m, rel.target, ex.lang)} ({rel.type} {rel.id}{cut_text}), which is {status_of_target}.")
    if any(r.type == "support" and sid in r.premises for r in ex.m.relations):
        lines.append("  (Under Dung semantics supports do not change labels; dfquad and qe weigh them.)")
    return lines


def _explain_gradual(ex: _Explainer, sid: str, semantics: str, options: dict[str, Any]) -> str:
    fw = ex.tr.framework
    res = gradual.strengths(fw, semantics, inferences=inferences(ex.tr), **options)  # type: ignore[arg-type]
    idx = fw.index(sid)
    base = gradual.DEFAULT_BASE_SCORE if fw.base_scores is None else fw.base_scores[idx]
    head = f"{_quote(ex.m, sid, ex.lang)} has strength {res.strengths[idx]:.3f} under {semantics} (base score {base:.2f})"
    if not res.converged:
        head += f", not converged after {res.iterations} iterations"
    lines = []
    for kind, rels in (("attacked by", ex.attacks_on(sid)), ("supported by", ex.supports_of(sid))):
        for rel in rels:
            force = res.strengths[ex.tr.sources[rel.id]]
            weight = 1.0 if rel.strength is None else rel.strength
            lines.append(f"  - {kind} {ex.show(rel)}: strength {force:.3f}" + (f" x weight {weight:.2f}" if weight != 1.0 else ""))
    if not lines:
        return head + ": nothing attacks or supports it, so it keeps its base score."
    return "\n".join([head + ":", *lines])


def _submap(m: ArgumentMap, statement_ids: list[str], relation_ids: list[str]) -> ArgumentMap:
    """A new map of the given statements and those of the given relations that lie within them."""
    keep = set(statement_ids)
    wanted = set(relation_ids)
    relations = [r for r in m.relations if r.id in wanted and set(r.premises) <= keep]
    while True:  # drop undercuts of relations that were dropped, until none is left dangling
        kept_rel = {r.id for r in relations}
        fewer = [r for r in relations if r.target in keep or r.target in kept_rel]
        if len(fewer) == len(relations):
            break
        relations = fewer
    statements = [st for st in m.statements if st.id in keep]
    used_sources = {a.source for st in statements for a in st.anchors}
    payload: dict[str, Any] = {
        "id": m.id,
        "title": m.title,
        "titles": dict(m.titles),  # an English drawing of the part keeps the English title
        "language": m.language,
        "main_claim": m.main_claim if m.main_claim in keep else None,
        "sources": [s.model_dump() for s in m.sources if s.id in used_sources],
        "statements": [st.model_dump() for st in statements],
        "relations": [r.model_dump() for r in relations],
        "metadata": dict(m.metadata),
    }
    return ArgumentMap.model_validate(payload)
