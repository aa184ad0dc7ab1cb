"""``GET /maps/{id}/view`` (the interactive view of a stored map) and ``GET /`` (the landing page)."""

from __future__ import annotations

import gzip
import json
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from api_fixtures import *  # noqa: F403
from fastapi.testclient import TestClient

from argmap_api.app import create_app
from argmap_api.settings import Settings


def _data(page: str) -> dict[str, Any]:
    found = re.search(r'<script id="argmap-data" type="application/json">(.*?)</script>', page, re.S)
    assert found is not None
    return dict(json.loads(found.group(1)))


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.extend(v for k, v in attrs if k == "href" and v)


def _links(page: str) -> list[str]:
    parser = _Links()
    parser.feed(page)
    return parser.links


def test_the_view_of_a_stored_map_with_the_overlay_computed_by_the_service(client: TestClient, alice: dict[str, str], pets: str) -> None:
    r = client.get(f"/maps/{pets}/view", headers=alice)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    page = r.text
    assert page.startswith("<!DOCTYPE html>") and '<g id="statement-c1"' in page
    assert "<script src" not in page and "http://" not in page.split("<svg", 1)[0]  # nothing loaded from anywhere
    data = _data(page)
    assert {s["id"] for s in data["statements"]} == {"c1", "e1", "o1", "a1", "o2"}
    grounded = data["evaluations"]["grounded"]
    assert grounded["values"] == {"c1": "OUT", "e1": "IN", "o1": "OUT", "a1": "IN", "o2": "IN"}
    assert "o2" in grounded["explanations"]["c1"]  # explained: o2's attack stands
    assert set(data["evaluations"]) == {"grounded", "preferred", "dfquad"}
    # its own script by hash, nothing else: the page runs under a CSP that refuses every other script and request
    csp = r.headers["content-security-policy"]
    assert "script-src 'sha256-" in csp and "default-src 'none'" in csp and "connect-src" not in csp
    assert r.headers["x-cache"] == "miss" and r.headers["etag"].startswith('"w')


def test_the_view_is_cached_per_version_and_answers_304(client: TestClient, alice: dict[str, str], pets: str) -> None:
    first = client.get(f"/maps/{pets}/view", headers=alice)
    again = client.get(f"/maps/{pets}/view", headers=alice)
    assert again.headers["x-cache"] == "hit" and again.text == first.text
    tag = first.headers["etag"]
    assert client.get(f"/maps/{pets}/view", headers={**alice, "If-None-Match": tag}).status_code == 304
    # a new version is a new page
    changed = client.patch(f"/maps/{pets}/statements/o2", json={"text": "Cats ignore everyone."}, headers=alice)
    assert changed.status_code == 200, changed.text
    after = client.get(f"/maps/{pets}/view", headers={**alice, "If-None-Match": tag})
    assert after.status_code == 200 and "Cats ignore everyone." in after.text and after.headers["etag"] != tag


def test_a_new_view_script_is_a_new_page_and_etag(
    client: TestClient, alice: dict[str, str], pets: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an upgrade the kept page (built with the old script) is not sent with the new script's CSP hash."""
    import argmap.view

    old = client.get(f"/maps/{pets}/view", headers=alice)
    monkeypatch.setattr(argmap.view, "content_security_policy", lambda: "default-src 'none'; script-src 'sha256-new'")
    new = client.get(f"/maps/{pets}/view", headers={**alice, "If-None-Match": old.headers["etag"]})
    assert new.status_code == 200 and new.headers["etag"] != old.headers["etag"]
    assert new.headers["content-security-policy"].endswith("'sha256-new'")


def test_the_view_is_gzipped_for_clients_that_take_it(client: TestClient, alice: dict[str, str], pets: str) -> None:
    r = client.get(f"/maps/{pets}/view", headers={**alice, "Accept-Encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip"
    plain = client.get(f"/maps/{pets}/view", headers={**alice, "Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert r.text == plain.text  # httpx decoded it
    assert len(gzip.compress(plain.content)) < len(plain.content) / 2


def test_the_view_follows_the_access_rules(client: TestClient, alice: dict[str, str], bob: dict[str, str], pets: str) -> None:
    for headers in (bob, {}):  # someone else's private map is 404, exactly like a missing one
        r = client.get(f"/maps/{pets}/view", headers=headers)
        assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json", r.text
    assert client.get("/maps/nope/view", headers=alice).status_code == 404
    bad = client.get(f"/maps/{pets}/view", headers={"Authorization": "Bearer nonsense"})
    assert bad.status_code == 401
    assert client.patch(f"/maps/{pets}", json={"public": True}, headers=alice).status_code == 200
    assert client.get(f"/maps/{pets}/view").status_code == 200  # public: anyone may look


def test_lang_and_theme(client: TestClient, alice: dict[str, str]) -> None:
    two = {
        "title": "Cats",
        "language": "en",
        "titles": {"nl": "Katten"},
        "statements": [{"id": "c", "claim": {"en": "Cats purr.", "nl": "Katten spinnen."}}],
    }
    created = client.post("/maps", json=two, headers=alice)
    assert created.status_code == 201, created.text
    ref = created.json()["id"]
    r = client.get(f"/maps/{ref}/view?lang=nl&theme=dark", headers=alice)
    assert r.status_code == 200
    assert '<html lang="nl">' in r.text and _data(r.text)["languages"] == ["nl", "en"]
    svg = r.text.split('<div id="map"', 1)[1].split("</svg>", 1)[0]
    assert "Katten spinnen." in svg and "Cats purr." not in svg
    assert _data(client.get(f"/maps/{ref}/view?theme=light", headers=alice).text)["languages"] == ["en", "nl"]
    unknown = client.get(f"/maps/{ref}/view?lang=fr", headers=alice)
    assert unknown.status_code == 409 and "'fr'" in unknown.json()["detail"] and "en, nl" in unknown.json()["detail"]
    assert client.get(f"/maps/{ref}/render.svg?lang=fr", headers=alice).status_code == unknown.status_code  # as a render
    assert client.get(f"/maps/{ref}/view?theme=../../etc/passwd", headers=alice).status_code == 422


def test_user_text_is_escaped_in_the_view_and_the_landing_page(client: TestClient, alice: dict[str, str]) -> None:
    evil = "<script>alert(1)</script>"
    created = client.post(
        "/maps", json={"title": evil, "statements": [{"id": "x", "claim": evil + " & more"}]}, headers=alice, params={"public": "true"}
    )
    assert created.status_code == 201, created.text
    for page in (client.get(f"/maps/{created.json()['id']}/view").text, client.get("/").text):
        assert evil not in page and "&lt;script&gt;" in page


def test_the_landing_page_lists_the_callers_maps_with_working_links(
    client: TestClient, alice: dict[str, str], bob: dict[str, str], pets: str
) -> None:
    r = client.get("/", headers=alice)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "Pets" in r.text and "alice" in r.text
    assert "<script" not in r.text and "default-src 'none'" in r.headers["content-security-policy"]
    links = _links(r.text)
    assert {f"/maps/{pets}/view", f"/maps/{pets}/render.svg", "/docs", "/redoc"} <= set(links)
    for link in (f"/maps/{pets}/view", f"/maps/{pets}/render.svg", "/docs", "/redoc"):
        assert client.get(link, headers=alice).status_code == 200, link
    # others see only what they may read
    assert "Pets" not in client.get("/", headers=bob).text
    anonymous = client.get("/")
    assert anonymous.status_code == 200 and "Pets" not in anonymous.text and "No maps to show" in anonymous.text
    assert "Without an API key" in anonymous.text


def test_the_landing_page_pages(make_app: Any) -> None:
    with TestClient(make_app(auth="off"), raise_server_exceptions=False) as c:
        for i in range(53):
            assert c.post("/maps", json={"title": f"Map {i}", "statements": [{"id": "a", "claim": "A."}]}).status_code == 201
        first = c.get("/")
        assert first.text.count("/render.svg") == 50 and "Map 52" in first.text and "Maps 1&ndash;50 of 53" in first.text
        assert "/?offset=50" in _links(first.text)
        rest = c.get("/?offset=50")
        assert rest.text.count("/render.svg") == 3 and "Map 0" in rest.text and "/?offset=0" in _links(rest.text)
        assert c.get("/?offset=-1").status_code == 422


def test_both_routes_are_declared_in_openapi() -> None:
    spec = create_app(Settings(database_url="sqlite://", auth="off")).openapi()
    view = spec["paths"]["/maps/{map_id}/view"]["get"]
    landing = spec["paths"]["/"]["get"]
    assert view["operationId"] == "view_map" and landing["operationId"] == "landing_page"
    assert "text/html" in view["responses"]["200"]["content"] and "text/html" in landing["responses"]["200"]["content"]
    assert {"401", "404", "409", "422", "429", "503"} <= set(view["responses"])
    assert view["responses"]["404"]["content"]["application/problem+json"]["schema"]["$ref"].endswith("ProblemDetails")
    assert [p["name"] for p in view["parameters"] if p["in"] == "query"] == ["lang", "theme", "labels"]


def test_the_view_is_bounded_like_a_render(make_app: Any) -> None:
    # Two languages drawn within one limit that dot cannot meet for 1,000 statements: 503, as a render's.
    n = 1000
    doc = {
        "language": "en",
        "statements": [
            {"id": f"c{i}", "claim": {"en": f"Claim {i} with words to wrap.", "nl": f"Stelling {i} met woorden."}} for i in range(n)
        ],
        "relations": [{"support": f"c{i}", "target": f"c{(i - 1) // 2}"} for i in range(1, n)],
    }
    with TestClient(make_app(auth="off", render_timeout=0.05), raise_server_exceptions=False) as c:
        created = c.post("/maps", json=doc)
        assert created.status_code == 201, created.text
        r = c.get(f"/maps/{created.json()['id']}/view")
    assert r.status_code == 503 and r.headers["content-type"] == "application/problem+json"
    assert "longer than the limit of 0.05 s" in r.json()["detail"] and r.headers["retry-after"] == "60"
