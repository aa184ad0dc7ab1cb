"""Turn user text into safe Graphviz HTML-like label content: escaped, cleaned and wrapped."""

from __future__ import annotations

import html
import re

__all__ = ["clean", "escape_clean", "escape_html_label", "wrap_lines"]

# XML 1.0 forbids C0 controls (except tab and newline), lone surrogates and U+FFFE/U+FFFF; Graphviz
# would fail on them, so they become a replacement character before anything else sees them.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_SPACE = re.compile(r"\s+")  # every Unicode space: NBSP, NEL, line and paragraph separators too


def clean(text: str) -> str:
    """Replace characters XML cannot carry and fold every run of white space (newlines too) to one space.

    Examples
    --------
    >>> clean("a\\x00b\\n\\n c")
    'a\\ufffdb c'
    """
    if text.isascii() and text.isprintable() and "  " not in text:
        return text.strip()  # the common case, without the two regular expressions
    return _SPACE.sub(" ", _FORBIDDEN.sub("\ufffd", text)).strip()


def escape_html_label(text: str) -> str:
    """Escape text for the inside of a Graphviz HTML-like label (``label=<...>``).

    Graphviz expands ``\\N``, ``\\G`` and ``\\\\`` even inside HTML labels, after decoding entities,
    so backslashes are doubled first; then ``& < > " '`` become entities, and so do ``[`` and ``]``
    (dot's HTML lexer misreads a text line that is exactly ``]``: "non-space string used after
    </TABLE>"). Braces, ``|`` and the other record characters mean nothing in an HTML label.

    Examples
    --------
    >>> escape_html_label('<script>"a" & \\\\N')
    '&lt;script&gt;&quot;a&quot; &amp; \\\\\\\\N'
    """
    return escape_clean(clean(text))


def escape_clean(text: str) -> str:
    """:func:`escape_html_label` for text that :func:`clean` has already seen."""
    out = html.escape(text.replace("\\", "\\\\"), quote=True)
    if "[" in out or "]" in out:
        out = out.replace("[", "&#91;").replace("]", "&#93;")
    return out


_HYPHEN = re.compile(r"(?<=[^\W\d_]-)(?=[^\W\d_])")  # after a hyphen between letters
HARD_BREAK = 40  # a piece without space or hyphen longer than this (a URL) is broken anyway


def _pieces(word: str, width: int) -> list[str]:
    """A word split at its own hyphens (the hyphen stays on the line); pieces over HARD_BREAK cut."""
    pieces = _HYPHEN.split(word) if "-" in word and len(word) > width else [word]
    limit = max(width, HARD_BREAK)
    out: list[str] = []
    for piece in pieces:
        while len(piece) > limit:
            out.append(piece[:limit])
            piece = piece[limit:]
        out.append(piece)
    return out


def wrap_lines(text: str, width: int, *, max_chars: int = 320, cleaned: bool = False) -> list[str]:
    """Wrap cleaned text to lines of about ``width`` characters, breaking only at spaces and hyphens.

    A word longer than a line stays whole (the box grows) unless it has hyphens, where it may break;
    only a piece longer than 40 characters with neither (a URL) is cut. Text longer than ``max_chars``
    is cut at a word boundary and ends with an ellipsis, so that one long statement cannot swallow a slide.

    Examples
    --------
    >>> wrap_lines("Social media are not social by themselves.", 16)
    ['Social media are', 'not social by', 'themselves.']
    >>> wrap_lines("De dot-com-investeerders", 12)
    ['De dot-com-', 'investeerders']
    """
    if not cleaned:
        text = clean(text)
    if len(text) > max_chars:
        cut = text.rfind(" ", 0, max_chars)
        text = text[: cut if cut > max_chars // 2 else max_chars].rstrip() + "…"
    width = max(4, width)
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        for i, piece in enumerate(_pieces(word, width)):
            glue = "" if i else " "
            if not line:
                line = piece
            elif len(line) + len(glue) + len(piece) <= width:
                line += glue + piece
            else:
                lines.append(line)
                line = piece
    if line:
        lines.append(line)
    return lines or ["\u00a0"]
