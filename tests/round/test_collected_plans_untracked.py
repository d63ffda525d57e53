"""A collection's plans, brought up to date on the runner, are kept out of the cyclic collector as
the plans read in bulk are (services/plan_memory.py, issue 27: after a collection the GUI thread's
next young collection scanned some 60,000 of their objects), and they hold what was collected."""

from __future__ import annotations

import gc
from pathlib import Path

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.domain.values import format_value
from kodaira_desk.services.editing import content_of, target_of
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.services.workspace import Workspace

R2 = FiscalYear(2020)
KEY = "value:strategy-2015:g1.a1.k3:actual:2020:"


def test_the_plans_a_collection_brings_up_to_date_are_untracked(db_path: Path, tmp_path: Path) -> None:
    master = Workspace.open(db_path, create=False)
    before = master.load_plans().trees.loaded()
    made = handout(master.db, R2, tmp_path / "配布", departments=["産業振興課"])
    clerk = Workspace.open(made[0].path, create=False)
    target = target_of(KEY)
    clerk.load_plans().put(target, content_of(target, "330区画"))
    clerk.save_session()
    clerk.close()
    enabled = gc.isenabled()
    gc.disable()  # (as in the window: its GUI thread collects, never the runner)
    try:
        applied = master.collect([made[0].path], before)
    finally:
        if enabled:
            gc.enable()
    tree = applied.trees["strategy-2015"]
    assert tree is not before["strategy-2015"]  # brought up to date: a new plan
    value = tree.indicator("g1.a1.k3").value(ValueKind.ACTUAL, R2)
    assert value is not None and format_value(value.value, value.marks) == "330区画"
    assert not gc.is_tracked(tree)
    assert not gc.is_tracked(tree.indicator("g1.a1.k3"))
    assert not gc.is_tracked(value)
    master.close()
