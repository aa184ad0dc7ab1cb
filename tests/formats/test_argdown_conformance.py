"""argmap reads Argdown as the Argdown CLI 1.7.5 does (issue 12), and writes Argdown the CLI reads back the same.

The fixtures in ``fixtures/argdown`` cover every construct of the Argdown syntax that issue 12 lists; beside each is
the CLI's summary (``NAME.ref.json``, written by ``tests/formats/argdown_conformance.py``). The comparison with the
stored references always runs; one live run of the CLI (skipped without node and the CLI) checks that the stored
references are current and that argmap's own output of every fixture's map is read by the CLI with the same counts.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from argdown_conformance import argmap_summary, check, cli, differences, reference_summary, run_cli

from argmap.formats.argdown import dump_argdown, parse_argdown

FIXTURES = Path(__file__).parent / "fixtures" / "argdown"
DOCUMENTS = sorted(FIXTURES.glob("*.argdown"))
CONSTRUCTS = {
    "argument-nodes",
    "conclusion-idiom",
    "contradiction",
    "data-and-tags",
    "front-matter",
    "groups",
    "include-main",
    "indented-pcs",
    "inference-schemes",
    "markdown-bits",
    "multiline-text",
    "redefinition",
    "relations-under-premises",
    "strict-mode",
    "tree-markers",
    "undefined-references",
    "undercuts",
    "undercut-inference",
    "untitled-pcs",
}


def test_every_construct_has_a_fixture_and_a_reference() -> None:
    assert {f.stem for f in DOCUMENTS} >= CONSTRUCTS
    assert all(f.with_suffix(".ref.json").exists() for f in DOCUMENTS)


@pytest.mark.parametrize("path", DOCUMENTS, ids=[f.stem for f in DOCUMENTS])
def test_same_statements_arguments_and_relations_as_the_argdown_cli(path: Path) -> None:
    reference = json.loads(path.with_suffix(".ref.json").read_text())
    assert check(path.read_text(), reference, path.name, str(path.parent)) == []


def test_a_wrong_reading_is_seen() -> None:
    reference = json.loads((FIXTURES / "tree-markers.ref.json").read_text())
    broken = (FIXTURES / "tree-markers.argdown").read_text().replace("<- [C]", "<+ [C]")
    assert "relation only in Argdown: [C] attack [A]" in check(broken, reference)


@pytest.fixture(scope="module")
def cli_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object] | None]:
    if cli() is None:
        pytest.skip("the Argdown CLI is not installed (needs node; ./dev setup installs it into .argdown/)")
    written = tmp_path_factory.mktemp("written")
    files = list(DOCUMENTS)
    for f in DOCUMENTS:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = written / f"{f.stem}.out.argdown"
            out.write_text(dump_argdown(parse_argdown(f.read_text(), filename=f.name, base_dir=str(f.parent))))
        files.append(out)
    return run_cli(files)


def test_stored_references_are_what_the_cli_says(cli_results: dict[str, dict[str, object] | None]) -> None:
    for f in DOCUMENTS:
        data = cli_results[str(f)]
        assert data is not None, f"the Argdown CLI refuses {f.name}"
        assert reference_summary(data) == json.loads(f.with_suffix(".ref.json").read_text()), f.name


def test_argmap_output_is_read_by_the_cli_with_the_same_counts(cli_results: dict[str, dict[str, object] | None]) -> None:
    outputs = [Path(p) for p in cli_results if p.endswith(".out.argdown")]
    assert len(outputs) == len(DOCUMENTS)
    for out in outputs:
        data = cli_results[str(out)]
        assert data is not None, f"the Argdown CLI refuses argmap's output {out.name}:\n{out.read_text()}"
        assert differences(reference_summary(data), argmap_summary(out.read_text())) == [], out.name
