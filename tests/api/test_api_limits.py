"""Limits and error shapes: body size (413, with or without Content-Length), problem+json everywhere, OpenAPI examples."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from api_fixtures import *  # noqa: F403 - the shared fixtures (see api_fixtures.py)
from fastapi import FastAPI
from fastapi.testclient import TestClient


@pytest.fixture
def small(make_app: Callable[..., FastAPI]) -> Iterator[TestClient]:
    with TestClient(make_app(auth="off", max_body_bytes=2048)) as c:
        yield c


def test_body_over_the_limit_is_413(small: TestClient) -> None:
    big = {"statements": [{"id": f"c{i}", "claim": "x" * 50} for i in range(100)]}
    r = small.post("/maps", json=big)
    assert r.status_code == 413
    assert r.headers["content-type"] == "application/problem+json"
    assert "the limit is 2,048 bytes" in r.json()["detail"]
    assert small.get("/maps").json()["total"] == 0


def test_streamed_body_without_content_length_is_limited_too(small: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"statements": ['
        for i in range(200):
            yield b'{"id": "c%d", "claim": "xxxxxxxxxxxxxxxxxxxx"},' % i
        yield b'{"id": "z", "claim": "z"}]}'

    r = small.post("/maps", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413


def test_a_bad_content_length_is_400(small: TestClient) -> None:
    r = small.post("/maps", content=b"{}", headers={"Content-Length": "abc", "Content-Type": "application/json"})
    assert r.status_code == 400


def test_unknown_path_and_method_are_problems(client: TestClient) -> None:
    r = client.get("/nowhere")
    assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"
    assert r.json() == {
        "type": "about:blank",
        "title": "Not found",
        "status": 404,
        "detail": "no such path: /nowhere",
        "instance": "/nowhere",
    }
    r = client.post("/formats")
    assert r.status_code == 405 and r.headers["content-type"] == "application/problem+json"


def test_empty_and_non_utf8_bodies_are_422(client: TestClient, alice: dict[str, str]) -> None:
    assert (
        client.post("/maps", content=b"  ", headers={**alice, "Content-Type": "application/json"})
        .json()["detail"]
        .startswith("the request body is empty")
    )
    r = client.post("/maps", content=b"title: caf\xe9\n", headers={**alice, "Content-Type": "application/yaml"})
    assert r.status_code == 422 and "not UTF-8" in r.json()["errors"][0]["message"]


def test_every_request_body_has_an_example(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    bodies = 0
    for path, item in spec["paths"].items():
        for method, op in item.items():
            body = op.get("requestBody")
            if not body:
                continue
            bodies += 1
            for media, content in body["content"].items():
                assert content.get("examples") or content.get("example"), f"{method.upper()} {path} {media} has no example"
    assert bodies >= 7
    assert client.get("/docs").status_code == 200


def test_every_schema_reference_resolves(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()

    def refs(node: object) -> Iterator[str]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref":
                    yield value
                else:
                    yield from refs(value)
        elif isinstance(node, list):
            for value in node:
                yield from refs(value)

    names = set(spec["components"]["schemas"])
    found = set(refs(spec))
    assert "#/components/schemas/ArgumentMap-Input" in found
    assert {r for r in found if r.removeprefix("#/components/schemas/") not in names} == set()


def test_yaml_alias_bombs_are_refused(client: TestClient, alice: dict[str, str]) -> None:
    lines = ["metadata:", '  a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"  a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)]
    lines.append("statements:\n  - {id: c1, claim: x}")
    r = client.post("/maps", content="\n".join(lines), headers={**alice, "Content-Type": "application/yaml"})
    assert r.status_code == 422 and "aliases" in r.json()["detail"]


def test_a_reader_or_writer_that_breaks_is_4xx_not_500(
    client: TestClient, alice: dict[str, str], pets: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.formats import _REGISTRY, Format, formats

    formats()  # load the built-in formats first

    def parse_boom(text: str, *, filename: str | None = None, base_dir: str | None = None) -> None:
        raise RuntimeError("the reader fell over")

    def dump_boom(m: object) -> str:
        raise ZeroDivisionError("the writer fell over")

    monkeypatch.setitem(_REGISTRY, "boom", Format("boom", (".boom",), "a broken format", parse_boom, dump_boom))  # type: ignore[arg-type]
    r = client.post("/maps?format=boom", content=b"anything", headers=alice)
    assert r.status_code == 422 and r.json()["errors"][0]["message"] == "could not read the input as boom: the reader fell over"
    r = client.get(f"/maps/{pets}?format=boom", headers=alice)  # a well-formed request the stored map cannot meet: 409
    assert r.status_code == 409 and "cannot be written as boom" in r.json()["detail"]


def test_lone_surrogates_are_refused_with_a_valid_answer(client: TestClient, alice: dict[str, str], pets: str) -> None:
    # YAML and JSON may escape a lone surrogate ("\ud800"); it is not Unicode text and cannot be stored or echoed as UTF-8.
    body = b'statements:\n  - {id: c1, claim: "bad \\ud800 text"}\n'
    r = client.post("/maps", content=body, headers={**alice, "Content-Type": "application/yaml"})
    assert r.status_code == 422 and "unicode" in r.json()["errors"][0]["message"].lower()
    r = client.post(
        f"/maps/{pets}/statements", content=b'{"id": "x", "text": {"\\ud800": "t"}}', headers={**alice, "Content-Type": "application/json"}
    )
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"
    said = r.json()["detail"] + " ".join(e["message"] for e in r.json().get("errors", []))
    assert "unicode" in said.lower() or "\\ud800" in said  # refused as text or as a language code, in valid JSON
