"""The print dialog's achievement options: a person ticks the status column and the chart pages,
saves, and the PDF has both; the boxes are off for the reports they do not belong to."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from PySide6.QtCore import QPoint, Qt

from kodaira_desk.ui.window.main_window import MainWindow


def _tick(qtbot, box) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def test_status_column_and_chart_pages_from_the_dialog(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.select_node("strategy-2015", "g1")
    dialog = window.show_report_dialog()
    assert dialog is not None
    kinds = [dialog.kind.itemData(i) for i in range(dialog.kind.count())]
    dialog.kind.setCurrentIndex(kinds.index("progress"))
    assert not dialog.status_column.isEnabled() and not dialog.chart_pages.isEnabled()
    dialog.kind.setCurrentIndex(kinds.index("kpi"))
    assert dialog.status_column.isEnabled() and dialog.chart_pages.isEnabled()
    _tick(qtbot, dialog.status_column)
    _tick(qtbot, dialog.chart_pages)
    assert dialog.status_column.isChecked() and dialog.chart_pages.isChecked()
    out = tmp_path / "kpi.pdf"
    op = dialog.save_to(out)
    assert op is not None
    op.wait()
    with pdfplumber.open(out) as pdf:
        pages = [p.extract_text() or "" for p in pdf.pages]
    assert any(line.endswith("実績（見込） 目標 達成状況") for line in pages[0].splitlines())
    assert "▲遅れ 33.3%" in pages[0]  # 新規就農者数, R2 (見込); its row is read back in tests/reports
    assert "指標の推移" in pages[1]
    dialog.close()
