"""The public API is what ``argmap.__all__`` says: every name exists, and nothing public is left out."""

from __future__ import annotations

import argmap


def test_all_names_exist_and_are_sorted() -> None:
    missing = [name for name in argmap.__all__ if not hasattr(argmap, name)]
    assert missing == []
    assert list(argmap.__all__) == sorted(argmap.__all__)


def test_public_classes_and_functions_are_exported() -> None:
    public = {
        name
        for name, value in vars(argmap).items()
        if not name.startswith("_")
        and (isinstance(value, type) or callable(value))
        and getattr(value, "__module__", "").startswith("argmap")
    }
    assert public <= set(argmap.__all__), f"public but not in __all__: {sorted(public - set(argmap.__all__))}"
