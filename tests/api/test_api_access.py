"""Access: no key, a wrong key, a revoked key, someone else's private map (404, never 403), a public map."""

from __future__ import annotations

from api_fixtures import *  # noqa: F403 - the shared fixtures (see api_fixtures.py)
from fastapi.testclient import TestClient

from argmap_api.store import Store


def test_me_names_the_owner_of_the_key(client: TestClient, alice: dict[str, str]) -> None:
    assert client.get("/me", headers=alice).json() == {"owner": "alice", "auth": "on"}
    assert client.get("/me").status_code == 401


def test_writing_without_a_key_is_401(client: TestClient, pets_yaml: str) -> None:
    r = client.post("/maps", content=pets_yaml, headers={"Content-Type": "application/yaml"})
    assert r.status_code == 401
    assert r.headers["www-authenticate"].startswith("Bearer")
    assert r.headers["content-type"] == "application/problem+json"
    assert "API key" in r.json()["detail"]


def test_a_wrong_key_is_401_even_for_reading(client: TestClient, alice: dict[str, str]) -> None:
    token = alice["Authorization"].removeprefix("Bearer ")
    for bad in (token[:-1] + ("A" if token[-1] != "A" else "B"), "am_00000000_nope", "garbage"):
        r = client.get("/maps", headers={"Authorization": f"Bearer {bad}"})
        assert r.status_code == 401, bad
        assert 'error="invalid_token"' in r.headers["www-authenticate"]


def test_a_revoked_key_stops_working(client: TestClient, store: Store) -> None:
    key, token = store.create_key("carol")
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/maps", headers=headers).status_code == 200
    assert store.revoke_key(key.id)
    assert client.get("/maps", headers=headers).status_code == 401
    assert not store.revoke_key(key.id)


def test_keys_are_stored_hashed(store: Store) -> None:
    key, token = store.create_key("dave")
    from sqlalchemy import select

    from argmap_api.tables import api_keys

    with store.engine.connect() as conn:
        stored = conn.execute(select(api_keys.c.token_hash).where(api_keys.c.id == key.id)).scalar_one()
    assert token not in stored and len(stored) == 64


def test_someone_elses_private_map_is_404_like_a_missing_one(client: TestClient, bob: dict[str, str], pets: str) -> None:
    mine = client.get(f"/maps/{pets}", headers=bob)
    missing = client.get("/maps/000000000000", headers=bob)
    assert mine.status_code == missing.status_code == 404
    assert mine.json()["detail"] == f"no map '{pets}'"
    for method, path in (
        ("PUT", ""),
        ("DELETE", ""),
        ("PATCH", ""),
        ("GET", "/query/unsupported"),
        ("GET", "/render.svg"),
        ("POST", "/statements"),
    ):
        r = client.request(
            method, f"/maps/{pets}{path}", headers=bob, json={"public": True} if method == "PATCH" else {"id": "x", "claim": "x"}
        )
        assert r.status_code == 404, (method, path, r.text)
    assert client.get("/maps", headers=bob).json()["total"] == 0


def test_anonymous_callers_do_not_see_private_maps(client: TestClient, pets: str) -> None:
    assert client.get(f"/maps/{pets}").status_code == 404
    assert client.get("/maps").json()["total"] == 0


def test_a_public_map_is_readable_by_all_and_writable_by_its_owner_only(
    client: TestClient, alice: dict[str, str], bob: dict[str, str], pets: str
) -> None:
    assert client.patch(f"/maps/{pets}", json={"public": True}, headers=alice).status_code == 200
    assert client.get(f"/maps/{pets}").status_code == 200
    assert client.get(f"/maps/{pets}", headers=bob).json()["owner"] == "alice"
    assert client.get("/maps").json()["total"] == 1
    assert client.get("/maps?mine=true", headers=bob).json()["total"] == 0
    r = client.post(f"/maps/{pets}/statements", json={"id": "x1", "claim": "Bob was here."}, headers=bob)
    assert r.status_code == 403 and "only its owner" in r.json()["detail"]
    assert client.delete(f"/maps/{pets}", headers=bob).status_code == 403
    assert client.delete(f"/maps/{pets}").status_code == 401
    assert client.get(f"/maps/{pets}/statements/x1", headers=alice).status_code == 404


def test_auth_off_makes_everyone_the_local_user(make_app: object, pets_yaml: str) -> None:
    app = make_app(auth="off")  # type: ignore[operator]
    with TestClient(app) as c:
        r = c.post("/maps", content=pets_yaml, headers={"Content-Type": "application/yaml"})
        assert r.status_code == 201 and r.json()["owner"] == "local"
        assert c.get(f"/maps/{r.json()['id']}").status_code == 200


def test_the_lean_head_read_agrees_with_the_full_record(store: Store, client: TestClient, alice: dict[str, str], pets: str) -> None:
    head, full = store.head(pets), store.record(pets)
    assert head is not None and full is not None
    assert (head.owner, head.public, head.version) == (full.owner, full.public, full.version) == ("alice", False, 1)
    assert store.head("nope") is None and store.head("x\x00") is None
