"""実行プログラム: per policy its 現状と課題, 取組の方針・内容, the 到達目標 table of its outcome indicators
and the 主要事業の年次計画 (cost per fiscal year in 千円, 概略 spanning the years it covers), as the city's
medium-term program prints them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, cached_property
from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from kodaira_desk.domain.fiscal_year import FiscalYear, fiscal_years
from kodaira_desk.domain.footnote_marks import marked_on
from kodaira_desk.domain.model import (
    DocumentKind,
    Footnote,
    Indicator,
    IndicatorValue,
    Node,
    PlanTree,
    Role,
    ValueKind,
)
from kodaira_desk.domain.targets import effective_target
from kodaira_desk.domain.values import Measured, format_value
from kodaira_desk.reports.common import (
    A4_PORTRAIT,
    GOTHIC,
    HEAD_FILL,
    MARGIN,
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
from kodaira_desk.reports.field_notes import FieldNoteList
from kodaira_desk.reports.pages import PageSetup, Work, write_pdf, write_sections
from kodaira_desk.reports.tables import Bar
from kodaira_desk.reports.typeset import Lines

KIND = DocumentKind.PROGRAM
PAGESIZE = A4_PORTRAIT
SITUATION, POLICY = "現状と課題", "取組の方針・内容"
GOALS_TABLE, BUDGET_TABLE = "到達目標", "主要事業の年次計画"
NEW_PAGE_BELOW = (PAGESIZE[1] - 2 * MARGIN) / 3  # a policy starts a new page with less room left


def fits(tree: PlanTree) -> bool:
    """Program pages are for a plan printed as a program, or whose projects have yearly budgets."""
    return tree.document(KIND) is not None or any(n.budget for n in tree.nodes)


def title_of(tree: PlanTree) -> str:
    doc = tree.document(KIND)
    return doc.title if doc else tree.plan.title


def project_departments(node: Node) -> str:
    """【文化スポーツ課／市民協働・男女参画推進課】; ほか when other departments take part."""
    leads = [d.department for d in node.departments if d.role is Role.LEAD]
    more = "ほか" if any(d.role is Role.RELATED for d in node.departments) else ""
    return f"【{'／'.join(leads)}{more}】" if leads else ""


def policy_title(title: str, styles: Styles, width: float) -> Flowable:
    """A 施策's title, underlined, as 004 heads its page (also the program year's layout)."""
    return Bar(Lines(title, styles.title), width, ("below", 1.5), left=0, bottom=5)


def section_bar(label: str, styles: Styles, width: float) -> Flowable:
    """A section's grey bar with its thick left rule (現状と課題, 成果指標, …)."""
    return Bar(Lines(label, styles.area), width, ("before", 4), fill=HEAD_FILL)


def note_line(note: Footnote, indicators: list[Indicator]) -> str:
    """A note under the 到達目標 as 004 prints it: 「※第七期…」 (p2, p5) or 「※ 新型コロナ…」 (p1, p7),
    the spacing a value's own note keeps; 「※2 事業拡充…」 when no value has it."""
    if not note.mark:
        return note.text
    for ind in indicators:
        for v in ind.values:
            if v.note and v.note.startswith(note.mark) and v.note[len(note.mark):].strip() == note.text:
                return v.note
    return f"{note.mark} {note.text}"


class ProgramReport:
    """What the program's layouts (these pages and the program year's, reports/program_year.py) know
    of the plan while they print it at one type scale."""

    def __init__(self, tree: PlanTree, options: ReportOptions, work: Work, scale: float = 1.0) -> None:
        self.tree = tree
        self.work = work
        self.options = options
        self.styles = Styles(8.5 * scale)
        doc = tree.document(KIND)
        self.document_id = doc.id if doc else None
        self.filter = DepartmentFilter(tree, options.department)

    def footnotes(self, scope: str) -> list[Footnote]:
        """The footnotes of a 施策 or a project printed in the program's document (all, without one)."""
        return self._footnotes_by_scope.get(scope, [])

    @cached_property
    def _footnotes_by_scope(self) -> dict[str, list[Footnote]]:
        # one pass over the plan's notes, not one per project (f586250 looked them up for every
        # project's name: some 390 scans of every note at ×10)
        by_scope: dict[str, list[Footnote]] = {}
        for f in self.tree.footnotes:
            if self.document_id is None or f.document_id == self.document_id:
                by_scope.setdefault(f.scope_key, []).append(f)
        return by_scope

    def project_name(self, project: Node) -> str:
        """A project's name with its notes, as 004 prints them in the project's heading row
        (「生活支援体制整備事業 ※令和5年度までは介護保険事業特別会計で実施」)."""
        _, name = node_title(self.tree, project, self.document_id)
        notes = [f"{f.mark}{f.text}" if f.mark else f.text for f in self.footnotes(project.key)
                 if f.table == BUDGET_TABLE]
        return " ".join([name, *notes])


class PolicyPart:
    """One 施策's flowables in a program layout: its underlined title and its sections' bars."""

    def __init__(self, report: ProgramReport, policy: Node) -> None:
        self.policy = policy
        self.s = report.styles
        self.width = frame_width(PAGESIZE)
        self.field_notes = FieldNoteList(report.tree, report.options)  # an option (issue 25)

    def title(self, title: str) -> Flowable:
        return policy_title(title, self.s, self.width)

    def bar(self, label: str) -> Flowable:
        return section_bar(label, self.s, self.width)


def policies(tree: PlanTree, department: str | None) -> list[Node]:
    keep = DepartmentFilter(tree, department)
    return [n for n in tree.children(None) if keep.node(n)]


def policy_items(tree: PlanTree, chosen: list[Node]) -> int:
    """The rows the chosen 施策 print (their indicators and projects), for the progress bar."""
    return sum(len(tree.indicators_of(p.key)) + len(tree.children(p.key)) for p in chosen)


def write_policies(out: Path, chosen: list[Node], setup: PageSetup, work: Work,
                   flow: Callable[[float, Node], list[Flowable]]) -> Path:
    """The 施策 one after another (`flow`: one 施策's flowables at a type scale); a 施策 starts a new page
    when less than a third of the page is left, so no page but the last is left half empty, in one
    type size throughout. No 施策: a page saying so."""

    def section(scale: float) -> list[Flowable]:
        story: list[Flowable] = []
        for policy in chosen:
            if story:
                story += [CondPageBreak(NEW_PAGE_BELOW), Spacer(1, 14 * scale)]
            story += flow(scale, policy)
        return story

    if not chosen:
        write_pdf(out, [para("該当する施策はありません。", Styles(8.5).text)], setup, work)
    else:
        write_sections(out, [section], setup, work)
    return out


class _Policy(PolicyPart):
    def __init__(self, report: _Report, policy: Node) -> None:
        super().__init__(report, policy)
        self.r = report

    def flowables(self) -> list[Flowable]:
        _, title = node_title(self.r.tree, self.policy, self.r.document_id)
        out: list[Flowable] = [self.title(title)]
        for label in (SITUATION, POLICY):
            text = self.policy.text(label)
            if text:
                out += [CondPageBreak(60), self.bar(label), Spacer(1, 3), *rich(text, self.s, large=True),
                        Spacer(1, 6)]
        indicators = [i for i in self.r.tree.indicators_of(self.policy.key) if self.r.filter.indicator(i)]
        if indicators:
            out += [CondPageBreak(110), self.bar(f"{self.r.plan_years_count}年後の{GOALS_TABLE}"),
                    Spacer(1, 3), self.goals(indicators), *self.goal_notes(indicators), Spacer(1, 6)]
        projects = [p for p in self.r.tree.children(self.policy.key) if p.budget and self.r.filter.own(p)]
        if projects:
            out += [CondPageBreak(110), self.bar(BUDGET_TABLE), Spacer(1, 3), self.budgets(projects)]
        return out + self.field_notes.flowables(self.s)

    def goals(self, indicators: list[Indicator]) -> Flowable:
        s = self.s
        base_years = sorted({v.year for i in indicators for v in i.values if v.kind is ValueKind.BASELINE})
        # the plan's years always have their column (a plan copied for a new period has no targets
        # yet: 004's table with empty cells, inside the page)
        target_years = sorted({v.year for i in indicators for v in i.values if v.kind is ValueKind.TARGET}
                              | set(self.r.plan_years))
        base = base_years[0] if base_years else None
        n = len(target_years)
        year_width = max([50.0] + [stringWidth(year_text(y, self.r.options), GOTHIC, s.head.fontSize) + 8
                                   for y in target_years])  # 令和10年度 on one line
        widths = spread(self.width, [18, None, 42, 64.0, *([year_width] * n)])
        first = 4
        rows: list[list[object]] = [
            [para("成果指標", s.head), "", para("単位", s.head), para("基準値", s.head),
             para("目標値", s.head), *([""] * (n - 1))],
            ["", "", "", para(year_text(base, self.r.options), s.head) if base else "",
             *(para(year_text(y, self.r.options), s.head) for y in target_years)],
        ]
        style: list[tuple[object, ...]] = [
            ("SPAN", (0, 0), (1, 1)), ("SPAN", (2, 0), (2, 1)), ("BACKGROUND", (0, 0), (-1, 1), HEAD_FILL),
            *([] if base else [("SPAN", (3, 0), (3, 1))]),
            ("VALIGN", (0, 0), (-1, 1), "MIDDLE"), ("VALIGN", (0, 2), (-1, -1), "MIDDLE"),
        ]
        if n:
            style.append(("SPAN", (first, 0), (-1, 0)))
        for ind in indicators:
            baseline = ind.values_of(ValueKind.BASELINE)
            cells = [self.value(baseline[0] if baseline else None, ind.key)]
            cells += [self.value(effective_target(ind, y), ind.key) for y in target_years]
            rows.append([para(ind.number or "", s.cell_center), para(ind.name_with_marks, s.cell),
                         para(ind.unit, s.cell_center), *cells])
            self.r.work.item_done()
        table = data_table(rows, widths, header_rows=2, style=style)
        table.split_in_rows = False
        return table

    def value(self, v: IndicatorValue | None, indicator_key: str) -> object:
        if v is None:
            return ""
        style = self.s.number if isinstance(v.value, Measured) else self.s.cell_center
        mark = self.field_notes.value_mark(indicator_key, v.kind, v.year, v.revision.value)
        text = para(format_value(v.value, v.marks) + mark, style)
        return [text, para(f"({v.as_of})", self.s.note_under)] if v.as_of else text  # 004: 27.0* (令和3年5月)

    def goal_notes(self, indicators: list[Indicator]) -> list[Flowable]:
        notes = marked_on([f for f in self.r.footnotes(self.policy.key) if f.table == GOALS_TABLE], indicators)
        lines = [note_line(f, indicators) for f in notes]
        known = {f.text for f in notes}
        for ind in indicators:
            for v in ind.values:
                if v.note and not any(k in v.note for k in known) and v.note not in lines:
                    lines.append(v.note)
        return [para(line, self.s.footnote) for line in lines]

    def budgets(self, projects: list[Node]) -> Flowable:
        s = self.s
        years = self.r.years
        year_numbers = [y.year for y in years]
        widths = spread(self.width, [58.0, *([None] * len(years))])
        rows: list[list[object]] = [[para("事業名", s.head), *(para(year_text(y, self.r.options), s.head) for y in years)]]
        style: list[tuple[object, ...]] = []
        for project in projects:
            assert project.budget is not None
            at = len(rows)
            head = self.r.project_name(project) + "　" + project_departments(project)
            rows.append([para(head, s.label, keep=[d.department for d in project.departments]),
                         *([""] * len(years))])
            unit = project.budget.unit
            costs: list[object] = []
            for y in years:
                cost = project.budget.costs.get(y)
                text = "" if cost is None else f"{format_value(cost)} {unit}" if isinstance(cost, Measured) \
                    else format_value(cost)
                text += self.field_notes.cost_mark(project.key, y) if cost is not None else ""  # issue 25
                costs.append(para(text, s.number if isinstance(cost, Measured) else s.cell_center))
            rows.append([para("費用", s.cell_center), *costs])
            summary: list[object] = [para("概略", s.cell_center), *([""] * len(years))]
            for part in project.budget.summaries:
                first, last = part.first.year, part.last.year  # ints: FiscalYear's order is slow
                cols = [i for i, y in enumerate(year_numbers) if first <= y <= last]
                if not cols:
                    continue
                summary[cols[0] + 1] = para(part.text, s.cell)
                if len(cols) > 1:
                    style.append(("SPAN", (cols[0] + 1, at + 2), (cols[-1] + 1, at + 2)))
            rows.append(summary)
            style += [("SPAN", (0, at), (-1, at)), ("BACKGROUND", (0, at), (-1, at), HEAD_FILL),
                      ("NOSPLIT", (0, at), (-1, at + 2)), ("VALIGN", (0, at + 1), (0, at + 2), "MIDDLE")]
            self.r.work.item_done()
        table = data_table(rows, widths, style=style)
        table.split_in_rows = False
        return table


class _Report(ProgramReport):
    def __init__(self, tree: PlanTree, options: ReportOptions, work: Work, scale: float = 1.0) -> None:
        super().__init__(tree, options, work, scale)
        plan_years = fiscal_years(tree.plan.period_from, tree.plan.period_to)
        self.plan_years = plan_years
        self.plan_years_count = len(plan_years)
        costs = {y for n in tree.nodes if n.budget for y in n.budget.costs}
        self.years: list[FiscalYear] = sorted(set(plan_years) | costs)


def build(tree: PlanTree, options: ReportOptions, out: Path, progress: Progress | None = None) -> Path:
    """Write the program pages (one policy after another, each from a new page) to `out` (a PDF)."""
    chosen = policies(tree, options.department)
    work = Work(policy_items(tree, chosen), progress)
    at = cache(lambda scale: _Report(tree, options, work, scale))  # one per type scale: its years once
    # 004's pages begin with the policy's own title: no title line above it
    setup = PageSetup(title_of(tree), f"{tree.plan.title}（施策ごとの取組方針・到達目標・年次計画）",
                      PAGESIZE, options, printed_title=tree.document(KIND) is None)
    return write_policies(out, chosen, setup, work, lambda scale, policy: _Policy(at(scale), policy).flowables())
