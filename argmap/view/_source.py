"""A source text as HTML with every anchored quote wrapped in ``<mark>``; all text escaped."""

from __future__ import annotations

import html
import itertools

from argmap.model import ArgumentMap

__all__ = ["source_html"]


def source_html(m: ArgumentMap, source_id: str) -> str:
    """The text of source ``source_id`` as escaped HTML, its anchored spans marked.

    Anchors may overlap: the text is cut at every anchor's start and end, and each piece inside one
    or more anchors becomes ``<mark data-id="ID" data-ids="ID1 ID2">`` (``data-id`` is the statement
    of the shortest anchor covering it, the most specific quote).

    Examples
    --------
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap.model_validate({"sources": [{"id": "s", "text": "A <b> & C."}],
    ...     "statements": [{"id": "x", "claim": "B.", "anchors": [{"source": "s", "quote": "<b>"}]}]})
    >>> source_html(m, "s")
    'A <mark data-id="x" data-ids="x" tabindex="0">&lt;b&gt;</mark> &amp; C.'
    """
    src = m.source(source_id)
    text = src.text or ""
    spans: list[tuple[int, int, str]] = []
    for st in m.statements:
        for a in st.anchors:
            if a.source == source_id and a.start is not None and a.end is not None and a.end <= len(text):
                spans.append((a.start, a.end, st.id))
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    starts: dict[int, list[tuple[int, str]]] = {}
    for s, e, sid in spans:
        starts.setdefault(s, []).append((e, sid))
    active: list[tuple[int, int, str]] = []  # (length, end, id) of the anchors covering the current piece
    out: list[str] = []
    for left, right in itertools.pairwise(cuts):
        active = [a for a in active if a[1] > left]
        active.extend((e - left, e, sid) for e, sid in starts.get(left, ()))
        piece = html.escape(text[left:right], quote=False)
        if not active:
            out.append(piece)
            continue
        active.sort()
        ids = list(dict.fromkeys(sid for _, _, sid in active))
        out.append(f'<mark data-id="{html.escape(ids[0])}" data-ids="{html.escape(" ".join(ids))}" tabindex="0">{piece}</mark>')
    return "".join(out)
