"""``argmap keys create/list/revoke`` and ``argmap serve`` (a real process: first key printed, curl-able)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

from api_fixtures import *  # noqa: F403 - the shared fixtures (see api_fixtures.py)
from api_fixtures import free_port, wait_until_live
from typer.testing import CliRunner

from argmap.cli import app

runner = CliRunner()


def test_keys_create_list_revoke(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'k.db'}"
    made = runner.invoke(app, ["keys", "create", "erin", "--name", "laptop", "--database-url", url])
    assert made.exit_code == 0, made.output
    token = re.search(r"am_[0-9a-f]{8}_\S+", made.stdout)
    assert token is not None
    key_id = token.group(0).split("_")[1]
    listed = runner.invoke(app, ["keys", "list", "--database-url", url])
    assert key_id in listed.stdout and "erin" in listed.stdout and "laptop" in listed.stdout
    assert token.group(0) not in listed.stdout
    assert runner.invoke(app, ["keys", "revoke", key_id, "--database-url", url]).exit_code == 0
    again = runner.invoke(app, ["keys", "revoke", key_id, "--database-url", url])
    assert again.exit_code == 1 and f"no active key '{key_id}'" in again.output


def test_keys_with_a_bad_database_url_is_a_clear_error(tmp_path: Path) -> None:
    # a URL of a database argmap does not store in is a usage mistake of --database-url (exit 2, docs/cli.md)
    r = runner.invoke(app, ["keys", "list", "--database-url", "nosuchdb://x"])
    assert r.exit_code == 2 and "nosuchdb" in r.output and "Traceback" not in r.output


def test_serve_on_a_fresh_machine_prints_a_first_key_that_works(tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARGMAP_")}
    env["XDG_DATA_HOME"] = str(tmp_path / "data")  # a clean user: no config, no database yet
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "argmap"), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_live(base, tries=200)
        assert (tmp_path / "data" / "argmap" / "argmap.db").is_file()
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    token = re.search(r"export ARGMAP_KEY=(am_\S+)", err)
    assert token is not None, err
    assert f"{base}/docs" in err
    # the printed key is valid for the store the server made
    from argmap_api.store import Store

    store = Store(f"sqlite:///{tmp_path / 'data' / 'argmap' / 'argmap.db'}")
    assert store.owner_of(token.group(1)) == "local"
    store.dispose()


def test_serve_with_a_bad_setting_says_which(tmp_path: Path) -> None:
    r = runner.invoke(app, ["serve", "--auth", "maybe", "--database-url", f"sqlite:///{tmp_path / 'x.db'}"])
    assert r.exit_code == 2  # on the command line: a usage error
    assert "--auth must be 'on' or 'off', not 'maybe'" in r.output
    r = runner.invoke(app, ["serve", "--database-url", f"sqlite:///{tmp_path / 'x.db'}"], env={"ARGMAP_AUTH": "maybe"})
    assert r.exit_code == 1  # in the environment: a setting the service refuses
    assert "invalid setting: auth: Input should be 'on' or 'off'" in r.output


def test_serve_without_the_api_extra_names_the_extra(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as if the [api] extra were not installed
    result = runner.invoke(app, ["serve"])
    assert result.exit_code == 1
    assert "the REST API needs the 'api' extra (uvicorn is missing): pip install 'argmap[api]'" in result.output
