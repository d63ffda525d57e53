"""The indicators' sheet of the workbook: 達成状況 (003's table) or 到達目標 (004's), the document's
columns, values as it prints them, its notes under each group, and the rate and status of the
latest year with values.

The columns and cells follow the document the sheet reproduces (domain.as_printed), as the PDF
does: 003's baseline, actuals, forecast and (revised) target, not 001's first target; a mark, a
reference period or a note only where a value of the document itself carries it (001's ※ on the
baseline 80.9% and its 平成25年11月 are not in 003's table). 003 heads its notes 【留意事項】; 004
prints them under the table without a heading.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook

from kodaira_desk.domain import as_printed
from kodaira_desk.domain.achievement import Achievement, Grader, grader
from kodaira_desk.domain.as_printed import Column
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.indicator_name import shown_name
from kodaira_desk.domain.model import (
    Document,
    DocumentKind,
    Footnote,
    Indicator,
    IndicatorKind,
    IndicatorValue,
    Node,
    PlanTree,
    ValueKind,
)
from kodaira_desk.io.workbook_common import (
    Scope,
    departments_text,
    document_info,
    filter_info,
    heading_text,
    year_head,
)
from kodaira_desk.io.xlsx_sheet import CENTER, INDENTED, NUMBER, TEXT, Col, Sheet

BUDGET_TABLE = "主要事業の年次計画"
RATE_HEAD, STATUS_HEAD = "達成率", "達成状況"
NOTES_HEAD = "【留意事項】"


def indicator_sheet_name(tree: PlanTree) -> str:
    achieved = any(v.kind in (ValueKind.ACTUAL, ValueKind.FORECAST)
                   for i in tree.indicators for v in i.values)
    outcome_only = all(i.kind is IndicatorKind.OUTCOME for i in tree.indicators)
    return "到達目標" if outcome_only and not achieved else "達成状況"


def status_cells(a: Achievement) -> tuple[Decimal | None, str]:
    """The rate as a plain number (per cent, no formula; None: no rate) and the status as the
    window and the handouts mark it (▲遅れ（見込）). A rate below zero tells a committee nothing:
    the status says what it means (▲遅れ（基準値を下回る）) and the number is left to the open data."""
    if a.behind_baseline:
        return None, f"{a.status.mark}{a.status.value}（{a.rate_words}）" + ("（見込）" if a.provisional else "")
    return a.rate, f"{a.status.mark}{a.status.value}" + ("（見込）" if a.provisional else "")


def _footnote_line(f: Footnote, doc: Document | None) -> str:
    """A note as its document prints it: 003 「（※1）…」 and 「・…」, 004 「※2 …」."""
    if doc is not None and doc.kind is DocumentKind.PROGRAM:
        return f"{f.mark} {f.text}" if f.mark else f.text
    return f"（{f.mark}）{f.text}" if f.mark else f"・{f.text}"


def _table_columns(indicators: list[Indicator], doc_id: str | None) -> list[Column]:
    """The document's columns: baseline, actuals and forecasts, and each year it prints a target
    for (003: 令和２年度末; 004: 令和3–6年度; typed targets too)."""
    columns = [c for c in as_printed.columns(indicators) if c.kind is not ValueKind.TARGET]
    target_years = sorted({v.year for i in indicators for v in i.values
                           if v.kind is ValueKind.TARGET and as_printed.printed_here(v, doc_id)})
    columns += [Column(ValueKind.TARGET, y) for y in target_years]
    order = (ValueKind.BASELINE, ValueKind.ACTUAL, ValueKind.FORECAST, ValueKind.TARGET)
    return sorted(columns, key=lambda c: (order.index(c.kind), c.year))


@dataclass
class _Layout:
    """What the sheet's columns are, worked out once."""

    doc: Document | None
    name: str
    suffix: str
    targets_word: str
    columns: list[Column]
    numbered: bool
    with_departments: bool
    graded_year: FiscalYear | None

    @property
    def doc_id(self) -> str | None:
        return self.doc.id if self.doc else None

    def cols(self) -> list[Col]:
        cols: list[Col] = [Col("No.", 4, auto=True, max_width=6)] if self.numbered else []
        cols += [Col("指標", 40), Col("単位", 5, auto=True, max_width=10)]
        cols += [Col(self.targets_word if k.kind is ValueKind.TARGET else k.kind.label, 9,
                     sub=year_head(k.year, self.doc, self.suffix), auto=True, max_width=16) for k in self.columns]
        if self.graded_year is not None:
            year = year_head(self.graded_year, self.doc, self.suffix)
            cols += [Col(RATE_HEAD, 8, sub=year, auto=True, max_width=12),
                     Col(STATUS_HEAD, 12, sub=year, auto=True, max_width=18)]
        cols += [Col("所管課", 16)] if self.with_departments else []
        return [*cols, Col("注記", 34)]


def _layout(tree: PlanTree, visible: list[Indicator]) -> _Layout:
    doc = as_printed.table_document(tree) or (tree.documents[-1] if tree.documents else None)
    name = indicator_sheet_name(tree)
    columns = _table_columns(visible or list(tree.indicators), doc.id if doc else None)
    graded = [k.year for k in columns if k.kind in (ValueKind.ACTUAL, ValueKind.FORECAST)]
    return _Layout(doc, name, "年度末" if doc is not None and doc.kind is DocumentKind.KPI_STATUS else "年度",
                   "目標値" if name == "到達目標" else "目標", columns, any(i.number for i in tree.indicators),
                   any(i.departments or i.source for i in visible), max(graded, default=None))


class _IndicatorSheet:
    def __init__(self, wb: Workbook, tree: PlanTree, scope: Scope, grade: Grader) -> None:
        self.tree = tree
        self.scope = scope
        self.grade = grade
        self.visible = [i for i in tree.indicators if scope.indicator(i)]
        self.keys = {i.key for i in self.visible}
        self.layout = lay = _layout(tree, self.visible)
        self.first_value = (2 if lay.numbered else 1) + 2
        self.sheet = Sheet(wb.create_sheet(lay.name), lay.cols(), freeze_col=self.first_value)
        self.notes = [f for f in tree.footnotes if f.document_id == lay.doc_id and f.table != BUDGET_TABLE]
        self.written: set[int] = set()
        self.explained = as_printed.explained_marks(tree, lay.doc_id)
        # 003 heads its notes 【留意事項】; 004 prints them under the table as they are
        self.notes_head = lay.doc is None or lay.doc.kind is DocumentKind.KPI_STATUS

    def title(self) -> None:
        lay = self.layout
        caption = "達成状況（数値目標・KPI一覧）" if lay.name == "達成状況" else "到達目標（成果指標）"
        title = lay.doc.title if lay.doc is not None and lay.doc.kind is DocumentKind.KPI_STATUS \
            else f"{self.tree.plan.title}　{caption}"
        self.sheet.title(title, [*document_info(lay.doc), filter_info(self.scope)])
        self.sheet.header()

    def short_label(self, v: IndicatorValue) -> str:
        """基準値 / 平成27年度末 / 令和２年度末見込 / 令和２年度末目標: which value a note is about."""
        lay = self.layout
        if v.kind is ValueKind.BASELINE:
            return v.kind.label
        year = year_head(v.year, lay.doc, lay.suffix)
        return {ValueKind.ACTUAL: year, ValueKind.FORECAST: year + "見込"}.get(v.kind, year + lay.targets_word)

    def footnotes(self, key: str, *, heading: bool) -> None:
        pending = [n for n, f in enumerate(self.notes) if f.scope_key == key and n not in self.written]
        if pending and heading and self.notes_head:
            self.sheet.note(NOTES_HEAD, bold=True)
        for n in pending:
            self.written.add(n)
            self.sheet.note(_footnote_line(self.notes[n], self.layout.doc))

    def name(self, ind: Indicator) -> str:
        doc_id = self.layout.doc_id
        text = shown_name(ind, doc_id, separator="　")
        text += "".join(f"（{m}）" for m in as_printed.name_marks(ind, self.explained))
        return ("(内数)" if ind.part_of else "") + text

    def values(self, ind: Indicator, r: int) -> list[str]:
        """The value cells of a row; the notes they call for."""
        doc_id = self.layout.doc_id
        periods = as_printed.shows_periods(ind, doc_id)
        notes: list[str] = []
        as_of = [f"{self.short_label(v)} {v.as_of}" for v in ind.values if v.as_of and periods
                 and any(as_printed.value_in(ind, c) is v for c in self.layout.columns)]
        if as_of:
            notes.append("値の時点: " + "、".join(as_of))
        for k, column in enumerate(self.layout.columns, start=self.first_value):
            v = as_printed.value_in(ind, column)
            if v is None:
                self.sheet.put(r, k, None, align=CENTER)
                continue
            own = as_printed.printed_here(v, doc_id)
            note = v.note if own else None
            comment = "\n".join(s for s in (f"{v.as_of}の値" if v.as_of and periods else "", note or "") if s)
            self.sheet.put_value(r, k, v.value, marks=as_printed.printed_marks(v, doc_id), comment=comment or None)
            if note and not v.marks:  # a printed mark leads to the footnote instead
                notes.append(f"{self.short_label(v)}: {note}")
        return notes

    def row(self, ind: Indicator, depth: int) -> None:
        sheet, lay = self.sheet, self.layout
        r = sheet.row
        if lay.numbered:
            sheet.put(r, 1, ind.number or "", align=CENTER)
        sheet.put(r, self.first_value - 2, self.name(ind), align=INDENTED if depth else TEXT)
        sheet.put(r, self.first_value - 1, ind.unit, align=CENTER)
        notes = self.values(ind, r)
        c = self.first_value + len(lay.columns)
        if lay.graded_year is not None:
            a = self.grade(ind, lay.graded_year)
            rate, status = status_cells(a)
            sheet.put(r, c, rate, fmt='#,##0.0"%"' if rate is not None else None, align=NUMBER)
            sheet.put(r, c + 1, status, align=CENTER, comment=a.reason or None)  # why, how graded
            c += 2
        if lay.with_departments:
            sheet.put(r, c, departments_text(ind.departments, "\n") or (f"（{ind.source}）" if ind.source else ""))
            c += 1
        sheet.put(r, c, "\n".join(notes))
        sheet.row += 1
        self.footnotes(ind.key, heading=False)
        for b in self.tree.breakdowns_of(ind.key):
            if b.key in self.keys:
                self.row(b, depth + 1)

    def has_rows(self, node: Node) -> bool:
        return any(i.key in self.keys for i in self.tree.indicators_of(node.key)) or any(
            self.has_rows(c) for c in self.tree.children(node.key))

    def visit(self, node: Node) -> None:
        if not self.has_rows(node):
            return
        self.sheet.heading(heading_text(self.tree, node, self.layout.doc), node.depth)
        for ind in self.tree.indicators_of(node.key):
            if ind.key in self.keys and ind.part_of not in self.keys:
                self.row(ind, 0)
        for child in self.tree.children(node.key):
            self.visit(child)
        self.footnotes(node.key, heading=True)  # under the group, as the city prints them

    def finish(self) -> None:
        if not self.visible:
            self.sheet.note("（該当する指標はありません）")
        rest = [n for n in range(len(self.notes)) if n not in self.written]
        if rest and self.visible:  # notes of groups not shown (department filter) may explain a mark
            if self.notes_head:
                self.sheet.note(NOTES_HEAD, bold=True)
            for n in rest:
                self.sheet.note(_footnote_line(self.notes[n], self.layout.doc))
        self.sheet.finish(self.tree.plan.title)


def write_indicators(wb: Workbook, tree: PlanTree, scope: Scope, grade: Grader | None = None) -> None:
    """The indicators' sheet (achievement or outcome targets), graded with `grade` (default: the
    default settings)."""
    sheet = _IndicatorSheet(wb, tree, scope, grade or grader(tree))
    sheet.title()
    for top in tree.children(None):
        sheet.visit(top)
    sheet.finish()
