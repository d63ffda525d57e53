"""進捗状況一覧表: one row per measure with its 実施等状況 year by year (the layout of the city's list).

Columns 施策番号 | 名称 | 内容 | 所管課 (関連課) | 進捗状況 | 実施等状況 in one table: the column
header at the top of every page, 基本目標 and area heading rows among the measures, breaks between
rows as 000 makes them. Only a 実施等状況 longer than a page continues on the next one.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import DocumentKind, Node, PlanTree
from kodaira_desk.domain.text import RichText
from kodaira_desk.reports.cells import RoomyCell
from kodaira_desk.reports.common import (
    A4_LANDSCAPE,
    AREA_FILL,
    GOAL_FILL,
    DepartmentFilter,
    Progress,
    ReportOptions,
    Styles,
    data_table,
    department_cell,
    department_lines,
    frame_width,
    in_document,
    node_title,
    para,
    rich,
    spread,
    year_text,
)
from kodaira_desk.reports.pages import PageSetup, Work, write_pdf

KIND = DocumentKind.PROGRESS_LIST
BRACKETS = "()"  # 000's related 課: 「産業振興課 (学務課)」, half-width as all its brackets
PAGESIZE = A4_LANDSCAPE
# The columns' widths (points; 実施等状況 takes the rest), the type and the cells' padding are 000's
# proportions: with them the city's list breaks its 11 pages where 000 does.
NUMBER, NAME, CONTENT, DEPARTMENTS, STATUS = 26.0, 90.0, 170.0, 100.0, 40.0
TYPE = 7.5  # points: the body's type size
CELL_PADDING = RoomyCell.leftPadding + RoomyCell.rightPadding


def fits(tree: PlanTree) -> bool:
    """A plan has a progress list when it has one printed, or yearly entries to list."""
    return tree.document(KIND) is not None or bool(tree.progress)


def title_of(tree: PlanTree) -> str:
    doc = tree.document(KIND)
    return doc.title if doc else f"{tree.plan.title} 進捗状況一覧表"


def shown_years(tree: PlanTree, options: ReportOptions) -> list[FiscalYear]:
    if options.years is not None:
        return sorted(set(options.years))
    return sorted({p.year for p in tree.progress})


class _Tables:
    """The list as 000 prints it: the column header at the top of every page (drawn by the page,
    as a spreadsheet's print titles) and nowhere else; under it the goal and area heading rows and
    the measures' rows, one table per group. A heading row is never the last on a page, and a
    measure's row is never cut (000 breaks between rows only), unless it is taller than a page."""

    def __init__(self, tree: PlanTree, options: ReportOptions, styles: Styles, work: Work) -> None:
        self.tree = tree
        self.styles = styles
        self.work = work
        self.options = options
        self.years = shown_years(tree, options)
        doc = tree.document(KIND)
        self.document_id = doc.id if doc else None
        self.filter = DepartmentFilter(tree, options.department)
        self.groups: list[tuple[list[list[object]], list[tuple[object, ...]]]] = []
        self.headings: set[int] = set()  # id() of the heading rows' first cells: kept with what follows
        self._pending: list[list[object]] = []  # heading rows not printed yet
        self.measures = 0

    def header(self) -> list[object]:
        return [para(h, self.styles.head) for h in ["施策\n番号", "名称", "内容", "所管課\n(関連課)", "進捗状況",
                                                      self.narrative_head()]]

    def narrative_head(self) -> str:
        """000's 「平成29年度までの実施等状況」 over every year since the first; a list that leaves
        earlier years out says which it prints (「平成29年度の…」, 「平成29年度～令和元年度の…」)."""
        if not self.years:
            return "実施等状況"
        first, last = (year_text(y, self.options) for y in (self.years[0], self.years[-1]))
        if self.years[0] <= min((p.year for p in self.tree.progress), default=self.years[0]):
            return f"{last}までの実施等状況"
        return f"{last}の実施等状況" if first == last else f"{first}～{last}の実施等状況"

    def add(self, node: Node) -> None:
        if not in_document(node, self.document_id) or not self.filter.node(node):
            return
        children = [c for c in self.tree.children(node.key)
                    if in_document(c, self.document_id) and self.filter.node(c)]
        depth = len(self._pending)
        self._pending.append(self.heading(node))
        for child in children:
            if self.tree.is_leaf(child.key):
                if self.filter.own(child):
                    self._flush()
                    self.groups[-1][0].append(self.measure(child))
            else:
                self.add(child)
        del self._pending[depth:]  # a heading with nothing printed under it

    def _flush(self) -> None:
        """The headings waiting above the next measure start a new group, kept on its page."""
        if not self._pending:
            return
        rows: list[list[object]] = []
        style: list[tuple[object, ...]] = []
        for at, row in enumerate(self._pending):
            fill = GOAL_FILL if row[-1] else AREA_FILL
            style += [("SPAN", (0, at), (-1, at)), ("BACKGROUND", (0, at), (-1, at), fill)]
            rows.append(row[:-1])
            self.headings.add(id(row[0]))
        self.groups.append((rows, style))
        self._pending = []

    def heading(self, node: Node) -> list[object]:
        number, title = node_title(self.tree, node, self.document_id)
        top = node.depth == 1
        text = f"{number}「{title}」" if top else f"{number} {title}".strip()
        return [para(text, self.styles.goal if top else self.styles.area), "", "", "", "", "", top]

    def measure(self, node: Node) -> list[object]:
        s = self.styles
        number, title = node_title(self.tree, node, self.document_id)
        content = self._content(node)
        status = ""
        narrative: list[Flowable] = []
        for year in self.years:
            entry = self.tree.progress_in(node.key, year)
            if entry is None:
                continue
            status = entry.status or status
            if entry.narrative:
                narrative.append(para(f"【{year_text(year, self.options)}】", s.subhead))
                narrative += rich(entry.narrative, s)
        self.work.item_done()
        self.measures += 1
        return [
            para(number, s.cell_center),
            para(title, s.cell),
            rich(content, s) if content else "",
            department_cell(node.departments, s.cell, BRACKETS),
            para(status, s.cell_center),
            narrative or "",
        ]

    def _content(self, node: Node) -> RichText | None:
        found = [t for t in node.texts if t.label == "内容"]
        mine = [t for t in found if t.document_id == self.document_id]
        return (mine or found)[-1].text if found else None

    def tables(self, widths: list[float]) -> list[Flowable]:
        out: list[Flowable] = []
        for rows, style in self.groups:
            table = data_table(rows, widths, header_rows=0, style=style, cell=RoomyCell)
            table.split_in_rows = False
            table.keep_with_next = frozenset(self.headings)
            out.append(table)
        return out

    def running_head(self, widths: list[float]) -> Flowable:
        """The column header, drawn at the top of every page."""
        return data_table([self.header()], widths, cell=RoomyCell)


def department_width(tree: PlanTree, styles: Styles) -> float:
    """The 所管課 column: its designed width, wider when a department's name (in brackets when
    related) would not fit on one line, so no name is ever broken."""
    lines = {line for n in tree.nodes for line in department_lines(n.departments, BRACKETS).splitlines()}
    widest = max((pdfmetrics.stringWidth(line, styles.cell.fontName, styles.cell.fontSize)
                  for line in lines), default=0.0)
    return max(DEPARTMENTS, min(widest + CELL_PADDING + 1, DEPARTMENTS * 1.5))


def count_measures(tree: PlanTree) -> int:
    return sum(1 for n in tree.nodes if tree.is_leaf(n.key))


def build(tree: PlanTree, options: ReportOptions, out: Path, progress: Progress | None = None) -> Path:
    """Write the progress list of `tree` to `out` (a PDF)."""
    styles = Styles(TYPE)
    work = Work(count_measures(tree), progress)
    setup = PageSetup(title_of(tree), f"{tree.plan.title} 進捗状況一覧表", PAGESIZE, options)
    widths = spread(frame_width(PAGESIZE),
                    [NUMBER, NAME, CONTENT, department_width(tree, styles), STATUS, None])
    tables = _Tables(tree, options, styles, work)
    for top in tree.children(None):
        tables.add(top)
    if tables.measures:
        setup = dataclasses.replace(setup, running_head=tables.running_head(widths))
    story = tables.tables(widths) or [para("該当する施策はありません。", styles.text)]
    write_pdf(out, story, setup, work)
    return out
