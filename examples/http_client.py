"""Use argmap's REST API from Python with httpx: store the essay's map, ask it questions, draw it.

    python examples/http_client.py [OUT_DIR]

With ARGMAP_URL (and ARGMAP_KEY) set, it talks to that server. Otherwise it starts its own
``argmap serve`` on a free port with a throw-away store, picks up the first API key the server
prints, and stops the server at the end. The SVG goes to OUT_DIR (default: ./out).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import httpx
except ImportError:  # httpx comes with the 'api' extra
    sys.exit("this example needs httpx, which comes with the 'api' extra: pip install 'argmap[api]'")

HERE = Path(__file__).resolve().parent
MAP = HERE / "social_media" / "social-media.argmap.yaml"
if not MAP.is_file():
    MAP = HERE / "example.argmap.yaml"


@contextmanager
def local_server() -> Iterator[tuple[str, str]]:
    """Start ``argmap serve`` on a free loopback port with a fresh store; yield its URL and first key."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = tempfile.mkdtemp(prefix="argmap-example-")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARGMAP_")}
    env["XDG_DATA_HOME"] = data  # the store is made here, as on a new user's first start
    argmap = shutil.which("argmap", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}") or "argmap"
    log = Path(data) / "serve.log"
    with log.open("w") as err:
        proc = subprocess.Popen([argmap, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=err)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            if proc.poll() is not None:
                raise SystemExit(f"argmap serve stopped:\n{log.read_text()}")
            try:
                if httpx.get(f"{url}/health/live", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.05)
        key = re.search(r"export ARGMAP_KEY=(\S+)", log.read_text())
        if key is None:
            raise SystemExit(f"no API key in the server's output:\n{log.read_text()}")
        yield url, key.group(1)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(data, ignore_errors=True)


def tour(url: str, key: str, out: Path) -> None:
    """Create the map, query it, edit it with If-Match, and render it (twice: the second is a 304)."""
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=60) as api:
        # 1. Store the map: YAML as written by hand; the server validates it.
        r = api.post("/maps", content=MAP.read_bytes(), headers={"Content-Type": "application/yaml"})
        r.raise_for_status()
        stored = r.json()
        map_id, etag = stored["id"], r.headers["ETag"]
        main = stored["map"]["main_claim"]
        print(f"stored '{stored['title']}' as {map_id}: {stored['statements']} statements, ETag {etag}")

        # 2. Ask it questions.
        support = api.get(f"/maps/{map_id}/query/supporters", params={"id": main, "lang": "en"}).json()["items"]
        print(f"what supports the main claim ({main}):")
        for st in support:
            print(f"  - {st['id']}: {st['text'][:90]}")
        open_ = api.get(f"/maps/{map_id}/query/objections", params={"answered": "false"}).json()["items"]
        print(f"unanswered objections: {[o['statement'] for o in open_] or 'none'}")
        labels = api.get(f"/maps/{map_id}/evaluation").json()["labels"]
        print(f"grounded semantics: the main claim is {labels[main]}")

        # 3. Edit one statement, safely: If-Match makes a stale edit fail with 412 instead of losing work.
        r = api.post(
            f"/maps/{map_id}/statements", json={"id": "reader-note", "claim": "Een lezer vond dit overtuigend."}, headers={"If-Match": etag}
        )
        r.raise_for_status()
        stale = api.post(f"/maps/{map_id}/statements", json={"id": "late", "claim": "Te laat."}, headers={"If-Match": etag})
        problem = stale.json()
        if stale.status_code != 412:
            raise SystemExit(f"expected 412 for a stale edit, got {stale.status_code}: {stale.text}")
        print(f"an edit based on the old version: {stale.status_code} {problem['title']}: {problem['detail'][:80]}...")

        # 4. Draw it for a slide; the second request only revalidates (304, nothing drawn or sent).
        params = {"lang": "en", "preset": "presentation", "focus": main, "k": 1}
        svg = api.get(f"/maps/{map_id}/render.svg", params=params)
        svg.raise_for_status()
        again = api.get(f"/maps/{map_id}/render.svg", params=params, headers={"If-None-Match": svg.headers["ETag"]})
        if again.status_code != 304 or b"<svg" not in svg.content:
            raise SystemExit(f"expected an SVG, then 304; got {svg.status_code}, then {again.status_code}")
        print(f"rendered {len(svg.content):,} bytes of SVG ({svg.headers['X-Cache']}); asked again: {again.status_code}")
        out.mkdir(parents=True, exist_ok=True)
        (out / "http_client.svg").write_bytes(svg.content)
        print(f"wrote {out / 'http_client.svg'}")


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("out")
    if os.environ.get("ARGMAP_URL"):
        tour(os.environ["ARGMAP_URL"].rstrip("/"), os.environ.get("ARGMAP_KEY", ""), out)
        return
    with local_server() as (url, key):
        tour(url, key, out)


if __name__ == "__main__":
    main()
