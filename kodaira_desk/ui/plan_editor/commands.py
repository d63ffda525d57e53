"""Undo commands of the plan editor: each holds plain data, calls one service, keeps the inverse.

A command is run once before it is pushed (so a refused edit never reaches the stack); the first
redo() that QUndoStack.push makes is then skipped. A redo reproduces exactly what the first run
did — the same keys, numbers, revisions and order — because it puts back what the undo took away
(`again`: the removed nodes, the structure, the numbers, the indicator as it stood) rather than
deciding anew; only edits that come out the same when made again (a rename, a removal, 課 of a
node) are simply made again. Later commands hold the keys the first run gave, so this is what
keeps a redone history valid.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from kodaira_desk.domain.departments import ReorganisationKind
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import DepartmentLink
from kodaira_desk.domain.plan_structure import Move
from kodaira_desk.services import plan_editing as pe
from kodaira_desk.services.plan_editing import PlanChange
from kodaira_desk.services.workspace import Workspace

Done = Callable[[PlanChange], None]  # told of every change, done, undone or redone


class PlanCommand(QUndoCommand):
    # A slow command (a workbook import) is written on the window's worker, and so are its undo and
    # redo: the worker makes the change (`do`, `prepare`), the GUI thread then takes it (`ran`, or
    # the stack's undo()/redo() with `prepared` set) and reads nothing itself.
    slow = False

    def __init__(self, workspace: Workspace, label: str, done: Done, actor: str | None) -> None:
        super().__init__(label)
        self.workspace = workspace
        self.done = done
        self.actor = actor
        self._first = True
        self.change: PlanChange | None = None  # what the last run or redo did
        self.undone: PlanChange | None = None  # what the last undo did (its inverse: the state redone)
        self.prepared: PlanChange | None = None  # the next undo's or redo's change, made on the worker

    def run(self) -> PlanChange:
        """The edit itself; raises PlanEditError when refused."""
        return self.ran(self.do())

    def ran(self, change: PlanChange) -> PlanChange:
        """The first run's change, made here or on the worker."""
        self.change = change
        self.done(change)
        return change

    def prepare(self, undo: bool) -> PlanChange:
        """On the worker: what the next undo (or redo) writes; the stack's step then takes it."""
        if undo:
            assert self.change is not None
            return self.reverse(self.change)
        assert self.undone is not None
        return self.again(self.undone)

    def _take_prepared(self) -> PlanChange | None:
        change, self.prepared = self.prepared, None
        return change

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        assert self.undone is not None
        prepared = self._take_prepared()
        self.change = prepared if prepared is not None else self.again(self.undone)
        self.done(self.change)

    def undo(self) -> None:
        assert self.change is not None
        prepared = self._take_prepared()
        self.undone = prepared if prepared is not None else self.reverse(self.change)
        self.done(self.undone)

    def do(self) -> PlanChange:
        raise NotImplementedError

    def reverse(self, change: PlanChange) -> PlanChange:
        raise NotImplementedError

    def again(self, undone: PlanChange) -> PlanChange:
        """Redo after `undone`: the edit made again, for edits that come out exactly the same
        (those whose first run decides a key, a number or a place override this)."""
        return self.do()


class AddNode(PlanCommand):
    def __init__(self, workspace: Workspace, plan_id: str, parent_key: str | None, title: str, done: Done,
                 actor: str | None = None) -> None:
        super().__init__(workspace, f"追加: {title}", done, actor)
        self.plan_id, self.parent_key, self.title = plan_id, parent_key, title

    def do(self) -> PlanChange:
        return self.workspace.run(pe.add_node, self.plan_id, self.parent_key, self.title, actor=self.actor)

    def reverse(self, change: PlanChange) -> PlanChange:
        return self.workspace.run(pe.remove_node, self.plan_id, change.nodes[0], actor=self.actor)

    def again(self, undone: PlanChange) -> PlanChange:
        # the node the first run made (its key, number and place), not a new one
        return self.workspace.run(pe.restore_nodes, undone.inverse, actor=self.actor)


class RenameNode(PlanCommand):
    def __init__(self, workspace: Workspace, plan_id: str, key: str, title: str, number: str, done: Done,
                 actor: str | None = None) -> None:
        super().__init__(workspace, f"名前の変更: {title}", done, actor)
        self.plan_id, self.key, self.title, self.number = plan_id, key, title, number

    def do(self) -> PlanChange:
        return self.workspace.run(pe.rename_node, self.plan_id, self.key, self.title, self.number, actor=self.actor)

    def reverse(self, change: PlanChange) -> PlanChange:
        title, number = change.inverse
        return self.workspace.run(pe.rename_node, self.plan_id, self.key, title, number, actor=self.actor)


class MoveNode(PlanCommand):
    def __init__(self, workspace: Workspace, plan_id: str, key: str, move: Move, done: Done,
                 actor: str | None = None) -> None:
        super().__init__(workspace, move.label, done, actor)
        self.plan_id, self.key, self.move = plan_id, key, move

    def do(self) -> PlanChange:
        return self.workspace.run(pe.move_node, self.plan_id, self.key, self.move, actor=self.actor)

    def reverse(self, change: PlanChange) -> PlanChange:
        return self.workspace.run(pe.restore_structure, self.plan_id, change.inverse, actor=self.actor)

    def again(self, undone: PlanChange) -> PlanChange:
        return self.workspace.run(pe.restore_structure, self.plan_id, undone.inverse, actor=self.actor)


class Renumber(PlanCommand):
    def __init__(self, workspace: Workspace, plan_id: str, parent_key: str | None, done: Done,
                 actor: str | None = None) -> None:
        super().__init__(workspace, "番号の振り直し", done, actor)
        self.plan_id, self.parent_key = plan_id, parent_key

    def do(self) -> PlanChange:
        return self.workspace.run(pe.renumber_children, self.plan_id, self.parent_key, actor=self.actor)

    def reverse(self, change: PlanChange) -> PlanChange:
        return self.workspace.run(pe.set_numbers, self.plan_id, change.inverse, actor=self.actor)

    def again(self, undone: PlanChange) -> PlanChange:
        return self.workspace.run(pe.set_numbers, self.plan_id, undone.inverse, actor=self.actor)


class RemoveNode(PlanCommand):
    def __init__(self, workspace: Workspace, plan_id: str, key: str, title: str, done: Done,
                 actor: str | None = None) -> None:
        super().__init__(workspace, f"削除: {title}", done, actor)
        self.plan_id, self.key = plan_id, key

    def do(self) -> PlanChange:
        return self.workspace.run(pe.remove_node, self.plan_id, self.key, actor=self.actor)

    def reverse(self, change: PlanChange) -> PlanChange:
        return self.workspace.run(pe.restore_nodes, change.inverse, actor=self.actor)


class SetNodeDepartments(PlanCommand):
    def __init__(self, workspace: Workspace, plan_id: str, key: str, links: tuple[DepartmentLink, ...],
                 done: Done, actor: str | None = None) -> None:
        super().__init__(workspace, "担当課の変更", done, actor)
        self.plan_id, self.key, self.links = plan_id, key, links

    def do(self) -> PlanChange:
        return self.workspace.run(pe.set_node_departments, self.plan_id, self.key, self.links, actor=self.actor)

    def reverse(self, change: PlanChange) -> PlanChange:
        return self.workspace.run(pe.set_node_departments, self.plan_id, self.key, change.inverse, actor=self.actor)


class _IndicatorCommand(PlanCommand):
    """Undone and redone by putting the indicator back exactly as it stood before and after the
    first run (values with their revisions, departments, its place among the plan's indicators)."""

    plan_id: str

    def reverse(self, change: PlanChange) -> PlanChange:
        before: pe.IndicatorState = change.inverse
        return self.workspace.run(pe.restore_indicator, before, actor=self.actor)

    def again(self, undone: PlanChange) -> PlanChange:
        after: pe.IndicatorState = undone.inverse
        return self.workspace.run(pe.restore_indicator, after, actor=self.actor)


class SaveIndicator(_IndicatorCommand):
    def __init__(self, workspace: Workspace, plan_id: str, key: str | None, draft: pe.IndicatorDraft, done: Done,
                 actor: str | None = None, loaded: pe.IndicatorDraft | None = None,
                 keep: pe.Keep = pe.Keep.ASK) -> None:
        super().__init__(workspace, f"指標: {draft.name}", done, actor)
        self.plan_id, self.key, self.draft, self.loaded, self.keep = plan_id, key, draft, loaded, keep

    def do(self) -> PlanChange:  # (only what the form changed since `loaded`: indicator_delta)
        change = self.workspace.run(pe.save_indicator, self.plan_id, self.key, self.draft, actor=self.actor,
                                    loaded=self.loaded, keep=self.keep)
        self.key = change.indicators[0]  # a new indicator's key, as the first run gave it
        return change


class ReviseTarget(_IndicatorCommand):
    def __init__(self, workspace: Workspace, plan_id: str, key: str, year: FiscalYear, text: str, reason: str,
                 done: Done, actor: str | None = None) -> None:
        super().__init__(workspace, f"目標の再設定: {year.era_label()}", done, actor)
        self.plan_id, self.key, self.year, self.value_text, self.reason = plan_id, key, year, text, reason

    def do(self) -> PlanChange:
        return self.workspace.run(pe.revise_target, self.plan_id, self.key, self.year, self.value_text, self.reason,
                                actor=self.actor)


class Reorganise(PlanCommand):
    def __init__(self, workspace: Workspace, kind: ReorganisationKind, year: FiscalYear, sources: tuple[str, ...],
                 targets: tuple[str, ...], done: Done, actor: str | None = None,
                 **options: Any) -> None:
        super().__init__(workspace, f"{kind.label}: {'・'.join(sources)} → {'・'.join(targets)}", done, actor)
        self.kind, self.year, self.sources, self.targets, self.options = kind, year, sources, targets, options

    def do(self) -> PlanChange:
        return self.workspace.run(pe.reorganise, self.kind, self.year, self.sources, self.targets, actor=self.actor,
                             **self.options)

    def reverse(self, change: PlanChange) -> PlanChange:
        return self.workspace.run(pe.undo_reorganisation, change.inverse, actor=self.actor)


class RemoveIndicator(_IndicatorCommand):
    def __init__(self, workspace: Workspace, plan_id: str, key: str, done: Done, actor: str | None = None) -> None:
        super().__init__(workspace, "指標の削除", done, actor)
        self.plan_id, self.key = plan_id, key

    def do(self) -> PlanChange:
        return self.workspace.run(pe.remove_indicator, self.plan_id, self.key, actor=self.actor)


class SetIndicatorNotes(PlanCommand):
    def __init__(self, workspace: Workspace, plan_id: str, key: str, notes: pe.Notes, done: Done,
                 actor: str | None = None) -> None:
        super().__init__(workspace, "注記の変更", done, actor)
        self.plan_id, self.key, self.notes = plan_id, key, notes

    def do(self) -> PlanChange:
        return self.workspace.run(pe.set_indicator_notes, self.plan_id, self.key, self.notes, actor=self.actor)

    def reverse(self, change: PlanChange) -> PlanChange:
        return self.workspace.run(pe.set_indicator_notes, self.plan_id, self.key, change.inverse, actor=self.actor)


class PlaceNode(PlanCommand):
    """A node dropped under another one (drag and drop)."""

    def __init__(self, workspace: Workspace, plan_id: str, key: str, parent_key: str | None, index: int, done: Done,
                 actor: str | None = None) -> None:
        super().__init__(workspace, "移動", done, actor)
        self.plan_id, self.key, self.parent_key, self.index = plan_id, key, parent_key, index

    def do(self) -> PlanChange:
        return self.workspace.run(pe.place_node, self.plan_id, self.key, self.parent_key, self.index, actor=self.actor)

    def reverse(self, change: PlanChange) -> PlanChange:
        return self.workspace.run(pe.restore_structure, self.plan_id, change.inverse, actor=self.actor)

    def again(self, undone: PlanChange) -> PlanChange:
        return self.workspace.run(pe.restore_structure, self.plan_id, undone.inverse, actor=self.actor)


class CreatePlan(PlanCommand):
    """A new plan, or the next period started from one (copy_from); undone by removing it."""

    def __init__(self, workspace: Workspace, new: pe.NewPlan, done: Done, actor: str | None = None,
                 copy_from: str | None = None, actuals_as_baselines: bool = False, footnotes: bool = True) -> None:
        super().__init__(workspace, f"計画の作成: {new.title}", done, actor)
        self.new, self.copy_from, self.baselines, self.footnotes = new, copy_from, actuals_as_baselines, footnotes

    def do(self) -> PlanChange:
        n = self.new
        if self.copy_from is not None:
            return self.workspace.run(pe.copy_plan, self.copy_from, n.id, n.period_from, n.period_to, n.title,
                                      actuals_as_baselines=self.baselines, footnotes=self.footnotes, actor=self.actor)
        return self.workspace.run(pe.create_plan, n, actor=self.actor)

    def reverse(self, change: PlanChange) -> PlanChange:
        return self.workspace.run(pe.remove_plan, self.new.id, actor=self.actor)
