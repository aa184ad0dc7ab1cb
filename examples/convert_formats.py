"""Convert one small argument map between formats: Argdown in; AIF, Mermaid, GraphML and DOT out; and back again.

    .venv/bin/python examples/convert_formats.py [OUT_DIR]

Writes pets.argdown, pets.aif.json, pets.mmd, pets.graphml and pets.dot into OUT_DIR (default: a
temporary folder), checks that Argdown and AIF read back into the same map, and shows the
warning a foreign construct gives. With the arg-microtexts corpus beside the project
(../shared), it also converts one corpus text.
"""

from __future__ import annotations

import sys
import tempfile
import warnings
from pathlib import Path

import argmap
from argmap.errors import FormatWarning

ARGDOWN = """===
title: Are cats good pets?
main_claim: Pets
===

[Pets]: Cats are good pets. #home
  <+ [Purr]: Cats purr when they are happy. {kind: evidence, evidence_type: example}
  - [Scratch]: Cats scratch the sofa. {holder: critics}
    _> <Training>

<Training>: Scratching can be trained away.

(1) [Posts]: Scratching posts exist.
(2) [Learn]: Cats learn to use them.
-- Practical reasoning --
(3) [Pets]
"""


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    m = argmap.parse(ARGDOWN, "argdown")
    print(f"read {len(m.statements)} statements and {len(m.relations)} relations from Argdown")
    for rel in m.relations:
        print(f"  {rel.id}: {rel.type} {', '.join(rel.premises)} -> {rel.target}" + (f" ({rel.scheme})" if rel.scheme else ""))

    for name in ("pets.argdown", "pets.aif.json", "pets.mmd", "pets.graphml", "pets.dot"):
        path = argmap.save(m, out / name)  # the suffix picks the format
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")

    for name in ("pets.argdown", "pets.aif.json"):
        again = argmap.load(out / name)
        assert again.model_dump() == m.model_dump(), name
        print(f"{name} reads back into the same map")

    print((out / "pets.mmd").read_text().splitlines()[1])

    # A construct argmap cannot represent exactly is never dropped in silence: it is a warning.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        argmap.parse("[A]: one text\n[A]: another text\n", "argdown")
    print("warning:", next(str(w.message) for w in caught if issubclass(w.category, FormatWarning)))

    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "microtexts" / "corpus" / "en" / "micro_b001.xml"
    if corpus.is_file():
        text = argmap.load(corpus)
        argmap.save(text, out / "micro_b001.argdown")
        print(f"micro_b001: main claim {text.main_claim!r}: {text.text_of(text.main_claim or '')}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="argmap-formats-")))
