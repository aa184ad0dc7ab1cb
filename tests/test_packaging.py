"""What a user installs: the wheel's top-level packages and the sdist's contents (issue 14)."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel and an sdist built from the working tree, without build isolation (no download)."""
    pytest.importorskip("build", reason="the 'build' package (in the dev extra) builds the wheel")
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--sdist", "--wheel", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return out


def _wheel_names(dist: Path) -> list[str]:
    (wheel,) = dist.glob("argmap-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        return zf.namelist()


def test_the_wheel_installs_only_argmaps_own_top_level_packages(dist: Path) -> None:
    tops = {name.split("/")[0] for name in _wheel_names(dist) if not name.split("/")[0].endswith(".dist-info")}
    assert tops == {"argmap", "argmap_api"}


def test_the_wheel_holds_every_package_folder_of_the_repository(dist: Path) -> None:
    names = set(_wheel_names(dist))
    for init in [*ROOT.joinpath("argmap").rglob("__init__.py"), *ROOT.joinpath("api").rglob("__init__.py")]:
        rel = init.relative_to(ROOT).as_posix()
        installed = "argmap_api" + rel[len("api") :] if rel.startswith("api/") else rel
        assert installed in names, f"{rel} is not in the wheel (add its package to [tool.setuptools] packages)"
    # the data files the service and the view read at run time
    for data in ["argmap_api/alembic.ini", "argmap_api/migrations/script.py.mako", "argmap/view/page.html", "argmap/py.typed"]:
        assert data in names


def test_the_sdist_ships_no_tests_it_cannot_run(dist: Path) -> None:
    (sdist,) = dist.glob("argmap-*.tar.gz")
    with tarfile.open(sdist) as tf:
        names = [n.split("/", 1)[1] for n in tf.getnames() if "/" in n]
    assert not [n for n in names if n.startswith(("tests/", "benchmarks/"))]
    assert "api/app.py" in names and "argmap/model.py" in names and "pyproject.toml" in names
