"""The HTML-like labels of a drawing: a statement's box (text, title or both) and the legend."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from argmap.model import ArgumentMap, Claim, Evidence
from argmap.render._escape import clean, escape_clean, escape_html_label, wrap_lines
from argmap.render._words import word
from argmap.render.options import RenderOptions
from argmap.render.theme import Theme

__all__ = ["badge", "header", "label", "legend_label", "short_text", "title_of"]

E = escape_html_label
_BR = '<BR ALIGN="LEFT"/>'
SHORT_WORDS = 7  # a statement without a title shows this many words of its text in title mode
SHORT_CHARS = 48


def short_text(text: str, *, words: int = SHORT_WORDS, chars: int = SHORT_CHARS) -> str:
    """``text`` cut at a word boundary, with an ellipsis when anything was cut.

    Examples
    --------
    >>> short_text("Organisations change slowly, and social media show it more than anything else does.")
    'Organisations change slowly, and social media…'
    >>> short_text("Short enough.")
    'Short enough.'
    """
    parts = clean(text).split(" ")
    out = ""
    for part in parts[:words]:
        if out and len(out) + 1 + len(part) > chars:
            break
        out = f"{out} {part}" if out else part
    if out == " ".join(parts):
        return out
    if len(out) > chars:  # one very long word: cut it, there is no boundary to use
        out = out[: chars - 1]
    return out.rstrip(" ,;:.-") + "…"


def title_of(st: Claim | Evidence, lang: str, map_lang: str) -> str | None:
    """The statement's title in ``lang``; a title in another language only when the text is not in ``lang`` either."""
    if lang in st.title:
        return clean(st.title[lang])
    if lang in st.text:
        return None
    found = st.title_in(lang, fallback=map_lang)
    return clean(found) if found else None


def missing_titles(m: ArgumentMap, lang: str) -> list[str]:
    """The ids of the statements that have no title for a render in ``lang``."""
    return [st.id for st in m.statements if title_of(st, lang, m.language) is None]


def header(st: Claim | Evidence, main: bool, lang: str) -> str:
    """The small line above a statement: its kind, and who holds it when not the author."""
    kind = "main" if main else ("claim" if isinstance(st, Claim) else st.evidence_type)
    text = word(kind, lang)
    if not st.holder.is_author:
        text += f" · {word('according', lang)} {clean(st.holder.label(lang))}"
    return text


_SYMBOLS = {"IN": "\u2714", "OUT": "\u2718", "UNDEC": "?"}


def badge(value: str | float | None, theme: Theme) -> tuple[str, str] | None:
    """The overlay badge of a statement: its text and colour."""
    if value is None:
        return None
    if isinstance(value, str):
        colour = {"IN": theme.overlay_in, "OUT": theme.overlay_out}.get(value, theme.overlay_undec)
        return f"{_SYMBOLS.get(value, '?')} {value}", colour
    colour = theme.overlay_in if value >= 0.5 else theme.overlay_out
    return f"\u25cf {value:.2f}", colour


def _lines(text: str, width: int) -> str:
    return _BR.join(map(escape_clean, wrap_lines(text, width, cleaned=True))) + _BR


def label(
    st: Claim | Evidence,
    text: str,
    title: str | None,
    *,
    main: bool,
    lang: str,
    opts: RenderOptions,
    dim: bool,
    overlay: tuple[str, str] | None,
) -> str:
    """The HTML-like label of a statement; ``text`` and ``title`` are cleaned, in the drawing's language.

    ``opts.labels`` picks what shows: the text, the title (or the text cut short when there is none),
    or both (the title in bold above the text). ``opts.headers`` adds the kind line above.
    """
    theme = opts.theme
    size = theme.font_size * (1.15 if main and opts.labels == "text" else 1.0)
    text_colour = theme.dim_text if dim else (theme.main_text if main else theme.text)
    head_colour = theme.dim_text if dim else (theme.main_text if main else theme.muted)
    width = opts.wrap + (6 if main and opts.labels == "text" else 0)
    if opts.labels == "text":
        body = _lines(text, width)
        if main:
            body = f"<B>{body}</B>"
    elif opts.labels == "title":
        body = f"<B>{_lines(title, width)}</B>" if title else _lines(short_text(text), width)
    else:
        body = (f"<B>{_lines(title, width)}</B>" if title else "") + _lines(text, width)
    rows = []
    badge_cell = ""
    if overlay is not None:
        badge_cell = (  # text in the overlay colour, with a symbol, so it does not rest on colour alone
            f'<TD ALIGN="RIGHT"><FONT POINT-SIZE="{theme.header_size:.1f}" COLOR="{overlay[1]}"><B>{E(overlay[0])}</B></FONT></TD>'
        )
    if opts.headers or badge_cell:
        # Graphviz refuses an empty <FONT></FONT>: without headers the badge sits beside an empty cell
        font = f'<FONT POINT-SIZE="{theme.header_size:.1f}" COLOR="{head_colour}">'
        head = f"{font}{E(header(st, main, lang))}</FONT>" if opts.headers else ""
        rows.append(f'<TR><TD ALIGN="LEFT">{head}</TD>{badge_cell}</TR>')
    span = ' COLSPAN="2"' if badge_cell else ""
    rows.append(f'<TR><TD{span} ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="{size:.1f}" COLOR="{text_colour}">{body}</FONT></TD></TR>')
    spacing = 2 if badge_cell else 0
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="{spacing}" CELLPADDING="3">{"".join(rows)}</TABLE>>'


_GLYPHS = {"support": "━━━▶", "attack": "╍╍╍┫", "undercut": "┅┅┅┫○", "rephrase": "━━━◇", "preference": "╍╍╍▷"}
_UNDERCUT_WORDS = {"support": "undercut_support", "attack": "undercut_attack"}


def legend_label(m: ArgumentMap, theme: Theme, lang: str, *, size: float) -> str:
    """A legend of what this map holds: its kinds of statement, its kinds of relation, the junction dot."""
    pt = f"{size:.1f}"

    def row(left: str, right: str) -> str:
        return f'{left}<TD ALIGN="LEFT"><FONT POINT-SIZE="{pt}" COLOR="{theme.text}">{E(right)}</FONT></TD></TR>'

    head = f'<FONT POINT-SIZE="{pt}" COLOR="{theme.text}"><B>{E(word("legend", lang))}</B></FONT>'
    rows = [f'<TR><TD COLSPAN="2" ALIGN="LEFT">{head}</TD></TR>']
    kinds = set()
    for st in m.statements:
        if st.id == m.main_claim:
            kinds.add("main")
        elif not st.holder.is_author:
            kinds.add("other")
        else:
            kinds.add(st.kind)
    styles = {"main": theme.main, "claim": theme.claim, "evidence": theme.evidence, "other": theme.other_holder}
    for key in ("main", "claim", "evidence", "other"):
        if key not in kinds:
            continue
        style = styles[key]
        looks = ",".join(x for x, on in (("rounded", style.rounded), ("dashed", style.dashed)) if on)
        rounded = f' STYLE="{looks}"' if looks else ""
        cell = f'BGCOLOR="{style.fill}" COLOR="{style.border}" BORDER="2"{rounded} WIDTH="34" HEIGHT="18" FIXEDSIZE="TRUE"'
        swatch = f'<TR><TD {cell}></TD>'  # empty: a space overflows the cell, a 1 pt one upsets Pango in PNG
        rows.append(row(swatch, word(key + "_sample", lang)))
    rels = {r.id: r for r in m.relations}
    for kind, text in _relation_kinds(m.relations, rels, lang):
        es = theme.edge(kind)
        rows.append(row(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{pt}" COLOR="{es.color}">{_GLYPHS[kind]}</FONT></TD>', text))
    if any(r.is_linked for r in m.relations):
        rows.append(row(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{pt}" COLOR="{theme.junction}">━━●━━</FONT></TD>', word("linked", lang)))
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="4" CELLPADDING="2">{"".join(rows)}</TABLE>>'


def _relation_kinds(relations: Iterable[Any], rels: Mapping[str, Any], lang: str) -> list[tuple[str, str]]:
    present: list[tuple[str, str]] = []
    seen: set[str] = set()
    for kind in ("support", "attack", "undercut", "rephrase", "preference"):
        for r in relations:
            if getattr(r, "type", None) != kind:
                continue
            key = kind
            if kind == "undercut":
                hit = rels.get(getattr(r, "target", ""))
                key = _UNDERCUT_WORDS.get(getattr(hit, "type", ""), "undercut")
            if key not in seen:
                seen.add(key)
                present.append((kind, word(key, lang)))
    return present
