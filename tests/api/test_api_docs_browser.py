"""/docs and /redoc render in a real browser (Debian's chromium) with every request to another host refused."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from api_fixtures import free_port, wait_until_live

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed (pip install -e '.[dev]')")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")


def test_interactive_docs_render_offline(tmp_path: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    argmap = str(Path(sys.executable).with_name("argmap"))
    env = {**os.environ, "HOME": str(tmp_path), "ARGMAP_AUTH": "off"}
    cmd = [argmap, "serve", "--port", str(port), "--database-url", f"sqlite:///{tmp_path / 'a.db'}"]
    server = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elsewhere: list[str] = []
    try:
        wait_until_live(base)
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, chromium_sandbox=False, args=["--no-sandbox", "--disable-gpu"])
            context = browser.new_context()

            def only_this_server(route: object) -> None:
                url = route.request.url  # type: ignore[attr-defined]
                if url.startswith(base):
                    route.continue_()  # type: ignore[attr-defined]
                else:
                    elsewhere.append(url)
                    route.abort()  # type: ignore[attr-defined]

            context.route("**/*", only_this_server)
            page = context.new_page()
            page.goto(f"{base}/docs")
            page.wait_for_selector(".opblock", timeout=30_000)
            assert page.locator(".opblock").count() > 20  # Swagger UI drew the operations
            page.screenshot(path=str(tmp_path / "docs.png"))
            page.goto(f"{base}/redoc")
            page.wait_for_selector("[data-section-id]", timeout=30_000)
            page.screenshot(path=str(tmp_path / "redoc.png"))
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=15)
    assert elsewhere == []
