"""Markdown inside Argdown text, read as the Argdown CLI reads it: emphasis and links dropped, comments removed.

Every function is one linear scan (no backtracking regular expression over user text).
"""

from __future__ import annotations

import re

__all__ = ["cut_line_comment", "emphasis_markers", "escape_markdown", "strip_markdown"]

# [text](url), brackets not escaped: each '[' scans only to the next bracket
_LINK = re.compile(r"(?<!\\)\[([^\[\]\n]*)(?<!\\)\]\(([^()\s]*)\)")
_MARKS = "*_"


def strip_markdown(text: str) -> str:
    """``*a*``, ``**a**``, ``_a_``, ``__a__`` lose their markers and ``[text](url)`` becomes ``text``.

    An emphasis opens at a marker followed by a non-space character and closes at the same marker after a
    non-space character; a marker never closed stays in the text (the Argdown CLI refuses it instead).
    """
    if "[" in text:
        text = _LINK.sub(lambda m: m.group(1), text)
    if "*" not in text and "_" not in text:
        return text
    pieces: list[str] = []
    open_marks: list[tuple[str, int]] = []  # (marker, index of its piece)
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n:  # an escape: kept for the inline reader
            pieces.append(text[i : i + 2])
            i += 2
            continue
        if c not in _MARKS:
            j = i + 1
            while j < n and text[j] not in "*_\\":
                j += 1
            pieces.append(text[i:j])
            i = j
            continue
        mark = text[i : i + 2] if text[i : i + 2] == c * 2 else c
        after = text[i + len(mark)] if i + len(mark) < n else ""
        before = text[i - 1] if i else ""
        word_before, word_after = c == "_" and before.isalnum(), c == "_" and after.isalnum()  # snake_case stays
        if open_marks and open_marks[-1][0] == mark and before and not before.isspace() and not word_after:
            _, at = open_marks.pop()
            pieces[at] = ""
        elif after and not after.isspace() and not word_before:
            open_marks.append((mark, len(pieces)))
            pieces.append(mark)
        else:
            pieces.append(mark)
        i += len(mark)
    return "".join(pieces)


def emphasis_markers(text: str) -> list[int]:
    """Positions of ``*`` and ``_`` that the Argdown CLI could read as the start of an emphasis."""
    return [i for i, c in enumerate(text) if c in _MARKS and i + 1 < len(text) and not text[i + 1].isspace()]


def escape_markdown(text: str) -> str:
    """Backslash every ``*``/``_`` that could open an emphasis and every ``[ ] < >``, for the writer."""
    at = set(emphasis_markers(text))
    return "".join(f"\\{c}" if i in at or c in "[]<>" else c for i, c in enumerate(text))


def cut_line_comment(line: str) -> str:
    """The line without a ``//`` comment; a ``//`` after a backslash, or in a link's ``](url)``, is text."""
    if "//" not in line:
        return line
    i, n, in_url = 0, len(line), False
    while i < n:
        c = line[i]
        if c == "\\":
            i += 2
            continue
        if in_url:
            in_url = c != ")"
        elif c == "]" and line.startswith("](", i):
            in_url = True
            i += 2
            continue
        elif c == "/" and line.startswith("//", i):
            return line[:i]
        i += 1
    return line
