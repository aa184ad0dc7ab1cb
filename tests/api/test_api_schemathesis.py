"""schemathesis against the app's own OpenAPI: bounded examples per operation, no 500s, responses match the schema.

Runs on SQLite and on PostgreSQL (when ARGMAP_TEST_DATABASE_URL is set). Each operation gets a few
generated requests, sent with a valid key to an app that holds one map, so that the happy paths
(not only the 404s) are exercised.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from api_fixtures import *  # noqa: F403 - the shared fixtures (see api_fixtures.py)
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance, status_code_conformance

from argmap_api.app import create_app
from argmap_api.settings import Settings
from argmap_api.store import Store

EXAMPLES = 5  # per operation and mode: the whole run stays well under a minute
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def served(database_url: str, pets_yaml: str) -> Iterator[tuple[Any, dict[str, str]]]:
    store = Store(database_url)
    store.migrate()
    app = create_app(Settings(database_url=database_url, render_timeout=5, max_body_bytes=200_000), store=store)
    _, token = store.create_key("alice")
    headers = {"Authorization": f"Bearer {token}"}
    with TestClient(app) as c:
        r = c.post("/maps?public=true", content=pets_yaml, headers={**headers, "Content-Type": "application/yaml"})
        assert r.status_code == 201
    yield app, headers
    store.dispose()


def test_no_500_and_responses_match_the_schema(served: tuple[Any, dict[str, str]]) -> None:
    app, headers = served
    api = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures: list[str] = []
    operations = 0
    for result in api.get_all_operations():
        operation = result.ok()
        operations += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck), phases=[Phase.generate])
            def run(case: Any) -> None:
                case.call_and_validate(headers=headers, checks=CHECKS)

            try:
                run()
            except Unsatisfiable:
                assert mode == GenerationMode.NEGATIVE  # an operation with no parameters cannot be sent invalid ones
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException as exc:
                failures.append(f"{operation.label} ({mode.value}): {exc}"[:3000])
    assert operations >= 25, f"only {operations} operations in the OpenAPI document"
    assert not failures, "\n\n".join(failures)
