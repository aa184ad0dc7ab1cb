"""Random maps for the format round trips: the shared strategy, plus what it leaves out (preferences, free data)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from strategies import argument_maps, texts

from argmap.model import ArgumentMap

_json = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-5, 5), texts(max_size=8)),
    lambda inner: st.one_of(st.lists(inner, max_size=2), st.dictionaries(st.sampled_from(["a", "b/c", "#d"]), inner, max_size=2)),
    max_leaves=4,
)


@st.composite
def maps_with_extras(draw: st.DrawFn) -> ArgumentMap:
    """A map from ``tests.strategies.argument_maps`` with free data and, when it can, a preference between relations."""
    m = draw(argument_maps(max_statements=6, max_relations=6))
    data: dict[str, Any] = m.model_dump(mode="json")
    for item in data["statements"] + data["relations"]:
        if draw(st.integers(0, 3)) == 0:
            item["data"] = draw(st.dictionaries(st.sampled_from(["x", "page", "{y}"]), _json, min_size=1, max_size=2))
    relation_ids = [r["id"] for r in data["relations"]]
    taken = {s["id"] for s in data["statements"]} | set(relation_ids)
    if len(relation_ids) >= 2 and draw(st.booleans()) and "pref-1" not in taken:
        first, second = draw(st.lists(st.sampled_from(relation_ids), min_size=2, max_size=2, unique=True))
        data["relations"].append({"id": "pref-1", "type": "preference", "premises": [first], "target": second})
    return ArgumentMap.model_validate(data)
