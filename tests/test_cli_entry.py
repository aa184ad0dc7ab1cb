"""The ways in: ``argmap --version`` and ``python -m argmap``."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

import argmap
from argmap.cli import app


def test_version_flag_prints_the_package_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"argmap {argmap.__version__}"


def test_python_dash_m_runs_the_cli() -> None:
    proc = subprocess.run([sys.executable, "-m", "argmap", "--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"argmap {argmap.__version__}"
