"""The chart pane under the KPI grid: each indicator's rate and status for the entry year, and a
trend chart of the selected one (実績 and 見込 by fiscal year, baseline, targets as first adopted
and as revised), redrawn as values are typed.

Drawn with QPainter rather than a chart library: Qt Charts is deprecated since Qt 6.10 and would
add the 175 MB PySide6-Addons wheel for one line chart of at most a dozen points; pyqtgraph would
bring numpy, and both would need custom items anyway for era labels, absence marks and
colour-blind-safe shapes. The module is imported only when a KPI form is first shown.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kodaira_desk.domain.achievement import (
    Achievement,
    Direction,
    Point,
    Status,
    Trend,
    chart_scale,
    direction_of,
    trend,
)
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Indicator, Node, PlanTree
from kodaira_desk.services import achievement as grading
from kodaira_desk.services.editing import Content, ValueCell
from kodaira_desk.services.tree_edits import indicator_with_edits
from kodaira_desk.ui.editor import Editor

Index = QModelIndex | QPersistentModelIndex

# Okabe–Ito colours; every series also differs in its line pattern and marker shape.
ACTUAL = QColor("#0072B2")
FORECAST = QColor("#E69F00")
BASELINE = QColor("#666666")
ORIGINAL = QColor("#CC79A7")
REVISED = QColor("#D55E00")


# An indicator's unsaved edits: (its ValueCell, what it holds now), in the session's order.
Edits = tuple[tuple[ValueCell, Content], ...]


def edits_by_indicator(editor: Editor) -> dict[str, Edits]:
    """The session's unsaved value edits grouped by indicator key, in one pass over the session."""
    grouped: dict[str, list[tuple[ValueCell, Content]]] = {}
    for target, content in editor.session.pending().items():
        if isinstance(target, ValueCell):
            grouped.setdefault(target.indicator_key, []).append((target, content))
    return {key: tuple(edits) for key, edits in grouped.items()}


def effective_indicator(editor: Editor, indicator: Indicator, edits: Edits | None = None) -> Indicator:
    """The indicator with the unsaved edits of the session applied (what the grid shows)."""
    if edits is None:
        edits = edits_by_indicator(editor).get(indicator.key, ())
    return indicator_with_edits(indicator, edits)


@dataclass
class _Axes:
    plot: QRectF
    first: int
    last: int
    low: float
    high: float

    def x(self, year: FiscalYear) -> float:
        if self.last == self.first:
            return self.plot.center().x()
        return self.plot.left() + (year.year - self.first) / (self.last - self.first) * self.plot.width()

    def y(self, number: Decimal | float) -> float:
        return self.plot.bottom() - (float(number) - self.low) / (self.high - self.low) * self.plot.height()


class TrendChart(QWidget):
    """One indicator's values by fiscal year."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiTrendChart")
        self.setMinimumSize(320, 170)  # drawn to its height: at 1366×768 the grid needs the rest
        self.trend: Trend | None = None
        self.unit = ""
        self.paints = 0  # how many times it was drawn (the benchmark waits for one)

    def sizeHint(self) -> QSize:
        return QSize(560, 300)

    def set_trend(self, value: Trend | None, unit: str, summary: str) -> None:
        self.trend = value
        self.unit = unit
        self.setAccessibleName(summary)
        self.update()

    def series(self) -> dict[str, list[tuple[int, Decimal]]]:
        """What is drawn, by series: for tests and for reading the chart without looking."""
        t = self.trend
        if t is None:
            return {}

        def pts(points: tuple[Point, ...]) -> list[tuple[int, Decimal]]:
            return [(p.year.year, p.number) for p in points]
        return {"actual": pts(t.actual), "forecast": pts(t.forecast),
                "baseline": pts((t.baseline,) if t.baseline else ()),
                "original_target": pts(t.original_targets), "target": pts(t.revised_targets)}

    # ------------------------------------------------------------------ drawing
    def paintEvent(self, _event: QPaintEvent) -> None:
        self.paints += 1
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        t = self.trend
        bounds = t.lowest_and_highest() if t else None
        if t is None or bounds is None or not t.years:
            p.setPen(self.palette().color(self.foregroundRole()))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("グラフにする数値がありません"))
            p.end()
            return
        fm = p.fontMetrics()
        legend_h = fm.height() * 2 + 6
        left = fm.horizontalAdvance("000,000.0") + 14
        plot = QRectF(left, legend_h + fm.height(), self.width() - left - 40,
                      self.height() - legend_h - fm.height() * 3 - 8)
        low, high, step = chart_scale(*bounds)
        axes = _Axes(plot, t.years[0].year, t.years[-1].year, low, high)
        self._grid(p, axes, step)
        if t.baseline is not None:
            self._level(p, axes, [t.baseline], BASELINE, Qt.PenStyle.DotLine, "square")
        self._level(p, axes, list(t.original_targets), ORIGINAL, Qt.PenStyle.DashDotLine, "diamond_open")
        self._level(p, axes, list(t.revised_targets), REVISED, Qt.PenStyle.DashLine, "diamond")
        self._line(p, axes, list(t.actual), ACTUAL, Qt.PenStyle.SolidLine, "circle")
        if t.forecast:
            joined = ([t.actual[-1]] if t.actual and t.actual[-1].year < t.forecast[0].year else [])
            self._line(p, axes, joined + list(t.forecast), FORECAST, Qt.PenStyle.DashLine, "circle_open",
                       skip_first=bool(joined))
        p.setPen(BASELINE)
        for gap in t.gaps:
            r = QRectF(axes.x(gap.year) - 40, plot.bottom() - fm.height() - 2, 80, fm.height())
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, gap.text)
        self._legend(p, fm.height())
        p.end()

    def _grid(self, p: QPainter, axes: _Axes, step: float) -> None:
        fm = p.fontMetrics()
        text = self.palette().color(self.foregroundRole())
        p.setPen(QPen(QColor("#dddddd"), 1))
        v = axes.low
        while v <= axes.high + step / 2:
            y = axes.y(v)
            p.setPen(QPen(QColor("#e4e4e4"), 1))
            p.drawLine(QPointF(axes.plot.left(), y), QPointF(axes.plot.right(), y))
            p.setPen(text)
            label = f"{v:,.{0 if step >= 1 else 2}f}"
            p.drawText(QRectF(0, y - fm.height() / 2, axes.plot.left() - 6, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            v += step
        if self.unit:
            p.drawText(QRectF(0, axes.plot.top() - fm.height() - 4, axes.plot.left() + 40, fm.height()),
                       Qt.AlignmentFlag.AlignLeft, f"（{self.unit}）")
        p.setPen(QPen(text, 1))
        p.drawLine(axes.plot.bottomLeft(), axes.plot.bottomRight())
        years = [FiscalYear(y) for y in range(axes.first, axes.last + 1)]
        room = axes.plot.width() / max(1, len(years))
        for year in years:
            x = axes.x(year)
            p.drawLine(QPointF(x, axes.plot.bottom()), QPointF(x, axes.plot.bottom() + 4))
            label = year.era_label(suffix="")
            if fm.horizontalAdvance(label) > room - 4:
                label = year.short_label()
            p.drawText(QRectF(x - room / 2, axes.plot.bottom() + 6, room, fm.height()),
                       Qt.AlignmentFlag.AlignCenter, label)
        p.drawText(QRectF(axes.plot.left(), axes.plot.bottom() + 6 + fm.height(), axes.plot.width(),
                          fm.height()), Qt.AlignmentFlag.AlignCenter, self.tr("年度"))

    @staticmethod
    def _marker(p: QPainter, at: QPointF, colour: QColor, shape: str) -> None:
        r = 4.5
        p.setPen(QPen(colour, 2))
        p.setBrush(QBrush(colour) if not shape.endswith("_open") else QBrush(QColor("white")))
        if shape.startswith("circle"):
            p.drawEllipse(at, r, r)
        elif shape == "square":
            p.drawRect(QRectF(at.x() - r, at.y() - r, 2 * r, 2 * r))
        else:
            p.drawPolygon(QPolygonF([QPointF(at.x(), at.y() - r - 1), QPointF(at.x() + r + 1, at.y()),
                                     QPointF(at.x(), at.y() + r + 1), QPointF(at.x() - r - 1, at.y())]))
        p.setBrush(Qt.BrushStyle.NoBrush)

    def _line(self, p: QPainter, axes: _Axes, points: list[Point], colour: QColor, style: Qt.PenStyle,
              shape: str, skip_first: bool = False) -> None:
        if not points:
            return
        path = QPainterPath(QPointF(axes.x(points[0].year), axes.y(points[0].number)))
        for before, pt in itertools.pairwise(points):
            target = QPointF(axes.x(pt.year), axes.y(pt.number))
            # a year without a value breaks the line: only consecutive years are joined
            if pt.year.year - before.year.year > 1:
                path.moveTo(target)
            else:
                path.lineTo(target)
        p.setPen(QPen(colour, 2, style))
        p.drawPath(path)
        for pt in points[1:] if skip_first else points:
            self._marker(p, QPointF(axes.x(pt.year), axes.y(pt.number)), colour, shape)

    def _level(self, p: QPainter, axes: _Axes, points: list[Point], colour: QColor, style: Qt.PenStyle,
               shape: str) -> None:
        """A baseline or a target: a level line across the chart, or the steps of yearly targets."""
        if not points:
            return
        p.setPen(QPen(colour, 1.5, style))
        if len(points) == 1:
            y = axes.y(points[0].number)
            p.drawLine(QPointF(axes.plot.left(), y), QPointF(axes.plot.right(), y))
        else:
            p.drawPolyline(QPolygonF([QPointF(axes.x(pt.year), axes.y(pt.number)) for pt in points]))
        for pt in points:
            self._marker(p, QPointF(axes.x(pt.year), axes.y(pt.number)), colour, shape)
        last = points[-1]
        p.setPen(colour)
        fm = p.fontMetrics()
        # the label sits inside the plot: left of a point at the right, right of one at the left
        x = axes.x(last.year)
        if x < axes.plot.center().x():
            box, align = QRectF(x + 4, axes.y(last.number) - fm.height() - 4, 116, fm.height()), Qt.AlignmentFlag.AlignLeft
        else:
            box, align = QRectF(x - 120, axes.y(last.number) - fm.height() - 4, 116, fm.height()), Qt.AlignmentFlag.AlignRight
        p.drawText(box, align, last.text)

    def _legend(self, p: QPainter, line_h: int) -> None:
        items = [(self.tr("実績"), ACTUAL, Qt.PenStyle.SolidLine, "circle"),
                 (self.tr("実績（見込）"), FORECAST, Qt.PenStyle.DashLine, "circle_open"),
                 (self.tr("基準値"), BASELINE, Qt.PenStyle.DotLine, "square")]
        t = self.trend
        if t and t.original_targets:
            items += [(self.tr("当初目標"), ORIGINAL, Qt.PenStyle.DashDotLine, "diamond_open"),
                      (self.tr("改訂後の目標"), REVISED, Qt.PenStyle.DashLine, "diamond")]
        else:
            items.append((self.tr("目標"), REVISED, Qt.PenStyle.DashLine, "diamond"))
        x, y = 8.0, 6.0 + line_h / 2
        fm = p.fontMetrics()
        for label, colour, style, shape in items:
            width = 34 + fm.horizontalAdvance(label) + 16
            if x + width > self.width():
                x, y = 8.0, y + line_h + 2
            p.setPen(QPen(colour, 2, style))
            p.drawLine(QPointF(x, y), QPointF(x + 28, y))
            self._marker(p, QPointF(x + 14, y), colour, shape)
            p.setPen(self.palette().color(self.foregroundRole()))
            p.drawText(QPointF(x + 34, y + fm.ascent() / 2 - 1), label)
            x += width


class AchievementListModel(QAbstractTableModel):
    """The node's indicators with the rate and status of the entry year's value."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[Indicator, Achievement]] = []

    def set_rows(self, rows: list[tuple[Indicator, Achievement]]) -> None:
        if len(rows) == len(self.rows) and [i.key for i, _ in rows] == [i.key for i, _ in self.rows]:
            # only the rows graded again are announced (a regraded row is a new tuple)
            changed = [r for r, (new, old) in enumerate(zip(rows, self.rows, strict=True)) if new is not old]
            self.rows = rows
            if changed:
                self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], 2))
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("状況"), self.tr("達成率"), self.tr("指標"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        ind, a = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return f"{a.status.mark} {status_label(a.status)}" + (self.tr("（見込）") if a.provisional else "")
            if col == 1:
                return a.rate_text
            return ind.name
        if role == Qt.ItemDataRole.ForegroundRole and col == 0:
            return QBrush(QColor(a.status.colour))
        if role == Qt.ItemDataRole.FontRole and col == 0:
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.ToolTipRole:
            return a.reason or None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def status_label(status: Status) -> str:
    """The status's name in the user's language: one context for the pane, the list and the board."""
    t = QCoreApplication.translate
    return {Status.ACHIEVED: t("AchievementStatus", "達成"), Status.ON_TRACK: t("AchievementStatus", "概ね順調"),
            Status.BEHIND: t("AchievementStatus", "遅れ"), Status.UNKNOWN: t("AchievementStatus", "判定不能")}[status]


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
        self._graded: dict[str, tuple[tuple[object, ...], tuple[Indicator, Achievement]]] = {}
        self.list_model = AchievementListModel(self)
        self.list_view = QTableView()
        self.list_view.setObjectName("kpiStatusList")
        self.list_view.setModel(self.list_model)
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.verticalHeader().hide()
        self.list_view.horizontalHeader().setStretchLastSection(True)
        # the status column is as wide as its widest possible label, not measured over every row
        # on every edit (that made a paste into a 300-row grid take a quarter of a second)
        self.list_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        self._fit_status_column()
        self.list_view.selectionModel().currentRowChanged.connect(self._on_list_row)
        self.status_label = QLabel()
        self.status_label.setObjectName("kpiStatusLine")
        self.status_label.setWordWrap(True)
        self.lower_box = QCheckBox()
        self.lower_box.setObjectName("lowerIsBetter")
        self.lower_box.clicked.connect(self._on_lower_box_clicked)
        self.chart = TrendChart()
        head = QHBoxLayout()
        head.addWidget(self.status_label, 1)
        head.addWidget(self.lower_box)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addLayout(head)
        right.addWidget(self.chart, 1)
        right_w = QWidget()
        right_w.setLayout(right)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.list_view)
        split.addWidget(right_w)
        split.setObjectName("kpiStatusSplitter")
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([400, 600])
        split.setCollapsible(0, True)  # the status list folds away to give the chart the width
        split.setCollapsible(1, False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(split)
        self.retranslate()
        editor.changed.connect(self._on_editor_changed)
        # every derived figure follows the value shown: also when an edit is dropped for another
        # person's value, or others' saves come in (cells_changed, not changed, says so)
        editor.cells_changed.connect(self._on_cells_changed)
        editor.reloaded.connect(self.refresh)

    def retranslate(self) -> None:
        """Its texts, and the statuses and rates written out, in the language now in use."""
        self.lower_box.setText(self.tr("低いほど良い指標"))
        self.lower_box.setToolTip(self.tr("この指標は値が小さいほど良いものとして達成率を計算します（計画ごとの設定）。"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._fit_status_column()
            self._graded.clear()  # the reasons are written in the old language
            self.refresh()
        super().changeEvent(event)

    def _fit_status_column(self) -> None:
        font = QFont(self.list_view.font())
        font.setBold(True)
        metrics = QFontMetrics(font)
        texts = [f"{s.mark} {status_label(s)}{provisional}" for s in Status
                 for provisional in ("", self.list_model.tr("（見込）"))]
        texts.append(str(self.list_model.headerData(0, Qt.Orientation.Horizontal)))
        margin = self.list_view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.list_view)
        self.list_view.setColumnWidth(0, max(metrics.horizontalAdvance(t) for t in texts) + 2 * (margin + 1) + 8)

    # ------------------------------------------------------------------ loading
    def load(self, tree: PlanTree, node: Node | None, year: FiscalYear) -> None:
        self._fit_status_column()  # the language may have changed since
        self._settings = None  # read again: the board may have changed the thresholds
        self.tree = tree
        self.year = year
        self.indicators = tree.indicators_of(node.key) if node else []
        keys = [i.key for i in self.indicators]
        if self.current_key not in keys:
            self.current_key = keys[0] if keys else None
        self.setVisible(bool(self.indicators))
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
            self.refresh()

    def refresh(self) -> None:
        """Grade every indicator again with the unsaved edits, and redraw the chart."""
        if self.tree is None or self.tree.plan.id not in self.editor.trees:
            return
        self.tree = self.editor.tree(self.tree.plan.id)
        by_key = {i.key: i for i in self.tree.indicators}
        self.indicators = [by_key[i.key] for i in self.indicators if i.key in by_key]
        rows = []
        edits = edits_by_indicator(self.editor)
        graded: dict[str, tuple[tuple[object, ...], tuple[Indicator, Achievement]]] = {}
        for ind in self.indicators:
            # an indicator is graded again only when it, its edits, the year or the settings changed
            # (the tree, indicator and settings are replaced, never changed in place: `is` suffices)
            basis = (self.tree, ind, self.settings, self.year, edits.get(ind.key, ()))
            known = self._graded.get(ind.key)
            if known is not None and all(a is b for a, b in zip(known[0][:3], basis[:3], strict=True)) \
                    and known[0][3:] == basis[3:]:
                entry = known[1]
            else:
                shown = effective_indicator(self.editor, ind, basis[4])
                entry = (shown, grading.assess_indicator(self.tree, shown, self.year, self.settings))
            graded[ind.key] = (basis, entry)
            rows.append(entry)
        self._graded = graded
        self.list_model.set_rows(rows)
        current = next(((i, a) for i, a in rows if i.key == self.current_key), None)
        if current is None:
            self.chart.set_trend(None, "", "")
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
        if a.rate is not None:
            line += self.tr("　達成率 {rate}").format(rate=a.rate_text)
        if a.reason:
            line += "　" + a.reason
        self.status_label.setText(line)
        self.status_label.setStyleSheet(f"color:{a.status.colour}")
        self.lower_box.setChecked(direction_of(ind, self.settings.direction(ind.key)) is Direction.LOWER)
        self.lower_box.setEnabled(self.editor.department_only is None)  # a policy-division setting
        self.chart.set_trend(trend(ind), ind.unit, f"{ind.name}: {line}")

    # ------------------------------------------------------------------ slots
    def _on_list_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and current.row() < len(self.list_model.rows):
            self.select(self.list_model.rows[current.row()][0].key)

    def _on_editor_changed(self, target: object) -> None:
        if isinstance(target, ValueCell) and any(i.key == target.indicator_key for i in self.indicators):
            self.refresh()

    def _on_cells_changed(self, targets: tuple[object, ...]) -> None:
        keys = {i.key for i in self.indicators}
        if any(isinstance(t, ValueCell) and t.indicator_key in keys for t in targets):
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
        self.editor.workspace.set_direction(self.tree.plan.id, ind.key, setting)
        self._settings = None
        self.refresh()


def attach_chart_pane(form: QWidget) -> KpiChartPane:
    """Put the pane under the KPI grid of `form` (a grid_forms.KpiForm) and follow its current row."""
    view: QTableView = form.view  # type: ignore[attr-defined]
    editor: Editor = form.model.editor  # type: ignore[attr-defined]
    pane = KpiChartPane(editor)
    layout = form.layout()
    assert isinstance(layout, QVBoxLayout)
    position = layout.indexOf(view)
    split = QSplitter(Qt.Orientation.Vertical)
    split.setObjectName("kpiChartSplitter")
    split.addWidget(view)
    split.addWidget(pane)
    # The grid is where the clerk types: it keeps the larger share at 1366×768; the pane can be
    # dragged smaller or folded away entirely.
    split.setStretchFactor(0, 3)
    split.setStretchFactor(1, 2)
    split.setCollapsible(0, False)
    split.setCollapsible(1, True)
    view.setMinimumHeight(150)
    layout.insertWidget(position, split, 1)

    def follow(current: QModelIndex, _previous: QModelIndex) -> None:
        model = form.model  # type: ignore[attr-defined]
        if current.isValid() and current.row() < len(model.indicators):
            pane.select(model.indicators[current.row()].key)
    view.selectionModel().currentRowChanged.connect(follow)

    def badges() -> None:  # the grid's row headers carry each indicator's status mark and rate
        names = view.verticalHeader()
        if not hasattr(names, "set_badges"):
            return
        graded = {i.key: a for i, a in pane.list_model.rows}
        rows = form.model.indicators  # type: ignore[attr-defined]
        check = (pane.tr("要確認"), QColor("#7a4f00"))  # a yellow figure's rate is not shown as a grade
        names.set_badges({r: check if form.model.year_flagged(r) else (  # type: ignore[attr-defined]
            f"{a.status.mark}{a.rate_text}", QColor(a.status.colour))
            for r, ind in enumerate(rows) if (a := graded.get(ind.key)) is not None})
    pane.list_model.modelReset.connect(badges)
    pane.list_model.dataChanged.connect(badges)
    form.model.dataChanged.connect(badges)  # type: ignore[attr-defined]  # (a figure confirmed: not regraded)
    badges()
    return pane
