"""進捗状況一覧表: one row per measure with its 実施等状況 year by year (the layout of the city's list).

Columns 施策番号 | 名称 | 内容 | 所管課（関連課） | 進捗状況 | 実施等状況, rows grouped under
基本目標 and area heading rows, the header repeated on every page.
A long 実施等状況 continues on the next page.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, Spacer

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import DocumentKind, Node, PlanTree
from kodaira_desk.domain.text import RichText
from kodaira_desk.reports.common import (
    A4_LANDSCAPE,
    AREA_FILL,
    GOAL_FILL,
    DepartmentFilter,
    PageSetup,
    Progress,
    ReportOptions,
    Styles,
    Work,
    data_table,
    department_cell,
    frame_width,
    in_document,
    node_title,
    para,
    rich,
    spread,
    write_pdf,
    year_text,
)

KIND = DocumentKind.PROGRESS_LIST
PAGESIZE = A4_LANDSCAPE
NUMBER, NAME, CONTENT, DEPARTMENTS, STATUS = 30.0, 92.0, 175.0, 90.0, 42.0


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
    """One table per group of measures (an area), led by the column header and the headings above it.

    The leading rows repeat on each page the group runs onto and the table cannot break right after
    them, so a heading never stands alone at the foot of a page.
    """

    def __init__(self, tree: PlanTree, options: ReportOptions, styles: Styles, work: Work,
                 widths: list[float]) -> None:
        self.tree = tree
        self.styles = styles
        self.work = work
        self.widths = widths
        self.options = options
        self.years = shown_years(tree, options)
        doc = tree.document(KIND)
        self.document_id = doc.id if doc else None
        self.filter = DepartmentFilter(tree, options.department)
        self.tables: list[Flowable] = []
        self._pending: list[list[object]] = []  # heading rows not printed yet

    def header(self) -> list[object]:
        last = year_text(self.years[-1], self.options) if self.years else ""
        narrative = f"{last}までの実施等状況" if last else "実施等状況"
        heads = ["施策\n番号", "名称", "内容", "所管課\n（関連課）", "進捗状況", narrative]
        return [para(h, self.styles.head) for h in heads]

    def add(self, node: Node) -> None:
        if not in_document(node, self.document_id) or not self.filter.node(node):
            return
        children = [c for c in self.tree.children(node.key)
                    if in_document(c, self.document_id) and self.filter.node(c)]
        depth = len(self._pending)
        self._pending.append(self.heading(node))
        leaves = [c for c in children if self.tree.is_leaf(c.key) and self.filter.own(c)]
        if leaves:
            self.group(leaves)
        for child in children:
            if not self.tree.is_leaf(child.key):
                self.add(child)
        del self._pending[depth:]  # a heading with nothing printed under it

    def heading(self, node: Node) -> list[object]:
        number, title = node_title(self.tree, node, self.document_id)
        top = node.depth == 1
        text = f"{number}「{title}」" if top else f"{number} {title}".strip()
        return [para(text, self.styles.goal if top else self.styles.area), "", "", "", "", "", top]

    def group(self, leaves: list[Node]) -> None:
        lead = [self.header(), *(row[:-1] for row in self._pending)]
        style: list[tuple[object, ...]] = []
        for i, row in enumerate(self._pending, start=1):
            fill = GOAL_FILL if row[-1] else AREA_FILL
            style += [("SPAN", (0, i), (-1, i)), ("BACKGROUND", (0, i), (-1, i), fill)]
        rows = lead + [self.measure(n) for n in leaves]
        repeat = (0, len(lead) - 1) if len(lead) > 1 else 1
        self.tables.append(data_table(rows, self.widths, repeat=repeat, style=style))
        self._pending = []

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
        return [
            para(number, s.cell_center),
            para(title, s.cell),
            rich(content, s) if content else "",
            department_cell(node.departments, s.cell),
            para(status, s.cell_center),
            narrative or "",
        ]

    def _content(self, node: Node) -> RichText | None:
        found = [t for t in node.texts if t.label == "内容"]
        mine = [t for t in found if t.document_id == self.document_id]
        return (mine or found)[-1].text if found else None


def count_measures(tree: PlanTree) -> int:
    return sum(1 for n in tree.nodes if tree.is_leaf(n.key))


def build(tree: PlanTree, options: ReportOptions, out: Path, progress: Progress | None = None) -> Path:
    """Write the progress list of `tree` to `out` (a PDF)."""
    styles = Styles(7.5)
    work = Work(count_measures(tree), progress)
    setup = PageSetup(title_of(tree), f"{tree.plan.title} 進捗状況一覧表", PAGESIZE, options)
    widths = spread(frame_width(PAGESIZE), [NUMBER, NAME, CONTENT, DEPARTMENTS, STATUS, None])
    tables = _Tables(tree, options, styles, work, widths)
    for top in tree.children(None):
        tables.add(top)
    story: list[Flowable] = []
    for table in tables.tables:
        story += [table, Spacer(1, 6)]
    if not story:
        story.append(para("該当する施策はありません。", styles.text))
    write_pdf(out, story, setup, work)
    return out
