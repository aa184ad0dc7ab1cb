"""Build the Graphviz drawing of a map (a ``graphviz.Digraph``); pure, runs no program.

Statements become boxes with HTML-like labels (every piece of user text escaped); a relation with
one premise is one edge; a linked relation, or one that is undercut, gets a junction point where its
premises meet, and an undercut's edge ends on the junction of the relation it undercuts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from argmap.model import ArgumentMap, Claim, Evidence
from argmap.render._escape import clean, escape_html_label
from argmap.render._labels import badge, header, label, legend_label, title_of
from argmap.render._select import focus_map
from argmap.render._words import word
from argmap.render.options import RenderLimitError, RenderOptions, check_highlight, check_language, options_from
from argmap.render.order import step_order
from argmap.render.theme import NodeStyle, Theme

if TYPE_CHECKING:
    import graphviz  # only to_dot hands one out, and imports it then

__all__ = ["DotGraph", "DotMeta", "Item", "build_dot", "prepare_map", "to_dot"]

E = escape_html_label


@dataclass(frozen=True)
class Item:
    """One drawn element, for the SVG post-processing: its map id, kind and classes."""

    map_id: str
    kind: str  # "statement" | "relation" | "relation-part" | "legend"
    classes: tuple[str, ...]
    title: str


@dataclass
class DotMeta:
    """What the SVG post-processing needs to know about a drawing."""

    items: dict[str, Item] = field(default_factory=dict)
    title: str = ""
    desc: str = ""
    font: str = "DejaVu Sans"
    statements: int = 0
    responsive: bool = True


def _q(value: str) -> str:
    """Quote a DOT attribute value (an HTML-like label ``<...>`` is passed as it is: its text is escaped already)."""
    if value[:1] == "<" and value[-1:] == ">":
        return value
    if '"' not in value and "\\" not in value:
        return '"' + value + '"'
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _attrs(attrs: dict[str, str]) -> str:
    return " ".join(f"{k}={_q(v)}" for k, v in attrs.items())


class _Writer:
    """Writes DOT statements as text lines (much faster than graphviz.Digraph's quoting on large maps)."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def attr(self, kind: str | None = None, **attrs: str) -> None:
        self.lines.append(f"\t{kind} [{_attrs(attrs)}]\n" if kind else f"\tgraph [{_attrs(attrs)}]\n")

    def node(self, name: str, **attrs: str) -> None:
        self.lines.append(f"\t{name} [{_attrs(attrs)}]\n")

    def edge(self, tail: str, head: str, **attrs: str) -> None:
        self.lines.append(f"\t{tail} -> {head} [{_attrs(attrs)}]\n")

    def source(self) -> str:
        return "digraph argmap {\n" + "".join(self.lines) + "}\n"

    def digraph(self) -> DotGraph:
        return DotGraph(list(self.lines))


class DotGraph:
    """The drawing as the renderer passes it on: DOT statement lines, and the few ``graphviz.Digraph`` methods it uses.

    ``graphviz.Digraph`` itself (what :func:`to_dot` returns) costs more to import than the whole drawing of a small
    map; the renderer needs only its ``body``, ``source``, ``copy`` and graph-level ``attr``, which give the same text.
    """

    __slots__ = ("body",)

    def __init__(self, body: list[str]) -> None:
        self.body = body

    @property
    def source(self) -> str:
        return "digraph argmap {\n" + "".join(self.body) + "}\n"

    def attr(self, **attrs: str) -> None:
        """A graph attribute statement, as ``graphviz.Digraph.attr(**attrs)`` writes it."""
        self.body.append(f"\t{_attrs(attrs)}\n")

    def copy(self) -> DotGraph:
        return DotGraph(list(self.body))

    def digraph(self) -> graphviz.Digraph:
        import graphviz

        return graphviz.Digraph(name="argmap", body=list(self.body))


def statement_svg_id(sid: str) -> str:
    return f"statement-{sid}"


def relation_svg_id(rid: str) -> str:
    return f"relation-{rid}"


def prepare_map(m: ArgumentMap, opts: RenderOptions) -> ArgumentMap:
    """Check the label language and the highlight ids, apply ``focus``/``k`` and check the statement limit.

    Past ``max_statements`` it raises :class:`~argmap.render.options.RenderLimitError` (a ``LimitExceededError``):
    raise the limit, or draw part of the map (``focus=ID, k=1``, or a smaller ``k``).
    """
    check_language(m, opts.lang)
    check_highlight(m, opts.highlight)  # against the whole map: an id outside the focus is still a real one
    if opts.focus:
        m = focus_map(m, opts.focus, opts.k)
    if len(m.statements) > opts.max_statements:
        part = f"the part of the map around '{opts.focus}' has" if opts.focus else "the map has"
        raise RenderLimitError(
            f"{part} {len(m.statements):,} statements; the render limit is {opts.max_statements:,}", limit="max_statements"
        )
    return m


def _node_style(theme: Theme, st: Claim | Evidence, main: bool) -> NodeStyle:
    if main:
        return theme.main
    if not st.holder.is_author:
        return theme.other_holder
    return theme.claim if st.kind == "claim" else theme.evidence


def _statement_attrs(style: NodeStyle, theme: Theme, *, dim: bool, fill: str | None) -> dict[str, str]:
    styles = ["filled"]
    if style.rounded:
        styles.append("rounded")
    if style.dashed:
        styles.append("dashed")
    if style.diagonals:
        styles.append("diagonals")
    return {
        "shape": "box",
        "style": ",".join(styles),
        "fillcolor": theme.dim_fill if dim else (fill or style.fill),
        "color": theme.dim_line if dim else style.border,
        "penwidth": f"{style.penwidth:g}",
        "peripheries": str(style.peripheries),
    }


def _tag_fill(st: Claim | Evidence, theme: Theme) -> str | None:
    for tag in st.tags:
        if tag in theme.tag_colors:
            return theme.tag_colors[tag]
    return None


def _safe_class(tag: str) -> str:
    return "tag-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in tag)[:60]


def _legend(g: _Writer, m: ArgumentMap, opts: RenderOptions, lang: str, meta: DotMeta) -> None:
    """One HTML-table node: the kinds of statement and relation this map holds, and the junction dot."""
    theme = opts.theme
    size = theme.header_size if opts.headers else theme.font_size  # never the smallest text of an overview
    legend_text = legend_label(m, theme, lang, size=size)
    box = {"shape": "box", "style": "rounded,dashed", "color": theme.muted, "penwidth": "1", "fillcolor": theme.background}
    g.node("legend", label=legend_text, id="legend", **{"class": "legend"}, **box)
    meta.items["legend"] = Item("", "legend", ("legend",), word("legend", lang))


def build_dot(m: ArgumentMap, opts: RenderOptions) -> tuple[DotGraph, DotMeta]:
    """The drawing of an already prepared map (see :func:`prepare_map`) and its metadata."""
    writer, meta = build_source(m, opts)
    return writer.digraph(), meta


def build_source(m: ArgumentMap, opts: RenderOptions) -> tuple[_Writer, DotMeta]:
    """The DOT statements of an already prepared map and the metadata the SVG post-processing needs."""
    theme = opts.theme
    lang = opts.lang or m.language
    meta = DotMeta(font=theme.font, statements=len(m.statements), responsive=opts.responsive)
    g = _Writer()
    n = len(m.statements)
    graph_attrs: dict[str, str] = {
        "rankdir": opts.rankdir,
        "bgcolor": theme.background,
        "fontname": theme.font,
        "nodesep": f"{opts.nodesep:g}",
        "ranksep": f"{opts.ranksep:g}",
        "pad": "0.25",
        "outputorder": "edgesfirst",
        "newrank": "true",
        "id": "argmap",
    }
    if n > 300:  # keep dot tractable on large maps: bounded crossing reduction, straight edges
        graph_attrs.update(mclimit="0.3", nslimit="2", nslimit1="2", searchsize="10", splines="line" if n > 2000 else "spline")
    title = clean(m.title_in(lang) or "") if opts.title is None or opts.title is True else clean(opts.title or "")
    if title:
        graph_attrs.update(
            label=f"<<B>{E(title)}</B>>", labelloc="t", labeljust="c", fontsize=f"{theme.title_size:.1f}", fontcolor=theme.text
        )
    g.attr(None, **graph_attrs)
    margin = "0.14,0.08" if opts.preset != "overview" else "0.07,0.03"  # the label keeps its own padding
    g.attr("node", fontname=theme.font, fontsize=f"{theme.font_size:.1f}", fontcolor=theme.text, margin=margin)
    g.attr("edge", fontname=theme.font, arrowsize="1.2")

    index = {st.id: f"s{i}" for i, st in enumerate(m.statements)}
    rel_index = {rel.id: f"r{i}" for i, rel in enumerate(m.relations)}
    needs_junction = {rel.target for rel in m.relations if rel.target in rel_index}
    needs_junction |= {rel.id for rel in m.relations if len(rel.premises) > 1}
    needs_junction |= {p for rel in m.relations for p in rel.premises if p in rel_index}  # a preference between relations
    overlay = opts.overlay or {}
    highlight = opts.highlight

    # Staggering: the leaf premises of one target go to 1..stagger ranks away, so a wide fan folds.
    minlen: dict[str, str] = {}
    if opts.stagger > 1:
        has_incoming = {rel.target for rel in m.relations}
        fan: dict[str, int] = {}
        for rel in m.relations:
            if len(rel.premises) == 1 and rel.premises[0] not in has_incoming and rel.target in index:
                k = fan.get(rel.target, 0)
                fan[rel.target] = k + 1
                if k % opts.stagger:
                    minlen[rel.id] = f' minlen="{1 + k % opts.stagger}"'
    texts: dict[str, str] = {}
    node_attrs: dict[tuple[int, bool, str | None, bool], str] = {}  # the same few styles, quoted once
    # Statements and relations go to dot in the order of the argument (main claim, each line of argument
    # with its evidence, objections, rebuttals): dot's first ordering follows it, so lines stay together.
    told = [i for step in step_order(m) for i in step]
    statements = [m.statement(i) for i in told if m.has_statement(i)]
    relations = [m.relation(i) for i in told if m.has_relation(i)]
    for st in statements:
        main = st.id == m.main_claim
        dim = bool(highlight) and st.id not in highlight
        style = _node_style(theme, st, main)
        fill = None if main else _tag_fill(st, theme)
        key = (id(style), dim, fill, bool(highlight) and not dim)
        attr_text = node_attrs.get(key)
        if attr_text is None:
            attrs = _statement_attrs(style, theme, dim=dim, fill=fill)
            if key[3]:
                attrs["penwidth"] = f"{style.penwidth + 1.5:g}"
            attr_text = node_attrs[key] = _attrs(attrs)
        sid = statement_svg_id(st.id)
        classes = ["statement", st.kind]
        if isinstance(st, Evidence):
            classes.append(st.evidence_type.replace("_", "-"))
        if main:
            classes.append("main")
        if not st.holder.is_author:
            classes.append("held-by-other")
        if highlight:
            classes.append("dimmed" if dim else "highlighted")
        value = overlay.get(st.id)
        if isinstance(value, str):
            classes.append(f"label-{value.lower()}")
        if st.tags:
            classes.extend(_safe_class(t) for t in st.tags)
        text = texts[st.id] = clean(st.text_in(lang, fallback=m.language))
        st_title = title_of(st, lang, m.language) if opts.labels != "text" else None
        text_label = label(st, text, st_title, main=main, lang=lang, opts=opts, dim=dim, overlay=badge(value, theme))
        cls = " ".join(classes)
        # ids match the model's id pattern and classes are built from safe words: no quoting needed
        g.lines.append(f'\t{index[st.id]} [label={text_label} id="{sid}" class="{cls}" {attr_text}]\n')
        shown = f"{st_title} — {text}" if st_title else text
        meta.items[sid] = Item(st.id, "statement", tuple(classes), f"{header(st, main, lang)}: {shown}")

    def endpoint(target: str) -> str:
        return index[target] if target in index else rel_index[target]

    edge_attrs: dict[tuple[str, bool], tuple[str, str]] = {}
    for rel in relations:
        es = theme.edge(rel.type)
        bright = (rel.id in highlight or (all(p in highlight for p in rel.premises) and rel.target in highlight)) if highlight else True
        colour = es.color if bright else theme.dim_line
        cached = edge_attrs.get((rel.type, bright))
        if cached is None:
            common = _attrs({"color": colour, "style": es.style, "penwidth": f"{es.penwidth:g}"})
            cached = edge_attrs[(rel.type, bright)] = (common, _q(es.arrowhead))
        common, head = cached
        rid = relation_svg_id(rel.id)
        rclasses: tuple[str, ...] = ("relation", rel.type) + (() if bright or not highlight else ("dimmed",))
        target_text = texts.get(rel.target) or f"relation {rel.target}"
        rtitle = f"{rel.type} {rel.id}: {', '.join(rel.premises)} -> {rel.target} ({target_text[:80]})"
        if rel.id in needs_junction:
            jclasses = (*rclasses, "junction", *(("linked",) if rel.is_linked else ()))
            meta.items[rid] = Item(rel.id, "relation", jclasses, rtitle)
            point = _attrs({"shape": "point", "width": "0.16", "color": colour, "fillcolor": colour})
            g.lines.append(f'\t{rel_index[rel.id]} [label="" id="{rid}" class="{" ".join(jclasses)}" {point}]\n')
            part = ("relation-part", *rclasses[1:])
            for i, p in enumerate(rel.premises):
                pid = f"{rid}-premise-{i}"
                meta.items[pid] = Item(rel.id, "relation-part", (*part, "premise"), rtitle)
                pclass = " ".join((*part, "premise"))
                g.lines.append(f'\t{endpoint(p)} -> {rel_index[rel.id]} [arrowhead="none" id="{pid}" class="{pclass}" {common}]\n')
            tid = f"{rid}-target"
            meta.items[tid] = Item(rel.id, "relation-part", (*part, "target"), rtitle)
            tclass = " ".join((*part, "target"))
            g.lines.append(f'\t{rel_index[rel.id]} -> {endpoint(rel.target)} [arrowhead={head} id="{tid}" class="{tclass}" {common}]\n')
        else:
            meta.items[rid] = Item(rel.id, "relation", rclasses, rtitle)
            rclass = " ".join(rclasses)
            tail, extra = endpoint(rel.premises[0]), minlen.get(rel.id, "")
            g.lines.append(f'\t{tail} -> {endpoint(rel.target)} [arrowhead={head} id="{rid}" class="{rclass}" {common}{extra}]\n')
    if opts.legend:
        _legend(g, m, opts, lang, meta)
    meta.title = title or (m.title_in(lang) or "Argument map")
    main_text = f" Main claim: {texts[m.main_claim]}" if m.main_claim else ""
    meta.desc = (
        f"Argument map with {len(m.statements)} {word('statements', 'en')} and {len(m.relations)} {word('relations', 'en')}.{main_text}"
    )
    return g, meta


def to_dot(m: ArgumentMap, **options: Any) -> graphviz.Digraph:
    """Build the ``graphviz.Digraph`` of a map without running Graphviz.

    Takes the options of :func:`argmap.render.render` that shape the drawing (``fit`` is applied by
    ``render``, which runs ``dot`` to measure candidate layouts).

    Examples
    --------
    >>> import argmap
    >>> m = argmap.ArgumentMap.model_validate({"main_claim": "c1", "statements": [
    ...     {"id": "c1", "claim": "Cats are good pets."}, {"id": "e1", "evidence": "They purr."}],
    ...     "relations": [{"support": "e1", "target": "c1"}]})
    >>> g = to_dot(m, theme="print")
    >>> 'id="relation-r1"' in g.source and 'rankdir="BT"' in g.source
    True
    """
    opts = options_from(**options)
    graph, _ = build_dot(prepare_map(m, opts), opts)
    return graph.digraph()
