"""The interactive docs work offline: /docs and /redoc load Swagger UI and ReDoc from this server, no CDN."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from argmap_api.app import create_app
from argmap_api.settings import Settings


def test_docs_pages_load_their_bundles_from_this_server(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(database_url=f"sqlite:///{tmp_path / 'a.db'}", auth="off"))) as client:
        for page in ("/docs", "/redoc"):
            r = client.get(page)
            assert r.status_code == 200
            urls = re.findall(r"""(?:src|href)=["']([^"']+)["']""", r.text) + re.findall(r"url: ?'([^']+)'", r.text)
            assert urls, page
            assert not [u for u in urls if u.startswith(("http:", "https:", "//"))], (page, urls)
            for url in urls:
                if url.startswith("/docs-assets/"):
                    asset = client.get(url)
                    assert asset.status_code == 200 and len(asset.content) > 1000, url
            csp = r.headers["content-security-policy"]
            assert "https:" not in csp and "script-src 'self'" in csp
        assert client.get("/openapi.json").json()["paths"]["/maps"]["get"]["operationId"] == "list_maps"
