"""Turn loaded data into a validated map, with pydantic's errors made into argmap problems (below graph, edit and formats)."""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Callable, Iterator
from operator import attrgetter
from typing import Any

import pydantic
from pydantic_core import SchemaValidator

from argmap._types import LANGUAGE_PATTERN, MAX_TEXT, MAX_TITLE
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

    A map in the long form (what argmap writes) is first validated without the short-form expansions (see
    :func:`_long_form_validator`): the map-wide one makes pydantic turn the whole JSON into Python data first,
    and the others are a Python call per statement and relation. Anything that path refuses (a short form,
    or any mistake) is validated again the full way, which gives the same map and the same errors: the fast
    path accepts only input that the expansions would leave as it is.
    """
    fast = _long_form_validator()
    with paused_gc():
        if fast is not None:
            try:
                amap: ArgumentMap = fast.validate_json(text)
            except pydantic.ValidationError:
                pass
            else:
                if not _repeats_a_premise(amap):
                    return amap
        try:
            return ArgumentMap.model_validate_json(text)
        except pydantic.ValidationError as exc:
            _raise(exc, file, locate)
    raise AssertionError("unreachable")  # pragma: no cover


#: The ``before`` validators that only expand short forms (a bare string for a list, a text, a holder; ``claim:``,
#: ``support:``; a missing relation id). Each leaves long-form input as it is, and without them a short form
#: does not fit the model's types, so the long-form validator refuses it.
_SHORT_FORMS = frozenset({"_short_forms", "_short_form", "_text_short_form", "_title_short_form", "_one_or_many"})


#: The statement text rules (``_check_texts``) as pydantic-core constraints, checked in Rust on the long-form path
#: (two Python calls per statement less): at least one language, language codes, at most so many characters,
#: and not blank. ``[^\s\x1c-\x1f]`` finds a character that is not white space exactly as ``str.isspace`` means
#: it (tests/test_load_fast_path.py checks every code point). Lone surrogates, the rule left out, cannot come
#: out of JSON (pydantic's parser refuses them). Any text these refuse is checked again by the full validation.
_NOT_BLANK = r"[^\s\x1c-\x1f]"
_TEXT_RULES = {"_text_rules": (1, MAX_TEXT), "_title_rules": (0, MAX_TITLE)}
#: Checked for the whole map at once after the long-form validation (:func:`_repeats_a_premise`), not per relation.
_MAP_WIDE = frozenset({"_premises_unique"})


def _repeats_a_premise(amap: ArgumentMap) -> bool:
    """True when a relation lists a premise twice (the rule of ``_premises_unique``, for the whole map: most have one)."""
    linked = [ps for ps in map(_PREMISES, amap.relations) if len(ps) > 1]
    return any(len(set(ps)) != len(ps) for ps in linked)


_PREMISES = attrgetter("premises")


_BUILDING = threading.Lock()


def _long_form_validator() -> SchemaValidator | None:
    """The long-form validator, built once (under a lock: building flips shared class flags, see
    :func:`_no_prebuilt_validators`, so two threads building at once could build it with short forms)."""
    with _BUILDING:
        return _build_long_form_validator()


@functools.cache
def _build_long_form_validator() -> SchemaValidator | None:
    """ArgumentMap's validator for the long form; None if pydantic's schema is not as expected.

    The model's own core schema, with the short-form ``before`` validators left out (:data:`_SHORT_FORMS`), the
    text rules as constraints (:data:`_TEXT_RULES`) and the premise rule checked once for the map
    (:data:`_MAP_WIDE`); every other rule (field types and bounds, the parts' own checks, the map-wide
    invariants) is shared.

    Only the JSON keys go through pydantic-core's string cache (``cache_strings="keys"``), not the values: a
    large map's values are mostly distinct ids and texts, which thrash the small cache; 0.9 s to 0.8 s for a
    100,000-statement map. The strings are equal either way.
    """
    ArgumentMap.model_rebuild()  # builds the deferred schema once (a no-op when built)
    found: set[str] = set()
    schema = _long_form(ArgumentMap.__pydantic_core_schema__, found)
    if found != _SHORT_FORMS | _TEXT_RULES.keys() | _MAP_WIDE:
        return None
    with _no_prebuilt_validators(_model_classes(schema)):
        return SchemaValidator(schema, {"cache_strings": "keys"})


def _model_classes(node: Any) -> set[type]:
    """The classes of the ``model`` nodes of a core schema."""
    if isinstance(node, dict):
        found = {node["cls"]} if node.get("type") == "model" and isinstance(node.get("cls"), type) else set()
        return found.union(*(_model_classes(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_model_classes(value) for value in node))
    return set()


@contextlib.contextmanager
def _no_prebuilt_validators(classes: set[type]) -> Iterator[None]:
    """Make pydantic-core build every nested model from the schema given, not reuse the model's own validator.

    pydantic-core takes a nested model's ready validator (``__pydantic_validator__``, short forms and all) in place
    of its schema when the class is complete, so once a ``Claim`` had been validated on its own the long-form
    validator quietly expanded short forms again. It looks for ``__pydantic_complete__`` in the class's own
    ``__dict__``; for the moment the validator is built it is false there.
    """
    complete = [cls for cls in classes if cls.__dict__.get("__pydantic_complete__") is True]
    for cls in complete:
        cls.__pydantic_complete__ = False  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for cls in complete:
            cls.__pydantic_complete__ = True  # type: ignore[attr-defined]


def _long_form(node: Any, found: set[str]) -> Any:
    """A copy of a core schema for the long form (see :func:`_long_form_validator`)."""
    if isinstance(node, dict):
        kind = node.get("type")
        name = (
            getattr(node.get("function", {}).get("function"), "__name__", None) if kind in ("function-before", "function-after") else None
        )
        if kind == "function-before" and name in _SHORT_FORMS:
            found.add(name)
            return _long_form(node["schema"], found)
        if kind == "function-after" and name in _MAP_WIDE:
            found.add(name)
            return _long_form(node["schema"], found)
        if kind == "function-after" and name in _TEXT_RULES:
            texts = _long_form(node["schema"], found)
            if (
                texts.get("type") == "dict"
                and texts.get("keys_schema") == {"type": "str"}
                and texts.get("values_schema") == {"type": "str"}
            ):
                found.add(name)
                min_length, max_length = _TEXT_RULES[name]
                return {
                    **texts,
                    "min_length": min_length,
                    "keys_schema": {"type": "str", "pattern": LANGUAGE_PATTERN},
                    "values_schema": {"type": "str", "pattern": _NOT_BLANK, "max_length": max_length},
                }
        return {key: _long_form(value, found) for key, value in node.items()}
    if isinstance(node, list):
        return [_long_form(value, found) for value in node]
    return node
