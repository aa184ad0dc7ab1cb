"""Conformance of argmap's Argdown reader with the Argdown CLI (``@argdown/cli`` 1.7.5), the reference.

For a document, ``argdown json`` gives statements (equivalence classes), arguments and relations by type;
:func:`argmap_summary` gives the same three from argmap's reader, and the map must build. Both are reduced
to a :data:`Summary`: the number of statements and arguments and the sorted relations ``[from, type, to]``,
where ``[T]`` is a statement and ``<T>`` an argument, and untitled ones are ``[?]`` / ``<?>``.

Run as a script to (re)write the reference summaries next to the fixtures, with the CLI::

    .venv/bin/python tests/formats/argdown_conformance.py tests/formats/fixtures/argdown

The CLI is looked up in ``.argdown/node_modules/.bin/argdown`` (installed by ``./dev``), then on ``PATH``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from argmap.errors import ArgmapError  # noqa: E402
from argmap.formats._argdown_include import expand_includes  # noqa: E402
from argmap.formats._argdown_parser import Document, parse_document  # noqa: E402
from argmap.formats.argdown import parse_argdown  # noqa: E402

Summary = dict[str, Any]
_UNTITLED = re.compile(r"Untitled \d+")
_KIND = {"contradiction": "contradictory"}


def cli() -> str | None:
    """The Argdown CLI's path, or None when it is not installed (or node is missing)."""
    local = ROOT / ".argdown" / "node_modules" / ".bin" / "argdown"
    if shutil.which("node") is None:
        return None
    if local.exists():
        return str(local)
    return shutil.which("argdown")


def run_cli(files: list[Path], *, timeout: float = 600) -> dict[str, dict[str, Any] | None]:
    """``argdown json`` over the files, one CLI run per folder; each file's JSON, or None where the CLI refused it.

    The CLI reads every ``*.argdown`` of each folder in place (so that ``@include`` resolves as it should).
    """
    exe = cli()
    if exe is None:
        raise RuntimeError("the Argdown CLI is not installed: run ./dev setup (needs node and npm)")
    out: dict[str, dict[str, Any] | None] = {}
    folders: dict[Path, list[Path]] = {}
    for f in files:
        folders.setdefault(f.resolve().parent, []).append(f)
    with tempfile.TemporaryDirectory() as tmp:
        for k, (folder, members) in enumerate(folders.items()):
            dest = Path(tmp) / str(k)
            subprocess.run([exe, "json", str(folder / "*.argdown"), str(dest)], capture_output=True, timeout=timeout, check=False)
            for f in members:
                result = dest / (f.name[: -len(".argdown")] + ".json")
                out[str(f)] = json.loads(result.read_text()) if result.exists() else None
    return out


def _name(title: str, kind: str) -> str:
    title = "?" if _UNTITLED.fullmatch(title) or title.startswith("\x00") else title
    return f"[{title}]" if kind == "s" else f"<{title}>"


def reference_summary(data: dict[str, Any]) -> Summary:
    """The summary of the Argdown CLI's JSON for one document."""
    relations = []
    for rel in data.get("relations", []):
        kinds = tuple("s" if rel[end] == "equivalence-class" else "a" for end in ("fromType", "toType"))  # or an inference
        relations.append([_name(rel["from"], kinds[0]), rel["relationType"], _name(rel["to"], kinds[1])])
    return {"statements": len(data.get("statements", {})), "arguments": len(data.get("arguments", {})), "relations": sorted(relations)}


def document_summary(doc: Document) -> Summary:
    """What argmap's parser read, in the terms of the Argdown CLI's JSON (before argmap builds its map).

    As Argdown does: a relation going out of an argument with a premise-conclusion structure goes out of its
    main conclusion; a relation from a statement to itself is dropped; the same relation twice is one.
    """
    fm_model = doc.frontmatter.get("model")
    strict = isinstance(fm_model, dict) and fm_model.get("mode") == "strict"
    seen: set[tuple[str, str, str]] = set()
    for edge in doc.edges:
        source = edge.source
        arg = doc.arguments.get(source[1]) if source[0] == "a" else None
        if arg is not None and arg.pcs:
            source = ("s", arg.pcs[-1][1])
        if source == edge.target:
            continue
        kind = _KIND.get(edge.kind, edge.kind)
        if strict and source[0] == edge.target[0] == "s":
            kind = {"support": "entails", "attack": "contrary"}.get(kind, kind)
        seen.add((_name(source[1], source[0]), kind, _name(edge.target[1], edge.target[0])))
    return {"statements": len(doc.statements), "arguments": len(doc.arguments), "relations": sorted(list(r) for r in seen)}


def argmap_summary(text: str, filename: str | None = None, base_dir: str | None = None) -> Summary:
    """argmap's summary of a document; raises :class:`ArgmapError` when argmap refuses it (the map must build)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parse_argdown(text, filename=filename, base_dir=base_dir)
    expanded, _ = expand_includes(text, filename, base_dir)
    return document_summary(parse_document(expanded, filename=filename))


def differences(reference: Summary, ours: Summary) -> list[str]:
    """What differs between two summaries, in words (empty when they agree)."""
    out = [f"{key}: Argdown {reference[key]}, argmap {ours[key]}" for key in ("statements", "arguments") if reference[key] != ours[key]]
    ref_rel = {tuple(r) for r in reference["relations"]}
    our_rel = {tuple(r) for r in ours["relations"]}
    out += [f"relation only in Argdown: {' '.join(r)}" for r in sorted(ref_rel - our_rel)]
    out += [f"relation only in argmap: {' '.join(r)}" for r in sorted(our_rel - ref_rel)]
    return out


def check(text: str, reference: Summary, filename: str | None = None, base_dir: str | None = None) -> list[str]:
    """The differences between argmap and the reference for one document; a refusal by argmap is one."""
    try:
        ours = argmap_summary(text, filename, base_dir)
    except ArgmapError as exc:
        return [f"argmap refuses it: {str(exc)[:300]}"]
    return differences(reference, ours)


def regenerate(folder: Path) -> int:
    """Write ``NAME.ref.json`` (the CLI's summary) beside every ``NAME.argdown`` in the folder."""
    files = sorted(folder.glob("*.argdown"))
    results = run_cli(files)
    for f in files:
        data = results[str(f)]
        ref = f.with_suffix(".ref.json")
        if data is None:
            print(f"{f.name}: refused by the Argdown CLI; no reference written")
            ref.unlink(missing_ok=True)
            continue
        ref.write_text(json.dumps(reference_summary(data), indent=1, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(regenerate(Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent / "fixtures" / "argdown")))
