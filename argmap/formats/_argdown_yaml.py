"""YAML of Argdown front matter and ``{data}`` blocks, bounded: an alias bomb fails fast with a clean error.

Loading goes through the project's bounded loader (:func:`argmap._yaml.load_yaml`), which counts what aliases
expand to, the nesting and the digits of numbers *before* anything is built, with tighter limits here: a few
lines of Argdown need no more. The value is then checked for what argmap's data cannot hold: keys that are
not text, numbers that are not finite. Every problem carries its line and column in the Argdown file.
"""

from __future__ import annotations

import math
from typing import Any

from argmap._yaml import YamlLimits
from argmap._yaml import load_yaml as _load_bounded
from argmap.errors import FormatError, Problem

__all__ = ["LIMITS", "MAX_DEPTH", "MAX_NODES", "YamlLimitError", "check_value", "load_yaml"]

MAX_NODES = 100_000
MAX_DEPTH = 64
LIMITS = YamlLimits(max_nodes=MAX_NODES, max_depth=MAX_DEPTH, max_chars=20_000_000)


class YamlLimitError(ValueError):
    """The value has a key that is not text, a number that is not finite, or is too big or deep."""


def load_yaml(text: str, *, what: str, file: str | None, line: int, column: int = 1, check: bool = True) -> Any:
    """Load YAML found at ``line``/``column`` of an Argdown file.

    Raises
    ------
    FormatError
        Not valid YAML, or past a limit; each problem's place is in the Argdown file.
    YamlLimitError
        (with ``check``) a key that is not text or a number that is not finite.
    """
    try:
        value = _load_bounded(text, file=file, what=what, limits=LIMITS, line_offset=line - 1)
    except FormatError as exc:
        problems = [
            Problem(p.message, file=p.file, line=p.line or line, column=(p.column or 1) + (column - 1 if p.line in (None, line) else 0))
            for p in exc.problems
        ]
        raise FormatError(problems, summary=str(exc).splitlines()[0]) from None
    if check:
        check_value(value)
    return value


def check_value(value: Any, *, top_keys: bool = True) -> None:
    """Refuse past :data:`MAX_NODES` values or :data:`MAX_DEPTH` levels (aliases counted at each use), keys that
    are not text, and numbers that are not finite."""
    count = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise YamlLimitError(f"the YAML expands to more than {MAX_NODES:,} values (aliases *name repeat what they point at)")
        if depth > MAX_DEPTH:
            raise YamlLimitError(f"the YAML is nested more than {MAX_DEPTH} levels deep")
        if isinstance(item, dict):
            for key, sub in item.items():
                if not isinstance(key, str) and (top_keys or depth):
                    raise YamlLimitError(f"a YAML key must be text, not {type(key).__name__} ({str(key)[:40]!r})")
                stack.append((sub, depth + 1))
        elif isinstance(item, list):
            stack.extend((sub, depth + 1) for sub in item)
        elif isinstance(item, float) and not math.isfinite(item):
            raise YamlLimitError(f"a YAML number must be finite, not {item}")
