"""The Examples sections of the api modules run (the project's doctest run covers ``argmap/`` only)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [f"argmap_api.{name}" for name in ("app", "cache", "compression", "drawing", "problems", "render_cache", "settings", "store")]


@pytest.mark.parametrize("name", MODULES)
def test_examples_in_docstrings_run(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
