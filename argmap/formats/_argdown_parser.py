"""A one-pass line parser for Argdown text: statements, arguments, premise-conclusion structures and relation trees.

The parser knows the syntax only; :mod:`argmap.formats.argdown` turns what it finds into a map. Every
line is read once and every construct is found by a bounded scan of its line, so the time is linear in
the size of the input.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from argmap.errors import FormatError, Problem
from argmap.formats._argdown_markdown import cut_line_comment, strip_markdown
from argmap.formats._argdown_text import (
    blank_block_comments,
    indent_width,
    inference_inner,
    open_braces,
    rstrip_escaped,
    simple_data,
    strip_pieces,
)
from argmap.formats._argdown_yaml import YamlLimitError, load_yaml
from argmap.formats._argdown_yaml import check_value as _check_yaml

__all__ = ["ArgumentDef", "Document", "Edge", "Inference", "StatementDef", "parse_document"]

# Longest markers first: "->" must not be read as "-" followed by ">".
_MARKER = re.compile(r"(<\+|\+>|<-|->|<_|_>|><|\+|-|_)(?:\s+|$)")
_EDGE_OF = {  # marker -> (relation kind, child is the source)
    "+": ("support", True),
    "<+": ("support", True),
    "+>": ("support", False),
    "-": ("attack", True),
    "<-": ("attack", True),
    "->": ("attack", False),
    "_": ("undercut", True),
    "<_": ("undercut", True),
    "_>": ("undercut", False),
    "><": ("contradiction", False),  # symmetric; Argdown names the parent first
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LIST_ITEM = re.compile(r"(?:\*|\d{1,9}\.)[ \t]+")  # a Markdown list item: '* ' or '1. '
_PCS_ITEM = re.compile(r"\((\d{1,9})\)\s*(.*)")
_HEADING = re.compile(r"(#{1,6})\s+(.*)")
_TAG = re.compile(r"[\w\-]+")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r"}
_SPECIAL = re.compile(r"[\\#{]")

Key = tuple[str, str]  # ("s", statement title) or ("a", argument title)


@dataclass
class StatementDef:
    title: str
    untitled: bool = False
    text: str | None = None
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    line: int = 0
    column: int = 0
    defined_at: tuple[int, int] | None = None


@dataclass
class Inference:
    scheme: str | None
    data: dict[str, Any]
    line: int
    column: int
    premises: list[str] = field(default_factory=list)
    conclusion: str | None = None


@dataclass
class ArgumentDef:
    title: str
    text: str | None = None
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    line: int = 0
    column: int = 0
    defined_at: tuple[int, int] | None = None
    pcs: list[tuple[int, str, int, int]] = field(default_factory=list)  # (number, statement title, line, col)
    inferences: list[tuple[int, Inference]] = field(default_factory=list)  # (index into pcs, inference)
    untitled: bool = False


@dataclass
class Edge:
    kind: str
    source: Key
    target: Key
    line: int
    column: int
    owner: Key  # the node the relation line is written under
    step: int | None = None  # an undercut of one inference of the target argument: its index


@dataclass
class Document:
    frontmatter: dict[str, Any] = field(default_factory=dict)
    frontmatter_lines: dict[str, int] = field(default_factory=dict)  # top-level key -> its line
    statements: dict[str, StatementDef] = field(default_factory=dict)
    arguments: dict[str, ArgumentDef] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    sections: list[dict[str, Any]] = field(default_factory=list)  # headings: title, level, line, parent, tags, data
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class _Parser:
    def __init__(self, text: str, filename: str | None) -> None:
        self.file = filename
        self.doc = Document()
        control = _CONTROL.search(text)
        if control is not None:  # NUL and other control characters are not text (and NUL marks untitled items here)
            at = control.start()
            line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
            self.problem(f"character U+{ord(control.group()):04X} (a control character) is not allowed in Argdown text", line, column)
            text = _CONTROL.sub(" ", text)
        self.lines = [ln[:-1] if ln.endswith("\r") else ln for ln in text.split("\n")]
        self.source_lines = list(self.lines)  # as written: a line that only held a comment does not end a paragraph
        self.start = self._frontmatter()  # comments are not comments inside the front matter
        if self.start:
            rest = "\n".join(self.lines[self.start :])
            body, unclosed = blank_block_comments(rest)
            if self.start < len(self.lines):
                self.lines[self.start :] = body
        else:
            rest = text
            self.lines, unclosed = blank_block_comments(text)
        if unclosed is not None:
            line = rest.count("\n", 0, unclosed) + 1 + self.start
            opener = "<!--" if rest.startswith("<!--", unclosed) else "/*"
            closer = "-->" if opener == "<!--" else "*/"
            self.problem(f"comment '{opener}' is never closed with '{closer}'", line, unclosed - rest.rfind("\n", 0, unclosed))
        self.section: str | None = None
        self.sections: list[dict[str, Any]] = []  # the open headings, outermost first
        self.untitled = 0
        # the element whose text is being read, with its lines so far and whether this is its first definition
        self.pending: tuple[StatementDef | ArgumentDef, list[str], bool, int, int] | None = None

    def problem(self, message: str, line: int, column: int = 1) -> None:
        if len(self.doc.problems) < 100:
            self.doc.problems.append(Problem(message, file=self.file, line=line, column=column))

    # ----------------------------------------------------------------------------- lines

    def run(self) -> Document:
        # the open relation tree: (indent, node, what an undercut written under it hits: (argument, inference index))
        stack: list[tuple[int, Key, tuple[Key, int] | None]] = []
        open_inference: tuple[int, int, list[str]] | None = None  # (line, column, text lines) of a '--' ... '--' block
        pcs_arg: ArgumentDef | None = None
        pcs_closed = False  # a blank line or another element came after pcs_arg's premise-conclusion structure
        skip_to = -1  # lines up to this one were read as the rest of a {data} block
        for index in range(self.start, len(self.lines)):
            if index <= skip_to:
                continue
            no = index + 1
            raw = cut_line_comment(self.lines[index])
            if "{" in raw and open_braces(raw) > 0:
                raw, skip_to = self._data_lines(raw, index)
            body = raw.lstrip(" \t")
            if not body.strip():
                if self.source_lines[index].strip():
                    continue  # only a comment: the paragraph goes on
                self._close()  # a blank line ends a paragraph: no continuation after it
                if pcs_arg is not None and pcs_arg.pcs:
                    pcs_closed = True
                continue
            indent = indent_width(raw[: len(raw) - len(body)])
            col = len(raw) - len(body) + 1
            body = rstrip_escaped(body)
            if open_inference is not None:
                if body != "--":
                    open_inference[2].append(body)
                    continue
                first, first_col, parts = open_inference
                open_inference = None
                self._add_inference(pcs_arg, " ".join(parts), first, first_col)
                stack = self._inference_stack(pcs_arg, indent)
                continue
            if self.pending is not None and not self._starts_element(body, indent):
                self._continue(body, no, col)  # the text of the line above goes on
                continue
            self._close()
            heading = _HEADING.fullmatch(body) if indent == 0 else None
            if heading:
                self._heading(len(heading.group(1)), heading.group(2), no, col + len(heading.group(1)) + 1)
                stack, pcs_arg = [], None
                continue
            item = _PCS_ITEM.fullmatch(body)
            if item:
                if pcs_arg is None or pcs_closed:
                    pcs_arg = self._untitled_argument(no, col)
                    pcs_closed = False
                node = self._pcs_statement(pcs_arg, int(item.group(1)), item.group(2), no, col, col + item.start(2))
                conclusion = bool(pcs_arg.inferences) and pcs_arg.inferences[-1][0] == len(pcs_arg.pcs) - 1
                step = (("a", pcs_arg.title), len(pcs_arg.inferences) - 1) if conclusion else None
                stack = [(indent, node, step)] if node else []
                continue
            if body == "--":  # an inference over several lines, up to the next '--'
                open_inference = (no, col, [])
                stack = []
                continue
            if body.startswith("--"):
                self._inference(pcs_arg, body, no, col)
                stack = self._inference_stack(pcs_arg, indent)
                continue
            marker = _MARKER.match(body)
            if marker:
                while stack and stack[-1][0] >= indent:
                    stack.pop()
                if not stack:
                    self.problem(f"relation '{marker.group(1)}' has no parent: put it under a statement or argument, indented", no, col)
                    continue
                node = self.element(body[marker.end() :], no, col + marker.end())
                if node is None:
                    continue
                kind, child_is_source = _EDGE_OF[marker.group(1)]
                _, parent, hits = stack[-1]
                source, target = (node, parent) if child_is_source else (parent, node)
                inference: int | None = None
                if kind == "undercut" and child_is_source and hits is not None:
                    target, inference = hits  # an undercut under an inference or a conclusion: of that inference
                self.doc.edges.append(Edge(kind, source, target, no, col, parent, inference))
                stack.append((indent, node, None))
                continue
            listed = _LIST_ITEM.match(body)
            if listed:
                body, col = body[listed.end() :], col + listed.end()
            node = self.element(body, no, col)
            stack = [(indent, node, None)] if node else []
            if node and node[0] == "a":
                pcs_arg, pcs_closed = self.doc.arguments[node[1]], False
            else:
                pcs_arg = None
        self._close()
        if open_inference is not None:
            self.problem("inference opened with '--' is never closed with another '--' line", open_inference[0], open_inference[1])
        return self.doc

    def _inference_stack(self, arg: ArgumentDef | None, indent: int) -> list[tuple[int, Key, tuple[Key, int] | None]]:
        if arg is None or not arg.inferences:
            return []
        key: Key = ("a", arg.title)
        return [(indent, key, (key, len(arg.inferences) - 1))]

    def _data_lines(self, raw: str, index: int) -> tuple[str, int]:
        """A ``{data}`` block that goes on over the next lines: the lines joined, and the index of its last line."""
        parts = [raw]
        depth = open_braces(raw)
        end = index
        while depth > 0 and end + 1 < len(self.lines):
            end += 1
            line = cut_line_comment(self.lines[end])
            parts.append(line)
            depth = open_braces(line, depth)
        return "\n".join(parts), end

    def _starts_element(self, body: str, indent: int) -> bool:
        """Whether a line begins something new rather than going on with the text above."""
        if body.startswith(("(", "--", "* ", "@include")) and (body[0] != "(" or _PCS_ITEM.fullmatch(body)):
            return True
        if _MARKER.match(body) or (indent == 0 and _HEADING.fullmatch(body)) or _LIST_ITEM.match(body):
            return True
        if body[:1] in "[<":
            close = body.find("]" if body[0] == "[" else ">")
            return close > 0 and body[close + 1 : close + 2] != "("
        return False

    def _heading(self, level: int, rest: str, line: int, col: int) -> None:
        text, tags, data = self.inline(rest, line, col)
        while self.sections and self.sections[-1]["level"] >= level:
            self.sections.pop()
        section: dict[str, Any] = {"title": text, "level": level, "line": line}
        if tags:
            section["tags"] = tags
        if data:
            section["data"] = data
        if self.sections:
            section["parent"] = self.sections[-1]["title"]
        self.doc.sections.append(section)
        self.sections.append(section)
        self.section = text or None

    def _untitled_argument(self, line: int, col: int) -> ArgumentDef:
        self.untitled += 1
        title = f"\x00{self.untitled}"
        arg = self.doc.arguments[title] = ArgumentDef(title, line=line, column=col, untitled=True, defined_at=(line, col))
        self._section_tag(arg)
        return arg

    def _frontmatter(self) -> int:
        if not self.lines or self.lines[0].strip() != "===":
            return 0
        for end in range(1, len(self.lines)):
            if self.lines[end].strip() == "===":
                break
        else:
            self.problem("front matter opened with '===' is never closed (expected a second '===' line)", 1)
            return len(self.lines)
        block = "\n".join(self.lines[1:end])
        try:
            data = load_yaml(block, what="front matter", file=self.file, line=2)
        except FormatError as exc:
            for p in exc.problems:
                self.problem(p.message, p.line or 2, p.column or 1)
            return end + 1
        except YamlLimitError as exc:
            self.problem(f"front matter refused: {exc}", 2)
            return end + 1
        if data is None:
            data = {}
        if not isinstance(data, dict):
            self.problem(f"front matter must be a YAML mapping (key: value lines), not {type(data).__name__}", 2)
        else:
            self.doc.frontmatter = data
            for no in range(1, end):
                key = re.match(r"([\w-]+)\s*:", self.lines[no])
                if key:
                    self.doc.frontmatter_lines.setdefault(key.group(1), no + 1)
        return end + 1

    # -------------------------------------------------------------------------- elements

    def element(self, body: str, line: int, col: int) -> Key | None:
        """Parse a statement or argument (definition, reference or untitled text) and return its key."""
        if body.startswith(("[", "<")):
            close = "]" if body[0] == "[" else ">"
            end = body.find(close)
            title = body[1:end].strip() if end > 0 else ""
            if end > 0 and body[end + 1 : end + 2] == "(" and body[0] == "[":
                title = ""  # a Markdown link [text](url) at the start of a line: text
            elif end < 0 or not title:
                self.problem(f"expected a title and '{close}' after '{body[0]}'", line, col)
                return None
            if title:
                rest = body[end + 1 :]
                defines = rest.startswith(":")
                text, tags, data = self.inline(rest[1:] if defines else rest, line, col + end + 2)
                if not defines and text:
                    ref = body[: end + 1]
                    self.problem(f"text after the reference {ref}: write {ref}: text to define it", line, col + end + 1)
                if body[0] == "[":
                    st = self.doc.statements.get(title) or self.doc.statements.setdefault(title, StatementDef(title, line=line, column=col))
                    self._define(st, text if defines else None, tags, data, line, col)
                    return ("s", title)
                arg = self.doc.arguments.get(title) or self.doc.arguments.setdefault(title, ArgumentDef(title, line=line, column=col))
                self._define(arg, text if defines else None, tags, data, line, col, argument=defines)
                return ("a", title)
        text, tags, data = self.inline(body, line, col)
        if not text:
            self.problem("expected a statement, [Title]: text, or <Argument>: text", line, col)
            return None
        self.untitled += 1
        title = f"\x00{self.untitled}"
        st = self.doc.statements[title] = StatementDef(title, untitled=True, line=line, column=col)
        self._define(st, text, tags, data, line, col)
        return ("s", title)

    def _define(
        self,
        item: StatementDef | ArgumentDef,
        text: str | None,
        tags: list[str],
        data: dict[str, Any],
        line: int,
        col: int,
        *,
        argument: bool = False,
    ) -> None:
        """Merge tags and data; text (which may go on over the next lines) is set or compared when it ends."""
        self._merge(item, tags, data)
        if text is None and not argument:
            return
        first = item.defined_at is None
        if first:
            item.defined_at = (line, col)
            self._section_tag(item)
        self.pending = (item, [text] if text else [], first, line, col)

    def _close(self) -> None:
        if self.pending is None:
            return
        item, parts, first, line, col = self.pending
        self.pending = None
        text = " ".join(parts)
        if first:
            item.text = text or None
        elif text and item.text != text:
            what = f"[{item.title}] is defined" if isinstance(item, StatementDef) else f"<{item.title}> is described"
            first_line = (item.defined_at or (0, 0))[0]
            self.doc.warnings.append(f"{self._at(line, col)}: {what} again with other text; kept the text from line {first_line}")

    def _section_tag(self, item: StatementDef | ArgumentDef) -> None:
        if self.section and len(self.section) <= 100 and self.section not in item.tags:
            item.tags.append(self.section)

    def _merge(self, item: StatementDef | ArgumentDef, tags: list[str], data: dict[str, Any]) -> None:
        item.tags.extend(t for t in tags if t not in item.tags)
        item.data.update(data)

    def _at(self, line: int, col: int) -> str:
        return f"{self.file or 'line'}:{line}:{col}" if self.file else f"line {line}, column {col}"

    def _continue(self, body: str, line: int, col: int) -> None:
        assert self.pending is not None
        text, tags, data = self.inline(body, line, col)
        if text:
            self.pending[1].append(text)  # joined once when the text ends: no copy of the whole text per line
        self._merge(self.pending[0], tags, data)

    # ------------------------------------------------------------ premise-conclusion structures

    def _pcs_statement(self, arg: ArgumentDef, number: int, body: str, line: int, col: int, body_col: int) -> Key | None:
        if body.startswith("<"):
            self.problem("a premise-conclusion structure holds statements, not arguments", line, body_col)
            return None
        node = self.element(body, line, body_col)
        if node is not None:
            arg.pcs.append((number, node[1], line, col))
        return node

    def _inference(self, arg: ArgumentDef | None, body: str, line: int, col: int) -> None:
        inner = inference_inner(body)
        if inner is None:
            self.problem("expected an inference line: '----' or '-- scheme --'", line, col)
            return
        self._add_inference(arg, inner, line, col)

    def _add_inference(self, arg: ArgumentDef | None, inner: str, line: int, col: int) -> None:
        if arg is None:
            self.problem("inference line belongs to no argument: put an <Argument> line and premises above it", line, col)
            return
        text, _, data = self.inline(inner, line, col + 2)
        arg.inferences.append((len(arg.pcs), Inference(text or None, data, line, col)))

    # ------------------------------------------------------------------------- inline text

    def inline(self, s: str, line: int, col: int) -> tuple[str, list[str], dict[str, Any]]:
        """Split element text into (text, #tags, {data}); backslash escapes any character; Markdown dropped."""
        s = _strip_markdown_before_data(s)
        if _SPECIAL.search(s) is None:  # the common case: plain text
            return s.strip(), [], {}
        pieces: list[tuple[str, bool]] = []  # (text, escaped)
        tags: list[str] = []
        data: dict[str, Any] = {}
        pos, n = 0, len(s)
        while pos < n:
            m = _SPECIAL.search(s, pos)
            if m is None:
                pieces.append((s[pos:], False))
                break
            i = m.start()
            if i > pos:
                pieces.append((s[pos:i], False))
            c = s[i]
            if c == "\\":
                if i + 1 < n:
                    pieces.append((_ESCAPES.get(s[i + 1], s[i + 1]), True))
                    pos = i + 2
                else:
                    pieces.append(("\\", False))
                    pos = i + 1
                continue
            if c == "{":
                data = self._data(s[i:], line, col + i)
                break
            # '#': a tag when it starts a word and a name or '(' follows
            tag_name = _TAG.match(s, i + 1) if i + 1 < n and s[i + 1] != "(" else None
            if (i > 0 and s[i - 1] not in " \t") or i + 1 >= n or (s[i + 1] != "(" and tag_name is None):
                pieces.append(("#", False))
                pos = i + 1
                continue
            if tag_name is None:
                close = s.find(")", i + 2)
                if close < 0:
                    self.problem("tag '#(' is never closed with ')'", line, col + i)
                    break
                tag, pos = s[i + 2 : close].strip(), close + 1
            else:
                tag, pos = tag_name.group(), tag_name.end()
            if tag and tag not in tags:
                tags.append(tag)
            after_space = bool(pieces) and not pieces[-1][1] and pieces[-1][0].endswith(" ")
            if after_space and pos < n and s[pos] == " ":
                pos += 1  # "a #tag b" reads as "a b"
        return strip_pieces(pieces), tags, data

    def _data(self, s: str, line: int, col: int) -> dict[str, Any]:
        simple = simple_data(s)
        if simple is not None:
            return simple
        head = s[1:].lstrip(" \t")
        if head.startswith(("\n", "\r")) and s.rstrip().endswith("}"):
            # '{' then a line break: YAML block style between the braces (as Argdown reads it)
            s = s[1 : s.rstrip().rfind("}")]
        try:
            value = json.loads(s)
        except RecursionError:
            self.problem("data {...} refused: nested too deeply", line, col)
            return {}
        except ValueError:  # not JSON (or a number JSON refuses): YAML, bounded
            try:
                value = load_yaml(s, what="data {...}", file=self.file, line=line, column=col, check=False)
            except FormatError as exc:
                for p in exc.problems:
                    self.problem(p.message, p.line or line, p.column or col)
                return {}
        if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
            self.problem("expected data as {key: value, ...} (text keys) at the end of the line", line, col)
            return {}
        try:
            _check_yaml(value)
        except YamlLimitError as exc:
            self.problem(f"data {{...}} refused: {exc}", line, col)
            return {}
        return value


def _strip_markdown_before_data(s: str) -> str:
    if "*" not in s and "_" not in s and "](" not in s:
        return s
    i, n = 0, len(s)
    while i < n:  # the first '{' not escaped starts the data, which keeps its text as written
        c = s[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            return strip_markdown(s[:i]) + s[i:]
        i += 1
    return strip_markdown(s)


def parse_document(text: str, *, filename: str | None = None) -> Document:
    """Read Argdown text into its parts; syntax problems are collected in ``Document.problems``."""
    return _Parser(text, filename).run()
