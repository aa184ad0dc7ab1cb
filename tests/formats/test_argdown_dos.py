"""Argdown reader under hostile input: every line is read in linear time (issue 18, point 3).

Each stressor is a line or document that made a backtracking regular expression or a per-line copy blow up
(an inference line of dashes and one other character took 17 s at 2,000 dashes). The wall-clock bound is a
generous hang guard, not a speed measurement: the quadratic or cubic versions take minutes to hours here.
"""

from __future__ import annotations

import time
import warnings

import pytest

from argmap.errors import ArgmapError
from argmap.formats._argdown_text import inference_inner
from argmap.formats.argdown import _sniff, parse_argdown

N = 100_000
HANG_GUARD = 5.0  # seconds for a ~100-200 KB document; the linear reader needs well under a second

STRESSORS = {
    "dashes and an x": "<A>\n(1) [P]: p\n" + "-" * N + "x\n(2) [C]: c\n",
    "dashes, x, dashes": "<A>\n(1) [P]: p\n" + "-" * N + "x" + "-" * N + "x\n(2) [C]: c\n",
    "x between dash runs": "<A>\n(1) [P]: p\n--" + "x-" * N + "\n(2) [C]: c\n",
    "dashes and spaces": "<A>\n(1) [P]: p\n" + "- " * N + "x\n(2) [C]: c\n",
    "long dash inference": "<A>\n(1) [P]: p\n" + "-" * N + "\n(2) [C]: c\n",
    "huge premise number": "<A>\n(" + "9" * N + ") [P]: p\n----\n(2) [C]: c\n",
    "open parenthesis digits": "(" + "1" * N + "\n",
    "heading of hashes": "#" * N + " x\n",
    "heading spaces": "# " + " " * N + "x\n",
    "many continuation lines": "[A]: start\n" + "word\n" * N,
    "unclosed brackets": "[" * N + "\n",
    "unclosed angle": "<" * N + "\n",
    "data pairs": "[A]: a {" + "k: v v v v, " * (N // 10) + "k: v v v ]\n",
    "data words": "[A]: a {k: " + "w " * N + "!\n",
    "tags": "[A]: a " + "#t" * N + "\n",
    "open tag brackets": "[A]: a " + " #(" * N + "\n",
    "escapes": "[A]: " + "\\" * N + "x\n",
    "relation markers": "[A]: a\n" + "  " + "+ " * N + "[B]: b\n",
    "deep tree": "[A]: a\n" + "".join(" " * (i % 400 + 2) + f"+ [S{i}]: s\n" for i in range(5000)),
    "comment openers": "/*" * N + "\n",
    "block comments": "/**/" * N + "\n",
    "blank lines then text": "\n" * N + "[A]: a\n",
    "front matter lines": "===\n" + "k: v\n" * 1000 + "===\n[A]: a\n",
}


@pytest.mark.parametrize("text", STRESSORS.values(), ids=STRESSORS.keys())
def test_hostile_lines_finish_fast(text: str) -> None:
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            parse_argdown(text, filename="x.argdown")
        except ArgmapError as exc:
            assert str(exc)
    assert time.perf_counter() - start < HANG_GUARD


def test_sniff_many_blank_lines_is_fast() -> None:
    start = time.perf_counter()
    assert not _sniff("\n" * N + " ")
    assert time.perf_counter() - start < HANG_GUARD


@pytest.mark.parametrize(
    ("line", "inner"),
    [
        ("----", ""),
        ("-----  ", ""),
        ("-- Modus ponens --", " Modus ponens "),
        ("--- a - b ---", " a - b "),
        ("--x--", "x"),
        ("---", None),
        ("--x", None),
        ("-" * 2000 + "x", None),
        ("--{uses: [1]}--", "{uses: [1]}"),
    ],
)
def test_inference_line_scan(line: str, inner: str | None) -> None:
    assert inference_inner(line) == inner


def test_inference_line_of_dashes_and_x_is_a_clean_error() -> None:
    with pytest.raises(ArgmapError, match=r"x.argdown:3:1: expected an inference line"):
        parse_argdown("<A>\n(1) [P]: p\n" + "-" * 2000 + "x\n(2) [C]: c\n", filename="x.argdown")


def _bomb(levels: int = 9) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "===\nmetadata:\n" + "\n".join("  " + ln for ln in _bomb().splitlines()) + "\n===\n[A]: a\n",
            r"x.argdown:\d+:\d+: front matter: expands to more than 100,000 values",
        ),
        ("===\n" + _bomb() + "\n===\n[A]: a\n", r"expands to more than 100,000 values"),
        ("[A]: a {" + _bomb().replace("\n", ", ") + "}\n", r"x.argdown:1:\d+: data \{...\}: expands to more than 100,000 values"),
        ("[A]: a {k: " + "[" * 50_000 + "]" * 50_000 + "}\n", r"data \{...\}: nested more than"),
        ("[A]: a {k: .inf}\n", r"must be finite"),
        ("===\n1: one\n===\n[A]: a\n", r"key must be text"),
        ("===\nx: " + "9" * 5000 + "\n===\n\n[A]: a.\n", r"x.argdown:2:4: front matter: .*digits"),
        ("[A]: a {x: " + "9" * 5000 + "}\n", r"x.argdown:1:\d+: data \{...\}: .*digits"),
    ],
    ids=[
        "front matter alias bomb",
        "top-level bomb",
        "data alias bomb",
        "deep data",
        "infinity",
        "number key",
        "long int",
        "long int data",
    ],
)
def test_yaml_bombs_fail_fast_with_a_clean_error(text: str, expected: str) -> None:
    assert len(_bomb()) < 600
    start = time.perf_counter()
    with pytest.raises(ArgmapError, match=expected):
        parse_argdown(text, filename="x.argdown")
    assert time.perf_counter() - start < HANG_GUARD


def test_control_characters_are_refused_with_their_place() -> None:
    with pytest.raises(ArgmapError, match=r"x.argdown:2:7: character U\+0000"):
        parse_argdown("[A]: a\n[B]: b\x00c\n", filename="x.argdown")
