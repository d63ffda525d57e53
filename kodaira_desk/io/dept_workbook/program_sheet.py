"""The department workbook's sheet for a program year (主要事業の実績): per 施策, as the city's program
prints it, the department's 主要事業 (計画の費用 as context; 進捗状況 from a list, 実施内容, 決算額 in 千円
and the reason it differs from the plan) and its 成果指標 (基準値, the year's 目標値 and last year's
実績 as context; the year's 実績 and 実績（見込）).

It is for the plans whose yearly round asks for a 決算額 (domain.round_setting); their items and
indicators are on this sheet only (a field is in one cell of a workbook). Every cell the department
may fill is unlocked and yellow; value cells carry the same validation as the 成果指標 sheet, 決算額
cells a whole-number rule, 進捗状況 the list.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from openpyxl import Workbook
from openpyxl.styles import PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from kodaira_desk.domain.entry import STATUS_CHOICES, expects_progress, planned_cost
from kodaira_desk.domain.fields import FieldKey
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.merge import FieldValue
from kodaira_desk.domain.model import DepartmentLink, Indicator, Node, PlanTree, Revision, Role, ValueKind
from kodaira_desk.domain.round_setting import NO_DEPARTMENT
from kodaira_desk.domain.scope import DepartmentScope
from kodaira_desk.domain.yearly import NOTE_SHARE
from kodaira_desk.io.dept_workbook.layout import INDICATOR_SHEET, MEASURE_SHEET
from kodaira_desk.io.dept_workbook.styles import BOLD, TITLE
from kodaira_desk.io.dept_workbook.write import (
    FIELD_NOTE,
    ExtraSheet,
    _note_cell,
    _Sheet,
    _value_validation,
    entry_number,
)

PROGRAM_SHEET = "主要事業の実績"
PLAN_FILL_COLOR = "BDD7EE"
# broken after a 、 or 。 as the other lines of 記入のしかた are (LibreOffice cuts a long line on paper)
INSTRUCTION = ("「{sheet}」シート: 施策ごとに、{level}の進捗状況（一覧から選択）・実施内容・\n"
               "   決算額（千円単位の数値）と、成果指標の実績・実績（見込）を入力します。\n"
               "   決算額が計画の費用と{share}割以上違うときは、差の理由も書いてください。")
# a 主要事業's row: 8 差の理由, 9 決算額のメモ; an indicator's: 8 実績, 9 its note, 10 実績（見込）, 11 its
# note (issue 25: a value's note in the column beside it, as on the 成果指標 sheet)
_WIDTHS = {1: 6, 2: 36, 3: 18, 4: 13, 5: 12, 6: 48, 7: 13, 8: 30, 9: FIELD_NOTE, 10: 13, 11: FIELD_NOTE}


def takes(tree: PlanTree) -> bool:
    """The plan's items and indicators go on this sheet (its round asks for a 決算額)."""
    return tree.plan.round.settlement


def sheet_name(trees: Sequence[PlanTree]) -> str:
    """主要事業の実績, or the plan's own level name (事業の実績)."""
    for t in trees:
        if takes(t) and t.plan.round.level:
            return f"{t.plan.level_name(t.plan.round.level)}の実績"[:31]
    return PROGRAM_SHEET


def instruction(trees: Sequence[PlanTree]) -> str | None:
    chosen = [t for t in trees if takes(t)]
    if not chosen:
        return None
    level = chosen[0].plan.level_name(chosen[0].plan.round.level or 1)
    return INSTRUCTION.format(sheet=sheet_name(chosen), level=level, share=int(NOTE_SHARE * 10))


def instruction_lines(lines: Sequence[str], sheets: Sequence[str], running: Sequence[PlanTree]) -> list[str]:
    """記入のしかた for the sheets the workbook has: the lines about the 成果指標 and 実施状況 sheets only
    when they are there, this sheet's line when it is, the steps numbered again."""
    kept = [line for line in lines
            if not (f"「{INDICATOR_SHEET}」シート" in line and INDICATOR_SHEET not in sheets)
            and not (f"「{MEASURE_SHEET}」シート" in line and MEASURE_SHEET not in sheets)]
    extra = instruction(running) if sheet_name(running) in sheets else None
    if extra:
        at = next((i for i, line in enumerate(kept) if line.startswith("5.")), len(kept))
        kept.insert(at, "0. " + extra)
    out: list[str] = []
    numbered = 0
    for line in kept:
        head, dot, rest = line.partition(". ")
        if dot and head.isdigit():
            numbered += 1
            line = f"{numbered}. {rest}"
        out.append(line)
    return out


def _departments(links: Sequence[DepartmentLink]) -> str:
    """文化スポーツ課／市民協働・男女参画推進課（関連課）: 004's 「／」 between lead 課 (a name may hold 「・」)."""
    lead = "／".join(d.department for d in links if d.role is Role.LEAD)
    return lead + "".join(f"（{d.department}）" for d in links if d.role is Role.RELATED)


def _key(pid: str, node: str, year: int, part: str) -> str:
    return str(FieldKey("progress", pid, node, year, part))


def _vkey(pid: str, ind: str, kind: ValueKind, year: int, revision: Revision = Revision.CURRENT) -> str:
    return str(FieldKey("value", pid, ind, year, kind.value, revision.value))


def _settled_validation(ws: Worksheet, coord: str) -> None:
    dv = DataValidation(
        type="custom", allow_blank=True,
        formula1=f'OR(AND(ISNUMBER({coord}),{coord}>=0),{coord}="—",{coord}="-")',
        showErrorMessage=True, errorTitle="入力できない値です",
        error="決算額は千円単位の 0 以上の数値で入力してください（支出がないときは「—」）。",
        showInputMessage=True, promptTitle="決算額（千円）", prompt="千円単位の数値（例: 8120）。支出がないときは「—」")
    dv.add(coord)
    ws.add_data_validation(dv)


class _Writer:
    def __init__(self, sh: _Sheet, department: str, year: FiscalYear, fields: Mapping[str, FieldValue]) -> None:
        self.sh = sh
        self.ws = sh.ws
        self.department = department
        self.year = year
        self.era = year.era_label()
        self.fields = fields
        self.row = 3
        self.status_dv = DataValidation(type="list", formula1='"' + ",".join(STATUS_CHOICES) + '"', allow_blank=True,
                                        showErrorMessage=True, errorTitle="進捗状況",
                                        error="一覧から選んでください: " + "、".join(STATUS_CHOICES))
        self.ws.add_data_validation(self.status_dv)

    def heads(self, labels: Sequence[str]) -> None:
        self.sh.heads(self.row, labels)
        self.row += 1

    def policy(self, tree: PlanTree, policy: Node, projects: list[Node], indicators: list[Indicator],
               scope: DepartmentScope) -> None:
        sh, ws = self.sh, self.ws
        sh.put(self.row, 1, policy.number)
        sh.put(self.row, 2, f"{policy.title}（{tree.plan.title}）", anchor=True)
        for c in range(1, len(_WIDTHS) + 1):
            ws.cell(row=self.row, column=c).fill = PatternFill("solid", fgColor=PLAN_FILL_COLOR)
        ws.cell(row=self.row, column=2).font = BOLD
        self.row += 1
        if projects:
            self.projects(tree, projects, scope)
        if indicators:
            self.indicators(tree, indicators, scope)
        self.row += 1

    def projects(self, tree: PlanTree, projects: list[Node], scope: DepartmentScope) -> None:
        level = tree.plan.level_name(tree.plan.round.level or 1)
        label = tree.plan.round.narrative_label
        # a head breaks between its words, each line whole in its column (not 「進捗状／況」)
        self.heads(["番号", level, "担当課", f"{self.era}\n計画の費用\n（千円）", f"{self.era}\n進捗状況",
                    f"{self.era}\n{label}", f"{self.era}\n決算額\n（千円）",
                    f"差の理由\n（計画と{int(NOTE_SHARE * 10)}割以上違うとき）", f"{self.era}\n決算額のメモ"])
        sh, ws, pid, y = self.sh, self.ws, tree.plan.id, self.year.year
        for node in projects:
            owned = scope.owns_node(node.key)
            sh.put(self.row, 1, node.number)
            sh.put(self.row, 2, node.title, anchor=True, wrap=True)
            sh.put(self.row, 3, _departments(node.departments), wrap=True)
            cost = planned_cost(node, self.year)
            number, fmt = entry_number(str(cost) if cost is not None else None)
            sh.put(self.row, 4, number, number=True)  # a number (Excel's sums work); its text is what openpyxl reads back
            if fmt:
                ws.cell(row=self.row, column=4).number_format = fmt
            for col, part in ((5, "status"), (6, "narrative"), (7, "settled"), (8, "settled_note")):
                k = _key(pid, node.key, y, part)
                current = self.fields.get(k)
                value: object = current or None
                fmt = None
                if part == "settled" and owned:
                    value, fmt = entry_number(current)
                sh.put(self.row, col, value, k, locked=not owned, text=current or "",
                       wrap=part in ("narrative", "settled_note"), number=part == "settled")
                coord = ws.cell(row=self.row, column=col).coordinate
                if fmt:
                    ws.cell(row=self.row, column=col).number_format = fmt
                if owned and part == "status":
                    self.status_dv.add(coord)
                if owned and part == "settled":
                    _settled_validation(ws, coord)
            _note_cell(sh, self.row, 9, _key(pid, node.key, y, "settled"), self.fields, owned)  # issue 25
            self.row += 1

    def indicators(self, tree: PlanTree, indicators: list[Indicator], scope: DepartmentScope) -> None:
        previous = FiscalYear(self.year.year - 1)
        self.heads(["番号", "成果指標", "所管課", "単位", "基準値", f"{self.era}\n目標値",
                    f"{previous.era_label()}\n実績", f"{self.era}\n実績", f"{self.era}\n実績のメモ",
                    f"{self.era}\n実績（見込）", f"{self.era}\n実績（見込）\nのメモ"])
        sh, ws, pid, y = self.sh, self.ws, tree.plan.id, self.year.year
        for ind in indicators:
            owned = scope.owns_indicator(ind.key)
            sh.put(self.row, 1, ind.number or "")
            sh.put(self.row, 2, ind.name_with_marks, anchor=True, wrap=True)
            sh.put(self.row, 3, _departments(ind.departments) or NO_DEPARTMENT)
            sh.put(self.row, 4, ind.unit)
            baseline = max(ind.values_of(ValueKind.BASELINE), key=lambda v: v.year.year, default=None)
            if baseline is not None:
                k = _vkey(pid, ind.key, ValueKind.BASELINE, baseline.year.year, baseline.revision)
                sh.put(self.row, 5, self.fields.get(k) or "", k)
            targets = [v for v in ind.values if v.kind is ValueKind.TARGET and v.year.year == y]
            if targets:
                t = targets[-1]  # a reset target is stored after the one it replaces
                k = _vkey(pid, ind.key, ValueKind.TARGET, y, t.revision)
                sh.put(self.row, 6, self.fields.get(k) or "", k)
            k = _vkey(pid, ind.key, ValueKind.ACTUAL, previous.year)
            sh.put(self.row, 7, self.fields.get(k) or "", k)
            for col, kind in ((8, ValueKind.ACTUAL), (10, ValueKind.FORECAST)):
                k = _vkey(pid, ind.key, kind, y)
                current = self.fields.get(k)
                number, fmt = entry_number(current) if owned else (current, None)
                sh.put(self.row, col, number, k, locked=not owned, text=current or "")
                if fmt:
                    ws.cell(row=self.row, column=col).number_format = fmt
                if owned:
                    _value_validation(ws, ws.cell(row=self.row, column=col).coordinate)
                _note_cell(sh, self.row, col + 1, k, self.fields, owned)  # the value's note beside it (issue 25)
            self.row += 1


def program_sheet(wb: Workbook, trees: Sequence[PlanTree], department: str, year: FiscalYear,
                  fields: Mapping[str, FieldValue]) -> _Sheet | None:
    """The sheet for the plans in `trees` whose round asks for a 決算額, or None when the department
    sees nothing of them."""
    chosen = [t for t in trees if takes(t)]
    blocks: list[tuple[PlanTree, Node, list[Node], list[Indicator], DepartmentScope]] = []
    for tree in chosen:
        scope = DepartmentScope(tree, department)
        for policy in tree.nodes:
            projects = [n for n in tree.nodes if n.parent_key == policy.key and expects_progress(tree, n)
                        and scope.sees_node(n)]
            indicators = [i for i in tree.indicators_of(policy.key) if scope.sees_indicator(i)]
            if projects or indicators:
                blocks.append((tree, policy, projects, indicators, scope))
    if not blocks:
        return None
    sh = _Sheet(wb.create_sheet(sheet_name(chosen)), _WIDTHS)
    ws = sh.ws
    sh.put(1, 1, f"{year.era_label()} {sheet_name(chosen)}（{department}）")
    ws.cell(row=1, column=1).font = TITLE
    sh.put(2, 1, "計画の費用・目標値・前年度の実績は参照用です（変更できません）。黄色のセルに入力してください。")
    w = _Writer(sh, department, year, fields)
    for tree, policy, projects, indicators, scope in blocks:
        w.policy(tree, policy, projects, indicators, scope)
    sh.finish("1:2")  # widths, the rows' heights for their wrapped text, A4 landscape one page wide
    ws.freeze_panes = "C3"
    return sh


# what io/dept_workbook/write.py is given for a hand-out (services/rounds/workbook.py)
PROGRAM_YEAR = ExtraSheet(takes, program_sheet, instruction_lines)
