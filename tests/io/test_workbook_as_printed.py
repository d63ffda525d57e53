"""The workbooks follow the rule the handouts follow: every field comes from the document the sheet
reproduces (docs/reports.md). 003's table has no column, mark, period or note of 001; the progress
list numbers its measures as 000 does; the program's sheet has no 003 heading."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from kodaira_desk.services.database import open_database
from kodaira_desk.services.workbooks import export_xlsx
from kodaira_desk.store.database import Database

# what only 001 (the strategy's text) prints about the indicators 003 reports on
OF_001 = ("平成25年11月", "平成26年中", "平成25年10月", "平成24年度", "経済センサス", "策定時", "平成31年度",
          "小平市まち・ひと・しごと創生総合戦略（")


@pytest.fixture(scope="module")
def books(built_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Workbook]]:
    folder = tmp_path_factory.mktemp("as-printed")
    shutil.copyfile(built_db_template, folder / "city.sqlite")
    db: Database = open_database(folder / "city.sqlite", create=False)
    try:
        yield {pid: load_workbook(export_xlsx(db, pid, folder / f"{pid}.xlsx"))
               for pid in ("strategy-2015", "program-2021")}
    finally:
        db.dispose()


def _texts(book: Workbook, sheet: str) -> list[str]:
    ws = book[sheet]
    found = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    found += [c.comment.text for row in ws.iter_rows() for c in row if c.comment is not None]
    return found


def _heads(ws: Worksheet) -> list[str]:
    """The sheet's two header rows (the one with 指標 and the years under it)."""
    first = next(r for r in range(1, 10) if "指標" in [c.value for c in ws[r]])
    return [str(c.value) for c in ws[first] + ws[first + 1] if c.value]


def test_the_achievement_sheet_has_nothing_of_001(books: dict[str, Workbook]) -> None:
    texts = _texts(books["strategy-2015"], "達成状況")
    assert [t for t in texts if any(part in t for part in OF_001)] == []
    ws = books["strategy-2015"]["達成状況"]
    assert ws.cell(1, 1).value == "２　小平市まち・ひと・しごと創生総合戦略の達成状況（数値目標・ＫＰＩ一覧）"
    heads = _heads(ws)
    assert "令和２年度末" in heads and "令和2年度末" not in heads  # 003's heads
    assert "【留意事項】" in texts  # 003's own heading of its notes


def test_the_program_sheet_prints_its_notes_as_004_does(books: dict[str, Workbook]) -> None:
    texts = _texts(books["program-2021"], "到達目標")
    assert "【留意事項】" not in texts
    assert "※2 事業拡充に伴い、文言を修正した。" in texts  # as 004 prints its notes
    heads = _heads(books["program-2021"]["到達目標"])
    assert heads[-5:] == ["令和2年度", "令和3年度", "令和4年度", "令和5年度", "令和6年度"]


def test_the_progress_sheet_numbers_measures_as_000(books: dict[str, Workbook]) -> None:
    ws = books["strategy-2015"]["進捗状況一覧"]
    numbers = [c.value for c in ws["A"] if isinstance(c.value, str) and c.value.isdigit()]
    assert numbers[:4] == ["1", "2", "3", "4"] and len(numbers) == 43
    assert not any("－" in str(c.value) for c in ws["A"] if c.value and not str(c.value).startswith("基本目標"))


def test_a_rate_below_zero_is_said_in_words(books: dict[str, Workbook]) -> None:
    """小平グリーンロード等のイベント来場者数: 0人 (見込) against 62,600人 → 75,000人 is −504.8%; the
    committee reads 「▲遅れ（基準値を下回る）（見込）」, the number is in the open data."""
    ws = books["strategy-2015"]["達成状況"]
    heads = _heads(ws)
    row = next(r for r in ws.iter_rows() if r[0].value == "小平グリーンロード等のイベント来場者数")
    cells = {str(c.value) for c in row if c.value is not None}
    assert "▲遅れ（基準値を下回る）（見込）" in cells
    assert not any(isinstance(c.value, (int, float)) and c.value < 0 for c in row)
    assert "達成率" in heads
