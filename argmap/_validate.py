"""Turn loaded data into a validated map, with pydantic's errors made into argmap problems (below graph, edit and formats)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pydantic

from argmap._util import paused_gc
from argmap.errors import InvalidMapError, Problem, problems_from_pydantic
from argmap.model import ArgumentMap

__all__ = ["MAX_PROBLEMS", "validate_map", "validate_map_json"]

Locator = Callable[[str], tuple[int, int] | None]


#: At most this many problems are reported (and located) for one input; the rest are counted.
MAX_PROBLEMS = 50


def _raise(exc: pydantic.ValidationError, file: str | None, locate: Locator | None) -> None:
    problems = problems_from_pydantic(exc, file=file)
    more = len(problems) - MAX_PROBLEMS
    problems = problems[:MAX_PROBLEMS]
    if locate is not None:
        placed: list[Problem] = []
        for p in problems:
            where = locate(p.path) if p.path else None
            placed.append(Problem(p.message, p.path, file, *where) if where else p)
        problems = placed
    if more > 0:
        problems.append(Problem(f"and {more} more problem{'s' if more != 1 else ''} (the first {MAX_PROBLEMS} are listed)", file=file))
    raise InvalidMapError(problems, summary=f"{file}: invalid argument map" if file else None) from None


def validate_map(data: Any, *, file: str | None = None, locate: Locator | None = None) -> ArgumentMap:
    """Validate Python data (as loaded from JSON or YAML) into an :class:`ArgumentMap`.

    Raises :class:`~argmap.errors.InvalidMapError` listing every problem with its field path,
    and its line and column when ``locate`` can find the path in the file.
    """
    if not isinstance(data, dict):
        kind = type(data).__name__ if data is not None else "nothing"
        raise InvalidMapError([Problem(f"expected a mapping with 'statements' and 'relations', got {kind}", file=file)])
    with paused_gc():
        try:
            return ArgumentMap.model_validate(data, context={"language": data.get("language", "en")})
        except pydantic.ValidationError as exc:
            _raise(exc, file, locate)
    raise AssertionError("unreachable")  # pragma: no cover


def validate_map_json(text: str | bytes, *, file: str | None = None, locate: Locator | None = None) -> ArgumentMap:
    """Validate JSON text straight into a map (pydantic's fast JSON path)."""
    with paused_gc():
        try:
            return ArgumentMap.model_validate_json(text)
        except pydantic.ValidationError as exc:
            _raise(exc, file, locate)
    raise AssertionError("unreachable")  # pragma: no cover
