"""Explanations for a plain framework: the same reasoning as for a map, in argument names (no texts, no focus map)."""

from __future__ import annotations

from typing import Any

from argmap.errors import NotFoundError
from argmap.semantics import dung, gradual
from argmap.semantics.evaluation import Label, dung_labelling
from argmap.semantics.framework import Framework

__all__ = ["explain_framework"]

_WORD: dict[int, Label] = {dung.IN: "IN", dung.OUT: "OUT", dung.UNDEC: "UNDEC"}


def explain_framework(fw: Framework, name: str, semantics: str, options: dict[str, Any]) -> dict[str, Any]:
    """The fields of an :class:`~argmap.semantics.explain.Explanation` for argument ``name`` of ``fw``."""
    idx = fw.index(name)
    if idx >= fw.n_statements:
        raise NotFoundError(f"unknown statement '{name}'", id=name)
    attackers = fw.attackers()
    mentioned: dict[str, None] = {name: None}

    def named(items: list[int]) -> str:
        mentioned.update(dict.fromkeys(fw.names[a] for a in items))
        return ", ".join(fw.names[a] for a in items)

    if semantics in gradual.GRADUAL_SEMANTICS:
        res = gradual.strengths(fw, semantics, **options)  # type: ignore[arg-type]
        base = gradual.DEFAULT_BASE_SCORE if fw.base_scores is None else fw.base_scores[idx]
        lines = [f"{name} has strength {res.strengths[idx]:.3f} under {semantics} (base score {base:.2f})"]
        lines += [f"  - attacked by {named([a])}: strength {res.strengths[a]:.3f}" for a in attackers[idx]]
        supporters = [a for a, b in zip(fw.support_from, fw.support_to, strict=True) if b == idx]
        lines += [f"  - supported by {named([a])}: strength {res.strengths[a]:.3f}" for a in supporters]
        return {"label": None, "strength": res.strengths[idx], "text": "\n".join(lines), "ids": list(mentioned)}
    limit, timeout = options.get("limit", 1000), options.get("timeout", 60.0)
    exts, lab = dung_labelling(fw, semantics, limit=limit, timeout=timeout)
    if lab is None:
        text = f"{name} has no label: the framework has no {semantics} extension."
        return {"label": None, "strength": None, "text": text, "ids": [name]}
    word = _WORD[lab[idx]]
    mine = attackers[idx]
    if word == "IN":
        lines = [f"{name} is {word} under {semantics} semantics: " + ("nothing attacks it." if not mine else "every attacker is OUT.")]
        for a in mine:
            defenders = [d for d in attackers[a] if lab[d] == dung.IN]
            lines.append(f"  - {named([a])} is OUT, defeated by {named(defenders)} (IN).")
    elif word == "OUT":
        lines = [f"{name} is OUT under {semantics} semantics: attacked by {named([a for a in mine if lab[a] == dung.IN])} (IN)."]
    else:
        open_ = [a for a in mine if lab[a] == dung.UNDEC]
        lines = [f"{name} is UNDEC under {semantics} semantics: its attackers {named(open_)} are UNDEC."]
    if len(exts) > 1:
        count = sum(1 for e in exts if idx in e)
        lines[0] += f" It is in {count} of the {len(exts)} {semantics} extensions; the label is the sceptical one."
    return {"label": word, "strength": None, "text": "\n".join(lines), "ids": list(mentioned)}
