"""Pick what to draw: the k-hop neighbourhood of a statement, via argmap.query.focus."""

from __future__ import annotations

from argmap.model import ArgumentMap

__all__ = ["focus_map"]


def focus_map(m: ArgumentMap, center: str, k: int = 1) -> ArgumentMap:
    """The part of ``m`` within ``k`` relations of ``center`` (a statement or relation id).

    Examples
    --------
    >>> m = ArgumentMap.model_validate({"statements": [{"id": "a", "claim": "A"}, {"id": "b", "claim": "B"},
    ...     {"id": "c", "claim": "C"}], "relations": [{"support": "b", "target": "a"}, {"support": "c", "target": "b"}]})
    >>> [s.id for s in focus_map(m, "a", k=1).statements]
    ['a', 'b']
    """
    from argmap.query import focus

    return focus(m, center, k=k)
