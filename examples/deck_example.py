"""Make a slide deck from a map in Python: offline HTML, PDF and PowerPoint, with an evaluation slide.

    python examples/deck_example.py [OUT_DIR]     # writes OUT_DIR/pets.html, pets.pdf, pets.pptx (default: out/deck)

The command line does the same: ``argmap deck MAP -o talk.html --evaluate grounded``.
PDF and PPTX need the ``deck`` extra (``pip install 'argmap[deck]'``); without it they are skipped with a line
that says so, and the HTML deck is still written.
"""

from __future__ import annotations

import sys
from pathlib import Path

import argmap
from argmap.deck import build_deck, write_deck

out = Path(sys.argv[1] if len(sys.argv) > 1 else "out/deck")
out.mkdir(parents=True, exist_ok=True)

b = argmap.MapBuilder(title="Cats as pets", language="en")
thesis = b.claim("Cats are good pets for people who live in a city.", main=True)
easy = b.claim("Cats are easy to keep.")
b.support(easy, thesis)
b.support(b.evidence("Cats wash themselves and need no walks.", type="other"), easy)
b.support(b.evidence("A litter box takes five minutes a day.", type="example"), easy)
company = b.claim("Cats are good company.")
b.support(company, thesis)
b.support(b.evidence("Most owners say their cat greets them at the door.", type="statistic"), company)
scratch = b.claim("Cats scratch the furniture.", holder="critics")
b.attack(scratch, easy)
b.attack(b.claim("A scratching post and a little training stop that."), scratch)
m = b.build()

result = argmap.evaluate(m, "grounded")  # evaluation is computed here and passed in as data
deck = build_deck(m, lang="en", evaluation=result.overlay(), semantics="grounded")
print(" | ".join(f"{n}. {s.kind}: {s.heading}" for n, s in enumerate(deck.slides, start=1)))
for suffix in ("html", "pdf", "pptx"):
    try:
        path = write_deck(deck, out / f"pets.{suffix}")
    except argmap.RenderError as exc:  # the 'deck' extra is missing: say which, keep going
        print(f"skipped pets.{suffix}: {exc}")
        continue
    print(f"wrote {path} ({path.stat().st_size:,} bytes)")
