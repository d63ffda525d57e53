"""Tester's finding (tclerk, 2026-12-08): a clerk copies the year's activities from one cell of the
department's own spreadsheet (a cell with line breaks, which Excel and LibreOffice put on the
clipboard as tab-separated text: quoted, with the quotes inside doubled, and a line end after it)
and presses Ctrl+V in 実施等状況. The quotes are pasted as typed characters and Ctrl+S saves
「"・講演会を2回開催\\n・参加者120人"」 into the file (the committee's list then prints the quotes).
The KPI grid reads the same clipboard format as cells (ui/forms/clipboard.py); the text box does not."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from roundkit import close_window, hand_out, narrative, open_window
from test_clerk import click_node, save

DEPT = "産業振興課"
CELL = '"・講演会を2回開催\n・参加者120人（""女性再就職""講座を含む）"\r\n'  # one spreadsheet cell, copied


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


def test_a_spreadsheet_cell_pasted_into_the_activities_keeps_its_text_not_its_quotes(  # type: ignore[no-untyped-def]
        qtbot, db_path: Path, tmp_path: Path) -> None:
    department_file = hand_out(db_path, tmp_path / "配布", [DEPT])[DEPT]
    w = open_window(department_file)
    try:
        qtbot.waitExposed(w)
        w.tree_view.expandAll()
        click_node(qtbot, w, "strategy-2015", "g1.a1.m1")
        box = w.page.measure.narrative
        box.setFocus()
        box.selectAll()
        QGuiApplication.clipboard().setText(CELL)
        qtbot.keyClick(box, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        shown = box.toPlainText()
        save(qtbot, w)
        assert narrative(department_file, "g1.a1.m1") == "・講演会を2回開催\n・参加者120人（\"女性再就職\"講座を含む）", (
            f"the form showed {shown!r}")
    finally:
        close_window(w)
