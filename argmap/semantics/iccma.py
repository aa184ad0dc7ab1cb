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
FRAMEWORK_SUFFIXES = {".apx": "apx", ".tgf": "tgf", ".af": "af", ".i23": "af"}
_FACT = re.compile(r'\s*(arg|att)\s*\(\s*("(?:[^"\\]|\\.)*"|[^,()\s"]+)\s*(?:,\s*("(?:[^"\\]|\\.)*"|[^,()\s"]+)\s*)?\)\s*\.')
_PLAIN = re.compile(r"^[a-z0-9_][A-Za-z0-9_]*$")


def _error(message: str, filename: str | None, line: int, column: int | None = None) -> FormatError:
    problem = Problem(message, file=filename or "<text>", line=line, column=column)
    return FormatError([problem], summary=f"invalid framework: {problem}")


def _unquote(token: str) -> str:
    if token.startswith('"'):
        return token[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return token


def parse_apx(text: str, *, filename: str | None = None) -> Framework:
    """Parse ASPARTIX facts into a framework.

    Examples
    --------
    >>> fw = parse_apx("arg(a). arg(b).\\natt(a,b). % a attacks b")
    >>> list(fw.names), list(fw.attack_pairs())
    (['a', 'b'], [('a', 'b')])
    """
    names: dict[str, int] = {}
    attacks: list[tuple[str, str, int, int]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        body = line.split("%", 1)[0]
        pos = 0
        while body[pos:].strip():
            match = _FACT.match(body, pos)
            if match is None:
                col = pos + len(body[pos:]) - len(body[pos:].lstrip()) + 1
                raise _error(f"expected arg(x). or att(x,y). here, found {body[col - 1 : col + 19].rstrip()!r}", filename, lineno, col)
            kind, first, second = match.group(1), match.group(2), match.group(3)
            if kind == "arg":
                if second is not None:
                    raise _error("arg(...) takes one name", filename, lineno, match.start(1) + 1)
                name = _unquote(first)
                if name in names:
                    raise _error(f"argument '{name}' is declared twice", filename, lineno, match.start(2) + 1)
                names[name] = len(names)
            else:
                if second is None:
                    raise _error("att(...) takes two names: att(attacker, attacked)", filename, lineno, match.start(1) + 1)
                attacks.append((_unquote(first), _unquote(second), lineno, match.start(2) + 1))
            pos = match.end()
    pairs: list[tuple[int, int]] = []
    for a, b, lineno, col in attacks:
        for name in (a, b):
            if name not in names:
                raise _error(f"att names '{name}', which no arg(...) declares", filename, lineno, col)
        pairs.append((names[a], names[b]))
    return Framework(list(names), pairs)


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
    """Parse the trivial graph format: names, a ``#`` line, then attacks ``a b``.

    Examples
    --------
    >>> fw = parse_tgf("a\\nb\\n#\\na b\\n")
    >>> list(fw.attack_pairs())
    [('a', 'b')]
    """
    names: dict[str, int] = {}
    pairs: list[tuple[int, int]] = []
    in_edges = False
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line == "#":
            if in_edges:
                raise _error("a second '#' line; tgf has one, between the arguments and the attacks", filename, lineno, 1)
            in_edges = True
            continue
        parts = line.split()
        if not in_edges:
            if len(parts) != 1:
                raise _error(f"expected one argument name per line, found {len(parts)} words", filename, lineno, 1)
            if parts[0] in names:
                raise _error(f"argument '{parts[0]}' is listed twice", filename, lineno, 1)
            names[parts[0]] = len(names)
            continue
        if len(parts) != 2:
            raise _error(f"expected an attack 'a b', found {len(parts)} words", filename, lineno, 1)
        for k, name in enumerate(parts):
            if name not in names:
                col = raw.index(name, raw.index(parts[0]) + len(parts[0]) if k else 0) + 1
                raise _error(f"attack names '{name}', which is not listed above the '#' line", filename, lineno, col)
        pairs.append((names[parts[0]], names[parts[1]]))
    return Framework(list(names), pairs)


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


def parse_af(text: str, *, filename: str | None = None) -> Framework:
    """Parse the ICCMA 2023 format: ``p af N``, then attacks ``i j`` over ``1 .. N``.

    Examples
    --------
    >>> fw = parse_af("p af 3\\n# a comment\\n1 2\\n2 3\\n")
    >>> len(fw), list(fw.attack_pairs())
    (3, [('1', '2'), ('2', '3')])
    """
    n: int | None = None
    src: list[int] = []
    dst: list[int] = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if n is None:
            if len(parts) != 3 or parts[0] != "p" or parts[1] != "af" or not parts[2].isdigit():
                raise _error(f"expected the header 'p af N' first, found {line[:40]!r}", filename, lineno, 1)
            n = int(parts[2])
            continue
        if len(parts) != 2:
            raise _error(f"expected an attack 'i j', found {len(parts)} fields", filename, lineno, 1)
        for k, part in enumerate(parts):
            if not part.isdigit() or not 1 <= int(part) <= n:
                col = raw.index(part, raw.index(parts[0]) + len(parts[0]) if k else 0) + 1
                raise _error(f"'{part}' is not an argument: expected a number from 1 to {n}", filename, lineno, col)
        src.append(int(parts[0]) - 1)
        dst.append(int(parts[1]) - 1)
    if n is None:
        raise _error("no 'p af N' header: the text is empty", filename, 1, 1)
    return Framework.from_arrays(n, src, dst)


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
