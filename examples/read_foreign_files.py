"""Read argument files other tools wrote: an AIFdb download named just ``.json``, a SADFace document, a Kialo export.

No format is named: a plain ``.json`` is read by its content (AIF, xAIF/OVA, SADFace or argmap's own), and a
node argmap cannot represent is dropped with a warning that names it, never the whole file.

    .venv/bin/python examples/read_foreign_files.py [OUT_DIR]

It reads real files kept with the tests (``tests/formats/fixtures/real/``), so it runs in a clone of the
repository; elsewhere it says so and stops.
"""

from __future__ import annotations

import json
import sys
import tempfile
import warnings
from pathlib import Path

import argmap
from argmap.formats import json_kind

REAL = Path(__file__).resolve().parents[1] / "tests" / "formats" / "fixtures" / "real"


def main(out: Path) -> None:
    if not REAL.is_dir():
        sys.exit(f"this example reads the real files in {REAL}: run it from a clone of argmap's repository")
    out.mkdir(parents=True, exist_ok=True)
    for path in [REAL / "aif" / "nodeset6064.json", REAL / "sadface" / "hangback.json", REAL / "kialo" / "hate-speech-10134-excerpt.txt"]:
        m = argmap.load(path)
        kind = json_kind(path.read_text(encoding="utf-8")) or "kialo"
        print(f"{path.name}: {kind}, {len(m.statements)} statements, {len(m.relations)} relations, main claim {m.main_claim}")

    # An AIFdb file with an RA node whose premise is its own conclusion: that node goes, with a warning; the rest stays.
    data = json.loads((REAL / "aif" / "nodeset6064.json").read_text(encoding="utf-8"))
    for edge in data["edges"]:
        if edge["fromID"] == "111803":
            edge["toID"] = "29053"
    broken = out / "nodeset6064-broken.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        m = argmap.load(broken)
    for w in caught:
        print("warning:", w.message)
    saved = argmap.save(m, out / "nodeset6064.aif.json")  # every edge written points at a node written
    print(f"kept {len(m.relations)} relations; wrote {saved.name}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()))
