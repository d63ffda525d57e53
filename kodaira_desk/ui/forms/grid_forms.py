"""The grids under the node page's tabs: KPI values, budget costs, yearly schedule.

Kept apart from `ui/forms.py` so that the window starts without them: the node page builds each
grid form the first time an item that has one is selected (the grid view, its models and Qt's
style classes are not needed for the first screen).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QHeaderView, QVBoxLayout, QWidget

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Node, PlanTree, ValueKind
from kodaira_desk.services.editing import Target
from kodaira_desk.ui import a11y, theme
from kodaira_desk.ui.editor import Editor
from kodaira_desk.ui.forms.column_widths import fit_columns, grow_columns
from kodaira_desk.ui.forms.grid_view import GridView, NameHeader
from kodaira_desk.ui.forms.kpi_model import KpiTableModel
from kodaira_desk.ui.forms.turn_cover import TurnCover
from kodaira_desk.ui.message_line import MessageLine, WrappedLine
from kodaira_desk.ui.notes.field_marks import ANNOTATION_ROLE, describe, marks_legend
from kodaira_desk.ui.plan_editor.tables import BudgetModel, ScheduleModel
from kodaira_desk.ui.viewports import viewport_of

if TYPE_CHECKING:
    from kodaira_desk.ui.chart.pane import KpiChartPane
    from kodaira_desk.ui.tasks import Op

__all__ = ["BudgetForm", "GridForm", "KpiForm", "MessageLine", "ScheduleForm"]


# what a person does to the KPI grid with the mouse (the keys go where the focus is: `_on_focus_changed`):
# the item they chose is loaded first, if it is still to come
_USED = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.Wheel,
                   QEvent.Type.ContextMenu})


def _zero_timer(parent: QObject, then: Callable[[], object]) -> QTimer:
    """A zero single-shot timer: the next turn of the event loop (started again: still once)."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(0)
    timer.timeout.connect(then)
    return timer


class GridForm(QWidget):
    """A spreadsheet-like grid with a message line under it, for the KPI, budget and schedule grids."""

    def __init__(self, model: KpiTableModel | BudgetModel | ScheduleModel, name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = GridView()
        self.view.setObjectName(name)
        self.view.setModel(model)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        self.view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.message = MessageLine()
        self.message.setVisible(False)
        self.message.setObjectName(f"{name}Message")
        self.message.setWordWrap(True)
        self._error_shown = False
        self.legend = WrappedLine()  # all its lines: the page scrolls rather than squeeze the grid and chart
        theme.tint(self.legend, "muted")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 4, 0, 0)
        self.layout_.addWidget(self.view, 1)
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.legend)
        model.invalid_entry.connect(self.show_error)
        self.view.notice.connect(self._on_view_notice)
        model.dataChanged.connect(self._clear_when_valid)
        model.modelReset.connect(self._after_reset)
        model.dataChanged.connect(self._grow_columns)  # a longer figure typed or pasted shows whole
        theme.changed().connect(self.model.refresh)  # the cells' colours are cached
        self._legend_text = ""
        self._marked: set[tuple[int, int]] = set()  # the cells with a corner mark (issue 25)
        model.modelReset.connect(self._rescan_marks)
        model.dataChanged.connect(self._marks_changed)

    def set_legend(self, text: str) -> None:
        self._legend_text = text
        self._update_legend()

    def _rescan_marks(self) -> None:
        self._marked.clear()
        self._marks_changed(self.model.index(0, 0),
                            self.model.index(self.model.rowCount() - 1, self.model.columnCount() - 1))

    def _marks_changed(self, top: QModelIndex, bottom: QModelIndex, roles: Sequence[int] = ()) -> None:
        """Which cells carry a mark, asked again only of the cells that changed (a typed figure
        asked all 3,400 cells of a 340-row grid: 45 ms a keystroke, issue 27), and only when their
        marks may have (a value typed or pasted says which roles changed: not these)."""
        if roles and ANNOTATION_ROLE not in roles:
            return
        model = self.model
        for r in range(max(top.row(), 0), bottom.row() + 1):
            for c in range(max(top.column(), 0), bottom.column() + 1):
                # asked of the model itself (its cache, which the paint then finds filled): through
                # the index, each cell was a call into Qt and back into Python (issue 27)
                if model.data(model.index(r, c), ANNOTATION_ROLE):
                    self._marked.add((r, c))
                else:
                    self._marked.discard((r, c))
        self._update_legend()

    def _update_legend(self) -> None:
        """The legend, with what the corner marks mean when a cell of this grid has one (issue 25):
        without marks the line is not spent on them (room is short at 1366×768)."""
        self.legend.setText(self._legend_text + (marks_legend() if self._marked else ""))
        a11y.describe(self.view, self.legend.text())  # the grid's description is its legend (issue 28)

    def name_view(self, name: str) -> None:
        """The grid's accessible name; its description is the legend under it."""
        a11y.name(self.view, name, self.legend.text())
        a11y.name_table_heads(self.view, name)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.model.refresh()  # the cells' cached tooltips are in the old language
        if event.type() == QEvent.Type.FontChange:  # 表示 > 文字の大きさ: the headers and figures fit again
            QTimer.singleShot(0, self.fit_columns)  # once the view and its header have the new font
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The form's own texts in the language now in use (a switch retranslates at once)."""

    def show_error(self, message: str) -> None:
        self._error_shown = True
        theme.tint(self.message, "error")
        self.message.setText(message)

    def show_check(self, message: str) -> None:
        """A figure to look at again (yellow): said where the clerk looks, not as an error."""
        self._error_shown = False
        theme.tint(self.message, "check")
        self.message.setText(message)

    def _on_view_notice(self, message: str, error: bool) -> None:
        if error:
            self.show_error(message)
        else:
            self._error_shown = False
            theme.tint(self.message, "ok")
            self.message.setText(message)

    def _clear_when_valid(self) -> None:
        if not self.model.has_invalid() and self._error_shown:
            self._error_shown = False
            self.message.clear()

    def _after_reset(self) -> None:
        self.message.clear()
        self.fit_columns()
        bad = self.model.invalid_messages()
        if bad:  # red cells kept from before: say so again where the clerk looks
            self.show_error(bad[0])

    def fit_columns(self) -> None:
        """Each column as wide as its header and texts (80–360 px), measured from the font's metrics,
        not the delegate's size hints (issue 27: half of a slow selection at ×10)."""
        fit_columns(self.view, 80, 360)

    def _grow_columns(self, top_left: QModelIndex, bottom_right: QModelIndex, roles: Sequence[int] = ()) -> None:
        if roles and Qt.ItemDataRole.DisplayRole.value not in roles:
            return  # the cells' looks changed, not their texts
        if top_left.isValid() and bottom_right.isValid():
            grow_columns(self.view, range(top_left.row(), bottom_right.row() + 1),
                         range(top_left.column(), bottom_right.column() + 1), 80, 360)

    def validate(self) -> list[str]:
        return self.model.invalid_messages()

    def entry_index(self) -> QModelIndex:
        """Where the keyboard starts in this grid (the KPI grid: the entry year's first empty cell)."""
        return QModelIndex()

    def focus_entry(self) -> None:
        """Put the current cell on the entry cell (F6 into a grid that was not used yet)."""
        idx = self.entry_index()
        if idx.isValid():
            # the current cell only (nothing selected): typing goes there, a selection made later starts there
            self.view.selectionModel().setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.view.scrollTo(idx)

    def focus_field(self, target: Target) -> bool:
        idx = self.model.index_of_field(target)
        if not idx.isValid():
            return False
        self.view.setFocus()
        self.view.setCurrentIndex(idx)
        self.view.scrollTo(idx)
        return True


class KpiForm(GridForm):
    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(KpiTableModel(editor), "kpiGrid", parent)
        self.view.setWordWrap(False)  # values are short; the names wrap in their own header
        names = NameHeader(self.view)
        self.view.setVerticalHeader(names)
        self._fit_names()
        self.details = WrappedLine()
        self.details.setObjectName("kpiDetails")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        theme.tint(self.details, "panel")
        self.layout_.insertWidget(1, self.details)
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.model.dataChanged.connect(self._refresh_details)  # a note typed for the current cell
        model = self.model
        assert isinstance(model, KpiTableModel)
        model.flagged_entry.connect(self.show_check)
        # 「確認済みにする」 on a yellow cell: right click, or the keyboard's menu key (Shift+F10)
        self.confirm_action = QAction(self)
        self.confirm_action.setObjectName("confirmFigure")
        self.confirm_action.triggered.connect(self.confirm_current)
        self.view.addAction(self.confirm_action)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.confirm_action.setEnabled(False)
        self.retranslate()
        self.chart_pane: KpiChartPane | None = None  # issue 17: made when first shown
        self._entry_year_shown = True  # (set False by load until the grid is shown)
        self._entry_year_at: int | None = None  # the column _show_entry_year scrolled to
        self._entry_year_timer = _zero_timer(self, self._show_entry_year)
        # an item loaded a turn after its page's texts (`load(..., later=True)`), covered meanwhile
        self._pending: tuple[PlanTree, Node | None, FiscalYear] | None = None
        self._later = _zero_timer(self, self.finish)
        self.cover = TurnCover(self)
        self.view.viewport().installEventFilter(self)  # a click there: the item loaded first
        QApplication.instance().focusChanged.connect(self._on_focus_changed)  # type: ignore[union-attr]

    def retranslate(self) -> None:
        self.set_legend(self.tr(
            "数値は「1,234人」「80.9%」「+600人」のように入力できます（全角可）。値がないときは "
            "「-」（調査なし）「—」（なし）「（※4）」（注記参照）。赤（×）: 入力の誤り（保存されません）、"
            "黄（角の三角）: 確認が必要な値（正しければ右クリックか Shift+F10 で「確認済みにする」）、"
            "青の太字: 未保存の変更、灰色（斜線）: このファイルでは入力できない欄。"))
        self.confirm_action.setText(self.tr("確認済みにする（黄色の確認を外す）"))
        self.name_view(self.tr("指標（KPI）の表"))
        a11y.name(self.details, self.tr("指標の説明"))
        current = self.view.currentIndex()
        self._show_details(current.row() if current.isValid() else 0, current)  # 単位, 担当 in the new language

    def _fit_names(self) -> None:
        """The names' header: two lines of about 22 characters at any font size."""
        names = self.view.verticalHeader()
        metrics = self.fontMetrics()
        names.setDefaultSectionSize(2 * metrics.lineSpacing() + 10)  # two lines, every load
        names.setFixedWidth(max(300, 22 * metrics.horizontalAdvance("漢") + 12))
        # the header's two lines and two rows at any font size: the chart under it does not take them
        self.view.setMinimumHeight(max(150, 3 * names.defaultSectionSize()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fit_names()  # 表示 > 文字の大きさ: the names keep their two lines
        super().changeEvent(event)

    IN_PLACE = True  # the item shown again brought up to date in place (off: loaded again, as before)

    def load(self, tree: PlanTree, node: Node | None, year: FiscalYear, later: bool = False) -> None:
        """Show the node's indicators. `later`: loaded and painted in a later turn of the event loop,
        the form covered until then (the page's texts come first: issue 27), unless the item shown
        is only brought up to date; anything that reads or uses the form meanwhile (a key, a click,
        the focus, `finish`) loads it first. A newer load replaces one not done yet."""
        focus = QApplication.focusWidget()
        if later and focus is not None and self.isAncestorOf(focus):
            later = False  # the keys go into this form (its grid, an open cell editor): to the new item
        if self._pending is not None or (later and not self._in_place(tree, node, year)):
            self._pending = (tree, node, year)
            self.cover.cover()
            self._later.start()
            return
        self._load_now(tree, node, year)

    def cancel(self) -> None:
        """The item left for a later turn is not shown after all (another item without indicators)."""
        self._later.stop()
        self._pending = None
        self.cover.uncover()

    def validate(self) -> list[str]:
        self.finish()
        return super().validate()

    def focus_entry(self) -> None:
        self.finish()
        super().focus_entry()

    def focus_field(self, target: Target) -> bool:
        self.finish()
        return super().focus_field(target)

    def later_turn(self) -> list[Callable[[], None]]:
        """What its timers left for the next turn: the grid scrolled to the entry year."""
        return [self._entry_year_now] if self._entry_year_timer.isActive() else []

    def turns_due(self) -> bool:
        """Whether a timer of the form's is to run a later turn: its item's grid, the grid scrolled
        to the entry year, its pane's grades (the tree's rows left by a selection wait for them)."""
        pane = self.chart_pane
        return self._later.isActive() or self._entry_year_timer.isActive() \
            or (pane is not None and pane.filling())

    def _entry_year_now(self) -> None:
        self._entry_year_timer.stop()
        self._show_entry_year()

    def pending(self) -> bool:
        """Whether an item is loaded but not shown yet (`finish` does it)."""
        return self._pending is not None

    def finish(self) -> None:
        """Load the item left for a later turn now, and take the cover away."""
        self._later.stop()
        if self._pending is not None:
            loading, self._pending = self._pending, None
            self._load_now(*loading, laid_out=self.view.isVisible())
        self.cover.uncover()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._pending is not None and event.type() in _USED:
            self.finish()  # (what the person clicks goes to the item they chose)
        elif event.type() == QEvent.Type.Show and not self._entry_year_shown:
            # the grid shown after the form (the first item's: put under the chart's splitter, it is
            # shown a turn later): the entry year scrolled to then, not left where the load left it
            self._entry_year_timer.start()
        return super().eventFilter(watched, event)

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._pending is not None and new is not None and self.isAncestorOf(new):
            self.finish()  # (what the person types goes to the item they chose)

    def _in_place(self, tree: PlanTree, node: Node | None, year: FiscalYear) -> bool:
        """The item shown brought up to date in place, if it is the one (see `_load_now`)."""
        assert isinstance(self.model, KpiTableModel)
        if self.IN_PLACE and node is not None and self.chart_pane is not None \
                and self.model.take_in(tree, node.key, year):
            self._taken_in()
            # graded again a turn later, as a load does, showing the grades before until then (not
            # cleared first: the pane, its list and the grid's badges were painted twice, issue 27)
            self.chart_pane.pending = True
            self.chart_pane.load(tree, node, year)
            return True
        return False

    def _load_now(self, tree: PlanTree, node: Node | None, year: FiscalYear, laid_out: bool = False) -> None:
        """`laid_out`: the form was laid out on the screen in a turn before (`finish`): the grid is
        scrolled to the entry year now, painted there once (not a turn later, painted again)."""
        assert isinstance(self.model, KpiTableModel)
        if self._in_place(tree, node, year):
            return
        self.model.load(tree, node.key if node else None, year)
        if self.chart_pane is None:  # issue 17: imported here, not at start-up
            from kodaira_desk.ui.chart.attach import attach_chart_pane
            self.chart_pane = attach_chart_pane(self)
        self.chart_pane.load(tree, node, year)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.focus_entry()  # the keyboard starts at the entry year's first empty cell (its row's details)
        if not self.view.currentIndex().isValid():
            self._show_details(0)
        # Once laid out, show the entry year's columns with the years before them on the left; on a
        # tab not shown yet, when it is shown (laid out hidden, the grid was scrolled to its end)
        self._entry_year_shown = False
        if laid_out:
            self._show_entry_year()
        else:
            self._entry_year_timer.start()

    def _taken_in(self) -> None:
        """The item shown, brought up to date in place (the plan taken in again, issue 27): what a
        load shows beside its cells — the message line as after a reset, the current cell's words
        and whether its figure can be confirmed. The current cell, the scrolling and the columns'
        widths stay (a column only grows, for a wider text: `_grow_columns`)."""
        self.message.clear()
        self._error_shown = False
        bad = self.model.invalid_messages()
        if bad:
            self.show_error(bad[0])
        current = self.view.currentIndex()
        self._on_current_changed(current, current)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._entry_year_shown:
            self._entry_year_timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # narrowed by the page's scroll bar or a larger font: the entry year shown whole again, as
        # long as the clerk has not scrolled the grid elsewhere
        self.cover.follow()
        if self._entry_year_at is not None and self.view.horizontalScrollBar().value() == self._entry_year_at:
            self._entry_year_timer.start()

    def entry_index(self) -> QModelIndex:
        """The entry year's first empty cell that can be typed into: down the 実績 column first,
        then the 見込 one; else its first cell that can be; else its first cell."""
        assert isinstance(self.model, KpiTableModel)
        model = self.model
        columns = [c for kind in (ValueKind.ACTUAL, ValueKind.FORECAST)
                   for c, spec in enumerate(model.columns) if spec.year == model.year and spec.kind is kind]
        cells = [model.index(r, c) for c in columns for r in range(model.rowCount())]
        editable = [i for i in cells if model.flags(i) & Qt.ItemFlag.ItemIsEditable]
        empty = [i for i in editable if not model.shown_text(i)]
        for found in (empty, editable, cells):
            if found:
                return found[0]
        return model.index(0, 0) if model.rowCount() and model.columnCount() else QModelIndex()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_details(current.row() if current.isValid() else 0, current)
        assert isinstance(self.model, KpiTableModel)
        self.confirm_action.setEnabled(current.isValid() and bool(self.model.warnings_at(current)))

    def confirm_current(self) -> Op | None:
        """The current cell's figure is right: recorded on the window's runner with the person's name
        (the audit's 担当者), then its yellow check goes, here and on the board. Asked while the
        runner is busy (a save, a collection), it is queued behind that operation (it did nothing)."""
        from kodaira_desk.services.editing import key_of
        from kodaira_desk.ui.round.carried import ConfirmingWindow

        model, index, w = self.model, self.view.currentIndex(), self.window()
        assert isinstance(model, KpiTableModel)
        found = model.to_confirm(index) if index.isValid() else None
        if found is None or not isinstance(w, ConfirmingWindow):
            return None
        target, text = found
        what = model.what(index)
        asked = w.ask_name()  # asked once; declined: the login name (never no one)
        actor = w.workspace.actor or asked  # the 担当者 the window's saves record

        def done(confirmed: dict[str, str]) -> None:
            model.confirmed_now(target, confirmed)
            self.confirm_action.setEnabled(bool(model.warnings_at(self.view.currentIndex())))
            self._error_shown = False
            theme.tint(self.message, "ok")
            self.message.setText(self.tr("確認済みにしました: {what}").format(what=what))

        return w.tasks.run_op(w.workspace.confirm, (key_of(target), text, actor), done, name="confirm_figure")

    def _refresh_details(self, _top: QModelIndex | None = None, _bottom: QModelIndex | None = None,
                         roles: Sequence[int] = ()) -> None:
        if roles and ANNOTATION_ROLE not in roles:
            return  # a value or its look changed (a paste says so twice): not the row's words or notes
        current = self.view.currentIndex()
        if current.isValid():
            self._show_details(current.row(), current)

    def _show_details(self, row: int, cell: QModelIndex | None = None) -> None:
        assert isinstance(self.model, KpiTableModel)
        text = self.model.details(row).replace("\n", "　") if 0 <= row < self.model.rowCount() else ""
        if cell is not None and cell.isValid():  # the current cell's note, questions, evidence (issue 25)
            lines = describe(cell.data(ANNOTATION_ROLE))
            text = f"{text}\n{'　'.join(lines)}" if lines else text
        self.details.setText(text)
        self.details.setVisible(bool(text))

    def _show_entry_year(self) -> None:
        assert isinstance(self.model, KpiTableModel)
        cols = [c for c, spec in enumerate(self.model.columns) if spec.year == self.model.year]
        if not cols or not self.model.rowCount() or not self.view.isVisible():
            return
        self._entry_year_shown = True
        header = self.view.horizontalHeader()
        first, last = cols[0], cols[-1]
        previous = [c for c, spec in enumerate(self.model.columns)
                    if spec.year is not None and spec.year.year == self.model.year.year - 1]
        right = header.sectionPosition(last) + header.sectionSize(last)
        left = header.sectionPosition(previous[0]) if previous else header.sectionPosition(first)
        width = viewport_of(self.view).width()
        if not self.view.verticalScrollBar().isVisible():  # (it may come with the rows' heights)
            width -= self.view.verticalScrollBar().sizeHint().width()
        if right - left > width:
            left = header.sectionPosition(first)  # the entry year comes first when both do not fit
        # scrolling goes by whole columns (no cut-off column at the left edge): the first column
        # from which the entry year still fits, or the one chosen above if that is further left
        starts = [header.sectionPosition(c) for c in range(self.model.columnCount())]
        fits = next((c for c, x in enumerate(starts) if x >= right - width), 0)
        chosen = min(fits, next(c for c, x in enumerate(starts) if x >= left))
        total = header.sectionPosition(self.model.columnCount() - 1) + header.sectionSize(self.model.columnCount() - 1)
        extra = width - (total - starts[chosen])
        if 0 < extra < width // 3:  # the last column takes the leftover width, so no column shows cut off
            last = self.model.columnCount() - 1
            header.resizeSection(last, header.sectionSize(last) + extra)
            # the scroll bar's range as the wider column makes it, now: left to the view's later turn,
            # the column scrolled to was cut to the old range's end and the entry year's last column
            # stayed cut off at the grid's right edge (13 of the strategy's items at 1366×768)
            self.view.updateGeometries()
        self.view.horizontalScrollBar().setValue(chosen)
        self._entry_year_at = chosen


class BudgetForm(GridForm):
    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(BudgetModel(editor), "budgetGrid", parent)
        self.retranslate()

    def retranslate(self) -> None:
        self.set_legend(self.tr("費用は千円単位で入力します。予算がない年度は「—」。"))
        self.name_view(self.tr("予算の表"))

    def load(self, tree: PlanTree, node: Node, year: FiscalYear) -> None:
        assert isinstance(self.model, BudgetModel)
        self.model.load(tree, node, year)
        self.view.clearSpans()
        col = 0
        while col < self.model.columnCount():
            span = self.model.summary_span(col)
            if span and span[1] > 1 and span[0] == col:
                self.view.setSpan(1, col, 1, span[1])
                col += span[1]
            else:
                col += 1
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._at_least(170)

    def fit_columns(self) -> None:
        super().fit_columns()
        self._at_least(170)

    def _at_least(self, width: int) -> None:
        header = self.view.horizontalHeader()
        for c in range(self.model.columnCount()):
            header.resizeSection(c, max(width, header.sectionSize(c)))


class ScheduleForm(GridForm):
    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(ScheduleModel(editor), "scheduleGrid", parent)
        self.retranslate()

    def retranslate(self) -> None:
        self.set_legend(self.tr("各年度に「実施」「→」（継続）などを入力します。"))
        self.name_view(self.tr("年次計画の表"))

    def load(self, node: Node) -> None:
        assert isinstance(self.model, ScheduleModel)
        self.model.load(node)
        self.view.horizontalHeader().resizeSection(0, 380)

    def fit_columns(self) -> None:
        super().fit_columns()
        if self.model.columnCount():
            self.view.horizontalHeader().resizeSection(0, 380)  # the row's words wrap in it
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
