"""Build a deck from a map: title, overview, lines of argument, objections with answers, evaluation, sources."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import fields, replace
from typing import Any

from argmap.deck._model import Deck, Line, Slide
from argmap.deck._plan import Part, main_claim, plan, split
from argmap.deck._words import word
from argmap.model import ArgumentMap
from argmap.render import RenderOptions, get_theme, render, slide_fit
from argmap.render.options import PRESETS, OverlayValue
from argmap.render.svg import _S, parse_svg, serialise

__all__ = ["MAP_BOX", "build_deck"]

MAP_BOX = (1840, 860)  # where a map goes on a 1920x1080 slide (below the heading)
MIN_PX = 18.0  # the smallest label a slide of a line of argument aims for, at 1920x1080
_HAS_LABELS = "labels" in {f.name for f in fields(RenderOptions)}


def _short(text: str, limit: int = 60) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


class _Text:
    def __init__(self, m: ArgumentMap, lang: str) -> None:
        self.m, self.lang = m, lang

    def text(self, sid: str) -> str:
        return self.m.statement(sid).text_in(self.lang, fallback=self.m.language)

    def title(self, sid: str) -> str:
        st = self.m.statement(sid)
        return st.title_in(self.lang, fallback=self.m.language) or _short(self.text(sid))

    def source_name(self, source_id: str) -> str:
        src = self.m.source(source_id)
        return ", ".join(x for x in (src.title or src.id, src.author) if x)

    def notes(self, ids: list[str]) -> str:
        """Each statement's note and anchored quotes, in the order the slide reveals them."""
        out: list[str] = []
        for sid in ids:
            if not self.m.has_statement(sid):
                continue
            st = self.m.statement(sid)
            if not (st.note or st.anchors):
                continue
            out.append(f"{self.title(sid)}: {st.note}" if st.note else self.title(sid))
            out.extend(f"  “{a.quote}” ({self.source_name(a.source)})" for a in st.anchors)
        return "\n".join(out)


def _submap(m: ArgumentMap, keep: set[str], main: str | None) -> ArgumentMap:
    """The statements in ``keep`` and the relations in ``keep`` whose ends are kept."""
    kept_statements = [s for s in m.statements if s.id in keep]
    names = {s.id for s in kept_statements}
    relations: list[Any] = []
    for rel in m.relations:
        if rel.id in keep and all(e in names or e in keep for e in (*rel.premises, rel.target)):
            relations.append(rel)
    rel_ids = {r.id for r in relations}
    relations = [r for r in relations if r.target in names or r.target in rel_ids]
    return ArgumentMap.model_validate(
        {
            "id": m.id, "title": m.title, "titles": m.titles, "language": m.language,
            "main_claim": main if main in names else None, "sources": list(m.sources),
            "statements": kept_statements, "relations": relations, "metadata": m.metadata,
        }
    )


def _with_builds(svg: bytes, builds: Mapping[str, int]) -> bytes:
    """Give every statement and relation ``<g>`` its build class; make the drawing scale to its box."""
    root = parse_svg(svg)
    for el in root.iter(_S + "g"):
        item = el.get("data-id")
        if item is not None:
            n = builds.get(item, 1)
            el.set("class", f"{el.get('class', '')} build-{n}".strip())
            el.set("data-build", str(n))
    root.set("width", "100%")
    root.set("height", "100%")
    root.set("preserveAspectRatio", "xMidYMid meet")
    return serialise(root)


class _Maps:
    """Draws the maps of a deck with one set of render options."""

    def __init__(self, lang: str, theme: Any) -> None:
        self.base: dict[str, Any] = {"lang": lang, "theme": theme, "legend": False, "title": False}

    def draw(self, m: ArgumentMap, builds: Mapping[str, int], **options: Any) -> tuple[bytes, float]:
        opts = {**self.base, **options}
        if not _HAS_LABELS:
            opts.pop("labels", None)
        with warnings.catch_warnings():  # the deck measures legibility itself, against its own box
            warnings.simplefilter("ignore")
            svg = render(m, "svg", **opts)
        px = slide_fit(svg, screen=MAP_BOX).min_label_px
        return _with_builds(svg, builds), px

    def overview(self, m: ArgumentMap) -> tuple[bytes, float]:
        if "overview" in PRESETS:
            return self.draw(m, {}, preset="overview")
        return self.draw(m, {}, fit="21:10")


def _part_slide(m: ArgumentMap, part: Part, t: _Text, maps: _Maps, main: str, w: dict[str, str]) -> Slide:
    keep = set(part.builds)
    sub = _submap(m, keep, main)
    svg, px = maps.draw(sub, part.builds, fit="21:10", labels="text")
    ids = [i for i in part.builds if m.has_statement(i)]
    builds = max(part.builds.values(), default=1)
    if part.kind == "line":
        heading = t.title(part.focus)
        sub_heading = t.text(part.focus)
    else:
        holder = m.statement(part.focus).holder
        who = "" if holder.is_author else f" ({holder.label(t.lang)})"
        heading = f"{w['objection']}: {t.title(part.focus)}{who}"
        sub_heading = w["answered"] if part.answered else w["unanswered"]
    return Slide(
        kind=part.kind, heading=heading, subheading=sub_heading, svg=svg, builds=builds,
        statements=tuple(ids), notes=t.notes(ids), min_label_px=px,
    )


def _story(m: ArgumentMap, t: _Text, maps: _Maps, main: str, w: dict[str, str], max_statements: int) -> list[Slide]:
    """The slides of the lines of argument and objections; a line too small to read is split further."""
    out: list[tuple[Part, Slide]] = []
    for part in plan(m, max_statements=max_statements):
        todo = [part]
        while todo:
            piece = todo.pop(0)
            slide = _part_slide(m, piece, t, maps, main, w)
            halves = split(piece) if (slide.min_label_px or 0) < MIN_PX else [piece]
            if len(halves) > 1:
                todo[:0] = halves
            else:
                out.append((piece, slide))
    slides: list[Slide] = []
    for n, (part, slide) in enumerate(out):
        if part.kind == "line":
            same = [p for p, _ in out if p.kind == "line" and p.relation == part.relation]
            if len(same) > 1:
                k = sum(1 for p, _ in out[: n + 1] if p.kind == "line" and p.relation == part.relation)
                slide = replace(slide, heading=f"{t.title(part.focus)} ({k}/{len(same)})")
        slides.append(slide)
    return slides


def _evaluation_slide(
    m: ArgumentMap, t: _Text, maps: _Maps, evaluation: Mapping[str, OverlayValue], semantics: str | None, w: dict[str, str]
) -> Slide:
    # titles, with the kind line kept: it carries each statement's IN/OUT/UNDEC badge
    svg, px = maps.draw(m, {}, fit="21:10", labels="title", overlay=evaluation)
    lines: list[Line] = []
    notes: list[str] = []
    labelled = {k: v for k, v in evaluation.items() if m.has_statement(k)}
    if all(isinstance(v, str) for v in labelled.values()):
        counts = {lab: sum(1 for v in labelled.values() if v == lab) for lab in ("IN", "OUT", "UNDEC")}
        summary = f"{counts['IN']} {w['IN']}, {counts['OUT']} {w['OUT']}, {counts['UNDEC']} {w['UNDEC']}"
        for lab in ("IN", "OUT", "UNDEC"):
            names = [t.title(s.id) for s in m.statements if labelled.get(s.id) == lab]
            if names:
                notes.append(f"{w[lab]}: " + "; ".join(names))
    else:
        ranked = sorted(labelled.items(), key=lambda kv: -float(kv[1]))
        summary = w["strength"]
        notes.extend(f"{float(v):.2f}  {t.title(k)}" for k, v in ranked)
    main = main_claim(m)
    if main is not None and main in labelled:
        value = labelled[main]
        state = w[value] if isinstance(value, str) else f"{float(value):.2f}"
        role = value.lower() if isinstance(value, str) else ""
        lines.append(Line(f"{t.title(main)}: {state}", role))
    heading = w["evaluation"] + (f" ({semantics})" if semantics else "")
    return Slide(kind="evaluation", heading=heading, subheading=summary, lines=tuple(lines), svg=svg,
                 statements=tuple(labelled), notes="\n".join(notes), min_label_px=px)


def _sources_slide(m: ArgumentMap, t: _Text, w: dict[str, str]) -> Slide:
    quotes: dict[str, int] = {}
    for st in m.statements:
        for a in st.anchors:
            quotes[a.source] = quotes.get(a.source, 0) + 1
    lines: list[Line] = []
    for src in m.sources:
        lines.append(Line(", ".join(x for x in (src.title or src.id, src.author, str(src.date) if src.date else None) if x)))
        detail = [f"{quotes.get(src.id, 0)} {w['quotes']}"]
        if src.url:
            detail.append(src.url)
        lines.append(Line(" · ".join(detail), "small"))
    if not lines:
        lines.append(Line(w["no sources"], "small"))
    return Slide(kind="sources", heading=w["sources"], lines=tuple(lines))


def _title_slide(m: ArgumentMap, t: _Text, w: dict[str, str]) -> Slide:
    title = m.title_in(t.lang) or w["untitled"]
    names = "; ".join(t.source_name(s.id) for s in m.sources[:2])
    source = f"{w['source']}: {names}" if names else None
    lines: list[Line] = []
    for key in ("author", "mapped_by"):
        value = m.metadata.get(key)
        if isinstance(value, str) and value.strip():
            lines.append(Line(f"{w[key]}: {value}", "small"))
    lines.append(Line(f"{len(m.statements)} {w['statements']}, {len(m.relations)} {w['relations']}", "small"))
    main = main_claim(m)
    notes = t.notes([main]) if main else ""
    return Slide(kind="title", heading=title, subheading=source, lines=tuple(lines), notes=notes)


def build_deck(
    m: ArgumentMap,
    *,
    lang: str | None = None,
    evaluation: Mapping[str, OverlayValue] | None = None,
    semantics: str | None = None,
    theme: Any = None,
    max_statements: int = 9,
) -> Deck:
    """Make the slides of a presentation of ``m``.

    Parameters
    ----------
    m : ArgumentMap
        The map.
    lang : str, optional
        The language of labels and slide words (default: the map's).
    evaluation : mapping, optional
        Statement id -> ``"IN"``/``"OUT"``/``"UNDEC"`` or a strength in [0, 1], as
        :meth:`argmap.Evaluation.overlay` gives it; adds an evaluation slide, coloured.
    semantics : str, optional
        The name of the semantics that gave ``evaluation``, for its heading.
    theme : str or Theme, optional
        The render theme (a built-in name, a :class:`~argmap.render.Theme` or a theme file).
    max_statements : int
        A line of argument with more statements than this is split over several slides, so that
        its text stays legible.

    Returns
    -------
    Deck
        Title slide, overview, one slide per line of argument, one per objection (with its answer),
        the evaluation (when given) and the sources. Write it with :func:`write_html`,
        :func:`write_pdf` or :func:`write_pptx` (or :func:`write_deck`, by suffix).

    Examples
    --------
    >>> import argmap
    >>> m = argmap.ArgumentMap.model_validate({"title": "Pets", "main_claim": "c", "statements": [
    ...     {"id": "c", "claim": "Cats are good pets."}, {"id": "p", "claim": "Cats are easy."},
    ...     {"id": "e", "evidence": "They wash themselves.", "anchors": []},
    ...     {"id": "o", "claim": "Cats scratch.", "holder": "critics"}, {"id": "x", "claim": "Use a post."}],
    ...     "relations": [{"support": "p", "target": "c"}, {"support": "e", "target": "p"},
    ...                   {"attack": "o", "target": "p"}, {"attack": "x", "target": "o"}]})
    >>> deck = build_deck(m, evaluation={"c": "IN", "p": "IN", "e": "IN", "o": "OUT", "x": "IN"})
    >>> deck.kinds
    ['title', 'overview', 'line', 'objection', 'evaluation', 'sources']
    >>> deck.slides[3].heading, deck.slides[3].builds
    ('Objection: Cats scratch. (critics)', 2)
    """
    language = lang or m.language
    w = word(language)
    t = _Text(m, language)
    th = get_theme(theme)
    maps = _Maps(language, th)
    slides = [_title_slide(m, t, w)]
    svg, px = maps.overview(m)
    slides.append(Slide(kind="overview", heading=w["overview"], subheading=None, svg=svg,
                        statements=tuple(s.id for s in m.statements), notes=t.notes([s.id for s in m.statements][:1]),
                        min_label_px=px))
    main = main_claim(m)
    if main is not None:
        slides.extend(_story(m, t, maps, main, w, max_statements))
    if evaluation is not None:
        slides.append(_evaluation_slide(m, t, maps, evaluation, semantics, w))
    slides.append(_sources_slide(m, t, w))
    return Deck(
        title=m.title_in(language) or w["untitled"], lang=language, slides=tuple(slides),
        background=th.background, text=th.text, accent=th.main.fill,
        colours={"IN": th.overlay_in, "OUT": th.overlay_out, "UNDEC": th.overlay_undec},
    )
