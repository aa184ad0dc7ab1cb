"""Turn the parts of an Argdown document (:mod:`argmap.formats._argdown_parser`) into map data, with places for errors."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from argmap.errors import Problem
from argmap.formats._argdown_parser import ArgumentDef, Document, Edge, Inference
from argmap.model import ID_PATTERN

__all__ = ["Builder"]

_STATEMENT_KEYS = ("kind", "evidence_type", "title", "holder", "note", "anchors", "base_score", "text", "tags", "data")
_RELATION_KEYS = ("type", "scheme", "strength", "tags", "data")
_NOT_ID = re.compile(r"[^\w.:\-]+")
_ID = re.compile(ID_PATTERN)


def _slug(title: str, taken: set[str], fallback: str) -> str:
    if _ID.fullmatch(title) and title not in taken:
        taken.add(title)
        return title
    base = _NOT_ID.sub("-", title).strip("-.:")[:120] or fallback
    if not re.match(r"\w", base):
        base = f"{fallback}-{base}"
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


class Builder:
    """Turns the parsed parts of an Argdown document into map data, collecting problems with their place."""

    def __init__(self, doc: Document, filename: str | None, *, strict_references: bool = False) -> None:
        self.doc, self.file = doc, filename
        self.strict_references = strict_references
        self.warnings: list[str] = []
        self.problems = list(doc.problems)
        self.taken: set[str] = set()
        self.stmt_id: dict[str, str] = {}
        self.places: dict[str, tuple[int, int]] = {}  # "statements[i]" / "relations[i]" -> (line, col)
        self.statements: list[dict[str, Any]] = []
        self.relations: list[dict[str, Any]] = []
        self.relation_places: list[tuple[int, int, int]] = []  # (line, column, order made) of each relation
        self.step_id: dict[tuple[str, int], str] = {}  # (argument, inference index) -> its relation id
        self.seen: set[tuple[str, str, str, tuple[tuple[str, Any], ...]]] = set()
        self.by_source: dict[tuple[str, str], list[Edge]] = defaultdict(list)
        self.by_target: dict[tuple[str, str], list[Edge]] = defaultdict(list)
        for edge in doc.edges:
            self.by_source[edge.source].append(edge)
            self.by_target[edge.target].append(edge)

    def problem(self, message: str, line: int, col: int) -> None:
        self.problems.append(Problem(message, file=self.file, line=line, column=col))

    def _undefined(self, what: str, line: int, col: int) -> None:
        """A reference to something never defined: Argdown makes it empty; argmap warns (or refuses, if strict)."""
        message = f"{what} is referenced but never defined"
        if self.strict_references:
            self.problem(f"{message}: write {what}: text", line, col)
        else:
            where = f"{self.file}:{line}:{col}" if self.file else f"line {line}, column {col}"
            self.warnings.append(f"{where}: {message}; read with its title as its text")

    def build(self) -> dict[str, Any]:
        fm = dict(self.doc.frontmatter)
        language = str(fm.pop("language", fm.pop("lang", "en")))
        # Arguments: those with premise-conclusion structures or premises and a target are relations,
        # the others are statements (their description is the text).
        self.relation_args: dict[str, ArgumentDef] = {}
        self.pcs_args: dict[str, ArgumentDef] = {}
        node_args: list[ArgumentDef] = []
        for arg in self.doc.arguments.values():
            if arg.pcs or arg.inferences:
                self.pcs_args[arg.title] = arg
            elif self._has_premises(arg) and any(e.kind != "contradiction" for e in self.by_source.get(("a", arg.title), ())):
                self.relation_args[arg.title] = arg
            else:
                node_args.append(arg)
        self.strict = self._strict_mode(fm)
        for st in self.doc.statements.values():
            text = st.text
            if text is None:
                self._undefined(f"[{st.title}]", st.line, st.column)
                text = st.title
            self.stmt_id[st.title] = self._statement(st.title, text, st.tags, st.data, st.line, st.column, untitled=st.untitled)
        self.arg_stmt: dict[str, str] = {}
        for arg in node_args:
            text = arg.text
            if text is None:
                if arg.defined_at is None:
                    self._undefined(f"<{arg.title}>", arg.line, arg.column)
                text = arg.title
            data = {**arg.data, "argdown": "argument"}
            self.arg_stmt[arg.title] = self._statement(arg.title, text, arg.tags, data, arg.line, arg.column)
        self.rel_id = {title: _slug(title, self.taken, "r") for title in [*self.pcs_args, *self.relation_args]}
        for arg in self.pcs_args.values():
            self._pcs(arg)
        for arg in self.relation_args.values():
            self._relation_arg(arg)
        for edge in self.doc.edges:
            self._edge(edge)
        order = sorted(self.relation_places)  # relations in the order the document gives them
        self.relations = [self.relations[k] for _, _, k in order]
        for index, (line, col, _) in enumerate(order):
            self.places[f"relations[{index}]"] = (line, col)
        out: dict[str, Any] = {"language": language, "statements": self.statements, "relations": self.relations}
        metadata = fm.pop("metadata", None)
        for key in ("id", "title", "titles", "main_claim", "sources"):
            if key in fm:
                out[key] = fm.pop(key)
        out["metadata"] = {**(metadata if isinstance(metadata, dict) else {}), **fm}
        if self.doc.sections:
            out["metadata"]["argdown_sections"] = [{k: v for k, v in sec.items() if k != "line"} for sec in self.doc.sections]
        return out

    def _strict_mode(self, fm: dict[str, Any]) -> bool:
        model = fm.get("model")
        if isinstance(model, dict) and model.get("mode") == "strict":
            line = self.doc.frontmatter_lines.get("model", 1)
            where = f"{self.file}:{line}:1" if self.file else f"line {line}, column 1"
            self.warnings.append(
                f"{where}: strict mode: '+' between statements means entails and '-' contrary; "
                "read as support and attack, marked in their data (argdown: entails / contrary)"
            )
            return True
        return False

    def _has_premises(self, arg: ArgumentDef) -> bool:
        return any(e.kind == "support" and e.owner != e.source for e in self.by_target.get(("a", arg.title), ()))

    def _premise_of(self, edge: Edge) -> str | None:
        """The relation argument this edge gives a premise to, if any."""
        kind, title = edge.target
        own_target = edge.source[0] == "a" and edge.source[1] in self.relation_args and edge.owner == edge.source
        if kind == "a" and title in self.relation_args and edge.kind == "support" and not own_target:
            return title
        return None

    def _statement(
        self, title: str, text: str, tags: list[str], data: dict[str, Any], line: int, col: int, *, untitled: bool = False
    ) -> str:
        sid = _slug(title, self.taken, "s") if not untitled else _slug(f"s{len(self.statements) + 1}", self.taken, "s")
        item: dict[str, Any] = {"id": sid, "kind": "claim", "text": text}
        extra = dict(data)
        for key in _STATEMENT_KEYS:
            if key in extra:
                item[key] = extra.pop(key)
        if not untitled and "title" not in item and title != sid:
            item["title"] = title
        item["tags"] = [*(item.get("tags") or []), *(t for t in tags if t not in (item.get("tags") or []))]
        if extra:
            item["data"] = {**(item.get("data") or {}), **extra}
        self.places[f"statements[{len(self.statements)}]"] = (line, col)
        self.statements.append(item)
        return sid

    def _add_relation(self, item: dict[str, Any], line: int, col: int) -> None:
        if "id" not in item:
            item["id"] = _slug(f"r{len(self.relations) + 1}", self.taken, "r")
        self.relation_places.append((line, col, len(self.relations)))
        self.relations.append(item)

    def _pcs(self, arg: ArgumentDef) -> None:
        number: dict[int, str] = {}
        if not arg.inferences:
            self.problem(f"<{arg.title}> has premises but no inference line ('----') and conclusion", arg.line, arg.column)
            return
        count = len(arg.inferences)
        for k, (index, inference) in enumerate(arg.inferences):
            previous = arg.inferences[k - 1][0] if k else 0
            if index >= len(arg.pcs):
                self.problem(f"inference line of <{arg.title}> has no conclusion after it", inference.line, inference.column)
                return
            premises = self._uses(arg, inference, number) if "uses" in inference.data else arg.pcs[previous:index]
            for num, title, _, _ in arg.pcs[previous : index + 1]:
                number[num] = title
            if not premises:
                self.problem(f"inference line of <{arg.title}> has no premises above it", inference.line, inference.column)
                return
            conclusion = arg.pcs[index][1]
            rid = self.rel_id[arg.title] if k == count - 1 else _slug(f"{arg.title}-{k + 1}", self.taken, "r")
            self.step_id[(arg.title, k)] = rid
            self._inference_relation(rid, arg, inference, [p[1] for p in premises], conclusion, last=k == count - 1)

    def _uses(self, arg: ArgumentDef, inference: Inference, number: dict[int, str]) -> list[tuple[int, str, int, int]]:
        uses = inference.data.pop("uses")
        found = []
        for n in uses if isinstance(uses, list) else [uses]:
            item = next((p for p in arg.pcs if p[0] == n), None)
            if item is None:
                self.problem(f"inference of <{arg.title}> uses ({n}), which is not one of its statements", inference.line, inference.column)
            else:
                found.append(item)
        return found

    def _inference_relation(self, rid: str, arg: ArgumentDef, inf: Inference, premises: list[str], conclusion: str, *, last: bool) -> None:
        item: dict[str, Any] = {"id": rid, "type": "support", "premises": [self.stmt_id.get(p, p) for p in premises]}
        item["target"] = self.stmt_id.get(conclusion, conclusion)
        if inf.scheme:
            item["scheme"] = inf.scheme
        extra = {**(arg.data if last else {}), **inf.data}
        self._relation_fields(item, extra, arg.tags if last else [])
        if last and arg.text:
            item["note"] = arg.text
        self._add_relation(item, inf.line, inf.column)

    def _relation_fields(self, item: dict[str, Any], extra: dict[str, Any], tags: list[str]) -> None:
        extra = dict(extra)
        for key in _RELATION_KEYS:
            if key in extra:
                item[key] = extra.pop(key)
        item["tags"] = [*(item.get("tags") or []), *(t for t in tags if t not in (item.get("tags") or []))]
        if extra:
            item["data"] = {**(item.get("data") or {}), **extra}

    def _relation_arg(self, arg: ArgumentDef) -> None:
        premises = []
        for edge in self.by_target[("a", arg.title)]:
            if self._premise_of(edge) == arg.title:
                premises.append(self._premise(edge.source, edge, allow_relation=arg.data.get("type") == "preference"))
        outgoing = [e for e in self.by_source[("a", arg.title)] if self._premise_of(e) is None]
        for k, edge in enumerate(outgoing):
            rid = self.rel_id[arg.title] if k == 0 else _slug(f"{arg.title}-{k + 1}", self.taken, "r")
            kind = "attack" if edge.kind == "contradiction" else edge.kind
            target = self._target(edge)
            if "type" in arg.data:
                pass  # written by argmap: the relation says its own type (rephrase, preference)
            elif kind != "undercut" and edge.target[0] == "a" and edge.target[1] in self.rel_id:
                kind = "undercut"  # an attack on an argument with premises as a whole: see docs/decisions/argdown-arguments.md
            elif kind == "undercut" and (edge.target[0] == "s" or edge.target[1] in self.arg_stmt):
                kind, target = "attack", self.stmt_id.get(edge.target[1]) or self.arg_stmt.get(edge.target[1])
            item: dict[str, Any] = {"id": rid, "type": kind, "premises": [p for p in premises if p], "target": target}
            data = dict(arg.data)
            if kind != edge.kind:
                data["argdown"] = edge.kind
            self._relation_fields(item, data, arg.tags)
            if arg.text:
                item["note"] = arg.text
            self._add_relation(item, arg.line, arg.column)

    def _premise(self, key: tuple[str, str], edge: Edge, *, allow_relation: bool = False) -> str | None:
        kind, title = key
        if kind == "s":
            return self.stmt_id.get(title)
        if allow_relation and title in self.rel_id:
            return self.rel_id[title]  # a preference between relations
        if title in self.arg_stmt:
            return self.arg_stmt[title]
        if title in self.pcs_args:
            return self.stmt_id.get(self.pcs_args[title].pcs[-1][1]) if self.pcs_args[title].pcs else None
        self.problem(f"<{title}> is an argument with premises; it cannot be a premise itself", edge.line, edge.column)
        return None

    def _target(self, edge: Edge) -> str | None:
        kind, title = edge.target
        if kind == "s":
            return self.stmt_id.get(title)
        if edge.kind == "undercut" or title not in self.arg_stmt:
            return self.rel_id.get(title) or self.arg_stmt.get(title)
        return self.arg_stmt[title]

    def _edge(self, edge: Edge) -> None:
        src_kind, src_title = edge.source
        dst_kind, dst_title = edge.target
        if self._premise_of(edge) is not None:
            return  # a premise of that argument
        if src_kind == "a" and src_title in self.relation_args:
            return  # that argument's own relation
        premise = self._premise(edge.source, edge)
        if premise is None:
            return
        into_relation = dst_kind == "a" and dst_title in self.rel_id
        marks: dict[str, Any] = {}
        kind = edge.kind
        if into_relation:
            target: str | None = self.rel_id[dst_title]
            if edge.step is not None:
                target = self.step_id.get((dst_title, edge.step), target)
            if kind == "support":
                # a reason for an argument as a whole: a reason for its conclusion (docs/decisions/argdown-arguments.md)
                target = self._conclusion(dst_title)
                marks = {"argdown": "supports-argument", "argument": dst_title}
            elif kind != "undercut":
                marks = {"argdown": kind}
                kind = "undercut"
        else:
            target = self._target(edge)
            if kind == "undercut":  # an undercut of a statement, or of an argument without premises
                kind, marks = "attack", {"argdown": "undercut"}
        if target is None:
            return
        if target == premise:
            if src_kind == "a" and kind == "support":
                return  # the conclusion idiom: <A> supports its own conclusion, which Argdown merges
            self.problem(f"'{premise}' cannot {edge.kind} itself", edge.line, edge.column)
            return
        key = (kind, premise, target, tuple(sorted(marks.items())))
        if key in self.seen:
            return  # the same relation again (e.g. <A> attacks what its conclusion attacks): Argdown merges them
        self.seen.add(key)
        if self.strict and not marks and src_kind == dst_kind == "s" and kind in ("support", "attack"):
            marks = {"argdown": "entails" if kind == "support" else "contrary"}
        if kind == "contradiction":
            data = {"argdown": "contradiction"}
            self._add_relation({"type": "attack", "premises": [premise], "target": target, "data": data}, edge.line, edge.column)
            self._add_relation({"type": "attack", "premises": [target], "target": premise, "data": data}, edge.line, edge.column)
            return
        item: dict[str, Any] = {"type": kind, "premises": [premise], "target": target}
        if marks:
            item["data"] = marks
        self._add_relation(item, edge.line, edge.column)

    def _conclusion(self, title: str) -> str | None:
        arg = self.pcs_args.get(title)
        if arg is None or not arg.pcs:
            return self.rel_id.get(title)
        return self.stmt_id.get(arg.pcs[-1][1])
