"""The terminal outline of a map for ``argmap show``: the main claim, then its reasons and objections as a tree."""

from __future__ import annotations

from rich.text import Text
from rich.tree import Tree

from argmap._index import index_of
from argmap.cli._app import plural
from argmap.model import ArgumentMap, Claim, Evidence
from argmap.paths import disconnected

__all__ = ["outline"]

# How each relation type reads in the outline, and the order children are listed in.
_MARKS = {"support": ("+ ", "green"), "attack": ("− ", "red"), "rephrase": ("= ", "blue"), "preference": ("> ", "magenta")}
_ORDER = {"support": 0, "attack": 1, "rephrase": 2, "preference": 3, "undercut": 4}
MAX_NODES = 5_000  # an outline longer than this is cut short (with a note); it is for reading, not for export
MAX_DEPTH = 40  # and so is one deeper than this (a chain of thousands would fit no terminal, nor the stack)


REPEAT_MARK = "↑ "  # marks a statement shown before: by its short title only (with ids: "(see above)")
_SHORT = 60  # characters of its text that stand in for a repeated statement without a title


def statement_label(amap: ArgumentMap, st: Claim | Evidence, lang: str, *, ids: bool = True) -> Text:
    """``id [evidence type] text (holder)``, as plain text: user text never becomes markup.

    Without ``ids`` the statement's id is left out: the label is what a reader needs.
    """
    label = Text()
    if ids:
        label.append(st.id, style="dim")
        label.append(" ")
    if isinstance(st, Evidence):
        label.append(f"[{st.evidence_type.replace('_', ' ')}] ", style="cyan")
    label.append(st.text_in(lang, fallback=amap.language), style="bold" if st.id == amap.main_claim else "")
    if not st.holder.is_author:
        label.append(f"  ({st.holder.label(lang)})", style="yellow")
    return label


def _short(amap: ArgumentMap, st: Claim | Evidence, lang: str) -> str:
    """The statement's title in ``lang``, else the start of its text."""
    title = st.title_in(lang, fallback=amap.language)
    if title:
        return title
    text = st.text_in(lang, fallback=amap.language)
    return text if len(text) <= _SHORT else text[: _SHORT - 1].rstrip() + "…"


class _Outliner:
    def __init__(self, amap: ArgumentMap, lang: str, max_depth: int, *, ids: bool) -> None:
        self.ids = ids
        self.max_depth = max_depth
        self.amap = amap
        self.lang = lang
        self.into = index_of(amap).into
        self.shown: set[str] = set()
        self.nodes = 0
        self.depth = 0

    def statement(self, parent: Tree, sid: str, prefix: Text) -> None:
        st = self.amap.statement(sid)
        if sid in self.shown:
            if self.ids:
                parent.add(prefix + statement_label(self.amap, st, self.lang) + Text("  (see above)", style="dim italic"))
            else:
                parent.add(prefix + Text(REPEAT_MARK + _short(self.amap, st, self.lang), style="dim italic"))
            return
        node = parent.add(prefix + statement_label(self.amap, st, self.lang, ids=self.ids))
        if self.depth >= self.max_depth:
            if sid in self.into:
                node.add(Text(f"… deeper levels not shown; see `argmap query FILE focus {sid}`", style="dim italic"))
            return
        self.shown.add(sid)
        self.nodes += 1
        self.depth += 1
        try:
            self.reasons(node, sid)
        finally:
            self.depth -= 1

    def reasons(self, node: Tree, target: str) -> None:
        for rel in sorted(self.into.get(target, ()), key=lambda r: _ORDER[r.type]):
            if self.nodes >= MAX_NODES:
                node.add(Text(f"… cut short at {MAX_NODES:,} statements", style="dim italic"))
                return
            if rel.type == "undercut":
                mark = Text("✗ undercut", style="red")
                if self.ids:
                    mark.append(" ")
                    mark.append(rel.id, style="dim")
                mark.append(": ")
                self.premises(node, rel.premises, mark)
                continue
            sign, colour = _MARKS[rel.type]
            mark = Text(sign, style=f"bold {colour}")
            details = [rel.id] if self.ids else []
            details += [rel.scheme] if rel.scheme else []
            details += [f"{rel.strength:g}" if self.ids else f"strength {rel.strength:g}"] if rel.strength is not None else []
            if rel.is_linked:
                argument = node.add(mark + Text(f"together ({' · '.join(details)}):" if details else "together:", style="dim"))
                for p in rel.premises:
                    self.statement_or_relation(argument, p, Text("& ", style=colour))
            elif self.ids:
                self.statement_or_relation(node, rel.premises[0], mark + Text(f"{' · '.join(details)}: ", style="dim"))
                argument = node.children[-1]
            else:  # a scheme or strength follows the statement, dim, where it does not stand between sign and text
                self.statement_or_relation(node, rel.premises[0], mark)
                argument = node.children[-1]
                if details and isinstance(argument.label, Text):
                    argument.label.append(f"  · {' · '.join(details)}", style="dim")
            # undercuts (and preferences) of this relation hang under the argument they bear on
            if rel.id in self.into:
                self.reasons(argument, rel.id)

    def premises(self, node: Tree, premises: tuple[str, ...], mark: Text) -> None:
        if len(premises) == 1:
            self.statement_or_relation(node, premises[0], mark)
            return
        group = node.add(mark + Text("together:", style="dim"))
        for p in premises:
            self.statement_or_relation(group, p, Text("& "))

    def forest(self, node: Tree, ids: list[str]) -> None:
        """Outline ``ids`` from their tops (statements that are no relation's premise), then whatever is left (cycles)."""
        out_of = index_of(self.amap).out_of
        for sid in [s for s in ids if s not in out_of] + ids:
            if sid not in self.shown:
                self.statement(node, sid, Text(""))

    def statement_or_relation(self, node: Tree, pid: str, prefix: Text) -> None:
        if self.amap.has_statement(pid):
            self.statement(node, pid, prefix)
        else:  # a preference may name a relation as its premise
            node.add(prefix + Text(f"relation {pid}", style="dim"))


def outline(amap: ArgumentMap, *, lang: str | None = None, width: int = 200, ids: bool = False) -> Tree:
    """A rich Tree: the main claim with its support, objections, rebuttals and undercuts below it.

    Statements that do not connect to the main claim (or all roots, when there is none) follow
    as further branches. A statement met twice is shown in full once; after that by its title
    alone, after "↑". With ``ids`` every statement and relation shows its id, and a repeat is
    shown with its id and text, marked "(see above)". The tree goes as deep as leaves 40 columns
    of text in ``width`` (at most ``MAX_DEPTH`` levels).
    """
    language = lang or amap.language
    title = Text(amap.title_in(language) or amap.id, style="bold underline")
    counts = f"{plural(len(amap.statements), 'statement')}, {plural(len(amap.relations), 'relation')}"
    title.append(f"  ({counts}; {language})", style="dim")
    tree = Tree(title)
    out = _Outliner(amap, language, max_depth=max(4, min(MAX_DEPTH, (width - 40) // 4)), ids=ids)
    if amap.main_claim is not None:
        out.statement(tree, amap.main_claim, Text("★ ", style="bold yellow"))
        rest = disconnected(amap)
        if rest:
            out.forest(tree.add(Text("not connected to the main claim:", style="dim italic")), rest)
    else:
        out.forest(tree, [s.id for s in amap.statements])
    return tree
