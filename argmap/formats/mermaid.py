"""Mermaid flowchart text (``.mmd``), write: renders in GitHub, GitLab and Notion.

Statements are nodes (claims as boxes, evidence as stadiums, the main claim bold); a relation with one
premise that nothing points at is an arrow (``-->`` supports, ``-.->`` attacks); a linked relation, or one
that an undercut or preference targets, is a small junction node so that the arrow can reach it. Every
label is quoted, with ``"``, ``#``, ``<``, ``>``, ``&`` and backticks written as Mermaid entity codes.
"""

from __future__ import annotations

from pathlib import Path

from argmap.formats import Format, register
from argmap.model import ArgumentMap

__all__ = ["dump_mermaid", "write_mermaid"]

_ENTITIES = {"&": "#amp;", "#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "`": "#96;"}
_VERB = {"support": "supports", "attack": "attacks", "undercut": "undercuts", "rephrase": "rephrases", "preference": "preferred to"}
_ARROW = {"support": "-->", "attack": "-.->", "undercut": "-.->", "rephrase": "---", "preference": "==>"}


def escape_label(text: str) -> str:
    """Text made safe inside a quoted Mermaid label: entity codes for markup characters, ``<br>`` for new lines.

    Examples
    --------
    >>> escape_label('Say "hi" <b>#1</b> & go')
    'Say #quot;hi#quot; #lt;b#gt;#35;1#lt;/b#gt; #amp; go'
    """
    out = "".join(_ENTITIES.get(c, c) for c in text)
    return "<br>".join(" ".join(line.split()) for line in out.replace("\r", "").split("\n"))


def dump_mermaid(amap: ArgumentMap, *, direction: str = "BT", lang: str | None = None) -> str:
    """The map as a Mermaid flowchart.

    Examples
    --------
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap.model_validate({"main_claim": "c1", "statements": [{"id": "c1", "claim": "A [b]"},
    ...     {"id": "e1", "evidence": 'Say "x"'}], "relations": [{"support": "e1", "target": "c1"}]})
    >>> print(dump_mermaid(m))
    flowchart BT
      s0["A [b]"]:::main
      s1(["Say #quot;x#quot;"]):::evidence
      s1 -->|supports| s0
      classDef claim fill:#eef4ff,stroke:#3b6fb6
      classDef evidence fill:#f2f2f2,stroke:#777
      classDef main fill:#dce8ff,stroke:#1d4f91,stroke-width:3px,font-weight:bold
      classDef junction fill:#fff,stroke:#555
    <BLANKLINE>
    """
    if direction not in ("BT", "TB", "LR", "RL", "TD"):
        raise ValueError(f"direction must be one of BT, TB, TD, LR, RL, not {direction!r}")
    lang = lang or amap.language
    names = {st.id: f"s{i}" for i, st in enumerate(amap.statements)}
    targeted = {r.target for r in amap.relations} | {p for r in amap.relations for p in r.premises}
    junctions = {r.id: f"r{i}" for i, r in enumerate(amap.relations) if r.is_linked or r.id in targeted}
    lines = [f"flowchart {direction}"]
    for st in amap.statements:
        label = escape_label(st.text_in(lang, fallback=amap.language))
        if not st.holder.is_author:
            label = f"{escape_label(st.holder.label())}: {label}"
        cls = "main" if st.id == amap.main_claim else st.kind
        shape = f'(["{label}"])' if st.kind == "evidence" else f'["{label}"]'
        lines.append(f"  {names[st.id]}{shape}:::{cls}")
    for rel in amap.relations:
        verb = _VERB[rel.type]
        if rel.id in junctions:
            j = junctions[rel.id]
            lines.append(f'  {j}(("{escape_label(verb)}")):::junction')
            for p in rel.premises:
                lines.append(f"  {names.get(p) or junctions[p]} --- {j}")
            lines.append(f"  {j} {_ARROW[rel.type]} {names.get(rel.target) or junctions[rel.target]}")
        else:
            source, target = rel.premises[0], rel.target
            lines.append(f"  {names.get(source) or junctions[source]} {_ARROW[rel.type]}|{verb}| {names.get(target) or junctions[target]}")
    lines += [
        "  classDef claim fill:#eef4ff,stroke:#3b6fb6",
        "  classDef evidence fill:#f2f2f2,stroke:#777",
        "  classDef main fill:#dce8ff,stroke:#1d4f91,stroke-width:3px,font-weight:bold",
        "  classDef junction fill:#fff,stroke:#555",
    ]
    return "\n".join(lines) + "\n"


def write_mermaid(amap: ArgumentMap, path: str | Path) -> Path:
    """Write the map as a Mermaid flowchart, atomically."""
    from argmap.formats import save

    return save(amap, path, format="mermaid")


def _dump(amap: ArgumentMap) -> str:
    return dump_mermaid(amap)


register(Format("mermaid", (".mmd", ".mermaid"), "Mermaid flowchart (write)", None, _dump, None, ("text/vnd.mermaid",)))
