"""The OpenAPI document: FastAPI's, plus the input schema of a map for the bodies the routes read by hand."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from argmap import ArgumentMap

__all__ = ["install_openapi"]


def install_openapi(app: FastAPI) -> None:
    """Add ``ArgumentMap-Input`` (and its parts, ``<Name>-Input``) to the components, once, when first asked."""
    default = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        spec = default()
        schema = ArgumentMap.model_json_schema(mode="validation", ref_template="#/components/schemas/{model}-Input")
        components = spec.setdefault("components", {}).setdefault("schemas", {})
        for name, part in schema.pop("$defs", {}).items():
            components[f"{name}-Input"] = part
        components["ArgumentMap-Input"] = schema
        app.openapi_schema = spec
        return spec

    app.openapi = openapi  # type: ignore[method-assign]
