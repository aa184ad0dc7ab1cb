"""Evaluate the essay's argument map: which claims stand, how strongly, and why the critics' objection falls.

Run:  .venv/bin/python examples/evaluate_map.py [OUT_FOLDER]

Prints the grounded labels and the DF-QuAD strengths side by side, explains the status of the
critics' objection ("users are the product"), and writes into OUT_FOLDER (default ``out/evaluate``):
``evaluation.json`` (every semantics), ``objection.txt`` (the explanation), ``grounded.svg`` (the map
coloured by label), ``dfquad.svg`` (coloured by strength) and ``objection.svg`` (the focus map).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import argmap
from argmap.semantics import SEMANTICS, evaluate, explain

HERE = Path(__file__).resolve().parent
out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("out/evaluate")
out.mkdir(parents=True, exist_ok=True)

m = argmap.load(HERE / "social_media" / "social-media.argmap.yaml")

# 1. Every semantics, one call each.
results = {name: evaluate(m, name) for name in SEMANTICS}
grounded, dfquad = results["grounded"], results["dfquad"]
assert grounded.labels is not None and dfquad.strengths is not None
print(f"{'statement':<24} {'grounded':<8} {'dfquad':>6}  text")
for st in m.statements:
    text = st.text_in("en", fallback=m.language)
    print(f"{st.id:<24} {grounded.labels[st.id]:<8} {dfquad.strengths[st.id]:>6.3f}  {text[:60]}")
print(f"\nDF-QuAD converged: {dfquad.converged} after {dfquad.iterations} iterations")
for name, result in results.items():
    if result.extensions is not None:
        print(f"{name:<12} {len(result.extensions)} extension(s); sceptically accepted: {len(result.sceptical or [])} statements")
(out / "evaluation.json").write_text(json.dumps({k: v.model_dump(mode="json") for k, v in results.items()}, indent=2), encoding="utf-8")

# 2. Why is the critics' objection out? Its premise "users are the product" supports it.
objection = next(r.target for r in m.relations if r.type == "support" and "users-are-product" in r.premises)
why = explain(m, objection, "grounded", lang="en")
print("\n" + why.text)
print("\n" + explain(m, "users-are-product", "grounded", lang="en").text)
print("\n" + explain(m, objection, "dfquad", lang="en").text)
(out / "objection.txt").write_text(why.text + "\n", encoding="utf-8")

# 3. Draw it: the renderer takes the labels or strengths as an overlay.
try:
    (out / "grounded.svg").write_bytes(argmap.render(m, format="svg", overlay=grounded.overlay(), lang="en"))
    (out / "dfquad.svg").write_bytes(argmap.render(m, format="svg", overlay=dfquad.overlay(), lang="en"))
    (out / "objection.svg").write_bytes(argmap.render(why.focus, format="svg", overlay=grounded.overlay(), lang="en"))
    # For a slide: titles only and no kind line; the IN/OUT badge stays.
    bare = argmap.render(why.focus, format="svg", overlay=grounded.overlay(), lang="en", labels="title", headers=False)
    (out / "objection.bare.svg").write_bytes(bare)
except argmap.RenderError as exc:  # Graphviz missing: the evaluation above still stands
    print(f"(not drawn: {exc})", file=sys.stderr)
print(f"\nwrote {', '.join(sorted(p.name for p in out.iterdir()))} to {out}")
