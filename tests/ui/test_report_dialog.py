"""File > 印刷用PDF作成 and File > Excel出力 from the window."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kodaira_desk.ui.window.main_window import MainWindow


def test_pdf_dialog_previews_and_saves(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.select_node("strategy-2015", "g1")
    dialog = window.show_report_dialog()
    assert dialog is not None
    kinds = [dialog.kind.itemData(i) for i in range(dialog.kind.count())]
    assert kinds == ["progress", "kpi"]  # only what fits the strategy
    dialog.kind.setCurrentIndex(kinds.index("kpi"))
    assert dialog.handout.text() == "資料３" and dialog.draft.isChecked()  # from the city's own handout
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=30000)
    pages = [w for w in dialog.pages.findChildren(QLabel) if w.pixmap() is not None and not w.pixmap().isNull()]
    assert len(pages) >= 2
    assert dialog.progress.value() == 100
    out = tmp_path / "kpi.pdf"
    op = dialog.save_to(out)
    assert op is not None
    op.wait()
    with pdfplumber.open(out) as pdf:
        text = pdf.pages[0].extract_text()
    assert "未定稿" in text and "資料３" in text and "令和３年３月２９日（月）" in text
    assert "109,367人" in "".join(p.extract_text() for p in pdfplumber.open(out).pages)
    dialog.close()


def test_excel_export_from_the_window(window: MainWindow, tmp_path: Path) -> None:
    window.select_node("program-2021", "p2")
    out = tmp_path / "program.xlsx"
    window.export_excel_to(out).wait()
    wb = load_workbook(out)
    values = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert 218014 in values and 6225723 in values
