"""The open database in the window: its plans, the unsaved edits, undo and redo.

Every edit goes through `Editor.set` or `Editor.set_many`, which push one QUndoCommand. The
command holds plain data (the targets, what each held before and after) and moves it in and out of
the service-level EditSession and the invalid drafts; Save writes the session in one transaction
and marks the undo stack clean. Invalid drafts stay after Save: they are unsaved input.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from kodaira_desk.domain.entry import TypedValue
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Indicator, PlanTree, Revision, Role, ValueKind
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
    reloaded = Signal()  # plans were read again (after save or open)
    refused = Signal(str)  # an edit that is not this user's to make (clerk mode)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.session = EditSession()
        self.drafts = InvalidDrafts()
        self.undo_stack = QUndoStack(self)
        self.trees: dict[str, PlanTree] = {}
        self.department_only: str | None = None  # clerk mode: only this department's fields
        self.year_only: int | None = None  # clerk mode: only the handed-out year
        self.reload()

    # ----------------------------------------------------------------- data
    def reload(self) -> None:
        from kodaira_desk.services.rounds import file_info

        self.trees = {t.plan.id: t for t in plan_service.load_all(self.db)}
        self._stored: dict[Target, tuple[PlanTree, Content]] = {}
        self._owners: dict[str, Callable[[str], bool]] = {}
        # Whatever route opened the file, a department file limits what can be typed.
        info = file_info(self.db)
        self.department_only = info.department if info else None
        self.year_only = info.fiscal_year.year if info else None
        self.reloaded.emit()

    def tree(self, plan_id: str) -> PlanTree:
        return self.trees[plan_id]

    def stored(self, target: Target) -> Content:
        """What the loaded plans hold for a field (remembered per tree: a paste asks it of every cell
        three times, and a tree is replaced, never changed, when the plans are read again)."""
        tree = self.trees[target.plan_id]
        known = self._stored.get(target)
        if known is not None and known[0] is tree:
            return known[1]
        content = self._read_stored(tree, target)
        self._stored[target] = (tree, content)
        return content

    def _read_stored(self, tree: PlanTree, target: Target) -> Content:
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

    def state(self, target: Target) -> CellState:
        """What the cell shows: its invalid draft if it has one, else its content."""
        draft = self.drafts.get(target)
        return draft if draft is not None else self.content(target)

    def is_edited(self, target: Target) -> bool:
        return self.session.has(target)

    # ----------------------------------------------------------------- scope
    def may_edit(self, target: Target) -> bool:
        return self.locked_reason(target) is None

    def locked_reason(self, target: Target) -> str | None:
        """None when this user may change the field; else why not, naming whose it is."""
        if self.department_only is None:
            return None
        from kodaira_desk.domain.fields import owner
        from kodaira_desk.services.editing import key_of

        if self.year_only is not None and target.year != self.year_only:
            return self.tr("{y}の値はこのファイルでは変更できません（{e}の提出用ファイルです）。").format(
                y=FiscalYear(target.year).era_label(), e=FiscalYear(self.year_only).era_label())
        if target.plan_id not in self._owners:  # built once per plan and reload, not per keystroke
            self._owners[target.plan_id] = owner(self.trees[target.plan_id], self.department_only)
        if self._owners[target.plan_id](key_of(target)):
            return None
        owners = self.owners_of(target)
        if isinstance(target, ValueCell) and target.kind not in (ValueKind.ACTUAL, ValueKind.FORECAST):
            return self.tr("目標・基準値は政策課が設定します。")
        if owners:
            return self.tr("{d}の担当です。").format(d="・".join(owners))
        return self.tr("担当課の定めがない項目です（政策課が入力します）。{d}のファイルでは入力できません。").format(
            d=self.department_only)

    def owners_of(self, target: Target) -> list[str]:
        """The lead departments of the item a field belongs to."""
        tree = self.trees[target.plan_id]
        if isinstance(target, ValueCell):
            return [d.department for d in tree.indicator(target.indicator_key).departments
                    if d.role is Role.LEAD]
        return tree.node(target.node_key).lead_departments()

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
                self.session.set(target, state, self.stored(target))
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
        if isinstance(target, ValueCell):
            return target.plan_id, self.trees[target.plan_id].indicator(target.indicator_key).node_key
        return target.plan_id, target.node_key

    def save(self) -> SaveResult:
        result = self.session.save(self.db)
        self.undo_stack.setClean()
        self.undo_stack.clear()  # the saved state is the new base; undo history ends here
        self.reload()
        return result

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
