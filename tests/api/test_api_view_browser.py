"""The API's landing page and a stored map's view in a real browser (Debian's chromium), every other host refused.

The service runs in this process (uvicorn on a free port, in a thread) with keys on: the browser, like
anyone without a key, sees the public maps; the view runs under the CSP the service sends with it.
Screenshots go to pytest's tmp_path and, with ``ARGMAP_GALLERY=1``, to ``docs/gallery/view/``.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from api_fixtures import free_port, wait_until_live

import argmap
from argmap_api.app import create_app
from argmap_api.settings import Settings

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ESSAY = Path(__file__).parent.parent.parent / "examples" / "social_media" / "social-media.argmap.yaml"
Served = tuple[str, dict[str, str], str, str]  # base URL, alice's headers, the essay's id, a private map's id
GALLERY = Path(__file__).parent.parent.parent / "docs" / "gallery" / "view"
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed (pip install -e '.[dev]')")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")


def _shot(page: Any, tmp_path: Path, name: str) -> None:
    page.screenshot(path=str(tmp_path / name))
    if os.environ.get("ARGMAP_GALLERY") == "1":
        page.screenshot(path=str(GALLERY / name))


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A running service holding the essay (public) and a private map: (base URL, alice's headers, essay id, private id)."""
    tmp = tmp_path_factory.mktemp("served")
    app = create_app(Settings(database_url=f"sqlite:///{tmp / 'a.db'}", auth="on"))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_live(base)
        _, token = app.state.store.create_key("alice")
        alice = {"Authorization": f"Bearer {token}"}
        essay = argmap.load(ESSAY).model_dump(mode="json", exclude_none=True)
        for source in essay["sources"]:
            source.pop("file", None)  # the text is inline; the service reads no files
        created = httpx.post(f"{base}/maps", json=essay, params={"public": "true"}, headers=alice, timeout=60)
        assert created.status_code == 201, created.text
        private = httpx.post(
            f"{base}/maps", json={"title": "Alice's private notes", "statements": [{"id": "a", "claim": "A."}]}, headers=alice, timeout=60
        )
        assert private.status_code == 201, private.text
        yield base, alice, created.json()["id"], private.json()["id"]
    finally:
        server.should_exit = True
        thread.join(timeout=15)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, chromium_sandbox=False, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, served: Served) -> Iterator[Any]:
    base = served[0]
    context = browser.new_context(viewport={"width": 1400, "height": 850})
    elsewhere: list[str] = []
    errors: list[str] = []

    def only_this_server(route: Any) -> None:
        if route.request.url.startswith(base):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    context.route("**/*", only_this_server)
    pg = context.new_page()
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)  # a CSP refusal
    pg.set_default_timeout(15_000)
    yield pg
    context.close()
    assert elsewhere == [], f"the page asked other hosts for {elsewhere}"
    assert errors == [], errors


def test_the_landing_page_lists_the_public_maps_and_its_links_work(page: Any, served: Served, tmp_path: Path) -> None:
    base, _, essay, private = served
    page.goto(f"{base}/")
    assert page.title() == "argmap"
    rows = page.inner_text("table")
    assert "Wat is er nog sociaal aan social media?" in rows and "private notes" not in rows  # anonymous: public maps only
    assert "Without an API key" in page.inner_text("main")
    _shot(page, tmp_path, "api-landing.png")
    page.click(f'a[href="/maps/{essay}/render.svg"]')
    page.wait_for_selector('svg g.statement[data-id="thesis"]')
    page.go_back()
    page.click("text=API docs (Swagger UI)")
    page.wait_for_selector(".opblock")
    assert page.locator('.opblock-summary-path[data-path="/maps/{map_id}/view"]').count() == 1
    page.go_back()
    page.click(f'td a[href="/maps/{essay}/view"] >> nth=0')
    page.wait_for_function("window.argmapView && window.argmapView.ready")
    assert page.url == f"{base}/maps/{essay}/view"
    assert private not in page.content()


def test_the_view_served_by_the_api_links_statements_and_quotes(page: Any, served: Served, tmp_path: Path) -> None:
    base, _, essay, _ = served
    response = page.goto(f"{base}/maps/{essay}/view?lang=en")
    assert response is not None and "script-src 'sha256-" in response.headers["content-security-policy"]
    page.wait_for_function("window.argmapView && window.argmapView.ready")  # its script ran under that CSP
    assert page.evaluate("document.documentElement.lang") == "en"
    page.click('g.statement[data-id="hold-on"]')
    quote = 'mark[data-ids~="hold-on"]'
    assert page.eval_on_selector_all(quote, "ms => ms.length > 0 && ms.every(m => m.classList.contains('on'))")
    assert page.evaluate(
        """() => { const r = document.querySelector('mark.on').getBoundingClientRect();
                   const p = document.getElementById('sources').getBoundingClientRect();
                   return r.top >= p.top && r.bottom <= p.bottom; }"""
    )
    _shot(page, tmp_path, "api-view-selected.png")
    # the overlay computed by the service, with its explanation
    page.select_option("#overlay", "grounded")
    assert page.eval_on_selector('g.statement[data-id="thesis"]', "g => g.classList.contains('ov-in')")
    page.click('g.statement[data-id="thesis"]')
    assert "thesis" in page.inner_text("#details pre")
    # collapse one pillar of the essay, then expand it
    page.click('g.statement[data-id="sharing-lost"]')
    page.click("#collapse")
    hidden = page.evaluate("argmapView.state().hidden")
    assert "boxes" in hidden and page.eval_on_selector('g.statement[data-id="boxes"]', "g => getComputedStyle(g).visibility") == "hidden"
    _shot(page, tmp_path, "api-view-collapsed.png")
    page.click('g.statement[data-id="sharing-lost"] g.badge')
    assert page.eval_on_selector('g.statement[data-id="boxes"]', "g => getComputedStyle(g).visibility") == "visible"


def test_a_private_map_is_not_found_without_its_key(page: Any, served: Served) -> None:
    base, alice, _, private = served
    response = page.goto(f"{base}/maps/{private}/view")
    assert response is not None and response.status == 404
    assert httpx.get(f"{base}/maps/{private}/view", headers=alice, timeout=60).status_code == 200
