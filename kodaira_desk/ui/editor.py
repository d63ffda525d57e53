"""Undo, redo and Qt signals over the workspace's edit session.

The session itself — the loaded plans, the unsaved edits and the values they were loaded against,
which fields a department file may change — belongs to the workspace (`services/session.py`), so
`ui/` holds no database state of its own. Every edit goes through `Editor.set` or
`Editor.set_many`, which push one QUndoCommand. The command holds plain data (the targets, what each
held before and after) and moves it in and out of the session and the invalid drafts; Save writes
the session in one transaction and marks the undo stack clean. Invalid drafts stay after Save: they
are unsaved input. A red cell's field has no edit in the session (a value typed before the red text
is withheld, not saved under it; undo brings it back).

Text in an open editor (a grid cell being typed into) is not in the session yet. The Editor is the
one gate before anything reads or replaces the session (Anki's `Editor.call_after_note_saved`):
`unsaved()`, `to_save()`, `pending()`, `take_in()`, `discard()`, `reload()` and `use()` first take
what every open editor holds, through its model as Enter would (same parsing, same red cells), and
the node page does the same before it loads another item. Forms register their open editors with
`watch_input`; no action needs to know which form is open. `dirty` (the title's mark) counts the
open editors' text without taking it.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Indicator, PlanTree, Revision, ValueKind
from kodaira_desk.services.editing import AnnotationField, BudgetCell, Content, Target, ValueCell, key_of
from kodaira_desk.services.grading_edits import Setting, SettingValue, plan_of, stored_setting
from kodaira_desk.services.plan_trees import PlanTrees
from kodaira_desk.services.session import Session
from kodaira_desk.services.workspace import Workspace
from kodaira_desk.ui.forms.invalid_drafts import CellState, InvalidCell, InvalidDraft, InvalidDrafts

if TYPE_CHECKING:
    from kodaira_desk.domain.scope import DepartmentScope
    from kodaira_desk.services.achievement import GradingSettings

_MERGE_ID = 0x4B44
# A session's first accepted edit writes the recovery journal (ui/window/recovery.py), whose module
# was imported in that keystroke's turn: 6–8 ms of the GUI thread that later edits do not pay (issue
# 27: the first edit at ×10 17.7 ms). It is imported this long after the editor is made: the window
# is shown and idle by then, before its idle imports (ui/window/idle_imports.py, from 2.5 s on).
FIRST_EDIT_READY_MS = 2000
FIRST_EDIT_NEEDS = ("kodaira_desk.services.recovery_journal",)

# One cell of an edit: the field, what it held before, what it holds after, and what it is called.
CellChange = tuple[Target, CellState, CellState, str]


class OpenInput(Protocol):
    """Something holding typed text that is not in the session yet (a grid's open cell editor)."""

    def holds_input(self) -> bool:
        """Whether an open editor holds text that differs from what its field shows."""
        ...

    def commit_input(self) -> None:
        """Put the open editor's text into its field through the model, as Enter would, and close it."""
        ...


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


class SetSetting(QUndoCommand):
    """One undo step over a grading setting (the board's thresholds, an indicator's direction): an
    unsaved change like a typed value, written by Save (services/grading_edits.py)."""

    def __init__(self, editor: Editor, setting: Setting, before: SettingValue, after: SettingValue,
                 label: str) -> None:
        super().__init__(label)
        self.editor, self.setting, self.before, self.after = editor, setting, before, after

    def redo(self) -> None:
        self.editor.apply_setting(self.setting, self.after)

    def undo(self) -> None:
        self.editor.apply_setting(self.setting, self.before)


class EditJournal(Protocol):
    """Where each accepted edit is kept durably until its save commits (ui/window/recovery.py)."""

    def edited(self, cells: Sequence[tuple[Target, CellState]]) -> None: ...

    def unsaved_now(self, pending: Mapping[Target, Content]) -> None: ...

    def flush(self) -> bool: ...

    def close(self) -> None: ...

    def handed_over(self) -> None: ...


class Editor(QObject):
    changed = Signal(object)  # the Target whose content changed (one per kind of field and node)
    cells_changed = Signal(object)  # a tuple of EVERY Target changed or refused by one edit, once
    reloaded = Signal()  # plans were read again (after open or the plan editor)
    refused = Signal(str)  # an edit that is not this user's to make (clerk mode)
    typing = Signal()  # an open editor's text changed (the title's change mark follows it)
    figure_confirmed = Signal(object)  # the Target whose yellow check a person confirmed (stored)
    grading_changed = Signal(object)  # the grading Setting changed (typed, undone or redone)

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.drafts = InvalidDrafts()
        # (drafts' version, the red cells by (plan, node, year))
        self._red_nodes: tuple[int, dict[tuple[str, str | None, int], list[Target]]] = (-1, {})
        self.undo_stack = QUndoStack(self)
        self.discards = 0  # how many times something unsaved was thrown away (a failed action says so)
        self._inputs: list[OpenInput] = []
        self._taking = False
        self.journal: EditJournal | None = None  # the recovery journal (set by the window)
        self.ending = False  # the session ends (SIGTERM, logout): closing keeps edits in the journal
        self.undo_stack.cleanChanged.connect(lambda clean: self.journal_now() if clean else None)  # undone to saved
        self.reload()
        QTimer.singleShot(FIRST_EDIT_READY_MS, self, _ready_for_first_edit)

    def use(self, workspace: Workspace) -> None:
        """Another file was opened: its session, no drafts, a fresh undo history, its plans."""
        self.take_open_input()  # (into the old session, which the window has settled already)
        self.workspace = workspace
        self.discard()
        self.reload()

    # ----------------------------------------------------------------- the gate
    def watch_input(self, source: OpenInput) -> None:
        """A form's open editors, taken by the gate (each grid view and text form registers once)."""
        if source not in self._inputs:
            self._inputs.append(source)

    def forget_input(self, source: OpenInput) -> None:
        if source in self._inputs:
            self._inputs.remove(source)

    def take_open_input(self) -> None:
        """THE gate: every open editor's text goes into its field through its model, as Enter
        would. Everything that reads or replaces the session calls this first (through the
        methods below), so no action needs to know which form or cell is open."""
        if self._taking:
            return
        self._taking = True
        try:
            for source in list(self._inputs):
                source.commit_input()
        finally:
            self._taking = False

    def open_cells(self) -> list[tuple[Target, CellState]]:
        """What open cell editors hold and have not handed over yet, as their cells would take it
        (the recovery journal keeps it as it is typed: nothing is taken)."""
        return [found for source in self._inputs
                if (found := getattr(source, "open_cell", lambda: None)()) is not None]

    def holds_input(self) -> bool:
        """Whether an open editor holds typed text not yet in the session (nothing is taken)."""
        return any(source.holds_input() for source in self._inputs)

    def unsaved(self) -> bool:
        """Whether anything typed is unsaved (open editors' text first taken into the session)."""
        self.take_open_input()
        return self.session.dirty or bool(self.drafts)

    def to_save(self) -> tuple[dict[Target, Content], dict[Target, Content]]:
        """What Save writes (copies for the worker), open editors' text included."""
        self.take_open_input()
        return self.session.to_save()

    def pending(self) -> dict[Target, Content]:
        """Every unsaved edit, open editors' text included."""
        self.take_open_input()
        return self.session.pending()

    def take_in(self, trees: Mapping[str, PlanTree], saved: Mapping[Target, Content] | None = None,
                grading: Mapping[str, GradingSettings] | None = None) -> None:
        """The database changed (a save, a collection, a resolution): the plans read again; an edit
        typed meanwhile, an open editor's included, stays an edit (Session.take_in)."""
        self.take_open_input()
        self.session.take_in(trees, saved=saved, grading=grading)

    @property
    def session(self) -> Session:
        return self.workspace.session

    @property
    def trees(self) -> PlanTrees:
        """Every plan, each read when first asked for (services/plan_trees.py)."""
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
        self.take_open_input()
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
            if isinstance(target, BudgetCell):
                return self.tr("計画の費用は政策課が設定します（決算額は「進捗状況」のタブで入力します）。")
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
                 merge: bool = False, checked: bool = False) -> int:
        """Put several cells as ONE undo step; returns how many changed. Fields that are not this
        user's are refused (the form shows the stored value again). `checked`: the caller asked
        every field's lock and left the locked ones out (a grid's paste: not asked twice)."""
        changes: list[CellChange] = []
        refused: list[tuple[Target, str]] = []
        drafts = self.drafts if self.drafts else None  # (none red: a pasted cell's draft not looked up)
        content = self.session.content
        for target, new, what in cells:
            reason = None if checked else self.locked_reason(target)
            if reason is not None:
                refused.append((target, reason))
                self.changed.emit(target)
                continue
            draft = drafts.get(target) if drafts is not None else None
            before = draft if draft is not None else content(target)
            if before != new:
                # a red cell cleared (or pasted over) comes back by undo with its name
                changes.append((target, before, new, what or self.drafts.what_of(target)))
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
        nodes: dict[tuple[str, str], tuple[str, str | None]] = {}  # an indicator's node, asked once
        red = bool(self.drafts)  # (none red: nothing to take away from a cell given a value)
        for target, state, what in cells:
            if isinstance(state, InvalidDraft):
                self.drafts.put(target, state, what)
                red = True
                if self.session.has(target):  # a value typed before it: not saved while the cell is red
                    self.session.put(target, self.session.stored(target))
            else:
                if red:
                    self.drafts.put(target, None, what)
                self.session.put(target, state)
            if isinstance(target, ValueCell):  # (a pasted block: eight cells an indicator)
                key = (target.plan_id, target.indicator_key)
                node = nodes.get(key)
                if node is None:
                    node = nodes[key] = self.node_of(target)
            else:
                node = self.node_of(target)
            announce.setdefault((type(target), *node), target)
        if self.journal is not None:  # durable before the edit is shown as made
            self.journal.edited([(target, state) for target, state, _what in cells])
        self.cells_changed.emit(tuple(target for target, _state, _what in cells))
        for target in announce.values():
            self.changed.emit(target)

    @property
    def dirty(self) -> bool:
        """Unsaved edits, red cells or text in an open editor: closing would lose something typed
        (the title's mark; nothing is taken from the open editor: `unsaved()` does that)."""
        return self.session.dirty or bool(self.drafts) or self.holds_input()

    def invalid_cells(self) -> list[InvalidCell]:
        """Every red cell of the open database, in the order they were typed."""
        out = []
        for target, draft, what in self.drafts.items():
            plan_id, node_key = self.node_of(target)
            if not what:  # (a draft put back without its name: still say which cell it is)
                from kodaira_desk.services.editing import key_of
                from kodaira_desk.services.rounds.common import describe

                what = describe(self.trees, key_of(target))
            out.append(InvalidCell(target, what, plan_id, node_key, draft.text, draft.message))
        return out

    def node_of(self, target: Target) -> tuple[str, str | None]:
        return self.session.node_of(target)

    def is_red(self, plan_id: str, key: str, year: int, scope: DepartmentScope | None = None) -> bool:
        """A red cell (an invalid draft) of the item's forms is left in `year`, and with `scope` on
        what that department fills: the item is not 入力済 for that year (and 課). A red cell in
        another year's column, or on another 課's indicator, leaves this year's (課's) mark alone."""
        if not self.drafts:
            return False
        if self._red_nodes[0] != self.drafts.version:  # worked out once per change of the drafts
            by_node: dict[tuple[str, str | None, int], list[Target]] = {}
            for t, _d, _w in self.drafts.items():
                by_node.setdefault((*self.node_of(t), t.year), []).append(t)
            self._red_nodes = (self.drafts.version, by_node)
        red = self._red_nodes[1].get((plan_id, key, year), ())
        return any(scope is None or scope.owns_field(key_of(_entry_field(t))) for t in red)

    def saved(self, *, keep_history: bool = False) -> None:
        """The session was saved (or the database changed under it): the saved state is the clean
        one. A save keeps the undo history, as any editor does (an undo then makes the file
        unsaved again); the database changed under it ends the history here."""
        self.undo_stack.setClean()
        if not keep_history:
            self.undo_stack.clear()
        self.journal_now()

    def journal_now(self) -> None:
        """The journal holds what is unsaved now (after a save, a discard, a value given up)."""
        if self.journal is not None:
            self.journal.unsaved_now(self.session.pending())

    def undo_keys(self) -> frozenset[str]:
        """The fields the undo history would put a value into (its steps done and undone)."""
        stack = self.undo_stack
        commands = (stack.command(i) for i in range(stack.count()))
        return frozenset(key_of(t) for c in commands if isinstance(c, SetCells) for t, *_rest in c.changes)

    def discard(self) -> None:
        """Forget every unsaved edit (the person chose not to save), open editors' text included."""
        if self.dirty:
            self.discards += 1
        self.take_open_input()
        self.session.clear()
        self.drafts.clear()
        self.undo_stack.clear()
        self.journal_now()

    # ----------------------------------------------------------------- helpers
    def shown_target(self, indicator: Indicator, kind: ValueKind, year: FiscalYear) -> ValueCell:
        """The value a grid cell shows: for targets the latest revision printed for that year."""
        revision = Revision.CURRENT
        if kind is ValueKind.TARGET:
            order = [Revision.RESET, Revision.REVISED, Revision.ORIGINAL, Revision.CURRENT]
            present = {v.revision for v in indicator.values if v.kind is kind and v.year == year}
            revision = next((r for r in order if r in present), Revision.CURRENT)
        return ValueCell(indicator.plan_id, indicator.key, kind, year.year, revision)

    # ----------------------------------------------------------------- grading settings
    def setting(self, setting: Setting) -> SettingValue:
        """What a grading setting holds now, its unsaved change applied."""
        return stored_setting(self.workspace.grading(plan_of(setting)), setting)

    def set_setting(self, setting: Setting, value: SettingValue, label: str) -> bool:
        """Change a grading setting as one undo step (kept until Save); False when nothing changed."""
        before = self.setting(setting)
        if before == value:
            return False
        self.undo_stack.push(SetSetting(self, setting, before, value, label))
        return True

    def apply_setting(self, setting: Setting, value: SettingValue) -> None:
        stored = stored_setting(self.workspace.stored_grading(plan_of(setting)), setting)
        self.session.grading.set(setting, value, stored)
        self.grading_changed.emit(setting)


def _entry_field(target: Target) -> Target:
    """The entry field a note or an answer belongs to (the field itself for any other)."""
    while isinstance(target, AnnotationField):
        target = target.field
    return target


def _ready_for_first_edit() -> None:
    """What the first edit needs and later ones have: imported while the window is idle."""
    for name in FIRST_EDIT_NEEDS:
        importlib.import_module(name)
