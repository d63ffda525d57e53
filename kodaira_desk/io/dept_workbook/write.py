"""Writing a department's workbook for a hand-out (openpyxl, ordinary write mode: it needs styles,
protection and validation per cell).

The layout follows the city's KPI table (番号, 成果指標, 単位, 基準値, 目標値, the years' 実績) and
its progress list (番号, 施策, 進捗状況, 実施等状況). Everything is locked except the entry year's
cells of what the department owns (domain.scope); each sheet is protected without a password
(protection guides a clerk; what the master applies is decided at collection, cell by cell).

On screen and on paper: one font (ＭＳ ゴシック 10, as the exports), long text wrapped with row
heights set (neither Excel nor LibreOffice fits a row when the file is opened), heads broken where
they read (令和2年度／実績), numbers readable on their own (基本目標1 ①－２), the latest year with a
実施等状況 beside the entry year, every sheet set up for A4 with its print titles, and a 備考 that
says why a row is locked (関連課: the 所管課 enters it). The cells stay where the round reads them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from kodaira_desk.domain import as_printed
from kodaira_desk.domain.annotations import AnnotationKey
from kodaira_desk.domain.entry import STATUS_CHOICES, expects_progress
from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.fields import FieldKey
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.merge import FieldValue
from kodaira_desk.domain.model import (
    Indicator,
    IndicatorValue,
    Node,
    PlanTree,
    Revision,
    ValueKind,
    display_number,
)
from kodaira_desk.domain.scope import DepartmentScope, lead_departments
from kodaira_desk.domain.values import Measured, parse_value, split_marks
from kodaira_desk.domain.yearly import active_years
from kodaira_desk.io.dept_workbook.layout import (
    IDENTITY_SHEET,
    INDICATOR_SHEET,
    INSTRUCTIONS_SHEET,
    MEASURE_SHEET,
    CellSpec,
    Layout,
    RoundYear,
    locked_checksum,
)
from kodaira_desk.io.dept_workbook.styles import (
    BOLD,
    ENTRY_FILL,
    HEAD_ALIGN,
    HEAD_FILL,
    TITLE,
    TOP,
    UNLOCKED,
    VALUE,
    WRAP,
)
from kodaira_desk.io.dept_workbook.year_cells import add_round_year
from kodaira_desk.io.xlsx_save import save_workbook
from kodaira_desk.io.xlsx_sheet import BODY, LINE_PT, MAX_ROW_PT, PAD_PT, lines_needed

CONTEXT_YEARS = 4  # past years' 実績 shown beside the entry year
ABSENCE_MARKS = ("-", "—", "（※1）")
INSTRUCTIONS_WIDTH = 85
HEADER_ROW = 3  # the round's reader and the clerk's print titles: the heads are on row 3
# column widths (Excel's units); the cells' positions are the round's: only widths change here
INDICATOR_WIDTHS = {1: 20, 2: 15, 3: 38, 4: 7, 5: 11, 6: 11}
INDICATOR_REST, INDICATOR_NOTE = 11, 30
# a value's note (…のメモ), in the column beside it (issue 25): narrow, its text wrapping, so that
# the two sheets printed one A4 page wide lose little of their scale for the notes' columns
FIELD_NOTE = 16  # 18 for 実績（見込）のメモ, whose head is nine characters (two units each)
MEASURE_WIDTHS = {1: 20, 2: 15, 3: 34, 4: 48, 5: 12, 6: FIELD_NOTE, 7: 58, 8: FIELD_NOTE, 9: 30}

# Each printed line is short enough for the column in Excel and in LibreOffice, which wraps a long
# line of Japanese wider than it draws it (the end of the line is then cut off on paper): the lines
# are broken here, after a 。 or 、, and continue indented.
INSTRUCTIONS = (
    "{year}の実績入力用ブック（{department}）",
    "",
    "1. 黄色のセルだけに入力してください。\n   ほかのセルは保護されています（変更しても取り込まれません）。",
    "2. 「成果指標」シート: {year}の実績・実績（見込）を数値で入力します。\n"
    "   単位は右隣の列に書いてあるので、数値だけを入力してください（例: 365）。",
    "3. 値がないときは「-」（調査なし）、「—」（なし）、「（※4）」（注記を参照）の\n   いずれかを入力します。",
    "4. 「実施状況」シート: 進捗状況は一覧から選び、実施等状況は文章で入力します\n   （改行できます: Alt+Enter）。",
    "5. 黄色のセルがない行は、関連課として参考に載せている項目です。\n"
    "   入力は所管課が行います（備考の列に書いてあります）。",
    "6. シートの名前を変えたり、シートや行・列を追加・削除したりしないでください。\n   取り込めなくなります。",
    "7. 数式は、同じシートのセルを参照するもの（例: =F5）だけが使えます。\n   ほかの数式のセルは取り込みません。",
    "8. マクロ付きブック（.xlsm）やパスワード付きで保存しないでください。\n"
    "   .xlsx のまま保存して、政策課に返送してください。",
    "9. 「…のメモ」の列には、値の出典や増減の理由などを書けます（任意）。\n"
    "   根拠資料の添付は提出用ファイル（.kdesk）でできます。",
    "",
    "このブックは Kodaira Desk が作成しました\n（配布番号 {handout}）。",
)


@dataclass
class _Sheet:
    ws: Worksheet
    widths: Mapping[int, float]
    cells: list[CellSpec] = field(default_factory=list)
    lines: dict[int, int] = field(default_factory=dict)  # row → lines its wrapped text takes

    def put(self, row: int, col: int, value: object, key: str = "", *, locked: bool = True,
            text: str | None = None, anchor: bool = False, wrap: bool = False, number: bool = False) -> None:
        cell = self.ws.cell(row=row, column=col, value=value)
        cell.font = BODY
        cell.alignment = WRAP if wrap else VALUE if number else TOP  # a row reads along its top
        if wrap and isinstance(value, str) and value:
            self.fits(row, col, value)
        if not locked:
            cell.protection = UNLOCKED
            cell.fill = ENTRY_FILL
        self.cells.append(CellSpec(self.ws.title, cell.coordinate, key,
                                   text if text is not None else ("" if value is None else str(value)), locked,
                                   anchor))

    def fits(self, row: int, col: int, text: str) -> None:
        n = lines_needed(text, self.widths.get(col, INDICATOR_REST), BODY)
        self.lines[row] = max(self.lines.get(row, 1), n)

    def heads(self, row: int, heads: Sequence[str]) -> None:
        for c, h in enumerate(heads, start=1):
            self.put(row, c, h, anchor=True)
            cell = self.ws.cell(row=row, column=c)
            cell.fill, cell.font, cell.alignment = HEAD_FILL, BOLD, HEAD_ALIGN
            self.fits(row, c, h)

    def finish(self, print_titles: str) -> None:
        """Widths, the rows' heights for their wrapped text, and the print set-up."""
        ws = self.ws
        for c in range(1, ws.max_column + 1):
            ws.column_dimensions[get_column_letter(c)].width = self.widths.get(c, INDICATOR_REST)
        for r, n in self.lines.items():
            if n > 1:
                ws.row_dimensions[r].height = min(MAX_ROW_PT, n * LINE_PT + PAD_PT)
        ws.freeze_panes = "D4"
        _printable(ws, landscape=True, titles=print_titles)


def _note_cell(sh: _Sheet, row: int, col: int, field_key: str, fields: Mapping[str, FieldValue], owned: bool) -> None:
    """The note on a field (domain.annotations), in the column beside it: typed where the value is."""
    key = str(AnnotationKey.note(field_key))
    text = fields.get(key) or ""
    sh.put(row, col, text or None, key, locked=not owned, text=text, wrap=True)


def _years(tree: PlanTree, year: FiscalYear) -> list[FiscalYear]:
    first = max(tree.plan.period_from.year, year.year - CONTEXT_YEARS)
    return [FiscalYear(y) for y in range(first, year.year)]


def _vkey(pid: str, ind: str, kind: ValueKind, year: int, revision: Revision = Revision.CURRENT) -> str:
    return str(FieldKey("value", pid, ind, year, kind.value, revision.value))


def entry_number(text: FieldValue) -> tuple[object, str | None]:
    """What an entry cell holds for a field value: a plain number as a number (so Excel's checks
    and sums work), with the number format keeping its printed decimals; anything else as text."""
    if not text:
        return None, None
    body, marks = split_marks(text)
    try:
        value = parse_value(body)
    except DomainError:  # a value the parser refuses is shown as it is
        return text, None
    if marks or not isinstance(value, Measured) or value.prefix or value.suffix or value.sign == "+":
        return text, None
    places = max(0, -int(value.number.as_tuple().exponent))
    fmt = "#,##0" + ("." + "0" * places if places else "")
    number: object = int(value.number) if places == 0 else float(value.number)
    return number, fmt


def _value_validation(ws: Worksheet, coord: str) -> None:
    marks = "、".join(f"「{m}」" for m in ABSENCE_MARKS[:2]) + "、「（※4）」"
    dv = DataValidation(
        type="custom", allow_blank=True,
        formula1=f'OR(ISNUMBER({coord}),{coord}="-",{coord}="—",{coord}="－",ISNUMBER(SEARCH("※",{coord})))',
        showErrorMessage=True, errorTitle="入力できない値です",
        error=f"数値（単位なし）か、値がないときの記号 {marks} を入力してください。",
        showInputMessage=True, promptTitle="入力のしかた", prompt=f"数値、または {marks}")
    dv.add(coord)
    ws.add_data_validation(dv)


def row_number(tree: PlanTree, node_key: str | None, own: str | None = None) -> str:
    """A row's number, readable on its own (a department's rows skip whole areas): 基本目標1 ①－２
    for measure 2 of area ①, 基本目標1 ① for an area's KPI, 施策2－1 for a policy's first indicator."""
    chain: list[str] = []
    key = node_key
    while key is not None and tree.has_node(key):
        node = tree.node(key)
        chain.insert(0, node.number)
        key = node.parent_key
    chain = [n for n in chain if n]
    if chain and chain[0].isdigit():
        chain[0] = f"{tree.plan.level_name(1) or ''}{chain[0]}"
    if own:
        if not chain:
            return own
        shown = display_number(own, chain[-1])  # ①－２
        chain[-1] = shown if shown != own else f"{chain[-1]}－{own}"
    return " ".join(chain)


def _context_text(text: FieldValue, v: IndicatorValue, table_id: str | None) -> str:
    """A baseline or target as the plan's table prints it: a mark another document gave it (001's
    ※2 on 62,600人) is explained there, not in this workbook."""
    if not text or as_printed.printed_here(v, table_id):
        return text or ""
    return split_marks(text)[0]


def _related_note(leads: list[str]) -> str:
    """備考 of a row shown to the department as related, not its own to fill in."""
    who = "・".join(leads) if leads else "政策課"
    return f"関連課として参考に表示しています。入力は所管課（{who}）が行います。"


def _indicator_heads(past: Sequence[FiscalYear], year: FiscalYear) -> list[str]:
    era = year.era_label()
    return ["計画", "番号", "成果指標", "単位", "基準値", "目標値", *[f"{y.era_label()}\n実績" for y in past],
            f"{era}\n実績", "単位", f"{era}\n実績のメモ", f"{era}\n実績（見込）", "単位", f"{era}\n実績（見込）のメモ",
            "備考"]


def _indicator_row(sh: _Sheet, tree: PlanTree, scope: DepartmentScope, ind: Indicator, row: int,
                   past: Sequence[FiscalYear], year: FiscalYear, fields: Mapping[str, FieldValue]) -> None:
    ws, pid = sh.ws, tree.plan.id
    owned = scope.owns_indicator(ind.key)
    sh.put(row, 1, tree.plan.title, wrap=True)
    sh.put(row, 2, row_number(tree, ind.node_key, ind.number), wrap=True)
    sh.put(row, 3, ind.name, anchor=True, wrap=True)
    sh.put(row, 4, ind.unit)
    table = as_printed.table_document(tree)
    targets = [v for v in ind.values if v.kind is ValueKind.TARGET and v.year.year <= year.year]
    context = [(5, max((v for v in ind.values if v.kind is ValueKind.BASELINE), key=lambda v: v.year.year,
                       default=None)),
               (6, max(targets, key=lambda v: (v.year.year, v.revision is Revision.CURRENT), default=None))]
    for col, v in context:
        if v is not None:
            k = _vkey(pid, ind.key, v.kind, v.year.year, v.revision)
            sh.put(row, col, _context_text(fields.get(k), v, table.id if table else None), k, number=True)
    col = 7
    for y in past:
        k = _vkey(pid, ind.key, ValueKind.ACTUAL, y.year)
        sh.put(row, col, fields.get(k) or "", k, number=True)
        col += 1
    for kind in (ValueKind.ACTUAL, ValueKind.FORECAST):
        k = _vkey(pid, ind.key, kind, year.year)
        current = fields.get(k)
        number, fmt = entry_number(current) if owned else (current, None)
        sh.put(row, col, number, k, locked=not owned, text=current or "", number=True)
        if fmt:
            ws.cell(row=row, column=col).number_format = fmt
        if owned:
            _value_validation(ws, ws.cell(row=row, column=col).coordinate)
        sh.put(row, col + 1, ind.unit)
        _note_cell(sh, row, col + 2, k, fields, owned)  # the value's note beside it (issue 25)
        col += 3
    sh.put(row, col, None if owned else _related_note(lead_departments(ind.departments)), wrap=True)


def _indicator_sheet(wb: Workbook, trees: Sequence[PlanTree], department: str, year: FiscalYear,
                     fields: Mapping[str, FieldValue]) -> _Sheet:
    ws = wb.create_sheet(INDICATOR_SHEET)
    past = max((_years(t, year) for t in trees), key=len, default=[])
    entry = 7 + len(past)  # 実績, 単位, メモ, 実績（見込）, 単位, メモ, 備考
    sh = _Sheet(ws, {**INDICATOR_WIDTHS, entry + 1: 7, entry + 2: FIELD_NOTE, entry + 3: 12, entry + 4: 7,
                     entry + 5: FIELD_NOTE + 2, entry + 6: INDICATOR_NOTE})
    sh.put(1, 1, f"{year.era_label()} 成果指標の実績（{department}）")
    ws.cell(row=1, column=1).font = TITLE
    row = HEADER_ROW
    for tree in trees:
        scope = DepartmentScope(tree, department)
        indicators = [i for i in tree.indicators if scope.sees_indicator(i)]
        if not indicators:
            continue
        past = _years(tree, year)
        sh.heads(row, _indicator_heads(past, year))
        row += 1
        for ind in indicators:
            _indicator_row(sh, tree, scope, ind, row, past, year, fields)
            row += 1
        row += 1
    sh.finish(f"{HEADER_ROW}:{HEADER_ROW}")
    return sh


def _previous_year(trees: Sequence[PlanTree], rows: Sequence[tuple[PlanTree, Node]], year: FiscalYear,
                   fields: Mapping[str, FieldValue]) -> FiscalYear:
    """The latest year before the entry year with a 実施等状況 among the sheet's rows (the city's
    list stops at 平成29年度: a 令和2年度 hand-out shows 平成29年度's, not an empty 令和元年度)."""
    found = [p.year for tree, node in rows for p in tree.progress_of(node.key)
             if p.year < year and p.narrative]
    found += [FiscalYear(y) for tree, node in rows for y in range(year.year - CONTEXT_YEARS, year.year)
              if fields.get(str(FieldKey("progress", tree.plan.id, node.key, y, "narrative")))]
    return max(found, default=FiscalYear(year.year - 1))


def _measure_sheet(wb: Workbook, trees: Sequence[PlanTree], department: str, year: FiscalYear,
                   fields: Mapping[str, FieldValue]) -> _Sheet:
    ws = wb.create_sheet(MEASURE_SHEET)
    sh = _Sheet(ws, MEASURE_WIDTHS)
    era = year.era_label()
    sh.put(1, 1, f"{era} 施策の実施状況（{department}）")
    ws.cell(row=1, column=1).font = TITLE
    rows = [(tree, node) for tree in trees for node in tree.nodes
            if DepartmentScope(tree, department).sees_node(node) and expects_progress(tree, node)]
    previous = _previous_year(trees, rows, year, fields)
    sh.heads(HEADER_ROW, ["計画", "番号", "施策", f"{previous.era_label()}\n実施等状況", f"{era}\n進捗状況",
                          f"{era}\n進捗状況のメモ", f"{era}\n実施等状況", f"{era}\n実施等状況のメモ", "備考"])
    status_dv = DataValidation(type="list", formula1='"' + ",".join(STATUS_CHOICES) + '"', allow_blank=True,
                               showErrorMessage=True, errorTitle="進捗状況",
                               error="一覧から選んでください: " + "、".join(STATUS_CHOICES))
    ws.add_data_validation(status_dv)
    for row, (tree, node) in enumerate(rows, start=HEADER_ROW + 1):
        pid = tree.plan.id
        owned = DepartmentScope(tree, department).owns_node(node.key)
        sh.put(row, 1, tree.plan.title, wrap=True)
        sh.put(row, 2, row_number(tree, node.parent_key, node.number), wrap=True)
        sh.put(row, 3, node.title, anchor=True, wrap=True)
        k = str(FieldKey("progress", pid, node.key, previous.year, "narrative"))
        sh.put(row, 4, fields.get(k) or "", k, wrap=True)
        for col, part in ((5, "status"), (7, "narrative")):
            k = str(FieldKey("progress", pid, node.key, year.year, part))
            sh.put(row, col, fields.get(k) or None, k, locked=not owned, text=fields.get(k) or "", wrap=True)
            if owned and part == "status":
                status_dv.add(ws.cell(row=row, column=col).coordinate)
            _note_cell(sh, row, col + 1, k, fields, owned)  # the field's note beside it (issue 25)
        sh.put(row, 9, None if owned else _related_note(lead_departments(node.departments)), wrap=True)
    sh.finish(f"{HEADER_ROW}:{HEADER_ROW}")
    return sh


def _printable(ws: Worksheet, *, landscape: bool, titles: str | None = None) -> None:
    """A4, one page wide (a clerk prints the sheet to check it), the heads on every page."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    margins = ws.page_margins
    margins.left = margins.right = 0.4
    margins.top = margins.bottom = 0.6
    if titles:
        ws.print_title_rows = titles
    ws.oddFooter.center.text = "&A  &P / &N"
    ws.oddFooter.center.size = 9


def _instructions(ws: Worksheet, texts: Mapping[str, str], deadline: str | None = None,
                  lines: Sequence[str] = INSTRUCTIONS) -> None:
    """記入のしかた: the lines in one column as wide as the page, printed on one A4 page; the
    round's 提出期限 (issue 24) on the line under the title."""
    width = INSTRUCTIONS_WIDTH
    for r, line in enumerate(lines, start=1):
        text = line.format(**texts)
        cell = ws.cell(row=r, column=1, value=text)
        cell.font, cell.alignment = BODY, WRAP
        n = lines_needed(text, width, BODY)
        if n > 1:
            ws.row_dimensions[r].height = min(MAX_ROW_PT, n * LINE_PT + PAD_PT)
    ws.column_dimensions["A"].width = width
    ws.cell(row=1, column=1).font = Font(name=BODY.name, size=14, bold=True)
    ws.row_dimensions[1].height = 21
    if deadline:
        ws.cell(row=2, column=1, value=f"提出期限: {deadline}").font = Font(name=BODY.name, size=BODY.sz, bold=True,
                                                                          color="C00000")
    ws.print_area = f"A1:A{len(lines)}"
    _printable(ws, landscape=False)


def plans_for(trees: Sequence[PlanTree], year: FiscalYear) -> list[PlanTree]:
    """The plans that run in `year` (their active years: domain.entry)."""
    out = []
    for t in trees:
        first, last = active_years(t)
        if first <= year <= last:
            out.append(t)
    return out


@dataclass(frozen=True)
class ExtraSheet:
    """A sheet of its own for some plans' rows, given by the caller (issue 31: a program year's
    主要事業の実績, io/dept_workbook/program_sheet.py): which plans it takes (their rows leave the two
    sheets above), how it is written, and the instructions' lines with it."""

    takes: Callable[[PlanTree], bool]
    write: Callable[[Workbook, Sequence[PlanTree], str, FiscalYear, Mapping[str, FieldValue]], _Sheet | None]
    instructions: Callable[[Sequence[str], Sequence[str], Sequence[PlanTree]], list[str]]


def _sheets(wb: Workbook, running: Sequence[PlanTree], department: str, year: FiscalYear,
            fields: Mapping[str, FieldValue], extra: ExtraSheet | None) -> list[_Sheet]:
    """The KPI and measure sheets for the plans the extra sheet does not take, then the extra one."""
    others = [t for t in running if extra is None or not extra.takes(t)]
    sheets: list[_Sheet] = []
    if others or len(others) == len(running):
        sheets += [_indicator_sheet(wb, others, department, year, fields),
                   _measure_sheet(wb, others, department, year, fields)]
    added = extra.write(wb, running, department, year, fields) if extra is not None else None
    return sheets + ([added] if added is not None else [])


def write_workbook(out: Path, trees: Sequence[PlanTree], department: str, year: FiscalYear,
                   fields: Mapping[str, FieldValue], identity: Mapping[str, str], *,
                   round_year: RoundYear | None = None, extra: ExtraSheet | None = None) -> Layout:
    """Write the department's workbook into `out` (the caller renames it into place) and return
    its layout. `fields`: the master's snapshot the hand-out is cut from; `identity`: master_id,
    handout_id, snapshot; `round_year`: the texts carried over and the head's check (issue 24);
    `extra`: a sheet of its own for some plans (a program year's, issue 31)."""
    wb = Workbook()
    first = wb.active
    assert first is not None
    first.title = INSTRUCTIONS_SHEET
    running = plans_for(trees, year)
    asked = round_year or RoundYear()
    fields = {**fields, **{t.key: t.text for t in asked.carried}}  # a carried text starts its entry cell
    sheets = _sheets(wb, running, department, year, fields, extra)
    lines = extra.instructions(INSTRUCTIONS, [s.ws.title for s in sheets], running) if extra else INSTRUCTIONS
    _instructions(first, {"year": year.era_label(), "department": department, "handout": identity["handout_id"]},
                  identity.get("deadline"), lines)
    added = add_round_year(first, next((s.ws for s in sheets if s.ws.title == MEASURE_SHEET), None),
                           [c for s in sheets for c in s.cells], year, asked)
    cells = list(added.specs)
    checksum = locked_checksum((c.sheet, c.coord, c.text) for c in cells if c.locked)
    ident = wb.create_sheet(IDENTITY_SHEET)
    rows = {"file_kind": "department_workbook", "master_id": identity["master_id"],
            "handout_id": identity["handout_id"], "department": department, "fiscal_year": str(year.year),
            "snapshot": identity["snapshot"], "checksum": checksum}
    for r, (k, v) in enumerate(rows.items(), start=1):
        ident.cell(row=r, column=1, value=k)
        ident.cell(row=r, column=2, value=v)
    ident.sheet_state = "veryHidden"
    for ws in (first, ident, *(s.ws for s in sheets)):
        ws.protection.sheet = True
        ws.protection.formatColumns = False  # widths may change; contents may not
        ws.protection.formatRows = False
    wb.active = 1
    save_workbook(wb, out)
    return Layout(identity["handout_id"], department, year.year, identity["snapshot"], checksum, tuple(cells),
                  added.carried, added.head_check)
