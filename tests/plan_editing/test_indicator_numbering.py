"""A new indicator's number and kind (services/plan_editing/numbering.py), and a number given twice
under one item refused, on the city's plans: the program's 成果指標 are numbered 1, 2, 3 under each
施策, the strategy's KPI and 数値目標 are printed unnumbered."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kodaira_desk.domain.model import IndicatorKind
from kodaira_desk.services import plan_editing as pe
from kodaira_desk.services.plans import load_plan


def test_the_next_number_and_the_siblings_kind(db) -> None:  # type: ignore[no-untyped-def]
    program = load_plan(db, "program-2021")
    node = next(n for n in program.nodes if len(program.indicators_of(n.key)) == 3)
    assert pe.new_indicator_defaults(program, node.key) == ("4", IndicatorKind.OUTCOME)
    bare = next(n for n in program.nodes if not program.indicators_of(n.key) and not program.children(n.key))
    assert pe.new_indicator_defaults(program, bare.key) == ("1", IndicatorKind.OUTCOME)  # the plan numbers them
    strategy = load_plan(db, "strategy-2015")
    for node in strategy.nodes:
        own = strategy.indicators_of(node.key)
        if own:  # unnumbered as its siblings, of their kind (数値目標 under a 基本目標, KPI under a 施策)
            assert pe.new_indicator_defaults(strategy, node.key) == (None, own[0].kind)


def test_a_number_given_twice_under_one_item_is_refused(db) -> None:  # type: ignore[no-untyped-def]
    program = load_plan(db, "program-2021")
    node = next(n for n in program.nodes if len(program.indicators_of(n.key)) == 3)
    first, second = program.indicators_of(node.key)[:2]
    draft = pe.IndicatorDraft(node_key=node.key, name="新しい指標", unit="人", kind=IndicatorKind.OUTCOME,
                              number=second.number)
    with pytest.raises(pe.PlanEditError, match=f"番号「{second.number}」"):
        pe.save_indicator(db, "program-2021", None, draft)
    pe.save_indicator(db, "program-2021", None, replace(draft, number="4"))
    assert [i.number for i in load_plan(db, "program-2021").indicators_of(node.key)] == ["1", "2", "3", "4"]
    kept = pe.IndicatorDraft(node_key=node.key, name=first.name + "（改）", unit=first.unit, kind=first.kind,
                             number=first.number)  # its own number kept: no clash with itself
    pe.save_indicator(db, "program-2021", first.key, kept)
