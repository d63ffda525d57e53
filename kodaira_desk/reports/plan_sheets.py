"""Plan sheets (取組項目シート): one A4 sheet per item, as the restructuring plan prints them.

No. | 項目 | 担当課, then 実施目的, 取組概要, 見込まれる効果 beside 成果指標, and the 実施内容 schedule
across the plan's years: 実施 in the year the work starts, an arrow drawn from it on to the year marked →.
"""

from __future__ import annotations

import weakref
from pathlib import Path

from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Spacer

from kodaira_desk.domain.fiscal_year import FiscalYear, fiscal_years
from kodaira_desk.domain.model import DocumentKind, Node, PlanTree, Role, Schedule, ScheduleRow
from kodaira_desk.domain.text import RichText
from kodaira_desk.reports.common import (
    A4_PORTRAIT,
    HEAD_FILL,
    MINCHO,
    DepartmentFilter,
    Progress,
    ReportOptions,
    Styles,
    data_table,
    frame_width,
    node_title,
    para,
    rich,
    spread,
    year_text,
)
from kodaira_desk.reports.pages import BlockStyle, PageSetup, Work, collector_paused, write_pdf

KIND = DocumentKind.PLAN_SHEETS
PAGESIZE = A4_PORTRAIT
ARROW = "→"
HEAD_SCALE = 1.4  # the arrow's head, the → character, to the text's size
TEXTS = ("実施目的", "取組概要")
SIDE_BY_SIDE = ("見込まれる効果", "成果指標")


def fits(tree: PlanTree) -> bool:
    """Plan sheets are for a plan printed as sheets, or whose items have a yearly schedule."""
    return tree.document(KIND) is not None or any(n.schedule for n in tree.nodes)


def title_of(tree: PlanTree) -> str:
    return f"{tree.plan.title} 取組項目シート"


# each document's bars drawn so far: their operators by text, span and size (ScheduleBar.drawOn)
_DRAWN: weakref.WeakKeyDictionary[Canvas, dict[tuple[str, tuple[float, ...], float], list[str]]] = \
    weakref.WeakKeyDictionary()


class ScheduleBar(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """実施 in the first year of its span and an arrow drawn from it on to the last year (→)."""

    def __init__(self, text: str, widths: list[float], size: float = 9.0) -> None:
        super().__init__()
        self.text = text
        self.widths = widths
        self.size = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = sum(self.widths)
        return self.width, self.size * 2.2

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        """reportlab's `Flowable.drawOn` (the state saved, the origin moved, drawn, the state put
        back), the bar's own operators written once per document for each text, span and size and
        then again as they were: drawn at its own origin in its own state, a bar is the same text
        wherever it is (issue 27: the 150 bars of a ×10 plan's sheets were some 8 % of drawing it)."""
        x = self._hAlignAdjust(x, _sW)
        kept = _DRAWN.setdefault(canvas, {})
        key = (self.text, tuple(self.widths), self.size)
        canvas.saveState()
        canvas.translate(x, y)
        code = kept.get(key)
        if code is None:
            start = len(canvas._code)
            self._drawOn(canvas)
            kept[key] = canvas._code[start:]
        else:
            canvas._code.extend(code)
        canvas.restoreState()

    def draw(self) -> None:
        c = self.canv
        mid = self.size * 1.1
        first = self.widths[0]
        text_width = pdfmetrics.stringWidth(self.text, MINCHO, self.size) if self.text else 0.0
        c.setFont(MINCHO, self.size)
        if self.text:
            c.drawCentredString(first / 2, mid - self.size * 0.35, self.text)
        start = first / 2 + text_width / 2 + 4 if self.text else 4.0
        end = self.width - 8
        if end - start < 6:
            return
        # 002 draws the shaft and prints its head, the → of the year it runs to (its text reads
        # 「実施 … →」): the head is that character, set where the shaft ends
        # (set larger than the text so that its head stands out from the shaft; its shaft is 0.385 em
        # above its baseline and begins 0.07 em into it)
        size = self.size * HEAD_SCALE
        head = pdfmetrics.stringWidth(ARROW, MINCHO, size)
        c.setStrokeColor(colors.black)
        c.setLineWidth(1.2)
        c.line(start, mid, end - head + size * 0.2, mid)
        c.setFont(MINCHO, size)
        c.drawString(end - head, mid - size * 0.385, ARROW)


class _Sheet:
    def __init__(self, tree: PlanTree, node: Node, styles: Styles, document_id: str | None,
                 options: ReportOptions) -> None:
        self.options = options
        self.tree = tree
        self.node = node
        self.s = styles
        self.document_id = document_id
        self.width = frame_width(PAGESIZE)

    def flowables(self) -> list[Flowable]:
        out: list[Flowable] = []
        for ancestor in self.ancestors():
            number, title = node_title(self.tree, ancestor, self.document_id)
            out.append(para(f"{number} {title}".strip(), self.s.section))
        out += [Spacer(1, 4), self.main(), Spacer(1, 8)]
        if self.node.schedule and self.node.schedule.rows:
            out.append(self.schedule(self.node.schedule))
        return out

    def ancestors(self) -> list[Node]:
        chain: list[Node] = []
        key = self.node.parent_key
        while key is not None:
            parent = self.tree.node(key)
            chain.insert(0, parent)
            key = parent.parent_key
        return chain

    def text(self, label: str) -> list[Flowable] | str:
        found = self.node.text(label)
        return rich(found, self.s, large=True) if found else ""

    def main(self) -> Flowable:
        s = self.s
        number, title = node_title(self.tree, self.node, self.document_id)
        leads = [d.department for d in self.node.departments if d.role is Role.LEAD]
        related = [d.department for d in self.node.departments if d.role is Role.RELATED]
        departments = "、".join(leads) + "".join(f"（{d}）" for d in related)
        widths = spread(self.width, [34, 28, 36, None, 40, self.width * 0.3])
        rows: list[list[object]] = [[
            para("No.", s.head), para(number, s.cell_center), para("項目", s.head),
            para(title, s.area), para("担当課", s.head),
            para(departments, s.text, keep=[d.department for d in self.node.departments]),
        ]]
        style: list[tuple[object, ...]] = [
            ("BACKGROUND", (0, 0), (0, 0), HEAD_FILL), ("BACKGROUND", (2, 0), (2, 0), HEAD_FILL),
            ("BACKGROUND", (4, 0), (4, 0), HEAD_FILL), ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ]
        for label in TEXTS:
            at = len(rows)
            rows += [[para(label, s.label), "", "", "", "", ""], [self.text(label), "", "", "", "", ""]]
            style += [("SPAN", (0, at), (-1, at)), ("SPAN", (0, at + 1), (-1, at + 1)),
                      ("BACKGROUND", (0, at), (-1, at), HEAD_FILL)]
        at = len(rows)
        left, right = SIDE_BY_SIDE
        rows += [[para(left, s.label), "", "", "", para(right, s.label), ""],
                 [self.text(left), "", "", "", self.text(right), ""]]
        style += [("SPAN", (0, at), (3, at)), ("SPAN", (4, at), (5, at)),
                  ("SPAN", (0, at + 1), (3, at + 1)), ("SPAN", (4, at + 1), (5, at + 1)),
                  ("BACKGROUND", (0, at), (-1, at), HEAD_FILL)]
        heights = [24.0, 16.0, 60.0, 16.0, 130.0, 16.0, 130.0]
        return data_table(rows, widths, header_rows=0, style=style, min_heights=heights)

    def schedule(self, schedule: Schedule) -> Flowable:
        s = self.s
        years = self.years(schedule)
        year_width = min(90.0, self.width * 0.62 / max(len(years), 1))
        widths = [self.width - year_width * len(years), *([year_width] * len(years))]
        rows: list[list[object]] = [[para("実施内容", s.head), *(para(year_text(y, self.options), s.head) for y in years)]]
        style: list[tuple[object, ...]] = [("VALIGN", (0, 1), (-1, -1), "MIDDLE")]
        label_row = 1
        for i, row in enumerate(schedule.rows, start=1):
            if row.label or i == 1:
                label_row = i
                label: object = rich(RichText.parse(row.label), s, large=True) or ""
            else:
                label = ""  # the label cell above runs down over this row
                style.append(("SPAN", (0, label_row), (0, i)))
            cells, spans = self.cells(row, years, widths[1:])
            rows.append([label, *cells])
            for first, last in spans:
                style += [("SPAN", (first + 1, i), (last + 1, i)),
                          ("LEFTPADDING", (first + 1, i), (last + 1, i), 0),
                          ("RIGHTPADDING", (first + 1, i), (last + 1, i), 0)]
        return data_table(rows, widths, style=style, min_heights=[18.0] + [34.0] * len(schedule.rows))

    @staticmethod
    def years(schedule: Schedule) -> list[FiscalYear]:
        if schedule.years:
            return list(schedule.years)
        marked = sorted({y for r in schedule.rows for y in r.cells})
        return fiscal_years(marked[0], marked[-1]) if marked else []

    def cells(self, row: ScheduleRow, years: list[FiscalYear],
              widths: list[float]) -> tuple[list[object], list[tuple[int, int]]]:
        """The row's year cells, and the (first, last) column spans that carry an arrow."""
        texts = [row.cells.get(y, "").strip() for y in years]
        out: list[object] = [""] * len(years)
        spans: list[tuple[int, int]] = []
        i = 0
        while i < len(years):
            text = texts[i]
            if text and text != ARROW:
                ends = [j for j in range(i + 1, len(years)) if texts[j] == ARROW
                        and not any(t and t != ARROW for t in texts[i + 1:j])]
                if ends:
                    out[i] = ScheduleBar(text, widths[i:ends[-1] + 1], self.s.base)
                    spans.append((i, ends[-1]))
                    i = ends[-1] + 1
                    continue
                out[i] = para(text, self.s.cell_center)
            elif text == ARROW:  # an arrow with nothing before it: drawn across its own year
                out[i] = ScheduleBar("", widths[i:i + 1], self.s.base)
            i += 1
        return out, spans


def items(tree: PlanTree, department: str | None) -> list[Node]:
    keep = DepartmentFilter(tree, department)
    return [n for n in tree.nodes if tree.is_leaf(n.key) and n.parent_key is not None and keep.own(n)]


def build(tree: PlanTree, options: ReportOptions, out: Path, progress: Progress | None = None) -> Path:
    """Write one plan sheet per item of `tree` to `out` (a PDF)."""
    with collector_paused():  # the sheets' flowables are made without the collector too (_write)
        _write(tree, options, out, progress)
    return out


def _write(tree: PlanTree, options: ReportOptions, out: Path, progress: Progress | None) -> None:
    """(The sheets' flowables are let go when this returns, before the collector runs again.)"""
    styles = Styles(9.5)
    doc = tree.document(KIND)
    chosen = items(tree, options.department)
    work = Work(len(chosen), progress)
    story: list[Flowable] = []
    for node in chosen:
        if story:
            story.append(PageBreak())
        story += _Sheet(tree, node, styles, doc.id if doc else None, options).flowables()
        work.item_done()
    if not story:
        story.append(para("該当する項目はありません。", styles.text))
    # 002 prints no title line, and its handout block as typed: 「資料3 平成28年8月25日」
    setup = PageSetup(title_of(tree), f"{tree.plan.title} 取組項目シート", PAGESIZE, options,
                      printed_title=False, block=BlockStyle.PLAIN)
    write_pdf(out, story, setup, work)
