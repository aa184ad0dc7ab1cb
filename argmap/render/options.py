"""The render options: one validated, frozen record of everything that changes a drawing."""

from __future__ import annotations

import math
import os
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal

from argmap._types import check_language as check_map_language
from argmap._types import is_language
from argmap.errors import InvalidOptionError, LimitExceededError, NotFoundError, UnknownOptionError
from argmap.model import ArgumentMap
from argmap.render.theme import THEMES, Theme, get_theme

__all__ = [
    "DEFAULT_MAX_STATEMENTS",
    "DEFAULT_TIMEOUT",
    "OverlayValue",
    "RenderLimitError",
    "RenderOptions",
    "check_highlight",
    "check_language",
    "options_from",
]

DEFAULT_MAX_STATEMENTS = 20_000
DEFAULT_TIMEOUT = 120.0
OVERLAY_LABELS = ("IN", "OUT", "UNDEC")
OverlayValue = str | float
RankDir = Literal["BT", "TB", "LR", "RL"]
LabelMode = Literal["text", "title", "both"]
PRESETS = ("presentation", "overview")




def _bad(message: str, path: str) -> InvalidOptionError:
    """An option error naming the option (its first part: ``overlay`` for ``overlay.c1``)."""
    return InvalidOptionError(path.split(".")[0], message)


def check_language(m: ArgumentMap, lang: str | None) -> None:
    """Refuse a label language the map has no text in, naming the languages it has (one rule for every command).

    Examples
    --------
    >>> m = ArgumentMap.model_validate({"language": "nl", "statements": [{"id": "c", "claim": "Ja."}]})
    >>> check_language(m, "fr")
    Traceback (most recent call last):
    ...
    argmap.errors.InvalidOptionError: invalid option 'lang': the map has no text in 'fr'; its languages: nl
    """
    check_map_language(lang, m.languages)


def check_highlight(m: ArgumentMap, ids: Collection[str]) -> None:
    """Refuse highlight ids that name no statement or relation of the map (a typo would dim everything).

    Examples
    --------
    >>> m = ArgumentMap.model_validate({"statements": [{"id": "c", "claim": "Ja."}]})
    >>> check_highlight(m, ["c", "nobody"])
    Traceback (most recent call last):
    ...
    argmap.errors.NotFoundError: unknown statement or relation 'nobody' to highlight
    """
    if not ids:
        return
    known = {st.id for st in m.statements} | {rel.id for rel in m.relations}
    unknown = sorted(set(ids) - known)
    if len(unknown) == 1:
        raise NotFoundError(f"unknown statement or relation '{unknown[0]}' to highlight", id=unknown[0])
    if unknown:
        raise NotFoundError(f"unknown statements or relations to highlight: {', '.join(repr(i) for i in unknown)}", id=unknown[0])


class RenderLimitError(LimitExceededError):
    """A render past one of its limits; ``limit`` names the option (``"max_statements"`` or ``"timeout"``).

    The message says what was exceeded; what to do is said by each interface in its own words (in Python:
    raise ``max_statements``/``timeout``, or draw part of the map with ``focus=ID, k=1``).
    """

    def __init__(self, message: str, *, limit: str) -> None:
        super().__init__(message)
        self.limit = limit

    def __reduce__(self) -> tuple[Any, ...]:
        return (_limit_error, (self.message, self.limit))


def _limit_error(message: str, limit: str) -> RenderLimitError:
    return RenderLimitError(message, limit=limit)


@dataclass(frozen=True, kw_only=True)
class RenderOptions:
    """Options of :func:`argmap.render.render` and :func:`argmap.render.to_dot`.

    ``theme`` is a built-in name, a :class:`Theme` or a theme file; ``lang`` picks the label language;
    ``labels`` shows each statement's ``"text"``, its short ``"title"`` or ``"both"`` (the title in bold
    above the text); ``headers`` draws the kind line (CLAIM, STATISTIC ...) above each label;
    ``fit="16:9"`` shapes the layout for a slide (``preset="presentation"`` implies it, and a legend;
    ``preset="overview"`` is the whole map on one legible slide: titles only, no headers, the layout
    search of :mod:`argmap.render.overview`); ``responsive`` (the default) makes the SVG scale to its
    container (``width="100%"``, the viewBox kept); ``responsive=False`` keeps dot's size in pt;
    ``focus``/``k`` keep the ``k``-hop neighbourhood of one statement; ``highlight`` keeps some
    statements bright and dims the rest; ``overlay`` maps statement ids to ``"IN"``/``"OUT"``/``"UNDEC"``
    or a strength in [0, 1]; ``tag_colors`` fills statements by tag; ``max_statements`` and ``timeout``
    bound the work. ``rankdir``, ``wrap`` (characters per line) and ``stagger`` (spread the leaves of a
    wide fan over that many ranks, as Graphviz's ``unflatten`` does) override the layout.

    Examples
    --------
    >>> o = options_from(preset="presentation")
    >>> o.fit, o.legend
    ('16:9', True)
    """

    theme: Theme = field(default_factory=get_theme)
    lang: str | None = None
    fit: str | None = None
    preset: str | None = None
    focus: str | None = None
    k: int = 1
    highlight: frozenset[str] = frozenset()
    overlay: Mapping[str, OverlayValue] | None = None
    legend: bool = False
    title: str | bool | None = None
    tag_colors: Mapping[str, str] | None = None
    max_statements: int = DEFAULT_MAX_STATEMENTS
    timeout: float = DEFAULT_TIMEOUT
    rankdir: RankDir = "BT"
    wrap: int = 26
    stagger: int = 1
    labels: LabelMode = "text"
    headers: bool = True
    responsive: bool = True
    nodesep: float = 0.3
    ranksep: float = 0.45

    @property
    def fit_ratio(self) -> float | None:
        """The wanted width/height ratio, from ``fit`` ("16:9" -> 1.777...)."""
        if not self.fit:
            return None
        w, h = self.fit.split(":")
        return float(w) / float(h)

    def but(self, **changes: Any) -> RenderOptions:
        """A copy with some options changed."""
        return replace(self, **changes)


_NAMES = {f.name for f in fields(RenderOptions)}


def _check_overlay(overlay: Mapping[str, Any]) -> dict[str, OverlayValue]:
    out: dict[str, OverlayValue] = {}
    for key, value in overlay.items():
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise _bad(f"overlay value for '{key}' must be IN, OUT, UNDEC or a number in [0, 1], not {value!r}", f"overlay.{key}")
        if isinstance(value, str):
            if value.upper() not in OVERLAY_LABELS:
                raise _bad(f"overlay label for '{key}' must be IN, OUT or UNDEC, not {value!r}", f"overlay.{key}")
            out[str(key)] = value.upper()
        else:
            if not (math.isfinite(value) and 0.0 <= value <= 1.0):
                raise _bad(f"overlay strength for '{key}' must be in [0, 1], not {value!r}", f"overlay.{key}")
            out[str(key)] = float(value)
    return out


def options_from(options: RenderOptions | None = None, **kwargs: Any) -> RenderOptions:
    """Build validated :class:`RenderOptions` from keyword arguments (unknown names are an error)."""
    unknown = sorted(set(kwargs) - _NAMES)
    if unknown:
        message = f"unknown render option{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}; known: {', '.join(sorted(_NAMES))}"
        raise UnknownOptionError(unknown[0], message)
    base = options or RenderOptions()
    values: dict[str, Any] = {k: v for k, v in kwargs.items() if v is not None or k in ("title", "fit", "lang", "focus", "overlay")}
    lang = values.get("lang")
    if lang is not None and not (isinstance(lang, str) and is_language(lang)):
        raise _bad(f"{lang!r} is not a language code (use ISO 639 codes such as 'nl' or 'en')", "lang")
    theme_name = values.get("theme")
    is_file = isinstance(theme_name, str) and (theme_name.endswith((".yaml", ".yml", ".json")) or os.sep in theme_name)
    if isinstance(theme_name, str) and theme_name not in THEMES and not is_file:
        message = f"unknown theme '{theme_name}'; choose one of {', '.join(THEMES)} or give a .yaml/.json theme file"
        raise _bad(message, "theme")
    if "theme" in values and not isinstance(values["theme"], Theme):
        values["theme"] = get_theme(values["theme"] if isinstance(values["theme"], str) else os.fspath(values["theme"]))
    preset = values.get("preset", base.preset)
    if preset is not None and preset not in PRESETS:
        raise _bad(f"unknown preset '{preset}'; choose one of {', '.join(PRESETS)}", "preset")
    if preset == "overview":
        values.setdefault("fit", "16:9")
        values.setdefault("labels", "title")
        values.setdefault("headers", False)
        if kwargs.get("legend") is None:
            values["legend"] = False
    if preset == "presentation":
        values.setdefault("fit", "16:9")
        if kwargs.get("legend") is None:
            values["legend"] = True
    fit = values.get("fit", base.fit)
    if fit is not None:
        parts = str(fit).split(":")
        if len(parts) != 2 or not all(p.strip().isdigit() and int(p) > 0 for p in parts):
            raise _bad(f"fit must look like '16:9', not {fit!r}", "fit")
    if "highlight" in values:
        hl = values["highlight"]
        values["highlight"] = frozenset([hl] if isinstance(hl, str) else hl)
    if values.get("overlay") is not None:
        values["overlay"] = _check_overlay(values["overlay"])
    k = values.get("k", base.k)
    if not isinstance(k, int) or k < 0:
        raise _bad(f"k must be a whole number >= 0, not {k!r}", "k")
    if values.get("rankdir", base.rankdir) not in ("BT", "TB", "LR", "RL"):
        raise _bad("rankdir must be one of BT, TB, LR, RL", "rankdir")
    if values.get("labels", base.labels) not in ("text", "title", "both"):
        raise _bad(f"labels must be text, title or both, not {values.get('labels')!r}", "labels")
    for name in ("nodesep", "ranksep"):
        sep = values.get(name, getattr(base, name))
        if isinstance(sep, bool) or not isinstance(sep, int | float) or not 0.02 <= sep <= 5:
            raise _bad(f"{name} must be a number of inches from 0.02 to 5, not {sep!r}", name)
    wrap = values.get("wrap", base.wrap)
    if not isinstance(wrap, int) or not 8 <= wrap <= 200:
        raise _bad(f"wrap must be a number of characters from 8 to 200, not {wrap!r}", "wrap")
    stagger = values.get("stagger", base.stagger)
    if not isinstance(stagger, int) or not 1 <= stagger <= 6:
        raise _bad(f"stagger must be a whole number from 1 to 6, not {stagger!r}", "stagger")
    if values.get("max_statements", 1) < 1:
        raise _bad("max_statements must be at least 1", "max_statements")
    timeout = values.get("timeout", base.timeout)
    if not isinstance(timeout, int | float) or timeout <= 0:
        raise _bad(f"timeout must be a positive number of seconds, not {timeout!r}", "timeout")
    if values.get("tag_colors"):
        merged = {**base.theme.tag_colors, **dict(values["tag_colors"])}
        theme = values.get("theme", base.theme)
        try:
            values["theme"] = Theme.model_validate({**theme.model_dump(), "tag_colors": merged})
        except Exception as exc:  # noqa: BLE001 - turned into a clear option error
            raise _bad(f"tag_colors: {exc}".splitlines()[0] + " (use #RRGGBB or a colour name)", "tag_colors") from None
    collection_fields = ("highlight",)
    for name in collection_fields:
        if name in values and not isinstance(values[name], Collection):
            raise _bad(f"{name} must be a collection of ids", name)
    return replace(base, **values)
