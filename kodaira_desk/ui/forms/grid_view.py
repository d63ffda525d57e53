"""A table view that works like the spreadsheet clerks know (Excel keys, ranges, paste, fill).

Enter commits and moves down (Shift+Enter up), Tab/Shift+Tab right/left, F2 edits in place, typing
over a cell replaces it, Esc cancels, Delete/Backspace clears the selected cells, arrows at the edge
of an edit move on. Ctrl+C copies the selection as tab-separated text (values as printed), Ctrl+V
pastes a block at the current cell, Ctrl+D fills down; each paste, fill or clear is one undo step.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPalette,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionHeader,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from kodaira_desk.services.editing import Target
from kodaira_desk.ui.forms import cell_marks
from kodaira_desk.ui.forms.clipboard import format_tsv, is_block, parse_tsv
from kodaira_desk.ui.forms.column_header import ColumnHeader
from kodaira_desk.ui.forms.grid_model import EntryGridModel
from kodaira_desk.ui.forms.invalid_drafts import CellState, InvalidDraft
from kodaira_desk.ui.notes.field_marks import paint_marks as paint_annotation_marks
from kodaira_desk.ui.viewports import viewport_of

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_SELECTED, _HAS_FOCUS = QStyle.StateFlag.State_Selected, QStyle.StateFlag.State_HasFocus
INVALID_SELECTED = QColor("#c62828")


class GridDelegate(QStyledItemDelegate):
    """The cell editor's keys: they commit and move the way a spreadsheet does."""

    OWN_OPTION = True  # a cell's style option filled from its look at once (off: by Qt, role by role)

    def __init__(self, view: GridView) -> None:
        super().__init__(view)
        self.view = view

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        """What QStyledItemDelegate.initStyleOption sets, from the model's answers taken in one call:
        Qt asks a cell's font, alignment, text colour, check state, icon, text and background one
        role at a time, each a call from C++ into the Python model (a paste repaints 63 cells twice,
        issue 27). A cell without a look, or a text that is not a string, goes Qt's way."""
        model = self.view.model()
        found = model.painted(index) if self.OWN_OPTION and isinstance(model, EntryGridModel) else None
        text, font, alignment, foreground, background = found if found is not None else (None,) * 5
        if not isinstance(text, str):
            super().initStyleOption(option, index)
            return
        option.index = index if isinstance(index, QModelIndex) else model.index(index.row(), index.column())
        if isinstance(font, QFont):
            option.font = font.resolve(option.font)
            option.fontMetrics = QFontMetrics(option.font)
        if isinstance(alignment, int):
            option.displayAlignment = _alignment(alignment)
        if isinstance(foreground, QBrush):
            palette = option.palette
            palette.setBrush(QPalette.ColorRole.Text, foreground)
            option.palette = palette
        option.features = _with_display(option.features)
        option.text = text
        if isinstance(background, QBrush):
            option.backgroundBrush = background
        option.styleObject = None  # type: ignore[assignment]

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):  # the title's change mark follows what is typed
            editor.textChanged.connect(lambda _text: self.view.typing.emit())
        return editor

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        # a cell's state shows as a mark or a pattern too, not in colour alone (ui/cell_marks.py).
        # Its state and marks are asked of the model directly, once (each index.data is a call into
        # Qt and back into Python: a paste repaints the grid's 63 cells twice, issue 27)
        model = self.view.model()
        state, marks = (cell_marks.state_and_marks(model, index) if isinstance(model, EntryGridModel)
                        else ("", None))
        # the state read once, its flags tested with `in`: each `option.state` makes a Python Flag
        # (3.5 µs) and each `&` another (6 µs): some 20 µs a cell, twice a paste's repaint (issue 27)
        states = option.state
        selected = _SELECTED in states
        if state == "locked" and not selected:
            cell_marks.paint_locked(self, painter, option, index)
        elif state == "invalid" and selected:
            # a red cell stays red inside a selected range, so a paste's bad value is seen at once
            option = QStyleOptionViewItem(option)
            option.palette.setColor(QPalette.ColorRole.Highlight, INVALID_SELECTED)
            option.palette.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
            super().paint(painter, option, index)
        else:
            super().paint(painter, option, index)
        if marks:  # a note, questions, evidence (issue 25): under the state's marks and the focus frame
            paint_annotation_marks(painter, option.rect, marks)
        focused = _HAS_FOCUS in states and self.view.hasFocus() and self.view.currentIndex() == index
        if state in ("invalid", "warning") or focused:
            cell_marks.paint_marks(painter, option, state, focused)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(editor, QWidget):
            return super().eventFilter(editor, event)
        assert isinstance(event, QKeyEvent)
        key, mods = event.key(), event.modifiers()
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if event.matches(QKeySequence.StandardKey.Paste) and is_block(QGuiApplication.clipboard().text()):
            # A block from a spreadsheet goes into the cells, never jammed into this one.
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
            self.view.paste()
            return True
        move: tuple[int, int] | None = None
        if key in _ENTER:
            move = (-1 if shift else 1, 0)
        elif key == Qt.Key.Key_Tab and not shift:
            move = (0, 1)
        elif key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and shift):
            move = (0, -1)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            move = (-1 if key == Qt.Key.Key_Up else 1, 0)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and isinstance(editor, QLineEdit) \
                and not editor.hasSelectedText() and not shift:
            at_start = editor.cursorPosition() == 0
            at_end = editor.cursorPosition() == len(editor.text())
            if key == Qt.Key.Key_Left and at_start:
                move = (0, -1)
            elif key == Qt.Key.Key_Right and at_end:
                move = (0, 1)
        if move is None:
            return super().eventFilter(editor, event)
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        self.view.move_by(*move, wrap=key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab))
        return True


_ALIGNMENTS: dict[int, Qt.AlignmentFlag] = {}
_DISPLAYED: dict[object, object] = {}


def _alignment(value: int) -> Qt.AlignmentFlag:
    """The model's alignment (an int) as Qt's flag, made once per value (a Python enum operation)."""
    found = _ALIGNMENTS.get(value)
    if found is None:
        found = _ALIGNMENTS[value] = Qt.AlignmentFlag(value)
    return found


def _with_display(features: QStyleOptionViewItem.ViewItemFeature) -> QStyleOptionViewItem.ViewItemFeature:
    """`features | HasDisplay`, worked out once per value (each `|` of Qt flags is a Python enum operation)."""
    found = _DISPLAYED.get(features)
    if found is None:
        found = _DISPLAYED[features] = features | QStyleOptionViewItem.ViewItemFeature.HasDisplay
    return found  # type: ignore[return-value]


def name_lines(text: str, font: QFont, metrics: QFontMetrics, width: int, most: int) -> list[str]:
    """An indicator's name wrapped to `width` in at most `most` lines, the last one ending in "…"
    when the name is longer: a wide badge (▲基準値を下回る) left its name three lines in a row of
    two, and the row showed the middle of them, the first and last cut in half."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    starts: list[tuple[int, int]] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1, width))
        starts.append((line.textStart(), line.textLength()))
    layout.endLayout()
    lines = [text[a:a + n].rstrip("\n") for a, n in starts]
    if len(lines) <= most:
        return lines
    rest = text[starts[most - 1][0]:].replace("\n", " ")
    return [*lines[:most - 1], metrics.elidedText(rest, Qt.TextElideMode.ElideRight, max(1, width))]


class NameHeader(QHeaderView):
    """The row header with the indicator's name: wrapped on two lines, its width dragged by its edge."""

    GRIP = 5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setMouseTracking(True)
        self._drag_from: int | None = None
        self._width_at_drag = 0
        self.badges: dict[int, tuple[str, QColor]] = {}  # row → (▲33.3%, status colour): issue 17
        self._lines: dict[tuple[str, str, int, int], list[str]] = {}  # (name, font, width, lines) → lines

    HINT_FROM_WIDTH = True  # (off: Qt's hint, every name measured; for an A/B of issue 27)

    def sizeHint(self) -> QSize:
        """At a fixed width (the KPI form's `_fit_names`, or dragged by its edge), that width: the
        view gives its row header a width within the header's least and most, so Qt's hint —
        every name's text measured again after each reset of the model, 0.6 ms an item with
        indicators — was worked out only to be replaced (issue 27)."""
        least = self.minimumWidth()
        if self.HINT_FROM_WIDTH and least == self.maximumWidth():
            return QSize(least, self.defaultSectionSize())
        return super().sizeHint()

    def set_badges(self, badges: dict[int, tuple[str, QColor]]) -> None:
        """A short text per row at the header's right, in a colour (the KPI grid's status mark and
        rate: the mark is a shape, so it reads without the colour)."""
        if badges != self.badges:
            self.badges = badges
            viewport_of(self).update()

    def paintSection(self, painter: QPainter, rect: QRect, logical_index: int) -> None:
        if not rect.isValid() or self.model() is None:
            return
        opt = QStyleOptionHeader()
        self.initStyleOption(opt)
        opt.rect = rect
        opt.section = logical_index
        opt.text = ""
        self.style().drawControl(QStyle.ControlElement.CE_Header, opt, painter, self)
        text = str(self.model().headerData(logical_index, self.orientation()) or "")
        painter.save()
        right = 6
        badge = self.badges.get(logical_index)
        if badge is not None:
            font = QFont(painter.font())
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(badge[1])
            width = painter.fontMetrics().horizontalAdvance(badge[0])
            painter.drawText(rect.adjusted(0, 1, -6, -1),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), badge[0])
            painter.setFont(self.font())
            right += width + 6
        painter.setPen(self.palette().color(self.foregroundRole()))
        area = rect.adjusted(6, 1, -right, -1)
        metrics = painter.fontMetrics()
        font = painter.font()
        most = max(1, area.height() // metrics.lineSpacing())
        key = (text, font.key(), area.width(), most)
        lines = self._lines.get(key)
        if lines is None:  # a name laid out once per width and font, not on every repaint (issue 27)
            if len(self._lines) > 2048:
                self._lines.clear()
            lines = self._lines[key] = name_lines(text, font, metrics, area.width(), most)
        top = area.top() + (area.height() - len(lines) * metrics.lineSpacing()) // 2
        for n, line in enumerate(lines):
            painter.drawText(QRect(area.left(), top + n * metrics.lineSpacing(), area.width(), metrics.lineSpacing()),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), line)
        painter.restore()

    def _on_grip(self, x: int) -> bool:
        return abs(x - self.width()) <= self.GRIP

    def mousePressEvent(self, event: QMouseEvent) -> None:
        x = int(event.position().x())
        if event.button() == Qt.MouseButton.LeftButton and self._on_grip(x):
            self._drag_from, self._width_at_drag = x, self.width()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        x = int(event.position().x())
        if self._drag_from is not None:
            self.set_name_width(self._width_at_drag + x - self._drag_from)
            return
        self.setCursor(Qt.CursorShape.SplitHCursor if self._on_grip(x) else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None:
            self._drag_from = None
            return
        super().mouseReleaseEvent(event)

    def set_name_width(self, width: int) -> None:
        self.setFixedWidth(max(120, min(720, width)))
        view = self.parent()
        if isinstance(view, GridView):
            view.relayout()


class GridView(QTableView):
    notice = Signal(str, bool)  # a message for the form's message line; True when it is an error
    typing = Signal()  # the open cell editor's text changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setTabKeyNavigation(True)
        self.setItemDelegate(GridDelegate(self))
        self.setHorizontalHeader(ColumnHeader(self))

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # a screen reader hears the current cell, not only "table" (after Qt's own focus event)
        QTimer.singleShot(0, lambda: cell_marks.announce_current(self) if self.hasFocus() else None)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if isinstance(model, EntryGridModel):
            # the Editor's gate takes this grid's open cell before Save, closing, a collection…
            model.editor.watch_input(self)
            self.typing.connect(model.editor.typing)
            self.destroyed.connect(lambda _o=None, e=model.editor, v=self: e.forget_input(v))

    def grid_model(self) -> EntryGridModel:
        model = self.model()
        assert isinstance(model, EntryGridModel)
        return model

    # ------------------------------------------------------------------ the open cell editor
    def open_editor(self) -> tuple[QModelIndex, QLineEdit] | None:
        """The cell being typed into and its editor, if one is open."""
        if self.state() != QAbstractItemView.State.EditingState:
            return None
        index = self.currentIndex()
        widget = self.indexWidget(index) if index.isValid() else None
        if isinstance(widget, QLineEdit):
            return index, widget
        return None

    def holds_input(self) -> bool:
        """Whether the open editor's text differs from what its cell shows (OpenInput)."""
        found = self.open_editor()
        if found is None:
            return False
        index, line = found
        return line.text() != self.grid_model().shown_text(index)

    def open_cell(self) -> tuple[Target, CellState] | None:
        """The open editor's field and its text's state when it differs from the cell (journaled per key)."""
        found, model = self.open_editor(), self.grid_model()
        target = model.field_at(found[0]) if found is not None else None
        if found is None or target is None or found[1].text() == model.shown_text(found[0]):
            return None
        return target, model.state_for(found[0], found[1].text())

    def commit_input(self) -> None:
        """The open editor's text into its cell through the model, as Enter would, without moving
        (OpenInput: the Editor's gate before Save, closing, a collection…)."""
        found = self.open_editor()
        if found is None:
            return
        _index, line = found
        self.commitData(line)
        self.closeEditor(line, QAbstractItemDelegate.EndEditHint.NoHint)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        self.typing.emit()  # committed or cancelled (Esc): the title's mark follows

    def dataChanged(self, top_left: QModelIndex | QPersistentModelIndex,  # type: ignore[override]
                    bottom_right: QModelIndex | QPersistentModelIndex, roles: list[int] | None = None) -> None:
        # Qt writes the model's text into an open editor in the changed range: what is being typed
        # would be replaced by a refresh (a recalculated rate, another's change). Keep it.
        found = self.open_editor() if self.holds_input() else None
        typed = found[1].text() if found is not None else ""
        super().dataChanged(top_left, bottom_right, roles or [])
        if found is not None and found[1].text() != typed:
            found[1].setText(typed)

    def relayout(self) -> None:
        self.updateGeometries()
        viewport_of(self).update()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        # Qt moves the columns only when the scroll bar's value changes: a grid laid out narrow
        # (its names' header widened at a large font, a tab not shown yet) kept the offset of
        # that width once wider, its last column at the left and blank space after it (issue 28)
        self._whole_columns()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if dx:
            self._whole_columns()

    def _whole_columns(self) -> None:
        """The header's offset at the start of the column the scroll bar names. At the bar's end Qt
        puts the last column flush with the right edge (QHeaderView.setOffsetToLastSection), which
        cuts the first column shown at the left (「成29年度」 after a paste, a save or a refit took
        the grid to its end): the end shows whole columns too, with the last one whole (the bar's
        range is the columns that fit) and any blank room after it."""
        bar, header = self.horizontalScrollBar(), self.horizontalHeader()
        if self.horizontalScrollMode() != QAbstractItemView.ScrollMode.ScrollPerItem or header.count() == 0:
            return
        expected = header.sectionPosition(header.logicalIndex(bar.value())) if bar.value() else 0
        if header.offset() != expected:
            header.setOffset(expected)
            viewport_of(self).update()

    # ------------------------------------------------------------------ keys
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif key == Qt.Key.Key_D and mods == Qt.KeyboardModifier.ControlModifier:
            self.fill_down()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and plain:
            self.clear_selected()
        elif key in _ENTER and (plain or mods == Qt.KeyboardModifier.ShiftModifier):
            self.move_by(-1 if shift else 1, 0)
        elif key == Qt.Key.Key_Tab and plain:
            if not self._leave_at_edge(forward=True):
                self.move_by(0, 1, wrap=True)
        elif key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and shift):
            if not self._leave_at_edge(forward=False):
                self.move_by(0, -1, wrap=True)
        else:
            super().keyPressEvent(event)

    def _leave_at_edge(self, *, forward: bool) -> bool:
        """Tab on the last cell (Shift+Tab on the first) moves on to the next control: the grid
        is no keyboard trap (issue 28). Ctrl+Tab and F6 leave it from any cell."""
        model, cur = self.model(), self.currentIndex()
        if model is None or not cur.isValid():
            return False
        last = (model.rowCount() - 1, model.columnCount() - 1)
        if (cur.row(), cur.column()) != (last if forward else (0, 0)):
            return False
        return QWidget.focusNextPrevChild(self, forward)

    def edit(self, index: QModelIndex, trigger: QAbstractItemView.EditTrigger,  # type: ignore[override]
             event: QEvent) -> bool:
        opened = super().edit(index, trigger, event)
        typing = trigger in (QAbstractItemView.EditTrigger.AnyKeyPressed,
                             QAbstractItemView.EditTrigger.EditKeyPressed,
                             QAbstractItemView.EditTrigger.DoubleClicked)
        if not opened and typing and index.isValid() and isinstance(self.model(), EntryGridModel):
            reason = self.grid_model().locked_reason(index)
            if reason and self.grid_model().field_at(index) is not None:
                self.notice.emit(reason, True)  # say whose it is, where the clerk is looking
        return opened

    def move_by(self, rows: int, cols: int, *, wrap: bool = False) -> None:
        model = self.model()
        cur = self.currentIndex()
        if model is None or not cur.isValid():
            return
        r, c = cur.row() + rows, cur.column() + cols
        if wrap and c >= model.columnCount():
            r, c = r + 1, 0
        elif wrap and c < 0:
            r, c = r - 1, model.columnCount() - 1
        r = max(0, min(model.rowCount() - 1, r))
        c = max(0, min(model.columnCount() - 1, c))
        target = model.index(r, c)
        self.selectionModel().setCurrentIndex(target, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(target)

    # ------------------------------------------------------------------ ranges
    def selected_block(self) -> tuple[int, int, int, int] | None:
        """(top, left, bottom, right) around the selection, or the current cell."""
        indexes = self.selectionModel().selectedIndexes() if self.selectionModel() else []
        if not indexes:
            cur = self.currentIndex()
            return (cur.row(), cur.column(), cur.row(), cur.column()) if cur.isValid() else None
        rows = [i.row() for i in indexes]
        cols = [i.column() for i in indexes]
        return min(rows), min(cols), max(rows), max(cols)

    def copy_selection(self) -> str:
        block = self.selected_block()
        if block is None:
            return ""
        top, left, bottom, right = block
        model = self.grid_model()
        rows = [[model.shown_text(model.index(r, c)) for c in range(left, right + 1)]
                for r in range(top, bottom + 1)]
        text = format_tsv(rows)
        QGuiApplication.clipboard().setText(text)
        return text

    def paste(self, text: str | None = None) -> None:
        block = parse_tsv(QGuiApplication.clipboard().text() if text is None else text)
        sel = self.selected_block()
        if not block or sel is None:
            return
        model = self.grid_model()
        top, left, bottom, right = sel
        cells: list[tuple[int, int, str]] = []
        outside = 0
        if len(block) == 1 and len(block[0]) == 1 and (bottom > top or right > left):
            # one value over a selected range fills the range, as a spreadsheet does
            cells = [(i.row(), i.column(), block[0][0]) for i in self.selectionModel().selectedIndexes()]
        else:
            rows, columns = model.rowCount(), model.columnCount()
            for r, row in enumerate(block, start=top):
                for c, value in enumerate(row, start=left):
                    if r < rows and c < columns:
                        cells.append((r, c, value))
                    else:
                        outside += 1
        self._write(cells, self.tr("貼り付け"), outside=outside)
        last_r = min(model.rowCount() - 1, top + len(block) - 1)
        last_c = min(model.columnCount() - 1, left + max(len(r) for r in block) - 1)
        if not (len(block) == 1 and len(block[0]) == 1):
            self.selectionModel().select(QItemSelection(model.index(top, left), model.index(last_r, last_c)),
                                         QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def fill_down(self) -> None:
        """Ctrl+D: the top row of the selection into the rows below it (one row: the row above)."""
        sel = self.selected_block()
        if sel is None:
            return
        model = self.grid_model()
        top, left, bottom, right = sel
        source = top if bottom > top else top - 1
        if source < 0:
            return
        texts = [model.shown_text(model.index(source, c)) for c in range(left, right + 1)]
        cells = [(r, c, texts[c - left]) for r in range(source + 1, bottom + 1) for c in range(left, right + 1)]
        self._write(cells, self.tr("下方向へコピー"))

    def clear_selected(self) -> None:
        indexes = self.selectionModel().selectedIndexes() if self.selectionModel() else []
        if not indexes and self.currentIndex().isValid():
            indexes = [self.currentIndex()]
        self._write([(i.row(), i.column(), "") for i in indexes], self.tr("消去"))

    def _write(self, cells: list[tuple[int, int, str]], action: str, *, outside: int = 0) -> None:
        """Write typed texts into cells (row, column, text) as ONE undo step, skipping read-only
        cells, and say what happened. Each cell's lock is asked here once: the editor does not ask
        again (issue 27), and no model index is made for a cell that can be typed into."""
        model = self.grid_model()
        editor = model.editor
        changes: list[tuple[Target, CellState, str]] = []
        skipped: list[str] = []
        bad = 0
        for row, column, text in cells:
            target = model.field_at_cell(row, column)
            reason = model.locked_reason(model.index(row, column)) if target is None else editor.locked_reason(target)
            if target is None or reason is not None:
                skipped.append(reason or "")
                continue
            state = model.state_at(row, column, text)
            if isinstance(state, InvalidDraft):
                bad += 1  # the cell's name is kept only with a red draft (Save lists it)
                changes.append((target, state, model.what(model.index(row, column))))
            else:
                changes.append((target, state, ""))
        label = self.tr("{action}（{n} セル）").format(action=action, n=len(changes))
        written = editor.set_many(changes, label, checked=True) if changes else 0
        if skipped or bad or outside or len(cells) > 1:
            parts = [self.tr("{action}: {n} セルを変更しました。").format(action=action, n=written)]
            if skipped:
                parts.append(self.tr("入力できないセル {n} 個は飛ばしました（{why}）。").format(
                    n=len(skipped), why=next((s for s in skipped if s), self.tr("入力欄ではありません"))))
            if outside:
                parts.append(self.tr("表の外にはみ出した {n} 個は貼り付けていません。").format(n=outside))
            if bad:
                parts.append(self.tr("読めない値 {n} 個を赤で示しています。直すか消してください。").format(n=bad))
            self.notice.emit("".join(parts), bool(bad or skipped or outside))
