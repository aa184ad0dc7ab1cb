"""One exception tree for argmap: every error a user can meet, each with a message that says what and where."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from typing import Any

__all__ = [
    "ArgmapError",
    "FormatError",
    "FormatWarning",
    "InputLimitError",
    "InvalidMapError",
    "InvalidOptionError",
    "LimitExceededError",
    "MapFileNotFoundError",
    "NotFoundError",
    "Problem",
    "RenderError",
    "UnknownOptionError",
    "problems_from_pydantic",
]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is and what is wrong.

    ``path`` is a field path such as ``relations[3].target``; ``file``, ``line`` and
    ``column`` are filled in when the input came from a file and the place is known.
    """

    message: str
    path: str = ""
    file: str | None = None
    line: int | None = None
    column: int | None = None

    def where(self) -> str:
        parts: list[str] = []
        if self.file:
            place = self.file
            if self.line is not None:
                place += f":{self.line}"
                if self.column is not None:
                    place += f":{self.column}"
            parts.append(place)
        elif self.line is not None:
            parts.append(f"line {self.line}" + (f", column {self.column}" if self.column is not None else ""))
        if self.path:
            parts.append(self.path)
        return ": ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else self.message

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None and v != ""}


class ArgmapError(Exception):
    """The base of every error argmap raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InvalidMapError(ArgmapError, ValueError):
    """A map (or a part of one) breaks the model's rules. ``problems`` lists every one found."""

    def __init__(self, problems: list[Problem], *, summary: str | None = None) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        head = summary or f"invalid argument map: {count} problem{'s' if count != 1 else ''}"
        super().__init__(head + "".join(f"\n  - {p}" for p in self.problems))


class FormatError(InvalidMapError):
    """A file or text could not be read in its format (syntax, structure); problems carry file:line:column."""


class FormatWarning(UserWarning):
    """A foreign file held something argmap cannot represent exactly; the message says what and where."""


class NotFoundError(ArgmapError, KeyError):
    """An id names no statement, relation or source in the map."""

    def __init__(self, message: str, *, id: str | None = None) -> None:  # noqa: A002 - id is the domain word
        super().__init__(message)
        self.id = id

    def __str__(self) -> str:  # KeyError would add quotes
        return self.message


class InvalidOptionError(ArgmapError, ValueError):
    """An option given to a function or a command is not valid (the map may well be): ``option`` names it.

    Examples
    --------
    >>> str(InvalidOptionError("lang", "'!!' is not a language code"))
    "invalid option 'lang': '!!' is not a language code"
    """

    def __init__(self, option: str, message: str) -> None:
        super().__init__(f"invalid option '{option}': {message}")
        self.option = option
        self.detail = message

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.option, self.detail))


class UnknownOptionError(InvalidOptionError, TypeError):
    """An option name that the function does not take (a :class:`TypeError`, as for an unknown keyword argument)."""

    def __init__(self, option: str, message: str) -> None:
        ArgmapError.__init__(self, message)
        self.option = option
        self.detail = message


class MapFileNotFoundError(ArgmapError, FileNotFoundError):
    """A file to read does not exist: both an :class:`ArgmapError` and the :class:`FileNotFoundError` Python code catches.

    Examples
    --------
    >>> exc = MapFileNotFoundError("maps/nosuch.yaml")
    >>> str(exc), exc.filename, isinstance(exc, OSError)
    ('maps/nosuch.yaml: no such file', 'maps/nosuch.yaml', True)
    """

    def __init__(self, filename: str) -> None:
        message = f"{filename}: no such file"
        FileNotFoundError.__init__(self, errno.ENOENT, "no such file", filename)
        self.message = message

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.filename,))

    def __str__(self) -> str:
        return self.message


class LimitExceededError(ArgmapError):
    """An input or a job is larger or slower than the configured limit allows."""


class InputLimitError(FormatError, LimitExceededError):
    """An input is well-formed but past a reading limit: too many values once aliases are expanded, nested too
    deeply, a number with too many digits. Both a :class:`FormatError` (problems carry file:line:column) and a
    :class:`LimitExceededError`."""


class RenderError(ArgmapError):
    """Rendering failed: Graphviz missing, failing or too slow."""


_MAX_MESSAGE = 300


def format_loc(loc: tuple[int | str, ...]) -> str:
    """Turn a pydantic location tuple into ``relations[3].target``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def problems_from_pydantic(exc: Any, *, file: str | None = None) -> list[Problem]:
    """Flatten a ``pydantic.ValidationError`` into problems with field paths.

    Discriminated-union tags (``claim``, ``support``...) are dropped from the path, and the
    map-level rule violations (one pydantic error carrying many problems) are expanded.
    """
    problems: list[Problem] = []
    for err in exc.errors(include_url=False):
        ctx = err.get("ctx") or {}
        if err.get("type") == "map_invariant" and "problems" in ctx:
            for path, message in ctx["problems"]:
                problems.append(Problem(message=message, path=path, file=file))
            continue
        loc = tuple(p for p in err.get("loc", ()) if p not in _UNION_TAGS)
        msg = str(err.get("msg", "invalid"))
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, ") :]
        elif err.get("type") == "string_pattern_mismatch":
            msg = _pattern_message(str(ctx.get("pattern", "")), err.get("input"), msg)
        if len(msg) > _MAX_MESSAGE:  # never echo a huge input whole
            msg = msg[: _MAX_MESSAGE - 40] + f"... ({len(msg):,} characters in all)"
        problems.append(Problem(message=msg, path=format_loc(loc), file=file))
    return problems


def _pattern_message(pattern: str, value: Any, fallback: str) -> str:
    """Say in words what an id or a language code may be, instead of quoting a regular expression."""
    if r"[\w.:\-]" in pattern:  # ID_PATTERN, or ID_CHECK (the same rule, as pydantic checks it)
        return f"{value!r} is not a valid id: use letters, digits, '_', '.', ':' or '-' (no spaces), at most 128 characters"
    if "[a-z]{2,3}" in pattern:
        return f"{value!r} is not a language code (use ISO 639 codes such as 'nl' or 'en')"
    return fallback


# Tags of the discriminated unions; pydantic puts them in error locations, users never wrote them.
_UNION_TAGS = frozenset({"claim", "evidence", "support", "attack", "undercut", "rephrase", "preference"})
