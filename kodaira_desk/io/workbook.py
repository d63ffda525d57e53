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

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from kodaira_desk.domain.achievement import Achievement, Direction, Grader, Thresholds, grader
from kodaira_desk.domain.era_text import era_date, fiscal_year_text
from kodaira_desk.domain.fiscal_year import FiscalYear, fiscal_years
from kodaira_desk.domain.model import (
    DepartmentLink,
    Document,
    DocumentKind,
    Footnote,
    Indicator,
    IndicatorKind,
    IndicatorValue,
    Node,
    PlanTree,
    Revision,
    Role,
    ValueKind,
    display_number,
)
from kodaira_desk.domain.scope import DepartmentScope
from kodaira_desk.io.workbook_texts import SHEET_NAME, has_narratives, write_narratives
from kodaira_desk.io.xlsx_sheet import (
    AUTHOR,
    CENTER,
    INDENTED,
    NUMBER,
    SPAN_FILL,
    TEXT,
    Col,
    Sheet,
)

Progress = Callable[[int, int], None]

BUDGET_TABLE = "主要事業の年次計画"
_KIND_RANK = {ValueKind.BASELINE: 0, ValueKind.ACTUAL: 1, ValueKind.FORECAST: 2, ValueKind.TARGET: 3}


# ----------------------------------------------------------------------------- plan structure
class Scope(DepartmentScope):
    """Which nodes and indicators go into the workbook: all, or one department's (domain.scope,
    the same rule as the window, the handout, the merge and the PDF)."""

    def node(self, node: Node) -> bool:
        return self.sees_node(node)

    def indicator(self, ind: Indicator) -> bool:
        return self.sees_indicator(ind)

    def narrative(self, node: Node) -> bool:
        """A group's narrative goes with the group: kept when the department has an item in it."""
        if self.department is None or self.node(node):
            return True
        return any(self.narrative(c) for c in self.tree.children(node.key))


def departments_text(links: tuple[DepartmentLink, ...], separator: str) -> str:
    """The departments as the document prints them: 004 joins leads with ／, 002 with 、, the lists
    put one per line; related ones follow in brackets."""
    lead = separator.join(d.department for d in links if d.role is Role.LEAD)
    related = "".join(f"（{d.department}）" for d in links if d.role is Role.RELATED)
    return lead + related


def year_head(year: FiscalYear, doc: Document | None, suffix: str = "年度") -> str:
    """A fiscal year as the document writes it: in the era in use on its date (平成32年度 in 2016)."""
    return fiscal_year_text(year, doc.date if doc is not None else None, suffix=suffix)


def walk(tree: PlanTree, rows: set[str]) -> Iterator[tuple[Node, bool]]:
    """Nodes in printed order: (node, True) for a row, (node, False) for a heading above rows."""
    above: set[str] = set()
    for key in rows:
        parent = tree.node(key).parent_key
        while parent is not None and parent not in above:
            above.add(parent)
            parent = tree.node(parent).parent_key

    def visit(parent: str | None) -> Iterator[tuple[Node, bool]]:
        for n in tree.children(parent):
            if n.key in rows:
                yield n, True
            elif n.key in above:
                yield n, False
            if n.key in above:
                yield from visit(n.key)

    yield from visit(None)


def appearance(node: Node, doc: Document | None) -> tuple[str, str]:
    """(number, title) as the document prints them, else as the latest document does."""
    if doc is not None:
        for a in reversed(node.appearances):
            if a.document_id == doc.id:
                return a.number, a.title
    return node.number, node.title


def heading_text(tree: PlanTree, node: Node, doc: Document | None) -> str:
    number, title = appearance(node, doc)
    if number and title:
        level = tree.plan.level_name(node.depth)
        return f"{number}「{title}」" if level and number.startswith(level) else f"{number} {title}"
    return title or number


def node_number(tree: PlanTree, node: Node, doc: Document | None) -> str:
    """①－５ for measure 5 under area ③: readable on its own, also when rows are filtered."""
    number, _ = appearance(node, doc)
    parent = appearance(tree.node(node.parent_key), doc)[0] if node.parent_key else None
    return display_number(number, parent)


def node_text(node: Node, label: str, doc: Document | None) -> str:
    if doc is not None:
        for t in reversed(node.texts):
            if t.label == label and t.document_id == doc.id:
                return str(t.text)
    found = node.text(label)
    return str(found) if found is not None else ""


def document_info(doc: Document | None) -> list[str]:
    if doc is None:
        return []
    parts = [f"出典: {doc.title}"]
    if doc.subtitle:
        parts.append(doc.subtitle)
    committee = doc.committee if doc.committee != doc.title else None
    meeting = " ".join(s for s in (committee, doc.handout, era_date(doc.date) if doc.date else None) if s)
    if meeting:
        parts.append(meeting)
    if doc.draft:
        parts.append("未定稿")
    return parts


def filter_info(scope: Scope) -> str:
    return f"担当課: {scope.department}（所管・関連の項目のみ）" if scope.department else ""


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
    sheet.title(f"{tree.plan.title}　進捗状況一覧表", [*document_info(doc), filter_info(scope)])
    sheet.header()
    for node, is_row in walk(tree, rows):
        if not is_row:
            sheet.heading(heading_text(tree, node, doc), node.depth)
            continue
        r = sheet.row
        entries = tree.progress_of(node.key)
        status = next((p.status for p in reversed(entries) if p.status), "")
        _, title = appearance(node, doc)
        sheet.put(r, 1, node_number(tree, node, doc), align=CENTER)
        sheet.put(r, 2, title)
        sheet.put(r, 3, node_text(node, "内容", doc))
        sheet.put(r, 4, departments_text(node.departments, "\n"))
        sheet.put(r, 5, status, align=CENTER)
        for c, year in enumerate(years, start=6):
            entry = tree.progress_in(node.key, year)
            sheet.put(r, c, str(entry.narrative) if entry else "")
        sheet.row += 1
    if not rows:
        sheet.note("（該当する施策はありません）")
    sheet.finish(tree.plan.title)


# ------------------------------------------------------------------- 達成状況 / 到達目標
@dataclass(frozen=True)
class ValueColumn:
    kind: ValueKind
    year: FiscalYear
    original: bool  # the target as first adopted (策定時), shown beside the revised one

    def matches(self, v: IndicatorValue) -> bool:
        return v.kind is self.kind and v.year == self.year and (
            v.revision is Revision.ORIGINAL) == self.original


def indicator_sheet_name(tree: PlanTree) -> str:
    achieved = any(v.kind in (ValueKind.ACTUAL, ValueKind.FORECAST)
                   for i in tree.indicators for v in i.values)
    outcome_only = all(i.kind is IndicatorKind.OUTCOME for i in tree.indicators)
    return "到達目標" if outcome_only and not achieved else "達成状況"


def _value_columns(indicators: list[Indicator]) -> list[ValueColumn]:
    keys = {ValueColumn(v.kind, v.year, v.kind is ValueKind.TARGET and v.revision is Revision.ORIGINAL)
            for i in indicators for v in i.values}
    return sorted(keys, key=lambda k: (_KIND_RANK[k.kind], k.year, not k.original))


def _group_head(column: ValueColumn, targets_word: str) -> str:
    if column.kind is ValueKind.TARGET:
        return targets_word + ("（策定時）" if column.original else "")
    return column.kind.label


def _resolve_mark(tree: PlanTree, document_id: str, node_key: str, mark: str) -> str | None:
    """The footnote text a mark printed by another document refers to (nearest scope up)."""
    key: str | None = node_key
    while key is not None:
        for f in tree.footnotes:
            if f.document_id == document_id and f.scope_key == key and f.mark == mark:
                return f.text
        key = tree.node(key).parent_key if tree.has_node(key) else None
    return None


def _footnote_line(f: Footnote) -> str:
    return f"（{f.mark}）{f.text}" if f.mark else f"・{f.text}"


RATE_HEAD, STATUS_HEAD = "達成率", "達成状況"


def status_cells(a: Achievement) -> tuple[Decimal | None, str]:
    """The rate as a plain number (per cent, no formula; None: no rate) and the status as the
    window and the handouts mark it (▲遅れ（見込）)."""
    return a.rate, f"{a.status.mark}{a.status.value}" + ("（見込）" if a.provisional else "")


def write_indicators(wb: Workbook, tree: PlanTree, scope: Scope, grade: Grader | None = None) -> None:
    doc = (tree.document(DocumentKind.KPI_STATUS) or tree.document(DocumentKind.PROGRAM)
           or (tree.documents[-1] if tree.documents else None))
    doc_id = doc.id if doc else None
    name = indicator_sheet_name(tree)
    suffix = "年度末" if doc is not None and doc.kind is DocumentKind.KPI_STATUS else "年度"
    targets_word = "目標値" if name == "到達目標" else "目標"
    visible = [i for i in tree.indicators if scope.indicator(i)]
    keys = {i.key for i in visible}
    columns = _value_columns(visible or list(tree.indicators))
    numbered = any(i.number for i in tree.indicators)
    with_departments = any(i.departments or i.source for i in visible)
    cols: list[Col] = [Col("No.", 4, auto=True, max_width=6)] if numbered else []
    cols += [Col("指標", 40), Col("単位", 5, auto=True, max_width=10)]
    first_value = len(cols) + 1
    cols += [Col(_group_head(k, targets_word), 9, sub=year_head(k.year, doc, suffix), auto=True,
                 max_width=16) for k in columns]
    # the rate and status of the latest year with a 実績 or 見込 column
    graded_year = max((k.year for k in columns if k.kind in (ValueKind.ACTUAL, ValueKind.FORECAST)),
                      default=None)
    grade = grade or grader(tree)
    if graded_year is not None:
        year = year_head(graded_year, doc, suffix)
        cols += [Col(RATE_HEAD, 8, sub=year, auto=True, max_width=12), Col(STATUS_HEAD, 12, sub=year, auto=True, max_width=18)]
    cols += [Col("所管課", 16)] if with_departments else []
    cols += [Col("注記", 34)]
    sheet = Sheet(wb.create_sheet(name), cols, freeze_col=first_value)
    caption = "達成状況（数値目標・KPI一覧）" if name == "達成状況" else "到達目標（成果指標）"
    sheet.title(f"{tree.plan.title}　{caption}", [*document_info(doc), filter_info(scope)])
    sheet.header()
    own_notes = [f for f in tree.footnotes if f.document_id == doc_id and f.table != BUDGET_TABLE]
    written: set[int] = set()
    doc_titles = {d.id: d.title for d in tree.documents}

    def short_label(v: IndicatorValue) -> str:
        """基準値 / 平成27年度末 / 令和2年度末見込 / 令和2年度末目標: which value a note is about."""
        if v.kind is ValueKind.BASELINE:
            return v.kind.label
        year = year_head(v.year, doc, suffix)
        if v.kind is ValueKind.ACTUAL:
            return year
        if v.kind is ValueKind.FORECAST:
            return year + "見込"
        return year + targets_word + ("（策定時）" if v.revision is Revision.ORIGINAL else "")

    def footnotes(key: str, *, heading: bool) -> None:
        pending = [n for n, f in enumerate(own_notes) if f.scope_key == key and n not in written]
        if pending and heading:
            sheet.note("【留意事項】", bold=True)
        for n in pending:
            written.add(n)
            sheet.note(_footnote_line(own_notes[n]))

    def indicator_row(ind: Indicator, depth: int) -> None:
        r = sheet.row
        if numbered:
            sheet.put(r, 1, ind.number or "", align=CENTER)
        text = ind.name_in(doc_id) if doc_id else ind.name
        if ind.cumulative and "累計" not in text:
            text += "　（累計）"
        explained = {f.mark for f in tree.footnotes if f.mark and f.document_id in (doc_id, None)}
        text += "".join(f"（{m}）" for m in ind.marks if doc_id is None or m in explained)
        sheet.put(r, first_value - 2, ("(内数)" if ind.part_of else "") + text,
                  align=INDENTED if depth else TEXT)
        sheet.put(r, first_value - 1, ind.unit, align=CENTER)
        notes: list[str] = []
        as_of = [f"{short_label(v)} {v.as_of}" for v in ind.values if v.as_of]
        if as_of:
            notes.append("値の時点: " + "、".join(as_of))
        for k, column in enumerate(columns, start=first_value):
            v = next((x for x in reversed(ind.values) if column.matches(x)), None)
            if v is None:
                sheet.put(r, k, None, align=CENTER)
                continue
            own = v.document_id in (None, doc_id)
            comment = "\n".join(s for s in (f"{v.as_of}の値" if v.as_of else "", v.note or "") if s)
            sheet.put_value(r, k, v.value, marks=v.marks if own else (), comment=comment or None)
            if v.note and not (own and v.marks):  # a printed mark leads to the footnote instead
                notes.append(f"{short_label(v)}: {v.note}")
            if not own and v.document_id:  # marks of another document: say what they meant
                source = doc_titles.get(v.document_id, v.document_id)
                for mark in v.marks:
                    meant = _resolve_mark(tree, v.document_id, ind.node_key, mark)
                    notes.append(f"{short_label(v)}{mark}: {meant}（{source}）" if meant
                                 else f"{short_label(v)}{mark}（{source}の注記）")
        c = first_value + len(columns)
        if graded_year is not None:
            a = grade(ind, graded_year)
            rate, status = status_cells(a)
            sheet.put(r, c, rate, fmt='#,##0.0"%"' if rate is not None else None, align=NUMBER)
            sheet.put(r, c + 1, status, align=CENTER, comment=a.reason or None)  # why, how graded
            c += 2
        if with_departments:
            sheet.put(r, c, departments_text(ind.departments, "\n")
                      or (f"（{ind.source}）" if ind.source else ""))
            c += 1
        sheet.put(r, c, "\n".join(notes))
        sheet.row += 1
        footnotes(ind.key, heading=False)
        for b in tree.breakdowns_of(ind.key):
            if b.key in keys:
                indicator_row(b, depth + 1)

    def has_rows(node: Node) -> bool:
        return any(i.key in keys for i in tree.indicators_of(node.key)) or any(
            has_rows(c) for c in tree.children(node.key))

    def visit(node: Node) -> None:
        if not has_rows(node):
            return
        sheet.heading(heading_text(tree, node, doc), node.depth)
        for ind in tree.indicators_of(node.key):
            if ind.key in keys and ind.part_of not in keys:
                indicator_row(ind, 0)
        for child in tree.children(node.key):
            visit(child)
        footnotes(node.key, heading=True)  # under the group, as the city prints them

    for top in tree.children(None):
        visit(top)
    if not visible:
        sheet.note("（該当する指標はありません）")
    rest = [n for n in range(len(own_notes)) if n not in written]
    if rest and visible:  # notes of groups not shown (department filter) may explain a mark
        sheet.note("【留意事項】", bold=True)
        for n in rest:
            sheet.note(_footnote_line(own_notes[n]))
    sheet.finish(tree.plan.title)


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
    for node, is_row in walk(tree, rows):
        if not is_row:
            sheet.heading(heading_text(tree, node, doc), node.depth)
            continue
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
    if not rows:
        sheet.note("（該当する事業はありません）")
    sheet.finish(tree.plan.title)


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
    for node, is_row in walk(tree, rows):
        if not is_row:
            sheet.heading(heading_text(tree, node, doc), node.depth)
            continue
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
    if not rows:
        sheet.note("（該当する項目はありません）")
    sheet.finish(tree.plan.title)


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
    for node, is_row in walk(tree, rows):
        if not is_row:
            sheet.heading(heading_text(tree, node, doc), node.depth)
            continue
        r = sheet.row
        number, title = appearance(node, doc)
        sheet.put(r, 1, number, align=CENTER)
        sheet.put(r, 2, title)
        sheet.put(r, 3, departments_text(node.departments, "、"))
        for c, label in enumerate(labels, start=4):
            sheet.put(r, c, node_text(node, label, doc))
        sheet.row += 1
    if not rows:
        sheet.note("（該当する項目はありません）")
    sheet.finish(tree.plan.title)


def write_outline(wb: Workbook, tree: PlanTree, scope: Scope) -> None:
    """For a plan with none of the tables: its tree, so the workbook is never empty."""
    sheet = Sheet(wb.create_sheet("一覧"), [Col("番号", 8), Col("名称", 48), Col("担当課", 24)],
                  freeze_col=2)
    sheet.title(tree.plan.title, [filter_info(scope)])
    sheet.header()
    for node, _ in walk(tree, {n.key for n in tree.nodes if scope.node(n)}):
        r = sheet.row
        sheet.put(r, 1, node_number(tree, node, None), align=CENTER)
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
    from kodaira_desk.io import program_year_sheet  # issue 31: the program year's results

    if program_year_sheet.fits(tree):
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
    wb.save(out)
    if progress:
        progress(total, total)
    return out
