"""Loading JSON fast (issue 14): the long-form path gives the same map as the full validation, and refuses the rest.

``argmap._validate.validate_map_json`` first validates without the short-form expansions and falls back to
the full validation on any error; the collector, paused while a map is built, is resumed without walking
the new objects. Neither may change what a load gives or which errors it reports.
"""

from __future__ import annotations

import gc
import json

import pydantic
import pytest
from hypothesis import HealthCheck, given, settings
from strategies import argument_maps

from argmap import ArgumentMap, InvalidMapError
from argmap._util import paused_gc
from argmap._validate import _long_form_validator, validate_map_json
from argmap.formats.native import dump_json, parse_json


def fast(text: str) -> ArgumentMap:
    validator = _long_form_validator()
    assert validator is not None, "ArgumentMap's core schema no longer has the short-form validator where expected"
    result: ArgumentMap = validator.validate_json(text)
    return result


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_maps())
def test_the_fast_path_accepts_what_argmap_writes_and_gives_the_same_map(m: ArgumentMap) -> None:
    text = dump_json(m)
    assert fast(text) == ArgumentMap.model_validate_json(text) == m
    assert parse_json(text) == m


def test_a_short_form_is_left_to_the_full_validation_and_gets_the_map_language() -> None:
    text = json.dumps(
        {
            "language": "nl",
            "statements": [{"id": "c1", "kind": "claim", "text": "Katten zijn goed."}, {"id": "e1", "evidence": "Ze spinnen."}],
            "relations": [{"support": "e1", "target": "c1"}],
        }
    )
    with pytest.raises(pydantic.ValidationError):
        fast(text)
    m = validate_map_json(text)
    assert m.statement("c1").text == {"nl": "Katten zijn goed."}  # the map's language, not the default 'en'
    assert m.statement("e1").kind == "evidence" and m.relation("r1").premises == ("e1",)


LONG_STATEMENT = {"id": "c1", "kind": "claim", "text": {"en": "A"}}
LONG_RELATION = {"id": "r1", "type": "support", "premises": ["e1"], "target": "c1"}


@pytest.mark.parametrize(
    ("statement", "relation"),
    [
        ({"id": "c1", "kind": "claim", "text": "Bare."}, LONG_RELATION),
        ({**LONG_STATEMENT, "title": "Bare"}, LONG_RELATION),
        ({**LONG_STATEMENT, "title": None}, LONG_RELATION),
        ({**LONG_STATEMENT, "holder": "critics"}, LONG_RELATION),
        ({**LONG_STATEMENT, "tags": "one"}, LONG_RELATION),
        ({"id": "c1", "claim": "Short."}, LONG_RELATION),
        (LONG_STATEMENT, {"support": "e1", "target": "c1"}),
        (LONG_STATEMENT, {"type": "support", "premises": "e1", "target": "c1", "id": "r1"}),
        (LONG_STATEMENT, {"type": "support", "premises": ["e1"], "target": "c1"}),
    ],
)
def test_a_short_form_is_refused_by_the_fast_path_and_read_by_the_full_one(
    statement: dict[str, object], relation: dict[str, object]
) -> None:
    evidence = {"id": "e1", "kind": "evidence", "text": {"nl": "B"}}
    text = json.dumps({"language": "nl", "statements": [statement, evidence], "relations": [relation]})
    with pytest.raises(pydantic.ValidationError):
        fast(text)
    assert validate_map_json(text) == ArgumentMap.model_validate_json(text)


def test_the_long_form_of_the_same_map_takes_the_fast_path() -> None:
    evidence = {"id": "e1", "kind": "evidence", "text": {"nl": "B"}}
    text = json.dumps({"language": "nl", "statements": [LONG_STATEMENT, evidence], "relations": [LONG_RELATION]})
    assert fast(text) == validate_map_json(text) == ArgumentMap.model_validate_json(text)


def test_a_broken_rule_is_reported_as_by_the_full_validation() -> None:
    data = {"statements": [{"id": "c1", "kind": "claim", "text": {"en": "A"}}], "relations": []}
    data["relations"] = [{"id": "r1", "type": "support", "premises": ["c1"], "target": "nope"}]
    with pytest.raises(InvalidMapError) as info:
        validate_map_json(json.dumps(data), file="m.json")
    assert [(p.path, p.message) for p in info.value.problems] == [("relations[0].target", "unknown statement 'nope'")]


def test_resuming_the_collector_leaves_nothing_young_and_nothing_frozen() -> None:
    assert gc.isenabled()
    before = gc.get_freeze_count()
    with paused_gc():
        kept = [[i] for i in range(50_000)]  # tracked objects, all kept
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert id(kept[0]) in oldest and id(kept[-1]) in oldest  # promoted at once, not walked by a young collection first
    assert gc.get_freeze_count() == before and gc.isenabled()
    assert len(kept) == 50_000


def test_a_program_that_freezes_objects_keeps_them_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with paused_gc():
            kept = [[i] for i in range(1_000)]
        assert gc.get_freeze_count() == frozen and kept
    finally:
        gc.unfreeze()


@pytest.mark.parametrize(
    "text",
    [{}, {"en": ""}, {"en": " \u00a0\u2003\x1c\n"}, {"EN": "A"}, {"en\n": "A"}, {"en": "x" * 20_001}, {"en": "A", "nl": "\t"}],
)
def test_a_text_that_breaks_a_rule_is_refused_by_the_fast_path_and_reported_by_the_full_one(text: dict[str, str]) -> None:
    data = {"statements": [{"id": "c1", "kind": "claim", "text": text}], "relations": []}
    raw = json.dumps(data)
    with pytest.raises(pydantic.ValidationError):
        fast(raw)
    try:
        full = ArgumentMap.model_validate_json(raw)
    except pydantic.ValidationError:
        full = None
    if full is None:
        with pytest.raises(InvalidMapError):
            validate_map_json(raw)
    else:  # 'en\n': the full rules take it (Python's $ allows a final newline); the fast path only left it to them
        assert validate_map_json(raw) == full


def test_not_blank_means_what_str_isspace_means_for_every_code_point() -> None:
    """The fast path's pattern for a non-blank text finds a character exactly when ``str.isspace`` says it is not white space."""
    from pydantic_core import SchemaValidator

    from argmap._validate import _NOT_BLANK

    check = SchemaValidator({"type": "str", "pattern": _NOT_BLANK})
    differ = []
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        try:
            check.validate_python(char)
            found = True
        except pydantic.ValidationError:
            found = False
        if found == char.isspace():
            differ.append(hex(code))
    assert differ == []


def test_a_premise_listed_twice_is_found_after_the_fast_path_and_reported_by_the_full_one() -> None:
    statements = [{"id": "c1", "kind": "claim", "text": {"en": "A"}}, {"id": "e1", "kind": "evidence", "text": {"en": "B"}}]
    relations = [{"id": "r1", "type": "support", "premises": ["e1", "e1"], "target": "c1"}]
    with pytest.raises(InvalidMapError) as info:
        validate_map_json(json.dumps({"statements": statements, "relations": relations}))
    assert [(p.path, p.message) for p in info.value.problems] == [("relations[0].premises", "premise 'e1' is listed twice")]


def test_folding_white_space_is_comparing_words_when_there_is_no_zero_width_character() -> None:
    """The anchor check compares ``split()`` words instead of ``normalize_space`` when no zero-width character is present."""
    import random
    import re

    from argmap._text import normalize_space

    space = re.compile(r"\s")
    assert [hex(c) for c in range(0x110000) if (space.fullmatch(chr(c)) is not None) != chr(c).isspace()] == []
    rnd = random.Random(14)
    alphabet = "ab \t\n\u00a0\u2007\u202f\u3000\x1c\x85é"
    for _ in range(2_000):
        s = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(12)))
        assert normalize_space(s) == " ".join(s.split()), repr(s)


def test_the_fast_path_refuses_short_forms_even_after_a_part_was_validated_on_its_own() -> None:
    # pydantic-core reuses a complete nested model's own validator (short forms and all) when it builds a schema;
    # a fresh interpreter that validates a Claim before the first load must still get the long-form validator.
    import subprocess
    import sys

    code = (
        "import json, pydantic\n"
        "from argmap.model import Claim, Support\n"
        "Claim(id='c0', text={'nl': 'x'}); Support(id='r0', premises=['c0'], target='c1')\n"
        "from argmap._validate import _long_form_validator\n"
        "text = json.dumps({'language': 'nl', 'statements': [{'id': 'c1', 'kind': 'claim', 'text': 'Bare.'}]})\n"
        "try:\n"
        "    _long_form_validator().validate_json(text)\n"
        "except pydantic.ValidationError:\n"
        "    print('refused')\n"
        "else:\n"
        "    print('accepted')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "refused", done.stdout + done.stderr


# The map-wide rules checked for the whole map at once (argmap.model._references_hold, _anchors_hold): a map that
# breaks one must be refused with the message the one-at-a-time check gives.


def _map(relations: list[dict[str, object]], anchors: list[dict[str, object]] | None = None) -> str:
    statements: list[dict[str, object]] = [
        {"id": "a", "kind": "claim", "text": {"en": "A."}},
        {"id": "b", "kind": "claim", "text": {"en": "B."}},
        {"id": "c", "kind": "claim", "text": {"en": "C."}, "anchors": anchors or []},
    ]
    source = {"id": "src", "text": "One\u00a0two  three. Four."}
    return json.dumps({"sources": [source], "statements": statements, "relations": relations})


_FINE = [
    {"id": "r1", "type": "support", "premises": ["b"], "target": "a"},
    {"id": "r2", "type": "attack", "premises": ["c"], "target": "a"},
]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"id": "u", "type": "undercut", "premises": ["c"], "target": "u"}, "undercut 'u' cannot target itself"),
        ({"id": "u", "type": "undercut", "premises": ["c"], "target": "zz"}, "unknown relation 'zz'"),
        ({"id": "u", "type": "undercut", "premises": ["c"], "target": "a"}, "unknown relation 'a' (a statement"),
        ({"id": "u", "type": "undercut", "premises": ["zz"], "target": "r1"}, "unknown statement 'zz'"),
        ({"id": "u", "type": "support", "premises": ["c"], "target": "r1"}, "unknown statement 'r1' ('r1' is a relation"),
        ({"id": "u", "type": "rephrase", "premises": ["r1"], "target": "a"}, "'r1' is a relation; premises must be statements"),
        ({"id": "u", "type": "attack", "premises": ["a", "b"], "target": "a"}, "'a' is both a premise and the target"),
        ({"id": "u", "type": "preference", "premises": ["r1"], "target": "zz"}, "unknown statement or relation 'zz'"),
    ],
)
def test_a_broken_reference_is_found_by_the_whole_map_check(extra: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidMapError) as info:
        parse_json(_map([*_FINE, extra]))
    assert any(message in p.message and p.path.startswith("relations[2]") for p in info.value.problems), info.value.problems
    fine = parse_json(_map([*_FINE, {"id": "u", "type": "undercut", "premises": ["c"], "target": "r1"}]))
    assert fine.relation("u").target == "r1"


@pytest.mark.parametrize(
    ("anchor", "message"),
    [
        ({"source": "src", "quote": "two three", "start": 0, "end": 9}, "offsets 0-9 do not hold the quote; the quote is at 4-14"),
        ({"source": "src", "quote": "Four.", "start": 16, "end": 30}, "offsets 16-30 do not hold the quote"),
        ({"source": "nope", "quote": "Four.", "start": 16, "end": 21}, "unknown source 'nope'"),
        ({"source": "src", "quote": "Five.", "start": 16, "end": 21}, "do not hold the quote"),
        ({"source": "src", "quote": "Four\u200b.", "start": 16, "end": 21}, "do not hold the quote"),
    ],
)
def test_a_broken_anchor_is_found_by_the_whole_map_check(anchor: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidMapError) as info:
        parse_json(_map(_FINE, [{"source": "src", "quote": "One two", "start": 0, "end": 7}, anchor]))
    assert any(message in p.message and "anchors[1]" in p.path for p in info.value.problems), info.value.problems


def test_anchors_whose_offsets_hold_the_quote_up_to_white_space_are_kept_as_written() -> None:
    anchors = [{"source": "src", "quote": "One two three.", "start": 0, "end": 15}, {"source": "src", "quote": "Four."}]
    m = parse_json(_map(_FINE, anchors))
    assert [(a.start, a.end) for a in m.statement("c").anchors] == [(0, 15), (16, 21)]  # the second filled in


def test_a_second_thread_cannot_build_the_fast_path_while_the_first_one_does(monkeypatch: pytest.MonkeyPatch) -> None:
    # Building flips shared class flags for a moment (_no_prebuilt_validators). Without the lock a second thread
    # built too, after the first had put the flags back, and cached a validator that expands short forms.
    import threading

    from argmap import _validate
    from argmap.model import Claim

    Claim(id="c0", text={"nl": "x"})  # complete: pydantic-core would reuse its own validator
    real = _validate.SchemaValidator
    first_done, second_arrived = threading.Event(), threading.Event()
    calls: list[str] = []

    def slow_build(*args: object, **kwargs: object) -> object:
        name = threading.current_thread().name
        calls.append(name)
        if name == "second":
            second_arrived.set()
            first_done.wait(5)  # build only after the first thread has put the flags back
        else:
            second_arrived.wait(0.5)  # give the second thread its chance to build at the same time
        return real(*args, **kwargs)

    monkeypatch.setattr(_validate, "SchemaValidator", slow_build)
    _validate._build_long_form_validator.cache_clear()
    try:
        first = threading.Thread(target=_validate._long_form_validator, name="first")
        first.start()
        while not calls:  # the first thread is building
            threading.Event().wait(0.01)
        second = threading.Thread(target=_validate._long_form_validator, name="second")
        second.start()
        first.join(10)
        first_done.set()
        second.join(10)
        text = json.dumps({"language": "nl", "statements": [{"id": "c1", "kind": "claim", "text": "Bare."}]})
        with pytest.raises(pydantic.ValidationError):
            fast(text)
        assert calls == ["first"]
    finally:
        _validate._build_long_form_validator.cache_clear()
