"""Generate the hostile-file corpus: inputs an attacker would send to every reader argmap has.

Each case is ``(name, format, text)``; ``format`` is a reader name (``json``, ``yaml``, ``argdown``, ``aif``,
``sadface``, ``kialo``, ``microtexts``, or ``apx``/``tgf``/``af`` for ICCMA frameworks). The kinds: deep
nesting, alias and dict bombs, huge numbers, huge labels, regular-expression stressors (long dash and
bracket runs), NUL bytes, lone surrogates, right-to-left overrides, dangling references, wrong types.

``python tests/hostile/generate.py DIR`` writes the corpus as files (one per case, the format as suffix);
``python tests/hostile/generate.py --counts`` runs every case through its reader and prints the counts
recorded in docs/formats.md ("Hostile input").
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

Case = tuple[str, str, str]

SURROGATE = "\ud800"
RTL = "\u202e"
NUL = "\x00"
BIG = "9" * 5000
LABEL = "x" * 2_000_000

_STATEMENT = {"id": "a", "kind": "claim", "text": {"en": "A claim."}}


def _native(**extra: object) -> dict[str, object]:
    return {"statements": [dict(_STATEMENT)], "relations": [], **extra}


def _yaml_bomb(levels: int = 9, width: int = 9) -> str:
    lines = ["  a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    lines += [f"  a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def _deep_json(depth: int, kind: str = "list") -> str:
    return ('{"a": ' * depth + "1" + "}" * depth) if kind == "dict" else ("[" * depth + "]" * depth)


def native_json() -> Iterator[Case]:
    ok = json.dumps(_native())
    for depth in (3_000, 100_000):
        yield f"json-deep-list-{depth}", "json", ok[:-1] + ', "metadata": {"x": ' + _deep_json(depth) + "}}"
        yield f"json-deep-dict-{depth}", "json", ok[:-1] + ', "metadata": ' + _deep_json(depth, "dict") + "}"
    yield "json-deep-top", "json", "[" * 100_000
    yield "json-huge-int-metadata", "json", ok[:-1] + ', "metadata": {"n": ' + BIG + "}}"
    yield "json-huge-int-id", "json", '{"statements": [{"id": ' + BIG + ', "kind": "claim", "text": "x"}], "relations": []}'
    yield "json-huge-float", "json", ok[:-1] + ', "metadata": {"n": 1e999999}}'
    yield "json-nan", "json", ok[:-1] + ', "metadata": {"n": NaN}}'
    yield "json-surrogate-escape", "json", ok.replace("A claim.", "A\\ud800B")
    yield "json-surrogate-raw", "json", ok.replace("A claim.", f"A{SURROGATE}B")
    yield "json-surrogate-key", "json", ok[:-1] + ', "metadata": {"\\udc00": 1}}'
    yield "json-nul", "json", ok.replace("A claim.", f"A{NUL}B")
    yield "json-nul-raw", "json", NUL * 1000
    yield "json-rtl", "json", ok.replace("A claim.", f"{RTL}evil{RTL}")
    yield "json-rtl-id", "json", ok.replace('"a"', f'"a{RTL}"')
    yield "json-huge-label", "json", ok.replace("A claim.", LABEL)
    yield "json-dict-bomb", "json", ok[:-1] + ', "metadata": {' + ", ".join(f'"k{i}": {i}' for i in range(200_000)) + "}}"
    yield "json-long-id", "json", ok.replace('"a"', '"' + "a" * 100_000 + '"')
    many = {"statements": [{"id": f"s{i}", "kind": "bogus", "text": "x" * 1500} for i in range(300)], "relations": []}
    yield "json-300-problems", "json", json.dumps(many, indent=1)
    dangling = {"statements": [_STATEMENT], "relations": [{"id": f"r{i}", "support": f"n{i}", "target": "a"} for i in range(5000)]}
    yield "json-dangling", "json", json.dumps(dangling)
    yield "json-wrong-types", "json", '{"statements": {"a": 1}, "relations": "x", "sources": [1, [2]], "main_claim": []}'
    yield "json-empty", "json", ""
    yield "json-bom", "json", "\ufeff" + ok
    yield "json-truncated", "json", ok[: len(ok) // 2]


def native_yaml() -> Iterator[Case]:
    ok = "statements:\n- id: a\n  claim: A claim.\nrelations: []\n"
    yield "yaml-alias-bomb-metadata", "yaml", ok + "metadata:\n" + _yaml_bomb()
    yield "yaml-alias-bomb-data", "yaml", "statements:\n- id: a\n  claim: A claim.\n  data:\n" + _yaml_bomb().replace("  ", "    ", 1)
    yield "yaml-alias-bomb-wide", "yaml", ok + "metadata:\n" + _yaml_bomb(4, 400)
    yield "yaml-alias-99", "yaml", ok + "metadata:\n  big: &b " + "x" * 100_000 + "\n" + "".join(f"  c{i}: *b\n" for i in range(99))
    yield "yaml-recursive-alias", "yaml", ok + "metadata: &m\n  self: *m\n"
    yield "yaml-merge-bomb", "yaml", ok + "metadata:\n" + _yaml_bomb(6, 6).replace("[", "{k: [") + "\n"
    yield "yaml-deep-flow", "yaml", ok + "metadata: {x: " + "[" * 5000 + "]" * 5000 + "}\n"
    yield "yaml-deep-block", "yaml", ok + "metadata:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(5000)) + "  " * 5001 + "v\n"
    yield "yaml-deep-200", "yaml", ok + "metadata: {x: " + "[" * 300 + "]" * 300 + "}\n"
    yield "yaml-huge-int", "yaml", ok + "metadata:\n  n: " + BIG + "\n"
    yield "yaml-huge-int-tag", "yaml", ok + "metadata:\n  n: !!int '" + BIG + "'\n"
    yield "yaml-list-key", "yaml", ok + "metadata:\n  ? [a, b]\n  : 1\n"
    yield "yaml-map-key", "yaml", ok + "metadata: {? {a: 1} : 2}\n"
    yield "yaml-python-tag", "yaml", ok + "metadata: !!python/object/apply:os.system ['true']\n"
    yield "yaml-python-name", "yaml", ok + "metadata: !!python/name:os.system\n"
    yield "yaml-unknown-tag", "yaml", ok + "metadata: !secret x\n"
    yield "yaml-nul", "yaml", ok.replace("A claim.", f"A{NUL}B")
    yield "yaml-surrogate-raw", "yaml", ok.replace("A claim.", f"A{SURROGATE}B")
    yield "yaml-surrogate-escape", "yaml", ok.replace("A claim.", '"A\\ud800B"')
    yield "yaml-rtl", "yaml", ok.replace("A claim.", f"{RTL}evil")
    yield "yaml-huge-label", "yaml", ok.replace("A claim.", LABEL)
    yield "yaml-dict-bomb", "yaml", ok + "metadata:\n" + "".join(f"  k{i}: {i}\n" for i in range(100_000))
    yield "yaml-duplicate-keys", "yaml", ok + "relations: []\n"
    yield "yaml-syntax", "yaml", ok + "metadata: [\n"
    yield "yaml-tabs", "yaml", "statements:\n\t- id: a\n"
    yield "yaml-scalar", "yaml", "just text"
    yield "yaml-many-docs", "yaml", ok + "---\n" + ok
    yield "yaml-300-problems", "yaml", "statements:\n" + "".join(f"- id: s{i}\n  kind: bogus\n  text: {'x' * 1500}\n" for i in range(300))
    yield "yaml-timestamps", "yaml", ok + "metadata:\n  when: 2024-01-01\n  at: 2001-12-14t21:59:43.10-05:00\n"


def argdown() -> Iterator[Case]:
    yield "argdown-front-matter-bomb", "argdown", "===\nx:\n" + _yaml_bomb() + "===\n\n[A]: a.\n"
    yield (
        "argdown-data-bomb",
        "argdown",
        "[A]: a. {"
        + "x: &a0 [1,1,1,1,1,1,1,1,1], "
        + ", ".join(f"y{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9))
        + "}\n",
    )
    yield "argdown-data-deep", "argdown", "[A]: a. {x: " + "[" * 5000 + "]" * 5000 + "}\n"
    yield "argdown-front-matter-deep", "argdown", "===\nx: " + "[" * 5000 + "]" * 5000 + "\n===\n\n[A]: a.\n"
    yield "argdown-front-matter-int", "argdown", "===\nx: " + BIG + "\n===\n\n[A]: a.\n"
    yield "argdown-front-matter-python", "argdown", "===\nx: !!python/object/apply:os.system ['true']\n===\n\n[A]: a.\n"
    yield "argdown-data-list-key", "argdown", "[A]: a. {? [a] : 1}\n"
    for n in (2_000, 4_000):
        yield f"argdown-dashes-{n}", "argdown", "<A>\n\n(1) p\n" + "-" * n + "x\n(2) c\n"
        yield f"argdown-dashes-inner-{n}", "argdown", "<A>\n\n(1) p\n--" + "-" * n + "x" + "-" * n + "\n(2) c\n"
    yield "argdown-brackets", "argdown", "[" * 50_000 + "A" + "]" * 50_000 + "\n"
    yield "argdown-angles", "argdown", "<" * 50_000 + "A" + ">" * 50_000 + "\n"
    yield "argdown-deep-tree", "argdown", "[A]: a.\n" + "".join("  " * (i + 1) + f"+ [S{i}]: s.\n" for i in range(3000))
    yield "argdown-long-line", "argdown", "[A]: " + "a " * 500_000 + "\n"
    yield "argdown-many-refs", "argdown", "".join(f"[A] + <X{i}>\n" for i in range(20_000))
    yield "argdown-heading", "argdown", "#" * 10_000 + " x\n" + "# " + "h" * 100_000 + "\n"
    yield "argdown-comments", "argdown", "/*" * 20_000 + "\n[A]: a.\n" + "<!--" * 20_000
    yield "argdown-nul", "argdown", f"[A]: a{NUL}b.\n"
    yield "argdown-surrogate", "argdown", f"[A]: a{SURROGATE}b.\n"
    yield "argdown-rtl", "argdown", f"[A{RTL}]: {RTL}a.\n"
    yield "argdown-huge-label", "argdown", "[A]: " + "x" * 100_000 + "\n"
    yield "argdown-tags", "argdown", "[A]: a. " + "#(" * 20_000 + "\n"
    yield "argdown-include", "argdown", "@include(/etc/passwd)\n@include(../../../../etc/shadow)\n[A]: a.\n"


def _aif(nodes: list[object], edges: list[object]) -> str:
    return json.dumps({"nodes": nodes, "edges": edges, "locutions": []})


def aif() -> Iterator[Case]:
    i_node = {"nodeID": "1", "text": "A", "type": "I"}
    yield "aif-deep", "aif", '{"nodes": [], "edges": [], "x": ' + _deep_json(100_000) + "}"
    yield "aif-deep-3k", "aif", '{"nodes": ' + _deep_json(3_000) + ', "edges": []}'
    yield "aif-huge-int-id", "aif", '{"nodes": [{"nodeID": ' + BIG + ', "text": "A", "type": "I"}], "edges": []}'
    yield (
        "aif-missing-node",
        "aif",
        _aif([i_node, {"nodeID": "2", "text": "RA", "type": "RA"}], [{"edgeID": "1", "fromID": "10", "toID": "2"}]),
    )
    yield "aif-list-id", "aif", _aif([{"nodeID": ["1"], "text": "A", "type": "I"}], [{"edgeID": "1", "fromID": ["1"], "toID": {"a": 1}}])
    yield "aif-wrong-types", "aif", _aif([1, "x", None, {"nodeID": None}], [None, 2, {"fromID": None}])
    yield (
        "aif-self-loop",
        "aif",
        _aif([i_node, {"nodeID": "2", "type": "RA", "text": "RA"}], [{"fromID": "1", "toID": "2"}, {"fromID": "2", "toID": "1"}]),
    )
    yield "aif-surrogate", "aif", _aif([{**i_node, "text": "A\ud800"}], []).replace("\\ud800", "\\ud800")
    yield "aif-nul", "aif", _aif([{**i_node, "text": f"A{NUL}B"}], [])
    yield "aif-rtl", "aif", _aif([{**i_node, "text": f"{RTL}A"}], [])
    yield "aif-huge-label", "aif", _aif([{**i_node, "text": LABEL}], [])
    chain = [{"nodeID": str(k), "text": "x", "type": "I" if k % 2 == 0 else "RA"} for k in range(20_000)]
    yield "aif-chain", "aif", _aif(chain, [{"fromID": str(k), "toID": str(k + 1)} for k in range(19_999)])
    yield "ova-wrong-types", "aif", json.dumps({"AIF": {"nodes": {"a": 1}, "edges": [[1]]}, "OVA": [1]})
    yield "ova-deep", "aif", '{"AIF": ' + _deep_json(50_000, "dict") + "}"


def sadface() -> Iterator[Case]:
    meta = {"core": {"id": "x", "version": "0.2"}}
    atom = {"id": "a1", "type": "atom", "text": "A"}
    yield "sadface-deep", "sadface", '{"metadata": ' + _deep_json(100_000, "dict") + ', "nodes": [], "edges": []}'
    yield "sadface-missing-keys", "sadface", json.dumps({"metadata": meta, "nodes": [atom], "edges": [{"id": "e1"}]})
    yield (
        "sadface-missing-node",
        "sadface",
        json.dumps({"metadata": meta, "nodes": [atom], "edges": [{"id": "e", "source_id": "zz", "target_id": "a1"}]}),
    )
    yield "sadface-wrong-types", "sadface", json.dumps({"metadata": [], "nodes": {"a": 1}, "edges": "x", "resources": 1})
    yield "sadface-huge-int", "sadface", '{"metadata": {"core": {"id": ' + BIG + '}}, "nodes": [], "edges": []}'
    yield "sadface-surrogate", "sadface", json.dumps({"metadata": meta, "nodes": [{**atom, "text": "A\ud800"}], "edges": []})
    yield "sadface-nul", "sadface", json.dumps({"metadata": meta, "nodes": [{**atom, "text": f"A{NUL}"}], "edges": []})
    yield "sadface-rtl", "sadface", json.dumps({"metadata": meta, "nodes": [{**atom, "text": f"{RTL}A"}], "edges": []})


def kialo() -> Iterator[Case]:
    head = "Discussion Title: t\n\n1. Thesis\n"
    deep = "".join("1." * (i + 1) + "1. Pro: x\n" for i in range(3_000))
    yield "kialo-deep-numbering", "kialo", head + deep
    yield "kialo-very-deep-one-line", "kialo", head + "1." * 100_000 + " Pro: x\n"
    yield "kialo-huge-number", "kialo", head + "1." + BIG + ". Pro: x\n"
    yield "kialo-see-loop", "kialo", head + "1.1. Pro: -> See 1.1.\n1.2. Con: -> See 1.2.\n"
    yield "kialo-see-missing", "kialo", head + "1.1. Pro: -> See 9.9.9.\n"
    yield "kialo-wide", "kialo", head + "".join(f"1.{i}. Con: c{i}\n" for i in range(1, 20_000))
    yield "kialo-nul", "kialo", head + f"1.1. Pro: a{NUL}b\n"
    yield "kialo-surrogate", "kialo", head + f"1.1. Pro: a{SURROGATE}b\n"
    yield "kialo-rtl", "kialo", head + f"1.1. Pro: {RTL}x\n"
    yield "kialo-long-line", "kialo", head + "1.1. Pro: " + "x" * 1_000_000 + "\n"
    yield "kialo-dots", "kialo", head + "." * 100_000 + "\n"


def microtexts() -> Iterator[Case]:
    edu = '<edu id="e1">A</edu><adu id="a1" type="pro"/><edge id="c1" src="e1" trg="a1" type="seg"/>'
    yield "microtexts-no-ids", "microtexts", "<arggraph>" + "<edu>x</edu>" * 20_000 + "<adu/>" * 20_000 + "<edge/>" * 20_000 + "</arggraph>"
    yield (
        "microtexts-no-segments",
        "microtexts",
        "<arggraph>" + "".join(f'<adu id="a{i}" type="pro"/>' for i in range(20_000)) + "</arggraph>",
    )
    parts = [
        f'<edu id="e{i}">Text {i}.</edu><adu id="a{i}" type="pro"/><edge id="s{i}" src="e{i}" trg="a{i}" type="seg"/>' for i in range(5000)
    ]
    sups = [f'<edge id="c{i}" src="a{i}" trg="a{i - 1}" type="sup"/>' for i in range(1, 5000)]
    yield "microtexts-chain", "microtexts", "<arggraph>" + "".join(parts + sups) + "</arggraph>"
    yield "microtexts-no-central", "microtexts", "<arggraph>" + "".join(parts[:2000]) + "</arggraph>"
    yield "microtexts-deep-xml", "microtexts", "<arggraph>" + "<edu>" * 100_000 + "</edu>" * 100_000 + "</arggraph>"
    yield (
        "microtexts-entity-bomb",
        "microtexts",
        '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><arggraph>&b;</arggraph>',
    )
    yield "microtexts-xxe", "microtexts", '<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><arggraph>&x;</arggraph>'
    yield "microtexts-late-doctype", "microtexts", "<!--" + "x" * 3000 + '--><!DOCTYPE a []><arggraph id="m">' + edu + "</arggraph>"
    yield "microtexts-quote-ids", "microtexts", """<arggraph><edu id="e1">x</edu><adu id="a'1]" type="pro"/></arggraph>"""
    yield "microtexts-surrogate-ref", "microtexts", '<arggraph id="m"><edu id="e1">&#xD800;</edu></arggraph>'
    yield "microtexts-surrogate", "microtexts", f'<arggraph id="m"><edu id="e1">A{SURROGATE}</edu></arggraph>'
    yield "microtexts-nul", "microtexts", f'<arggraph id="m"><edu id="e1">A{NUL}</edu></arggraph>'
    yield "microtexts-rtl", "microtexts", f'<arggraph id="m{RTL}">' + edu.replace(">A<", f">{RTL}A<") + "</arggraph>"
    yield "microtexts-huge-label", "microtexts", '<arggraph id="m">' + edu.replace(">A<", ">" + LABEL + "<") + "</arggraph>"
    yield "microtexts-huge-attr", "microtexts", '<arggraph id="' + "m" * 1_000_000 + '">' + edu + "</arggraph>"
    yield "microtexts-bad-edges", "microtexts", '<arggraph id="m">' + edu + '<edge id="x" src="a1" trg="zz" type="und"/></arggraph>'
    yield "microtexts-implicit-all", "microtexts", '<arggraph id="m">' + edu.replace("<edu ", '<edu implicit="true" ') + "</arggraph>"


def iccma() -> Iterator[Case]:
    yield "af-huge-count", "af", "p af 100000000000\n"
    yield "af-superscript", "af", "p af ²\n"
    yield "af-huge-int", "af", "p af 2\n1 " + BIG + "\n"
    yield "af-negative", "af", "p af 2\n-1 2\n0 0\n"
    yield "af-nul", "af", f"p af 2\n1 2{NUL}\n"
    yield "af-surrogate", "af", f"p af 2\n1 {SURROGATE}\n"
    yield "af-no-header", "af", "1 2\n"
    yield "af-long-line", "af", "p af 3\n" + "1 2 " * 200_000 + "\n"
    yield "apx-long-line", "apx", "".join(f"arg(a{i}). att(a{i},a{i + 1}). " for i in range(50_000))
    yield "apx-huge-name", "apx", "arg(" + "a" * 1_000_000 + ").\n"
    yield "apx-nested", "apx", "arg(" + "(" * 100_000 + "a" + ")" * 100_000 + ").\n"
    yield "apx-unknown-attack", "apx", "arg(a).\natt(a,b).\n"
    yield "apx-nul", "apx", f"arg(a{NUL}).\n"
    yield "apx-surrogate", "apx", f"arg(a{SURROGATE}).\n"
    yield "apx-rtl", "apx", f"arg({RTL}a).\n"
    yield "apx-unterminated", "apx", "arg(a" * 50_000
    yield "tgf-no-hash", "tgf", "1 a\n2 b\n1 2\n"
    yield "tgf-huge", "tgf", "".join(f"{i} n{i}\n" for i in range(100_000)) + "#\n" + "".join(f"{i} {i + 1}\n" for i in range(99_999))
    yield "tgf-unknown", "tgf", "1 a\n#\n1 9\n"
    yield "tgf-nul", "tgf", f"1 a{NUL}\n#\n"
    yield "tgf-surrogate", "tgf", f"1 a{SURROGATE}\n#\n"
    yield "tgf-long-line", "tgf", "1 " + "a" * 1_000_000 + "\n#\n"


def cases() -> list[Case]:
    """Every hostile case, in a fixed order (the corpus is deterministic)."""
    out: list[Case] = []
    for group in (native_json, native_yaml, argdown, aif, sadface, kialo, microtexts, iccma):
        out.extend(group())
    names = [name for name, _, _ in out]
    assert len(names) == len(set(names)), "case names must be unique"
    return out


# ------------------------------------------------------------------ seeds for the fuzz

_FIXTURES = Path(__file__).resolve().parents[1] / "formats" / "fixtures"
_SEEDS: list[tuple[str, str]] = [
    ("aif", "sample.aif.json"),
    ("aif", "sample.ova.json"),
    ("sadface", "sample.sadface.json"),
    ("kialo", "sample.kialo.txt"),
    ("argdown", "constructs.argdown"),
    ("aif", "real/aif/nodeset6064.json"),
    ("sadface", "real/sadface/hangback.json"),
    ("kialo", "real/kialo/hate-speech-10134-excerpt.txt"),
]
_SEEDS += [("argdown", f"argdown/{p.name}") for p in sorted((_FIXTURES / "argdown").glob("*.argdown"))[:6]]


def seed_texts() -> list[tuple[str, str]]:
    out = [(fmt, (_FIXTURES / rel).read_text(encoding="utf-8")) for fmt, rel in _SEEDS if (_FIXTURES / rel).is_file()]
    example = Path(__file__).resolve().parents[2] / "examples" / "example.argmap.yaml"
    if example.is_file():
        yaml_text = example.read_text(encoding="utf-8")
        out.append(("yaml", yaml_text))
        from argmap.formats.native import dump_json, parse_yaml

        out.append(("json", dump_json(parse_yaml(yaml_text))))
    out.append(("microtexts", _MICROTEXTS))
    out.append(("apx", "arg(a).\narg(b).\natt(a,b).\natt(b,a).\n"))
    out.append(("tgf", "1 a\n2 b\n#\n1 2\n2 1\n"))
    out.append(("af", "p af 3\n1 2\n2 3\n# a comment\n"))
    return out


_MICROTEXTS = """<arggraph id="m"><edu id="e1">Cats are good.</edu><edu id="e2" implicit="true">Purring is good.</edu>
<edu id="e3">They purr.</edu><adu id="a1" type="pro"/><adu id="a2" type="pro"/><adu id="a3" type="opp"/>
<edge id="c1" src="e1" trg="a1" type="seg"/><edge id="c2" src="e2" trg="a2" type="seg"/><edge id="c3" src="e3" trg="a3" type="seg"/>
<edge id="c4" src="a2" trg="a1" type="sup"/><edge id="c5" src="a3" trg="c4" type="und"/></arggraph>"""

INSERTS = ["\x00", "\ud800", "\u202e", "9" * 5000, "[" * 300, "{" * 300, "&a ", "*a", "-" * 2000, "\n", '"', "<", "]]>", "\\u"]


def mutate(text: str, rng: random.Random, times: int) -> str:
    """``text`` changed ``times`` times: a hostile insert, a cut, a repeated stretch or one character replaced."""
    for _ in range(times):
        at = rng.randrange(len(text) + 1)
        op = rng.randrange(4)
        if op == 0:
            text = text[:at] + rng.choice(INSERTS) + text[at:]
        elif op == 1:
            text = text[:at] + text[at + rng.randrange(1, 40) :]
        elif op == 2:
            end = min(len(text), at + rng.randrange(1, 80))
            text = text[:at] + text[at:end] * rng.randrange(2, 50) + text[end:]
        else:
            text = text[:at] + chr(rng.randrange(0x20, 0x3000)) + text[at + 1 :]
    return text


def mutants(n: int, *, seed: int = 0) -> list[tuple[str, str]]:
    """``n`` mutated real fixtures, the same ones for the same ``seed``."""
    rng = random.Random(seed)
    seeds = seed_texts()
    out = []
    for _ in range(n):
        fmt, text = rng.choice(seeds)
        out.append((fmt, mutate(text, rng, rng.randint(1, 4))))
    return out


SUFFIX = {"json": ".argmap.json", "yaml": ".argmap.yaml", "argdown": ".argdown", "aif": ".aif.json", "sadface": ".sadface.json"}
SUFFIX |= {"kialo": ".kialo.txt", "microtexts": ".microtexts.xml", "apx": ".apx", "tgf": ".tgf", "af": ".af"}


def write(folder: Path) -> int:
    """Write every case into ``folder`` (surrogates kept as the bytes Python's surrogateescape would give)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, fmt, text in cases():
        (folder / f"{name}{SUFFIX[fmt]}").write_bytes(text.encode("utf-8", "surrogatepass"))
    return len(cases())


def _reader(fmt: str) -> Callable[[str], object]:
    if fmt in ("apx", "tgf", "af"):
        from argmap.semantics import iccma

        parse = {"apx": iccma.parse_apx, "tgf": iccma.parse_tgf, "af": iccma.parse_af}[fmt]
        return lambda text: parse(text, filename=f"hostile.{fmt}")
    from argmap.formats import parse

    return lambda text: parse(text, format=fmt, filename=f"hostile{SUFFIX[fmt]}")


class _Hang(BaseException):
    """Raised by the CPU-time guard (a BaseException, so no reader's ``except Exception`` can swallow it)."""


def run_case(fmt: str, text: str, *, guard: float = 2.0) -> tuple[str, float, str]:
    """Read one case: ``("result" | "error" | "traceback" | "hang", CPU seconds, detail)``.

    The guard counts CPU time (``ITIMER_PROF``), so a machine busy with other work does not make a case hang.
    """
    import signal
    import time
    import warnings

    from argmap.errors import ArgmapError

    def on_alarm(signum: int, frame: object) -> None:
        raise _Hang

    reader = _reader(fmt)
    old = signal.signal(signal.SIGPROF, on_alarm)
    start = time.process_time()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            signal.setitimer(signal.ITIMER_PROF, guard)
            try:
                reader(text)
            finally:
                signal.setitimer(signal.ITIMER_PROF, 0)
        outcome, detail = "result", ""
    except _Hang:
        outcome, detail = "hang", f"over {guard} s of CPU"
    except ArgmapError as exc:
        outcome, detail = "error", str(exc).splitlines()[-1][:200]
    except Exception as exc:  # what the corpus is looking for
        outcome, detail = "traceback", f"{type(exc).__name__}: {str(exc)[:200]}"
    finally:
        signal.signal(signal.SIGPROF, old)
    return outcome, time.process_time() - start, detail


def counts(*, guard: float = 2.0, fuzz: int = 1000) -> str:
    """Run every case, and ``fuzz`` mutated fixtures, and tell the counts (for docs/formats.md) and every case that is not clean."""
    from collections import Counter

    lines = []
    for label, inputs in (
        ("corpus", [(n, f, t) for n, f, t in cases()]),
        ("fuzz", [(f"mutant-{i}", f, t) for i, (f, t) in enumerate(mutants(fuzz))]),
    ):
        tally: Counter[str] = Counter()
        bad: list[str] = []
        for name, fmt, text in inputs:
            outcome, _, detail = run_case(fmt, text, guard=guard)
            tally[outcome] += 1
            if outcome in ("traceback", "hang"):
                bad.append(f"  {name} ({fmt}): {outcome}: {detail}")
        head = f"{label}: inputs {sum(tally.values())}, clean errors {tally['error']}, results {tally['result']}, "
        lines += [head + f"tracebacks {tally['traceback']}, over {guard:g} s {tally['hang']}", *bad]
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) == 2 and sys.argv[1] == "--counts":
        print(counts())
    elif len(sys.argv) == 2:
        print(f"{write(Path(sys.argv[1]))} files written to {sys.argv[1]}")
    else:
        print(__doc__)
