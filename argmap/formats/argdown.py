"""Argdown text (``.argdown``): read the syntax people write, and write maps that read back the same.

Reading: titled statements ``[T]: text`` and references ``[T]``; arguments ``<A>: text``; premise-conclusion
structures (numbered statements, ``----`` or ``-- scheme --`` inference lines, intermediary conclusions);
relation trees with ``+ - _ ><`` and ``<+ +> <- -> <_ _>``; ``#tags``; headings (kept as tags); YAML front
matter between ``===`` lines; ``{...}`` data; ``//`` and ``/* */`` comments. How each maps to argmap is in
``docs/formats.md``. Undefined references and unknown syntax are errors with line and column.

Writing: each statement as ``[id]: text #tags {data}``; each relation as an argument ``<id>`` whose premises
are incoming ``+`` children and whose target is its one outgoing child (``+>``, ``->`` or ``_>``).
"""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path
from typing import Any

from argmap._util import paused_gc
from argmap.errors import FormatError, FormatWarning, InvalidMapError
from argmap.formats import Format, register
from argmap.formats._argdown_build import Builder
from argmap.formats._argdown_include import expand_includes
from argmap.formats._argdown_markdown import escape_markdown
from argmap.formats._argdown_parser import parse_document
from argmap.formats._validate import validate_map
from argmap.model import ArgumentMap

__all__ = ["dump_argdown", "parse_argdown", "read_argdown", "write_argdown"]


def parse_argdown(text: str, *, filename: str | None = None, base_dir: str | None = None, strict_references: bool = False) -> ArgumentMap:
    """Parse Argdown text into a map; every problem is reported with its line and column.

    Examples
    --------
    >>> m = parse_argdown('''
    ... [Pets]: Cats are good pets. #home
    ...   <+ [Purr]: Cats purr.
    ...   - [Scratch]: Cats scratch the sofa.
    ... ''')
    >>> [(r.type, r.premises, r.target) for r in m.relations]
    [('support', ('Purr',), 'Pets'), ('attack', ('Scratch',), 'Pets')]
    >>> m.statement("Pets").tags
    ('home',)
    """
    text, include_problems = expand_includes(text, filename, base_dir)
    if include_problems:
        raise FormatError(include_problems, summary=f"{filename or 'input'}: not valid Argdown")
    with paused_gc():  # many small objects, all kept: the collector would only rescan them
        doc = parse_document(text, filename=filename)
        builder = Builder(doc, filename, strict_references=strict_references)
        data = builder.build()
    if builder.problems:
        raise FormatError(builder.problems, summary=f"{filename or 'input'}: not valid Argdown")
    for message in [*doc.warnings, *builder.warnings]:
        warnings.warn(message, FormatWarning, stacklevel=2)

    def locate(path: str) -> tuple[int, int] | None:
        match = re.match(r"(statements|relations)\[\d+\]", path)
        if match:
            return builder.places.get(match.group())
        key = re.match(r"\w+", path)  # a map field: the front matter line that sets it
        line = doc.frontmatter_lines.get(key.group()) if key else None
        return (line, 1) if line else None

    try:
        return validate_map(data, file=filename, locate=locate)
    except InvalidMapError as exc:
        raise FormatError(exc.problems, summary=f"{filename or 'input'}: not a valid argument map") from None


# ----------------------------------------------------------------------------------------- writing


def _escape(text: str) -> str:
    """Text as Argdown reads it back: backslashes before every character that Argdown or argmap would read as syntax."""
    out = text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    out = escape_markdown(out)  # * _ (emphasis, as the reader sees them) and [ ] < > (references)
    out = _SLASH.sub(r"\\/", out.replace("#", "\\#").replace("{", "\\{").replace("}", "\\}"))
    if out[:1].isspace():
        out = "\\" + out
    if out[-1:].isspace():
        out = out[:-1] + "\\" + out[-1]
    return out


_SLASH = re.compile(r"/(?=[/*])")  # the first '/' of '//' or '/*'
_UNSAFE_IN_JSON = re.compile(r"[{}\[\]<>*/#=\x7f-\x84\x86-\x9f\ufffe\uffff]")


def _json(value: Any) -> str:
    """JSON (YAML flow style) whose strings hold no character the Argdown CLI or a YAML reader could misread.

    Inside strings, braces, brackets, comment and emphasis characters, '=' (front matter fences) and the
    characters YAML refuses are written as ``\\uXXXX`` escapes; outside strings JSON uses none of them but
    its own brackets.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    out: list[str] = []
    in_string, i, n = False, 0, len(text)
    while i < n:
        c = text[i]
        if in_string and c == "\\":
            out.append(text[i : i + 2])
            i += 2
            continue
        if c == '"':
            in_string = not in_string
        elif in_string and _UNSAFE_IN_JSON.match(c):
            c = f"\\u{ord(c):04x}"
        out.append(c)
        i += 1
    return "".join(out)


def _key(key: str) -> str:
    plain = re.fullmatch(r"[A-Za-z_][\w\-]*", key) and key.lower() not in {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
    return key if plain else _json(key)


def _data_block(data: dict[str, Any]) -> str:
    return " " + _json(data) if data else ""


def _tags(tags: tuple[str, ...], data: dict[str, Any]) -> str:
    if len(set(tags)) == len(tags) and all(re.fullmatch(r"[\w\-]+", t) for t in tags):
        return "".join(f" #{t}" for t in tags)
    data["tags"] = list(tags)
    return ""


_MAP_KEYS = {"id", "title", "titles", "language", "lang", "main_claim", "sources", "metadata"}


def dump_argdown(amap: ArgumentMap) -> str:
    """The map as Argdown text that :func:`parse_argdown` reads back into the same map.

    Examples
    --------
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap.model_validate({"statements": [{"id": "c1", "claim": "Cats are good pets."},
    ...     {"id": "e1", "evidence": "They purr.", "evidence_type": "example"}],
    ...     "relations": [{"support": "e1", "target": "c1"}]})
    >>> print(dump_argdown(m))
    [c1]: Cats are good pets.
    <BLANKLINE>
    [e1]: They purr. {"kind": "evidence", "evidence_type": "example"}
    <BLANKLINE>
    <r1>
    <BLANKLINE>
    (1) [e1]
    ----
    (2) [c1]
    <BLANKLINE>
    """
    lines: list[str] = []
    head = amap.model_dump(mode="json", include={"id", "title", "titles", "main_claim", "sources", "metadata"}, exclude_none=True)
    head = {k: v for k, v in head.items() if v not in ({}, [], None) and not (k == "id" and v == "map")}
    if amap.language != "en":
        head["language"] = amap.language
    metadata = head.pop("metadata", {})
    for key in [k for k in metadata if k not in _MAP_KEYS]:  # e.g. Argdown's own author, subTitle, model, map
        head[key] = metadata.pop(key)
    if metadata:
        head["metadata"] = metadata
    if head:
        lines += ["===", *(f"{_key(key)}: {_json(value)}" for key, value in head.items()), "==="]
        lines.append("")
    nodes = {st.id for st in amap.statements if st.data.get("argdown") == "argument"}  # Argdown arguments without premises

    def ref(node: str) -> str:
        return f"<{node}>" if node in nodes or amap.has_relation(node) else f"[{node}]"

    for st in amap.statements:
        dumped = st.model_dump(mode="json", exclude_none=True)
        data: dict[str, Any] = {}
        if st.kind == "evidence":
            data["kind"] = "evidence"
            data["evidence_type"] = st.evidence_type
        for key in ("title", "note", "anchors", "base_score", "data"):
            if dumped.get(key) not in (None, [], {}):
                data[key] = dumped[key]
        if st.id in nodes:
            rest = {k: v for k, v in st.data.items() if k != "argdown"}
            if rest:
                data["data"] = rest
            else:
                data.pop("data")
        if not st.holder.is_author:
            data["holder"] = {k: v for k, v in dumped["holder"].items() if v not in ({}, None)}
        text = st.text.get(amap.language, next(iter(st.text.values())))
        if list(st.text) != [amap.language]:
            data["text"] = dict(st.text)
        tags = _tags(st.tags, data)
        lines.append(f"{ref(st.id)}: {_escape(text)}{tags}{_data_block(data)}")
        lines.append("")  # Argdown needs a blank line between top-level elements
    for rel in amap.relations:
        data = {}
        if rel.type in ("rephrase", "preference"):
            data["type"] = rel.type
        for key in ("scheme", "strength"):
            if getattr(rel, key) is not None:
                data[key] = getattr(rel, key)
        if rel.data:
            data["data"] = rel.data
        tags = _tags(rel.tags, data)
        note = f": {_escape(rel.note)}" if rel.note else ""
        lines.append(f"<{rel.id}>{note}{tags}{_data_block(data)}")
        if rel.type == "support" and not any(ref(n)[0] == "<" for n in (*rel.premises, rel.target)):
            # a premise-conclusion structure: its premises stay premises for Argdown too
            lines.append("")
            lines += [f"({k}) [{p}]" for k, p in enumerate(rel.premises, 1)]
            lines += ["----", f"({len(rel.premises) + 1}) [{rel.target}]", ""]
            continue
        lines += [f"  + {ref(p)}" for p in rel.premises]
        arrow = {"support": "+>", "attack": "->", "undercut": "_>", "rephrase": "+>", "preference": "+>"}[rel.type]
        lines += [f"  {arrow} {ref(rel.target)}", ""]
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


def read_argdown(path: str | Path) -> ArgumentMap:
    """Read an Argdown file (see :func:`parse_argdown`)."""
    from argmap.formats import load

    return load(path, format="argdown")


def write_argdown(amap: ArgumentMap, path: str | Path) -> Path:
    """Write the map to an Argdown file, atomically."""
    from argmap.formats import save

    return save(amap, path, format="argdown")


def _sniff(text: str) -> bool:
    head = text.lstrip()[:4000]
    return head.startswith("===") or re.search(r"^[ \t]*(\[[^\]\n]+\]|<[^>\n]+>):\s", head, re.MULTILINE) is not None


register(
    Format(
        "argdown",
        (".argdown", ".ad"),
        "Argdown text: statements, arguments, premise-conclusion structures and relation trees",
        parse_argdown,
        dump_argdown,
        _sniff,
        ("text/x-argdown",),
    )
)
