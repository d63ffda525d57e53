"""What the KPI, budget and schedule grids share: a cell is a field, typed text goes through one
parser, red drafts and read-only cells look the same everywhere.

A subclass says which field a cell is (`field_at`), how typed text reads (`read`), what the cell
is called (`what`) and how its content prints (`printed`); this base does the rest, so typing,
pasting, filling and clearing all take the same road (`state_for` → `Editor.set_many`).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from kodaira_desk.domain.errors import ValueParseError
from kodaira_desk.services.editing import AnnotationField, Content, Target
from kodaira_desk.ui import theme
from kodaira_desk.ui.editor import Editor
from kodaira_desk.ui.forms.invalid_drafts import CellState, InvalidDraft
from kodaira_desk.ui.i18n import full_stops
from kodaira_desk.ui.notes import field_marks

Index = QModelIndex | QPersistentModelIndex

INVALID = QColor("#f8c9c9")
LOCKED = QColor("#ececec")
LOCKED_TEXT = QColor("#595959")
ENTRY_YEAR = QColor("#e6f1fb")
# A cell's state for the delegate's marks (issue 28: not colour alone): "invalid" (red, ×),
# "locked" (grey, hatched), "warning" (yellow, a corner mark) or "".
CELL_STATE_ROLE = Qt.ItemDataRole.UserRole + 41
_R = Qt.ItemDataRole
# The roles a cell's look answers (its colours, state marks, tooltip and words for a screen
# reader), and those a changed value answers too (its text and its font: an edited figure is bold).
LOOK_ROLES = [int(_R.BackgroundRole.value), int(_R.ForegroundRole.value), int(_R.ToolTipRole.value),
              int(_R.AccessibleDescriptionRole.value), CELL_STATE_ROLE]
VALUE_ROLES = [int(_R.DisplayRole.value), int(_R.EditRole.value), int(_R.FontRole.value),
               int(_R.AccessibleTextRole.value), *LOOK_ROLES]
# Roles the delegate asks of every cell that no grid answers (an icon, a check box, a size)
_UNASKED = frozenset(int(r.value) for r in (_R.DecorationRole, _R.CheckStateRole, _R.SizeHintRole,
                                              _R.StatusTipRole, _R.WhatsThisRole))
_FLAGS = -1  # the answers' key of a cell's flags (not a Qt role)
# The roles as ints, made once: `Qt.ItemDataRole.X` is a Python enum look-up (0.8 µs), and a
# paste's repaint computes some 400 answers comparing a role a dozen times each (issue 27)
(DISPLAY, EDIT, FONT, BACKGROUND, FOREGROUND, TOOLTIP, ACCESSIBLE_TEXT, ACCESSIBLE_DESCRIPTION, ALIGNMENT) = (
    int(r.value) for r in (_R.DisplayRole, _R.EditRole, _R.FontRole, _R.BackgroundRole, _R.ForegroundRole,
                           _R.ToolTipRole, _R.AccessibleTextRole, _R.AccessibleDescriptionRole,
                           _R.TextAlignmentRole))
# the roles `entry_data` answers from a cell's draft or lock (the others: the subclass)
_STATE_ROLES = frozenset({BACKGROUND, FOREGROUND, TOOLTIP, CELL_STATE_ROLE, ACCESSIBLE_TEXT, ACCESSIBLE_DESCRIPTION})
# The roles painting a cell asks (the delegate's style option and its state mark): a subclass
# may answer them together (`look`), the first time one of them is asked (issue 27: a grid's first
# paint asked each role apart, looking up the cell's draft, lock and checks again each time)
PAINT_ROLES = frozenset({DISPLAY, FONT, ALIGNMENT, FOREGROUND, BACKGROUND, CELL_STATE_ROLE})
# The answers a changed value leaves as they were: a cell's notes, questions and evidence
# (asked of the workspace's annotations: a third of a 1,000-cell paste's repaint) and whether it
# may be typed into.
KEPT = _KEPT = frozenset({field_marks.ANNOTATION_ROLE, _FLAGS})
# made once: each | of Qt flags is a Python enum operation, and a repaint asks every cell's flags
_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _READ_ONLY | Qt.ItemFlag.ItemIsEditable


class EntryGridModel(QAbstractTableModel):
    invalid_entry = Signal(str)  # a Japanese message for the clerk

    def __init__(self, editor: Editor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        # row → (column, role) → answer: a repaint asks each visible cell a dozen roles, and an
        # answer only changes when the editor says a field changed, the plans reload or the grid loads.
        self._answers: dict[int, dict[tuple[int, int], object]] = {}
        self.modelAboutToBeReset.connect(self._answers.clear)
        editor.reloaded.connect(self._emit_all)
        editor.cells_changed.connect(self._on_annotations_changed)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = index.row()
        key = (index.column(), role)
        answers = self._answers.get(row)
        if answers is None:
            answers = self._answers[row] = {}
        elif key in answers:
            return answers[key]
        if role in PAINT_ROLES and index.isValid() and (look := self.look(index)) is not None:
            column = index.column()
            for each, answer in look.items():
                answers[(column, each)] = answer
            if key in answers:
                return answers[key]
        answer = answers[key] = self._with_marks(index, role) if index.isValid() and role not in _UNASKED else None
        return answer

    def look(self, index: Index) -> dict[int, object] | None:
        """The answers to PAINT_ROLES worked out together (what `compute` answers for each), or
        None to have them computed one by one."""
        return None

    def painted(self, index: Index) -> tuple[object, object, object, object, object] | None:
        """(text, font, alignment, foreground, background): what `data` answers for the roles Qt's
        delegate asks as it paints a cell, in one call from the cache (issue 27: seven calls from Qt
        into Python a cell); None for a cell without a look (its roles are answered one by one)."""
        column, row = index.column(), index.row()
        answers = self._answers.get(row)
        if answers is None or (column, DISPLAY) not in answers:
            self.data(index, DISPLAY)
            answers = self._answers[row]
        try:
            return (answers[(column, DISPLAY)], answers[(column, FONT)], answers[(column, ALIGNMENT)],
                    answers[(column, FOREGROUND)], answers[(column, BACKGROUND)])
        except KeyError:
            return None

    def _with_marks(self, index: Index, role: int) -> object:
        """`compute`'s answer, with the cell's note, questions and evidence (ui.field_marks): their
        marks for the delegate, their words in the tooltip and for a screen reader."""
        if role == field_marks.ANNOTATION_ROLE:
            return field_marks.marks_for(self.editor, self.field_at(index))
        answer = self.compute(index, role)
        if role in (TOOLTIP, ACCESSIBLE_DESCRIPTION):
            marks = field_marks.marks_for(self.editor, self.field_at(index))
            if marks:
                extra = field_marks.describe(marks) if role == TOOLTIP else [
                    field_marks.summary(marks)]
                answer = "\n".join([str(answer)] * bool(answer) + extra)
        return answer

    def _on_annotations_changed(self, targets: tuple[object, ...]) -> None:
        if any(isinstance(t, AnnotationField) for t in targets):
            self._emit_all()

    def compute(self, index: Index, role: int) -> object:
        """What `data` answers, without the cache."""
        raise NotImplementedError

    # ----------------------------------------------------------------- for subclasses
    def field_at(self, index: Index) -> Target | None:
        """The field a cell shows, or None for a fixed (label) cell."""
        raise NotImplementedError

    def read(self, index: Index, text: str) -> Content:
        """Read typed text into the field's content; raises ValueParseError."""
        raise NotImplementedError

    def what(self, index: Index) -> str:
        """The cell's name for messages and the undo menu: 「新規就農者数 令和2年度 実績」."""
        raise NotImplementedError

    def printed(self, content: Content) -> str:
        return "" if content is None else str(content)

    def empty(self) -> Content:
        """What a cleared cell holds: an empty entry, never an absence mark."""
        return None

    # ----------------------------------------------------------------- shared rules
    def locked_reason(self, index: Index) -> str | None:
        """None when the cell can be typed into; else why not (shown as its tooltip)."""
        target = self.field_at(index)
        if target is None:
            return self.tr("この欄は入力欄ではありません。")
        return self.editor.locked_reason(target)

    def draft(self, index: Index) -> InvalidDraft | None:
        target = self.field_at(index)
        return self.editor.drafts.get(target) if target is not None else None

    def shown_text(self, index: Index) -> str:
        """What the cell shows and what Ctrl+C copies: the draft, else the value as printed."""
        target = self.field_at(index)
        return self.fixed_text(index) if target is None else self.text_of(target)

    def text_of(self, target: Target) -> str:
        """What a field's cell shows: its draft, else its content as printed."""
        state = self.editor.state(target)
        return state.text if isinstance(state, InvalidDraft) else self.printed(state)

    def text_and_font(self, row: int, column: int) -> tuple[str, QFont | None]:
        """The text a cell shows and the font it is shown in (None: the view's), for the columns'
        widths: what `data` answers for both roles (a subclass answers without the cache)."""
        index = self.index(row, column)
        text, font = self.data(index, Qt.ItemDataRole.DisplayRole), self.data(index, Qt.ItemDataRole.FontRole)
        return ("" if text is None else str(text)), (font if isinstance(font, QFont) else None)

    def texts_and_fonts(self, rows: Iterable[int], column: int) -> list[tuple[str, QFont | None]]:
        """`text_and_font` of these rows' cells in one column (a subclass answers them in one pass)."""
        return [self.text_and_font(row, column) for row in rows]

    def fixed_text(self, index: Index) -> str:
        value = self.compute(index, Qt.ItemDataRole.DisplayRole)
        return "" if value is None else str(value)

    def state_for(self, index: Index, text: str) -> CellState:
        """What typing `text` into this cell makes of it: a content, or a red draft."""
        return self.state_at(index.row(), index.column(), text)

    def state_at(self, row: int, column: int, text: str) -> CellState:
        """`state_for` by row and column (a paste's cells make no model index, see `field_at_cell`)."""
        text = text.strip()
        if not text:
            return self.empty()
        try:
            return self.read_at(row, column, text)
        except ValueParseError as exc:
            return InvalidDraft.of(text, exc)

    def field_at_cell(self, row: int, column: int) -> Target | None:
        """`field_at` by row and column, for a cell inside the grid. A paste asks its 1,000 cells so:
        `index()` of a Python model asks its row and column counts (two calls into Python) and
        makes an index object, some 4 µs a cell (issue 27); a subclass answers without one."""
        return self.field_at(self.createIndex(row, column))

    def read_at(self, row: int, column: int, text: str) -> Content:
        """`read` by row and column (a subclass answers without a model index)."""
        return self.read(self.createIndex(row, column), text)

    def label(self, index: Index) -> str:
        return self.tr("{what}の入力").format(what=self.what(index))

    def cell_warnings(self, index: Index) -> list[str]:
        """Why a cell is yellow (to check); none here, the KPI grid has its checks."""
        return []

    def accessible_description(self, index: Index) -> str:
        """What a screen reader says after the cell's value: its state in words (red and why,
        grey and whose, yellow and why, unsaved) and which cell it is."""
        target = self.field_at(index)
        assert target is not None
        draft = self.editor.drafts.get(target)
        locked = self.editor.locked_reason(target)
        parts = []
        if draft is not None:
            parts.append(self.tr("赤（×）: 読めない入力で、保存されません — {why}").format(why=draft.message))
        elif locked is not None:
            parts.append(self.tr("灰色（斜線）: 入力できません — {why}").format(why=locked))
        else:
            warnings = self.cell_warnings(index)
            if warnings:
                parts.append(self.tr("黄（角の印）: 確認が必要です — {why}").format(why="／".join(warnings)))
            if self.editor.is_edited(target):
                parts.append(self.tr("未保存の変更"))
        parts.append(self.what(index))
        return full_stops(parts)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        row = index.row()
        answers = self._answers.get(row)
        if answers is None:
            answers = self._answers[row] = {}
        key = (index.column(), _FLAGS)
        found = answers.get(key)
        if found is None:
            found = answers[key] = self._flags(index)
        assert isinstance(found, Qt.ItemFlag)
        return found

    def _flags(self, index: Index) -> Qt.ItemFlag:
        if self.field_at(index) is not None and self.locked_reason(index) is None:
            return _EDITABLE
        return _READ_ONLY

    def entry_data(self, index: Index, role: int) -> object:
        """Roles every entry cell answers the same way; NotImplemented lets the subclass answer."""
        target = self.field_at(index)
        if target is None:
            return NotImplemented
        if role in (DISPLAY, EDIT):
            return self.shown_text(index)
        if role not in _STATE_ROLES:
            return NotImplemented  # (its font, alignment: the draft and the lock are not asked)
        draft = self.editor.drafts.get(target)
        locked = self.editor.locked_reason(target) if draft is None else None
        if draft is not None or locked is not None:
            if role == BACKGROUND:
                colours = theme.colours()
                return QBrush(colours.invalid if draft is not None else colours.locked)
            if role == FOREGROUND:
                colours = theme.colours()
                return QBrush(colours.invalid_text if draft is not None else colours.locked_text)
            if role == TOOLTIP:
                return draft.message if draft is not None else locked
            if role == CELL_STATE_ROLE:
                return "invalid" if draft is not None else "locked"
        if role == ACCESSIBLE_TEXT:
            return self.shown_text(index) or self.tr("空欄")
        if role == ACCESSIBLE_DESCRIPTION:
            return self.accessible_description(index)
        return NotImplemented

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        target = self.field_at(index)
        if target is None:
            return False
        state = self.state_for(index, str(value or ""))
        self.editor.set(target, state, self.label(index), what=self.what(index))
        self.dataChanged.emit(index, index)
        if isinstance(state, InvalidDraft):  # named: the cursor has moved on by the time it is read (B5)
            self.invalid_entry.emit(f"{self.what(index)}: {state.message}")
        return True

    def shows(self, target: Target) -> bool:
        """Whether a field is one of this grid's cells (without walking every cell)."""
        raise NotImplementedError

    def has_invalid(self) -> bool:
        return bool(self.invalid_messages())

    def invalid_messages(self) -> list[str]:
        return [f"{what}: {d.message}" if what else d.message for t, d, what in self.editor.drafts.items() if self.shows(t)]

    def index_of_field(self, target: Target) -> QModelIndex:
        for r in range(self.rowCount()):
            for c in range(self.columnCount()):
                idx = self.index(r, c)
                if self.field_at(idx) == target:
                    return idx
        return QModelIndex()

    def refresh(self) -> None:
        """Forget every cached answer and repaint (after a language change, for instance)."""
        self._emit_all()

    def forget_rows(self, rows: set[int], cells: Iterable[tuple[int, int]] | None = None) -> None:
        """Forget the cached answers of these rows only and repaint them. With `cells` (row, column),
        the cells whose value changed: their rectangle is announced with the roles a value changes
        (its text, font, colours, tooltip) and the rest of the rows with their looks only (a check
        reading a changed cell turns another yellow), so what listens for texts (the columns'
        widths) measures the changed cells, and nothing asks the notes' marks again (issue 27)."""
        for row in rows:
            answers = self._answers.pop(row, None)
            if answers and cells is not None:  # a value changed: its notes' marks and its lock did not
                kept = {key: answer for key, answer in answers.items() if key[1] in _KEPT}
                if kept:
                    self._answers[row] = kept
        last = self.columnCount() - 1
        if not rows or last < 0:
            return
        if cells is None:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), last))
            return
        cells = list(cells)
        if cells:
            self.dataChanged.emit(self.index(min(r for r, _c in cells), min(c for _r, c in cells)),
                                  self.index(max(r for r, _c in cells), max(c for _r, c in cells)), VALUE_ROLES)
        self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), last), LOOK_ROLES)

    def _emit_all(self) -> None:
        self._answers.clear()
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
