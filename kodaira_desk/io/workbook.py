"""The tables the committee reports print, as one Excel workbook (.xlsx) per plan.

One worksheet per table the plan has: 進捗状況一覧 (measures, their status and 実施等状況 per year),
達成状況 or 到達目標 (indicators: baseline, actuals, forecast, targets), 年次計画 (main projects'
費用 and 概略 per year, or the 実施 / → schedule of plan sheet items) and 取組内容 (the plan sheets'
texts). Figures are written as numbers with a number format that shows them as printed (109,367人,
1.40, +1,170人, 80.9%); absences as their marks ("-", "—", "（※4）"). Text is always written as
text: a title that begins with "=" is never run as a formula.

With `department`, only the nodes and indicators that department leads or is related to are
written (and the headings above them). An indicator without departments of its own (the city
leaves 所管課 blank for composite indicators) is no department's, as in the handouts. Fiscal years
are written in the era in use on the document's date (平成32年度 in the 2016 plan sheets), and
departments with the document's own separator. The narratives go on a sheet of their own
(workbook_texts).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

from kodaira_desk.domain.achievement import Direction, Grader, Thresholds, grader
from kodaira_desk.domain.fiscal_year import fiscal_years
from kodaira_desk.domain.model import (
    DocumentKind,
    PlanTree,
)
from kodaira_desk.io import program_year_sheet
from kodaira_desk.io.workbook_common import (
    Scope,
    appearance,
    departments_text,
    document_info,
    end_sheet,
    filter_info,
    node_number,
    node_text,
    row_nodes,
    walk,
    year_head,
)
from kodaira_desk.io.workbook_indicators import BUDGET_TABLE, indicator_sheet_name, write_indicators
from kodaira_desk.io.workbook_texts import SHEET_NAME, has_narratives, write_narratives
from kodaira_desk.io.xlsx_save import save_workbook
from kodaira_desk.io.xlsx_sheet import (
    AUTHOR,
    CENTER,
    INDENTED,
    SPAN_FILL,
    TEXT,
    Col,
    Sheet,
)

Progress = Callable[[int, int], None]



# ------------------------------------------------------------------------------ 進捗状況一覧
def has_progress(tree: PlanTree) -> bool:
    return bool(tree.progress) or tree.document(DocumentKind.PROGRESS_LIST) is not None


def write_progress(wb: Workbook, tree: PlanTree, scope: Scope) -> None:
    doc = tree.document(DocumentKind.PROGRESS_LIST)
    listed = {n.key for n in tree.nodes if tree.is_leaf(n.key) and (
        (doc is not None and any(a.document_id == doc.id for a in n.appearances))
        or tree.progress_of(n.key))}
    rows = {k for k in listed if scope.node(tree.node(k))}
    years = sorted({p.year for p in tree.progress if p.node_key in listed})
    cols = [Col("施策番号", 6, auto=True, max_width=9), Col("名称", 22), Col("内容", 36),
            Col("所管課（関連課）", 16), Col("進捗状況", 8, auto=True, max_width=12)]
    cols += [Col("実施等状況", 48, sub=year_head(y, doc)) for y in years]
    sheet = Sheet(wb.create_sheet("進捗状況一覧"), cols, freeze_col=3)
    sheet.title(doc.title if doc else f"{tree.plan.title}　進捗状況一覧表",  # 000's own title
                [*document_info(doc), filter_info(scope)])
    sheet.header()
    for node in row_nodes(sheet, tree, rows, doc):
        r = sheet.row
        entries = tree.progress_of(node.key)
        status = next((p.status for p in reversed(entries) if p.status), "")
        number, title = appearance(node, doc)
        sheet.put(r, 1, number, align=CENTER)  # as 000 numbers it: 1, 2… under its area
        sheet.put(r, 2, title)
        sheet.put(r, 3, node_text(node, "内容", doc))
        sheet.put(r, 4, departments_text(node.departments, "\n"))
        sheet.put(r, 5, status, align=CENTER)
        for c, year in enumerate(years, start=6):
            entry = tree.progress_in(node.key, year)
            sheet.put(r, c, str(entry.narrative) if entry else "")
        sheet.row += 1
    end_sheet(sheet, tree, rows, "施策")


# --------------------------------------------------------------------- 年次計画 (費用・概略)
def has_budgets(tree: PlanTree) -> bool:
    return any(n.budget is not None for n in tree.nodes)


def write_budgets(wb: Workbook, tree: PlanTree, scope: Scope, name: str) -> None:
    doc = tree.document(DocumentKind.PROGRAM)
    rows = {n.key for n in tree.nodes if n.budget is not None and scope.node(n)}
    budget_years = {y for n in tree.nodes if n.budget for y in n.budget.costs}
    years = sorted(set(fiscal_years(tree.plan.period_from, tree.plan.period_to)) | budget_years)
    units = {n.budget.unit for n in tree.nodes if n.budget and n.budget.unit}
    unit = units.pop() if len(units) == 1 else ""
    cols = [Col("No.", 4, auto=True, max_width=6), Col("事業名", 28), Col("担当課", 16),
            Col("区分", 8, auto=True, max_width=14)]
    cols += [Col("年次計画", 20, sub=year_head(y, doc)) for y in years]
    notes_of: dict[str, list[str]] = {}
    for f in tree.footnotes:
        if f.table == BUDGET_TABLE:
            notes_of.setdefault(f.scope_key, []).append(f"{f.mark} {f.text}" if f.mark else f.text)
    with_notes = any(k in notes_of for k in rows)
    cols += [Col("注記", 18)] if with_notes else []
    sheet = Sheet(wb.create_sheet(name), cols, freeze_col=5)
    sheet.title(f"{tree.plan.title}　主要事業の年次計画", [*document_info(doc), filter_info(scope)])
    sheet.header()
    for node in row_nodes(sheet, tree, rows, doc):
        budget = node.budget
        assert budget is not None
        r = sheet.row
        sheet.put(r, 1, node.number, align=CENTER, rows=2)
        sheet.put(r, 2, node.title, rows=2)
        sheet.put(r, 3, departments_text(node.departments, "／"), rows=2)
        sheet.put(r, 4, f"費用（{budget.unit or unit}）" if (budget.unit or unit) else "費用",
                  align=CENTER)
        sheet.put(r + 1, 4, "概略", align=CENTER)
        for c, year in enumerate(years, start=5):
            cost = budget.costs.get(year)
            if cost is None:
                sheet.put(r, c, None)
            else:
                sheet.put_value(r, c, cost)
        c = 0
        while c < len(years):
            s = budget.summary_for(years[c])
            if s is None:
                sheet.put(r + 1, 5 + c, None)
                c += 1
                continue
            last = c
            while last + 1 < len(years) and years[last + 1] <= s.last:
                last += 1
            sheet.put(r + 1, 5 + c, s.text, cols=last - c + 1)
            c = last + 1
        if with_notes:
            sheet.put(r, 5 + len(years), "\n".join(notes_of.get(node.key, [])), rows=2)
        sheet.row += 2
    end_sheet(sheet, tree, rows, "事業")


# ---------------------------------------------------------------- 年次計画 (実施 / → schedule)
def has_schedules(tree: PlanTree) -> bool:
    return any(n.schedule is not None for n in tree.nodes)


def write_schedules(wb: Workbook, tree: PlanTree, scope: Scope, name: str) -> None:
    doc = tree.document(DocumentKind.PLAN_SHEETS)
    rows = {n.key for n in tree.nodes if n.schedule is not None and scope.node(n)}
    years = sorted({y for n in tree.nodes if n.schedule for y in n.schedule.years})
    cols = [Col("No.", 4, auto=True, max_width=6), Col("項目", 22), Col("担当課", 18),
            Col("実施内容", 40)]
    cols += [Col("年次計画", 10, sub=year_head(y, doc)) for y in years]
    sheet = Sheet(wb.create_sheet(name), cols, freeze_col=5)
    sheet.title(f"{tree.plan.title}　実施内容の年次計画", [*document_info(doc), filter_info(scope)])
    sheet.header()
    for node in row_nodes(sheet, tree, rows, doc):
        schedule = node.schedule
        assert schedule is not None
        r = sheet.row
        n = max(1, len(schedule.rows))
        number, title = appearance(node, doc)
        sheet.put(r, 1, number, align=CENTER, rows=n)
        sheet.put(r, 2, title, rows=n)
        sheet.put(r, 3, departments_text(node.departments, "、"), rows=n)
        for i, srow in enumerate(schedule.rows):
            sheet.put(r + i, 4, srow.label)
            marked = [c for c, y in enumerate(years) if srow.cells.get(y)]
            for c, year in enumerate(years):
                running = bool(marked) and marked[0] <= c <= marked[-1]
                sheet.put(r + i, 5 + c, srow.cells.get(year) or None, align=CENTER,
                          fill=SPAN_FILL if running else None)
        if not schedule.rows:
            for c in range(4, 5 + len(years)):
                sheet.put(r, c, None)
        sheet.row += n
    end_sheet(sheet, tree, rows, "項目")


# ------------------------------------------------------------------------------- 取組内容
def has_plan_sheets(tree: PlanTree) -> bool:
    return tree.document(DocumentKind.PLAN_SHEETS) is not None


def write_plan_sheets(wb: Workbook, tree: PlanTree, scope: Scope) -> None:
    doc = tree.document(DocumentKind.PLAN_SHEETS)
    items = [n for n in tree.nodes if tree.is_leaf(n.key) and n.texts]
    labels: list[str] = []
    for n in items:
        labels += [t.label for t in n.texts if t.label not in labels]
    rows = {n.key for n in items if scope.node(n)}
    cols = [Col("No.", 4, auto=True, max_width=6), Col("項目", 20), Col("担当課", 16)]
    cols += [Col(label, 30) for label in labels]
    sheet = Sheet(wb.create_sheet("取組内容"), cols, freeze_col=3)
    sheet.title(f"{tree.plan.title}　取組内容", [*document_info(doc), filter_info(scope)])
    sheet.header()
    for node in row_nodes(sheet, tree, rows, doc):
        r = sheet.row
        number, title = appearance(node, doc)
        sheet.put(r, 1, number, align=CENTER)
        sheet.put(r, 2, title)
        sheet.put(r, 3, departments_text(node.departments, "、"))
        for c, label in enumerate(labels, start=4):
            sheet.put(r, c, node_text(node, label, doc))
        sheet.row += 1
    end_sheet(sheet, tree, rows, "項目")


def write_outline(wb: Workbook, tree: PlanTree, scope: Scope) -> None:
    """For a plan with none of the tables: its tree, so the workbook is never empty."""
    sheet = Sheet(wb.create_sheet("一覧"), [Col("番号", 8), Col("名称", 48), Col("担当課", 24)],
                  freeze_col=2)
    sheet.title(tree.plan.title, [filter_info(scope)])
    sheet.header()
    for node, _ in walk(tree, {n.key for n in tree.nodes if scope.node(n)}):
        r = sheet.row
        sheet.put(r, 1, node_number(tree, node), align=CENTER)
        sheet.put(r, 2, node.title, align=INDENTED if node.depth > 1 else TEXT)
        sheet.put(r, 3, departments_text(node.departments, "、"))
        sheet.row += 1
    sheet.finish(tree.plan.title)


# ------------------------------------------------------------------------------------ entry
def sheet_plan(tree: PlanTree, grade: Grader | None = None,
               ) -> list[tuple[str, Callable[[Workbook, PlanTree, Scope], None]]]:
    """(sheet name, writer) for each table this plan has, in the order they are written; `grade`
    gives the indicators' rates and statuses (default: the default settings)."""
    steps: list[tuple[str, Callable[[Workbook, PlanTree, Scope], None]]] = []
    if has_progress(tree):
        steps.append(("進捗状況一覧", write_progress))
    if tree.indicators:
        steps.append((indicator_sheet_name(tree), lambda wb, t, s: write_indicators(wb, t, s, grade)))
    if has_budgets(tree):
        steps.append(("年次計画", lambda wb, t, s: write_budgets(wb, t, s, "年次計画")))
    if program_year_sheet.fits(tree):  # issue 31: the program year's results
        steps.append(program_year_sheet.step(tree, grade or grader(tree)))
    if has_schedules(tree):
        name = "実施スケジュール" if has_budgets(tree) else "年次計画"
        steps.append((name, lambda wb, t, s: write_schedules(wb, t, s, name)))
    if has_plan_sheets(tree):
        steps.append(("取組内容", write_plan_sheets))
    if has_narratives(tree):
        steps.append((SHEET_NAME, write_narratives))
    if not steps:
        steps.append(("一覧", write_outline))
    return steps


def export_workbook(tree: PlanTree, out: Path, *, department: str | None = None,
                    progress: Progress | None = None, directions: dict[str, Direction] | None = None,
                    thresholds: Thresholds | None = None) -> Path:
    """Write the plan's tables to `out` (.xlsx), one worksheet per table; returns `out`.

    `department` keeps only what that department leads or is related to; `progress(done, total)`
    is called after each worksheet and after saving. The indicators' sheet has the rate and the
    status of the latest year with values, graded with `directions` (lower-is-better settings)
    and `thresholds`.
    """
    scope = Scope(tree, department)
    steps = sheet_plan(tree, grader(tree, directions, thresholds))
    total = len(steps) + 1
    wb = Workbook()
    default = wb.active
    for done, (_, write) in enumerate(steps, start=1):
        write(wb, tree, scope)
        if progress:
            progress(done, total)
    if default is not None:
        wb.remove(default)
    wb.active = 0
    wb.properties.title = tree.plan.title
    wb.properties.creator = AUTHOR
    save_workbook(wb, out)
    if progress:
        progress(total, total)
    return out
