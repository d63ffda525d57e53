"""The chart pane under the KPI grid: each indicator's rate and status for the entry year, and a
trend chart of the selected one (ui/trend_chart.py), redrawn as values are typed. The module is
imported only when a KPI form is first shown.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QPalette,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QSplitter,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kodaira_desk.domain.achievement import (
    Achievement,
    Direction,
    Status,
    direction_of,
    trend,
)
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Indicator, Node, PlanTree
from kodaira_desk.services import achievement as grading
from kodaira_desk.services.editing import Content, ValueCell
from kodaira_desk.services.grading_edits import DirectionSetting
from kodaira_desk.services.tree_edits import indicator_with_edits
from kodaira_desk.ui import a11y, theme
from kodaira_desk.ui.chart.achievement_list import AchievementListModel, rate_words, status_label
from kodaira_desk.ui.chart.chart_table import ChartViews
from kodaira_desk.ui.chart.grading_words import reason_words
from kodaira_desk.ui.chart.trend_chart import TrendChart
from kodaira_desk.ui.editor import Editor
from kodaira_desk.ui.forms.kpi_model import year_unconfirmed
from kodaira_desk.ui.forms.turn_cover import TurnCover
from kodaira_desk.ui.message_line import WrappedLine
from kodaira_desk.ui.screen_fit import scroll_when_short

Index = QModelIndex | QPersistentModelIndex

# An indicator's unsaved edits: (its ValueCell, what it holds now), in the session's order.
Edits = tuple[tuple[ValueCell, Content], ...]
# An indicator as shown (with its edits) and its grade (the status list's row, kept as one object:
# the list repaints the rows whose object changed), and why its figure is to be checked (or None).
Graded = tuple[tuple[Indicator, Achievement], str | None]
# A status list's row as fitted: its indicator's name, the names' column's width, its status and
# rate, whether both fit one line, whether each does.
Look = tuple[str, int, tuple[str, str], bool, tuple[bool, bool]]


def edits_by_indicator(editor: Editor) -> dict[str, Edits]:
    """The session's unsaved value edits grouped by indicator key, in one pass over the session."""
    grouped: dict[str, list[tuple[ValueCell, Content]]] = {}
    for target, content in editor.session.pending().items():
        if isinstance(target, ValueCell):
            grouped.setdefault(target.indicator_key, []).append((target, content))
    return {key: tuple(edits) for key, edits in grouped.items()}


def effective_indicator(editor: Editor, indicator: Indicator, edits: Edits | None = None) -> Indicator:
    """The indicator with the unsaved edits of the session applied (what the grid shows): each
    typed value as the clerk's text was read (printing and parsing it again gives the same value:
    a 1,000-cell paste parsed each value twice, issue 27)."""
    if edits is None:
        edits = edits_by_indicator(editor).get(indicator.key, ())
    return indicator_with_edits(indicator, edits, surely=False)


class KpiChartPane(QWidget):
    """Rates and statuses of the node's indicators for the entry year, and the selected one's chart."""

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiChartPane")
        self.editor = editor
        self.tree: PlanTree | None = None
        self.indicators: list[Indicator] = []
        self.year = FiscalYear(2020)
        self.current_key: str | None = None
        self._settings: grading.GradingSettings | None = None
        # an item's grades and chart come a turn after its grid is painted (issue 27): the timer
        # fires once the event loop has painted; a next item chosen meanwhile restarts it
        self._fill = QTimer(self)
        self._fill.setSingleShot(True)
        self._fill.setInterval(0)
        self._fill.timeout.connect(self._fill_when_shown)
        self.pending = False  # an item loaded, its grades not shown yet
        self._graded: dict[str, tuple[tuple[object, ...], Graded]] = {}
        self.list_model = AchievementListModel(self)
        self._fitted: dict[int, Look] = {}  # each row, as last fitted
        # the delegate's height of a status or rate text (or of one line), and of each row's name
        self._heights: dict[tuple[object, ...], int] = {}
        self._advances: dict[str, int] = {}  # a status or rate text's width in the bold font of this key
        self._advances_font = ""
        self._name_heights: dict[int, tuple[tuple[str, int, str], int]] = {}
        self.list_view = self._make_list_view()
        self._fit_status_column()
        self.list_view.selectionModel().currentRowChanged.connect(self._on_list_row)
        self.status_label = WrappedLine()  # all its lines at any font size (issue 28)
        self.status_label.setObjectName("kpiStatusLine")
        self.lower_box = QCheckBox()
        self.lower_box.setObjectName("lowerIsBetter")
        self.lower_box.clicked.connect(self._on_lower_box_clicked)
        self.chart = TrendChart()
        self.views = ChartViews(self.chart)  # issue 28: the chart's figures as a table too
        # the status line takes the chart's whole width (squeezed beside the buttons its reason was
        # cut off); the buttons go under the status list, where there is room (issue 28)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.status_label)
        right.addWidget(self.views, 1)
        self.right_w = scroll_when_short(right, "kpiChartRight")  # scrolls at a large font, never squeezes
        inner = self.right_w.widget()  # (the scroll area's, set by scroll_when_short)
        assert inner is not None
        inner.installEventFilter(self)  # its status line's lines change its height
        self._fit_to_font()
        buttons = QHBoxLayout()
        buttons.addWidget(self.lower_box)
        buttons.addStretch(1)
        buttons.addWidget(self.views.toggle)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.list_view, 1)
        left.addLayout(buttons)
        left_w = QWidget()
        left_w.setLayout(left)
        self.left_w = left_w
        split = QSplitter(Qt.Orientation.Horizontal)
        self.split = split
        split.addWidget(left_w)
        split.addWidget(self.right_w)
        split.setObjectName("kpiStatusSplitter")
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([400, 600])
        split.setCollapsible(0, True)  # the status list folds away to give the chart the width
        split.setCollapsible(1, False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(split)
        self.cover = TurnCover(self)  # over the pane until its item is graded and drawn
        self.retranslate()
        # every derived figure follows the value shown: also when an edit is dropped for another
        # person's value, or others' saves come in. Every edit of a value says so by cells_changed
        # (its `changed` follows it: graded twice, a paste's pane took twice the time, issue 27)
        editor.cells_changed.connect(self._on_cells_changed)
        editor.reloaded.connect(self.refresh)
        editor.grading_changed.connect(self._on_grading_changed)
        editor.figure_confirmed.connect(self._on_figure_confirmed)  # its 要確認 goes

    def _make_list_view(self) -> QTableView:
        """The status list: a row per indicator, its name wrapped whole."""
        view = QTableView()
        view.setObjectName("kpiStatusList")
        view.setModel(self.list_model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setTabKeyNavigation(False)  # Tab moves on; the arrows move in the list
        view.verticalHeader().hide()
        view.horizontalHeader().setStretchLastSection(True)
        # the status column is as wide as its widest possible label, not measured over every row
        # on every edit (that made a paste into a 300-row grid take a quarter of a second)
        view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        # the 指標 names wrap whole, the row as tall as its name (a node has a few indicators): elided
        # at 100 % in the 1366×768 window, 「小平産の農産物を購入するよう…」 named no indicator
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        view.setWordWrap(True)
        # each row as tall as its name, fitted where it changed: the header's ResizeToContents measured
        # every row again on every typed figure (a 340-row node: 70 ms a keystroke, issue 27)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.list_model.modelReset.connect(self._fit_all_rows)
        self.list_model.dataChanged.connect(self._fit_rows)
        view.horizontalHeader().sectionResized.connect(self._on_list_column_resized)
        return view

    def retranslate(self) -> None:
        """Its texts, and the statuses and rates written out, in the language now in use."""
        self.lower_box.setText(self.tr("低いほど良い指標(&L)"))
        a11y.name(self.list_view, self.tr("指標ごとの達成状況"))
        self.lower_box.setToolTip(self.tr("この指標は値が小さいほど良いものとして達成率を計算します（計画ごとの設定）。"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._fit_status_column()
            self._graded.clear()  # the reasons are written in the old language
            self.refresh()
        elif event.type() == QEvent.Type.FontChange:
            self._fit_to_font()
            QTimer.singleShot(0, self._fit_all_rows)  # once the list has the new font
        super().changeEvent(event)

    def _fit_all_rows(self) -> None:
        self.list_view.resizeRowsToContents()
        self._fitted = self._looks(range(self.list_model.rowCount()))
        self._heights.clear()
        self._name_heights.clear()

    def _fit_rows(self, top: QModelIndex, bottom: QModelIndex, _roles: object = None) -> None:
        """The rows regraded, as tall as their texts. A row's name wraps; its status and rate fit
        one line or wrap (基準値を下回る is wider than its column). A row is measured again only
        when its name, the names' column's width, or its status and rate changed, and the last
        two not from one line to one line (125 rows pasted: 20 ms of the delegate's size hints
        for heights that stayed, issue 27); and then from the heights its cells' texts were
        measured at before (`_row_height`)."""
        rows = range(top.row(), bottom.row() + 1)
        looks = self._looks(rows)
        font = self.list_view.font().key()
        header = self.list_view.verticalHeader()
        for row in rows:
            new, old = looks.get(row), self._fitted.get(row)
            if new is None:
                self.list_view.resizeRowToContents(row)
            elif old is None or old[:2] != new[:2] or (old[2] != new[2] and not (old[3] and new[3])):
                height = self._row_height(row, new, font)
                if height != header.sectionSize(row):
                    header.resizeSection(row, height)
        self._fitted.update(looks)

    def _row_height(self, row: int, look: Look, font: str) -> int:
        """What `resizeRowToContents` gives the row (the tallest of its cells' size hints, the grid
        line, at least the header's hint), each cell's hint asked of the delegate only for a text not
        measured before in this font and width: its name once (until it or its column's width
        changes), a status or a rate by its text, or once for one line (ASCII or not; a one-line
        text is as tall as another: 125 rows pasted asked 375 cells a dozen roles, issue 27)."""
        view = self.list_view
        name = self._name_heights.get(row)
        if name is None or name[0] != (look[0], look[1], font):
            name = self._name_heights[row] = ((look[0], look[1], font), self._cell_height(row, 2))
        height = name[1]
        for column, (text, one) in enumerate(zip(look[2], look[4], strict=True)):
            key = (column, ("ascii" if text.isascii() else "wide") if one else text, view.columnWidth(column), font)
            found = self._heights.get(key)
            if found is None:
                found = self._heights[key] = self._cell_height(row, column)
            height = max(height, found)
        height += 1 if view.showGrid() else 0
        least = self._heights.get(("header", font))
        if least is None:
            least = self._heights[("header", font)] = view.verticalHeader().sectionSizeHint(row)
        return max(height, least)

    def _cell_height(self, row: int, column: int) -> int:
        """The delegate's height for a cell, asked as QTableView.sizeHintForRow asks it (the cell's
        width less the grid line, its text wrapped)."""
        view = self.list_view
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        grid = 1 if view.showGrid() else 0
        option.rect = QRect(view.columnViewportPosition(column), view.rowViewportPosition(row),
                            view.columnWidth(column) - grid, max(view.rowHeight(row), 1))
        index = self.list_model.index(row, column)
        return view.itemDelegateForIndex(index).sizeHint(option, index).height()

    def _looks(self, rows: range) -> dict[int, Look]:
        """Row → (its indicator's name, the names' column's width, its status and rate, whether
        both fit one line: measured in the bold font, with pixels to spare, a near fit wraps;
        whether each does)."""
        view = self.list_view
        font = QFont(view.font())
        font.setBold(True)
        metrics = QFontMetrics(font)
        margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1) + 4
        room = (view.columnWidth(0) - margin, view.columnWidth(1) - margin)
        names = view.columnWidth(2)
        model = self.list_model
        # a status or rate text's width, measured once per text in this font: a status is one of a
        # dozen texts (125 rows pasted measured 250 texts, issue 27)
        key = font.key()
        if self._advances_font != key or len(self._advances) > 4096:  # (the rates: a few thousand at most)
            self._advances_font, self._advances = key, {}
        out = {}
        for row in rows:
            if row >= len(model.rows):
                continue
            texts = (str(model.data(model.index(row, 0)) or ""), str(model.data(model.index(row, 1)) or ""))
            ones = (self._one_line(texts[0], room[0], metrics), self._one_line(texts[1], room[1], metrics))
            out[row] = (model.rows[row][0].name, names, texts, all(ones), ones)
        return out

    def _one_line(self, text: str, room: int, metrics: QFontMetrics) -> bool:
        if "\n" in text:
            return False
        width = self._advances.get(text)
        if width is None:
            width = self._advances[text] = metrics.horizontalAdvance(text)
        return width <= room

    def _on_list_column_resized(self, column: int, _old: int, _new: int) -> None:
        if column == 2:  # the names' column: wider or narrower, they wrap again
            self._fit_all_rows()

    def _fit_to_font(self) -> None:
        """Room for the legend and a readable plot at any font size (issue 28; the page scrolls)."""
        scale = max(1.0, theme.font_scale())
        self.chart.setMinimumHeight(int(170 * scale))
        self._fit_right_height()

    def _fit_right_height(self) -> None:
        """The status line (all its lines at the pane's width) and the chart are asked of the
        splitter above, so at 100 % nothing scrolls: at 1366×768 a two-line status put the chart's
        year labels under a scroll. At a larger font, at most three lines are asked: the rest scrolls."""
        line, scale = self.fontMetrics().lineSpacing(), max(1.0, theme.font_scale())
        inner = self.right_w.widget()
        needed = inner.minimumSizeHint().height() if inner is not None and inner.layout() is not None else 0
        if scale > 1:  # as it was: a larger font scrolls
            needed = self.chart.minimumHeight() + 3 * line + 8
        needed = max(needed, self.chart.minimumHeight() + line + 8)
        if needed != self.right_w.minimumHeight():
            self.right_w.setMinimumHeight(needed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and watched is self.right_w.widget():
            self._fit_right_height()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.cover.follow()
        self._lay_out_for_width()

    def _lay_out_for_width(self) -> None:
        """The status list beside the chart when its three columns fit there with a readable chart;
        else above the chart, the pane's whole width (at 150 % beside it, the 指標 column ran past the
        list's edge)."""
        header, em = self.list_view.horizontalHeader(), self.fontMetrics().horizontalAdvance("指")
        scroll = self.list_view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self.list_view)
        list_needs = header.sectionSize(0) + header.sectionSize(1) + 8 * em + 2 * self.list_view.frameWidth() + scroll
        side_by_side = self.width() >= list_needs + 24 * em + self.split.handleWidth()
        wanted = Qt.Orientation.Horizontal if side_by_side else Qt.Orientation.Vertical
        self.left_w.setMinimumWidth(list_needs if side_by_side else 0)
        if self.split.orientation() != wanted:
            self.split.setOrientation(wanted)
            rows = min(max(len(self.list_model.rows), 2), 6)
            list_height = header.height() + rows * self.list_view.verticalHeader().defaultSectionSize() + 8 * em // 3
            self.split.setSizes([400, 600] if side_by_side else [list_height, max(self.height() - list_height, 1)])

    def _fit_status_column(self) -> None:
        font = QFont(self.list_view.font())
        font.setBold(True)
        metrics = QFontMetrics(font)
        texts = [f"{s.mark} {status_label(s)}{provisional}" for s in Status
                 for provisional in ("", self.list_model.tr("（見込）"))]
        texts.append(str(self.list_model.headerData(0, Qt.Orientation.Horizontal)))
        margin = self.list_view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.list_view)
        self.list_view.setColumnWidth(0, max(metrics.horizontalAdvance(t) for t in texts) + 2 * (margin + 1) + 8)
        rates = ["1,000.0%", str(self.list_model.headerData(1, Qt.Orientation.Horizontal))]  # the rate: no wider
        self.list_view.setColumnWidth(1, max(metrics.horizontalAdvance(t) for t in rates) + 2 * (margin + 1) + 8)

    # ------------------------------------------------------------------ loading
    def load(self, tree: PlanTree, node: Node | None, year: FiscalYear) -> None:
        """Show a node's indicators: graded and drawn a turn later, once the grid is painted (an item
        with indicators took two frames of GUI-thread time, issue 27); meanwhile the pane shows
        nothing of the item before (covered, or emptied when hidden)."""
        self._settings = None  # the session's (kept until a save, a reload or a change drops them)
        self.tree = tree
        self.year = year
        self.indicators = tree.indicators_of(node.key) if node else []
        keys = [i.key for i in self.indicators]
        if self.current_key not in keys:
            self.current_key = keys[0] if keys else None
        self.setVisible(bool(self.indicators))
        if not self.pending:  # covered, the item before's grades are not painted (issue 27)
            self.pending = True
            self.cover.cover() if self.isVisible() else self._show_nothing()
        self._fill.start()

    def _show_nothing(self) -> None:
        self.list_model.set_rows([], {})
        self.chart.set_trend(None, "", "")
        self.views.show_trend(None, "", "")
        self.status_label.clear()

    def _fill_when_shown(self) -> None:
        if self.pending and self.isVisible():  # (else when its tab is shown)
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.pending and not self._fill.isActive():  # its tab chosen: shown filled at once
            self.refresh()

    def filling(self) -> bool:
        """Whether the item loaded is still to be graded and drawn in a later turn."""
        return self._fill.isActive()

    def fill_now(self) -> None:
        """Grade and draw the item loaded now, if that is still to do (what the timer does)."""
        self._fill.stop()
        if self.pending:
            self.refresh()

    @property
    def settings(self) -> grading.GradingSettings:
        if self._settings is None:
            assert self.tree is not None
            self._settings = self.editor.workspace.grading(self.tree.plan.id)
        return self._settings

    def select(self, indicator_key: str) -> None:
        if indicator_key != self.current_key and any(i.key == indicator_key for i in self.indicators):
            self.current_key = indicator_key
            if not self.pending:  # (else drawn with the rest) the grades are those shown: every change
                # regrades them as it comes; only the chart and the status line follow (the grid's Enter
                # moving down graded all 340 indicators of a ×10 node again, issue 27)
                self._show_current(self.list_model.rows, self.list_model.checks)

    def refresh(self) -> None:
        """Grade every indicator again with the unsaved edits, and redraw the chart."""
        if self.tree is None or self.tree.plan.id not in self.editor.trees:
            if self.cover.isVisibleTo(self):
                self._show_nothing()
                self.cover.uncover()
            return
        if self.pending:  # an item loaded: the language or the font may have changed since
            self.pending = False
            self._fill.stop()
            self._fit_status_column()
            self.cover.uncover()
        self.tree = self.editor.tree(self.tree.plan.id)
        by_key = {i.key: i for i in self.tree.indicators}
        self.indicators = [by_key[i.key] for i in self.indicators if i.key in by_key]
        rows = []
        edits = edits_by_indicator(self.editor)
        graded: dict[str, tuple[tuple[object, ...], Graded]] = {}
        checks: dict[str, str] = {}
        notes: dict[str, str] | None = None  # the plan's footnotes, read once for all it grades
        settings = self.settings
        for ind in self.indicators:
            # an indicator is graded and checked again only when it, its edits, the year or the
            # settings changed, or a figure was confirmed (the tree, indicator and settings are
            # replaced, never changed in place: `is` suffices): a paste of 125 rows into a 340-row
            # node grades and checks those 125 (issue 27)
            basis = (self.tree, ind, settings, self.year, edits.get(ind.key, ()))
            known = self._graded.get(ind.key)
            if known is not None and (was := known[0])[1] is ind and was[0] is basis[0] and was[2] is settings \
                    and was[3] == basis[3] and was[4] == basis[4]:
                entry = known[1]
            else:
                shown = effective_indicator(self.editor, ind, edits.get(ind.key, ()))
                notes = grading.footnote_texts(self.tree) if notes is None else notes
                entry = ((shown, grading.assess_indicator(self.tree, shown, self.year, settings, notes)),
                         year_unconfirmed(self.editor, ind, self.year))
            graded[ind.key] = (basis, entry)
            rows.append(entry[0])
            if entry[1]:
                checks[ind.key] = entry[1]
        self._graded = graded
        self.list_model.set_rows(rows, checks)
        self._show_current(rows, checks)

    def _show_current(self, rows: list[tuple[Indicator, Achievement]], checks: dict[str, str]) -> None:
        """The current indicator's row selected in the list, its status line and chart."""
        current = next(((i, a) for i, a in rows if i.key == self.current_key), None)
        if current is None:
            self.chart.set_trend(None, "", "")
            self.views.show_trend(None, "", "")
            self.status_label.clear()
            return
        ind, a = current
        row = [i.key for i, _ in rows].index(ind.key)
        sel = self.list_view.selectionModel()
        if sel.currentIndex().row() != row:
            sel.setCurrentIndex(self.list_model.index(row, 0),
                                QItemSelectionModel.SelectionFlag.ClearAndSelect
                                | QItemSelectionModel.SelectionFlag.Rows)
        line = self.tr("{year}: {mark} {status}").format(
            year=self.year.era_label(), mark=a.status.mark, status=status_label(a.status))
        colour = theme.status_text(a.status.colour)
        if ind.key in checks:
            line, colour = self.tr("{year}: 要確認　{why}").format(year=self.year.era_label(),
                                                                   why=checks[ind.key]), theme.colours().warning_mark
        elif a.behind_baseline:  # a rate below zero tells nothing: said in words, as on paper
            line += "　" + rate_words(a)
        elif a.rate is not None:
            line += self.tr("　達成率 {rate}").format(rate=a.rate_text)
        if a.reasons and ind.key not in checks:
            line += "　" + reason_words(a)
        self.status_label.setText(line)
        palette = self.status_label.palette()  # (a style sheet set anew polished the line and laid out
        palette.setColor(QPalette.ColorRole.WindowText, colour)  # the whole page again, issue 27)
        self.status_label.setPalette(palette)
        self.lower_box.setChecked(direction_of(ind, self.settings.direction(ind.key)) is Direction.LOWER)
        self.lower_box.setEnabled(self.editor.department_only is None)  # a policy-division setting
        drawn = trend(ind)
        self.chart.set_trend(drawn, ind.unit, f"{ind.name}: {line}")
        self.views.show_trend(drawn, ind.name, line)

    # ------------------------------------------------------------------ slots
    def _on_list_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and current.row() < len(self.list_model.rows):
            self.select(self.list_model.rows[current.row()][0].key)

    def _on_cells_changed(self, targets: tuple[object, ...]) -> None:
        keys = {i.key for i in self.indicators}
        if any(isinstance(t, ValueCell) and t.indicator_key in keys for t in targets):
            self.refresh()

    def _on_figure_confirmed(self, target: object) -> None:
        if isinstance(target, ValueCell):
            self._graded.pop(target.indicator_key, None)  # checked again: its figure is confirmed now
        self.refresh()

    def _on_lower_box_clicked(self, checked: bool) -> None:
        if self.tree is None or self.current_key is None:
            return
        ind = self.tree.indicator(self.current_key)
        inferred = direction_of(ind, None)
        if checked:
            setting: Direction | None = Direction.LOWER
        else:
            setting = Direction.HIGHER if inferred is Direction.LOWER else None
        # an unsaved change like a typed value: Ctrl+Z takes it back, Save writes it (issue 23)
        label = self.tr("「{name}」を低いほど良い指標に").format(name=ind.name) if checked else \
            self.tr("「{name}」を低いほど良い指標から外す").format(name=ind.name)
        if not self.editor.set_setting(DirectionSetting(self.tree.plan.id, ind.key), setting, label):
            self.refresh()  # nothing changed: the box shows the setting again

    def _on_grading_changed(self, _setting: object) -> None:
        self._settings = None  # graded again with the thresholds and directions now in force
        self.refresh()

