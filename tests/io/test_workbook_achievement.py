"""The workbook's rate and status columns (issue 17), read back with openpyxl on the city's rows:
the rate a plain number (no formula), the status as the window marks it, the reason in its note."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from kodaira_desk.domain.achievement import Direction
from kodaira_desk.services.achievement import set_direction, set_thresholds
from kodaira_desk.services.database import open_database
from kodaira_desk.services.workbooks import export_xlsx

R2 = "令和２年度末"  # as 003 writes its heads


def _sheet(db_path: Path, out: Path, plan: str = "strategy-2015", sheet: str = "達成状況") -> Worksheet:
    if db_path.parent != out.parent:  # never open the shared template itself
        db_path = Path(shutil.copyfile(db_path, out.parent / "city.sqlite"))
    db = open_database(db_path, create=False)
    try:
        return load_workbook(export_xlsx(db, plan, out))[sheet]
    finally:
        db.dispose()


@pytest.fixture(scope="module")
def ws(built_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Worksheet:
    return _sheet(built_db_template, tmp_path_factory.mktemp("rates") / "strategy.xlsx")


def _heads(ws: Worksheet) -> list[tuple[str, str]]:
    group, out = "", []
    for c in range(1, ws.max_column + 1):
        group = str(ws.cell(3, c).value or group) if ws.cell(3, c).value is not None else group
        out.append((group, str(ws.cell(4, c).value or "")))
    return out


def _row(ws: Worksheet, name: str) -> int:
    return next(c.row for c in ws["A"] if isinstance(c.value, str) and c.value.startswith(name))


def _cells(ws: Worksheet, name: str) -> tuple[object, object, str, str | None]:
    """(rate, its number format, status, the status's note) of the indicator's row."""
    heads = _heads(ws)
    r = _row(ws, name)
    rate = ws.cell(r, heads.index(("達成率", R2)) + 1)
    status = ws.cell(r, heads.index(("達成状況", R2)) + 1)
    assert rate.data_type in ("n", "s") and status.data_type == "s"
    return rate.value, rate.number_format, status.value, status.comment.text if status.comment else None


def test_rate_and_status_columns_sit_before_the_departments(ws: Worksheet) -> None:
    heads = _heads(ws)
    at = heads.index(("達成率", R2))
    assert heads[at - 1] == ("目標", R2) and heads[at + 1] == ("達成状況", R2) and heads[at + 2][0] == "所管課"


def test_the_citys_rows(ws: Worksheet) -> None:
    # 新規就農者数: baseline 4人, R2 target 3人 (a target below baseline): the ratio 1人 (見込) / 3人
    rate, fmt, status, note = _cells(ws, "新規就農者数")
    assert (rate, fmt, status) == (33.3, '#,##0.0"%"', "▲遅れ（見込）")
    assert note is not None and "目標に対する比" in note and "実績（見込）による判定" in note
    # 「緑の豊かさ」の満足度: （※4） in R2 — no rate, and the note says why, with the footnote's text
    rate, _, status, note = _cells(ws, "「緑の豊かさ」の満足度")
    assert (rate, status) == (None, "－判定不能")
    assert note is not None and "（※4）" in note and "世論調査を令和3年度に延期" in note
    # 援農ボランティア講座修了者数（累計）: 208人 → 264人 (見込) against 255人
    rate, _, status, _ = _cells(ws, "援農ボランティア講座修了者数")
    assert (rate, status) == (119.1, "◎達成（見込）")
    # 合計特殊出生率 1.40 → 1.46, R2 （※5）
    rate, _, status, note = _cells(ws, "合計特殊出生率")
    assert (rate, status) == (None, "－判定不能") and note is not None and "（※5）" in note


def test_no_formula_anywhere_in_the_new_columns(ws: Worksheet) -> None:
    heads = _heads(ws)
    for group in ("達成率", "達成状況"):
        column = heads.index((group, R2)) + 1
        values = [ws.cell(r, column) for r in range(5, ws.max_row + 1)]
        assert all(c.data_type != "f" and not str(c.value or "").startswith("=") for c in values)
    numbers = [ws.cell(r, heads.index(("達成率", R2)) + 1).value for r in range(5, ws.max_row + 1)]
    assert sum(isinstance(v, (int, float)) for v in numbers) >= 15  # most rows have a rate


def test_settings_in_the_database_grade_the_workbook(built_db_template: Path, tmp_path: Path) -> None:
    path = tmp_path / "city.sqlite"
    shutil.copyfile(built_db_template, path)
    db = open_database(path, create=False)
    try:
        set_direction(db, "strategy-2015", "g1.a2.k2", Direction.LOWER)  # イベント来場者数: 0人 (見込)
        set_thresholds(db, "100", "30")  # 33.3% is then 概ね順調
    finally:
        db.dispose()
    ws = _sheet(path, tmp_path / "set.xlsx")
    assert _cells(ws, "小平グリーンロード等のイベント来場者数")[2] == "◎達成（見込）"
    assert _cells(ws, "新規就農者数")[2] == "○概ね順調（見込）"


def test_a_plan_without_actuals_has_no_rate_columns(built_db_template: Path, tmp_path: Path) -> None:
    ws = _sheet(built_db_template, tmp_path / "program.xlsx", plan="program-2021", sheet="到達目標")
    assert "達成率" not in [c.value for c in ws[3]] and "達成状況" not in [c.value for c in ws[3]]
