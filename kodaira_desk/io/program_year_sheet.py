"""The program year's table in the committee workbook (`export xlsx`): the same as the PDF layout
`program-year` (reports/program_year.py) — per 施策, its 成果指標 (目標値, 実績, 達成率, 達成状況) and its
主要事業 (計画の費用, 決算額, 差, 進捗状況, 実施内容, 差の理由), for the program year the round last filled
(domain.yearly.program_year). Figures are numbers shown as printed; text is text.
"""

from __future__ import annotations

from collections.abc import Callable

from openpyxl import Workbook

from kodaira_desk.domain.achievement import Grader
from kodaira_desk.domain.entry import expects_progress, item_report, planned_cost
from kodaira_desk.domain.era_text import fiscal_year_text
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import DocumentKind, PlanTree, ValueKind
from kodaira_desk.domain.targets import effective_target
from kodaira_desk.domain.values import Measured
from kodaira_desk.domain.yearly import program_year, reason_printed, year_result
from kodaira_desk.io.workbook_common import Scope, departments_text, document_info, end_sheet, filter_info
from kodaira_desk.io.workbook_indicators import status_cells
from kodaira_desk.io.xlsx_sheet import CENTER, Col, Sheet

SHEET = "年度の取組状況"


def fits(tree: PlanTree) -> bool:
    """A plan whose round asks its projects for a 決算額 (reports/program_year.fits)."""
    return tree.plan.round.asks_settlement


def write_program_year(wb: Workbook, tree: PlanTree, scope: Scope, grade: Grader,
                       year: FiscalYear | None = None) -> None:
    """The sheet. `scope`: the department filter; `grade`: the database's grading."""

    doc = tree.document(DocumentKind.PROGRAM)
    year = program_year(tree, year)
    era = fiscal_year_text(year, doc.date if doc else None)
    word = tree.plan.round.narrative_label
    cols = [Col("番号", 5), Col("成果指標／事業名", 34), Col("単位・担当課", 16), Col("目標値／計画の費用", 13),
            Col("実績／決算額", 13), Col("達成率／計画との差", 12), Col("達成状況／進捗状況", 14),
            Col(f"{word}・差の理由", 48)]
    sheet = Sheet(wb.create_sheet(SHEET), cols, freeze_col=3)
    sheet.title(f"{tree.plan.title}　{era}の取組状況", [*document_info(doc), filter_info(scope)])
    sheet.header()
    shown = False
    for policy in tree.children(None):
        indicators = [i for i in tree.indicators_of(policy.key) if scope.indicator(i)]
        projects = [p for p in tree.children(policy.key) if expects_progress(tree, p) and scope.node(p)]
        if not indicators and not projects:
            continue
        shown = True
        sheet.heading(policy.title, 1)
        if indicators:
            sheet.heading(f"成果指標の実績（{era}）", 2)
        for ind in indicators:
            r = sheet.row
            sheet.put(r, 1, ind.number or "", align=CENTER)
            sheet.put(r, 2, ind.name_with_marks)
            sheet.put(r, 3, ind.unit, align=CENTER)
            target = effective_target(ind, year)
            _value(sheet, r, 4, target.value if target else None)
            value = year_result(ind, year)
            _value(sheet, r, 5, value.value if value else None)
            rate, status = status_cells(grade(ind, year)) if value else (None, "")
            sheet.put(r, 6, float(rate) if rate is not None else None, fmt='0.0"%"')
            sheet.put(r, 7, status, align=CENTER)
            sheet.put(r, 8, "実績（見込）" if value is not None and value.kind is ValueKind.FORECAST else "")
            sheet.row += 1
        if projects:
            sheet.heading(f"主要事業の実施状況（{era}）", 2)
        for project in projects:
            r = sheet.row
            report = item_report(tree, project, year)
            cost = planned_cost(project, year)
            sheet.put(r, 1, project.number, align=CENTER)
            sheet.put(r, 2, project.title)
            sheet.put(r, 3, departments_text(project.departments, "／"))
            _value(sheet, r, 4, cost)
            _value(sheet, r, 5, report.settled)
            diff = (report.settled.number - cost.number if isinstance(report.settled, Measured)
                    and isinstance(cost, Measured) else None)
            sheet.put(r, 6, int(diff) if diff is not None and diff == diff.to_integral_value() else
                      float(diff) if diff is not None else None, fmt="+#,##0;-#,##0;0")
            sheet.put(r, 7, report.status or "", align=CENTER)
            reason = (f"\n〔計画との差の理由〕{report.settled_note}"
                      if report.settled_note and reason_printed(cost, report.settled) else "")
            sheet.put(r, 8, (report.narrative + reason).strip())
            sheet.row += 1
    end_sheet(sheet, tree, shown, "施策")


def _value(sheet: Sheet, row: int, col: int, value: object) -> None:
    if value is None:
        sheet.put(row, col, None)
    else:
        sheet.put_value(row, col, value)  # type: ignore[arg-type]


def step(tree: PlanTree, grade: Grader) -> tuple[str, Callable[[Workbook, PlanTree, Scope], None]]:
    """(sheet name, writer) for io.workbook.sheet_plan."""
    return SHEET, lambda wb, t, s: write_program_year(wb, t, s, grade)
