"""Small text helpers of the Argdown reader: escapes, trailing space, indentation, comments, simple {data}."""

from __future__ import annotations

import re
from typing import Any

__all__ = ["blank_block_comments", "indent_width", "inference_inner", "open_braces", "rstrip_escaped", "simple_data", "strip_pieces"]

_SIMPLE_DATA = re.compile(r"\{ *([A-Za-z_][\w\-]* *: +(?:\w[\w .\-+/()]*)?(?:, *[A-Za-z_][\w\-]* *: +(?:\w[\w .\-+/()]*)?)*)\} *")
_BRACES = re.compile(r"[{}]")
_NUMBER = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ""}


def strip_pieces(pieces: list[tuple[str, bool]]) -> str:
    """Join the pieces, stripping white space at both ends unless it was escaped."""
    lo, hi = 0, len(pieces)
    while lo < hi and not pieces[lo][1] and not pieces[lo][0].strip():
        lo += 1
    while hi > lo and not pieces[hi - 1][1] and not pieces[hi - 1][0].strip():
        hi -= 1
    if lo >= hi:
        return ""
    parts = [p for p, _ in pieces[lo:hi]]
    if not pieces[lo][1]:
        parts[0] = parts[0].lstrip()
    if not pieces[hi - 1][1]:
        parts[-1] = parts[-1].rstrip()
    return "".join(parts)


def simple_data(s: str) -> dict[str, Any] | None:
    """``{key: word, n: 3}`` without YAML's machinery; None when YAML must decide (quotes, nesting, yes/no...)."""
    m = _SIMPLE_DATA.fullmatch(s)
    if m is None:
        return None
    out: dict[str, Any] = {}
    for pair in m.group(1).split(","):
        key, _, raw = pair.partition(":")
        value = raw.strip()
        if (
            key.strip().lower() in _YAML_WORDS
            or value.lower() in _YAML_WORDS
            or (value[:1].isdigit() and not _NUMBER.fullmatch(value))
            or value[:1] in "-+."
            or len(value) > 100  # a long number: the bounded YAML loader decides (and refuses huge ones)
        ):
            return None
        out[key.strip()] = (float(value) if "." in value else int(value)) if _NUMBER.fullmatch(value) else value
    return out


def inference_inner(body: str) -> str | None:
    """The text between the dashes of an inference line (``----``, ``-- scheme --``), or None if it is not one.

    A linear scan, no regular expression: a line of many dashes and one other character must not backtrack.
    """
    line = body.rstrip()
    n = len(line)
    lead = n - len(line.lstrip("-"))
    if lead == n:  # dashes only
        return "" if n >= 4 else None
    trail = n - len(line.rstrip("-"))
    if lead < 2 or trail < 2:
        return None
    return line[lead : n - trail]


def open_braces(line: str, depth: int = 0) -> int:
    """How many ``{`` are still open after the line (starting ``depth`` deep); escaped and quoted braces do not count."""
    if depth == 0:
        first = line.find("{")
        if first < 0:
            return 0
        if (first and line[first - 1] == "\\") or "\\" in line[first:]:
            first = 0  # escapes: scan from the start, as below
        line = line[first:]
    if '"' not in line and "'" not in line and "\\" not in line:  # the common case: count the braces
        for brace in _BRACES.findall(line):
            depth = depth + 1 if brace == "{" else max(depth - 1, 0)
        return depth
    quote = ""
    i, n = 0, len(line)
    while i < n:
        c = line[i]
        if c == "\\" and (depth == 0 or quote == '"'):
            i += 2
            continue
        if quote:
            if c == quote:
                quote = ""
        elif c == "{":
            depth += 1
        elif c == "}" and depth:
            depth -= 1
        elif depth and c in "\"'":
            quote = c
        i += 1
    return depth


def rstrip_escaped(body: str) -> str:
    """Strip trailing white space, but keep a white-space character escaped by a backslash."""
    stripped = body.rstrip()
    if len(stripped) < len(body) and stripped.endswith("\\"):
        slashes = len(stripped) - len(stripped.rstrip("\\"))
        if slashes % 2:
            return body[: len(stripped) + 1]
    return stripped


def indent_width(prefix: str) -> int:
    return sum(4 if c == "\t" else 1 for c in prefix)


def blank_block_comments(text: str) -> tuple[list[str], int | None]:
    """The lines of ``text`` with ``/* ... */`` and ``<!-- ... -->`` comments blanked out, and where an unclosed one starts.

    Comments become spaces (new lines kept), so line numbers and columns stay those of the input.
    """
    unclosed: int | None = None
    if "/*" not in text and "<!--" not in text:
        return [ln[:-1] if ln.endswith("\r") else ln for ln in text.split("\n")], None
    pieces: list[str] = []
    pos = 0
    next_c, next_h = text.find("/*"), text.find("<!--")
    while True:
        if next_c >= 0 and next_c < pos:
            next_c = text.find("/*", pos)
        if next_h >= 0 and next_h < pos:
            next_h = text.find("<!--", pos)
        if next_c < 0 and next_h < 0:
            break
        html = next_c < 0 or (0 <= next_h < next_c)
        start = next_h if html else next_c
        if start > 0 and text[start - 1] == "\\":  # an escaped '/*' or '<!--' is text
            pieces.append(text[pos : start + 2])
            pos = start + 2
            continue
        closer = "-->" if html else "*/"
        end = text.find(closer, start + (4 if html else 2))
        if end < 0:
            unclosed, end = start, len(text)
        pieces.append(text[pos:start])
        pieces.append("".join("\n" if ch == "\n" else " " for ch in text[start : end + len(closer)]))
        pos = end + len(closer)
    pieces.append(text[pos:])
    return [ln[:-1] if ln.endswith("\r") else ln for ln in "".join(pieces).split("\n")], unclosed
