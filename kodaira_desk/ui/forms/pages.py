"""The forms on the right of the window: one page per node with tabs for what it holds.

Each form has `load(tree, node, year)` and `validate()`; typing goes straight to the Editor as
undoable edits, so there is nothing to collect.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QFont, QResizeEvent, QTextDocument
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kodaira_desk.domain.entry import expects_progress
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Node, NodeText, PlanTree, departments_label, display_number
from kodaira_desk.domain.yearly import active_years, shown_year
from kodaira_desk.services.editing import Target
from kodaira_desk.ui import a11y, theme
from kodaira_desk.ui.editor import Editor
from kodaira_desk.ui.forms.rich_text import rich_html
from kodaira_desk.ui.message_line import HeightKeptLabel
from kodaira_desk.ui.viewports import viewport_of

if TYPE_CHECKING:
    from kodaira_desk.ui.forms.grid_forms import BudgetForm, GridForm, KpiForm, ScheduleForm
    from kodaira_desk.ui.forms.measure_form import MeasureForm


class NodeHeader(QFrame):
    """Number, name, departments and descriptions: read-only for a clerk."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nodeHeader")
        self.title = HeightKeptLabel()
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        self.title.setFont(f)
        self._title_scale = 1.3
        self.meta = HeightKeptLabel()
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.description = QTextBrowser()
        self.description.setObjectName("description")
        self.description.setFrameShape(QFrame.Shape.NoFrame)
        # shown by _fit_description when the text is taller than what is shown (not as Qt goes)
        self.description.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        a11y.name_scroll_bars(self.description, self.tr("説明"))
        self._lines_shown = 0  # the description's height in lines at most (0: PLAN_HEIGHT px)
        self._shown: tuple[PlanTree, Node | None, FiscalYear | None] | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.title)
        lay.addWidget(self.meta)
        lay.addWidget(self.description)

    def load(self, tree: PlanTree, node: Node | None, year: FiscalYear | None = None) -> None:
        self._shown = (tree, node, year)
        if node is None:
            self.title.setText(tree.plan.title)
            first, last = active_years(tree)  # the years the round and the locks count too
            meta = self.tr("計画期間: {a} ～ {b}").format(a=first.era_label(), b=last.era_label())
            if (first, last) != (tree.plan.period_from, tree.plan.period_to):
                meta += self.tr("（策定時の計画期間: {a} ～ {b}）").format(
                    a=tree.plan.period_from.era_label(), b=tree.plan.period_to.era_label())
            self.meta.setText(meta + self._year_note(tree, year))
            self.description.setHtml("".join(
                f"<h4>{html.escape(s.heading)}</h4>{rich_html(s.text)}" for s in tree.plan.sections[:3]))
            self.description.setVisible(bool(tree.plan.sections))  # (hidden by an item without texts before)
            self._lines_shown = 0
            self._fit_description()
            return
        parent_number = tree.node(node.parent_key).number if node.parent_key else None
        level = tree.plan.level_name(node.depth)
        self.title.setText(f"{display_number(node.number, parent_number)}　{node.title}")
        parts = [level]
        if node.departments:
            parts.append(self.tr("所管課: {d}").format(d=departments_label(node.departments)))
        self.meta.setText("　".join(parts) + self._year_note(tree, year))
        self.description.setHtml("".join(
            f"<div style='color:{theme.colours().muted.name()}'>{html.escape(t.label)}</div>{rich_html(t.text)}"
            for t in _latest_texts(node)))
        self.description.setVisible(bool(node.texts))
        self._lines_shown = self.NODE_LINES
        self._fit_description()

    def _year_note(self, tree: PlanTree, year: FiscalYear | None) -> str:
        """Why the forms show another year than the window's: the plan does not run in it."""
        if year is None or shown_year(tree, year) == year:
            return ""
        first, last = active_years(tree)
        if year > last:
            text = self.tr("この計画は{last}で終わっています（入力年度 {year}）。{last}までを表示します。")
        else:
            text = self.tr("この計画は{first}からです（入力年度 {year}）。{first}からを表示します。")
        return "\n" + text.format(first=first.era_label(), last=last.era_label(), year=year.era_label())

    # A node's texts (達成状況の概要) are as tall as they are, up to NODE_LINES lines, then scroll:
    # a fixed 130 px left the KPI grid and its chart too little room at 1366×768.
    NODE_LINES = 5
    PLAN_HEIGHT = 130  # the plan's texts at most, cut where a line begins

    def _fit_description(self) -> None:
        """As tall as the laid-out text, or cut where a line begins, then scrolled: a cap of five
        line spacings plus the document's margins let the top of the sixth line show under the
        fifth, cut in half (and missed the lines' real height at another size or language).

        The scroll bar is shown or hidden here, for the text laid out, not by Qt as it goes: left
        to Qt (as needed), a new text went through the bar's hiding (the old text cleared) and
        showing again, and each change of the viewport's width laid the whole text out again
        (a long 達成状況の概要 set in 3.5–4.4 ms against 1.3 with the bar kept, issue 27)."""
        doc = self.description.document()
        height = whole = 0
        for _ in range(2):  # (once more when the bar comes or goes: the text wraps again)
            width = max(viewport_of(self.description).width(), 200)
            if doc.textWidth() != width:  # (a width set again lays the whole text out again)
                doc.setTextWidth(width)
            spacing = self.description.fontMetrics().lineSpacing()
            whole = math.ceil(doc.size().height())
            if self._lines_shown:  # a node's: so many lines
                cap = _cut_at(doc, self._lines_shown, whole)
            else:  # the plan's: so many pixels
                cap = _cut_at(doc, doc.lineCount(), self.PLAN_HEIGHT)
            height = max(whole if whole <= cap else cap, spacing + 8)
            policy = Qt.ScrollBarPolicy.ScrollBarAlwaysOn if height < whole else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            if self.description.verticalScrollBarPolicy() == policy:
                break
            self.description.setVerticalScrollBarPolicy(policy)
        self.description.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_description()  # the text wraps to the new width (a new height is its own fit's)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            a11y.name_scroll_bars(self.description, self.tr("説明"))
        if event.type() == QEvent.Type.LanguageChange and self._shown is not None:
            self.load(*self._shown)  # 所管課, 計画期間 in the language now in use
        elif event.type() == QEvent.Type.FontChange:  # 表示 > 文字の大きさ: the title grows with it
            f = QFont(self.font())
            f.setPointSizeF(f.pointSizeF() * self._title_scale)
            f.setBold(True)
            self.title.setFont(f)
            self._fit_description()
        super().changeEvent(event)


def _cut_at(doc: QTextDocument, lines: int, height: int) -> int:
    """Where the first line past the document's first `lines` laid-out lines, or the first not
    whole within `height`, begins (rounded down: no sliver of it shows); the document's whole
    height when there is none (`doc.size()` laid it out already)."""
    block = doc.begin()
    while block.isValid():
        text_layout = block.layout()
        top = text_layout.position().y()  # (in the document, below its top margin)
        for i in range(text_layout.lineCount()):
            line = text_layout.lineAt(i)
            if lines == 0 or top + line.y() + line.height() > height:
                return math.floor(top + line.y())
            lines -= 1
        block = block.next()
    return math.ceil(doc.size().height())


def _latest_texts(node: Node) -> list[NodeText]:
    seen: dict[str, NodeText] = {}
    for t in node.texts:
        seen[t.label] = t  # a later document's text of the same label replaces an earlier one
    return list(seen.values())


class FormTabs(QTabWidget):
    """The form tabs, repainted when their bar or page area moved, not on every LayoutRequest.

    Qt's QTabWidget repaints itself whole on each LayoutRequest, and one comes up through every
    level from any form's widget whose size hint changes: the KPI pane filled a turn after its grid
    (its status line's lines, the list's rows) repainted the whole page in that turn, the grid, its
    headers and the tab frame, though nothing of the tabs moved (issue 27). The request is handled
    as Qt does (the bar and the page area placed, the page told its size hint may have changed),
    its own repaint held; the tabs are repainted when the bar or the page area moved or resized."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        stack = self.findChild(QStackedWidget)
        assert stack is not None
        self._stack = stack

    def event(self, event: QEvent) -> bool:
        if event.type() != QEvent.Type.LayoutRequest or not self.updatesEnabled():
            return super().event(event)
        bar = self.tabBar()
        before = (bar.geometry(), bar.isVisibleTo(self), self._stack.geometry())
        # (Qt's own flag, set only while Qt's handler runs: QWidget.update() is a no-op with it; the
        # public setUpdatesEnabled would repaint the whole widget when set back)
        self.setAttribute(Qt.WidgetAttribute.WA_UpdatesDisabled, True)
        try:
            handled = super().event(event)
        finally:
            self.setAttribute(Qt.WidgetAttribute.WA_UpdatesDisabled, False)
        if (bar.geometry(), bar.isVisibleTo(self), self._stack.geometry()) != before:
            self.update()
        return handled


class NodePage(QWidget):
    """Header plus the tabs that apply to the selected node.

    The forms are built the first time a node needs them (`measure`, `kpi`, `budget`, `schedule`
    are made on first use): the first screen shows the tree, and building every grid before it
    is shown cost start-up time (issue 18). `form_built` is called with each new form (the window
    watches its text boxes for dropped files)."""

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.header = NodeHeader()
        self.tabs = FormTabs()
        self.tabs.setObjectName("nodeTabs")
        self._forms: dict[str, QWidget] = {}
        self.form_built: list[Callable[[QWidget], None]] = []
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        theme.tint(self.empty, "muted")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addWidget(self.header)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.empty, 1)
        self.tabs.setVisible(False)  # until an item is chosen: "choose an item", not an empty frame
        self.header.description.setVisible(False)  # nor an empty white box
        self._pages: list[tuple[QWidget, str]] = []
        self.invalid_notice: QWidget | None = None  # Save's list of red cells, while it is open
        self.retranslate()

    SPLIT = True  # an item's KPI grid and pane a turn after its texts (off: in the same turn, as before)

    def heightForWidth(self, _width: int) -> int:
        # in the window's scroll area (issue 28) the page takes the area's height, or its minimum
        # and then scrolls; following its wrapped labels' preferred height it always scrolled
        return -1

    def _form(self, name: str) -> QWidget:
        form = self._forms.get(name)
        if form is None:
            if name == "measure":
                from kodaira_desk.ui.forms.measure_form import MeasureForm

                form = MeasureForm(self.editor)
            else:
                from kodaira_desk.ui.forms import grid_forms  # the grids' modules load with the first grid

                kind = {"kpi": grid_forms.KpiForm, "budget": grid_forms.BudgetForm,
                        "schedule": grid_forms.ScheduleForm}[name]
                form = kind(self.editor)
            self._forms[name] = form
            for hook in self.form_built:
                hook(form)
        return form

    @property
    def measure(self) -> MeasureForm:
        return self._form("measure")  # type: ignore[return-value]

    @property
    def kpi(self) -> KpiForm:
        """The KPI form, with the item chosen in it (loaded now if it was left for a later turn)."""
        form: KpiForm = self._form("kpi")  # type: ignore[assignment]
        form.finish()
        return form

    def later_turn(self) -> Callable[[], None] | None:
        """What the selection left for a later turn of the event loop, the next of it (what its
        timer does, done now): the KPI form's item loaded and painted (behind its cover until
        then), then its pane's grades and chart, then the grid scrolled to the entry year. None
        once the form is complete (`bench_window.py selection` times each as a piece of its own)."""
        form: KpiForm | None = self._forms.get("kpi")  # type: ignore[assignment]
        if form is None or self.tabs.indexOf(form) < 0:
            return None
        if form.pending():
            return form.finish
        pane = form.chart_pane
        due = [pane.fill_now] if pane is not None and pane.pending and pane.isVisible() else []
        due += form.later_turn()  # (zero timers started in one turn run in the same next one)
        if not due:
            return None

        def turn() -> None:
            for then in due:
                then()
        return turn

    def turns_due(self) -> bool:
        """Whether the selection left work whose timer is to run a later turn (`later_turn`'s)."""
        form: KpiForm | None = self._forms.get("kpi")  # type: ignore[assignment]
        return form is not None and self.tabs.indexOf(form) >= 0 and form.turns_due()

    @property
    def budget(self) -> BudgetForm:
        return self._form("budget")  # type: ignore[return-value]

    @property
    def schedule(self) -> ScheduleForm:
        return self._form("schedule")  # type: ignore[return-value]

    def has_form(self, name: str) -> bool:
        return name in self._forms

    def built_grids(self) -> list[GridForm]:
        """The grid forms made so far (a form never built holds nothing to refresh or check)."""
        if "kpi" in self._forms:
            self._forms["kpi"].finish()  # type: ignore[attr-defined]  # (its item chosen, not the one before)
        return [f for n, f in self._forms.items() if n != "measure"]  # type: ignore[misc]

    def retranslate(self) -> None:
        self.empty.setText(self.tr("左の一覧から項目を選んでください。"))
        names = self._titles()
        for i in range(self.tabs.count()):
            w = self.tabs.widget(i)
            if w in names:
                self.tabs.setTabText(i, names[w])

    def _titles(self) -> dict[QWidget, str]:
        """Each built form's tab title, in the language now in use."""
        titles = {"measure": self.tr("進捗状況"), "kpi": self.tr("指標（KPI）"),
                  "budget": self.tr("予算"), "schedule": self.tr("年次計画")}
        return {form: titles[name] for name, form in self._forms.items()}

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def load(self, tree: PlanTree, node: Node | None, year: FiscalYear) -> None:
        # Another item, year or filter replaces what the forms show: an open editor's text is
        # taken first (the Editor's gate), never dropped with the editor a model reset closes.
        self.editor.take_open_input()
        current = self.tabs.currentWidget()
        self.header.load(tree, node, year)
        year = shown_year(tree, year)  # a plan that ended offers no entry beyond its last year
        wanted: list[QWidget] = []
        if node is not None:
            if expects_progress(tree, node) or tree.progress_of(node.key):
                self.measure.load(tree, node, year)
                wanted.append(self.measure)
            if tree.indicators_of(node.key):
                # its grid and pane a turn after the texts, covered till then (issue 27: one frame was
                # not enough for both), unless the page is not on the screen
                kpi: KpiForm = self._form("kpi")  # type: ignore[assignment]
                kpi.load(tree, node, year, later=self.SPLIT and self.isVisible())
                wanted.append(kpi)
            if node.budget is not None:
                self.budget.load(tree, node, year)
                wanted.append(self.budget)
            if node.schedule is not None:
                self.schedule.load(node)
                wanted.append(self.schedule)
        if "kpi" in self._forms and self._forms["kpi"] not in wanted:
            self._forms["kpi"].cancel()  # type: ignore[attr-defined]  # (an item with indicators before)
        self._show_tabs(wanted)
        has_tabs = self.tabs.count() > 0
        self.tabs.setVisible(has_tabs)
        self.empty.setVisible(not has_tabs)
        if not has_tabs:  # said again each time: the tabs (and their retranslation) may be unchanged
            self.empty.setText(self.tr("この項目に入力するものはありません。下の階層の項目を選んでください。")
                               if node is not None else self.tr("左の一覧から項目を選んでください。"))
        if current is not None and self.tabs.indexOf(current) >= 0:
            self.tabs.setCurrentWidget(current)
        self._settle_header()

    def _settle_header(self) -> None:
        """The header at its new height before the first frame is painted: left to the posted
        LayoutRequests, which reach one level or two a pass, the first frame showed the new texts in
        the old height and the page was laid out, resized and painted again whole in the next turn
        (the KPI pane's), on most items with indicators (issue 27)."""
        if not self.isVisible():
            return
        header_layout, page_layout = self.header.layout(), self.layout()
        if header_layout is not None and page_layout is not None:
            header_layout.activate()
            page_layout.activate()

    def _show_tabs(self, wanted: list[QWidget]) -> None:
        """These forms' tabs, in this order: the tabs already there stay (the next item of the same
        kind keeps its tabs; removing and adding them again laid out and repainted the whole
        page on every selection, issue 27). When none stays, the new ones are put in first and
        the first of them shown, then the old ones removed: removed first, the current form's tab
        went and Qt showed the one beside it (the 予算 form after the 進捗状況 one) only to hide it
        again (each show lays out and shows every widget of a form, issue 27)."""
        shown = [self.tabs.widget(i) for i in range(self.tabs.count())]
        if shown == wanted:
            return
        titles = self._titles()
        if shown and wanted and not any(form in wanted for form in shown):
            for i, form in enumerate(wanted):
                self.tabs.insertTab(i, form, titles.get(form, ""))
            self.tabs.setCurrentIndex(0)  # the first new form, as after the old ones' removal
            for old in shown:
                if old is not None:
                    self.tabs.removeTab(self.tabs.indexOf(old))
            return
        for old in shown:
            if old is not None and old not in wanted:
                self.tabs.removeTab(self.tabs.indexOf(old))
        for i, form in enumerate(wanted):
            if self.tabs.indexOf(form) < 0:
                self.tabs.insertTab(i, form, titles.get(form, ""))

    def validate(self) -> list[str]:
        measure = self.measure.validate() if self.has_form("measure") else []
        return measure + [m for form in self.built_grids() for m in form.validate()]

    def focus_field(self, target: Target) -> bool:
        """Show the tab and cell of a field (Save jumps to a red cell this way)."""
        if self.has_form("measure") and self.tabs.indexOf(self.measure) >= 0 and self.measure.focus_field(target):
            self.tabs.setCurrentWidget(self.measure)
            return True
        for form in self.built_grids():
            if self.tabs.indexOf(form) >= 0 and form.focus_field(target):
                self.tabs.setCurrentWidget(form)
                form.focus_field(target)
                QTimer.singleShot(0, lambda f=form: f.view.scrollTo(f.view.currentIndex()))  # after load's scroll
                return True
        return False
