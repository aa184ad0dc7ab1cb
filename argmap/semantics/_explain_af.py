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
    if len(exts) <= 1:
        lines = _reasons(fw, idx, lab, semantics, attackers, named)
    else:
        count = sum(1 for e in exts if idx in e)
        word = _WORD[lab[idx]]
        lines = [f"{name} is {word} under {semantics} semantics (sceptical label): in {count} of the {len(exts)} {semantics} extensions."]
        for k, ext in enumerate(exts[:4], 1):
            one = dung.labelling_of(fw, ext)  # a complete labelling: every IN and OUT has its reason in it
            reasons = _reasons(fw, idx, one, semantics, attackers, named)
            lines.append(f"  In extension {k} ({', '.join(fw.names[i] for i in ext) or 'nothing'}): " + reasons[0])
            lines.extend("  " + line for line in reasons[1:])
        if len(exts) > 4:
            lines.append(f"  ... and {len(exts) - 4} more extensions.")
    return {"label": _WORD[lab[idx]], "strength": None, "text": "\n".join(lines), "ids": list(mentioned)}


def _reasons(fw: Framework, idx: int, lab: bytearray, semantics: str, attackers: list[list[int]], named: Any) -> list[str]:
    """Why argument ``idx`` has its label in ``lab``: a head line and one line per attacker."""
    name = fw.names[idx]
    word = _WORD[lab[idx]]
    mine = attackers[idx]
    if word == "IN":
        lines = [f"{name} is {word} under {semantics} semantics: " + ("nothing attacks it." if not mine else "every attacker is OUT.")]
        for a in mine:
            defenders = [d for d in attackers[a] if lab[d] == dung.IN]
            if defenders:
                lines.append(f"  - {named([a])} is OUT, defeated by {named(defenders)} (IN).")
            else:
                lines.append(f"  - {named([a])} is OUT in every extension, defeated by a different argument in each.")
        return lines
    if word == "OUT":
        winners = [a for a in mine if lab[a] == dung.IN]
        if winners:
            return [f"{name} is OUT under {semantics} semantics: attacked by {named(winners)} (IN)."]
        return [f"{name} is OUT under {semantics} semantics in every extension, by {named(mine)}, a different one in each."]
    open_ = [a for a in mine if lab[a] == dung.UNDEC]
    if open_:
        return [f"{name} is UNDEC under {semantics} semantics: its attackers {named(open_)} are UNDEC."]
    return [f"{name} is UNDEC under {semantics} semantics: accepted in some extensions and rejected in others."]
