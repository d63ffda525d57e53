"""The round's year in a department's workbook (issue 24), as a .kdesk carries it:

- next year starts from this year: each carried 実施等状況 is the starting text of its measure's
  entry cell (written by the sheet itself), its 備考 says 【前年度から引継ぎ】, and a column after
  備考 has a 変更なし cell (a drop-down) where the clerk confirms that the text stands as it is;
- the department head's check (課長確認): the first sheet ends with a name cell and a date cell
  (validated), which the collection reads into the import's record and the audit.

The new heads and labels are locked anchors of the layout (a moved row or column is refused, as on
the other sheets, and they are in the identity sheet's checksum); the input cells are unlocked and
kept in the layout apart from the field cells (layout.CarriedCell, layout.HeadCheckCells).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, replace

from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.round_year import CarriedText
from kodaira_desk.io.dept_workbook.layout import CarriedCell, CellSpec, HeadCheckCells, RoundYear
from kodaira_desk.io.dept_workbook.styles import BOLD, ENTRY_FILL, HEAD_ALIGN, HEAD_FILL, UNLOCKED, WRAP
from kodaira_desk.io.excel_cell import excel_serial
from kodaira_desk.io.xlsx_sheet import BODY, LINE_PT, MAX_ROW_PT, PAD_PT, lines_needed

CONFIRM_WORD = "変更なし"
CONFIRM_HEAD = "前年度からの\n引継ぎ"
CONFIRM_WIDTH = 14
NOTE_HEAD = "備考"
HEAD_CHECK_TITLE = "■ 課長（所属長）の確認"
HEAD_CHECK_NAME = "確認した人の氏名（例: 産業振興課長 佐藤）"
HEAD_CHECK_DATE = "確認した日（例: 2027/5/20）"
MAX_NAME_CHARS = 60  # domain.round_year.head_check_name
DATE_FORMAT = "yyyy/m/d"


@dataclass(frozen=True)
class YearCells:
    specs: tuple[CellSpec, ...]  # the sheets' cells, with the new heads and labels (locked anchors)
    carried: tuple[CarriedCell, ...]
    head_check: HeadCheckCells


def carried_note(from_year: int) -> str:
    """備考 of a row whose 実施等状況 starts from last year's text."""
    return (f"【前年度から引継ぎ】{FiscalYear(from_year).era_label()}の実施等状況を入れてあります。"
            f"変わらなければ右の列で「{CONFIRM_WORD}」を選び、変わったところは書き直してください。"
            "どちらもしないと未記入として扱います。")


def _row_col(coord: str) -> tuple[int, int]:
    letters, row = coordinate_from_string(coord)
    return row, column_index_from_string(letters)


def _fit(ws: Worksheet, row: int, text: str, width: float) -> None:
    """The row as high as `text` needs in a column `width` wide (never lower than it was)."""
    needed = min(MAX_ROW_PT, lines_needed(text, width, BODY) * LINE_PT + PAD_PT)
    now = ws.row_dimensions[row].height
    if now is None or now < needed:
        ws.row_dimensions[row].height = needed


def add_carried(ws: Worksheet, specs: list[CellSpec], carried: Sequence[CarriedText]) -> list[CarriedCell]:
    """On a sheet with measures: each carried text's row says so in 備考 and gets a 変更なし cell in
    a column after 備考. `specs`: the sheet's cells, changed in place (the 備考 cells' texts, the new
    head). Nothing is added when none of the carried texts is on this sheet."""
    by_key = {t.key: t for t in carried}
    rows = [s for s in specs if s.sheet == ws.title and not s.locked and s.key in by_key]
    note_head = next((s for s in specs if s.sheet == ws.title and s.anchor and s.text == NOTE_HEAD), None)
    if not rows or note_head is None:
        return []
    head_row, note_col = _row_col(note_head.coord)
    col = ws.max_column + 1
    head = ws.cell(row=head_row, column=col, value=CONFIRM_HEAD)
    head.fill, head.font, head.alignment = HEAD_FILL, BOLD, HEAD_ALIGN
    specs.append(CellSpec(ws.title, head.coordinate, "", CONFIRM_HEAD, True, True))
    ws.column_dimensions[get_column_letter(col)].width = CONFIRM_WIDTH
    note_width = ws.column_dimensions[get_column_letter(note_col)].width or CONFIRM_WIDTH
    dv = DataValidation(type="list", formula1=f'"{CONFIRM_WORD}"', allow_blank=True, showErrorMessage=True,
                        errorTitle="前年度からの引継ぎ", error=f"「{CONFIRM_WORD}」を選ぶか、空欄のままにしてください。",
                        showInputMessage=True, promptTitle="前年度からの引継ぎ",
                        prompt=f"実施等状況が前年度のままでよければ「{CONFIRM_WORD}」を選びます。")
    ws.add_data_validation(dv)
    index = {(s.sheet, s.coord): i for i, s in enumerate(specs)}
    out: list[CarriedCell] = []
    for spec in rows:
        text = by_key[spec.key]
        row, _ = _row_col(spec.coord)
        note = ws.cell(row=row, column=note_col, value=carried_note(text.from_year))
        note.font, note.alignment = BODY, WRAP
        at = index.get((ws.title, note.coordinate))
        if at is not None:  # the 備考 cell is written (empty) for each row: now it says why
            specs[at] = replace(specs[at], text=str(note.value))
        else:
            specs.append(CellSpec(ws.title, note.coordinate, "", str(note.value), True))
        _fit(ws, row, str(note.value), note_width)
        cell = ws.cell(row=row, column=col)
        cell.font, cell.alignment, cell.fill, cell.protection = BODY, WRAP, ENTRY_FILL, UNLOCKED
        dv.add(cell.coordinate)
        out.append(CarriedCell(spec.key, text.text, text.from_year, ws.title, cell.coordinate))
    return out


CARRIED_LINES = (
    "■ 前年度からの引継ぎ",
    "「実施状況」シートの実施等状況には、前年度の文を初めから入れてあります\n"
    "（備考に【前年度から引継ぎ】）。変わらなければ「前年度からの引継ぎ」の列で\n"
    f"「{CONFIRM_WORD}」を選び、変わったところは書き直してください。\n"
    "どちらもしないと、その施策は未記入として扱います。",
)


def add_head_check(ws: Worksheet, year: FiscalYear, required: bool, carried: bool) -> tuple[list[CellSpec],
                                                                                           HeadCheckCells]:
    """Under the first sheet's instructions: (when texts were carried) how to confirm them, then
    the head's check: a name cell and a date cell, yellow, validated, in the printed area."""
    specs: list[CellSpec] = []
    width = ws.column_dimensions["A"].width or 85
    row = ws.max_row + 1

    def line(text: str, *, bold: bool = False, anchor: bool = False) -> None:
        nonlocal row
        row += 1
        cell = ws.cell(row=row, column=1, value=text)
        cell.font, cell.alignment = (BOLD if bold else BODY), WRAP
        _fit(ws, row, text, width)
        specs.append(CellSpec(ws.title, cell.coordinate, "", text, True, anchor))

    def entry(validation: DataValidation) -> str:
        nonlocal row
        row += 1
        cell = ws.cell(row=row, column=1)
        cell.font, cell.alignment, cell.fill, cell.protection = BODY, WRAP, ENTRY_FILL, UNLOCKED
        ws.row_dimensions[row].height = LINE_PT + 4
        ws.add_data_validation(validation)
        validation.add(cell.coordinate)
        return str(cell.coordinate)

    if carried:
        line(CARRIED_LINES[0], bold=True, anchor=True)
        line(CARRIED_LINES[1])
        row += 1
    line(HEAD_CHECK_TITLE, bold=True, anchor=True)
    line("返送する前に、課長（所属長）が内容を確認したら、確認した人の氏名と\n確認した日を下の黄色のセルに入力してください。"
         + ("\nこの年度は必須です（ないときは政策課で要確認になります）。" if required else "（任意）"))
    line(HEAD_CHECK_NAME, anchor=True)
    name = entry(DataValidation(type="textLength", operator="between", formula1="1", formula2=str(MAX_NAME_CHARS),
                                allow_blank=True, showErrorMessage=True, errorTitle="課長確認",
                                error=f"氏名は {MAX_NAME_CHARS} 文字までで入力してください。",
                                showInputMessage=True, promptTitle="課長確認", prompt="確認した人の氏名"))
    line(HEAD_CHECK_DATE, anchor=True)
    first, last = datetime.date(year.year, 4, 1), datetime.date(year.year + 2, 3, 31)
    date = entry(DataValidation(type="date", operator="between", formula1=str(excel_serial(first)),
                                formula2=str(excel_serial(last)), allow_blank=True, showErrorMessage=True,
                                errorTitle="課長確認",
                                error=f"確認した日を {first:%Y/%m/%d}～{last:%Y/%m/%d} の日付で入力してください。",
                                showInputMessage=True, promptTitle="課長確認", prompt="確認した日（例: 2027/5/20）"))
    ws[date].number_format = DATE_FORMAT
    ws.print_area = f"A1:A{row}"
    return specs, HeadCheckCells(ws.title, name, date, required)


def add_round_year(first: Worksheet, measures: Worksheet | None, specs: Sequence[CellSpec], year: FiscalYear,
                   round_year: RoundYear) -> YearCells:
    """The round's year's cells on a written workbook (before its checksum is taken)."""
    cells = list(specs)
    carried = add_carried(measures, cells, round_year.carried) if measures is not None else []
    more, check = add_head_check(first, year, round_year.head_check_required, bool(carried))
    return YearCells(tuple(cells + more), tuple(carried), check)


__all__ = ["CONFIRM_WORD", "YearCells", "add_round_year", "carried_note"]
