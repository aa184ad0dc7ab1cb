"""The HTML deck in a real browser (Debian's headless chromium): the script runs, the fragment picks slide and build."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

import argmap
from argmap.deck import build_deck, write_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")


def _dom(url: str) -> str:
    assert CHROMIUM is not None
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1920,1080", "--dump-dom", url],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _section(dom: str, n: int) -> str:
    match = re.search(rf'<section [^>]*id="slide-{n}"[^>]*>', dom)
    assert match, f"slide {n} missing"
    return match.group(0)


def test_fragment_opens_a_slide_at_a_build(tmp_path: Path) -> None:
    m = argmap.ArgumentMap.model_validate({
        "title": "Pets", "main_claim": "c",
        "statements": [{"id": "c", "claim": "Cats are good pets."}, {"id": "p", "claim": "Cats are easy."},
                       {"id": "o", "claim": "Cats scratch.", "holder": "critics"}, {"id": "x", "claim": "Use a post."}],
        "relations": [{"support": "p", "target": "c"}, {"attack": "o", "target": "p"}, {"attack": "x", "target": "o"}],
    })
    deck = build_deck(m)
    n = deck.kinds.index("objection") + 1
    page = write_html(deck, tmp_path / "talk.html").resolve().as_uri()
    first = _section(_dom(f"{page}#{n}.1"), n)
    assert "current" in first and 'data-shown="1"' in first and 'data-builds="2"' in first
    full = _section(_dom(f"{page}#{n}"), n)
    assert "current" in full and 'data-shown="2"' in full
    start = _dom(page)
    assert "current" in _section(start, 1) and "current" not in _section(start, n)
