"""Notes (issue 25) in the program year's workbook (issue 31): a 主要事業's 決算額 and an indicator's
実績 and 実績（見込） each have their note in the column beside them, as the 成果指標 sheet has; the
master's note is shown there, typed over by the clerk as Excel stores it, and arrives with the value."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from program_kit import head_text, workbooks

from kodaira_desk.cli import main
from kodaira_desk.domain.annotations import AnnotationKey
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import AnnotationField, save_edits
from kodaira_desk.services.plans import load_plan

P = "program-2021"
SHIMIN = "市民協働・男女参画推進課"
SHEET = "主要事業の実績"
SETTLED = "progress:program-2021:p1.j1:2021:settled"  # 1 男女共同参画推進事業 令和3年度 決算額
ACTUAL = "value:program-2021:p1.k1:actual:2021:"  # 男女共同参画に関する啓発等の企画数 令和3年度 実績
FORECAST = "value:program-2021:p1.k1:forecast:2021:"


def _cell(ws: object, name: str, head: str) -> str:
    """The cell of the row named `name` (column B) under `head` in the header row above it."""
    row = next(c.row for c in ws["B"] if c.value == name)  # type: ignore[index]
    for r in range(row - 1, 0, -1):
        cells = ws[r]  # type: ignore[index]
        if cells[0].value == "番号":
            heads = {head_text(c.value): c.column_letter for c in cells if c.value}
            return f"{heads[head]}{row}"
    raise AssertionError(f"no header above {name}")


def test_notes_beside_the_program_years_values_go_out_and_come_back(db_path: Path, tmp_path: Path) -> None:
    db = open_database(db_path, create=False)
    try:
        save_edits(db, {AnnotationField(str(AnnotationKey.note(SETTLED))): "政策課: 決算見込みを確認中"}, actor="政策課 山田")
    finally:
        db.dispose()
    out = tmp_path / "配布"
    assert main(["--db", str(db_path), "handout", "--year", "R3", "--out", str(out), "--format", "xlsx",
                 "--department", SHIMIN]) == 0
    (book,) = out.glob("*.xlsx")
    wb = openpyxl.load_workbook(book)
    ws = wb[SHEET]
    settled_note = _cell(ws, "男女共同参画推進事業", "令和3年度 決算額のメモ")
    shown = ws[settled_note]
    assert shown.value == "政策課: 決算見込みを確認中" and not shown.protection.locked and shown.alignment.wrap_text
    indicator = "男女共同参画に関する啓発等の企画数"
    assert _cell(ws, indicator, "令和3年度 実績のメモ")[0] == chr(ord(_cell(ws, indicator, "令和3年度 実績")[0]) + 1)
    ws[_cell(ws, "男女共同参画推進事業", "令和3年度 決算額（千円）")] = 8120
    ws[settled_note] = "委託料の精算により減"
    ws[_cell(ws, indicator, "令和3年度 実績")] = 16
    ws[_cell(ws, indicator, "令和3年度 実績のメモ")] = "オンライン講座2回を含む"
    wb.save(book)
    workbooks.like_excel_desktop(book, book.with_suffix(".excel.xlsx")).replace(book)  # Excel's shared strings
    assert main(["--db", str(db_path), "collect", str(book), "--by", "政策課 山田"]) == 0
    db = open_database(db_path, create=False)
    try:
        tree = load_plan(db, P)
    finally:
        db.dispose()
    assert str(tree.progress_in("p1.j1", FiscalYear(2021)).settled) == "8,120"  # type: ignore[union-attr]
    notes = tree.annotations
    assert notes.note(SETTLED).text == "委託料の精算により減"  # type: ignore[union-attr]
    assert notes.note(ACTUAL).text == "オンライン講座2回を含む"  # type: ignore[union-attr]
    assert notes.note(FORECAST) is None  # left empty: no note made
