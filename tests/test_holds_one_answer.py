"""Whether a plan still has what a field belongs to is answered in one place
(services.session.holds_key): the window's save (`holds`, by Target: removed in another window)
and the collection's merge (services/rounds/collect, by field key: removed in the master since
the hand-out) once asked it each their own way, and disagreed on an item without a schedule or
a budget (a schedule removed: the window took its typed cells as kept, the collection as gone)."""

from __future__ import annotations

from pathlib import Path

from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import BudgetCell, ScheduleCell, key_of, target_of
from kodaira_desk.services.plans import load_all
from kodaira_desk.services.rounds.collect import _exists
from kodaira_desk.services.session import holds


def test_the_window_and_the_collection_give_one_answer(db_path: Path) -> None:
    db = open_database(db_path, create=False)
    try:
        trees = {t.plan.id: t for t in load_all(db)}
    finally:
        db.dispose()
    asked = without_schedule = without_budget = 0
    for plan_id, tree in trees.items():
        year = min(tree.years).year if tree.years else 2020
        for node in tree.nodes:
            for target in (ScheduleCell(plan_id, node.key, 0, year), ScheduleCell(plan_id, node.key, 99, year),
                           BudgetCell(plan_id, node.key, year),
                           target_of(f"progress:{plan_id}:{node.key}:{year}:status")):
                key = key_of(target)
                assert holds(tree, target) == _exists(trees, key), key
                asked += 1
            without_schedule += node.schedule is None
            without_budget += node.budget is None
        for ind in tree.indicators:
            target = target_of(f"value:{plan_id}:{ind.key}:actual:{year}:")
            assert holds(tree, target) and _exists(trees, key_of(target))
    assert asked > 100 and without_schedule and without_budget
    # an item whose schedule is gone: its schedule cells belong to nothing (as the store's save says)
    bare = next(n for t in trees.values() for n in t.nodes if n.schedule is None)
    plan = next(p for p, t in trees.items() if t.has_node(bare.key) and t.node(bare.key) is bare)
    assert not holds(trees[plan], ScheduleCell(plan, bare.key, 0, 2020))
