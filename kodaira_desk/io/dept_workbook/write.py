"""Writing a department's workbook for a hand-out (openpyxl, ordinary write mode: it needs styles,
protection and validation per cell).

The layout follows the city's KPI table (番号, 成果指標, 単位, 基準値, 目標値, the years' 実績) and
its progress list (番号, 施策, 進捗状況, 実施等状況). Everything is locked except the entry year's
cells of what the department owns (domain.scope); each sheet is protected without a password
(protection guides a clerk; what the master applies is decided at collection, cell by cell).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from kodaira_desk.domain.annotations import AnnotationKey
from kodaira_desk.domain.entry import STATUS_CHOICES, active_years, expects_progress
from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.fields import FieldKey
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.merge import FieldValue
from kodaira_desk.domain.model import PlanTree, Revision, ValueKind
from kodaira_desk.domain.scope import DepartmentScope
from kodaira_desk.domain.values import Measured, parse_value, split_marks
from kodaira_desk.io.dept_workbook.layout import (
    IDENTITY_SHEET,
    INDICATOR_SHEET,
    INSTRUCTIONS_SHEET,
    MEASURE_SHEET,
    CellSpec,
    Layout,
    locked_checksum,
)

CONTEXT_YEARS = 4  # past years' 実績 shown beside the entry year
ENTRY_FILL = PatternFill("solid", fgColor="FFF2CC")
HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
HEAD_ALIGN = Alignment(wrap_text=True, horizontal="center", vertical="center")
UNLOCKED = Protection(locked=False)
ABSENCE_MARKS = ("-", "—", "（※1）")

INSTRUCTIONS = (
    "{year}の実績入力用ブック（{department}）",
    "",
    "1. 黄色のセルだけに入力してください。ほかのセルは保護されています（変更しても取り込まれません）。",
    "2. 「成果指標」シート: {year}の実績・実績（見込）を数値で入力します。単位は右隣の列に書いてあるので、"
    "数値だけを入力してください（例: 365）。",
    "3. 値がないときは「-」（調査なし）、「—」（なし）、「（※4）」（注記を参照）のいずれかを入力します。",
    "4. 「実施状況」シート: 進捗状況は一覧から選び、実施等状況は文章で入力します（改行できます: Alt+Enter）。",
    "5. シートの名前を変えたり、シートや行・列を追加・削除したりしないでください。取り込めなくなります。",
    "6. 数式は、同じシートのセルを参照するもの（例: =F5）だけが使えます。ほかの数式のセルは取り込みません。",
    "7. マクロ付きブック（.xlsm）やパスワード付きで保存しないでください。.xlsx のまま保存して、政策課に返送してください。",
    "8. 「…のメモ」の列には、値の出典や増減の理由などを書けます（任意）。根拠資料の添付は提出用ファイル（.kdesk）でできます。",
    "",
    "このブックは Kodaira Desk が作成しました（配布番号 {handout}）。",
)


@dataclass
class _Sheet:
    ws: Worksheet
    cells: list[CellSpec] = field(default_factory=list)
    note_columns: set[int] = field(default_factory=set)

    def put(self, row: int, col: int, value: object, key: str = "", *, locked: bool = True,
            text: str | None = None, anchor: bool = False) -> None:
        cell = self.ws.cell(row=row, column=col, value=value)
        if not locked:
            cell.protection = UNLOCKED
            cell.fill = ENTRY_FILL
        self.cells.append(CellSpec(self.ws.title, cell.coordinate, key,
                                   text if text is not None else ("" if value is None else str(value)), locked,
                                   anchor))


NOTE_WIDTH = 26


def _note_cell(sh: _Sheet, row: int, col: int, field_key: str, fields: Mapping[str, FieldValue], owned: bool) -> None:
    """The note on a field (domain.annotations), in the column beside it: typed where the value is."""
    key = str(AnnotationKey.note(field_key))
    text = fields.get(key) or ""
    sh.put(row, col, text or None, key, locked=not owned, text=text)
    sh.ws.cell(row=row, column=col).alignment = Alignment(wrap_text=True, vertical="top")
    sh.note_columns.add(col)


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


def _indicator_sheet(wb: Workbook, trees: Sequence[PlanTree], department: str, year: FiscalYear,
                     fields: Mapping[str, FieldValue]) -> _Sheet:
    sh = _Sheet(wb.create_sheet(INDICATOR_SHEET))
    ws = sh.ws
    era = year.era_label()
    sh.put(1, 1, f"{era} 成果指標の実績（{department}）")
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    row = 3
    for tree in trees:
        scope = DepartmentScope(tree, department)
        indicators = [i for i in tree.indicators if scope.sees_indicator(i)]
        if not indicators:
            continue
        pid = tree.plan.id
        past = _years(tree, year)
        heads = ["計画", "番号", "成果指標", "単位", "基準値", "目標値",
                 *[f"{y.era_label()} 実績" for y in past], f"{era} 実績", "単位", f"{era} 実績のメモ",
                 f"{era} 実績（見込）", "単位", f"{era} 実績（見込）のメモ"]
        for c, h in enumerate(heads, start=1):
            sh.put(row, c, h, anchor=True)
            ws.cell(row=row, column=c).fill = HEAD_FILL
            ws.cell(row=row, column=c).font = Font(bold=True)
            ws.cell(row=row, column=c).alignment = HEAD_ALIGN
        row += 1
        for ind in indicators:
            owned = scope.owns_indicator(ind.key)
            sh.put(row, 1, tree.plan.title)
            sh.put(row, 2, ind.number or (tree.node(ind.node_key).number if tree.has_node(ind.node_key) else ""))
            sh.put(row, 3, ind.name, anchor=True)
            sh.put(row, 4, ind.unit)
            baseline = max((v for v in ind.values if v.kind is ValueKind.BASELINE), key=lambda v: v.year.year,
                           default=None)
            if baseline is not None:
                k = _vkey(pid, ind.key, ValueKind.BASELINE, baseline.year.year, baseline.revision)
                sh.put(row, 5, fields.get(k) or "", k)
            targets = [v for v in ind.values if v.kind is ValueKind.TARGET and v.year.year <= year.year]
            target = max(targets, key=lambda v: (v.year.year, v.revision is Revision.CURRENT), default=None)
            if target is not None:
                k = _vkey(pid, ind.key, ValueKind.TARGET, target.year.year, target.revision)
                sh.put(row, 6, fields.get(k) or "", k)
            col = 7
            for y in past:
                k = _vkey(pid, ind.key, ValueKind.ACTUAL, y.year)
                sh.put(row, col, fields.get(k) or "", k)
                col += 1
            for kind in (ValueKind.ACTUAL, ValueKind.FORECAST):
                k = _vkey(pid, ind.key, kind, year.year)
                current = fields.get(k)
                number, fmt = entry_number(current) if owned else (current, None)
                sh.put(row, col, number, k, locked=not owned, text=current or "")
                if fmt:
                    ws.cell(row=row, column=col).number_format = fmt
                if owned:
                    _value_validation(ws, ws.cell(row=row, column=col).coordinate)
                sh.put(row, col + 1, ind.unit)
                _note_cell(sh, row, col + 2, k, fields, owned)  # the value's note beside it (issue 25)
                col += 3
            row += 1
        row += 1
    widths = {1: 16, 2: 6, 3: 40, 4: 6}
    for c in range(1, ws.max_column + 1):
        ws.column_dimensions[get_column_letter(c)].width = widths.get(c, 11)
    for c in sh.note_columns:
        ws.column_dimensions[get_column_letter(c)].width = NOTE_WIDTH
    ws.freeze_panes = "D4"
    _printable(ws)
    return sh


def _measure_sheet(wb: Workbook, trees: Sequence[PlanTree], department: str, year: FiscalYear,
                   fields: Mapping[str, FieldValue]) -> _Sheet:
    sh = _Sheet(wb.create_sheet(MEASURE_SHEET))
    ws = sh.ws
    era = year.era_label()
    previous = FiscalYear(year.year - 1)
    sh.put(1, 1, f"{era} 施策の実施状況（{department}）")
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    heads = ["計画", "番号", "施策", f"{previous.era_label()} 実施等状況", f"{era} 進捗状況", f"{era} 進捗状況のメモ",
             f"{era} 実施等状況", f"{era} 実施等状況のメモ"]
    for c, h in enumerate(heads, start=1):
        sh.put(3, c, h, anchor=True)
        ws.cell(row=3, column=c).fill = HEAD_FILL
        ws.cell(row=3, column=c).font = Font(bold=True)
        ws.cell(row=3, column=c).alignment = HEAD_ALIGN
    status_dv = DataValidation(type="list", formula1='"' + ",".join(STATUS_CHOICES) + '"', allow_blank=True,
                               showErrorMessage=True, errorTitle="進捗状況",
                               error="一覧から選んでください: " + "、".join(STATUS_CHOICES))
    ws.add_data_validation(status_dv)
    row = 4
    wrap = Alignment(wrap_text=True, vertical="top")
    for tree in trees:
        scope = DepartmentScope(tree, department)
        pid = tree.plan.id
        for node in tree.nodes:
            if not (scope.sees_node(node) and expects_progress(tree, node)):
                continue
            owned = scope.owns_node(node.key)
            sh.put(row, 1, tree.plan.title)
            sh.put(row, 2, node.number)
            sh.put(row, 3, node.title, anchor=True)
            k = str(FieldKey("progress", pid, node.key, previous.year, "narrative"))
            sh.put(row, 4, fields.get(k) or "", k)
            for col, part in ((5, "status"), (7, "narrative")):
                k = str(FieldKey("progress", pid, node.key, year.year, part))
                sh.put(row, col, fields.get(k) or None, k, locked=not owned, text=fields.get(k) or "")
                if owned and part == "status":
                    status_dv.add(ws.cell(row=row, column=col).coordinate)
                _note_cell(sh, row, col + 1, k, fields, owned)  # the field's note beside it (issue 25)
            for col in (3, 4, 7):
                ws.cell(row=row, column=col).alignment = wrap
            row += 1
    for c, w in {1: 16, 2: 6, 3: 36, 4: 50, 5: 12, 6: NOTE_WIDTH, 7: 60, 8: NOTE_WIDTH}.items():
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = "D4"
    _printable(ws)
    return sh


def _printable(ws: Worksheet) -> None:
    """A4 landscape, one page wide (a clerk prints the sheet to check it)."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "3:3"


def plans_for(trees: Sequence[PlanTree], year: FiscalYear) -> list[PlanTree]:
    """The plans that run in `year` (their active years: domain.entry)."""
    out = []
    for t in trees:
        first, last = active_years(t)
        if first <= year <= last:
            out.append(t)
    return out


def write_workbook(out: Path, trees: Sequence[PlanTree], department: str, year: FiscalYear,
                   fields: Mapping[str, FieldValue], identity: Mapping[str, str]) -> Layout:
    """Write the department's workbook into `out` (the caller renames it into place) and return
    its layout. `fields`: the master's snapshot the hand-out is cut from; `identity`: master_id,
    handout_id, snapshot."""
    wb = Workbook()
    first = wb.active
    assert first is not None
    first.title = INSTRUCTIONS_SHEET
    texts = {"year": year.era_label(), "department": department, "handout": identity["handout_id"]}
    for r, line in enumerate(INSTRUCTIONS, start=1):
        first.cell(row=r, column=1, value=line.format(**texts))
    first.column_dimensions["A"].width = 120
    first.cell(row=1, column=1).font = Font(bold=True, size=14)
    if identity.get("deadline"):  # the round's 提出期限 (issue 24), on the line under the title
        first.cell(row=2, column=1, value=f"提出期限: {identity['deadline']}").font = Font(bold=True, color="C00000")
    running = plans_for(trees, year)
    sheets = [_indicator_sheet(wb, running, department, year, fields),
              _measure_sheet(wb, running, department, year, fields)]
    cells = [c for s in sheets for c in s.cells]
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
    wb.save(out)
    return Layout(identity["handout_id"], department, year.year, identity["snapshot"], checksum, tuple(cells))
