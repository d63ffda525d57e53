"""One indicator's values by fiscal year as a chart: 実績 and 見込, the baseline, the targets as
first adopted and as revised, era labels under the years and absence marks where a year has none.

Drawn with QPainter rather than a chart library: Qt Charts is deprecated since Qt 6.10 and would
add the 175 MB PySide6-Addons wheel for one line chart of at most a dozen points; pyqtgraph would
bring numpy, and both would need custom items anyway for era labels, absence marks and
colour-blind-safe shapes. Imported with the KPI pane (ui/kpi_chart.py), when a KPI form is first shown.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPainterPath, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from kodaira_desk.domain.achievement import Point, Trend, chart_scale
from kodaira_desk.domain.fiscal_year import FiscalYear

# Okabe–Ito colours; every series also differs in its line pattern and marker shape.
ACTUAL = QColor("#0072B2")
FORECAST = QColor("#E69F00")
BASELINE = QColor("#666666")
ORIGINAL = QColor("#CC79A7")
REVISED = QColor("#D55E00")


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


def _ticks(low: float, high: float, step: float) -> list[tuple[float, str]]:
    """The value axis's lines and their labels, bottom up."""
    ticks, v = [], low
    while v <= high + step / 2:
        ticks.append((v, f"{v:,.{0 if step >= 1 else 2}f}"))
        v += step
    return ticks


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
        if value == self.trend and unit == self.unit and summary == self.accessibleName():
            return  # (a figure typed for another indicator: the chart shown is the same, issue 27)
        self.trend = value
        self.unit = unit
        self.setAccessibleName(summary)
        self.update()

    def axis_labels(self) -> list[str]:
        """The value axis's labels as drawn, bottom up (none without numbers)."""
        bounds = self.trend.lowest_and_highest() if self.trend else None
        if self.trend is None or bounds is None:
            return []
        return [label for _v, label in _ticks(*chart_scale(*bounds, whole=self.trend.whole()))]

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
        plot = self._plot_rect(fm)
        low, high, step = chart_scale(*bounds, whole=t.whole())
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
        self._legend(p)
        p.end()

    def _grid(self, p: QPainter, axes: _Axes, step: float) -> None:
        fm = p.fontMetrics()
        text = self.palette().color(self.foregroundRole())
        p.setPen(QPen(QColor("#dddddd"), 1))
        for v, label in _ticks(axes.low, axes.high, step):
            y = axes.y(v)
            p.setPen(QPen(QColor("#e4e4e4"), 1))
            p.drawLine(QPointF(axes.plot.left(), y), QPointF(axes.plot.right(), y))
            p.setPen(text)
            p.drawText(QRectF(0, y - fm.height() / 2, axes.plot.left() - 6, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        if self.unit:
            p.drawText(self._unit_box(axes.plot, fm), Qt.AlignmentFlag.AlignLeft, f"（{self.unit}）")
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

    def _plot_rect(self, fm: QFontMetrics) -> QRectF:
        """The plot's area: under the legend's rows and a line of their height for the unit （人）, so
        a legend wrapped onto a second row (English) stays clear of the unit."""
        rows = 1 + max(place[-1] for place in self._legend_places(fm))
        legend_h = (rows + 1) * (fm.height() + 2) + 6
        left = fm.horizontalAdvance("000,000.0") + 14
        return QRectF(left, legend_h + fm.height(), self.width() - left - 40,
                      self.height() - legend_h - fm.height() * 3 - 8)

    @staticmethod
    def _unit_box(plot: QRectF, fm: QFontMetrics) -> QRectF:
        return QRectF(0, plot.top() - fm.height() - 4, plot.left() + 40, fm.height())

    def _legend_box(self, x: float, row: int, label: str, fm: QFontMetrics) -> QRectF:
        """Where a legend entry (line, marker and label) is drawn."""
        y = 6.0 + fm.height() / 2 + row * (fm.height() + 2)
        return QRectF(x, y - fm.height() / 2, 34 + fm.horizontalAdvance(label), fm.height())

    def text_boxes(self) -> tuple[list[QRectF], QRectF | None]:
        """The legend's entries and the unit's label as drawn (for tests: nothing drawn over another)."""
        fm = QFontMetrics(self.font())
        legend = [self._legend_box(x, row, label, fm) for label, _c, _s, _m, x, row in self._legend_places(fm)]
        return legend, self._unit_box(self._plot_rect(fm), fm) if self.unit else None

    def _legend_places(self, fm: QFontMetrics) -> list[tuple[str, QColor, Qt.PenStyle, str, float, int]]:
        """Each series' label, colour, line and marker, and where: x and the row (wrapped to the width)."""
        items = [(self.tr("実績"), ACTUAL, Qt.PenStyle.SolidLine, "circle"),
                 (self.tr("実績（見込）"), FORECAST, Qt.PenStyle.DashLine, "circle_open"),
                 (self.tr("基準値"), BASELINE, Qt.PenStyle.DotLine, "square")]
        if self.trend and self.trend.original_targets:
            items += [(self.tr("当初目標"), ORIGINAL, Qt.PenStyle.DashDotLine, "diamond_open"),
                      (self.tr("改訂後の目標"), REVISED, Qt.PenStyle.DashLine, "diamond")]
        else:
            items.append((self.tr("目標"), REVISED, Qt.PenStyle.DashLine, "diamond"))
        places, x, row = [], 8.0, 0
        for item in items:
            width = 34 + fm.horizontalAdvance(item[0]) + 16
            if x + width > self.width() and x > 8.0:
                x, row = 8.0, row + 1
            places.append((*item, x, row))
            x += width
        return places

    def _legend(self, p: QPainter) -> None:
        fm = p.fontMetrics()
        for label, colour, style, shape, x, row in self._legend_places(fm):
            y = self._legend_box(x, row, label, fm).center().y()
            p.setPen(QPen(colour, 2, style))
            p.drawLine(QPointF(x, y), QPointF(x + 28, y))
            self._marker(p, QPointF(x + 14, y), colour, shape)
            p.setPen(self.palette().color(self.foregroundRole()))
            p.drawText(QPointF(x + 34, y + fm.ascent() / 2 - 1), label)
