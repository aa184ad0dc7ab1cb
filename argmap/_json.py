"""The one way argmap reads JSON data: bounded, and every failure a clean error with line:column.

Python's :mod:`json` recurses once per nesting level (a ``RecursionError`` at about 1,000 levels) and turns
a 5,000-digit number into a ``ValueError`` about ``sys.set_int_max_str_digits``. pydantic's JSON parser
(jiter, in Rust) stops at 200 levels and at numbers past 4,300 digits with a message giving the place;
:func:`load_json` turns those into :class:`~argmap.errors.InputLimitError` and syntax errors into
:class:`~argmap.errors.FormatError`. ``NaN`` and ``Infinity`` are refused (JSON has no such numbers).
"""

from __future__ import annotations

import re
from typing import Any

import pydantic_core

from argmap._util import paused_gc
from argmap.errors import FormatError, InputLimitError, Problem

__all__ = ["MAX_JSON_DEPTH", "json_error", "load_json"]

#: How deep JSON may nest (pydantic's parser's own bound).
MAX_JSON_DEPTH = 200

_AT = re.compile(r"^(?:Invalid JSON: )?(.*?) at line (\d+) column (\d+)$", re.DOTALL)


def load_json(text: str | bytes, *, file: str | None = None, what: str = "JSON") -> Any:
    """Parse JSON text into Python data, refusing deep nesting, huge numbers, ``NaN`` and bad syntax cleanly.

    Raises
    ------
    InputLimitError
        Nested more than :data:`MAX_JSON_DEPTH` levels, or a number too large to read.
    FormatError
        Not valid JSON (the problem gives line and column).
    """
    try:
        with paused_gc():
            return pydantic_core.from_json(text, allow_inf_nan=False)
    except ValueError as exc:
        raise json_error(str(exc), file=file, what=what) from None
    except (TypeError, UnicodeError):  # a str holding a lone surrogate cannot become UTF-8 for the parser
        index = next((i for i, c in enumerate(text) if isinstance(c, str) and 0xD800 <= ord(c) <= 0xDFFF), 0)
        head = text[:index] if isinstance(text, str) else ""
        line, column = head.count("\n") + 1, index - (head.rfind("\n") + 1) + 1
        problem = Problem(f"{what}: a lone surrogate (U+D800 to U+DFFF) is not text", file=file, line=line, column=column)
        raise FormatError([problem], summary=f"{file or 'input'}: not valid JSON") from None


def json_error(message: str, *, file: str | None = None, what: str = "JSON") -> FormatError:
    """The clean error for a message of pydantic's JSON parser (``... at line L column C``)."""
    match = _AT.match(message.strip())
    detail, line, column = (match.group(1), int(match.group(2)), int(match.group(3))) if match else (message, None, None)
    name = file or "input"
    if "recursion limit" in detail:
        problem = Problem(f"{what}: nested more than {MAX_JSON_DEPTH} levels deep", file=file, line=line, column=column)
        return InputLimitError([problem], summary=f"{name}: {problem.message}")
    if "number out of range" in detail or "number too large" in detail:
        problem = Problem(f"{what}: a number too large to read (more than 4,300 digits)", file=file, line=line, column=column)
        return InputLimitError([problem], summary=f"{name}: {problem.message}")
    if "hex escape" in detail or "surrogate" in detail:
        detail += " (a lone surrogate \\uD800-\\uDFFF is not text)"
    prefix = "JSON syntax error" if what == "JSON" else f"{what}: JSON syntax error"
    return FormatError([Problem(f"{prefix}: {detail}", file=file, line=line, column=column)], summary=f"{name}: not valid JSON")
