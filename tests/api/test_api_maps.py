"""Maps over HTTP: create in JSON/YAML, get as JSON or exported, list and filter, replace, settings, delete."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from api_fixtures import *  # noqa: F403 - the shared fixtures (see api_fixtures.py)
from fastapi.testclient import TestClient

from argmap_api.store import Store

PROBLEM = "application/problem+json"


def test_create_from_yaml_then_get(client: TestClient, alice: dict[str, str], pets_yaml: str) -> None:
    r = client.post("/maps", content=pets_yaml, headers={**alice, "Content-Type": "application/yaml"})
    assert r.status_code == 201
    body = r.json()
    assert r.headers["location"] == f"/maps/{body['id']}"
    assert r.headers["etag"] == '"v1"'
    assert (body["owner"], body["title"], body["version"], body["statements"], body["public"]) == ("alice", "Pets", 1, 5, False)
    assert body["tags"] == ["animals", "demo"]
    got = client.get(f"/maps/{body['id']}", headers=alice)
    assert got.status_code == 200
    assert got.json()["map"]["statements"][0] == {
        **got.json()["map"]["statements"][0],
        "id": "c1",
        "kind": "claim",
        "text": {"en": "Cats are good pets."},
    }
    assert [r["id"] for r in got.json()["map"]["relations"]] == ["r1", "r2", "r3", "r4"]


def test_create_from_json_sniffed_without_content_type(client: TestClient, alice: dict[str, str]) -> None:
    doc = {"title": "J", "statements": [{"id": "c1", "claim": "Hello"}]}
    r = client.post("/maps", content=json.dumps(doc), headers={**alice, "Content-Type": "text/plain"})
    assert r.status_code == 201, r.text
    assert r.json()["map"]["statements"][0]["text"] == {"en": "Hello"}


def test_format_query_parameter_overrides_content_type(client: TestClient, alice: dict[str, str], pets_yaml: str) -> None:
    r = client.post("/maps?format=yaml", content=pets_yaml, headers={**alice, "Content-Type": "application/octet-stream"})
    assert r.status_code == 201


def test_unknown_media_type_is_415(client: TestClient, alice: dict[str, str], pets_yaml: str) -> None:
    r = client.post("/maps", content=pets_yaml, headers={**alice, "Content-Type": "image/png"})
    assert r.status_code == 415
    assert r.headers["content-type"] == PROBLEM
    assert "image/png" in r.json()["detail"]


def test_invalid_map_is_422_with_field_paths(client: TestClient, alice: dict[str, str]) -> None:
    doc = {"statements": [{"id": "c1", "claim": "A"}], "relations": [{"support": "c9", "target": "c1"}]}
    r = client.post("/maps", json=doc, headers=alice)
    assert r.status_code == 422
    assert r.headers["content-type"] == PROBLEM
    problem = r.json()
    assert problem["status"] == 422 and problem["type"] == "urn:argmap:problem:invalid-map"
    assert problem["errors"] == [{"message": "unknown statement 'c9'", "path": "relations[0].premises[0]", "line": 1, "column": 54}]


def test_yaml_syntax_error_names_line(client: TestClient, alice: dict[str, str]) -> None:
    r = client.post("/maps", content="statements:\n  - {id: c1, claim: [unclosed\n", headers={**alice, "Content-Type": "application/yaml"})
    assert r.status_code == 422
    assert r.json()["errors"][0]["line"] == 3


def test_source_file_is_never_read_from_the_server(client: TestClient, alice: dict[str, str], tmp_path: object) -> None:
    doc = {
        "sources": [{"id": "s1", "file": "/etc/hostname"}],
        "statements": [{"id": "c1", "claim": "A", "anchors": [{"source": "s1", "quote": "x"}]}],
    }
    r = client.post("/maps", json=doc, headers=alice)
    assert r.status_code == 201
    assert r.json()["map"]["sources"][0]["text"] is None


def test_export_by_format_and_by_accept(client: TestClient, alice: dict[str, str], pets: str) -> None:
    y = client.get(f"/maps/{pets}?format=yaml", headers=alice)
    assert y.status_code == 200 and y.headers["content-type"].startswith("application/yaml")
    assert "claim: Cats are good pets." in y.text
    assert y.headers["etag"] == '"v1-yaml"'
    a = client.get(f"/maps/{pets}", headers={**alice, "Accept": "application/yaml"})
    assert a.text == y.text
    j = client.get(f"/maps/{pets}?format=json", headers=alice)
    assert json.loads(j.text)["title"] == "Pets" and "owner" not in json.loads(j.text)
    bad = client.get(f"/maps/{pets}?format=nope", headers=alice)
    assert bad.status_code == 406 and "unknown format 'nope'" in bad.json()["detail"]


def test_if_none_match_gives_304(client: TestClient, alice: dict[str, str], pets: str) -> None:
    r = client.get(f"/maps/{pets}", headers={**alice, "If-None-Match": '"v1"'})
    assert r.status_code == 304 and r.headers["etag"] == '"v1"'
    assert client.get(f"/maps/{pets}", headers={**alice, "If-None-Match": '"v0"'}).status_code == 200


def test_list_filters_and_pages(client: TestClient, alice: dict[str, str]) -> None:
    for i in range(5):
        doc = {
            "title": f"Map {i} {'cats' if i % 2 else 'dogs'}",
            "metadata": {"tags": ["odd" if i % 2 else "even"]},
            "statements": [{"id": "c1", "claim": "X"}],
        }
        assert client.post("/maps", json=doc, headers=alice).status_code == 201
    page = client.get("/maps?limit=2&offset=0", headers=alice).json()
    assert page["total"] == 5 and len(page["items"]) == 2
    rest = client.get("/maps?limit=10&offset=2", headers=alice).json()
    seen = [m["id"] for m in page["items"]] + [m["id"] for m in rest["items"]]
    assert len(set(seen)) == 5
    assert {m["title"] for m in client.get("/maps?title=CATS", headers=alice).json()["items"]} == {"Map 1 cats", "Map 3 cats"}
    assert client.get("/maps?tag=even", headers=alice).json()["total"] == 3
    assert client.get("/maps?title=100%25", headers=alice).json()["total"] == 0  # % is a literal, not a wildcard


def test_replace_with_if_match(client: TestClient, alice: dict[str, str], pets: str) -> None:
    new = {"title": "Pets 2", "statements": [{"id": "c1", "claim": "Dogs are good pets."}]}
    r = client.put(f"/maps/{pets}", json=new, headers={**alice, "If-Match": '"v1"'})
    assert r.status_code == 200 and r.json()["version"] == 2 and r.headers["etag"] == '"v2"'
    stale = client.put(f"/maps/{pets}", json=new, headers={**alice, "If-Match": '"v1"'})
    assert stale.status_code == 412 and stale.headers["content-type"] == PROBLEM
    assert client.get(f"/maps/{pets}", headers=alice).json()["title"] == "Pets 2"


def test_patch_public_and_main_claim(client: TestClient, alice: dict[str, str], pets: str) -> None:
    r = client.patch(f"/maps/{pets}", json={"public": True}, headers=alice)
    assert r.status_code == 200 and r.json()["public"] is True and r.json()["version"] == 2
    r = client.patch(f"/maps/{pets}", json={"main_claim": "o1"}, headers=alice)
    assert r.status_code == 200
    assert client.get(f"/maps/{pets}", headers=alice).json()["map"]["main_claim"] == "o1"
    bad = client.patch(f"/maps/{pets}", json={"main_claim": "e1"}, headers=alice)
    assert bad.status_code == 422 and bad.json()["errors"][0]["path"] == "main_claim"
    for loose in (0, 1, "yes", "true"):  # the schema says boolean: nothing is read as one
        r = client.patch(f"/maps/{pets}", json={"public": loose}, headers=alice)
        assert r.status_code == 422 and r.json()["errors"][0]["path"] == "body.public", loose
    assert client.get(f"/maps/{pets}", headers=alice).json()["public"] is True


def test_delete(client: TestClient, alice: dict[str, str], pets: str) -> None:
    assert client.delete(f"/maps/{pets}", headers={**alice, "If-Match": '"v9"'}).status_code == 412
    assert client.delete(f"/maps/{pets}", headers=alice).status_code == 204
    assert client.get(f"/maps/{pets}", headers=alice).status_code == 404
    assert client.delete(f"/maps/{pets}", headers=alice).status_code == 404


def test_formats_listed(client: TestClient) -> None:
    names = {f["name"]: f for f in client.get("/formats").json()}
    assert names["yaml"]["can_read"] and "application/yaml" in names["yaml"]["media_types"]


def test_health(client: TestClient) -> None:
    assert client.get("/health").json()["status"] == "ok"
    assert client.get("/health/live").json() == {"status": "ok"}


def test_get_serves_the_stored_json_as_it_is(
    client: TestClient, alice: dict[str, str], pets: str, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap import ArgumentMap
    from argmap_api.schemas import MapOut

    created = client.get(f"/maps/{pets}", headers=alice)
    # The answer is byte for byte what dumping the parsed map in the envelope gives...
    parsed = MapOut.model_validate(created.json())
    assert created.content == parsed.model_dump_json().encode()
    # ...yet a server with nothing in memory answers it without parsing or dumping the map.
    store._maps.clear()
    store._bodies.clear()

    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("the map was parsed or dumped on a read")

    monkeypatch.setattr(ArgumentMap, "model_validate_json", refuse)
    monkeypatch.setattr(ArgumentMap, "model_dump_json", refuse)
    again = client.get(f"/maps/{pets}", headers=alice)
    assert again.status_code == 200 and again.content == created.content
    assert again.headers["etag"] == '"v1"'
    assert client.get(f"/maps/{pets}", headers={**alice, "If-None-Match": '"v1"'}).status_code == 304


FIXTURES = Path(__file__).resolve().parents[1] / "formats" / "fixtures"


@pytest.mark.parametrize("name", ["sample.aif.json", "sample.ova.json", "sample.sadface.json", "real/aif/nodeset6064.json"])
def test_foreign_json_sent_as_application_json_is_read_by_its_content(client: TestClient, alice: dict[str, str], name: str) -> None:
    """AIF, xAIF and SADFace sent as plain application/json are stored as the CLI reads a plain .json file (by its keys)."""
    from argmap.formats import json_kind, parse

    text = (FIXTURES / name).read_text(encoding="utf-8")
    kind = json_kind(text)
    assert kind in ("aif", "sadface")
    expected = parse(text, kind)
    r = client.post("/maps", content=text.encode("utf-8"), headers={**alice, "Content-Type": "application/json"})
    assert r.status_code == 201, r.text
    stored = client.get(f"/maps/{r.json()['id']}", headers=alice).json()["map"]
    assert sorted(s["id"] for s in stored["statements"]) == sorted(s.id for s in expected.statements)
    assert len(stored["relations"]) == len(expected.relations) > 0
    # the same body under its own media type gives the same map
    own = {"aif": "application/vnd.aif+json", "sadface": "application/x-sadface+json"}[kind]
    r2 = client.post("/maps", content=text.encode("utf-8"), headers={**alice, "Content-Type": own})
    assert r2.status_code == 201, r2.text
    assert client.get(f"/maps/{r2.json()['id']}", headers=alice).json()["map"]["statements"] == stored["statements"]


def test_application_json_that_is_no_known_format_is_still_checked_as_a_native_map(client: TestClient, alice: dict[str, str]) -> None:
    r = client.post("/maps", json={"title": "T", "statementz": []}, headers=alice)
    assert r.status_code == 422 and "statementz" in r.text
    # ?format=json says "native" outright: an AIF body is then refused as one, not sniffed
    aif = (FIXTURES / "sample.aif.json").read_bytes()
    assert client.post("/maps?format=json", content=aif, headers={**alice, "Content-Type": "application/json"}).status_code == 422


def test_loading_a_map_already_parsed_reads_no_body(client: TestClient, alice: dict[str, str], pets: str, store: Store) -> None:
    """A parsed map in memory answers render, query and view without reading and dropping its stored JSON."""
    from sqlalchemy import event

    store.load(pets)  # parsed and kept
    store._bodies.clear()  # as after the body cache evicted it (it is far smaller than the parsed-map cache)
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_a: object) -> None:
        statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        rec, amap = store.load(pets)
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)
    assert rec.id == pets and amap.statements
    assert statements and not [s for s in statements if "maps.body" in s], statements
