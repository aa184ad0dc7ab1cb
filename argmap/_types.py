"""The model's shared field types and text rules: ids, language codes, tags, texts per language."""

from __future__ import annotations

import functools
import re
from typing import Annotated, Any, Literal, TypeAlias

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, model_validator

__all__ = ["ID_PATTERN", "MAX_TEXT", "MAX_TITLE", "EvidenceType", "Id", "Language", "RelationType", "Tags", "Unit"]

ID_PATTERN = r"^[\w][\w.:\-]{0,127}$"
_ID_RE = re.compile(ID_PATTERN)
_LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")

Id = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        description="Letters, digits, '_', '.', ':' or '-', at most 128 characters; unique across the map.",
        examples=["c1", "critics-product"],
    ),
]
Language = Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$", examples=["nl", "en"])]
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
    return value


Tags = Annotated[tuple[str, ...], BeforeValidator(_one_or_many), AfterValidator(_check_tags)]

_FROZEN = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _surrogate_at(value: Any) -> str | None:
    """Where in ``value`` (plain data, not nested models) a text holds a lone surrogate: ``""``, ``.en``, ``[2]``; else None."""
    if isinstance(value, str):
        return "" if _SURROGATE.search(value) else None
    if isinstance(value, dict):
        for key, sub in value.items():
            if isinstance(key, str) and _SURROGATE.search(key):
                return f".{key.encode('utf-8', 'backslashreplace').decode()}"
            if isinstance(sub, (str, dict, list, tuple)):
                where = _surrogate_at(sub)
                if where is not None:
                    return f".{key}{where}"
    elif isinstance(value, (list, tuple)):
        for i, sub in enumerate(value):
            if isinstance(sub, (str, dict, list, tuple)):
                where = _surrogate_at(sub)
                if where is not None:
                    return f"[{i}]{where}"
    return None


class _Frozen(BaseModel):
    model_config = _FROZEN

    @model_validator(mode="after")
    def _no_lone_surrogates(self) -> Any:
        """Refuse a lone surrogate (U+D800-U+DFFF, e.g. from a JSON escape ``\\ud800``) in any text or data:
        no UTF-8 writer could write it. Nested models check their own fields."""
        for name, value in self.__dict__.items():
            if isinstance(value, (str, dict, list, tuple)):
                where = _surrogate_at(value)
                if where is not None:
                    raise ValueError(f"{name}{where}: a lone surrogate (U+D800 to U+DFFF) is not text; it cannot be written as UTF-8")
        return self


def _texts(value: Any, info: ValidationInfo, field: str) -> Any:
    """Expand a bare string into ``{language: text}``, the language from the validation context."""
    if isinstance(value, str):
        lang = (info.context or {}).get("language", "en") if info.context is not None else "en"
        return {lang: value}
    return value


@functools.lru_cache(maxsize=256)
def _is_language(code: str) -> bool:
    return _LANG_RE.match(code) is not None


def _check_texts(value: dict[str, str], *, allow_empty: bool = False) -> dict[str, str]:
    if not value and not allow_empty:
        raise ValueError("needs text in at least one language, e.g. {'en': '...'}")
    for lang, text in value.items():
        if not _is_language(lang):
            raise ValueError(f"'{lang}' is not a language code (use ISO 639 codes such as 'nl' or 'en')")
        if not text.strip():
            raise ValueError(f"text in '{lang}' is empty")
        if len(text) > MAX_TEXT:
            raise ValueError(f"text in '{lang}' has {len(text)} characters; the limit is {MAX_TEXT}")
    return value
