"""The notes' columns of a department's workbook (issue 25) as a clerk sees them on screen and on
paper: beside their value, typed over where the value is, wrapping in a row tall enough, and narrow
enough that the sheets printed one A4 page wide keep their scale (tests/round reads them back)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from kodaira_desk.cli import main
from kodaira_desk.domain.annotations import AnnotationKey
from kodaira_desk.io.xlsx_sheet import BODY, LINE_PT, lines_needed
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import AnnotationField, save_edits

FARM = "value:strategy-2015:g1.a1.k3:actual:2020:"  # 市内体験農園の区画数 令和2年度 実績, 産業振興課
FARM_NOTE = "R2は区画を5つ増設したため増加。出典: 農業振興係の台帳（令和3年3月末）"
HEADER_ROW = 3
NOTE_HEADS = {"成果指標": ("令和2年度\n実績のメモ", "令和2年度\n実績（見込）のメモ"),
              "実施状況": ("令和2年度\n進捗状況のメモ", "令和2年度\n実施等状況のメモ")}


@pytest.fixture(scope="module")
def book(built_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("notes-paper")
    path = folder / "city.sqlite"
    shutil.copyfile(built_db_template, path)
    db = open_database(path, create=False)
    try:
        save_edits(db, {AnnotationField(str(AnnotationKey.note(FARM))): FARM_NOTE}, actor="政策課 山田")
    finally:
        db.dispose()
    assert main(["--db", str(path), "handout", "--year", "R2", "--out", str(folder / "out"), "--format", "xlsx",
                 "--department", "産業振興課"]) == 0
    (found,) = (folder / "out").glob("*.xlsx")
    return found


def _heads(ws: Worksheet) -> dict[str, int]:
    return {str(c.value): c.column for c in ws[HEADER_ROW] if c.value}


@pytest.mark.parametrize("sheet", list(NOTE_HEADS))
def test_each_note_column_stands_right_of_its_value(book: Path, sheet: str) -> None:
    heads = _heads(load_workbook(book)[sheet])
    for head in NOTE_HEADS[sheet]:
        value = head.removesuffix("のメモ")
        after = heads[value] + (2 if sheet == "成果指標" else 1)  # an indicator's value has its unit beside it
        assert heads[head] == after, (head, heads)


def test_the_masters_note_is_shown_wrapped_in_a_row_tall_enough(book: Path) -> None:
    ws = load_workbook(book)["成果指標"]
    column = _heads(ws)["令和2年度\n実績のメモ"]
    (cell,) = [row[column - 1] for row in ws.iter_rows(min_row=HEADER_ROW + 1)
               if row[2].value == "市内体験農園の区画数"]
    assert cell.value == FARM_NOTE and cell.alignment.wrap_text and not cell.protection.locked
    width = ws.column_dimensions[cell.column_letter].width
    assert lines_needed(FARM_NOTE, width, BODY) > 1  # it does wrap, and the row holds every line
    assert (ws.row_dimensions[cell.row].height or LINE_PT) >= lines_needed(FARM_NOTE, width, BODY) * LINE_PT


@pytest.mark.parametrize("sheet", list(NOTE_HEADS))
def test_the_note_columns_cost_the_printed_page_little_of_its_scale(book: Path, sheet: str) -> None:
    """Each sheet prints one A4 page wide (fitToWidth): every unit of width the notes add shrinks
    the whole sheet's print. Two note columns take at most 15% of the width, so the sheet prints at
    85% or more of the scale it had without them (24 units each took 18% and shrank it to 82%)."""
    ws = load_workbook(book)[sheet]
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    heads = _heads(ws)
    widths = {c: ws.column_dimensions[ws.cell(HEADER_ROW, c).column_letter].width for c in heads.values()}
    notes = sum(widths[heads[h]] for h in NOTE_HEADS[sheet])
    assert notes <= sum(widths.values()) * 0.15, (notes, sum(widths.values()))
