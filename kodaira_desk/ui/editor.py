"""Undo, redo and Qt signals over the workspace's edit session.

The session itself — the loaded plans, the unsaved edits and the values they were loaded against,
which fields a department file may change — belongs to the workspace (`services/session.py`), so
`ui/` holds no database state of its own. Every edit goes through `Editor.set` or
`Editor.set_many`, which push one QUndoCommand. The command holds plain data (the targets, what each
held before and after) and moves it in and out of the session and the invalid drafts; Save writes
the session in one transaction and marks the undo stack clean. Invalid drafts stay after Save: they
are unsaved input.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Indicator, PlanTree, Revision, ValueKind
from kodaira_desk.services.editing import Content, SaveResult, Target, ValueCell
from kodaira_desk.services.session import Session
from kodaira_desk.services.workspace import Workspace
from kodaira_desk.ui.invalid_drafts import CellState, InvalidCell, InvalidDraft, InvalidDrafts

_MERGE_ID = 0x4B44

# One cell of an edit: the field, what it held before, what it holds after, and what it is called.
CellChange = tuple[Target, CellState, CellState, str]


class SetCells(QUndoCommand):
    """One undo step over any number of cells: a typed value, a paste, a fill or a clear."""

    def __init__(self, editor: Editor, changes: Sequence[CellChange], label: str, merge: bool) -> None:
        super().__init__(label)
        self.editor = editor
        self.changes = list(changes)
        self.merge = merge and len(self.changes) == 1

    def redo(self) -> None:
        self.editor.apply_all([(target, after, what) for target, _before, after, what in self.changes])

    def undo(self) -> None:
        self.editor.apply_all([(target, before, what) for target, before, _after, what in reversed(self.changes)])

    def id(self) -> int:
        return _MERGE_ID if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetCells) or not other.merge or not self.merge:
            return False
        if other.changes[0][0] != self.changes[0][0]:
            return False
        target, before, _after, what = self.changes[0]
        self.changes[0] = (target, before, other.changes[0][2], what)
        return True


class Editor(QObject):
    changed = Signal(object)  # the Target whose content changed (one per kind of field and node)
    cells_changed = Signal(object)  # a tuple of EVERY Target changed or refused by one edit, once
    reloaded = Signal()  # plans were read again (after open or the plan editor)
    refused = Signal(str)  # an edit that is not this user's to make (clerk mode)

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.drafts = InvalidDrafts()
        self.undo_stack = QUndoStack(self)
        self.reload()

    def use(self, workspace: Workspace) -> None:
        """Another file was opened: its session, no drafts, a fresh undo history, its plans."""
        self.workspace = workspace
        self.discard()
        self.reload()

    @property
    def session(self) -> Session:
        return self.workspace.session

    @property
    def trees(self) -> dict[str, PlanTree]:
        return self.workspace.session.trees

    @property
    def department_only(self) -> str | None:
        return self.workspace.session.department_only

    @department_only.setter
    def department_only(self, department: str | None) -> None:
        self.workspace.session.department_only = department

    @property
    def year_only(self) -> int | None:
        return self.workspace.session.year_only

    # ----------------------------------------------------------------- data
    def reload(self) -> None:
        """Read every plan again (the unsaved edits stay in the session)."""
        self.workspace.load_plans()
        self.reloaded.emit()

    def tree(self, plan_id: str) -> PlanTree:
        return self.session.tree(plan_id)

    def stored(self, target: Target) -> Content:
        return self.session.stored(target)

    def content(self, target: Target) -> Content:
        return self.session.content(target)

    def state(self, target: Target) -> CellState:
        """What the cell shows: its invalid draft if it has one, else its content."""
        draft = self.drafts.get(target)
        return draft if draft is not None else self.content(target)

    def is_edited(self, target: Target) -> bool:
        return self.session.has(target)

    # ----------------------------------------------------------------- scope
    def may_edit(self, target: Target) -> bool:
        return self.session.lock_of(target) is None

    def locked_reason(self, target: Target) -> str | None:
        """None when this user may change the field; else why not, naming whose it is."""
        lock = self.session.lock_of(target)
        if lock is None:
            return None
        from kodaira_desk.services.locks import LockKind

        if lock.kind is LockKind.FIXED:
            year = FiscalYear(target.year).era_label()
            if self.department_only is not None:
                return self.tr("{y}は政策課が確定したため、このファイルでは変更できません。").format(y=year)
            return self.tr("{y}は確定済みです。変更は 年次作業 > 年度の確定と修正 で、理由を付けて修正として記録します。").format(
                y=year)
        if lock.kind is LockKind.OTHER_YEAR:
            assert self.year_only is not None
            return self.tr("{y}の値はこのファイルでは変更できません（{e}の提出用ファイルです）。").format(
                y=FiscalYear(target.year).era_label(), e=FiscalYear(self.year_only).era_label())
        if lock.kind is LockKind.POLICY_VALUE:
            return self.tr("目標・基準値は政策課が設定します。")
        if lock.kind is LockKind.OTHER_DEPARTMENT:
            return self.tr("{d}の担当です。").format(d="・".join(lock.owners))
        return self.tr("担当課の定めがない項目です（政策課が入力します）。{d}のファイルでは入力できません。").format(
            d=self.department_only)

    def owners_of(self, target: Target) -> list[str]:
        """The lead departments of the item a field belongs to."""
        return self.session.owners_of(target)

    # ----------------------------------------------------------------- edits
    def set(self, target: Target, new: CellState, label: str, *, what: str = "",
            merge: bool = False) -> None:
        """Put one value (or an invalid draft) into a field as one undo step."""
        self.set_many([(target, new, what or label)], label, merge=merge)

    def set_many(self, cells: Sequence[tuple[Target, CellState, str]], label: str, *,
                 merge: bool = False) -> int:
        """Put several cells as ONE undo step; returns how many changed. Fields that are not this
        user's are refused (the form shows the stored value again)."""
        changes: list[CellChange] = []
        refused: list[tuple[Target, str]] = []
        for target, new, what in cells:
            reason = self.locked_reason(target)
            if reason is not None:
                refused.append((target, reason))
                self.changed.emit(target)
                continue
            before = self.state(target)
            if before != new:
                changes.append((target, before, new, what))
        if refused:
            self.cells_changed.emit(tuple(target for target, _reason in refused))
            self.refused.emit(refused[0][1])
        if changes:
            self.undo_stack.push(SetCells(self, changes, label, merge))
        return len(changes)

    def apply(self, target: Target, state: CellState, what: str = "") -> None:
        self.apply_all([(target, state, what)])

    def apply_all(self, cells: Sequence[tuple[Target, CellState, str]]) -> None:
        """Put states into the session and drafts, then say so once per kind of field and node:
        listeners refresh whole rows or grids, so a 1,000-cell paste must not call them 1,000 times."""
        announce: dict[tuple[type, str, str | None], Target] = {}
        for target, state, what in cells:
            if isinstance(state, InvalidDraft):
                self.drafts.put(target, state, what)
            else:
                self.drafts.put(target, None, what)
                self.session.put(target, state)
            announce.setdefault((type(target), *self.node_of(target)), target)
        self.cells_changed.emit(tuple(target for target, _state, _what in cells))
        for target in announce.values():
            self.changed.emit(target)

    @property
    def dirty(self) -> bool:
        """Unsaved edits or red cells: either way, closing would lose something typed."""
        return self.session.dirty or bool(self.drafts)

    def invalid_cells(self) -> list[InvalidCell]:
        """Every red cell of the open database, in the order they were typed."""
        out = []
        for target, draft, what in self.drafts.items():
            plan_id, node_key = self.node_of(target)
            out.append(InvalidCell(target, what, plan_id, node_key, draft.text, draft.message))
        return out

    def node_of(self, target: Target) -> tuple[str, str | None]:
        return self.session.node_of(target)

    def save(self) -> SaveResult:
        """Save here and now (the window saves on its worker: MainWindow.save)."""
        applied = self.workspace.save_session()
        self.saved()
        assert applied.saved is not None
        return applied.saved

    def saved(self) -> None:
        """The session was saved (or the database changed under it): the undo history ends here."""
        self.undo_stack.setClean()
        self.undo_stack.clear()

    def discard(self) -> None:
        self.session.clear()
        self.drafts.clear()
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
