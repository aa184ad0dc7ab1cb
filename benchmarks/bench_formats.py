"""Formats benchmark: the microtexts corpus, parse/dump per format, the Argdown parser's growth, and AIF against arguebuf.

    .venv/bin/python benchmarks/bench_formats.py            # everything (about a minute)
    .venv/bin/python benchmarks/bench_formats.py --quick    # smaller sizes, for a smoke run

1. Import the whole arg-microtexts corpus (224 files) with ``argmap.load`` (read, parse, validate).
2. Parse and dump a generated 10,000-statement map in every format (native JSON is the baseline).
3. The Argdown parser on documents of 1k, 10k and 100k lines: time per line stays flat when it is linear.
4. The same AIF file of 5,000 statements loaded by arguebuf 2.7.2 (``arguebuf.load.file``) and by
   ``argmap.load`` (which validates every reference and rule), alternately, best of 5.
5. Every real file per format (AIFdb, SADFace, Kialo under tests/formats/fixtures/real, the microtexts
   corpus): loaded, statement counts equal to arguebuf's, time beside arguebuf (``--real`` runs only this).
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import argmap
from argmap.formats import get_format
from argmap.formats.argdown import parse_argdown
from argmap.model import ArgumentMap

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "microtexts" / "corpus"
EVIDENCE = ("statistic", "example", "quote", "testimony", "analogy", "historical_fact")


def best(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def synthetic(n: int, seed: int = 1) -> ArgumentMap:
    """A map of ``n`` statements: trees of support and attack under one main claim, linked arguments, undercuts."""
    rnd = random.Random(seed)
    statements: list[dict[str, Any]] = [{"id": "s0", "claim": "The main claim of a long debate.", "tags": ["main"]}]
    relations: list[dict[str, Any]] = []
    for i in range(1, n):
        item: dict[str, Any] = {"id": f"s{i}", "claim": f'Statement {i}: a reason with #{i} and "quotes" in it.'}
        if rnd.random() < 0.3:
            item = {"id": f"s{i}", "evidence": f"Evidence {i}, 68 % of cases.", "evidence_type": rnd.choice(EVIDENCE)}
        if rnd.random() < 0.1:
            item["holder"] = "critics"
        statements.append(item)
        target = f"s{rnd.randrange(max(0, i - 50), i)}"
        kind = "attack" if rnd.random() < 0.25 else "support"
        premises = [f"s{i}"]
        if i > 2 and rnd.random() < 0.1:
            extra = f"s{rnd.randrange(1, i)}"
            if extra not in (target, premises[0]):
                premises.append(extra)
        relations.append({"id": f"r{i}", kind: premises, "target": target, **({"scheme": "Argument from Example"} if i % 7 == 0 else {})})
        if i % 20 == 0 and len(relations) > 2:
            relations.append({"id": f"u{i}", "undercut": [f"s{rnd.randrange(1, i)}"], "target": f"r{rnd.randrange(1, i)}"})
    relations = [r for r in relations if r["target"] not in (r.get("support") or r.get("attack") or r.get("undercut"))]
    return ArgumentMap.model_validate({"title": "Synthetic", "main_claim": "s0", "statements": statements, "relations": relations})


def argdown_lines(lines: int) -> str:
    """An Argdown document of about ``lines`` lines: statements with tags and data, trees, PCS arguments."""
    out = ["===", "title: Scaling", "===", ""]
    n = 0
    while len(out) < lines:
        out.append(f"[S{n}]: Statement {n} with a #tag and some text. {{page: {n}}}")
        out.append(f"  <+ [S{n}a]: A reason for statement {n}.")
        out.append(f"  - [S{n}b]: An objection to statement {n}.")
        out.append(f"    _> <A{n}>")
        out.append(f"<A{n}>: Argument {n}.")
        out.append(f"(1) [P{n}]: Premise {n}.")
        out.append(f"(2) [S{n}a]")
        out.append("----")
        out.append(f"(3) [S{n}]")
        n += 1
    return "\n".join(out) + "\n"


def section_corpus() -> None:
    files = sorted(CORPUS.glob("*/*.xml"))
    if not files:
        print(f"\n(corpus not found at {CORPUS}; skipped)")
        return
    seconds = best(lambda: [argmap.load(f) for f in files], 3)
    stmts = sum(len(argmap.load(f).statements) for f in files)
    print("\n### arg-microtexts corpus\n")
    print("| files | statements | total | per file |\n|---:|---:|---:|---:|")
    print(f"| {len(files)} | {stmts:,} | {seconds * 1000:.0f} ms | {seconds / len(files) * 1000:.2f} ms |")


def section_per_format(n: int) -> None:
    m = synthetic(n)
    print(f"\n### Parse and dump, {len(m.statements):,} statements and {len(m.relations):,} relations\n")
    print("| format | dump | parse | size | parse vs JSON |\n|---|---:|---:|---:|---:|")
    base: float | None = None
    for name in ("json", "yaml", "argdown", "aif", "mermaid", "graphml", "dot"):
        fmt = get_format(name)
        try:
            assert fmt.dump is not None
            dump = fmt.dump
            text = dump(m)
            t_dump = best(lambda dump=dump: dump(m), 3)  # type: ignore[misc]
        except argmap.ArgmapError as exc:
            print(f"| {name} | ({exc}) | | | |")
            continue
        parse_cell = ratio = "write only"
        if fmt.parse is not None:
            parse = fmt.parse
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                assert parse(text).model_dump() == m.model_dump(), name  # the round trip holds at this size
            t_parse = best(lambda parse=parse, text=text: parse(text), 3)  # type: ignore[misc]
            base = base or t_parse
            parse_cell, ratio = f"{t_parse * 1000:.0f} ms", f"{t_parse / base:.2f}"
        print(f"| {name} | {t_dump * 1000:.0f} ms | {parse_cell} | {len(text) / 1e6:.1f} MB | {ratio} |")


def section_argdown_scaling(sizes: list[int]) -> None:
    print("\n### Argdown parser growth\n")
    print("| lines | statements | parse | per 1k lines |\n|---:|---:|---:|---:|")
    for lines in sizes:
        text = argdown_lines(lines)
        count = text.count("\n")
        m = parse_argdown(text)
        seconds = best(lambda text=text: parse_argdown(text), 3 if lines <= 10_000 else 2)  # type: ignore[misc]
        print(f"| {count:,} | {len(m.statements):,} | {seconds * 1000:.0f} ms | {seconds / count * 1e6:.1f} ms |")


def section_arguebuf(n: int) -> None:
    try:
        import arguebuf
    except ImportError:
        print("\n(arguebuf not installed: pip install arguebuf==2.7.2, or the [bench] extra; skipped)")
        return
    m = synthetic(n, seed=2)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "map.json"  # arguebuf picks its loader by the .json suffix
        argmap.save(m, path, format="aif")
        argmap_times, arguebuf_times = [], []
        for _ in range(5):
            gc.collect()
            t0 = time.perf_counter()
            ours = argmap.load(path, format="aif")
            argmap_times.append(time.perf_counter() - t0)
            gc.collect()
            t0 = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                theirs = arguebuf.load.file(path)
            arguebuf_times.append(time.perf_counter() - t0)
        assert len(ours.statements) == len(theirs.atom_nodes) == len(m.statements)
        ours_t, theirs_t = min(argmap_times), min(arguebuf_times)
        print(
            f"\n### AIF load, {len(m.statements):,} statements, {len(m.relations):,} relations: argmap vs arguebuf {arguebuf_version()}\n"
        )
        print("| loader | best of 5 | ratio to arguebuf |\n|---|---:|---:|")
        print(f"| arguebuf.load.file | {theirs_t * 1000:.0f} ms | 1.00 |")
        print(f"| argmap.load (validates) | {ours_t * 1000:.0f} ms | {ours_t / theirs_t:.2f} |")


REAL = ROOT / "tests" / "formats" / "fixtures" / "real"
FIXTURES = ROOT / "tests" / "formats" / "fixtures"


def real_corpora() -> dict[str, list[Path]]:
    """Files per format that other tools wrote (tests/formats/fixtures/real, its README says where from), and the microtexts corpus."""
    corpora = {
        "aif": [*sorted((REAL / "aif").glob("*.json")), FIXTURES / "sample.aif.json", FIXTURES / "sample.ova.json"],
        "sadface": [*sorted((REAL / "sadface").glob("*.json")), FIXTURES / "sample.sadface.json"],
        "kialo": [*sorted((REAL / "kialo").glob("*.txt")), FIXTURES / "sample.kialo.txt"],
    }
    if CORPUS.is_dir():
        corpora["microtexts"] = sorted(CORPUS.rglob("*.xml"))
    return corpora


def _import_all(files: list[Path], load: Callable[[Path], int]) -> tuple[float, dict[Path, int | None]]:
    """Load every file (best of 3 passes); the statement count of each, or None where the loader failed."""
    counts: dict[Path, int | None] = {}
    times = []
    for _ in range(3):
        gc.collect()
        t0 = time.perf_counter()
        for f in files:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    counts[f] = load(f)
            except Exception:  # a failure is what is counted
                counts[f] = None
        times.append(time.perf_counter() - t0)
    return min(times), counts


def section_real_files() -> None:
    """Every real file per format through ``argmap.load`` (no format named) and ``arguebuf.load.file``."""
    try:
        import arguebuf
    except ImportError:
        arguebuf = None
    print("\n### Real files per format: argmap.load (format by suffix and content) beside arguebuf.load.file\n")
    print("| format | files | argmap loads | arguebuf loads | same statement count | argmap | arguebuf | ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for fmt, files in real_corpora().items():
        ours_t, ours = _import_all(files, lambda f: len(argmap.load(f).statements))
        row = f"| {fmt} | {len(files)} | {sum(v is not None for v in ours.values())} |"
        if arguebuf is None:
            print(f"{row} (not installed) | | {ours_t * 1000:.1f} ms | | |")
            continue
        theirs_t, theirs = _import_all(files, lambda f: len(arguebuf.load.file(f).atom_nodes))
        same = sum(ours[f] is not None and ours[f] == theirs[f] for f in files)
        loaded = sum(v is not None for v in theirs.values())
        print(f"{row} {loaded} | {same} | {ours_t * 1000:.1f} ms | {theirs_t * 1000:.1f} ms | {ours_t / theirs_t:.2f} |")


def section_sniff(n: int) -> None:
    """What reading a plain ``.json`` by its content costs: ``json_kind`` beside the parse it chooses."""
    from argmap.formats import json_kind, parse

    m = synthetic(n, seed=3)
    m = m.model_copy(update={"metadata": {"notes": {f"k{i}": "x" * 40 for i in range(2_000)}}})  # keys before "statements"
    print(f"\n### Picking a .json file's format by its content, {len(m.statements):,} statements\n")
    print("| content | size | json_kind | parse | json_kind vs parse |\n|---|---:|---:|---:|---:|")
    for fmt in ("json", "aif"):
        text = argmap.dump(m, fmt)
        kind_t = best(lambda text=text: json_kind(text), 5)  # type: ignore[misc]
        parse_t = best(lambda text=text, fmt=fmt: parse(text, fmt), 3)  # type: ignore[misc]
        assert json_kind(text) == fmt
        print(f"| {fmt} | {len(text) / 1e6:.1f} MB | {kind_t * 1000:.2f} ms | {parse_t * 1000:.0f} ms | {kind_t / parse_t:.4f} |")


def arguebuf_version() -> str:
    from importlib.metadata import version

    return version("arguebuf")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    parser.add_argument("--real", action="store_true", help="only the real files per format beside arguebuf (seconds)")
    args = parser.parse_args(argv)
    print(f"Python {sys.version.split()[0]}, argmap {argmap.__version__}")
    if args.real:
        section_real_files()
        section_sniff(10_000)
        return
    section_corpus()
    section_per_format(1_000 if args.quick else 10_000)
    section_argdown_scaling([1_000, 10_000] if args.quick else [1_000, 10_000, 100_000])
    section_arguebuf(500 if args.quick else 5_000)
    section_real_files()
    section_sniff(1_000 if args.quick else 10_000)


if __name__ == "__main__":
    main()
