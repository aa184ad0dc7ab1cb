"""Build a small argument map in code, ask it questions, and render it to SVG.

A piece of the essay "Wat is er nog sociaal aan social media?": the critics' objection that users have
nothing to complain about, the author's concession and rebuttal. Run it from the repository root:

    .venv/bin/python examples/build_in_python.py [OUT_DIR]

It writes ``critics.svg`` (Dutch) and ``critics.en.svg`` into OUT_DIR (default: ``out/``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import argmap
from argmap import query

ESSAY = Path(__file__).resolve().parent / "social_media" / "social-media.nl.txt"


def build() -> argmap.ArgumentMap:
    """The critics' objection and the author's answer, as a map in Dutch and English."""
    b = argmap.MapBuilder(title="Niks te klagen?", titles={"en": "Nothing to complain about?"}, language="nl")
    b.source("essay", text=ESSAY.read_text(encoding="utf-8"), title="Wat is er nog sociaal aan social media?")

    lost = b.claim(
        {"nl": "Gebruikers hebben het nakijken.", "en": "The users are left empty-handed."},
        id="users-lose",
        main=True,
    )
    grab = b.evidence(
        {"nl": "Platforms gaan ervandoor met de content van gebruikers.", "en": "Platforms run off with users' content."},
        id="content-grab",
        type="example",
        quote="gaan de Instagrams van deze wereld ervandoor met de content die gebruikers gecreëerd hebben",
    )
    b.support(grab, lost, scheme="Argument from Example")

    # the critics' view: two reasons that hold only together (a linked argument)
    critics = b.claim(
        {"nl": "Gebruikers hebben niks te klagen.", "en": "Users have nothing to complain about."}, id="critics", holder="critics"
    )
    product = b.claim({"nl": "Wie niet betaalt, is het product.", "en": "Who does not pay is the product."}, id="product", holder="critics")
    money = b.claim({"nl": "Platforms moeten geld verdienen.", "en": "Platforms must earn money."}, id="money", holder="critics")
    b.support([product, money], critics)
    b.attack(critics, lost)

    # the author concedes the money point but rebuts the conclusion
    concede = b.claim({"nl": "Dat bestrijd ik niet.", "en": "I do not dispute that."}, id="concede")
    b.support(concede, money, note="a concession")
    return b.build()


def answer(m: argmap.ArgumentMap) -> argmap.ArgumentMap:
    """The same map with the author's rebuttal added (maps are immutable: a new map comes back)."""
    m = argmap.add_statement(
        m,
        {"id": "not-so-simple", "claim": {"nl": "Zo simpel is het niet.", "en": "It is not that simple."}},
    )
    return argmap.add_relation(m, {"attack": "not-so-simple", "target": "critics"})


def main(out_dir: Path) -> int:
    m = build()
    print(f"built '{m.title}': {len(m.statements)} statements, {len(m.relations)} relations")

    open_objections = query.unanswered_objections(m)
    print("unanswered objections:", [o.statement for o in open_objections])
    assert [o.statement for o in open_objections] == ["critics"]

    m = answer(m)
    print("after the rebuttal:  ", [o.statement for o in query.unanswered_objections(m) if o.statement == "critics"])
    for objection in query.objections(m, "users-lose"):
        print(f"  objection {objection.statement!r}: answered={objection.answered} by {objection.answered_by}")

    evidence = [m.statement(sid) for sid in query.evidence_for(m, "users-lose")]
    print("evidence for 'users-lose':", [f"{e.id} ({getattr(e, 'evidence_type', '')})" for e in evidence])
    quote = m.statement("content-grab").anchors[0]
    print(f"  quoted from the essay at {quote.start}-{quote.end}: {quote.quote!r}")

    try:
        from argmap.render import render
    except ImportError:
        print("argmap.render is not available in this installation: skipping the SVG")
        return 0
    out_dir.mkdir(parents=True, exist_ok=True)
    for lang, name in (("nl", "critics.svg"), ("en", "critics.en.svg")):
        svg = render(m, format="svg", lang=lang)
        (out_dir / name).write_bytes(svg)
        print(f"wrote {out_dir / name} ({len(svg):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("out")))
