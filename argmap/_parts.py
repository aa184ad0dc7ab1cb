"""The parts of a map: holders, source anchors, statements (claims, evidence), relations and sources."""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, PrivateAttr, ValidationInfo, field_validator, model_validator

from argmap._text import NormalizedText
from argmap._types import (
    MAX_TEXT,
    MAX_TITLE,
    Data,
    EvidenceType,
    Id,
    Language,
    Tags,
    Text,
    Unit,
    _check_texts,
    _Frozen,
    _one_or_many,
    _texts,
)

__all__ = [
    "Anchor",
    "Attack",
    "Claim",
    "Evidence",
    "Holder",
    "Preference",
    "Relation",
    "Rephrase",
    "Source",
    "Statement",
    "Support",
    "Undercut",
]


class Holder(_Frozen):
    """Who holds a statement: the author of the source, an unnamed group (``critics``), or a named person."""

    kind: Literal["author", "group", "person"] = "author"
    name: str | None = Field(None, max_length=200, examples=["Geert Lovink", "critics"])
    names: dict[Language, Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        default_factory=dict,
        description="The name in other languages, for labels (a group's name usually needs one).",
        examples=[{"nl": "critici", "en": "critics"}],
    )

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, data: Any) -> Any:
        if isinstance(data, str):
            word = data.strip()
            if word.lower() == "author":
                return {"kind": "author"}
            if word.lower() in _GROUP_WORDS:
                return {"kind": "group", "name": word}
            return {"kind": "person", "name": word}
        return data

    @model_validator(mode="after")
    def _name_rules(self) -> Holder:
        if self.kind == "person" and not (self.name and self.name.strip()):
            raise ValueError("a person holder needs a name")
        if self.kind == "group" and not self.name:
            object.__setattr__(self, "name", "others")
        return self

    @property
    def is_author(self) -> bool:
        return self.kind == "author"

    def label(self, language: str | None = None) -> str:
        """The holder's name in ``language`` when one is given for it, else its name ('author' for the author)."""
        if language and language in self.names:
            return self.names[language]
        return "author" if self.kind == "author" else str(self.name)


# Shared: frozen, and most statements are the author's. Made without validation (the same fields as
# ``Holder(kind="author")``), so that importing the model builds no validator: that waits for first use.
_AUTHOR = Holder.model_construct(_fields_set={"kind"}, kind="author")
_GROUP_WORDS = {"critics", "others", "opponents", "proponents", "users", "critici", "anderen", "tegenstanders"}


class Anchor(_Frozen):
    """Where a statement is found in a source: the quoted words and their character offsets.

    Offsets are into the source's original text (``end`` exclusive). They may be omitted when the
    source's text is given; the map then computes them from the first occurrence of the quote.
    """

    source: Id
    quote: str = Field(min_length=1, max_length=MAX_TEXT)
    start: int | None = Field(None, ge=0)
    end: int | None = Field(None, ge=0)

    @model_validator(mode="after")
    def _offsets(self) -> Anchor:
        if (self.start is None) != (self.end is None):
            raise ValueError("give both start and end, or neither")
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise ValueError(f"end ({self.end}) must be greater than start ({self.start})")
        return self


class _StatementBase(_Frozen):
    id: Id
    text: dict[str, str] = Field(
        description="The statement in one or more languages; a bare string is in the map's language.",
        examples=[{"nl": "Sociale media zijn niet vanzelf sociaal.", "en": "Social media are not social by themselves."}],
    )
    title: dict[str, str] = Field(
        default_factory=dict,
        description="A short name per language, for slides (Argdown's [Title]); a bare string is in the map's language.",
        examples=[{"nl": "Niet zo simpel", "en": "Not that simple"}],
    )
    holder: Holder = Field(default_factory=lambda: _AUTHOR)
    tags: Tags = ()
    note: str | None = Field(None, max_length=MAX_TEXT)
    anchors: tuple[Anchor, ...] = ()
    base_score: Unit | None = Field(None, description="Initial strength for gradual semantics (default 0.5).")
    implicit: bool = Field(
        False,
        description="Not written by the author but reconstructed by an analyst (an implicit premise, e.g. arg-microtexts' implicit EDUs).",
    )
    data: Data = Field(default_factory=dict, description="Free data, kept as given.")

    @field_validator("text", mode="before")
    @classmethod
    def _text_short_form(cls, value: Any, info: ValidationInfo) -> Any:
        return _texts(value, info, "text")

    @field_validator("text")
    @classmethod
    def _text_rules(cls, value: dict[str, str]) -> dict[str, str]:
        return _check_texts(value)

    @field_validator("title", mode="before")
    @classmethod
    def _title_short_form(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None:
            return {}
        return _texts(value, info, "title")

    @field_validator("title")
    @classmethod
    def _title_rules(cls, value: dict[str, str]) -> dict[str, str]:
        value = _check_texts(value, allow_empty=True)
        for lang, title in value.items():
            if len(title) > MAX_TITLE:
                raise ValueError(f"title in '{lang}' has {len(title)} characters; the limit is {MAX_TITLE}")
        return value

    def text_in(self, language: str | None = None, *, fallback: str | None = None) -> str:
        """The text in ``language``, else in ``fallback``, else in any language given."""
        for lang in (language, fallback):
            if lang and lang in self.text:
                return self.text[lang]
        return next(iter(self.text.values()))

    def title_in(self, language: str | None = None, *, fallback: str | None = None) -> str | None:
        """The short title in ``language``, else in ``fallback``, else in any language given; None without one."""
        for lang in (language, fallback):
            if lang and lang in self.title:
                return self.title[lang]
        return next(iter(self.title.values()), None)


class Claim(_StatementBase):
    """A claim: something asserted that can be supported or attacked."""

    kind: Literal["claim"] = "claim"


class Evidence(_StatementBase):
    """Evidence offered for a claim: a statistic, an example, a quote, testimony, an analogy, a fact."""

    kind: Literal["evidence"] = "evidence"
    evidence_type: EvidenceType = "other"


Statement = Annotated[Claim | Evidence, Field(discriminator="kind")]


class _RelationBase(_Frozen):
    id: Id
    premises: Annotated[tuple[Id, ...], BeforeValidator(_one_or_many)] = Field(
        min_length=1,
        description="Statement ids; several premises hold only jointly (a linked argument).",
    )
    target: Id
    scheme: str | None = Field(None, max_length=200, examples=["Argument from Expert Opinion"])
    strength: Unit | None = None
    note: str | None = Field(None, max_length=MAX_TEXT)
    tags: Tags = ()
    data: Data = Field(default_factory=dict)

    @field_validator("premises")
    @classmethod
    def _premises_unique(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if len(value) == 1 or len(set(value)) == len(value):  # the common case, without a loop in Python
            return value
        seen: set[str] = set()
        for p in value:
            if p in seen:
                raise ValueError(f"premise '{p}' is listed twice")
            seen.add(p)
        return value

    @property
    def is_linked(self) -> bool:
        return len(self.premises) > 1


class Support(_RelationBase):
    """The premises (jointly) give a reason to accept the target statement."""

    type: Literal["support"] = "support"


class Attack(_RelationBase):
    """The premises (jointly) rebut the target statement.

    A contradiction (two statements that cannot both be true, Argdown's ``><``) is a pair of attacks, one each
    way, both with ``data: {argdown: contradiction}``.
    """

    type: Literal["attack"] = "attack"


class Undercut(_RelationBase):
    """The premises attack the inference of another relation (its target is a relation id)."""

    type: Literal["undercut"] = "undercut"


class Rephrase(_RelationBase):
    """The premise restates the target in other words (AIF's MA node)."""

    type: Literal["rephrase"] = "rephrase"


class Preference(_RelationBase):
    """The premises are preferred over the target, a statement or relation (AIF's PA node)."""

    type: Literal["preference"] = "preference"


Relation = Annotated[Support | Attack | Undercut | Rephrase | Preference, Field(discriminator="type")]


class Source(_Frozen):
    """A document the map quotes."""

    id: Id
    title: str | None = Field(None, max_length=500)
    author: str | None = Field(None, max_length=500)
    url: str | None = Field(None, max_length=2000)
    date: _dt.date | None = None
    language: Language | None = None
    text: Text | None = Field(None, description="The full text; when given, every anchor's quote is checked in it.")
    file: str | None = Field(
        None,
        max_length=500,
        description="A text file beside the map file holding the text; read by argmap.load, never by the REST API.",
    )

    _folded: NormalizedText | None = PrivateAttr(default=None)

    def normalized(self) -> NormalizedText | None:
        """The source text with white space folded, built once."""
        if self.text is None:
            return None
        if self._folded is None:
            self._folded = NormalizedText(self.text)
        return self._folded
