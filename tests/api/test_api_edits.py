"""Single-statement and single-relation edits: add, get, change, remove; refused edits change nothing."""

from __future__ import annotations

from api_fixtures import *  # noqa: F403 - the shared fixtures (see api_fixtures.py)
from fastapi.testclient import TestClient


def _map(client: TestClient, headers: dict[str, str], map_id: str) -> dict:  # type: ignore[type-arg]
    return client.get(f"/maps/{map_id}", headers=headers).json()  # type: ignore[no-any-return]


def test_add_change_remove_statement(client: TestClient, alice: dict[str, str], pets: str) -> None:
    r = client.post(
        f"/maps/{pets}/statements", json={"id": "e2", "evidence": "Cats sleep 15 hours a day.", "evidence_type": "statistic"}, headers=alice
    )
    assert r.status_code == 201
    assert r.headers["location"] == f"/maps/{pets}/statements/e2" and r.headers["etag"] == '"v2"'
    assert r.json()["item"]["evidence_type"] == "statistic" and r.json()["item"]["text"] == {"en": "Cats sleep 15 hours a day."}
    r = client.patch(f"/maps/{pets}/statements/e2", json={"text": {"en": "Cats sleep a lot.", "nl": "Katten slapen veel."}}, headers=alice)
    assert r.status_code == 200 and r.json()["version"] == 3
    assert client.get(f"/maps/{pets}/statements/e2", headers=alice).json()["item"]["text"]["nl"] == "Katten slapen veel."
    assert client.delete(f"/maps/{pets}/statements/e2", headers=alice).status_code == 200
    assert client.get(f"/maps/{pets}/statements/e2", headers=alice).status_code == 404
    assert _map(client, alice, pets)["version"] == 4


def test_add_relation_gets_an_id(client: TestClient, alice: dict[str, str], pets: str) -> None:
    r = client.post(f"/maps/{pets}/relations", json={"support": ["a1"], "target": "c1"}, headers=alice)
    assert r.status_code == 201, r.text
    rid = r.json()["item"]["id"]
    assert r.json()["item"]["type"] == "support" and rid not in {"r1", "r2", "r3", "r4"}
    r = client.patch(f"/maps/{pets}/relations/{rid}", json={"strength": 0.7}, headers=alice)
    assert r.json()["item"]["strength"] == 0.7
    assert client.delete(f"/maps/{pets}/relations/{rid}", headers=alice).status_code == 200
    assert rid not in {x["id"] for x in _map(client, alice, pets)["map"]["relations"]}


def test_an_edit_that_breaks_an_invariant_is_refused_and_changes_nothing(client: TestClient, alice: dict[str, str], pets: str) -> None:
    before = _map(client, alice, pets)
    cases = [
        ("POST", "/relations", {"attack": "c1", "target": "nope"}, "relations[4].target", "unknown statement 'nope'"),
        ("POST", "/statements", {"id": "c1", "claim": "A duplicate."}, "statements[5].id", "duplicate id 'c1'"),
        ("PATCH", "/relations/r1", {"target": "r2"}, "relations[0].target", "is a relation; use an undercut"),
        ("PATCH", "/statements/c1", {"text": {"en": "   "}}, "statements[0].text", "text in 'en' is empty"),
    ]
    for method, path, body, where, message in cases:
        r = client.request(method, f"/maps/{pets}{path}", json=body, headers=alice)
        assert r.status_code == 422, (path, r.text)
        assert r.headers["content-type"] == "application/problem+json"
        problems = r.json()["errors"]
        assert any(p["path"] == where and message in p["message"] for p in problems), problems
    assert _map(client, alice, pets) == before


def test_removing_a_used_statement_needs_cascade(client: TestClient, alice: dict[str, str], pets: str) -> None:
    r = client.delete(f"/maps/{pets}/statements/o1", headers=alice)
    assert r.status_code == 409 and "used by relation(s) r2, r3" in r.json()["detail"]
    r = client.delete(f"/maps/{pets}/statements/o1?cascade=true", headers=alice)
    assert r.status_code == 200
    assert {x["id"] for x in _map(client, alice, pets)["map"]["relations"]} == {"r1", "r4"}


def test_the_id_cannot_change(client: TestClient, alice: dict[str, str], pets: str) -> None:
    r = client.patch(f"/maps/{pets}/statements/c1", json={"id": "c2"}, headers=alice)
    assert r.status_code == 409 and "the id cannot be changed" in r.json()["detail"]


def test_unknown_ids_are_404(client: TestClient, alice: dict[str, str], pets: str) -> None:
    assert client.patch(f"/maps/{pets}/statements/zz", json={"tags": ["x"]}, headers=alice).json()["detail"] == "unknown statement 'zz'"
    assert client.delete(f"/maps/{pets}/relations/zz", headers=alice).status_code == 404


def test_if_match_on_edits(client: TestClient, alice: dict[str, str], pets: str) -> None:
    ok = client.post(f"/maps/{pets}/statements", json={"id": "x1", "claim": "One."}, headers={**alice, "If-Match": '"v1"'})
    assert ok.status_code == 201
    stale = client.post(f"/maps/{pets}/statements", json={"id": "x2", "claim": "Two."}, headers={**alice, "If-Match": '"v1"'})
    assert stale.status_code == 412 and stale.headers["etag"] == '"v2"'
    assert client.get(f"/maps/{pets}/statements/x2", headers=alice).status_code == 404


def test_statement_limit(make_app: object, pets_yaml: str) -> None:
    app = make_app(auth="off", max_statements=5)  # type: ignore[operator]
    with TestClient(app) as c:
        map_id = c.post("/maps", content=pets_yaml, headers={"Content-Type": "application/yaml"}).json()["id"]
        r = c.post(f"/maps/{map_id}/statements", json={"id": "x", "claim": "one too many"})
        assert r.status_code == 422 and "at most 5" in r.json()["detail"]
        big = {"statements": [{"id": f"c{i}", "claim": "x"} for i in range(6)]}
        assert c.post("/maps", json=big).status_code == 422
