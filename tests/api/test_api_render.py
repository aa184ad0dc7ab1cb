"""Rendering over HTTP: formats, options, the cache by (version, options), ETag / If-None-Match, the time limit."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from api_fixtures import *  # noqa: F403 - the shared fixtures (see api_fixtures.py)
from fastapi import FastAPI
from fastapi.testclient import TestClient


def test_svg_then_cached_then_304(client: TestClient, alice: dict[str, str], pets: str) -> None:
    url = f"/maps/{pets}/render.svg?theme=dark&fit=16:9"
    first = client.get(url, headers=alice)
    assert first.status_code == 200 and first.headers["content-type"] == "image/svg+xml"
    assert first.headers["x-cache"] == "miss" and b"<svg" in first.content and b"Cats are good pets." in first.content
    again = client.get(url, headers=alice)
    assert again.headers["x-cache"] == "hit" and again.content == first.content and again.headers["etag"] == first.headers["etag"]
    assert client.get(url, headers={**alice, "If-None-Match": first.headers["etag"]}).status_code == 304
    other = client.get(f"/maps/{pets}/render.svg?theme=light", headers=alice)
    assert other.headers["etag"] != first.headers["etag"]
    # A new version of the map is a new drawing.
    client.patch(f"/maps/{pets}/statements/c1", json={"text": {"en": "Cats are great pets."}}, headers=alice)
    fresh = client.get(url, headers={**alice, "If-None-Match": first.headers["etag"]})
    assert fresh.status_code == 200 and b"Cats are great pets." in fresh.content


def test_a_drawing_kept_by_another_argmap_is_not_served(
    client: TestClient, alice: dict[str, str], pets: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The argmap version is part of a drawing's key and ETag: servers of two versions sharing a cache never mix entries."""
    import argmap_api.drawing

    old = client.get(f"/maps/{pets}/render.svg", headers=alice)
    monkeypatch.setattr(argmap_api.drawing, "ENTRY_VERSION", "argmap 9.9, entries 1")
    new = client.get(f"/maps/{pets}/render.svg", headers={**alice, "If-None-Match": old.headers["etag"]})
    assert new.status_code == 200 and new.headers["etag"] != old.headers["etag"]
    assert new.headers.get("x-cache", "").lower() != "hit"


def test_png_pdf_dot(client: TestClient, alice: dict[str, str], pets: str) -> None:
    assert client.get(f"/maps/{pets}/render.png", headers=alice).content[:8] == b"\x89PNG\r\n\x1a\n"
    assert client.get(f"/maps/{pets}/render.pdf", headers=alice).content[:5] == b"%PDF-"
    dot = client.get(f"/maps/{pets}/render.dot", headers=alice)
    assert dot.headers["content-type"].startswith("text/vnd.graphviz") and dot.text.lstrip().startswith("digraph")
    assert client.get(f"/maps/{pets}/render.gif", headers=alice).status_code == 422


def test_focus_highlight_and_evaluation_overlay(client: TestClient, alice: dict[str, str], pets: str) -> None:
    focused = client.get(f"/maps/{pets}/render.svg?focus=a1&k=1", headers=alice)
    assert b"A scratching post" in focused.content and b"Most cats purr" not in focused.content
    assert client.get(f"/maps/{pets}/render.svg?highlight=c1,e1", headers=alice).status_code == 200
    assert client.get(f"/maps/{pets}/render.svg?evaluate=grounded", headers=alice).status_code == 200
    bad = client.get(f"/maps/{pets}/render.svg?focus=nope", headers=alice)
    assert bad.status_code == 404 and "nope" in bad.json()["detail"]
    # an unknown id to highlight is refused the same way, not drawn with everything dimmed
    dim = client.get(f"/maps/{pets}/render.svg?highlight=c1,nope", headers=alice)
    assert dim.status_code == bad.status_code and "nope" in dim.json()["detail"] and dim.json()["type"] == bad.json()["type"]


def test_a_theme_file_path_is_refused(client: TestClient, alice: dict[str, str], pets: str) -> None:
    r = client.get(f"/maps/{pets}/render.svg?theme=/etc/passwd", headers=alice)
    assert r.status_code == 422 and r.json()["errors"][0]["path"] == "query.theme"


def test_render_time_limit_is_503(make_app: Callable[..., FastAPI]) -> None:
    # A real map that dot cannot lay out in 20 ms (it takes about 300 ms): the runner kills dot, the answer is 503.
    n = 1000
    doc = {
        "statements": [{"id": f"c{i}", "claim": f"Claim number {i} with some words to wrap."} for i in range(n)],
        "relations": [{"support": f"c{i}", "target": f"c{(i - 1) // 2}"} for i in range(1, n)],
    }
    with TestClient(make_app(auth="off", render_timeout=0.02)) as c:
        map_id = c.post("/maps", json=doc).json()["id"]
        r = c.get(f"/maps/{map_id}/render.svg")
    assert r.status_code == 503
    assert r.headers["content-type"] == "application/problem+json"
    assert "longer than the limit of 0.02 s" in r.json()["detail"]
    assert r.headers["retry-after"] == "60"


def test_gzip_for_clients_that_accept_it(client: TestClient, alice: dict[str, str], pets: str) -> None:
    url = f"/maps/{pets}/render.svg"
    plain = client.get(url, headers={**alice, "Accept-Encoding": "identity"})
    zipped = client.get(url, headers={**alice, "Accept-Encoding": "gzip"})
    assert "content-encoding" not in plain.headers and zipped.headers["content-encoding"] == "gzip"
    assert zipped.content == plain.content  # httpx decoded it
    assert zipped.headers["etag"] != plain.headers["etag"] and "Accept-Encoding" in zipped.headers["vary"]
    assert client.get(url, headers={**alice, "Accept-Encoding": "gzip", "If-None-Match": zipped.headers["etag"]}).status_code == 304


def test_drawings_carry_a_strict_content_security_policy(client: TestClient, alice: dict[str, str], pets: str) -> None:
    r = client.get(f"/maps/{pets}/render.svg", headers=alice)
    assert r.headers["content-security-policy"].startswith("default-src 'none'")
    assert r.headers["x-content-type-options"] == "nosniff"


def test_render_takes_the_label_modes_and_the_overview_preset(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from argmap_api.app import create_app
    from argmap_api.settings import Settings

    with TestClient(create_app(Settings(database_url=f"sqlite:///{tmp_path / 'a.db'}", auth="off"))) as client:
        _label_modes(client)


def _label_modes(client) -> None:  # type: ignore[no-untyped-def]
    body = {
        "statements": [
            {"id": "c1", "claim": "Cats are good pets because they purr.", "title": "Cats are good"},
            {"id": "e1", "claim": "They purr when stroked.", "title": "They purr"},
        ],
        "relations": [{"support": "e1", "target": "c1"}],
        "main_claim": "c1",
    }
    created = client.post("/maps", json=body)
    assert created.status_code == 201, created.text
    mid = created.json()["id"]
    # What is drawn (the <text> elements; each node's <title> keeps the full text for screen readers).
    text = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", client.get(f"/maps/{mid}/render.svg").text))
    titles = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", client.get(f"/maps/{mid}/render.svg", params={"labels": "title"}).text))
    assert "stroked" in text and "stroked" not in titles and "They purr" in titles
    overview = client.get(f"/maps/{mid}/render.svg", params={"preset": "overview"})
    assert overview.status_code == 200 and "Cats are good" in overview.text and 'width="100%"' in overview.text
    fixed = client.get(f"/maps/{mid}/render.svg", params={"intrinsic_size": "true"}).text
    assert 'width="100%"' not in fixed and 'pt"' in fixed
    assert client.get(f"/maps/{mid}/render.svg", params={"labels": "titles"}).status_code == 422


def _warned_by_argmap(client: TestClient, alice: dict[str, str], map_id: str, **options: object) -> list[str]:
    """What argmap's own renderer warns for the stored map with these options (the CLI's and Python's messages)."""
    import warnings

    import argmap
    from argmap.render import render

    amap = argmap.ArgumentMap.model_validate(client.get(f"/maps/{map_id}", headers=alice).json()["map"])
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        render(amap, "svg", **options)
    return [str(w.message) for w in seen]


def test_render_warnings_reach_the_client_as_headers_not_the_server_log(
    client: TestClient, alice: dict[str, str], pets: str, caplog: pytest.LogCaptureFixture
) -> None:
    import logging
    import warnings

    from argmap.render.fit import SlideFitWarning
    from argmap.render.output import GraphvizWarning
    from argmap.render.pipeline import MissingTitleWarning

    expected = _warned_by_argmap(client, alice, pets, labels="title")
    assert expected, "the pets map has no titles: labels=title must warn"
    url = f"/maps/{pets}/render.svg?labels=title"
    with caplog.at_level(logging.INFO, logger="argmap.api"), warnings.catch_warnings(record=True) as raw:
        warnings.simplefilter("always")
        first = client.get(url, headers=alice)
        again = client.get(url, headers=alice)
        zipped = client.get(url, headers={**alice, "Accept-Encoding": "gzip"})
    assert first.status_code == 200 and first.headers["x-cache"] == "miss"
    assert first.headers.get_list("argmap-warning") == expected
    assert again.headers["x-cache"] == "hit" and again.headers.get_list("argmap-warning") == expected  # kept with the drawing
    assert zipped.headers["content-encoding"] == "gzip" and zipped.headers.get_list("argmap-warning") == expected
    assert again.content == first.content and b"<svg" in again.content  # the drawing itself, without the warnings kept with it
    # Not shown as Python warnings (no file:line and source line in the log); logged once, at info, with the map id.
    assert [w for w in raw if issubclass(w.category, (SlideFitWarning, MissingTitleWarning, GraphvizWarning))] == []
    logged = [r for r in caplog.records if "render warning" in r.getMessage()]
    assert [(r.levelname, pets in r.getMessage()) for r in logged] == [("INFO", True)] * len(expected)
    # A drawing nothing was wrong with carries no such header.
    assert "argmap-warning" not in client.get(f"/maps/{pets}/render.svg", headers=alice).headers


def test_render_warning_header_is_declared(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/maps/{map_id}/render.{fmt}", "/maps/{map_id}/view"):
        assert "Argmap-Warning" in spec["paths"][path]["get"]["responses"]["200"]["headers"]
