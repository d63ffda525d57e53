"""Undo and redo in 計画の編集 never lose or change an edit: a Hypothesis state machine runs the
plan editor's commands on a QUndoStack as the dialog does (run once, then pushed; an indicator and
its notes as one step), undoes and redoes at random, and after every step compares the plan in
the database with the same commands applied directly, one after the other, to a fresh copy.

The issue's sequence (a new indicator with its baseline and four targets, its 再設定, undo twice,
redo twice) is one of the runs: `test_the_issue_sequence`.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from PySide6.QtGui import QUndoStack

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import DepartmentLink, DocumentKind, PlanTree, Role
from kodaira_desk.domain.plan_structure import Move
from kodaira_desk.services import plan_editing as pe
from kodaira_desk.services.database import open_database
from kodaira_desk.services.export import dumps, to_jsonable
from kodaira_desk.services.plans import load_plan
from kodaira_desk.services.workspace import Workspace
from kodaira_desk.ui.plan_editor import commands as cmd

PLAN = "t-2025"
YEARS = [FiscalYear(y) for y in range(2025, 2029)]  # 令和7–10年度
LEAD = DepartmentLink("政策課", Role.LEAD)
TITLES = ["安全なまち", "子育て", "公園の整備", "相談の充実", "居場所づくり"]
NAMES = ["参加者数", "利用者数", "整備率"]
FIGURES = ["5", "12人", "20", "0人", "1,250人", "-", "—"]

# Each run copies a database a few times and commits on every step: in memory where there is one.
_FAST = "/dev/shm" if Path("/dev/shm").is_dir() else None

# A command as data: made for a database, so the same one can run on the window's copy and on
# the fresh copy it is compared with. A step is one or more commands (an indicator and its notes).
Make = Callable[[Workspace], cmd.PlanCommand]


def _done(_change: pe.PlanChange) -> None:
    pass


def _base(folder: Path, template: Path) -> Path:
    """The city's database with a small plan of the period 令和7–10年度: two goals, a measure."""
    path = folder / "base.sqlite"
    shutil.copyfile(template, path)
    db = open_database(path, create=False)
    try:
        pe.create_plan(db, pe.NewPlan(PLAN, "試験計画", YEARS[0], YEARS[-1], ("基本目標", "施策"),
                                      (DocumentKind.STRATEGY, DocumentKind.KPI_STATUS)))
        g1 = pe.add_node(db, PLAN, None, "にぎわいのあるまち").nodes[0]
        pe.add_node(db, PLAN, None, "暮らしやすいまち")
        pe.add_node(db, PLAN, g1, "商店街の支援")
    finally:
        db.dispose()
    return path


def _plan(db: object) -> str:
    return dumps(to_jsonable(load_plan(db, PLAN)))  # type: ignore[arg-type]


class PlanUndo(RuleBasedStateMachine):
    """The window's database driven through the undo stack, and a model: what each number of
    commands applied directly gives (`expected[k]`: the plan after the first k steps)."""

    base: Path

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="plan-undo-", dir=_FAST))
        live = self.folder / "live.sqlite"
        shutil.copyfile(self.base, live)
        self.db = open_database(live, create=False)
        self.workspace = Workspace(self.db)  # the plan editor's commands hold the workspace
        self.stack = QUndoStack()
        self.steps: list[list[Make]] = []  # every step on the stack, in order
        self.expected: list[str] = [_plan(self.db)]  # the plan after 0, 1, 2 … steps applied directly
        self.model: Workspace | None = None
        self.model_at = -1  # how many steps the model database holds
        self.copies = 0

    def teardown(self) -> None:
        self.db.dispose()
        if self.model is not None:
            self.model.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # ------------------------------------------------------------------ the model
    def _model_after(self, k: int) -> Workspace:
        """A fresh copy with the first k steps applied directly (each command's first run)."""
        if self.model is None or self.model_at != k:
            if self.model is not None:
                self.model.close()
            self.copies += 1
            path = self.folder / f"model{self.copies}.sqlite"
            shutil.copyfile(self.base, path)
            self.model = Workspace(open_database(path, create=False))
            for step in self.steps[:k]:
                for make in step:
                    make(self.model).run()
            self.model_at = k
        return self.model

    def tree(self) -> PlanTree:
        return load_plan(self.db, PLAN)

    # ------------------------------------------------------------------ running a step
    def step(self, *makes: Make) -> None:
        """As the dialog runs an edit: each command once, pushed only if it went through."""
        index = self.stack.index()
        ran: list[tuple[Make, cmd.PlanCommand]] = []
        for make in makes:
            command = make(self.workspace)
            try:
                command.run()
            except pe.PlanEditError:
                break  # refused: nothing of it (nor what follows it) reaches the stack
            ran.append((make, command))
        if not ran:
            return
        self.stack.beginMacro("step")
        for _make, command in ran:
            self.stack.push(command)
        self.stack.endMacro()
        del self.steps[index:]
        del self.expected[index + 1:]
        self.steps.append([make for make, _c in ran])
        model = self._model_after(index)  # the same commands, applied directly, give the same plan
        for make, _c in ran:
            make(model).run()
        self.model_at = index + 1
        self.expected.append(_plan(model.db))

    # ------------------------------------------------------------------ rules
    @rule(data=st.data(), title=st.sampled_from(TITLES))
    def add_node(self, data: st.DataObject, title: str) -> None:
        parent = data.draw(st.sampled_from([None, *(n.key for n in self.tree().nodes if n.depth < 2)]))
        self.step(lambda db: cmd.AddNode(db, PLAN, parent, title, _done))

    @rule(data=st.data(), title=st.sampled_from(TITLES), number=st.sampled_from(["", "1", "(2)", "3"]))
    def rename_node(self, data: st.DataObject, title: str, number: str) -> None:
        nodes = self.tree().nodes
        if nodes:
            key = data.draw(st.sampled_from([n.key for n in nodes]))
            self.step(lambda db: cmd.RenameNode(db, PLAN, key, title, number, _done))

    @rule(data=st.data(), move=st.sampled_from(list(Move)))
    def move_node(self, data: st.DataObject, move: Move) -> None:
        nodes = self.tree().nodes
        if nodes:
            key = data.draw(st.sampled_from([n.key for n in nodes]))
            self.step(lambda db: cmd.MoveNode(db, PLAN, key, move, _done))

    @rule(data=st.data())
    def place_node(self, data: st.DataObject) -> None:
        nodes = self.tree().nodes
        if len(nodes) > 1:
            key = data.draw(st.sampled_from([n.key for n in nodes]))
            parent = data.draw(st.sampled_from([None, *(n.key for n in nodes if n.depth < 2)]))
            index = data.draw(st.integers(0, 3))
            self.step(lambda db: cmd.PlaceNode(db, PLAN, key, parent, index, _done))

    @rule(data=st.data())
    def renumber(self, data: st.DataObject) -> None:
        parent = data.draw(st.sampled_from([None, *(n.key for n in self.tree().nodes)]))
        self.step(lambda db: cmd.Renumber(db, PLAN, parent, _done))

    @rule(data=st.data())
    def remove_node(self, data: st.DataObject) -> None:
        nodes = self.tree().nodes
        if nodes:
            node = data.draw(st.sampled_from(list(nodes)))
            self.step(lambda db: cmd.RemoveNode(db, PLAN, node.key, node.title, _done))

    @rule(data=st.data(), lead=st.sampled_from(["政策課", "産業振興課", ""]))
    def set_departments(self, data: st.DataObject, lead: str) -> None:
        nodes = self.tree().nodes
        if nodes:
            key = data.draw(st.sampled_from([n.key for n in nodes]))
            links = (DepartmentLink(lead, Role.LEAD),) if lead else ()
            self.step(lambda db: cmd.SetNodeDepartments(db, PLAN, key, links, _done))

    @rule(data=st.data(), name=st.sampled_from(NAMES), baseline=st.sampled_from(["", "10", "8人"]),
          goals=st.dictionaries(st.sampled_from(YEARS), st.sampled_from(FIGURES), max_size=4),
          notes=st.sampled_from(["", "※1 隔年の調査", "※ 速報値\n注1 見込み"]))
    def save_new_indicator(self, data: st.DataObject, name: str, baseline: str,
                           goals: dict[FiscalYear, str], notes: str) -> None:
        nodes = self.tree().nodes
        if not nodes:
            return
        node = data.draw(st.sampled_from([n.key for n in nodes]))
        draft = pe.IndicatorDraft(node, name, "人", departments=(LEAD,), baseline=baseline,
                                  baseline_year=FiscalYear(2024) if baseline else None, targets=goals)
        self._save_indicator(None, draft, notes)

    @rule(data=st.data(), goals=st.dictionaries(st.sampled_from(YEARS), st.sampled_from(FIGURES), max_size=4),
          notes=st.sampled_from(["", "※2 見直し"]), name=st.sampled_from(NAMES))
    def save_existing_indicator(self, data: st.DataObject, goals: dict[FiscalYear, str], notes: str,
                                name: str) -> None:
        inds = self.tree().indicators
        if not inds:
            return
        ind = data.draw(st.sampled_from(list(inds)))
        draft = pe.IndicatorDraft(ind.node_key, name, ind.unit, departments=ind.departments, targets=goals)
        self._save_indicator(ind.key, draft, notes)

    def _save_indicator(self, key: str | None, draft: pe.IndicatorDraft, notes: str) -> None:
        """As the dialog saves an indicator: the indicator and its notes, one step."""
        holder: dict[str, Any] = {}

        def save(db: Workspace) -> cmd.PlanCommand:
            command = cmd.SaveIndicator(db, PLAN, key, draft, _done)
            holder["save"] = command
            return command

        def set_notes(db: Workspace) -> cmd.PlanCommand:
            saved = holder["save"].key  # the key its first run gave a new indicator
            return cmd.SetIndicatorNotes(db, PLAN, saved, pe.parse_notes(notes), _done)

        self.step(save, set_notes) if notes else self.step(save)

    @rule(data=st.data(), year=st.sampled_from(YEARS), value=st.sampled_from(["25人", "30", "0人", "abc"]),
          reason=st.sampled_from(["上方修正", "", "国の基準の変更"]))
    def revise_target(self, data: st.DataObject, year: FiscalYear, value: str, reason: str) -> None:
        inds = self.tree().indicators
        if inds:
            key = data.draw(st.sampled_from([i.key for i in inds]))
            self.step(lambda db: cmd.ReviseTarget(db, PLAN, key, year, value, reason, _done))

    @rule(data=st.data())
    def remove_indicator(self, data: st.DataObject) -> None:
        inds = self.tree().indicators
        if inds:
            key = data.draw(st.sampled_from([i.key for i in inds]))
            self.step(lambda db: cmd.RemoveIndicator(db, PLAN, key, _done))

    @precondition(lambda self: self.stack.canUndo())
    @rule()
    def undo(self) -> None:
        self.stack.undo()

    @precondition(lambda self: self.stack.canRedo())
    @rule()
    def redo(self) -> None:
        self.stack.redo()

    @invariant()
    def the_plan_is_what_the_commands_make(self) -> None:
        assert self.stack.index() < len(self.expected)
        assert _plan(self.db) == self.expected[self.stack.index()]


@pytest.fixture
def machine(qapp, built_db_template: Path, tmp_path: Path) -> type[PlanUndo]:  # type: ignore[no-untyped-def]
    PlanUndo.base = _base(tmp_path, built_db_template)
    return PlanUndo


def test_undo_and_redo_in_any_order_give_what_the_commands_give(machine: type[PlanUndo]) -> None:
    run_state_machine_as_test(machine, settings=settings(
        max_examples=40, stateful_step_count=16, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]))


def test_the_issue_sequence(machine: type[PlanUndo]) -> None:
    """A new indicator (name, unit, 所管課, baseline, targets for 令和7–10年度) saved, 目標の再設定 for
    令和10年度 with a reason, 元に戻す twice, やり直す twice: the indicator, its baseline, its
    four targets and the 再設定 with its reason are all back, under the same key."""
    m = machine()
    try:
        node = m.tree().children(m.tree().children(None)[0].key)[0].key
        draft = pe.IndicatorDraft(node, "参加者数", "人", departments=(LEAD,), baseline="10人",
                                  baseline_year=FiscalYear(2024),
                                  targets={y: f"{12 + 2 * i}人" for i, y in enumerate(YEARS)})
        m._save_indicator(None, draft, "")
        key = m.tree().indicators[0].key
        m.step(lambda db: cmd.ReviseTarget(db, PLAN, key, YEARS[-1], "25人", "国の基準の変更", _done))
        done = _plan(m.db)
        m.the_plan_is_what_the_commands_make()
        for action in (m.undo, m.undo, m.redo, m.redo):
            action()
            m.the_plan_is_what_the_commands_make()
        assert _plan(m.db) == done
        ind = m.tree().indicator(key)
        assert [(v.kind.value, v.year.year, str(v.value), v.revision.value) for v in ind.values] == [
            ("baseline", 2024, "10人", ""), ("target", 2025, "12人", ""), ("target", 2026, "14人", ""),
            ("target", 2027, "16人", ""), ("target", 2028, "18人", "original"), ("target", 2028, "25人", "reset")]
        assert not m.stack.canRedo() and m.stack.canUndo()
    finally:
        m.teardown()
