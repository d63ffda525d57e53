"""Chart pages for the handouts: per goal (基本目標, 施策) a page of small charts, one per indicator,
in the typography of the achievement table (IPAex Gothic headings, Mincho text, A4 landscape).

Each chart draws what the window's pane draws (`domain.achievement.trend`): 実績 as a solid line
with filled circles, 見込 dashed with open circles, the baseline dotted with a square, the target as
revised dashed with a filled diamond and the original target dash-dotted with an open diamond —
shapes and line patterns, so it reads in black and white and without colour. Above each chart: the
status mark, the status and the rate of the latest graded year.

`chart_story` gives the flowables, for a report that appends them (the KPI table's option);
`build` writes them as a PDF of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from kodaira_desk.domain.achievement import (
    Achievement,
    Direction,
    Grader,
    Point,
    Status,
    Thresholds,
    Trend,
    chart_scale,
    graded_years,
    grader,
    trend,
)
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.indicator_name import shown_name
from kodaira_desk.domain.model import Indicator, Node, PlanTree, Revision
from kodaira_desk.reports.common import (
    A4_LANDSCAPE,
    MINCHO,
    Progress,
    ReportOptions,
    Styles,
    frame_width,
    node_title,
    para,
    plain_table,
)
from kodaira_desk.reports.pages import PageSetup, Work, write_pdf

PAGESIZE = A4_LANDSCAPE
COLUMNS, ROWS = 3, 2
CHART_HEIGHT = 168.0
CHART_TYPE = 8.5  # the base type size (points) of the chart pages' headings and titles
ACTUAL = colors.HexColor("#0072B2")
FORECAST = colors.HexColor("#E69F00")
BASELINE = colors.HexColor("#666666")
ORIGINAL = colors.HexColor("#CC79A7")
REVISED = colors.HexColor("#D55E00")


def status_text(a: Achievement) -> str:
    """◎達成 119.1%（見込）: the status column of the KPI table and the chart titles. A rate below
    zero is said in words (▲遅れ 基準値を下回る): the number is in the open data."""
    text = f"{a.status.mark}{a.status.value}"
    if a.rate is not None:
        text += f" {a.rate_words}"
    return text + ("（見込）" if a.provisional else "")


def latest_achievement(ind: Indicator, grade: Grader) -> Achievement | None:
    years = graded_years(ind)
    return grade(ind, years[-1]) if years else None


def _marker(d: Drawing, x: float, y: float, colour: colors.Color, shape: str) -> None:
    r = 2.6
    fill = colors.white if shape.endswith("_open") else colour
    if shape.startswith("circle"):
        d.add(Circle(x, y, r, fillColor=fill, strokeColor=colour, strokeWidth=1))
    elif shape == "square":
        d.add(Rect(x - r, y - r, 2 * r, 2 * r, fillColor=fill, strokeColor=colour, strokeWidth=1))
    else:
        d.add(Polygon([x, y + r + 0.8, x + r + 0.8, y, x, y - r - 0.8, x - r - 0.8, y],
                      fillColor=fill, strokeColor=colour, strokeWidth=1))


LABEL_SIZE = 6.0  # points: the charts' value labels, axis labels and marks


class _Labels:
    """The value labels of one chart, set last on a white ground so that no grid or series line
    runs through them, each moved up (or down) off the labels already placed."""

    def __init__(self, d: Drawing, bottom: float, top: float) -> None:
        self.d = d
        self.bottom, self.top = bottom, top
        self.boxes: list[tuple[float, float, float, float]] = []
        self.pending: list[tuple[float, float, str, colors.Color, str]] = []

    def add(self, x: float, y: float, text: str, colour: colors.Color, anchor: str) -> None:
        self.pending.append((x, y, text, colour, anchor))

    def _free(self, box: tuple[float, float, float, float]) -> bool:
        x0, y0, x1, y1 = box
        return all(x1 <= a0 or x0 >= a1 or y1 <= b0 or y0 >= b1 for a0, b0, a1, b1 in self.boxes)

    def place(self) -> None:
        for x, y, text, colour, anchor in self.pending:
            w = stringWidth(text, MINCHO, LABEL_SIZE)
            x0 = x if anchor == "start" else x - w if anchor == "end" else x - w / 2
            step = LABEL_SIZE + 1.5
            for dy in (0.0, step, -step, 2 * step, -2 * step, 3 * step):
                base = min(max(y + dy, self.bottom + 1), self.top - LABEL_SIZE)
                box = (x0 - 0.8, base - 1.6, x0 + w + 0.8, base + LABEL_SIZE - 0.4)
                if self._free(box):
                    break
            self.boxes.append(box)
            self.d.add(Rect(box[0], box[1], box[2] - box[0], box[3] - box[1], fillColor=colors.white,
                            strokeColor=None))
            self.d.add(String(x0, base, text, fontName=MINCHO, fontSize=LABEL_SIZE, fillColor=colour))


def chart_drawing(t: Trend, unit: str, width: float, height: float = CHART_HEIGHT) -> Drawing:
    """One indicator's chart as a reportlab Drawing."""
    d = Drawing(width, height)
    d.initialFontName, d.initialFontSize = MINCHO, LABEL_SIZE  # the renderer's first font: no Helvetica
    bounds = t.lowest_and_highest()
    if bounds is None or not t.years:
        d.add(String(width / 2, height / 2, "グラフにする数値がありません", fontName=MINCHO, fontSize=8,
                     textAnchor="middle"))
        return d
    low, high, step = chart_scale(*bounds, whole=t.whole())
    left, right, bottom, top = 36.0, width - 14.0, 30.0, height - 14.0
    first, last = t.years[0].year, t.years[-1].year
    labels = _Labels(d, bottom, top)

    def x(year: FiscalYear) -> float:
        return (left + right) / 2 if last == first else left + (year.year - first) / (last - first) * (right - left)

    def y(number: object) -> float:
        return bottom + (float(number) - low) / (high - low) * (top - bottom)  # type: ignore[arg-type]

    _axes(d, t, unit, (left, right, bottom, top), (low, high, step), x, y)

    def level(points: tuple[Point, ...], colour: colors.Color, dash: list[float], shape: str) -> None:
        if not points:
            return
        if len(points) == 1:
            d.add(Line(left, y(points[0].number), right, y(points[0].number), strokeColor=colour,
                       strokeWidth=0.8, strokeDashArray=dash))
        else:
            d.add(PolyLine([c for p in points for c in (x(p.year), y(p.number))], strokeColor=colour,
                           strokeWidth=0.8, strokeDashArray=dash))
        for p in points:
            _marker(d, x(p.year), y(p.number), colour, shape)
        end = points[-1]
        # the label sits inside the plot: left of a point at the right, right of one at the left
        at_left = x(end.year) < (left + right) / 2
        labels.add(x(end.year) + (4 if at_left else -4), y(end.number) + 4, end.text, colour,
                   "start" if at_left else "end")

    def line(points: list[Point], colour: colors.Color, dash: list[float] | None, shape: str,
             skip_first: bool = False) -> None:
        run: list[Point] = []
        for p in [*points, None]:
            if p is not None and (not run or p.year.year - run[-1].year.year == 1):
                run.append(p)
                continue
            if len(run) > 1:
                d.add(PolyLine([c for q in run for c in (x(q.year), y(q.number))], strokeColor=colour,
                               strokeWidth=1.2, strokeDashArray=dash))
            run = [p] if p is not None else []
        for p in points[1:] if skip_first else points:
            _marker(d, x(p.year), y(p.number), colour, shape)

    if t.baseline is not None:
        level((t.baseline,), BASELINE, [1, 2], "square")
    level(t.original_targets, ORIGINAL, [4, 2, 1, 2], "diamond_open")
    level(t.revised_targets, REVISED, [4, 2], "diamond")
    line(list(t.actual), ACTUAL, None, "circle")
    if t.forecast:
        joined = [t.actual[-1]] if t.actual and t.actual[-1].year < t.forecast[0].year else []
        line(joined + list(t.forecast), FORECAST, [3, 2], "circle_open", skip_first=bool(joined))
    for gap in t.gaps:
        labels.add(x(gap.year), bottom + 3, gap.text, BASELINE, "middle")
    labels.place()
    return d


def _axes(d: Drawing, t: Trend, unit: str, box: tuple[float, float, float, float],
          scale: tuple[float, float, float], x: Callable[[FiscalYear], float],
          y: Callable[[object], float]) -> None:
    """The grid, the value axis's numbers and unit, and the years under the plot."""
    left, right, bottom, top = box
    low, high, step = scale
    v = low
    while v <= high + step / 2:
        d.add(Line(left, y(v), right, y(v), strokeColor=colors.HexColor("#dddddd"), strokeWidth=0.4))
        d.add(String(left - 3, y(v) - 2.5, f"{v:,.{0 if step >= 1 else 2}f}", fontName=MINCHO,
                     fontSize=LABEL_SIZE, textAnchor="end"))
        v += step
    if unit:
        d.add(String(2, top + 5, f"（{unit}）", fontName=MINCHO, fontSize=LABEL_SIZE))
    d.add(Line(left, bottom, right, bottom, strokeColor=colors.black, strokeWidth=0.6))
    first, last = t.years[0].year, t.years[-1].year
    years = [FiscalYear(n) for n in range(first, last + 1)]
    long_labels = (right - left) / max(1, len(years)) > 30
    for year in years:
        d.add(Line(x(year), bottom, x(year), bottom - 2, strokeColor=colors.black, strokeWidth=0.6))
        label = year.era_label(suffix="") if long_labels else year.short_label()
        d.add(String(x(year), bottom - 10, label, fontName=MINCHO, fontSize=LABEL_SIZE, textAnchor="middle"))
    d.add(String((left + right) / 2, bottom - 20, "年度", fontName=MINCHO, fontSize=LABEL_SIZE,
                 textAnchor="middle"))


def legend_drawing(width: float, with_original: bool) -> Drawing:
    d = Drawing(width, 14)
    d.initialFontName, d.initialFontSize = MINCHO, 7.5
    items = [("実績", ACTUAL, None, "circle"), ("実績（見込）", FORECAST, [3, 2], "circle_open"),
             ("基準値", BASELINE, [1, 2], "square")]
    if with_original:
        items += [("当初目標", ORIGINAL, [4, 2, 1, 2], "diamond_open"), ("改訂後の目標", REVISED, [4, 2], "diamond")]
    else:
        items.append(("目標", REVISED, [4, 2], "diamond"))
    xpos = 0.0
    for label, colour, dash, shape in items:
        d.add(Line(xpos, 7, xpos + 22, 7, strokeColor=colour, strokeWidth=1.2, strokeDashArray=dash))
        _marker(d, xpos + 11, 7, colour, shape)
        d.add(String(xpos + 26, 4.5, label, fontName=MINCHO, fontSize=7.5))
        xpos += 34 + 7.5 * len(label) + 10
    marks = "　".join(f"{s.mark}{s.value}" for s in Status)
    d.add(String(width, 4.5, marks, fontName=MINCHO, fontSize=7.5, textAnchor="end"))
    return d


def _indicators_of_goal(tree: PlanTree, goal: Node) -> list[Indicator]:
    out = list(tree.indicators_of(goal.key))
    stack = tree.children(goal.key)
    while stack:
        node = stack.pop(0)
        out += tree.indicators_of(node.key)
        stack = tree.children(node.key) + stack
    return out


def goal_pages(tree: PlanTree, goal: Node, grade: Grader, styles: Styles, *,
               indicators: list[Indicator] | None = None, document_id: str | None = None) -> list[Flowable]:
    """The chart pages of one goal: COLUMNS × ROWS charts a page, in printed order. `indicators`
    (default: all under the goal) and `document_id` (whose numbering the heading uses) are the
    KPI table's when it appends the pages."""
    if indicators is None:
        indicators = _indicators_of_goal(tree, goal)
    if not indicators:
        return []
    width = frame_width(PAGESIZE)
    cell_w = width / COLUMNS
    number, title = node_title(tree, goal, document_id)
    heading = para(f"{number}「{title}」　指標の推移", styles.goal)
    # the KPI table's pages show what its document prints: 003 has no 当初目標 (001's), and dates
    # the station passengers by the year each figure refers to
    originals = document_id is None or any(
        v.revision is Revision.ORIGINAL and v.document_id == document_id for i in indicators for v in i.values)

    def trend_of(ind: Indicator) -> Trend:
        return trend(ind, originals=originals, dated=document_id is not None)

    with_original = any(trend_of(i).original_targets for i in indicators)
    story: list[Flowable] = []
    per_page = COLUMNS * ROWS
    for start in range(0, len(indicators), per_page):
        cells: list[list[object]] = []
        for ind in indicators[start:start + per_page]:
            a = latest_achievement(ind, grade)
            name = shown_name(ind, breakdown="(内数)")
            head = para(name, styles.label)
            status = para(f"{a.year.era_label()}: {status_text(a)}" if a else "", styles.small_right)
            cells.append([head, status, chart_drawing(trend_of(ind), ind.unit, cell_w - 8)])
        rows: list[list[object]] = []
        for r in range(0, len(cells), COLUMNS):
            group = cells[r:r + COLUMNS] + [["", "", ""]] * (COLUMNS - len(cells[r:r + COLUMNS]))
            rows.append([c[0] for c in group])
            rows.append([c[1] for c in group])
            rows.append([c[2] for c in group])
        table = plain_table(rows, [cell_w] * COLUMNS, [("VALIGN", (0, 0), (-1, -1), "TOP"),
                                                       ("LEFTPADDING", (0, 0), (-1, -1), 4),
                                                       ("RIGHTPADDING", (0, 0), (-1, -1), 4)])
        if story:
            story.append(PageBreak())
        story.append(KeepTogether([heading, Spacer(1, 4), legend_drawing(width, with_original),
                                   Spacer(1, 6), table]))
    return story


def chart_story(tree: PlanTree, *, directions: dict[str, Direction] | None = None,
                thresholds: Thresholds | None = None, footnotes: dict[str, str] | None = None,
                styles: Styles | None = None, work: Work | None = None) -> list[Flowable]:
    """A chart page (or more) per goal of the plan, for a report to append after its tables."""
    s = styles or Styles(CHART_TYPE)
    grade = grader(tree, directions, thresholds, footnotes)
    story: list[Flowable] = []
    for goal in tree.children(None):
        part = goal_pages(tree, goal, grade, s)
        if part:
            story += ([PageBreak()] if story else []) + part
        if work is not None:
            work.item_done()
    return story


def build(tree: PlanTree, options: ReportOptions, out: Path, progress: Progress | None = None, *,
          directions: dict[str, Direction] | None = None, thresholds: Thresholds | None = None) -> Path:
    """Write the plan's chart pages to `out` (a PDF) on the handout page (title, 資料番号, 未定稿)."""
    work = Work(len(tree.children(None)), progress)
    story = chart_story(tree, directions=directions, thresholds=thresholds, work=work)
    if not story:
        story.append(para("グラフにする指標はありません。", Styles(CHART_TYPE).text))
    setup = PageSetup(f"{tree.plan.title}　指標の推移", f"{tree.plan.title} 指標の推移（グラフ）", PAGESIZE,
                      options)
    write_pdf(out, story, setup, work)
    return out

