"""schemathesis against the API's own OpenAPI: every phase (examples, coverage, fuzzing, stateful), every check.

A bounded run of ``benchmarks/api_schemathesis.py`` (the full run is the same script without bounds; its
figures are in docs/api.md): a real uvicorn on a fresh SQLite file, and on a fresh PostgreSQL schema when
ARGMAP_TEST_DATABASE_URL is set, with ``benchmarks/schemathesis.toml`` and stored copies of the example map whose
ids most generated requests name (so they reach rendering, queries, evaluation and edits). Nothing may fail: no 5xx, every
status and header documented, every response matching its schema, schema-valid requests accepted and
schema-violating ones refused, ``Allow`` agreeing with the operations, authentication as declared, and the
links from created resources working.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "api_schemathesis.py"
PG_URL = os.environ.get("ARGMAP_TEST_DATABASE_URL")
PG_SKIP = "ARGMAP_TEST_DATABASE_URL is not set (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test); .ci/run sets it"
MAX_EXAMPLES = 3  # per operation and phase
MAX_SECONDS = 20  # the whole run, per database


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("api_schemathesis", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("api_schemathesis", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("database", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_all_phases_find_nothing(database: str) -> None:
    if database == "postgresql" and not PG_URL:
        pytest.skip(PG_SKIP)
    script = _script()
    result = script.run(PG_URL if database == "postgresql" else None, max_examples=MAX_EXAMPLES, max_time=MAX_SECONDS, seed=1)
    s = script.summary(result)
    assert s["database"] == database
    assert s["cases"] > 500, result["output"][-3000:]  # every operation was reached, in every phase
    assert s["failures"] == 0 and s["errors"] == 0, result["output"][-20000:]
    assert s["phases"] == dict.fromkeys(("examples", "coverage", "fuzzing", "stateful"), "success"), s["phases"]
