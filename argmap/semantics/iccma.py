"""Read and write frameworks in the ICCMA formats: ASPARTIX ``.apx``, trivial graph ``.tgf``, and ICCMA 2023 ``p af``.

- ``.apx``: facts ``arg(a).`` and ``att(a,b).``, ``%`` starts a comment; several facts may share a line.
- ``.tgf``: one argument name per line, a line ``#``, then one attack ``a b`` per line.
- ``.af`` (ICCMA 2023): a header ``p af N``, then one attack ``i j`` per line over the arguments
  ``1 .. N``; lines starting with ``#`` are comments.

Errors are :class:`~argmap.errors.FormatError` with the file, line and column of the problem.
"""

from __future__ import annotations

import os
import re
import sys
from array import array
from pathlib import Path

from argmap.errors import FormatError, LimitExceededError, Problem
from argmap.semantics.framework import Framework

__all__ = [
    "FRAMEWORK_SUFFIXES",
    "dump_af",
    "dump_apx",
    "dump_tgf",
    "parse_af",
    "parse_apx",
    "parse_tgf",
    "read_framework",
    "write_framework",
]

MAX_FRAMEWORK_BYTES = 512 * 1024 * 1024
MIN_ARGUMENT_CAP = 1_000_000  # a 'p af N' header may declare this many arguments whatever the file's size ...
ARGUMENTS_PER_BYTE = 8  # ... and beyond that, at most this many per byte of the file (isolated arguments cost no bytes)
FRAMEWORK_SUFFIXES = {".apx": "apx", ".tgf": "tgf", ".af": "af", ".i23": "af"}
_NAME = r'"(?:[^"\\]|\\.)*"|[^,()\s"%]+'
_FACT = re.compile(rf"(arg|att)\s*\(\s*({_NAME})\s*(?:,\s*({_NAME})\s*)?\)\s*\.")
_SKIP = re.compile(r"(?:\s+|%[^\n]*)*")  # white space and comments between facts
_PLAIN = re.compile(r"^[a-z0-9_][A-Za-z0-9_]*$")
_NOT_AF_BODY = re.compile(r"[^0-9 \t\r\n]")  # anything but ASCII digits and white space
_AF_BODY_BYTES = b"0123456789 \t\r\n"
_MINUS_ONE = (1).__rsub__  # x -> x - 1 without a Python-level function call


def _error(message: str, filename: str | None, line: int, column: int | None = None) -> FormatError:
    problem = Problem(message, file=filename or "<text>", line=line, column=column)
    return FormatError([problem], summary=f"invalid framework: {problem}")


def _where(text: str, pos: int) -> tuple[int, int]:
    """The 1-based line and column of offset ``pos`` (counted only when an error needs it)."""
    start = text.rfind("\n", 0, pos) + 1
    return text.count("\n", 0, pos) + 1, pos - start + 1


def _no_bom(text: str) -> str:
    """The text without a leading UTF-8 byte-order mark (editors on Windows write one)."""
    return text[1:] if text.startswith("\ufeff") else text


def _decimal(token: str) -> bool:
    """Whether ``token`` is a plain ASCII decimal (``str.isdigit`` also takes '²' and other scripts' digits)."""
    return token.isascii() and token.isdigit()


def _unquote(token: str) -> str:
    if token.startswith('"'):
        return token[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return token


def parse_apx(text: str, *, filename: str | None = None) -> Framework:
    """Parse ASPARTIX facts into a framework (in one pass: linear even when every fact is on one line).

    Examples
    --------
    >>> fw = parse_apx("arg(a). arg(b).\\natt(a,b). % a attacks b")
    >>> list(fw.names), list(fw.attack_pairs())
    (['a', 'b'], [('a', 'b')])
    """
    text = _no_bom(text)
    names: dict[str, int] = {}
    attacks: list[tuple[str, str, int]] = []
    pos, end = 0, len(text)
    skip, fact = _SKIP.match, _FACT.match
    while True:
        pos = skip(text, pos).end()  # type: ignore[union-attr]  # the pattern matches the empty string
        if pos >= end:
            break
        match = fact(text, pos)
        if match is None:
            line, col = _where(text, pos)
            found = text[pos : pos + 20].split("\n", 1)[0].rstrip()
            raise _error(f"expected arg(x). or att(x,y). here, found {found!r}", filename, line, col)
        kind, first, second = match.group(1), match.group(2), match.group(3)
        if kind == "arg":
            if second is not None:
                raise _error("arg(...) takes one name", filename, *_where(text, match.start(1)))
            name = _unquote(first)
            if name in names:
                raise _error(f"argument '{name}' is declared twice", filename, *_where(text, match.start(2)))
            names[name] = len(names)
        else:
            if second is None:
                raise _error("att(...) takes two names: att(attacker, attacked)", filename, *_where(text, match.start(1)))
            attacks.append((_unquote(first), _unquote(second), match.start(2)))
        pos = match.end()
    src: array[int] = array("q")
    dst: array[int] = array("q")
    for a, b, at in attacks:
        ia, ib = names.get(a), names.get(b)
        if ia is None or ib is None:
            missing = a if ia is None else b
            raise _error(f"att names '{missing}', which no arg(...) declares", filename, *_where(text, at))
        src.append(ia)
        dst.append(ib)
    fw = Framework(list(names))
    fw.attack_from, fw.attack_to = src, dst
    return fw


def dump_apx(fw: Framework) -> str:
    """Write a framework as ASPARTIX facts (names that are not plain constants are quoted).

    Examples
    --------
    >>> print(dump_apx(Framework(["a", "b c"], [("a", "b c")])), end="")
    arg(a).
    arg("b c").
    att(a,"b c").
    """

    def term(name: str) -> str:
        if _PLAIN.match(name):
            return name
        return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'

    terms = [term(nm) for nm in fw.names]
    lines = [f"arg({t})." for t in terms]
    lines.extend(f"att({terms[a]},{terms[b]})." for a, b in zip(fw.attack_from, fw.attack_to, strict=True))
    return "\n".join(lines) + "\n"


def parse_tgf(text: str, *, filename: str | None = None) -> Framework:
    """Parse the trivial graph format: node lines ``id [label]``, a ``#`` line, then edge lines ``a b [label]``.

    A node's label (``1 first``) and an edge's label are read past: the id is the argument's name.

    Examples
    --------
    >>> fw = parse_tgf("a\\nb the second\\n#\\na b\\n")
    >>> list(fw.names), list(fw.attack_pairs())
    (['a', 'b'], [('a', 'b')])
    """
    names: dict[str, int] = {}
    src: array[int] = array("q")
    dst: array[int] = array("q")
    in_edges = False
    for lineno, raw in enumerate(_no_bom(text).splitlines(), 1):
        parts = raw.split()
        if not parts:
            continue
        if parts == ["#"]:
            if in_edges:
                raise _error("a second '#' line; tgf has one, between the arguments and the attacks", filename, lineno, 1)
            in_edges = True
            continue
        if not in_edges:
            if parts[0] in names:
                raise _error(f"argument '{parts[0]}' is listed twice", filename, lineno, raw.index(parts[0]) + 1)
            names[parts[0]] = len(names)
            continue
        if len(parts) < 2:
            raise _error("expected an attack 'a b', found 1 word", filename, lineno, 1)
        ia, ib = names.get(parts[0]), names.get(parts[1])
        if ia is None or ib is None:
            k = 0 if ia is None else 1
            col = raw.index(parts[k], raw.index(parts[0]) + len(parts[0]) if k else 0) + 1
            raise _error(f"attack names '{parts[k]}', which is not listed above the '#' line", filename, lineno, col)
        src.append(ia)
        dst.append(ib)
    fw = Framework(list(names))
    fw.attack_from, fw.attack_to = src, dst
    return fw


def dump_tgf(fw: Framework) -> str:
    """Write a framework in the trivial graph format (names must have no white space).

    Examples
    --------
    >>> print(dump_tgf(Framework(["a", "b"], [("a", "b")])), end="")
    a
    b
    #
    a b
    """
    for name in fw.names:
        if not name or any(ch.isspace() for ch in name):
            raise FormatError([Problem(f"argument name {name!r} has white space; tgf cannot hold it")])
    lines = [*fw.names, "#"]
    lines.extend(f"{a} {b}" for a, b in fw.attack_pairs())
    return "\n".join(lines) + "\n"


def parse_af(text: str, *, filename: str | None = None, size: int | None = None) -> Framework:
    """Parse the ICCMA 2023 format: ``p af N``, then attacks ``i j`` over ``1 .. N``.

    The attacks are read in one split of the whole body when it holds only digits and white space
    (the common case); otherwise line by line, to name the line and column of the problem. ``N``
    is bounded by the size of the text (``size``: the file's bytes), so a short file cannot
    declare a hundred billion arguments.

    Examples
    --------
    >>> fw = parse_af("p af 3\\n# a comment\\n1 2\\n2 3\\n")
    >>> len(fw), list(fw.attack_pairs())
    (3, [('1', '2'), ('2', '3')])
    """
    text = _no_bom(text)
    pos, lineno = 0, 1
    while True:  # the header: the first line that is neither blank nor a comment
        end = text.find("\n", pos)
        line = text[pos:] if end < 0 else text[pos:end]
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            break
        if end < 0:
            raise _error("no 'p af N' header: the text is empty", filename, 1, 1)
        pos, lineno = end + 1, lineno + 1
    parts = stripped.split()
    if len(parts) != 3 or parts[0] != "p" or parts[1] != "af" or not _decimal(parts[2]):
        raise _error(f"expected the header 'p af N' first (N a decimal number), found {stripped[:40]!r}", filename, lineno, 1)
    n = int(parts[2])
    cap = max(MIN_ARGUMENT_CAP, ARGUMENTS_PER_BYTE * (len(text) if size is None else size))
    if n > cap:
        raise LimitExceededError(
            f"{filename or '<text>'}:{lineno}: 'p af {n}' declares {n} arguments; a file of this size may declare at most {cap}"
        )
    body = "" if end < 0 else text[end + 1 :]
    if _NOT_AF_BODY.search(body) is None:
        fw = _af_body(body.encode("ascii"), n)
        if fw is not None:
            return fw
    return _parse_af_lines(body, n, lineno, filename)


_MAX_DIGITS = 18  # an argument number past this is no argument (and would not fit the attack arrays)


_NUMPY_BYTES = 2_000_000  # from this body size on numpy parses the numbers (its import, ~0.15 s, then pays) ...
_NUMPY_LOADED_BYTES = 64_000  # ... or from this size when numpy is loaded already


def _af_body(body: bytes, n: int) -> Framework | None:
    """The attacks of a body of ASCII digits and white space in one pass (None: let the line path say what is wrong).

    Small bodies: one split of the bytes, the numbers converted in C (``map(int, ...)``); large ones
    (``_NUMPY_BYTES``) with ``numpy.fromstring``, about five times faster, when numpy is installed.
    """
    if len(body) >= (_NUMPY_LOADED_BYTES if "numpy" in sys.modules else _NUMPY_BYTES):
        numbers = _af_numbers_numpy(body, n)
    else:
        tokens = body.split()
        if len(tokens) % 2 or max(map(len, tokens), default=0) > _MAX_DIGITS:
            return None
        numbers = array("q", map(_MINUS_ONE, map(int, tokens)))  # 0-based, the loop in C
        if numbers and not (min(numbers) >= 0 and max(numbers) < n):
            return None
    if numbers is None:
        return None
    fw = Framework(n)
    fw.attack_from, fw.attack_to = numbers[0::2], numbers[1::2]
    return fw


def _af_numbers_numpy(body: bytes, n: int) -> array[int] | None:
    """The 0-based numbers of a plain body, parsed by numpy (None: out of range, odd, or numpy missing)."""
    try:
        import numpy as np
    except ImportError:  # numpy only speeds this up
        tokens = body.split()
        if len(tokens) % 2 or max(map(len, tokens), default=0) > _MAX_DIGITS:
            return None
        out = array("q", map(_MINUS_ONE, map(int, tokens)))
        return out if not out or (min(out) >= 0 and max(out) < n) else None
    values = np.fromstring(body, dtype=np.int64, sep=" ")  # every white space separates; an overflow saturates
    if values.size % 2 or (values.size and not (values.min() >= 1 and values.max() <= n)):
        return None
    values -= 1
    out = array("q")
    out.frombytes(values.tobytes())
    return out


def _read_af(data: bytes, filename: str) -> Framework:
    """A ``p af`` file from its bytes: the header decoded, the body split as bytes (no decoding when it is plain)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    head = re.match(rb"(?:[ \t\r]*(?:#[^\n]*)?\n)*[ \t]*p[ \t]+af[ \t]+([0-9]+)[ \t\r]*\n", data)
    if head is not None:
        n = int(head.group(1))
        body = data[head.end() :]
        if n <= max(MIN_ARGUMENT_CAP, ARGUMENTS_PER_BYTE * len(data)) and not body.translate(None, _AF_BODY_BYTES):
            fw = _af_body(body, n)
            if fw is not None:
                return fw
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FormatError([Problem(f"not UTF-8 text (byte {exc.start})", file=filename)]) from None
    return parse_af(text, filename=filename, size=len(data))


def _parse_af_lines(body: str, n: int, header_line: int, filename: str | None) -> Framework:
    """The attacks of a ``p af`` body line by line, raising the first problem with its line and column."""
    src: array[int] = array("q")
    dst: array[int] = array("q")
    for lineno, raw in enumerate(body.splitlines(), header_line + 1):
        parts = raw.split()
        if not parts or parts[0].startswith("#"):
            continue
        if len(parts) != 2:
            raise _error(f"expected an attack 'i j', found {len(parts)} fields", filename, lineno, 1)
        for k, part in enumerate(parts):
            if not _decimal(part) or len(part) > _MAX_DIGITS or not 1 <= int(part) <= n:
                col = raw.index(part, raw.index(parts[0]) + len(parts[0]) if k else 0) + 1
                raise _error(f"{part[:20]!r} is not an argument: expected a number from 1 to {n}", filename, lineno, col)
        src.append(int(parts[0]) - 1)
        dst.append(int(parts[1]) - 1)
    fw = Framework(n)
    fw.attack_from, fw.attack_to = src, dst
    return fw


def dump_af(fw: Framework) -> str:
    """Write a framework in the ICCMA 2023 format (arguments become ``1 .. N`` in their order).

    Examples
    --------
    >>> print(dump_af(Framework(["a", "b"], [("a", "b")])), end="")
    p af 2
    1 2
    """
    lines = [f"p af {len(fw)}"]
    lines.extend(f"{a + 1} {b + 1}" for a, b in zip(fw.attack_from, fw.attack_to, strict=True))
    return "\n".join(lines) + "\n"


_PARSERS = {"apx": parse_apx, "tgf": parse_tgf, "af": parse_af}
_DUMPERS = {"apx": dump_apx, "tgf": dump_tgf, "af": dump_af}


def _format_of(path: Path, format: str | None) -> str:  # noqa: A002
    name = format or FRAMEWORK_SUFFIXES.get(path.suffix.lower())
    if name not in _PARSERS:
        choices = ", ".join(sorted(FRAMEWORK_SUFFIXES))
        raise FormatError([Problem(f"unknown framework format (suffix '{path.suffix}'); use one of {choices}", file=str(path))])
    return name


def read_framework(path: str | os.PathLike[str], *, format: str | None = None) -> Framework:  # noqa: A002
    """Read a framework file; the format comes from the suffix (``.apx``, ``.tgf``, ``.af``/``.i23``) or ``format``."""
    p = Path(path)
    name = _format_of(p, format)
    try:
        size = p.stat().st_size
        if size > MAX_FRAMEWORK_BYTES:
            raise LimitExceededError(f"{p}: {size} bytes; the limit for a framework file is {MAX_FRAMEWORK_BYTES}")
        if name == "af":
            return _read_af(p.read_bytes(), str(p))
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise FormatError([Problem(f"cannot read: {exc.strerror or exc}", file=str(p))]) from None
    except UnicodeDecodeError as exc:
        raise FormatError([Problem(f"not UTF-8 text (byte {exc.start})", file=str(p))]) from None
    return _PARSERS[name](text, filename=str(p))


def write_framework(fw: Framework, path: str | os.PathLike[str], *, format: str | None = None) -> None:  # noqa: A002
    """Write a framework file in the format its suffix (or ``format``) names."""
    p = Path(path)
    p.write_text(_DUMPERS[_format_of(p, format)](fw), encoding="utf-8")
