"""The forms on the right of the window: one page per node with tabs for what it holds.

Each form has `load(tree, node, year)` and `validate()`; typing goes straight to the Editor as
undoable edits, so there is nothing to collect.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QResizeEvent, QTextOption
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kodaira_desk.domain.entry import STATUS_CHOICES, expects_progress
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Node, NodeText, PlanTree, departments_label, display_number
from kodaira_desk.domain.text import BlockKind, RichText
from kodaira_desk.services.editing import ProgressField, Target
from kodaira_desk.ui.editor import Editor
from kodaira_desk.ui.grid_view import GridView, NameHeader
from kodaira_desk.ui.kpi_model import KpiTableModel
from kodaira_desk.ui.plan_tables import BudgetModel, ScheduleModel

if TYPE_CHECKING:
    from kodaira_desk.ui.kpi_chart import KpiChartPane


def rich_html(text: RichText) -> str:
    parts = []
    for b in text.blocks:
        t = html.escape(b.text)
        if b.kind is BlockKind.BULLET:
            parts.append(f"<div style='margin-left:1em;text-indent:-1em'>・{t}</div>")
        elif b.kind is BlockKind.HEADING:
            parts.append(f"<div><b>{t}</b></div>")
        else:
            parts.append(f"<p style='margin:0 0 4px 0'>{t}</p>")
    return "".join(parts)


class NodeHeader(QFrame):
    """Number, name, departments and descriptions: read-only for a clerk."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nodeHeader")
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        self.title.setFont(f)
        self.meta = QLabel()
        self.meta.setWordWrap(True)
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.description = QTextBrowser()
        self.description.setObjectName("description")
        self.description.setFrameShape(QFrame.Shape.NoFrame)
        self._lines_shown = 0  # the description's height in lines at most (0: the plan's 130 px)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.title)
        lay.addWidget(self.meta)
        lay.addWidget(self.description)

    def load(self, tree: PlanTree, node: Node | None) -> None:
        if node is None:
            self.title.setText(tree.plan.title)
            self.meta.setText(self.tr("計画期間: {a} ～ {b}").format(
                a=tree.plan.period_from.era_label(), b=tree.plan.period_to.era_label()))
            self.description.setHtml("".join(
                f"<h4>{html.escape(s.heading)}</h4>{rich_html(s.text)}" for s in tree.plan.sections[:3]))
            self._lines_shown = 0
            self._fit_description()
            return
        parent_number = tree.node(node.parent_key).number if node.parent_key else None
        level = tree.plan.level_name(node.depth)
        self.title.setText(f"{display_number(node.number, parent_number)}　{node.title}")
        meta = [level]
        if node.departments:
            meta.append(self.tr("所管課: {d}").format(d=departments_label(node.departments)))
        self.meta.setText("　".join(meta))
        self.description.setHtml("".join(
            f"<div style='color:#555'>{html.escape(t.label)}</div>{rich_html(t.text)}"
            for t in _latest_texts(node)))
        self.description.setVisible(bool(node.texts))
        self._lines_shown = self.NODE_LINES
        self._fit_description()

    # A node's texts (達成状況の概要) are as tall as they are, up to NODE_LINES lines, then scroll:
    # a fixed 130 px left the KPI grid and its chart too little room at 1366×768.
    NODE_LINES = 5

    def _fit_description(self) -> None:
        doc = self.description.document()
        doc.setTextWidth(max(self.description.viewport().width(), 200))
        spacing = self.description.fontMetrics().lineSpacing()
        cap = spacing * self._lines_shown + 8 if self._lines_shown else 130
        self.description.setFixedHeight(max(min(int(doc.size().height()) + 4, cap), spacing + 8))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_description()  # the text wraps to the new width


def _latest_texts(node: Node) -> list[NodeText]:
    seen: dict[str, NodeText] = {}
    for t in node.texts:
        seen[t.label] = t  # a later document's text of the same label replaces an earlier one
    return list(seen.values())


class NarrativeEdit(QPlainTextEdit):
    """The 実施等状況 editor: Tab moves on (Ctrl+Tab writes a tab); Enter on a 「・」 line starts the next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Tab and event.modifiers() == Qt.KeyboardModifier.ControlModifier:
            self.insertPlainText("\t")
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            line = self.textCursor().block().text()
            if line.startswith("・") and self.textCursor().atBlockEnd():
                if line == "・":  # Enter on an empty bullet ends the list, as word processors do
                    cursor = self.textCursor()
                    cursor.deletePreviousChar()
                    self.setTextCursor(cursor)
                    return
                self.insertPlainText("\n・")
                return
        super().keyPressEvent(event)


class MeasureForm(QWidget):
    """Status and 実施等状況 of the entry year, with the earlier years beside it."""

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.tree: PlanTree | None = None
        self.node: Node | None = None
        self.year = FiscalYear(2020)
        self._loading = False

        self.status = QComboBox()
        self.status.setObjectName("status")
        self.status.setEditable(True)
        self.status.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.status.setMinimumWidth(180)
        self.narrative = NarrativeEdit()
        self.narrative.setObjectName("narrative")
        self.narrative.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.narrative_label = QLabel()
        self.status_label = QLabel()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color:#666")
        self.history = QTextBrowser()
        self.history.setObjectName("history")
        self.history_label = QLabel()

        left = QWidget()
        form = QFormLayout(left)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.status_label, self.status)
        form.addRow(self.narrative_label)
        form.addRow(self.narrative)
        form.addRow(self.hint)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.history_label)
        rl.addWidget(self.history)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        lay.addWidget(split)

        self.status.currentTextChanged.connect(self._on_status_changed)
        self.narrative.textChanged.connect(self._on_narrative_changed)
        editor.changed.connect(self._on_editor_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.status_label.setText(self.tr("進捗状況"))
        self.history_label.setText(self.tr("これまでの実施等状況（参照のみ）"))
        self.hint.setText(self.tr("1行に1項目。「・」で始まる行は箇条書き、《》の行は小見出しになります。"))
        self._label_year()

    def _label_year(self) -> None:
        self.narrative_label.setText(self.tr("{year}の実施等状況").format(year=self.year.era_label()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _field(self, name: str) -> ProgressField:
        assert self.node is not None
        return ProgressField(self.node.plan_id, self.node.key, self.year.year, name)

    def load(self, tree: PlanTree, node: Node, year: FiscalYear) -> None:
        self._loading = True
        try:
            self.tree, self.node, self.year = tree, node, year
            statuses = list(STATUS_CHOICES)
            for p in tree.progress:
                if p.status and p.status not in statuses:
                    statuses.append(p.status)
            self.status.clear()
            self.status.addItems(statuses)
            self._show_field_values()
            self._label_year()
            earlier = [p for p in tree.progress_of(node.key) if p.year != year]
            if earlier:
                self.history.setHtml("".join(
                    f"<h4 style='margin:8px 0 2px 0'>【{p.year.era_label()}】"
                    f"{html.escape(p.status or '')}</h4>{rich_html(p.narrative)}"
                    for p in sorted(earlier, key=lambda p: p.year, reverse=True)))
            else:
                self.history.setPlainText(self.tr("（記録はありません）"))
        finally:
            self._loading = False

    def _show_field_values(self) -> None:
        status = self.editor.content(self._field("status"))
        narrative = self.editor.content(self._field("narrative"))
        self.status.setEditText(status if isinstance(status, str) else "")
        text = narrative if isinstance(narrative, str) else ""
        if self.narrative.toPlainText() != text:
            self.narrative.setPlainText(text)

    def _on_status_changed(self, text: str) -> None:
        if self._loading or self.node is None:
            return
        self.editor.set(self._field("status"), text.strip() or None,
                        self.tr("進捗状況の入力"), merge=True)

    def _on_narrative_changed(self) -> None:
        if self._loading or self.node is None:
            return
        self.editor.set(self._field("narrative"), self.narrative.toPlainText(),
                        self.tr("実施等状況の入力"), merge=True)

    def _on_editor_changed(self, target: object) -> None:
        if self._loading or self.node is None or not isinstance(target, ProgressField):
            return
        if target.node_key == self.node.key and target.year == self.year.year:
            self._loading = True
            try:
                self._show_field_values()
            finally:
                self._loading = False

    def validate(self) -> list[str]:
        return []


class MessageLine(QLabel):
    """The grid's message line, shown only with something to say: an empty line took a line of
    the chart's room at 1366×768."""

    def setText(self, text: str) -> None:  # type: ignore[override]
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        super().clear()
        self.setVisible(False)


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
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color:#666")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 4, 0, 0)
        self.layout_.addWidget(self.view, 1)
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.legend)
        model.invalid_entry.connect(self.show_error)
        self.view.notice.connect(self._on_view_notice)
        model.dataChanged.connect(self._clear_when_valid)
        model.modelReset.connect(self._after_reset)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.model.refresh()  # the cells' cached tooltips are in the old language
        super().changeEvent(event)

    def show_error(self, message: str) -> None:
        self.message.setStyleSheet("color:#b00020;font-weight:bold")
        self.message.setText(message)

    def _on_view_notice(self, message: str, error: bool) -> None:
        if error:
            self.show_error(message)
        else:
            self.message.setStyleSheet("color:#1b5e20")
            self.message.setText(message)

    def _clear_when_valid(self) -> None:
        if not self.model.has_invalid() and self.message.styleSheet().startswith("color:#b00020"):
            self.message.clear()

    def _after_reset(self) -> None:
        self.message.clear()
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        for c in range(self.model.columnCount()):
            header.resizeSection(c, min(max(header.sectionSize(c), 80), 360))
        bad = self.model.invalid_messages()
        if bad:  # red cells kept from before: say so again where the clerk looks
            self.show_error(bad[0])

    def validate(self) -> list[str]:
        return self.model.invalid_messages()

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
        names.setDefaultSectionSize(2 * self.fontMetrics().lineSpacing() + 10)  # two lines, every load
        names.setFixedWidth(300)
        self.details = QLabel()
        self.details.setObjectName("kpiDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setStyleSheet("background:#f6f6f6;padding:4px")
        self.layout_.insertWidget(1, self.details)
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.legend.setText(self.tr(
            "数値は「1,234人」「80.9%」「+600人」のように入力できます（全角可）。値がないときは "
            "「-」（調査なし）「—」（なし）「（※4）」（注記参照）。赤: 入力の誤り（保存されません）、"
            "黄: 確認が必要な値、青字: 未保存の変更、灰色: このファイルでは入力できない欄。"))
        self.chart_pane: KpiChartPane | None = None  # issue 17: made when first shown

    def load(self, tree: PlanTree, node: Node | None, year: FiscalYear) -> None:
        assert isinstance(self.model, KpiTableModel)
        self.model.load(tree, node.key if node else None, year)
        if self.chart_pane is None:  # issue 17: imported here, not at start-up
            from kodaira_desk.ui.kpi_chart import attach_chart_pane
            self.chart_pane = attach_chart_pane(self)
        self.chart_pane.load(tree, node, year)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._show_details(0)
        # Once laid out, show the entry year's columns with the years before them on the left.
        QTimer.singleShot(0, self._show_entry_year)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_details(current.row() if current.isValid() else 0)

    def _show_details(self, row: int) -> None:
        assert isinstance(self.model, KpiTableModel)
        text = self.model.details(row).replace("\n", "　") if 0 <= row < self.model.rowCount() else ""
        self.details.setText(text)
        self.details.setVisible(bool(text))

    def _show_entry_year(self) -> None:
        assert isinstance(self.model, KpiTableModel)
        cols = [c for c, spec in enumerate(self.model.columns) if spec.year == self.model.year]
        if not cols or not self.model.rowCount():
            return
        header = self.view.horizontalHeader()
        first, last = cols[0], cols[-1]
        previous = [c for c, spec in enumerate(self.model.columns)
                    if spec.year is not None and spec.year.year == self.model.year.year - 1]
        right = header.sectionPosition(last) + header.sectionSize(last)
        left = header.sectionPosition(previous[0]) if previous else header.sectionPosition(first)
        width = self.view.viewport().width()
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
        self.view.horizontalScrollBar().setValue(chosen)


class BudgetForm(GridForm):
    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(BudgetModel(editor), "budgetGrid", parent)
        self.legend.setText(self.tr("費用は千円単位で入力します。予算がない年度は「—」。"))

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
        for c in range(self.model.columnCount()):
            self.view.horizontalHeader().resizeSection(c, 170)


class ScheduleForm(GridForm):
    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(ScheduleModel(editor), "scheduleGrid", parent)
        self.legend.setText(self.tr("各年度に「実施」「→」（継続）などを入力します。"))

    def load(self, node: Node) -> None:
        assert isinstance(self.model, ScheduleModel)
        self.model.load(node)
        self.view.horizontalHeader().resizeSection(0, 380)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)


class NodePage(QWidget):
    """Header plus the tabs that apply to the selected node."""

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.header = NodeHeader()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("nodeTabs")
        self.measure = MeasureForm(editor)
        self.kpi = KpiForm(editor)
        self.budget = BudgetForm(editor)
        self.schedule = ScheduleForm(editor)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color:#777")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addWidget(self.header)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.empty, 1)
        self._pages: list[tuple[QWidget, str]] = []
        self.invalid_notice: QWidget | None = None  # Save's list of red cells, while it is open
        self.retranslate()

    def retranslate(self) -> None:
        self.empty.setText(self.tr("左の一覧から項目を選んでください。"))
        names = {self.measure: self.tr("進捗状況"), self.kpi: self.tr("指標（KPI）"),
                 self.budget: self.tr("予算"), self.schedule: self.tr("年次計画")}
        for i in range(self.tabs.count()):
            w = self.tabs.widget(i)
            if w in names:
                self.tabs.setTabText(i, names[w])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def load(self, tree: PlanTree, node: Node | None, year: FiscalYear) -> None:
        current = self.tabs.currentWidget()
        self.header.load(tree, node)
        self.tabs.clear()
        if node is not None:
            if expects_progress(tree, node) or tree.progress_of(node.key):
                self.measure.load(tree, node, year)
                self.tabs.addTab(self.measure, "")
            if tree.indicators_of(node.key):
                self.kpi.load(tree, node, year)
                self.tabs.addTab(self.kpi, "")
            if node.budget is not None:
                self.budget.load(tree, node, year)
                self.tabs.addTab(self.budget, "")
            if node.schedule is not None:
                self.schedule.load(node)
                self.tabs.addTab(self.schedule, "")
        self.retranslate()
        has_tabs = self.tabs.count() > 0
        self.tabs.setVisible(has_tabs)
        self.empty.setVisible(not has_tabs)
        if node is not None and not has_tabs:
            self.empty.setText(self.tr("この項目に入力するものはありません。下の階層の項目を選んでください。"))
        if current is not None and self.tabs.indexOf(current) >= 0:
            self.tabs.setCurrentWidget(current)

    def validate(self) -> list[str]:
        return self.kpi.validate() + self.budget.validate() + self.schedule.validate()

    def focus_field(self, target: Target) -> bool:
        """Show the tab and cell of a field (Save jumps to a red cell this way)."""
        for form in (self.kpi, self.budget, self.schedule):
            if self.tabs.indexOf(form) >= 0 and form.focus_field(target):
                self.tabs.setCurrentWidget(form)
                form.focus_field(target)
                QTimer.singleShot(0, lambda f=form: f.view.scrollTo(f.view.currentIndex()))  # after load's scroll
                return True
        return False

