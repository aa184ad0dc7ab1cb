"""Fixtures shared by every test: the shared corpora folder, and small maps."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _shared_dir() -> Path:
    return Path(os.environ.get("ARGMAP_SHARED_DIR", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ``../shared`` folder (essay, corpora); tests that need it skip where it is absent."""
    path = _shared_dir()
    if not path.is_dir():
        pytest.skip(f"../shared not found at {path} (a fresh clone has none; set ARGMAP_SHARED_DIR to run these tests)")
    return path
