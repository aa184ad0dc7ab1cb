"""Turn loaded data into a validated map, with pydantic's errors made into argmap problems (below graph, edit and formats)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import pydantic
from pydantic_core import SchemaValidator

from argmap._types import LONG_FORM_ONLY
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
    """Validate JSON text straight into a map (pydantic's fast JSON path).

    A map in the long form (what argmap writes) is validated without the map-wide short-form expansion,
    whose ``before`` validator makes pydantic turn the whole JSON into Python data first. Anything that
    path refuses (a short form, or any mistake) is validated again the full way, which gives the same map
    for any input and the same errors: the fast path only ever accepts what the full one accepts.
    """
    fast = _long_form_validator()
    with paused_gc():
        if fast is not None:
            try:
                return fast.validate_json(text, context={LONG_FORM_ONLY: True})  # type: ignore[no-any-return]
            except pydantic.ValidationError:
                pass
        try:
            return ArgumentMap.model_validate_json(text)
        except pydantic.ValidationError as exc:
            _raise(exc, file, locate)
    raise AssertionError("unreachable")  # pragma: no cover


@functools.cache
def _long_form_validator() -> SchemaValidator | None:
    """ArgumentMap's validator without its short-form ``before`` validator; None if pydantic's schema is not as expected.

    Every other rule (field types, the parts' own validators, the map-wide invariants) is the model's own
    schema, shared. A bare string for a text is refused by ``_texts`` under :data:`LONG_FORM_ONLY`.
    """
    ArgumentMap.model_rebuild()  # builds the deferred schema once (a no-op when built)
    schema = _without_before(ArgumentMap.__pydantic_core_schema__, "_short_forms")
    return SchemaValidator(schema) if schema is not None else None  # type: ignore[arg-type]


def _without_before(schema: Any, name: str) -> Any:
    """A copy of a core schema without the ``function-before`` validator called ``name`` (copied only on the way to it)."""
    if not isinstance(schema, dict):
        return None
    if schema.get("type") == "function-before" and getattr(schema.get("function", {}).get("function"), "__name__", None) == name:
        return schema["schema"]
    inner = _without_before(schema.get("schema"), name)
    return None if inner is None else {**schema, "schema": inner}
