"""One question at a time: the ICCMA tasks on a framework file and on the essay's map, without listing extensions.

Run:  .venv/bin/python examples/iccma_tasks.py

Needs the ``solvers`` extra (``pip install '.[solvers]'``). Writes an ICCMA 2023 ``p af`` file to a
temporary folder, asks SE, DC, DS, EE and CE of it under preferred, stable and semi-stable, then asks
the essay's map whether its thesis stands in every preferred extension, with the explanation.
"""

from __future__ import annotations

import itertools
import sys
import tempfile
from pathlib import Path

import argmap
from argmap.semantics import evaluate, read_framework, tasks

HERE = Path(__file__).resolve().parent

# a and b attack each other and both attack c; c attacks d; e attacks itself and d (an odd cycle of one)
INSTANCE = "p af 5\n1 2\n2 1\n1 3\n2 3\n3 4\n5 5\n5 4\n"

try:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "instance.af"
        path.write_text(INSTANCE)
        fw = read_framework(path)  # arguments named "1" .. "5", as in the file
        names = list(fw.names)
        for sem in ("preferred", "stable", "semi-stable"):
            one = tasks.some_extension(fw, sem)
            print(f"SE-{sem}: {'none' if one is None else [names[i] for i in one]}")
            for a in (0, 3):  # arguments 1 and 4
                dc, ds = tasks.credulous(fw, a, sem), tasks.sceptical(fw, a, sem)
                print(f"  argument {names[a]}: credulously {'YES' if dc else 'NO'}, sceptically {'YES' if ds else 'NO'}")
            first_two = list(itertools.islice(tasks.extensions_iter(fw, sem, limit=None), 2))  # lazily: no more is computed
            print(f"  EE (first two): {[[names[i] for i in e] for e in first_two]}; CE: {tasks.count(fw, sem)}")
except ImportError as exc:  # clingo or python-sat missing: the error names the extra
    sys.exit(f"this example needs the solvers: {exc}")

# The same questions of a map: its statements are the arguments, its relations the attacks (see docs/evaluation.md).
m = argmap.load(HERE / "social_media" / "social-media.argmap.yaml")
asked = evaluate(m, "preferred", task="DS", argument="thesis")
print(f"\nDS-preferred on the essay: is 'thesis' in every preferred extension? {'YES' if asked.answer else 'NO'}")
print(argmap.semantics.explain(m, "thesis", "preferred", lang="en").text)
