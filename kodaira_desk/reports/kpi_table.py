"""達成状況（数値目標・ＫＰＩ一覧）: per 基本目標 a table of its indicators year by year, the notes under
it (【留意事項】) and the narrative summary of each area (the layout of the city's achievement table).

Values and absences are printed exactly as stored ("-", "—", （※4）). A 累計 indicator says so after its
name; a breakdown (内数) is indented under its total. When an indicator's figures refer to other periods
than the fiscal year ends (the station passengers), each period is printed in brackets under its value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from kodaira_desk.domain import as_printed
from kodaira_desk.domain.achievement import Direction, Grader, Thresholds, grader
from kodaira_desk.domain.footnote_marks import marked_on
from kodaira_desk.domain.indicator_name import shown_name
from kodaira_desk.domain.model import (
    DocumentKind,
    Footnote,
    Indicator,
    Node,
    PlanTree,
    ValueKind,
)
from kodaira_desk.reports import kpi_charts
from kodaira_desk.reports.common import (
    A4_LANDSCAPE,
    AREA_FILL,
    DepartmentFilter,
    Progress,
    ReportOptions,
    Styles,
    data_table,
    department_lines,
    frame_width,
    node_title,
    para,
    rich,
    spread,
    year_text,
)
from kodaira_desk.reports.field_notes import FieldNoteList
from kodaira_desk.reports.pages import PageSetup, Section, Work, write_pdf, write_sections

KIND = DocumentKind.KPI_STATUS
PAGESIZE = A4_LANDSCAPE
NAME_WIDTH, DEPARTMENT_WIDTH, MIN_YEAR_WIDTH = 206.0, 118.0, 54.0
CELL_PADDING = 6.0  # a cell's left and right padding (cells.HandoutCell)
STATUS_WIDTH = 74.0  # 「▲遅れ 33.3%」 on one line, （見込） under it
STATUS_HEAD = "達成状況"
SUMMARY_LABEL = "達成状況の概要"
NOTE_INDENT = "\u3000"  # 【留意事項】's notes are set in by one full-width space (003)


def fits(tree: PlanTree) -> bool:
    """A plan has an achievement table when it has one printed, actual values to show, or is the
    app's own (made or copied here, no printed document) with indicators: the next program before
    any figure is entered prints its table, the cells blank (as_printed.columns' period columns)."""
    return tree.document(KIND) is not None or any(
        v.kind is ValueKind.ACTUAL for i in tree.indicators for v in i.values
    ) or (bool(tree.indicators) and all(not d.source for d in tree.documents))


def title_of(tree: PlanTree) -> str:
    doc = tree.document(KIND)
    return doc.title if doc else f"{tree.plan.title}の達成状況"


class _Goal:
    """The table, notes and summaries of one 基本目標."""

    def __init__(self, report: _Report, goal: Node) -> None:
        self.r = report
        self.goal = goal
        self.rows: list[list[object]] = [report.header()]
        self.style: list[tuple[object, ...]] = []
        self.field_notes = FieldNoteList(report.tree, report.options)  # an option (issue 25)

    def indicators(self, node: Node) -> list[Indicator]:
        """The node's indicators in printed order, each breakdown (内数) right under its total."""
        own = [i for i in self.r.tree.indicators_of(node.key) if i.key in self.r.included]
        keys = {i.key for i in own}
        ordered: list[Indicator] = []
        for ind in own:
            if ind.part_of in keys:
                continue
            ordered.append(ind)
            ordered += [b for b in own if b.part_of == ind.key]
        return [i for i in ordered if self.r.filter.indicator(i)]

    def has_rows(self) -> bool:
        return bool(self.indicators(self.goal)) or any(
            self.indicators(a) for a in self.r.tree.children(self.goal.key))

    def build(self) -> list[Flowable]:
        r = self.r
        for ind in self.indicators(self.goal):
            self.rows.append(self.row(ind))
        areas: list[Node] = []
        for area in r.tree.children(self.goal.key):
            inds = self.indicators(area)
            if inds:
                number, title = node_title(r.tree, area, r.document_id)
                at = len(self.rows)
                self.rows.append([para(f"{number} {title}".strip(), r.styles.area)] + [""] * (r.ncols - 1))
                self.style += [("SPAN", (0, at), (-1, at)), ("BACKGROUND", (0, at), (-1, at), AREA_FILL)]
                self.rows += [self.row(i) for i in inds]
            if (inds or r.filter.department is None) and area.text(SUMMARY_LABEL):
                areas.append(area)
        if len(self.rows) == 1:
            return []
        story: list[Flowable] = [self.heading(), Spacer(1, 4)]
        story.append(data_table(self.rows, r.widths, repeat=1, style=[
            *self.style, ("VALIGN", (1, 1), (-1, -1), "MIDDLE"), ("VALIGN", (0, 1), (0, -1), "MIDDLE"),
        ]))
        story += self.notes()
        story += self.field_notes.flowables(r.styles)
        story += self.summaries(areas)
        return story

    def heading(self) -> Flowable:
        r = self.r
        number, title = node_title(r.tree, self.goal, r.document_id)
        return para(f"{number}「{title}」", r.styles.goal)

    def row(self, ind: Indicator) -> list[object]:
        r = self.r
        s = r.styles
        texts = r.row_texts(ind)
        out: list[object] = [para(texts.name, r.indented if ind.part_of else s.cell)]
        for column, v in zip(r.columns, texts.values, strict=True):
            # No figure (yet): a blank cell, as the city's tables print it. In 003 "-" says no survey
            # was run and （※4） that no figure exists: the app must not print a claim nobody made.
            if v is None:
                out.append("")
                continue
            text, period = v
            if self.field_notes.on:  # an option (issue 25): numbered as this table prints them
                text += self.field_notes.value_mark(ind.key, column.kind, column.year, texts.revisions[column])
            value = para(text, s.number)
            out.append([value, para(period, s.note_under)] if period else value)
        if texts.status is not None:
            out.append(para(texts.status, s.cell_center))
        out.append(para(texts.department, s.cell, keep=texts.keep))
        r.work.item_done()
        return out

    def charted(self) -> list[Indicator]:
        """The goal's indicators in the table's order: the chart pages' order."""
        return [*self.indicators(self.goal), *(i for a in self.r.tree.children(self.goal.key)
                                                for i in self.indicators(a))]

    def notes(self) -> list[Flowable]:
        r = self.r
        found = r.footnotes_under(self.goal)
        if not r.printed:  # a plan's own table: only the notes a shown row carries the mark of
            shown = self.charted()
            anchored = {self.goal.key, *(i.key for i in shown)}  # not a project's note ([一部再掲])
            found = [f for f in marked_on(found, shown) if f.mark or f.scope_key in anchored]
        else:  # 003's notes, printed once for the whole table: those whose mark the handout prints
            found = [f for f in found if not f.mark or r.prints_mark(f.mark)]
        if not found:
            return []
        out: list[Flowable] = [Spacer(1, 4), para("【留意事項】", r.styles.subhead)]
        for f in found:  # each note set in by a full-width space, as 003 prints them (「　（※1） 市…」)
            out.append(para(f"{NOTE_INDENT}（{f.mark}） {f.text}" if f.mark else f"{NOTE_INDENT}・{f.text}",
                            r.styles.footnote))
        return out

    def summaries(self, areas: list[Node]) -> list[Flowable]:
        r = self.r
        if not areas:
            return []
        out: list[Flowable] = [CondPageBreak(80)]
        if r.options.added_headings:  # 003 prints the summaries without a heading of their own
            out.append(para(SUMMARY_LABEL, r.styles.section))
        for area in areas:
            number, title = node_title(r.tree, area, r.document_id)
            block = [para(f"{number}{title}", r.styles.area), *rich(area.text(SUMMARY_LABEL), r.styles,
                                                                    large=True), Spacer(1, 5)]
            out.append(KeepTogether(block))
        return out


@dataclass(frozen=True)
class _RowTexts:
    """What an indicator's row prints, whatever the type size."""

    name: str
    values: tuple[tuple[str, str | None] | None, ...]  # per column: the value as printed, its period
    revisions: dict[as_printed.Column, str]  # per column with a value: its revision (the notes' key)
    status: str | None  # the status column (an option)
    department: str
    keep: tuple[str, ...]  # the department names, never broken


class _Shared:
    """What the report at every type scale tried shares: the grading, the rows' texts (each
    indicator's worked out once, not once per scale) and the nodes under each goal."""

    def __init__(self, grade: Grader) -> None:
        self.grade = grade
        self.rows: dict[str, _RowTexts] = {}
        self._under: dict[str, set[str]] = {}

    def under(self, tree: PlanTree, goal: Node) -> set[str]:
        """The goal's key, its descendants' and their indicators'."""
        keys = self._under.get(goal.key)
        if keys is None:
            keys, todo = set(), [goal.key]
            while todo:
                key = todo.pop()
                keys.add(key)
                todo += [c.key for c in tree.children(key)]
            keys |= {i.key for k in list(keys) for i in tree.indicators_of(k)}
            self._under[goal.key] = keys
        return keys


class _Report:
    def __init__(self, tree: PlanTree, options: ReportOptions, work: Work, scale: float = 1.0,
                 shared: _Shared | None = None) -> None:
        self.tree = tree
        self.work = work
        self.shared = shared or _Shared(grader(tree))
        self.grade = self.shared.grade
        self.styles = Styles(7.5 * scale)
        self.indented = ParagraphStyle("indented", parent=self.styles.cell, leftIndent=8)
        doc = tree.document(KIND)
        self.document_id = doc.id if doc else None
        self.filter = DepartmentFilter(tree, options.department)
        # the city's printed table (003) has its own rows; a plan's own table every indicator
        self.printed = as_printed.printed_table(tree.indicators, self.document_id)
        self.included = {i.key for i in as_printed.table_rows(tree.indicators, self.document_id)}
        self.options = options
        self.columns = as_printed.columns([i for i in tree.indicators if i.key in self.included],
                                          options.years, options.as_of,
                                          None if self.printed else (tree.plan.period_from, tree.plan.period_to))
        # the status column (an option) grades the latest year with a 実績 or 見込 column
        shown = [c.year for c in self.columns if c.kind in (ValueKind.ACTUAL, ValueKind.FORECAST)]
        self.status_year = max(shown) if options.status_column and shown else None
        status = [STATUS_WIDTH * scale] if self.status_year is not None else []
        self.ncols = len(self.columns) + 2 + len(status)
        # a year column keeps 平成26年度末, and a period under a value （平成25年度）, on one line: with
        # more years the names' column gives way
        width = frame_width(PAGESIZE)
        name = min(NAME_WIDTH,
                   width - DEPARTMENT_WIDTH - sum(status) - self._year_width(scale) * len(self.columns))
        self.widths = spread(width, [name, *([None] * len(self.columns)), *status, DEPARTMENT_WIDTH])
        self.marks_explained = as_printed.explained_marks(tree, self.document_id)
        self._printed_text: str | None = None  # prints_mark's text, once

    def row_texts(self, ind: Indicator) -> _RowTexts:
        found = self.shared.rows.get(ind.key)
        if found is None:
            found = self.shared.rows[ind.key] = self._row_texts(ind)
        return found

    def _row_texts(self, ind: Indicator) -> _RowTexts:
        # a mark another document gave the indicator (001's ※ on 満足度) has no note here: left out
        name = shown_name(ind, self.document_id, separator="　", breakdown="(内数)",
                          marks=as_printed.name_marks(ind, self.marks_explained))
        periods = as_printed.shows_periods(ind, self.document_id)
        values: list[tuple[str, str | None] | None] = []
        revisions: dict[as_printed.Column, str] = {}
        for col in self.columns:
            v = as_printed.value_in(ind, col)
            if v is None:
                values.append(None)
                continue
            revisions[col] = v.revision.value
            values.append((as_printed.printed_value(v, self.document_id),
                           f"（{v.as_of}）" if periods and v.as_of else None))
        # the status column (an option): status mark, status and rate of the table's latest year,
        # graded by the database's settings, as the window's status list and the chart pages say it
        status = None if self.status_year is None else kpi_charts.status_text(self.grade(ind, self.status_year))
        return _RowTexts(name, tuple(values), revisions, status, self._department(ind),
                         tuple(d.department for d in ind.departments))

    def _department(self, ind: Indicator) -> str:
        label = department_lines(ind.departments)
        if ind.source:
            return f"{label}\n（{ind.source}）" if label else f"（{ind.source}）"
        if not label and self.tree.breakdowns_of(ind.key):
            return "―"  # a total: its breakdowns name the departments
        return label

    def _year_width(self, scale: float) -> float:
        """The narrowest a year column may be: its designed width, or what its periods need (the
        type of a period is never under 6 pt, whatever the scale)."""
        periods = {f"（{v.as_of}）" for i in self.tree.indicators if i.key in self.included
                   and as_printed.shows_periods(i, self.document_id) for v in i.values if v.as_of}
        style = self.styles.note_under
        widest = max((pdfmetrics.stringWidth(p, style.fontName, style.fontSize) for p in periods), default=0.0)
        return max(MIN_YEAR_WIDTH * scale, widest + CELL_PADDING + 0.5)

    def prints_mark(self, mark: str) -> bool:
        """Whether the handout's tables print `mark` (※5, not as part of ※50): in a head, a name, a
        value, a period or a 所管課. 003 prints every mark it explains; a department's copy or some
        years' do not (産業振興課's rows have no （※2）, 平成27〜29年度 no （※4）)."""
        if self._printed_text is None:
            shown = [i for i in self.tree.indicators if i.key in self.included and self.filter.indicator(i)]
            parts = [self.baseline_mark()] if any(c.kind is ValueKind.BASELINE for c in self.columns) else []
            for ind in shown:
                t = self.row_texts(ind)
                parts += [t.name, t.department, *(s for v in t.values if v for s in v if s)]
            self._printed_text = "\n".join(parts)
        return re.search(re.escape(mark) + r"(?![0-9０-９])", self._printed_text) is not None

    def footnotes_under(self, goal: Node) -> list[Footnote]:
        keys = self.shared.under(self.tree, goal)
        return [f for f in self.tree.footnotes
                if f.scope_key in keys and (self.document_id is None or f.document_id == self.document_id)]

    def baseline_mark(self) -> str:
        # The note that explains the baseline column (「現状」 in the strategy) is referred to in its head.
        for f in self.tree.footnotes:
            if f.document_id == self.document_id and f.mark and "「現状」" in f.text:
                return f"\n（{f.mark}）"
        return ""

    def header(self) -> list[object]:
        heads = ["指　　標"]
        for col in self.columns:
            year = year_text(col.year, self.options, suffix="年度末", one_digit_fullwidth=True)
            if col.kind is ValueKind.BASELINE and self.printed:  # 003 heads it with its year only
                heads.append(year + self.baseline_mark())
            else:
                heads.append(f"{year}\n{col.kind.label}")
        if self.status_year is not None:
            year = year_text(self.status_year, self.options, suffix="年度末", one_digit_fullwidth=True)
            heads.append(f"{year}\n{STATUS_HEAD}")
        heads.append("所管課")
        return [para(h, self.styles.head) for h in heads]


def build(tree: PlanTree, options: ReportOptions, out: Path, progress: Progress | None = None, *,
          directions: dict[str, Direction] | None = None, thresholds: Thresholds | None = None) -> Path:
    """Write the achievement table (数値目標・ＫＰＩ一覧) of `tree` to `out` (a PDF), each 基本目標 from a
    new page. With `options.status_column` the table grades each indicator (`directions`: the
    indicators set lower-is-better, `thresholds`: the status limits); with `options.chart_pages`
    each goal's table is followed by its chart pages (kpi_charts)."""
    work = Work(len(tree.indicators), progress)
    grade = grader(tree, directions, thresholds)
    shared = _Shared(grade)
    report = _Report(tree, options, work, shared=shared)
    goals = [g for g in tree.children(None) if _Goal(report, g).has_rows()]

    reports = {1.0: report}

    def at(scale: float) -> _Report:  # one per type scale: its columns are worked out once
        if scale not in reports:
            reports[scale] = _Report(tree, options, work, scale, shared)
        return reports[scale]

    def section(goal: Node) -> Section:
        return lambda scale: _Goal(at(scale), goal).build()

    def charts(goal: Node) -> Section:  # drawn at one size: the page is a grid of fixed charts
        return lambda _scale: kpi_charts.goal_pages(
            tree, goal, grade, Styles(kpi_charts.CHART_TYPE), indicators=_Goal(report, goal).charted(),
            document_id=report.document_id)

    doc = tree.document(KIND)
    # 003's note 「※令和２年度末実績は、…見込値です。」 explains its 実績（見込） column: not over a table without one
    forecast = any(c.kind is ValueKind.FORECAST for c in report.columns)
    setup = PageSetup(title_of(tree), f"{tree.plan.title} 達成状況（数値目標・ＫＰＩ）", PAGESIZE, options,
                      note=doc.subtitle if doc and forecast else None)
    if not goals:
        write_pdf(out, [para("該当する指標はありません。", report.styles.text)], setup, work)
    else:
        parts = [s for g in goals for s in ([section(g), charts(g)] if options.chart_pages else [section(g)])]
        write_sections(out, parts, setup, work)
    return out
