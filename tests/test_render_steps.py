"""Slide builds told as a speaker would: the rules of step_order on the essay and on random maps, one layout."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring
from hypothesis import HealthCheck, given, settings
from strategies import argument_maps, argument_trees

import argmap
from argmap.render import render_steps, slide_fit, step_order
from argmap.render.order import MAX_NEW

NS = "{http://www.w3.org/2000/svg}"
ESSAY = Path(__file__).resolve().parents[1] / "examples" / "social_media" / "social-media.argmap.yaml"
ATTACKS = ("attack", "undercut")


def check_steps(m: argmap.ArgumentMap, order: list[list[str]]) -> None:
    """Every rule of a slide build, as the issue states it."""
    if not m.statements:
        assert order == []
        return
    flat = [i for ids in order for i in ids]
    assert sorted(flat) == sorted([s.id for s in m.statements] + [r.id for r in m.relations]), "everything once"
    step = {i: n for n, ids in enumerate(order, start=1) for i in ids}
    main = order[0]
    assert len(main) == 1 and m.has_statement(main[0]), "step 1 is the main claim alone"
    for n, ids in enumerate(order, start=1):
        new = [i for i in ids if m.has_statement(i)]
        assert new, f"step {n} adds no statement"
        assert len(new) <= MAX_NEW or n == 1, f"step {n} adds {len(new)} statements"
    pillars = [r for r in m.relations if r.target == main[0] and r.type != "preference"]
    if pillars and sum(len(r.premises) for r in pillars) <= MAX_NEW:
        assert all(step[p] == 2 for r in pillars for p in r.premises), "step 2 is the main claim's pillars"

    def answers_of(x: object) -> list[object]:
        return [y for y in m.relations if y.type in ATTACKS and y.id != x.id and (y.target == x.id or y.target in x.premises)]

    due: dict[int, int] = {}  # statements of answers owed to the objections of each step
    for x in m.relations:
        if x.type in ATTACKS:
            due[step[x.id]] = due.get(step[x.id], 0) + len({p for y in answers_of(x) for p in y.premises if step[p] >= step[x.id]})
    for x in m.relations:
        if x.type not in ATTACKS:
            continue
        answers = [y for y in m.relations if y.type in ATTACKS and y.id != x.id and (y.target == x.id or y.target in x.premises)]
        if not answers:
            continue
        # every answer by the next step; when the answers owed on one step hold more than a step can
        # (more than MAX_NEW statements), at least one answer to each objection
        late = [y.id for y in answers if step[y.id] > step[x.id] + 1]
        if due[step[x.id]] <= MAX_NEW:
            assert not late, f"objection {x.id} (step {step[x.id]}) answered by {late} only later"
        else:
            assert len(late) < len(answers), f"objection {x.id} (step {step[x.id]}) is not answered on the next step"
    for r in m.relations:  # a relation never shows before what it connects
        for end in (*r.premises, r.target):
            assert step[end] <= step[r.id], f"{r.id} shows before {end}"


def test_the_essay_build_follows_the_rules() -> None:
    if not ESSAY.exists():
        pytest.skip("the essay map examples/social_media/social-media.argmap.yaml is not in this checkout")
    m = argmap.load(ESSAY)
    order = step_order(m)
    check_steps(m, order)
    pillars = {p for r in m.relations if r.target == m.main_claim for p in r.premises}
    assert {i for i in order[1] if m.has_statement(i)} == pillars, "a frame of the thesis and its pillars"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_trees(max_statements=40))
def test_random_trees_follow_the_rules(m: argmap.ArgumentMap) -> None:
    check_steps(m, step_order(m))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_maps(max_statements=12, max_relations=16))
def test_random_maps_follow_the_rules_where_they_can(m: argmap.ArgumentMap) -> None:
    check_steps(m, step_order(m))


def test_frames_share_one_slide_shaped_layout() -> None:
    if not ESSAY.exists():
        pytest.skip("the essay map is not in this checkout")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = render_steps(argmap.load(ESSAY), preset="overview")
    assert len(result.frames) == len(result.order)
    last = fromstring(result.frames[-1])
    where = {g.get("id"): g.find(f"{NS}polygon").get("points") for g in last.iter(NS + "g") if g.find(f"{NS}polygon") is not None}
    for frame in result.frames:
        fit = slide_fit(frame)
        assert abs(fit.aspect - 16 / 9) <= 0.3 * 16 / 9, "every step is slide-shaped"
        root = fromstring(frame)
        assert root.get("viewBox") == last.get("viewBox")
        for g in root.iter(NS + "g"):
            poly = g.find(f"{NS}polygon")
            if poly is not None and g.get("id") in where:
                assert poly.get("points") == where[g.get("id")], f"{g.get('id')} moved"
