"""The trend chart's data as a table a screen reader reaches and a person copies (issue 28).

The chart under the KPI grid is a picture; the same figures are in a table in its place when
表で見る is pressed (Alt+T): one row per fiscal year, a column per series drawn
(実績, 見込, 基準値, targets as adopted and as revised), absences as printed ("-", "（※4）").
The table's accessible description is the status in words (令和2年度: ▲ 遅れ 達成率 68.1%…);
Ctrl+C copies the selection, or the whole table with its headings when nothing is selected, as
tab-separated text for a spreadsheet.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStackedWidget,
    QStyle,
    QTableView,
    QToolButton,
    QWidget,
)

from kodaira_desk.domain.achievement import Trend
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui import a11y
from kodaira_desk.ui.forms.clipboard import format_tsv

Index = QModelIndex | QPersistentModelIndex


class ChartDataModel(QAbstractTableModel):
    """Years down, series across: what the chart draws, as text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.years: list[FiscalYear] = []
        self.series: list[tuple[str, dict[int, str]]] = []  # (heading, year → text as printed)

    def set_trend(self, trend: Trend | None) -> None:
        self.beginResetModel()
        self.years, self.series = [], []
        if trend is not None:
            self.years = list(trend.years)
            gaps = {(g.kind, g.year.year): g.text for g in trend.gaps}
            actual = {p.year.year: p.text for p in trend.actual}
            actual.update({y: t for (k, y), t in gaps.items() if k is ValueKind.ACTUAL and y not in actual})
            forecast = {p.year.year: p.text for p in trend.forecast}
            forecast.update({y: t for (k, y), t in gaps.items() if k is ValueKind.FORECAST and y not in forecast})
            columns = [(self.tr("実績"), actual), (self.tr("実績（見込）"), forecast)]
            if trend.baseline is not None:
                columns.append((self.tr("基準値"), {trend.baseline.year.year: trend.baseline.text}))
            if trend.original_targets:
                columns.append((self.tr("当初目標"), {p.year.year: p.text for p in trend.original_targets}))
                columns.append((self.tr("改訂後の目標"), {p.year.year: p.text for p in trend.revised_targets}))
            else:
                columns.append((self.tr("目標"), {p.year.year: p.text for p in trend.revised_targets}))
            self.series = [(h, values) for h, values in columns if values]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.years)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.series)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.series[section][0] if 0 <= section < len(self.series) else None
        return self.years[section].era_label() if 0 <= section < len(self.years) else None

    def text(self, row: int, column: int) -> str:
        return self.series[column][1].get(self.years[row].year, "")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        text = self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return text or self.tr("値なし")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def as_rows(self, rows: list[int] | None = None, columns: list[int] | None = None) -> list[list[str]]:
        """The table as text, headings first (the rows and columns given, else all)."""
        rows = list(range(self.rowCount())) if rows is None else rows
        columns = list(range(self.columnCount())) if columns is None else columns
        out = [[self.tr("年度")] + [self.series[c][0] for c in columns]]
        out += [[self.years[r].era_label()] + [self.text(r, c) for c in columns] for r in rows]
        return out


class ChartDataTable(QTableView):
    """The table: read-only, Ctrl+C copies (the selection, or all of it) with the headings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiChartTable")
        self.data_model = ChartDataModel(self)
        self.setModel(self.data_model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab moves on; the arrows move in the table
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def copy(self) -> str:
        indexes = self.selectionModel().selectedIndexes()
        if indexes:
            rows = sorted({i.row() for i in indexes})
            columns = sorted({i.column() for i in indexes})
            text = format_tsv(self.data_model.as_rows(rows, columns))
        else:
            text = format_tsv(self.data_model.as_rows())
        QGuiApplication.clipboard().setText(text)
        return text

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
            return
        super().keyPressEvent(event)


class ChartViews(QStackedWidget):
    """The chart and its table in one place; `toggle` (表で見る / グラフで見る) switches them."""

    def __init__(self, chart: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiChartViews")
        self.chart = chart
        self.table = ChartDataTable()
        self.addWidget(chart)
        self.addWidget(self.table)
        self.toggle = QToolButton()
        self.toggle.setObjectName("kpiChartAsTable")
        self.toggle.setCheckable(True)
        self.toggle.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a Tab stop, as any button
        self.toggle.toggled.connect(self._on_toggled)
        self._unshown: list[Trend | None] = []  # the trend the chart shows, while not yet in the hidden table
        self.retranslate()

    def retranslate(self) -> None:
        self.toggle.setText(self.tr("表で見る(&T)"))
        self.toggle.setToolTip(self.tr("押すとグラフの代わりに、同じ数値の表を表示します。表は Ctrl+C でコピーできます。"))
        a11y.name(self.toggle, self.toggle.text(), self.toggle.toolTip())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_toggled(self, on: bool) -> None:
        if on and self._unshown:
            self._fill_table(self._unshown[0])
        self.setCurrentWidget(self.table if on else self.chart)

    def show_trend(self, trend: Trend | None, indicator: str, status: str) -> None:
        # the figures go into the table when it is shown (表で見る): filling and measuring the hidden
        # table was 1.5 ms of each selection of an item with indicators (issue 27); its name and
        # description, what a screen reader finds, follow at once
        if self.currentWidget() is self.table:
            self._fill_table(trend)
        else:
            self._unshown = [trend]
        a11y.name(self.table, self.tr("「{name}」の推移（表）").format(name=indicator) if indicator
                  else self.tr("指標の推移（表）"), status)

    def _fill_table(self, trend: Trend | None) -> None:
        self._unshown = []
        self.table.data_model.set_trend(trend)
        # the columns share the width, never narrower than their headings (then the table scrolls)
        header = self.table.horizontalHeader()
        headings = [heading for heading, _values in self.table.data_model.series]
        widest = max((header.fontMetrics().horizontalAdvance(h) for h in headings), default=0)
        header.setMinimumSectionSize(widest + 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 8)
