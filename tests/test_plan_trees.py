"""The session's plans read when first asked for (issue 27, services/plan_trees.py), on a SQLite
file and on a server: what a plan read late holds, and what a look for others' writes finds."""

from __future__ import annotations

from pathlib import Path

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.domain.values import format_value
from kodaira_desk.services import plans
from kodaira_desk.services.editing import ProgressField, ValueCell, content_of, save_edits
from kodaira_desk.services.workspace import Workspace

H28 = FiscalYear(2016)
STRATEGY = ProgressField("strategy-2015", "g1.a1.m2", 2016, "narrative")


def _lazy(master: Path | str) -> Workspace:
    """A workspace that has read the strategy only; the other two plans are read when asked for."""
    ws = Workspace.open(master, create=False, actor="政策課 山田")
    listed = plans.plan_list(ws.db)
    ws.session.load(plans.load_some(ws.db, ["strategy-2015"]), listed, lambda ids: plans.load_some(ws.db, ids))
    return ws


def test_a_plan_is_read_when_first_asked_for_and_holds_what_the_database_holds(master: Path | str) -> None:
    ws = _lazy(master)
    try:
        trees = ws.session.trees
        assert list(trees) == ["strategy-2015", "program-2021", "restructuring"] and len(trees) == 3
        assert [p for p in trees if trees.is_loaded(p)] == ["strategy-2015"]
        assert "program-2021" in trees and "nothing" not in trees
        assert [p for p in trees if trees.is_loaded(p)] == ["strategy-2015"]  # asking which plans reads none
        assert trees["program-2021"] == plans.load_plan(ws.db, "program-2021")
        assert dict(trees) == {t.plan.id: t for t in plans.load_all(ws.db)}  # every plan, read at once
        summary = trees.summary("restructuring")
        whole = trees["restructuring"]
        assert summary is not None and summary.title == whole.plan.title
        assert summary.last_active_year == whole.last_active_year and summary.nodes == len(whole.nodes)
    finally:
        ws.close()


def test_a_look_for_others_writes_reads_the_plans_read_and_leaves_the_others_to_their_opening(
        master: Path | str) -> None:
    ws = _lazy(master)
    other = Workspace.open(master, create=False, actor="政策課 佐藤")
    try:
        target = ValueCell("program-2021", "p1.k1", ValueKind.ACTUAL, 2022)
        save_edits(other.db, {target: content_of(target, "17件"),
                              STRATEGY: content_of(STRATEGY, "佐藤さんの戦略")}, actor="政策課 佐藤")
        applied = ws.changes_by_others(ws.session.trees.loaded(), ws.session.trees.listing())
        assert not applied.changes.everything
        assert set(applied.trees) == {"strategy-2015"}  # the plan read; the others are read when opened
        assert str(applied.trees["strategy-2015"].progress_in("g1.a1.m2", H28).narrative) == "佐藤さんの戦略"
        assert not ws.session.trees.is_loaded("program-2021")
        actual = ws.session.trees["program-2021"].indicator("p1.k1").value(ValueKind.ACTUAL, FiscalYear(2022))
        assert actual is not None and format_value(actual.value) == "17件"
    finally:
        other.close()
        ws.close()
