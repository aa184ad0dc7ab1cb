"""Re-export of :mod:`argmap._validate` for the format modules."""

from argmap._validate import validate_map, validate_map_json

__all__ = ["validate_map", "validate_map_json"]
