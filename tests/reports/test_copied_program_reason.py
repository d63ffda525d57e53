"""A next program copied by `plan copy` has no 費用 yet, so no 差の理由 is asked for its 決算額; a reason a
clerk typed anyway is theirs, and the program year's handout and its Excel sheet print it beside the
決算額, as they print every reason where the 決算額 differs much from a planned 費用."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from pdf_reading import flat, page_texts

from kodaira_desk import cli
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import ProgressField, content_of, save_edits
from kodaira_desk.services.workbooks import export_xlsx

REASON = "国の補助金が追加されたため前倒しで実施"


@pytest.fixture
def typed(db_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert cli.main(["--db", str(db_path), "plan", "copy", "--plan", "program-2021", "--to", "program-2025",
                     "--period", "R7-R10"]) == 0
    capsys.readouterr()
    db = open_database(db_path, create=False)
    try:
        fields = {ProgressField("program-2025", "p1.j1", 2025, "status"): "実施中",
                  ProgressField("program-2025", "p1.j1", 2025, "narrative"): "・フォーラムを開催",
                  ProgressField("program-2025", "p1.j1", 2025, "settled"): "1,200",
                  ProgressField("program-2025", "p1.j1", 2025, "settled_note"): REASON}
        save_edits(db, {f: content_of(f, v) for f, v in fields.items()}, actor="テスト")
    finally:
        db.dispose()
    return db_path


def test_the_handout_prints_a_reason_typed_where_the_copy_has_no_cost(typed: Path, tmp_path: Path) -> None:
    out = tmp_path / "program-year.pdf"
    assert cli.main(["--db", str(typed), "report", "program-year", "--plan", "program-2025", "--year", "R7",
                     "--out", str(out)]) == 0
    text = flat("".join(page_texts(out)))
    assert "1,200" in text
    assert flat(REASON) in text


def test_the_sheet_prints_it_too(typed: Path, tmp_path: Path) -> None:
    db = open_database(typed, create=False)
    try:
        book = export_xlsx(db, "program-2025", tmp_path / "program.xlsx")
    finally:
        db.dispose()
    ws = openpyxl.load_workbook(book)["年度の取組状況"]
    row = next(r for r in ws.iter_rows(values_only=True) if r[1] == "男女共同参画推進事業")
    assert REASON in str(row[7])
