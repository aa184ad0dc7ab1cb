"""What the AIF and SADFace readers share: bounded JSON, node-by-node warnings, relations repaired one way, the main claim.

Both formats are graphs of text nodes and "scheme" nodes that a foreign tool wrote; argmap's model is
stricter. The rule, the same for every malformed scheme node: what argmap can represent is kept (a
premise that is also the conclusion is taken out of the premises), what it cannot is dropped with a
warning that names the node, and one bad node never refuses the whole file.
"""

from __future__ import annotations

import json
import re
import warnings
from typing import Any

from argmap._json import load_json as _load_json
from argmap.errors import FormatError, FormatWarning, InvalidMapError, Problem
from argmap.formats._validate import validate_map
from argmap.model import ArgumentMap

__all__ = ["Warner", "infer_main_claim", "load_json", "repair_relations", "short_value", "validate_dropping"]

_MAX_WARNINGS = 20  # per file; the rest are counted in one last warning


def load_json(text: str, filename: str | None) -> Any:
    """The project's bounded JSON loader (:func:`argmap._json.load_json`): deep nesting, huge numbers, ``NaN``
    and bad syntax end in a clear error with line and column."""
    return _load_json(text, file=filename)


class Warner:
    """Warnings about one file, each naming its place; after the first few, only counted."""

    def __init__(self, filename: str | None, label: str) -> None:
        self.where = filename or label
        self.count = 0

    def __call__(self, message: str) -> None:
        self.count += 1
        if self.count <= _MAX_WARNINGS:
            warnings.warn(f"{self.where}: {message}", FormatWarning, stacklevel=3)

    def close(self) -> None:
        if self.count > _MAX_WARNINGS:
            more = self.count - _MAX_WARNINGS
            warnings.warn(f"{self.where}: {more:,} more warnings like these were not shown", FormatWarning, stacklevel=3)


def repair_relations(relations: list[dict[str, Any]], statements: set[str], names: dict[str, str], warn: Warner) -> list[dict[str, Any]]:
    """Keep what argmap can represent of each relation, drop the rest with a warning naming the node.

    ``names[relation id]`` says how to name its node in a warning (e.g. ``RA node '12' (nodes[4])``).
    A premise listed twice is listed once; a premise that is also the target is taken out (the relation
    is dropped when none is left); a support or rephrase aimed at another relation, a relation whose
    premise or target is not kept, is dropped; repeated until nothing changes (a dropped relation can
    take an undercut or preference of it along).
    """
    fixed: list[dict[str, Any]] = []
    for rel in relations:
        name = names.get(rel["id"], f"'{rel['id']}'")
        premises = list(dict.fromkeys(rel["premises"]))
        if rel["target"] in premises:
            premises.remove(rel["target"])
            if not premises:
                warn(f"{name} has '{rel['target']}' as its premise and its conclusion; it is not kept")
                continue
            warn(f"{name} has '{rel['target']}' as a premise and its conclusion; kept without that premise")
        fixed.append({**rel, "premises": premises})
    while True:
        kept = {r["id"] for r in fixed}
        out = []
        for rel in fixed:
            reason = _unrepresentable(rel, statements, kept)
            if reason:
                warn(f"{names.get(rel['id'], repr(rel['id']))} {reason}; it is not kept")
            else:
                out.append(rel)
        if len(out) == len(fixed):
            return out
        fixed = out


def _unrepresentable(rel: dict[str, Any], statements: set[str], relations: set[str]) -> str | None:
    kind, target = rel["type"], rel["target"]
    for p in rel["premises"]:
        if p not in statements and not (kind == "preference" and p in relations):
            return f"has premise '{p}', which is not a kept statement"
    if kind == "undercut":
        return None if target in relations and target != rel["id"] else f"undercuts '{target}', which is not a kept relation"
    if kind == "preference":
        return None if target in statements or target in relations else f"prefers over '{target}', which is not kept"
    if target in statements:
        return None
    if target in relations:
        return f"is a {kind} aimed at another relation ('{target}'), which argmap cannot represent"
    return f"has conclusion '{target}', which is not a kept statement"


def infer_main_claim(relations: list[dict[str, Any]]) -> str | None:
    """The one conclusion of a support that supports nothing itself, or None (the formats have no main claim)."""
    roots = {r["target"] for r in relations if r["type"] == "support"} - {p for r in relations for p in r["premises"]}
    return roots.pop() if len(roots) == 1 else None


def validate_dropping(
    out: dict[str, Any], filename: str | None, summary: str, names: dict[str, str], warn: Warner, where: dict[str, str] | None = None
) -> ArgumentMap:
    """Validate the map; a relation the model still refuses is dropped with a warning (a few rounds), else a clear error.

    ``where[\"statements[3]\"]`` gives the JSON path of the node a model path came from, for the error message.
    """
    where = where or {}
    for _ in range(4):
        try:
            return validate_map(out, file=filename)
        except RecursionError:
            problem = Problem("data nested too deeply to validate", file=filename)
            raise FormatError([problem], summary=f"{filename or 'input'}: {summary}") from None
        except InvalidMapError as exc:
            bad: dict[int, str] = {}
            for p in exc.problems:
                head = re.match(r"relations\[(\d+)\]", p.path)
                if head is None:
                    bad = {}
                    break
                bad.setdefault(int(head.group(1)), p.message)
            if not bad:
                problems = []
                for p in exc.problems:
                    head = re.match(r"(statements|relations)\[\d+\]", p.path)
                    node = where.get(head.group()) if head else None
                    path = p.path if len(p.path) <= 200 else p.path[:200] + "..."  # a path 900 levels deep says no more
                    problems.append(Problem(p.message, f"{node} ({path})" if node else path, filename))
                raise FormatError(problems, summary=f"{filename or 'input'}: {summary}") from None
            rels = out["relations"]
            for i, message in bad.items():
                if i < len(rels):
                    warn(f"{names.get(rels[i]['id'], repr(rels[i]['id']))}: {message}; it is not kept")
            out = {**out, "relations": [r for i, r in enumerate(rels) if i not in bad]}
            out["relations"] = repair_relations(out["relations"], {s["id"] for s in out["statements"]}, names, warn)
            if out.get("main_claim") is not None and out["main_claim"] not in {s["id"] for s in out["statements"]}:
                out.pop("main_claim")
    raise FormatError([Problem("too many relations argmap cannot represent", file=filename)], summary=f"{filename or 'input'}: {summary}")


def short_value(value: Any) -> str:
    """A value as a short JSON snippet for a message (a node or edge that was dropped)."""
    try:
        text = json.dumps(value)
    except (TypeError, ValueError, RecursionError):
        text = type(value).__name__
    return text if len(text) <= 40 else text[:37] + "..."
