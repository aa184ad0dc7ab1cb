"""Every reader, fed the generated hostile corpus and a bounded fuzz: a clean ArgmapError or a result, never a
traceback, never more than 2 s of CPU for one input (tests/hostile/generate.py makes the corpus)."""

from __future__ import annotations

import importlib.util
import random
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

_HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("argmap_hostile_corpus", _HERE / "generate.py")
assert _spec is not None and _spec.loader is not None
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)

CASES = corpus.cases()


def test_corpus_covers_every_reader_and_attack() -> None:
    formats = {fmt for _, fmt, _ in CASES}
    assert formats == {"json", "yaml", "argdown", "aif", "sadface", "kialo", "microtexts", "apx", "tgf", "af"}
    texts = [text for _, _, text in CASES]
    for mark in (corpus.SURROGATE, corpus.NUL, corpus.RTL, corpus.BIG, "&a8", "[" * 3000, "-" * 4000):
        assert any(mark in t for t in texts), mark


@pytest.mark.parametrize(("name", "fmt", "text"), CASES, ids=lambda v: v if len(v) < 40 else "")
def test_hostile_input_ends_cleanly(name: str, fmt: str, text: str) -> None:
    outcome, _, detail = corpus.run_case(fmt, text, guard=2.0)
    assert outcome in ("error", "result"), f"{name}: {outcome}: {detail}"


def test_the_bombs_fail_fast_with_a_clear_message() -> None:
    from argmap.errors import InputLimitError
    from argmap.formats.native import parse_json, parse_yaml

    bomb = "statements:\n- id: a\n  claim: x\nrelations: []\nmetadata:\n" + corpus._yaml_bomb()
    assert len(corpus._yaml_bomb()) < 600
    start = time.process_time()
    with pytest.raises(InputLimitError, match=r"expands to more than 5,000,000 values") as info:
        parse_yaml(bomb, filename="bomb.yaml")
    assert time.process_time() - start < 1.0  # a hang guard: the walk is linear in the text
    # line 12: a6, the first value past the bound (9**7 values), is named
    assert info.value.problems[0].line == 12 and info.value.problems[0].file == "bomb.yaml"
    with pytest.raises(InputLimitError, match="nested more than 200 levels deep"):
        parse_json('{"statements": [], "relations": [], "metadata": {"x": ' + "[" * 100_000 + "]" * 100_000 + "}}")


# ------------------------------------------------------------------------------ a bounded fuzz


SEEDS = corpus.seed_texts()

# Mutations that hit a reader owned by another engineer and fail today; owned by G/H/I, see /work/notes/findings-*.md.
KNOWN_FUZZ_FORMATS: set[str] = set()


@st.composite
def _mutants(draw: st.DrawFn) -> tuple[str, str]:
    fmt, text = draw(st.sampled_from(SEEDS))
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    text = corpus.mutate(text, rng, draw(st.integers(1, 4)))
    return fmt, text


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(_mutants())
def test_fuzzed_fixtures_end_cleanly(case: tuple[str, str]) -> None:
    fmt, text = case
    outcome, _, detail = corpus.run_case(fmt, text, guard=2.0)
    if fmt in KNOWN_FUZZ_FORMATS and outcome in ("traceback", "hang"):
        return
    assert outcome in ("error", "result"), f"{fmt}: {outcome}: {detail}\n{text[:2000]!r}"
