"""A strategy copied into the next plan (`kodaira-desk plan copy`) keeps 003's 【留意事項】: every note
is carried into the new plan (the Excel sheet lists them all under 【留意事項】), and its 達成状況 PDF
prints the block with the note that has no mark and those whose mark still prints on an
indicator's name (※2, ※3); the notes of the old values' marks (※4, ※5 on 令和2年度's 見込, ※1 on
the strategy's 「現状」 column) are not printed under a table that has neither (domain/footnote_marks.py)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from pdf_reading import page_texts

from kodaira_desk import cli


def test_the_copy_keeps_its_notes(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--db", str(db_path), "plan", "copy", "--plan", "strategy-2015", "--to", "strategy-2020",
                     "--period", "R2-R6"]) == 0
    assert "注記 14 件を引き継ぎました（元の計画 14 件）" in capsys.readouterr().out
    pdf, xlsx = tmp_path / "達成状況.pdf", tmp_path / "達成状況.xlsx"
    assert cli.main(["--db", str(db_path), "report", "kpi", "--plan", "strategy-2020", "--out", str(pdf)]) == 0
    text = "".join("".join(page_texts(pdf)).split())
    notes = text[text.index("【留意事項】"):]
    assert "・複合的な取組の結果として表れる指標" in notes
    assert "（※2）平成26・28年度末は世論調査" in notes and "（※3）平成26年度末（現状値）は概数" in notes
    assert "（※4）" not in notes and "（※5）" not in notes
    assert cli.main(["--db", str(db_path), "export", "xlsx", "--plan", "strategy-2020", "--out", str(xlsx)]) == 0
    cells = [c for ws in openpyxl.load_workbook(xlsx) for row in ws.iter_rows(values_only=True)
             for c in row if isinstance(c, str)]
    head = cells.index("【留意事項】")
    assert [c[:4] for c in cells[head + 1:head + 7]] == ["・複合的", "（※1）", "（※2）", "（※3）", "（※4）", "（※5）"]
