"""The OpenAPI document names each operation as its function is named (``list_maps``), each name once."""

from __future__ import annotations

from argmap_api.app import create_app
from argmap_api.settings import Settings


def test_operation_ids_are_clean_and_unique() -> None:
    spec = create_app(Settings(database_url="sqlite://", auth="off")).openapi()
    ids = [op["operationId"] for path in spec["paths"].values() for op in path.values() if isinstance(op, dict) and "operationId" in op]
    assert "list_maps" in ids and "render_map" in ids
    assert len(ids) == len(set(ids)) and not [i for i in ids if i.endswith(("_get", "_post", "_put", "_patch", "_delete"))]
