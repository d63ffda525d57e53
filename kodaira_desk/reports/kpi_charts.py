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

from pathlib import Path

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
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
from kodaira_desk.domain.model import Indicator, Node, PlanTree
from kodaira_desk.reports.common import (
    A4_LANDSCAPE,
    MINCHO,
    PageSetup,
    Progress,
    ReportOptions,
    Styles,
    Work,
    frame_width,
    node_title,
    para,
    plain_table,
    write_pdf,
)

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
    """◎達成 119.1%（見込）: the status column of the KPI table and the chart titles."""
    text = f"{a.status.mark}{a.status.value}"
    if a.rate is not None:
        text += f" {a.rate_text}"
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


def chart_drawing(t: Trend, unit: str, width: float, height: float = CHART_HEIGHT) -> Drawing:
    """One indicator's chart as a reportlab Drawing."""
    d = Drawing(width, height)
    bounds = t.lowest_and_highest()
    if bounds is None or not t.years:
        d.add(String(width / 2, height / 2, "グラフにする数値がありません", fontName=MINCHO, fontSize=8,
                     textAnchor="middle"))
        return d
    low, high, step = chart_scale(*bounds)
    left, right, bottom, top = 36.0, width - 14.0, 30.0, height - 14.0
    first, last = t.years[0].year, t.years[-1].year

    def x(year: FiscalYear) -> float:
        return (left + right) / 2 if last == first else left + (year.year - first) / (last - first) * (right - left)

    def y(number: object) -> float:
        return bottom + (float(number) - low) / (high - low) * (top - bottom)  # type: ignore[arg-type]

    v = low
    while v <= high + step / 2:
        d.add(Line(left, y(v), right, y(v), strokeColor=colors.HexColor("#dddddd"), strokeWidth=0.4))
        d.add(String(left - 3, y(v) - 2.5, f"{v:,.{0 if step >= 1 else 2}f}", fontName=MINCHO, fontSize=6,
                     textAnchor="end"))
        v += step
    if unit:
        d.add(String(2, top + 5, f"（{unit}）", fontName=MINCHO, fontSize=6))
    d.add(Line(left, bottom, right, bottom, strokeColor=colors.black, strokeWidth=0.6))
    years = [FiscalYear(n) for n in range(first, last + 1)]
    long_labels = (right - left) / max(1, len(years)) > 30
    for year in years:
        d.add(Line(x(year), bottom, x(year), bottom - 2, strokeColor=colors.black, strokeWidth=0.6))
        label = year.era_label(suffix="") if long_labels else year.short_label()
        d.add(String(x(year), bottom - 10, label, fontName=MINCHO, fontSize=6, textAnchor="middle"))
    d.add(String((left + right) / 2, bottom - 20, "年度", fontName=MINCHO, fontSize=6, textAnchor="middle"))

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
        d.add(String(x(end.year) + (4 if at_left else -4), y(end.number) + 4, end.text, fontName=MINCHO,
                     fontSize=6, fillColor=colour, textAnchor="start" if at_left else "end"))

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
        d.add(String(x(gap.year), bottom + 3, gap.text, fontName=MINCHO, fontSize=6, fillColor=BASELINE,
                     textAnchor="middle"))
    return d


def legend_drawing(width: float, with_original: bool) -> Drawing:
    d = Drawing(width, 14)
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
    with_original = any(trend(i).original_targets for i in indicators)
    story: list[Flowable] = []
    per_page = COLUMNS * ROWS
    for start in range(0, len(indicators), per_page):
        cells: list[list[object]] = []
        for ind in indicators[start:start + per_page]:
            a = latest_achievement(ind, grade)
            name = ("(内数)" if ind.part_of else "") + ind.name + ("（累計）" if ind.cumulative else "")
            head = para(name, styles.label)
            status = para(f"{a.year.era_label()}: {status_text(a)}" if a else "", styles.small_right)
            cells.append([head, status, chart_drawing(trend(ind), ind.unit, cell_w - 8)])
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

