"""Department history: any sequence of renames, merges and splits answers consistently."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kodaira_desk.domain.departments import (
    DepartmentHistory,
    ReorganisationError,
    ReorganisationKind,
    apply,
    dedupe,
)
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import DepartmentLink, Role

START = 2020
INITIAL = ["産業振興課", "文化スポーツ課", "子育て支援課", "高齢者支援課"]


def _link(name: str, lead: bool = True) -> DepartmentLink:
    return DepartmentLink(name, Role.LEAD if lead else Role.RELATED)


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[dict[str, tuple[DepartmentLink, ...]], list[tuple]]:
    items = {}
    for i in range(draw(st.integers(1, 6))):
        picked = draw(st.lists(st.sampled_from(INITIAL), min_size=1, max_size=3, unique=True))
        roles = draw(st.lists(st.booleans(), min_size=len(picked), max_size=len(picked)))
        items[f"node:p:{i}"] = tuple(_link(n, r) for n, r in zip(picked, roles, strict=True))
    steps = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(list(ReorganisationKind)))
        gap = draw(st.integers(0, 2))
        steps.append((kind, gap, draw(st.randoms(use_true_random=False))))
    return items, steps


@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_every_year_answers_as_it_was(scenario: tuple) -> None:
    items, steps = scenario
    links = dict(items)
    existing = list(INITIAL)
    history = DepartmentHistory()
    year = START
    truth: dict[int, dict[str, tuple[DepartmentLink, ...]]] = {START - 1: dict(links)}
    fresh = iter(f"新設{n}課" for n in range(1000))
    for kind, gap, rnd in steps:
        year += gap
        live = [d for d in existing]
        if kind is ReorganisationKind.MERGE and len(live) < 2:
            continue
        if kind is ReorganisationKind.RENAME:
            sources, targets = (rnd.choice(live),), (next(fresh),)
        elif kind is ReorganisationKind.MERGE:
            sources = tuple(rnd.sample(live, 2))
            targets = (rnd.choice([next(fresh), sources[0]]),)
        else:
            sources = (rnd.choice(live),)
            targets = (next(fresh), rnd.choice([next(fresh), sources[0]]))
        assignments = {item: rnd.choice(targets) for item in links}
        applied = apply(history, existing, links, kind, FiscalYear(year), sources, targets, assignments)
        # the model: every link of a source goes to its target, then duplicates fold
        expected = {}
        for item, ls in links.items():
            to = assignments[item] if kind is ReorganisationKind.SPLIT else targets[0]
            expected[item] = dedupe(_link(to if d.department in sources else d.department,
                                          d.role is Role.LEAD) for d in ls)
        assert {**links, **applied.relinked} == expected
        links = expected
        kept = [d for d in existing if d not in sources]
        existing = kept + [t for t in targets if t not in kept]
        history = DepartmentHistory((*history.events, applied.event))
        truth[year] = dict(links)
    for y in range(START - 1, year + 2):
        known = max(k for k in truth if k <= y)
        for item, now in links.items():
            assert history.links_in(item, now, FiscalYear(y)) == truth[known][item], (item, y)
        names = history.departments_in(FiscalYear(y), existing)
        held = {d.department for ls in truth[known].values() for d in ls}
        assert held <= names


def test_refuses_unknown_taken_and_earlier() -> None:
    links = {"node:p:1": (_link("産業振興課"),)}
    h = DepartmentHistory()
    with pytest.raises(ReorganisationError, match="ありません"):
        apply(h, INITIAL, links, ReorganisationKind.RENAME, FiscalYear(2025), ("無い課",), ("新課",))
    with pytest.raises(ReorganisationError, match="すでにあります"):
        apply(h, INITIAL, links, ReorganisationKind.RENAME, FiscalYear(2025), ("産業振興課",), ("文化スポーツ課",))
    first = apply(h, INITIAL, links, ReorganisationKind.RENAME, FiscalYear(2025), ("産業振興課",), ("産業課",))
    h = DepartmentHistory((first.event,))
    with pytest.raises(ReorganisationError, match="記録できません"):
        apply(h, ["産業課"], first.relinked, ReorganisationKind.RENAME, FiscalYear(2024), ("産業課",), ("x",))


def test_merge_from_r7_names_r6_and_r7() -> None:
    links = {"node:p:a": (_link("産業振興課"),), "node:p:b": (_link("文化スポーツ課"), _link("産業振興課", False))}
    applied = apply(DepartmentHistory(), INITIAL, links, ReorganisationKind.MERGE, FiscalYear.parse("令和7年度"),
                    ("産業振興課", "文化スポーツ課"), ("地域振興課",))
    h = DepartmentHistory((applied.event,))
    now = applied.relinked
    assert now["node:p:b"] == (_link("地域振興課"),)
    r6, r7 = FiscalYear.parse("令和6年度"), FiscalYear.parse("令和7年度")
    assert h.links_in("node:p:b", now["node:p:b"], r6) == links["node:p:b"]
    assert h.links_in("node:p:b", now["node:p:b"], r7) == (_link("地域振興課"),)
    assert h.name_in("地域振興課", r6) == "産業振興課"
