"""The open database in the window: its plans, the unsaved edits, undo and redo.

Every edit goes through `Editor.set`, which pushes one QUndoCommand. The command holds plain data
(the target, the content before and after) and moves it in and out of the service-level
EditSession; Save writes the session in one transaction and marks the undo stack clean.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from kodaira_desk.domain.entry import TypedValue
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Indicator, PlanTree, Revision, ValueKind
from kodaira_desk.services import plans as plan_service
from kodaira_desk.services.editing import (
    BudgetCell,
    Content,
    EditSession,
    ProgressField,
    SaveResult,
    Target,
    ValueCell,
)
from kodaira_desk.services.workspace import Database

_MERGE_ID = 0x4B44


class SetContent(QUndoCommand):
    def __init__(self, editor: Editor, target: Target, before: Content, after: Content,
                 label: str, merge: bool) -> None:
        super().__init__(label)
        self.editor = editor
        self.target = target
        self.before = before
        self.after = after
        self.merge = merge

    def redo(self) -> None:
        self.editor.apply(self.target, self.after)

    def undo(self) -> None:
        self.editor.apply(self.target, self.before)

    def id(self) -> int:
        return _MERGE_ID if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetContent) or other.target != self.target or not other.merge:
            return False
        self.after = other.after
        return True


class Editor(QObject):
    changed = Signal(object)  # the Target whose content changed
    reloaded = Signal()  # plans were read again (after save or open)
    refused = Signal(str)  # an edit that is not this user's to make (clerk mode)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.session = EditSession()
        self.undo_stack = QUndoStack(self)
        self.trees: dict[str, PlanTree] = {}
        self.department_only: str | None = None  # clerk mode: only this department's fields
        self.reload()

    # ----------------------------------------------------------------- data
    def reload(self) -> None:
        self.trees = {t.plan.id: t for t in plan_service.load_all(self.db)}
        self._owners: dict[str, Callable[[str], bool]] = {}
        self.reloaded.emit()

    def tree(self, plan_id: str) -> PlanTree:
        return self.trees[plan_id]

    def stored(self, target: Target) -> Content:
        tree = self.trees[target.plan_id]
        year = FiscalYear(target.year)
        if isinstance(target, ProgressField):
            entry = tree.progress_in(target.node_key, year)
            if entry is None:
                return None
            return entry.status if target.field == "status" else str(entry.narrative)
        if isinstance(target, ValueCell):
            iv = tree.indicator(target.indicator_key).value(target.kind, year, target.revision)
            return TypedValue(iv.value, iv.marks) if iv else None
        if isinstance(target, BudgetCell):
            budget = tree.node(target.node_key).budget
            return budget.costs.get(year) if budget else None
        schedule = tree.node(target.node_key).schedule
        if schedule is None or target.row >= len(schedule.rows):
            return ""
        return schedule.rows[target.row].cells.get(year, "")

    def content(self, target: Target) -> Content:
        return self.session.get(target, self.stored(target))

    def is_edited(self, target: Target) -> bool:
        return self.session.has(target)

    # ----------------------------------------------------------------- edits
    def may_edit(self, target: Target) -> bool:
        if self.department_only is None:
            return True
        from kodaira_desk.domain.fields import owner
        from kodaira_desk.services.editing import key_of

        if target.plan_id not in self._owners:  # built once per plan and reload, not per keystroke
            self._owners[target.plan_id] = owner(self.trees[target.plan_id], self.department_only)
        return self._owners[target.plan_id](key_of(target))

    def set(self, target: Target, new: Content, label: str, *, merge: bool = False) -> None:
        if not self.may_edit(target):
            self.refused.emit(self.tr("この項目は {d} の担当ではないため、このファイルでは入力できません。").format(
                d=self.department_only))
            self.changed.emit(target)  # let the form show the stored value again
            return
        before = self.content(target)
        if before == new:
            return
        self.undo_stack.push(SetContent(self, target, before, new, label, merge))

    def apply(self, target: Target, content: Content) -> None:
        self.session.set(target, content, self.stored(target))
        self.changed.emit(target)

    @property
    def dirty(self) -> bool:
        return self.session.dirty

    def save(self) -> SaveResult:
        result = self.session.save(self.db)
        self.undo_stack.setClean()
        self.undo_stack.clear()  # the saved state is the new base; undo history ends here
        self.reload()
        return result

    def discard(self) -> None:
        self.session.clear()
        self.undo_stack.clear()

    # ----------------------------------------------------------------- helpers
    def shown_target(self, indicator: Indicator, kind: ValueKind, year: FiscalYear) -> ValueCell:
        """The value a grid cell shows: for targets the latest revision printed for that year."""
        revision = Revision.CURRENT
        if kind is ValueKind.TARGET:
            order = [Revision.RESET, Revision.REVISED, Revision.ORIGINAL, Revision.CURRENT]
            present = {v.revision for v in indicator.values if v.kind is kind and v.year == year}
            revision = next((r for r in order if r in present), Revision.CURRENT)
        return ValueCell(indicator.plan_id, indicator.key, kind, year.year, revision)
