"""Kialo's plain-text discussion export (``Discussion Title:``, ``1.``, ``1.1. Pro: ...``, ``-> See 1.3.``), read.

Every numbered line is a claim with id ``k`` + its number (``k1.2.``'s id is ``k1.2``); ``Pro:`` supports
and ``Con:`` attacks the claim it is numbered under; a text that continues on the next lines is joined.
``-> See 1.3.`` links reuse claim 1.3 as the premise instead of repeating it (and what is
numbered under a link answers the claim it links to). The thesis ``1.`` is the
main claim; the discussion title is the map's title. Markdown links keep their URL in brackets.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from argmap.errors import FormatError, InvalidMapError, Problem
from argmap.formats import Format, register
from argmap.formats._validate import validate_map
from argmap.model import ArgumentMap

__all__ = ["parse_kialo", "read_kialo"]

_LINE = re.compile(r"((?:\d+\.)+)(?:[ \t]+(Pro|Con):)?(?:[ \t]+(.*))?$")  # a space or a tab after the number
_MAX_ID = 100
_SEE = re.compile(r"-> See ((?:\d+\.)+)\s*$")
_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\s]+)\)")
_ESCAPED = re.compile(r"\\([\[\]()*_#\\])")


def _clean(text: str) -> str:
    return _ESCAPED.sub(r"\1", _LINK.sub(r"\1 (\2)", text)).strip()


def parse_kialo(text: str, *, filename: str | None = None, base_dir: str | None = None) -> ArgumentMap:
    """Parse a Kialo ``.txt`` export into a map.

    Examples
    --------
    >>> m = parse_kialo('''Discussion Title: Pets
    ...
    ... 1. Cats are good pets.
    ... 1.1. Pro: They purr.
    ... 1.2. Con: They scratch.
    ... 1.2.1. Con: -> See 1.1.
    ... ''')
    >>> m.title, m.main_claim, [(r.type, r.premises, r.target) for r in m.relations]
    ('Pets', 'k1', [('support', ('k1.1',), 'k1'), ('attack', ('k1.2',), 'k1'), ('attack', ('k1.1',), 'k1.2')])
    """
    problems: list[Problem] = []
    title: str | None = None
    entries: list[dict[str, Any]] = []  # number, stance, text lines, line
    for no, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if no == 1 and line.startswith("Discussion Title:"):
            title = line.split(":", 1)[1].strip() or None
            continue
        match = _LINE.match(line)
        if match and (match.group(3) or match.group(2)):
            entries.append({"number": match.group(1), "stance": match.group(2), "lines": [match.group(3) or ""], "line": no})
        elif entries:
            entries[-1]["lines"].append(line)
        elif line.strip():
            problems.append(
                Problem("expected 'Discussion Title: ...' or a numbered line such as '1. Thesis'", file=filename, line=no, column=1)
            )
    if not entries and not problems:
        problems.append(Problem("no numbered lines: a Kialo export starts with '1. ' and the thesis", file=filename, line=1, column=1))
    first_line: dict[str, int] = {}
    for e in entries:
        if e["number"] in first_line:
            where = f"first at line {first_line[e['number']]}"
            problems.append(Problem(f"{e['number']} is numbered twice ({where})", file=filename, line=e["line"], column=1))
        first_line.setdefault(e["number"], e["line"])
    numbers = set(first_line)
    links = {e["number"]: m.group(1) for e in entries if (m := _SEE.match("\n".join(e["lines"]).strip()))}

    resolved: dict[str, str] = {}

    def ident(number: str) -> str:
        """The statement id of a number: ``k1.2`` for ``1.2.``; a number too long for an id goes by its line."""
        return "k" + number[:-1] if len(number) < _MAX_ID else f"k-line{first_line.get(number, 0)}"

    def claim(number: str) -> str:
        """The id of the claim a number stands for: a '-> See' line stands for the claim it links to.

        Each chain of links is followed once (a linear walk, remembered), however long the chain.
        """
        path: list[str] = []
        seen: set[str] = set()
        while number in links and number not in seen and number not in resolved:
            seen.add(number)
            path.append(number)
            number = links[number]
        if number in seen:  # a circle: every number on it stands for itself (reported below)
            for p in path:
                resolved[p] = p
            return ident(path[0])
        end = resolved.get(number, number)
        for p in path:
            resolved[p] = end
        return ident(end)

    statements: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    for e in entries:
        number, body = e["number"], "\n".join(e["lines"]).strip()
        parent = number[: number[:-1].rfind(".") + 1]
        sid = ident(number)
        see = _SEE.match(body)
        if parent and parent not in numbers:
            problems.append(Problem(f"{number} is under {parent}, which is not in the file", file=filename, line=e["line"], column=1))
            continue
        if parent and e["stance"] is None:
            problems.append(Problem(f"expected 'Pro:' or 'Con:' after {number}", file=filename, line=e["line"], column=len(number) + 2))
            continue
        if see:
            if see.group(1) not in numbers:
                col = len(number) + len(e["stance"] or "") + 8
                problems.append(
                    Problem(f"'-> See {see.group(1)}' links to a claim that is not in the file", file=filename, line=e["line"], column=col)
                )
                continue
            if claim(number) == sid:
                problems.append(Problem(f"'-> See {see.group(1)}' links in a circle", file=filename, line=e["line"], column=1))
                continue
            premise = claim(number)
            if parent and premise == claim(parent):
                problems.append(Problem(f"'-> See {see.group(1)}' links to the claim it answers", file=filename, line=e["line"], column=1))
                continue
        else:
            if not body:
                problems.append(Problem(f"{number} has no text", file=filename, line=e["line"], column=1))
                continue
            premise = sid
            statements.append({"id": sid, "kind": "claim", "text": _clean(body), "data": {"kialo": number}})
        if parent:
            rtype = "support" if e["stance"] == "Pro" else "attack"
            relations.append({"id": f"r{sid}", "type": rtype, "premises": [premise], "target": claim(parent)})
    if problems:
        raise FormatError(problems[:100], summary=f"{filename or 'input'}: not a valid Kialo export")
    theses = [e["number"] for e in entries if e["number"].count(".") == 1]
    data: dict[str, Any] = {"title": title, "statements": statements, "relations": relations}
    if len(theses) == 1:
        data["main_claim"] = ident(theses[0])
    try:
        return validate_map(data, file=filename)
    except InvalidMapError as exc:
        raise FormatError(exc.problems, summary=f"{filename or 'input'}: not a valid argument map") from None


def read_kialo(path: str | Path) -> ArgumentMap:
    """Read a Kialo ``.txt`` export (see :func:`parse_kialo`)."""
    from argmap.formats import load

    return load(path, format="kialo")


def _sniff(text: str) -> bool:
    return text.lstrip("\ufeff").startswith("Discussion Title:")


register(
    Format("kialo", (".kialo.txt", ".kialo"), "Kialo discussion export, plain text (read)", parse_kialo, None, _sniff, ("text/x-kialo",))
)
