"""No `dot` outlives what started it: `argmap render` stopped by Ctrl-C, SIGTERM or SIGKILL, or the server killed mid-render.

`dot` is replaced (``ARGMAP_DOT``) by a real program that never finishes, so the kill always lands mid-render.
"""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import psutil
import pytest
from api_fixtures import free_port, wait_until_live

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's (prctl)")

ARGMAP = str(Path(sys.executable).with_name("argmap"))
MAP = "statements:\n  - {id: c1, claim: Cats are good pets.}\n  - {id: e1, claim: They purr.}\nrelations:\n  - {support: e1, target: c1}\n"


@pytest.fixture
def slow_dot(tmp_path: Path) -> Path:
    """A `dot` that reads nothing and never ends (the kill must come from argmap or the kernel)."""
    path = tmp_path / "slow-dot"
    path.write_text("#!/bin/sh\nexec sleep 120\n")
    path.chmod(0o755)
    return path


def _dot_child(parent: psutil.Process, name: str = "sleep", wait: float = 60.0) -> psutil.Process:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        for child in parent.children(recursive=True):
            try:
                if child.name() == name:
                    return child
            except psutil.NoSuchProcess:
                continue
        time.sleep(0.05)
    raise AssertionError(f"no {name} under {parent.pid} within {wait} s")


def _gone(proc: psutil.Process, wait: float = 5.0) -> bool:
    try:
        proc.wait(timeout=wait)
    except psutil.TimeoutExpired:
        proc.kill()
        return False
    except psutil.NoSuchProcess:
        pass
    return True


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_argmap_render_stopped_leaves_no_dot(tmp_path: Path, slow_dot: Path, sig: signal.Signals) -> None:
    source = tmp_path / "m.argmap.yaml"
    source.write_text(MAP)
    cli = subprocess.Popen(
        [ARGMAP, "render", str(source), "-o", str(tmp_path / "m.svg")],
        env={"ARGMAP_DOT": str(slow_dot), "PATH": "/usr/bin:/bin"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        dot = _dot_child(psutil.Process(cli.pid))
        cli.send_signal(sig)
        cli.wait(timeout=10)
        assert _gone(dot), f"dot (pid {dot.pid}) still runs after {sig.name} of argmap render"
    finally:
        cli.kill()
        cli.wait()


def test_server_killed_mid_render_leaves_no_dot(tmp_path: Path, slow_dot: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [ARGMAP, "serve", "--port", str(port), "--auth", "off", "--database-url", f"sqlite:///{tmp_path / 'a.db'}"],
        env={"ARGMAP_DOT": str(slow_dot), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_live(base, tries=200)
        map_id = httpx.post(f"{base}/maps", content=MAP, headers={"Content-Type": "application/yaml"}).json()["id"]

        def ask() -> None:
            with contextlib.suppress(httpx.HTTPError):  # the server is killed under this request
                httpx.get(f"{base}/maps/{map_id}/render.svg", timeout=30)

        threading.Thread(target=ask, daemon=True).start()
        dot = _dot_child(psutil.Process(server.pid))
        server.kill()
        server.wait(timeout=10)
        assert _gone(dot), f"dot (pid {dot.pid}) still runs after the server was killed"
    finally:
        server.kill()
        server.wait()
