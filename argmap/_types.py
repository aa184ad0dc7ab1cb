"""The model's shared field types and text rules: ids, language codes, tags, texts per language."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from typing import Annotated, Any, Literal, TypeAlias

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, JsonValue, ValidationInfo

from argmap.errors import InvalidOptionError

__all__ = [
    "ID_CHECK",
    "ID_MAX_LENGTH",
    "ID_PATTERN",
    "LANGUAGE_PATTERN",
    "MAX_TEXT",
    "MAX_TITLE",
    "Data",
    "EvidenceType",
    "Id",
    "Language",
    "RelationType",
    "Tags",
    "Text",
    "Unit",
    "check_language",
    "is_language",
]

ID_PATTERN = r"^[\w][\w.:\-]{0,127}$"
#: The same rule as pydantic checks it: ``ID_PATTERN``'s bounded repeat of Unicode ``\w`` costs the Rust regex
#: engine 40 ms to compile (at every start) and is several times slower to match; an unbounded repeat with
#: ``max_length=128`` accepts exactly the same ids. The JSON Schema still shows ``ID_PATTERN``.
ID_CHECK = r"^\w[\w.:\-]*$"
ID_MAX_LENGTH = 128
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$"
_LANG_RE = re.compile(LANGUAGE_PATTERN)


def _id_json_schema(schema: dict[str, Any]) -> None:
    schema["pattern"] = ID_PATTERN
    schema.pop("maxLength", None)


Id = Annotated[
    str,
    Field(
        pattern=ID_CHECK,
        max_length=ID_MAX_LENGTH,
        description="Letters, digits, '_', '.', ':' or '-', at most 128 characters; unique across the map.",
        examples=["c1", "critics-product"],
        json_schema_extra=_id_json_schema,
    ),
]
Language = Annotated[str, Field(pattern=LANGUAGE_PATTERN, examples=["nl", "en"])]
Unit = Annotated[float, Field(ge=0.0, le=1.0)]
EvidenceType: TypeAlias = Literal["statistic", "example", "quote", "testimony", "analogy", "historical_fact", "other"]
RelationType: TypeAlias = Literal["support", "attack", "undercut", "rephrase", "preference"]

MAX_TEXT = 20_000  # characters in one statement text; a statement is not an essay
MAX_TITLE = 200  # characters in one short title


def _one_or_many(value: Any) -> Any:
    """Short form: a single string where a list is expected."""
    return [value] if isinstance(value, str) else value


def _check_tags(value: tuple[str, ...]) -> tuple[str, ...]:
    for tag in value:
        if not tag.strip() or len(tag) > 100:
            raise ValueError(f"tag {tag!r} must be 1 to 100 characters")
        if _SURROGATE.search(tag):
            raise ValueError(f"tag: {_LONE}")
    return value


Tags = Annotated[tuple[str, ...], BeforeValidator(_one_or_many), AfterValidator(_check_tags)]

_FROZEN = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False, defer_build=True)


_SURROGATE = re.compile("[\ud800-\udfff]")
_LONE = "a lone surrogate (U+D800 to U+DFFF) is not text; it cannot be written as UTF-8"


def _surrogate_at(value: Any) -> str | None:
    """Where in plain data a text (or key) holds a lone surrogate: ``""``, ``.en``, ``[2]``; None when none does."""
    if isinstance(value, str):
        return "" if _SURROGATE.search(value) else None
    if isinstance(value, dict):
        for key, sub in value.items():
            if isinstance(key, str) and _SURROGATE.search(key):
                return f".{key.encode('utf-8', 'backslashreplace').decode()}"
            if isinstance(sub, (str, dict, list)):
                where = _surrogate_at(sub)
                if where is not None:
                    return f".{key}{where}"
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            if isinstance(sub, (str, dict, list)):
                where = _surrogate_at(sub)
                if where is not None:
                    return f"[{i}]{where}"
    return None


def _check_data(value: dict[str, Any]) -> dict[str, Any]:
    if value:
        where = _surrogate_at(value)
        if where is not None:
            raise ValueError(f"{where.lstrip('.') or 'a key'}: {_LONE}")
        where = _not_finite_at(value)
        if where is not None:
            raise ValueError(f"{where.lstrip('.')}: NaN and Infinity are not JSON numbers")
    return value


def _not_finite_at(value: Any) -> str | None:
    """Where in plain data a number is NaN or infinite; None when none is."""
    if isinstance(value, float):
        return None if math.isfinite(value) else ""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, sub in items:
        if isinstance(sub, (float, dict, list)):
            where = _not_finite_at(sub)
            if where is not None:
                return (f"[{key}]" if isinstance(key, int) else f".{key}") + where
    return None


def _check_text(value: str) -> str:
    if _SURROGATE.search(value):
        raise ValueError(_LONE)
    return value


#: Free JSON data (a statement's or relation's ``data``, a map's ``metadata``), lone surrogates refused.
Data = Annotated[dict[str, JsonValue], AfterValidator(_check_data)]
#: Text without a length bound (a source's full text), lone surrogates refused.
Text = Annotated[str, AfterValidator(_check_text)]


class _Frozen(BaseModel):
    model_config = _FROZEN


def _texts(value: Any, info: ValidationInfo, field: str) -> Any:
    """Expand a bare string into ``{language: text}``, the language from the validation context."""
    if isinstance(value, str):
        lang = (info.context or {}).get("language", "en") if info.context is not None else "en"
        return {lang: value}
    return value


@functools.lru_cache(maxsize=256)
def is_language(code: str) -> bool:
    """True when ``code`` is a language code as the model takes them (``nl``, ``en``, ``pt-BR``).

    Examples
    --------
    >>> is_language("pt-BR"), is_language("en\\n"), is_language("!!")
    (True, False, False)
    """
    return _LANG_RE.fullmatch(code) is not None


def check_language(lang: str | None, languages: Sequence[str]) -> None:
    """Refuse a language (``--lang``, ``lang=``) the map has no text in, naming those it has: one rule, one message,
    for every command and for rendering."""
    if lang is not None and lang not in languages:
        raise InvalidOptionError("lang", f"the map has no text in '{lang}'; its languages: {', '.join(languages)}")


def _check_texts(value: dict[str, str], *, allow_empty: bool = False) -> dict[str, str]:
    if not value and not allow_empty:
        raise ValueError("needs text in at least one language, e.g. {'en': '...'}")
    # Run once per statement of every map loaded: each test is the cheapest that says the same thing
    # (``isspace`` is what ``strip`` strips, without a copy; an ASCII text has no surrogate).
    for lang, text in value.items():
        if not is_language(lang):
            shown = lang.encode("utf-8", "backslashreplace").decode()[:20]
            raise ValueError(f"'{shown}' is not a language code (use ISO 639 codes such as 'nl' or 'en')")
        if not text or text.isspace():
            raise ValueError(f"text in '{lang}' is empty")
        if len(text) > MAX_TEXT:
            raise ValueError(f"text in '{lang}' has {len(text)} characters; the limit is {MAX_TEXT}")
        if not text.isascii() and _SURROGATE.search(text):
            raise ValueError(f"text in '{lang}': {_LONE}")
    return value
