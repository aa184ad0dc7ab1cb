"""The OpenAPI document says what the API does, and the API does what it says (the parts schemathesis leans on)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from api_fixtures import *  # noqa: F403 - the shared fixtures (see api_fixtures.py)
from fastapi.testclient import TestClient

PROBLEM = "application/problem+json"


def _spec(client: TestClient) -> dict[str, Any]:
    spec: dict[str, Any] = client.get("/openapi.json").json()
    return spec


def test_a_method_a_path_does_not_take_is_405_with_every_method_it_does(client: TestClient, alice: dict[str, str], pets: str) -> None:
    spec = _spec(client)
    for path, concrete in (
        ("/maps/{map_id}", f"/maps/{pets}"),
        ("/maps/{map_id}/statements/{statement_id}", f"/maps/{pets}/statements/c1"),
    ):
        documented = sorted(m.upper() for m in spec["paths"][path])
        r = client.options(concrete, headers=alice)
        assert r.status_code == 405 and r.headers["content-type"] == PROBLEM
        assert r.headers["allow"] == ", ".join(documented)
    assert client.request("TRACE", "/maps", headers=alice).headers["allow"] == "GET, POST"


def test_if_match_of_the_wrong_shape_is_422_a_stale_one_412(client: TestClient, alice: dict[str, str], pets: str) -> None:
    r = client.delete(f"/maps/{pets}", headers={**alice, "If-Match": '"v1'})
    assert r.status_code == 422 and r.json()["errors"][0]["path"] == "header.if-match"
    assert client.delete(f"/maps/{pets}", headers={**alice, "If-Match": '"v7"'}).status_code == 412
    ok = client.patch(f"/maps/{pets}", json={"public": True}, headers={**alice, "If-Match": "v1"})  # quotes left out
    assert ok.status_code == 200 and ok.headers["etag"] == '"v2"'
    assert client.delete(f"/maps/{pets}", headers={**alice, "If-Match": 'W/"v1", "v2"'}).status_code == 204


def test_every_error_is_a_documented_problem(client: TestClient) -> None:
    spec = _spec(client)
    for path, item in spec["paths"].items():
        for method, op in item.items():
            errors = {code: r for code, r in op["responses"].items() if code[0] in "45"}
            assert {"400", "408", "413", "503"} <= set(errors), (method, path)
            for code, response in errors.items():
                assert list(response["content"]) == [PROBLEM, "text/plain"] if code == "400" else [PROBLEM], (method, path, code)
            if op.get("parameters") or "requestBody" in op:
                assert "422" in errors, (method, path)
            if "{map_id}" in path:
                assert {"404", "409"} <= set(errors), (method, path)
    assert "HTTPValidationError" not in spec["components"]["schemas"]


def test_reads_take_a_key_or_none_writes_need_one(client: TestClient) -> None:
    spec = _spec(client)
    get_map = spec["paths"]["/maps/{map_id}"]["get"]
    assert get_map["security"] == [{"HTTPBearer": []}, {}] and "429" in get_map["responses"]
    put_map = spec["paths"]["/maps/{map_id}"]["put"]
    assert put_map["security"] == [{"HTTPBearer": []}] and {"401", "403", "412"} <= set(put_map["responses"])
    assert "security" not in spec["paths"]["/health"]["get"]


def test_links_lead_from_what_is_created_to_it(client: TestClient, alice: dict[str, str], pets_yaml: str) -> None:
    spec = _spec(client)
    links = spec["paths"]["/maps"]["post"]["responses"]["201"]["links"]
    assert links["get_map"] == {"operationId": "get_map", "parameters": {"map_id": "$response.body#/id"}}
    statement = spec["paths"]["/maps/{map_id}/statements"]["post"]["responses"]["201"]["links"]["get_statement"]
    assert statement["parameters"] == {"statement_id": "$response.body#/item/id", "map_id": "$request.path.map_id"}
    write = spec["paths"]["/maps/{map_id}"]["get"]["responses"]["200"]["links"]["replace_map"]
    assert write["parameters"]["header.If-Match"] == "$response.header.ETag"
    # Followed by hand, the links work.
    created = client.post("/maps", content=pets_yaml, headers={**alice, "Content-Type": "application/yaml"})
    map_id = created.json()["id"]
    assert client.get(f"/maps/{map_id}", headers=alice).status_code == 200
    added = client.post(f"/maps/{map_id}/statements", json={"id": "n1", "claim": "New."}, headers=alice)
    assert client.get(f"/maps/{map_id}/statements/{added.json()['item']['id']}", headers=alice).status_code == 200
    read = client.get(f"/maps/{map_id}", headers=alice)
    doc = read.json()["map"]
    assert client.put(f"/maps/{map_id}", json=doc, headers={**alice, "If-Match": read.headers["etag"]}).status_code == 200


def test_format_takes_the_names_the_spec_lists(client: TestClient, alice: dict[str, str], pets: str) -> None:
    spec = _spec(client)
    params = {p["name"]: p for p in spec["paths"]["/maps/{map_id}"]["get"]["parameters"]}
    names = params["format"]["schema"]["enum"]
    assert "yaml" in names and "yml" in names and "kialo" not in names  # kialo is read, never written
    for name in names:
        assert client.get(f"/maps/{pets}?format={name}", headers=alice).status_code == 200, name
    assert client.get(f"/maps/{pets}?format=YAML", headers=alice).status_code == 406
    assert client.get(f"/maps/{pets}?format=", headers=alice).status_code == 406


def test_a_body_sent_as_one_format_and_named_as_another_is_415(client: TestClient, alice: dict[str, str], pets_yaml: str) -> None:
    r = client.post("/maps?format=argdown", content=pets_yaml, headers={**alice, "Content-Type": "application/yaml"})
    assert r.status_code == 415 and "application/yaml" in r.json()["detail"] and "argdown" in r.json()["detail"]
    # A generic or unknown media type lets ?format= say what the body is; JSON-based formats may come as JSON.
    assert client.post("/maps?format=yaml", content=pets_yaml, headers={**alice, "Content-Type": "text/plain"}).status_code == 201
    assert client.post("/maps?format=yaml", content=pets_yaml, headers={**alice, "Content-Type": "x/unknown"}).status_code == 201
    aif = {"nodes": [{"nodeID": "1", "text": "Cats are good pets.", "type": "I"}], "edges": []}
    assert client.post("/maps?format=aif", json=aif, headers=alice).status_code == 201


def test_a_search_for_nothing_but_spaces_is_422(client: TestClient, alice: dict[str, str], pets: str) -> None:
    r = client.get(f"/maps/{pets}/query/search", params={"q": "   "}, headers=alice)
    assert r.status_code == 422 and r.json()["errors"][0]["path"] == "query.q"
    assert client.get(f"/maps/{pets}/query/search", params={"q": " purr "}, headers=alice).json()["items"]


def test_answers_about_a_map_version_declare_its_etag(client: TestClient, alice: dict[str, str], pets_yaml: str) -> None:
    spec = _spec(client)
    created = spec["paths"]["/maps"]["post"]["responses"]["201"]["headers"]
    assert set(created) == {"ETag", "Location"}
    assert "ETag" in spec["paths"]["/maps/{map_id}/statements/{statement_id}"]["delete"]["responses"]["200"]["headers"]
    r = client.post("/maps", content=pets_yaml, headers={**alice, "Content-Type": "application/yaml"})
    assert r.headers["etag"] == '"v1"' and r.headers["location"] == f"/maps/{r.json()['id']}"
    gone = client.delete(f"/maps/{r.json()['id']}/statements/o2?cascade=true", headers=alice)
    assert gone.status_code == 200 and gone.headers["etag"] == '"v2"'


@pytest.mark.parametrize("q", ["\x85", "\u3000 \ufeff", "\x1c\x1d", "\u2028"])
def test_white_space_by_any_engine_is_not_a_search(q: str, client: TestClient, alice: dict[str, str], pets: str) -> None:
    # Python, Rust and ECMA regexes disagree on what \s is; the schema lists the characters so that the check and the
    # schema (as a client's ECMA regex reads it) agree: each of these is refused, by both
    pattern = _spec(client)["paths"]["/maps/{map_id}/query/search"]["get"]["parameters"]
    (schema,) = [p["schema"] for p in pattern if p["name"] == "q"]
    assert re.search(schema["pattern"], q) is None
    r = client.get(f"/maps/{pets}/query/search", params={"q": q}, headers=alice)
    assert r.status_code == 422 and r.json()["errors"][0] == {"message": "must hold a word, not only white space", "path": "query.q"}


def test_a_search_for_a_lone_accent_finds_nothing(client: TestClient, alice: dict[str, str], pets: str) -> None:
    r = client.get(f"/maps/{pets}/query/search", params={"q": "\u0301"}, headers=alice)  # no word once accents go
    assert r.status_code == 200 and r.json()["items"] == []


def test_a_malformed_replace_is_refused_before_if_match(client: TestClient, alice: dict[str, str], pets: str, pets_yaml: str) -> None:
    stale = {**alice, "If-Match": '"v7"', "Content-Type": "application/yaml"}
    r = client.put(f"/maps/{pets}?format=nonsense", content=pets_yaml, headers=stale)
    assert r.status_code in (415, 422) and "nonsense" in r.json()["detail"]
    assert client.put(f"/maps/{pets}", content=pets_yaml, headers=stale).status_code == 412


def test_a_value_that_breaks_a_pattern_is_told_what_it_should_be(client: TestClient, alice: dict[str, str], pets: str) -> None:
    # in words, not as the regex: the reader of a 422 should not have to read one
    said = {
        "fit": client.get(f"/maps/{pets}/render.svg", params={"fit": "wide"}, headers=alice),
        "lang": client.get(f"/maps/{pets}/render.svg", params={"lang": "Dutch"}, headers=alice),
        "if-match": client.delete(f"/maps/{pets}", headers={**alice, "If-Match": '"v1'}),
    }
    assert said["fit"].json()["errors"][0]["message"] == "must be a width:height ratio such as 16:9"
    assert said["lang"].json()["errors"][0]["message"] == "must be a language tag such as nl or en-GB"
    assert said["if-match"].json()["errors"][0]["message"].startswith("must be * or the ETags you read")
    assert all(r.status_code == 422 and "pattern" not in r.json()["detail"] for r in said.values())
