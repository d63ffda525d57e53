"""実行プログラム 年度の取組状況: what a program year came to, per 施策 in 004's order and numbering —
its 成果指標 (目標値, 実績, 達成状況 graded by domain.achievement) and its 主要事業 (計画の費用, 決算額 with
the reason where it differs much, 進捗状況, 実施内容), from the yearly round's entries.

The city's style of the other layouts (reports.common): Gothic headings, Mincho cells, the era of
the handout's date, the handout number and 未定稿 boxes, n / N; the 施策 flowing as program_pages flows
them (a new page when less than a third is left), tables split between rows with their header
repeated, a row cut inside only with a third of the page left, one type size shrunk (to 80% at most)
rather than ending on a sliver; every line broken by typeset's 禁則.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Spacer
from reportlab.platypus.tables import CellStyle

from kodaira_desk.domain.achievement import Direction, Grader, Thresholds, grader
from kodaira_desk.domain.entry import expects_progress, item_report, planned_cost
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.footnote_marks import marked_on
from kodaira_desk.domain.model import Indicator, Node, PlanTree, ValueKind
from kodaira_desk.domain.targets import effective_target
from kodaira_desk.domain.values import Measured, Value, format_value
from kodaira_desk.domain.yearly import program_year, reason_printed, year_result
from kodaira_desk.reports.common import (
    A4_PORTRAIT,
    Progress,
    ReportOptions,
    Styles,
    data_table,
    node_title,
    para,
    rich,
    spread,
    year_text,
)
from kodaira_desk.reports.kpi_charts import status_text
from kodaira_desk.reports.pages import PageSetup, Work
from kodaira_desk.reports.program_pages import (
    PolicyPart,
    ProgramReport,
    note_line,
    policies,
    policy_items,
    project_departments,
    title_of,
    write_policies,
)

PAGESIZE = A4_PORTRAIT
GOALS, PROJECTS = "成果指標の実績", "主要事業の実施状況"


def fits(tree: PlanTree) -> bool:
    """For a plan whose yearly round asks its projects for a 決算額 (a program)."""
    return tree.plan.round.asks_settlement


def report_year(tree: PlanTree, options: ReportOptions) -> FiscalYear:
    """The program year printed (domain.yearly.program_year)."""
    return program_year(tree, options.as_of)


def amount_width(text: str, style: ParagraphStyle) -> float:
    """The width a cell needs to print `text` on one line: the text and the cell's two paddings."""
    return float(stringWidth(text, style.fontName, style.fontSize)) + 2 * float(CellStyle("amount").leftPadding) + 1


def _amount(value: Value | None, unit: str) -> str:
    if value is None:
        return ""
    return f"{value} {unit}" if isinstance(value, Measured) else str(value)


class _Policy(PolicyPart):
    def __init__(self, report: _Report, policy: Node) -> None:
        super().__init__(report, policy)
        self.r = report

    def flowables(self) -> list[Flowable]:
        _, title = node_title(self.r.tree, self.policy, self.r.document_id)  # 004 prints its 施策 unnumbered
        out: list[Flowable] = [self.title(title)]
        era = year_text(self.r.year, self.r.options)
        indicators = [i for i in self.r.tree.indicators_of(self.policy.key) if self.r.filter.indicator(i)]
        if indicators:
            out += [CondPageBreak(110), self.bar(f"{GOALS}（{era}）"), Spacer(1, 3), self.goals(indicators),
                    *self.notes(indicators), Spacer(1, 6)]
        projects = [p for p in self.r.tree.children(self.policy.key)
                    if expects_progress(self.r.tree, p) and self.r.filter.own(p)]
        if projects:
            out += [CondPageBreak(110), self.bar(f"{PROJECTS}（{era}）"), Spacer(1, 3), self.projects(projects)]
        return out

    def goals(self, indicators: list[Indicator]) -> Flowable:
        s, y = self.s, self.r.year
        widths = spread(self.width, [18, None, 40, 62, 62, 104])
        rows: list[list[object]] = [[para("成果指標", s.head), "", para("単位", s.head), para("目標値", s.head),
                                     para("実績", s.head), para("達成状況", s.head)]]
        for ind in indicators:
            target = effective_target(ind, y)
            shown = year_result(ind, y)
            value = "" if shown is None else format_value(shown.value, shown.marks) + (
                "（見込）" if shown.kind is ValueKind.FORECAST else "")
            graded = self.r.grade(ind, y) if shown is not None else None
            rows.append([para(ind.number or "", s.cell_center), para(ind.name_with_marks, s.cell),
                         para(ind.unit, s.cell_center), self.value(format_value(target.value, target.marks) if target else ""),  # 58※
                         self.value(value),
                         para(status_text(graded) if graded else "", s.cell_center)])
            self.r.work.item_done()
        table = data_table(rows, widths, style=[("SPAN", (0, 0), (1, 0)), ("VALIGN", (0, 1), (-1, -1), "MIDDLE")])
        table.split_in_rows = False
        return table

    def value(self, text: str) -> Flowable:
        numeric = bool(text) and (text[0].isdigit() or text[0] in "+-▲")
        return para(text, self.s.number if numeric else self.s.cell_center)

    def notes(self, indicators: list[Indicator]) -> list[Flowable]:
        notes = marked_on(self.r.footnotes(self.policy.key), indicators)  # a mark on nothing printed: no note
        return [para(note_line(f, indicators), self.s.footnote) for f in notes]

    def projects(self, projects: list[Node]) -> Flowable:
        s, y, r = self.s, self.r.year, self.r
        word = r.tree.plan.round.narrative_label
        money = r.money_width(s)  # 「5,823,258 千円」 on one line, as 004 prints it
        widths = spread(self.width, [128, money, money, 46, None])
        rows: list[list[object]] = [[para("事業名", s.head), para("計画の費用", s.head), para("決算額", s.head),
                                     para("進捗状況", s.head), para(word, s.head)]]
        for project in projects:
            name = r.project_name(project)  # with its notes, as 004 prints it (※令和5年度までは…)
            unit = project.budget.unit if project.budget else "千円"
            report = item_report(r.tree, project, y)
            cost = planned_cost(project, y)
            name_cell = para(f"{name}\n{project_departments(project)}", s.cell,
                             keep=[d.department for d in project.departments])
            entry = r.tree.progress_in(project.key, y)
            texts: list[Flowable] = rich(entry.narrative, s) if entry is not None else []
            if report.settled_note and reason_printed(cost, report.settled):
                texts.append(para(f"〔計画との差の理由〕{report.settled_note}", s.cell))
            rows.append([name_cell, para(_amount(cost, unit), s.number), para(_amount(report.settled, unit), s.number),
                         para(report.status or "", s.cell_center), texts or ""])
            r.work.item_done()
        return data_table(rows, widths)


class _Report(ProgramReport):
    def __init__(self, tree: PlanTree, options: ReportOptions, work: Work, grade: Grader, scale: float = 1.0) -> None:
        super().__init__(tree, options, work, scale)
        self.grade = grade
        self.year = report_year(tree, options)
        self._money: float | None = None

    def money_width(self, styles: Styles) -> float:
        """The 費用 and 決算額 columns: as wide as the widest amount of the year in any 施策 (every
        table alike), at least 60 pt."""
        if self._money is None:
            projects = [n for n in self.tree.nodes if n.budget is not None]
            amounts = [_amount(v, p.budget.unit if p.budget else "千円") for p in projects
                       for v in (planned_cost(p, self.year), item_report(self.tree, p, self.year).settled)]
            self._money = max([60.0] + [amount_width(a, styles.number) for a in amounts])
        return self._money


def build(tree: PlanTree, options: ReportOptions, out: Path, progress: Progress | None = None, *,
          directions: dict[str, Direction] | None = None, thresholds: Thresholds | None = None) -> Path:
    """Write the program year's pages (one 施策 after another) to `out` (a PDF).
    `directions` and `thresholds`: the database's grading settings (services.achievement)."""
    chosen = policies(tree, options.department)
    work = Work(policy_items(tree, chosen), progress)
    grade = grader(tree, directions, thresholds)
    at = cache(lambda scale: _Report(tree, options, work, grade, scale))
    year = report_year(tree, options)
    title = f"{title_of(tree)}　{year_text(year, options)}の取組状況"
    setup = PageSetup(title, f"{tree.plan.title}（施策ごとの成果指標の実績・主要事業の実施状況）", PAGESIZE, options)
    # the 施策 one after another as program_pages flows them, in one type size throughout
    return write_policies(out, chosen, setup, work, lambda scale, policy: _Policy(at(scale), policy).flowables())
